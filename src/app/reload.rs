//! Fetching what the screen shows: the current tab's window and detail.
//! Each tab knows what it holds and reads only what is out of date (totals
//! after a change, the due list when stale), never per frame.
//!
//! While the user is idle the other tabs are read ahead (`read_ahead`), one
//! at a time, so that switching to one only reads its window. The terminal
//! loop stops a read ahead as soon as a key arrives (see `term`).

use super::App;
use super::screen::Tab;
use super::tabs::Env;
use crate::store::{Store, StoreError};

/// Fetches the window of the current tab (and its detail pane).
pub fn reload(app: &mut App, store: &Store) -> Result<(), StoreError> {
    crate::store::read(store.conn(), || load(app, store.conn(), app.tab, app.detail_shown()))?;
    app.tabs.get_mut(app.tab).keep(store.conn());
    Ok(())
}

/// The first tab after the current one whose list is not read yet.
fn unread(app: &App) -> Option<Tab> {
    let at = app.tab.index();
    (1..Tab::ALL.len()).map(|i| Tab::ALL[(at + i) % Tab::ALL.len()]).find(|t| !app.tabs.get(*t).fresh())
}

/// VM steps between calls of `stop` while reading ahead (SQLite runs a few
/// million steps a second, so `stop` is asked every millisecond or so).
const AHEAD_STEPS: i32 = 4000;

/// Reads the next unread tab's list (not the current tab: that one is read
/// when it is drawn), giving up as soon as `stop` says so (a key arrived):
/// a read ahead never holds a key up, and the half-read tab stays unread.
/// Returns whether to go on: another tab is unread, or this one was
/// stopped. An error other than the stop ends reading ahead (it shows when
/// the user opens that tab).
pub fn read_ahead(app: &mut App, store: &Store, stop: impl FnMut() -> bool + Send + 'static) -> bool {
    let Some(tab) = unread(app) else { return false };
    let conn = store.conn();
    let _ = conn.progress_handler(AHEAD_STEPS, Some(stop));
    let result = crate::store::read(conn, || load(app, conn, tab, false));
    let _ = conn.progress_handler(0, None::<fn() -> bool>);
    if !conn.is_autocommit() {
        // The read's own ROLLBACK was stopped too: end it now.
        let _ = conn.execute_batch("ROLLBACK");
    }
    match result {
        // A tab still unread after its read would be read again and again.
        Ok(()) => {
            app.tabs.get_mut(tab).keep(conn);
            unread(app).is_some_and(|next| next != tab)
        }
        Err(e) => e.is_interrupt(),
    }
}

/// Reads `tab`'s list and window (and, with `detail`, its detail pane).
fn load(app: &mut App, conn: &rusqlite::Connection, tab: Tab, detail: bool) -> Result<(), StoreError> {
    let env = Env { today: app.settings.today, rules: &app.rules, rows: app.rows_of(tab), detail, village: app.tabs.village.clone() };
    app.tabs.get_mut(tab).load(conn, &env)
}
