//! A village's quarter (shared/domain.md, "Quarter score"): every member's
//! numbers from the owed periods, ratings and conversions of the households
//! linked to them, with their resolved concerns and adjustments; who is
//! ranked; the caps; and the ranking.

use super::duty::{self, Household};
use super::model::Rating;
use super::period::Quarter;
use super::rules::Rules;
use super::score::{self, Block, Candidate, Label, Work};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A member of the village, with what is counted per member.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemberFacts {
    pub id: i64,
    /// 年老体弱 or 流动: never ranked.
    pub exempt: bool,
    /// Concerns they raised that were resolved in the quarter.
    pub resolved: u32,
    /// The sum of the quarter's adjustments.
    pub adjustments: f64,
}

/// A household of the village and its rating for the quarter.
#[derive(Debug, Clone, Copy)]
pub struct HouseholdFacts<'a> {
    pub household: Household<'a>,
    pub rating: Option<Rating>,
}

/// One member's quarter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub member: i64,
    pub exempt: bool,
    /// Linked to a household in the quarter and not exempt.
    pub ranked: bool,
    /// Households linked to them at some time in the quarter.
    pub households: u32,
    pub required: u32,
    pub done: u32,
    pub work: Work,
    pub points: f64,
    pub rank: Option<usize>,
    pub label: Option<Label>,
}

/// A village's caps for a quarter, how many of each label were named, and
/// the ties that stopped a label short of its cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Caps {
    /// Every member of the village: the caps are shares of this.
    pub members: usize,
    pub star_cap: usize,
    pub warning_cap: usize,
    pub stars: usize,
    pub warnings: usize,
    pub star_block: Option<Block>,
    pub warning_block: Option<Block>,
}

/// The village's quarter: ranked members best first, then the rest.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    pub lines: Vec<Line>,
    pub caps: Caps,
}

#[derive(Default)]
struct Tally {
    households: Vec<usize>,
    required: u32,
    done: u32,
    conversions: u32,
}

/// Computes the quarter `q` as of `today` for one village.
pub fn village(members: &[MemberFacts], households: &[HouseholdFacts<'_>], q: Quarter, today: NaiveDate, rules: &Rules) -> Outcome {
    let mut tally: HashMap<i64, Tally> = members.iter().map(|m| (m.id, Tally::default())).collect();
    let last = q.last_day().min(today);
    for (i, hf) in households.iter().enumerate() {
        let h = &hf.household;
        for m in h.members_between(q.first_day(), last) {
            if let Some(t) = tally.get_mut(&m)
                && t.households.last() != Some(&i)
            {
                t.households.push(i);
            }
        }
        for o in duty::owed(h, q, today, &rules.visits) {
            if let Some(t) = tally.get_mut(&o.member) {
                t.required += 1;
                t.done += u32::from(o.done_on.is_some());
            }
        }
        for c in duty::conversions(h, q, today) {
            if let Some(t) = c.member.and_then(|m| tally.get_mut(&m)) {
                t.conversions += 1;
            }
        }
    }
    let mut lines: Vec<Line> = members
        .iter()
        .map(|m| {
            let t = &tally[&m.id];
            let linked = !t.households.is_empty();
            // Owing periods, a member shows done ÷ required, ranked or not
            // (a week that began while they were linked).
            let compliance = match (linked, t.required) {
                (_, n) if n > 0 => f64::from(t.done) / f64::from(n),
                (false, _) => 0.0,
                (true, _) => 1.0,
            };
            let satisfaction = if linked {
                let value = |i: &usize| households[*i].rating.map_or(rules.points.unrated_satisfaction, Rating::value);
                t.households.iter().map(value).sum::<f64>() / t.households.len() as f64
            } else {
                0.0
            };
            let work = Work { compliance, satisfaction, conversions: t.conversions, resolved: m.resolved, adjustments: m.adjustments };
            Line {
                member: m.id,
                exempt: m.exempt,
                ranked: linked && !m.exempt,
                households: t.households.len() as u32,
                required: t.required,
                done: t.done,
                work,
                points: score::points(&work, &rules.points),
                rank: None,
                label: None,
            }
        })
        .collect();
    let candidates: Vec<Candidate> = lines
        .iter()
        .filter(|l| l.ranked)
        .map(|l| Candidate { id: l.member, points: l.points, compliance: l.work.compliance, satisfaction: l.work.satisfaction })
        .collect();
    let (star_cap, warning_cap) = (rules.star_cap(members.len()), rules.warning_cap(members.len()));
    let ranking = score::rank(&candidates, star_cap, warning_cap);
    let order: HashMap<i64, usize> = ranking.placed.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    for l in &mut lines {
        if let Some(p) = order.get(&l.member).map(|i| ranking.placed[*i]) {
            (l.rank, l.label) = (Some(p.rank), p.label);
        }
    }
    lines.sort_by_key(|l| order.get(&l.member).copied().unwrap_or(usize::MAX));
    let caps = Caps {
        members: members.len(),
        star_cap,
        warning_cap,
        stars: ranking.stars,
        warnings: ranking.warnings,
        star_block: ranking.star_block,
        warning_block: ranking.warning_block,
    };
    Outcome { lines, caps }
}

#[cfg(test)]
#[path = "quarter_tests.rs"]
mod tests;
