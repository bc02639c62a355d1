//! Quarter scoring rules (shared/domain.md, "Quarter score"): points from
//! compliance, satisfaction, conversions, resolved concerns and adjustments;
//! the village ranking with its caps, ties and tie-breaks.

use super::rules::Points;
use serde::Serialize;
use std::cmp::Ordering;

/// What a member did in a quarter, as numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Work {
    /// Done required periods ÷ required periods (1.0 when none were owed).
    pub compliance: f64,
    /// Mean rating value over the member's households (unrated count 0.6).
    pub satisfaction: f64,
    /// Upward class conversions of the member's households.
    pub conversions: u32,
    /// Concerns the member raised that were resolved in the quarter.
    pub resolved: u32,
    /// Sum of manual adjustments.
    pub adjustments: f64,
}

/// points = 50 × compliance + 30 × satisfaction + 5 per conversion (≤ 10)
/// + 2 per resolved concern (≤ 10) + adjustments, kept to one decimal.
pub fn points(w: &Work, p: &Points) -> f64 {
    let conversions = (f64::from(w.conversions) * p.conversion).min(p.conversion_max);
    let resolved = (f64::from(w.resolved) * p.concern_resolved).min(p.concern_resolved_max);
    let raw = p.compliance * w.compliance + p.satisfaction * w.satisfaction + conversions + resolved + w.adjustments;
    (raw * 10.0).round() / 10.0
}

/// A ranked member: only linked, non-exempt members are candidates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub id: i64,
    pub points: f64,
    pub compliance: f64,
    pub satisfaction: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Star,
    Warning,
}

/// A candidate's place: its rank (shared by full ties) and label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub id: i64,
    pub rank: usize,
    pub label: Option<Label>,
}

/// Points compare at one decimal; compliance and satisfaction break ties.
fn order(a: &Candidate, b: &Candidate) -> Ordering {
    let tenths = |x: f64| (x * 10.0).round() as i64;
    let close = |x: f64, y: f64| if (x - y).abs() < 1e-9 { Ordering::Equal } else { y.partial_cmp(&x).unwrap_or(Ordering::Equal) };
    tenths(b.points).cmp(&tenths(a.points)).then(close(a.compliance, b.compliance)).then(close(a.satisfaction, b.satisfaction))
}

/// A group of full ties that would have crossed a cap: it stays out whole,
/// and so does everyone beyond it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Block {
    /// The rank the group shares.
    pub rank: usize,
    /// How many are in it.
    pub size: usize,
    /// Places left under the cap when the group was reached.
    pub room: usize,
}

/// A village's ranking: places best first, how many of each label were
/// named, and the tie that stopped each label short of its cap.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ranking {
    pub placed: Vec<Placed>,
    pub stars: usize,
    pub warnings: usize,
    pub star_block: Option<Block>,
    pub warning_block: Option<Block>,
}

/// Ranks a village's candidates and names at most `star_cap` stars from the
/// top and `warning_cap` warnings from the bottom. A group still tied after
/// the tie-breaks that would cross a cap stays out whole, and so does
/// everyone beyond it; nobody is both.
pub fn rank(candidates: &[Candidate], star_cap: usize, warning_cap: usize) -> Ranking {
    let mut sorted: Vec<Candidate> = candidates.to_vec();
    sorted.sort_unstable_by(|a, b| order(a, b).then(a.id.cmp(&b.id)));
    // Groups of full ties, as index ranges.
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    for i in 0..sorted.len() {
        match groups.last_mut() {
            Some(g) if order(&sorted[g.start], &sorted[i]) == Ordering::Equal => g.end = i + 1,
            _ => groups.push(i..i + 1),
        }
    }
    let mut labels: Vec<Option<Label>> = vec![None; sorted.len()];
    let (stars, star_block) = label_from(groups.iter(), &mut labels, Label::Star, star_cap);
    let (warnings, warning_block) = label_from(groups.iter().rev(), &mut labels, Label::Warning, warning_cap);
    let placed = groups
        .iter()
        .flat_map(|g| g.clone().map(move |i| (i, g.start + 1)))
        .map(|(i, rank)| Placed { id: sorted[i].id, rank, label: labels[i] })
        .collect();
    Ranking { placed, stars, warnings, star_block, warning_block }
}

/// Labels whole groups in the given order until the cap or an already
/// labelled member; returns how many were labelled and the tie that stopped
/// it short of the cap.
fn label_from<'a>(
    groups: impl Iterator<Item = &'a std::ops::Range<usize>>,
    labels: &mut [Option<Label>],
    label: Label,
    cap: usize,
) -> (usize, Option<Block>) {
    let mut used = 0;
    for g in groups {
        if labels[g.start].is_some() || used == cap {
            return (used, None);
        }
        if used + g.len() > cap {
            return (used, Some(Block { rank: g.start + 1, size: g.len(), room: cap - used }));
        }
        used += g.len();
        g.clone().for_each(|i| labels[i] = Some(label));
    }
    (used, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::Rules;

    fn c(id: i64, points: f64) -> Candidate {
        Candidate { id, points, compliance: 0.8, satisfaction: 0.8 }
    }

    fn labels(r: &Ranking, label: Label) -> Vec<i64> {
        r.placed.iter().filter(|p| p.label == Some(label)).map(|p| p.id).collect()
    }

    /// domain.md: 湖口村 has 23 members, 2 exempt and 21 ranked; caps 3 and 2.
    fn hukou(points_of: impl Fn(i64) -> f64) -> Vec<Candidate> {
        (1..=21).map(|id| c(id, points_of(id))).collect()
    }

    #[test]
    fn worked_example_ranks_three_and_four_tie_so_only_two_stars() {
        let r = Rules::defaults();
        let (stars, warnings) = (r.star_cap(23), r.warning_cap(23));
        assert_eq!((stars, warnings), (3, 2));
        let cands = hukou(|id| match id {
            1 => 95.0,
            2 => 90.0,
            3 | 4 => 85.0,
            _ => 80.0 - id as f64,
        });
        let placed = rank(&cands, stars, warnings);
        assert_eq!(labels(&placed, Label::Star), vec![1, 2]);
        assert_eq!(labels(&placed, Label::Warning), vec![20, 21]);
        assert_eq!(placed.star_block, Some(Block { rank: 3, size: 2, room: 1 }));
        assert_eq!((placed.stars, placed.warnings, placed.warning_block), (2, 2, None));
        let ranks: Vec<usize> = placed.placed.iter().take(5).map(|p| p.rank).collect();
        assert_eq!(ranks, vec![1, 2, 3, 3, 5]);
        assert_eq!(placed.placed.len(), 21, "exempt members are not candidates");
    }

    #[test]
    fn a_tie_on_points_is_broken_by_compliance_then_satisfaction() {
        let mut cands = hukou(|id| 90.0 - id as f64);
        cands[2] = Candidate { id: 3, points: 87.0, compliance: 0.9, satisfaction: 0.6 };
        cands[3] = Candidate { id: 4, points: 87.0, compliance: 0.7, satisfaction: 1.0 };
        // Ids 3 and 4 tie at 87.0, between id 2 (88) and id 5 (85).
        cands[0].points = 95.0;
        cands[1].points = 88.0;
        let placed = rank(&cands, 3, 2);
        assert_eq!(labels(&placed, Label::Star), vec![1, 2, 3]);
        let p4 = placed.placed.iter().find(|p| p.id == 4).unwrap();
        assert_eq!((p4.rank, p4.label), (4, None));
        // Equal compliance too: satisfaction decides.
        cands[3].compliance = 0.9;
        let placed = rank(&cands, 3, 2);
        assert_eq!(labels(&placed, Label::Star), vec![1, 2, 4]);
    }

    #[test]
    fn points_tie_at_one_decimal_and_a_bottom_tie_keeps_everyone_above_out() {
        let mut cands = hukou(|id| 90.0 - id as f64);
        // 60.04 and 59.96 are both 60.0 at one decimal.
        cands[19].points = 60.04;
        cands[20].points = 59.96;
        cands[18].points = 60.0;
        let placed = rank(&cands, 3, 2);
        assert_eq!(labels(&placed, Label::Warning), Vec::<i64>::new(), "three tied at the bottom, cap 2");
        assert_eq!(placed.placed.iter().filter(|p| p.rank == 19).count(), 3);
        assert_eq!(placed.warning_block, Some(Block { rank: 19, size: 3, room: 2 }));
    }

    #[test]
    fn nobody_is_both_and_caps_are_never_exceeded() {
        let cands: Vec<Candidate> = (1..=3).map(|id| c(id, 90.0 - id as f64)).collect();
        let placed = rank(&cands, 3, 2);
        assert_eq!(labels(&placed, Label::Star), vec![1, 2, 3]);
        assert!(labels(&placed, Label::Warning).is_empty());
        let placed = rank(&cands, 1, 1);
        assert_eq!((labels(&placed, Label::Star), labels(&placed, Label::Warning)), (vec![1], vec![3]));
        assert!(rank(&cands, 0, 0).placed.iter().all(|p| p.label.is_none()));
    }

    #[test]
    fn points_follow_the_weights_and_the_caps_on_extras() {
        let p = Rules::defaults().points;
        let w = Work { compliance: 17.0 / 19.0, satisfaction: 0.8, conversions: 3, resolved: 1, adjustments: -2.5 };
        // 50 × 0.8947 + 30 × 0.8 + min(15, 10) + 2 − 2.5 = 44.74 + 24 + 10 + 2 − 2.5 = 78.2
        assert_eq!(points(&w, &p), 78.2);
        let many = Work { compliance: 1.0, satisfaction: 1.0, conversions: 0, resolved: 9, adjustments: 0.0 };
        assert_eq!(points(&many, &p), 90.0);
    }
}
