//! Moving around: switching tabs, stepping through whatever is on top (the
//! report box, help, the conflict screen, a picker, else the tab's list),
//! and setting a list's filter.

use super::reload::reload;
use super::{App, ListView, Tab};
use crate::store::{Store, StoreError};

pub(super) fn switch(app: &mut App, store: &mut Store, index: usize) -> Result<(), StoreError> {
    app.tab = Tab::ALL[index.min(Tab::ALL.len() - 1)];
    app.filtering = false;
    reload(app, store)
}

pub(super) fn page(app: &App) -> usize {
    app.rows()
}

pub(super) fn step(app: &mut App, store: &mut Store, delta: isize) -> Result<(), StoreError> {
    // The report box on top scrolls itself, not the list hidden behind it.
    if !app.report.is_empty() {
        app.report_offset = app.report_offset.saturating_add_signed(delta.clamp(-100_000, 100_000));
        return Ok(());
    }
    if let Some(h) = app.help.as_mut() {
        *h = h.saturating_add_signed(delta.clamp(-1000, 1000));
        return Ok(());
    }
    if app.conflict.is_some() {
        super::conflict::step(app, delta.signum());
        return Ok(());
    }
    if let Some(p) = app.picker.as_mut() {
        p.list.move_by(delta);
        p.settle();
        return Ok(());
    }
    match app.tab {
        Tab::Today => app.due.list.move_by(delta),
        Tab::Households => app.households.move_by(delta),
        Tab::Members => app.members.move_by(delta),
        Tab::Visits => app.visits.move_by(delta),
        Tab::Scores => super::tabs::scores::step(&mut app.scores, delta),
        Tab::Concerns => app.concerns.move_by(delta),
        Tab::Ledger => app.ledger.list_mut().move_by(delta),
    }
    reload(app, store)
}

pub(super) fn set_filter(app: &mut App, filter: String) {
    fn reset<T>(l: &mut ListView<T>, filter: String) {
        l.filter = filter;
        l.selected = 0;
        l.top = 0;
        l.counted = false;
    }
    match app.tab {
        Tab::Households => reset(&mut app.households, filter),
        Tab::Members => reset(&mut app.members, filter),
        Tab::Visits => reset(&mut app.visits, filter),
        Tab::Concerns => reset(&mut app.concerns, filter),
        Tab::Today => reset(&mut app.due.list, filter),
        Tab::Scores | Tab::Ledger => {}
    }
}
