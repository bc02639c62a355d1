//! Text as people read it, shared by the screens (`ui`), the files (`io`)
//! and the command line: a quarter's board in words and cells (`scores`),
//! dates, percentages. One place, so that a number reads the same on the
//! screen, on paper and in a spreadsheet.

pub mod remind;
pub mod scores;

/// A date as lianhu writes it everywhere: `2026-03-05`.
pub fn date(d: chrono::NaiveDate) -> String {
    crate::store::date_text(d)
}
