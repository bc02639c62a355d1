//! The tabs that own a folder of their own: 考评 (`scores`) and 台账
//! (`ledger`, one module per pane: 红黑榜 in `mod`, 会议活动 `meetings`, 年终
//! `year`, 督导 `bins`, 双报到 `units`).

pub mod ledger;
pub mod scores;
