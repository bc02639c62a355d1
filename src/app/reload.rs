//! Fetching what the screen shows: the window of the current tab and its
//! detail. Totals are counted again only after a change (`counted`), and the
//! due list is computed again only when it is stale, never per key.

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
    app.due.stale = true;
}

/// Fetches the window of the current tab (and its detail pane).
pub fn reload(app: &mut App, store: &Store) -> Result<(), StoreError> {
    crate::store::read(store.conn(), || reload_in(app, store))
}

fn reload_in(app: &mut App, store: &Store) -> Result<(), StoreError> {
    let height = app.rows();
    // The detail pane's data is read only while the pane shows.
    let detail = app.detail_shown();
    let today = app.settings.today;
    let today_text = date_text(today);
    let conn = store.conn();
    match app.tab {
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
                d.kept = d.all.iter().enumerate().filter(|(_, r)| search::matches(&r.search, &d.list.filter)).map(|(i, _)| i).collect();
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
        Tab::Scores => super::quarter::load(app, conn, height)?,
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
