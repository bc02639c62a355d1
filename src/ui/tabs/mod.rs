//! Drawing the tabs that own a folder, mirroring `app::tabs`: 考评
//! (`scores`: the ranking, a member's quarter, the year) and 台账 (`ledger`,
//! one module per pane).

pub mod ledger;
pub mod scores;
