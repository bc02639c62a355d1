//! Drawing each tab, mirroring `app::tabs`: 今日 `today`, 住户 `households`,
//! 党员 `members`, 走访 `visits`, 考评 `scores` (the ranking, a member's
//! quarter, the year), 问题 `concerns` and 台账 `ledger` (one module per pane).

pub mod concerns;
pub mod households;
pub mod ledger;
pub mod members;
pub mod overview;
pub mod scores;
pub mod today;
pub mod visits;
