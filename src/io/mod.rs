//! The contract's files: tables read from and written to `.csv` / `.xlsx`.

pub mod board;
pub mod cards;
pub mod columns;
pub mod import;
pub mod redblack;
pub mod scores;
pub mod summary;
pub mod table;
pub mod units;

pub use table::{IoError, Table, read_table, write_sheets, write_table};
