//! 考评 · the year view: each member's labels across the quarters.

use super::State;
use crate::domain::score::Label;
use crate::store::scores::Board;

/// A member's labels across the quarters of a year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow {
    pub member: String,
    /// Per quarter shown: the label and whether the quarter is final.
    pub labels: Vec<Option<Label>>,
    pub warnings: u32,
    pub self_criticism: bool,
}

/// The year view's rows from the year's boards.
pub(super) fn rows(s: &mut State, boards: &[Board]) {
    s.year_quarters = boards.iter().map(|b| (b.quarter, b.finalized.is_some())).collect();
    let Some(last) = boards.last() else {
        s.year.clear();
        return;
    };
    s.year = last
        .rows
        .iter()
        .map(|r| YearRow {
            member: r.member.clone(),
            labels: boards.iter().map(|b| b.rows.iter().find(|x| x.member_id == r.member_id).and_then(|x| x.label)).collect(),
            warnings: r.warnings_in_year,
            self_criticism: r.self_criticism,
        })
        .collect();
}
