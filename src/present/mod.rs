//! Text as people read it, shared by the screens (`ui`), the files (`io`)
//! and the command line: a quarter's board in words and cells (`scores`),
//! dates, percentages. One place, so that a number reads the same on the
//! screen, on paper and in a spreadsheet.

pub mod remind;
pub mod report;
pub mod scores;

/// A date as lianhu writes it everywhere: `2026-03-05`.
pub fn date(d: chrono::NaiveDate) -> String {
    crate::store::date_text(d)
}

/// The least of 1, 2 or 5 × 10ⁿ at or above `x`: an axis' top that halves
/// into round ticks.
pub fn nice(x: f64) -> f64 {
    let x = x.max(1.0);
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * p).find(|v| *v >= x).unwrap_or(10.0 * p)
}
