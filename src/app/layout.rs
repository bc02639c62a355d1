//! The frame's fixed rows and the heights the tabs lay out with.

/// Rows above the body: the tab bar. Below: status line and footer.
pub const TOP: u16 = 1;
pub const BOTTOM: u16 = 2;
/// Height of the detail pane under the households and members tables.
pub const DETAIL: u16 = 8;
/// From this screen height on, the detail pane shows unless hidden
/// with `d`; below it (an 80×24 terminal) the table has the height and
/// `d` shows the pane.
pub const DETAIL_FROM: u16 = 30;
/// Height of the steps pane under the concerns table.
pub const STEPS: u16 = 6;
/// Lines for the notes on ties above the 考评 ranking.
pub const SCORE_NOTES: u16 = 2;

/// Table rows visible for a tab with a pane of `pane` rows under it,
/// excluding its borders, header and filter line.
/// Lines under 台账's meetings for the selected one's attendees and text.
pub const EVENT_DETAIL: u16 = 4;

pub fn table_rows(height: u16, pane: u16) -> usize {
    let body = height.saturating_sub(TOP + BOTTOM);
    let table = body.saturating_sub(pane);
    // Borders (2), header (1) and the filter / info line (1).
    usize::from(table.saturating_sub(4)).max(1)
}
