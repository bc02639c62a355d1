//! The contract's files: tables read from and written to `.csv` / `.xlsx`.

pub mod board;
pub mod bounds;
pub mod cards;
pub mod clean;
pub mod columns;
pub mod import;
pub mod layout;
pub mod read;
pub mod redblack;
pub mod report;
pub mod summary;
pub mod svg;
pub mod table;
pub mod understood;
pub mod units;

pub use table::{IoError, Table, read_table, write_named, write_sheets, write_table};
