//! Fetching what the screen shows: the window of the current tab and its
//! detail. Totals are counted again only after a change (`counted`), and the
//! due list is computed again only when it is stale, never per key.
//!
//! While the user is idle the other tabs are read ahead (`read_ahead`), one
//! at a time, so that switching to one only reads its window. The terminal
//! loop stops a read ahead as soon as a key arrives (see `term`).

use super::{App, HouseholdDetail, MemberDetail, Tab};
use crate::domain::search;
use crate::store::households;
use crate::store::{Store, StoreError, concerns, date_text, due, linking, links, members, visits};

/// How many visits a household's detail lists.
const DETAIL_VISITS: usize = 3;

/// Marks everything the database feeds as out of date (after a write).
pub fn invalidate(app: &mut App) {
    app.households.counted = false;
    app.households.keyed_fresh = false;
    app.members.counted = false;
    app.members.keyed_fresh = false;
    app.visits.counted = false;
    app.concerns.counted = false;
    app.concerns.keyed_fresh = false;
    app.scores.stale = true;
    app.ledger.stale = true;
    app.due.stale = true;
}

/// Fetches the window of the current tab (and its detail pane).
pub fn reload(app: &mut App, store: &Store) -> Result<(), StoreError> {
    crate::store::read(store.conn(), || reload_in(app, store))
}

fn reload_in(app: &mut App, store: &Store) -> Result<(), StoreError> {
    // The detail pane's data is read only while the pane shows.
    load(app, store.conn(), app.tab, app.detail_shown())
}

/// The first tab after the current one whose list is not read yet.
fn unread(app: &App) -> Option<Tab> {
    let fresh = |tab: Tab| match tab {
        Tab::Today => !app.due.stale && app.due.list.counted,
        Tab::Households => app.households.keyed_fresh && app.households.counted,
        Tab::Members => app.members.keyed_fresh && app.members.counted,
        Tab::Visits => app.visits.counted,
        Tab::Scores => !app.scores.needs_board(),
        Tab::Concerns => app.concerns.keyed_fresh && app.concerns.counted,
        Tab::Ledger => !app.ledger.needs_load(),
    };
    let at = app.tab.index();
    (1..Tab::ALL.len()).map(|i| Tab::ALL[(at + i) % Tab::ALL.len()]).find(|t| !fresh(*t))
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
        Ok(()) => unread(app).is_some_and(|next| next != tab),
        Err(e) => e.is_interrupt(),
    }
}

/// Reads `tab`'s list and window (and, with `detail`, its detail pane).
fn load(app: &mut App, conn: &rusqlite::Connection, tab: Tab, detail: bool) -> Result<(), StoreError> {
    let height = app.rows_of(tab);
    let today = app.settings.today;
    let today_text = date_text(today);
    match tab {
        Tab::Households => {
            let l = &mut app.households;
            let sort = app.household_sort;
            let window = l.window_ids(height, |archived| households::keyed(conn, archived, sort))?;
            l.rows = households::by_ids(conn, &window, &today_text)?;
            app.household_detail = match l.current().filter(|_| detail) {
                Some(h) => HouseholdDetail {
                    classes: households::class_history(conn, h.id)?,
                    links: links::household_history(conn, h.id)?,
                    standing: due::standing_of(conn, h.id, today, &app.rules.visits)?,
                    visits: visits::of_household(conn, h.id, DETAIL_VISITS)?,
                },
                None => HouseholdDetail::default(),
            };
        }
        Tab::Members => {
            let l = &mut app.members;
            let sort = app.member_sort;
            let window = l.window_ids(height, |archived| members::keyed(conn, archived, sort, &today_text))?;
            l.rows = members::by_ids(conn, &window, &today_text)?;
            app.member_detail = match l.current().filter(|_| detail) {
                Some(m) => MemberDetail {
                    households: members::linked_households(conn, m.id, &today_text)?,
                    history: linking::member_history(conn, m.id)?,
                    leader: linking::leader_of(conn, m.id)?,
                    patch: linking::patch(conn, m.id, today)?,
                },
                None => MemberDetail::default(),
            };
        }
        Tab::Today => {
            let d = &mut app.due;
            if d.stale {
                d.all = due::list(conn, today, &app.rules.visits, &due::Scope::default())?;
                d.idle_members = linking::idle_count(conn, today)?;
                d.stale = false;
                d.list.counted = false;
            }
            if !d.list.counted {
                let m = search::Matcher::new(&d.list.filter);
                d.kept = d.all.iter().enumerate().filter(|(_, r)| m.matches(&r.search)).map(|(i, _)| i).collect();
                d.counts = due::counts(d.kept.iter().filter_map(|i| d.all.get(*i)));
                d.list.total = d.kept.len();
                d.list.counted = true;
            }
            d.list.clamp(height);
            d.list.rows = d.kept.iter().skip(d.list.top).take(height).filter_map(|i| d.all.get(*i)).cloned().collect();
        }
        Tab::Visits => {
            let l = &mut app.visits;
            let q = visits::Query { text: l.filter.clone(), ..app.visit_query.clone() };
            if !l.counted {
                l.total = visits::count(conn, &q)?;
                l.counted = true;
            }
            l.clamp(height);
            l.rows = visits::page(conn, &q, l.top, height)?;
        }
        Tab::Scores => super::tabs::scores::load(app, conn, height)?,
        Tab::Ledger => super::tabs::ledger::load(app, conn, height)?,
        Tab::Concerns => {
            let show = app.concern_show;
            let stuck = app.rules.visits.concern_stuck_days;
            let l = &mut app.concerns;
            let window = l.window_ids(height, |_| concerns::keyed(conn, show, today, stuck))?;
            l.rows = concerns::by_ids(conn, &window)?;
            app.concern_steps = match l.current() {
                Some(c) => concerns::steps(conn, c.id)?,
                None => Vec::new(),
            };
        }
    }
    Ok(())
}
