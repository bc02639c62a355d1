//! The year-end summary of a member for the democratic appraisal: the
//! year's quarters added up (visits owed and done, satisfaction, concerns
//! resolved, stars and warnings).

use super::score::Label;

/// What one quarter's board says of a member.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuarterLine {
    pub households: u32,
    pub required: u32,
    pub done: u32,
    pub satisfaction: f64,
    pub resolved: u32,
    pub label: Option<Label>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearTotals {
    pub required: u32,
    pub done: u32,
    /// The mean over the quarters the member had households in (None: none).
    pub satisfaction: Option<f64>,
    pub resolved: u32,
    pub stars: u32,
    pub warnings: u32,
}

pub fn totals(quarters: &[QuarterLine]) -> YearTotals {
    let linked: Vec<f64> = quarters.iter().filter(|q| q.households > 0).map(|q| q.satisfaction).collect();
    YearTotals {
        required: quarters.iter().map(|q| q.required).sum(),
        done: quarters.iter().map(|q| q.done).sum(),
        satisfaction: (!linked.is_empty()).then(|| linked.iter().sum::<f64>() / linked.len() as f64),
        resolved: quarters.iter().map(|q| q.resolved).sum(),
        stars: quarters.iter().filter(|q| q.label == Some(Label::Star)).count() as u32,
        warnings: quarters.iter().filter(|q| q.label == Some(Label::Warning)).count() as u32,
    }
}

/// The quarters' labels in one short mark each: ★ star, ! warning, · none.
pub fn marks(labels: &[Option<Label>]) -> String {
    labels
        .iter()
        .map(|l| match l {
            Some(Label::Star) => '★',
            Some(Label::Warning) => '!',
            None => '·',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(households: u32, required: u32, done: u32, satisfaction: f64, label: Option<Label>) -> QuarterLine {
        QuarterLine { households, required, done, satisfaction, resolved: 1, label }
    }

    #[test]
    fn the_year_adds_the_quarters_and_averages_satisfaction_where_linked() {
        // The worked example's member owes 19 periods a quarter (2 一般户 × 3
        // months + 1 提升户 × 13 weeks); unlinked in Q1.
        let year =
            [q(0, 0, 0, 0.6, None), q(3, 19, 19, 1.0, Some(Label::Star)), q(3, 19, 15, 0.6, None), q(3, 19, 10, 0.8, Some(Label::Warning))];
        let t = totals(&year);
        assert_eq!((t.required, t.done, t.resolved, t.stars, t.warnings), (57, 44, 4, 1, 1));
        assert!((t.satisfaction.unwrap() - 0.8).abs() < 1e-9, "Q1 (no households) does not count");
        assert_eq!(totals(&[q(0, 0, 0, 0.6, None)]).satisfaction, None);
        assert_eq!(marks(&[None, Some(Label::Star), None, Some(Label::Warning)]), "·★·!");
    }
}
