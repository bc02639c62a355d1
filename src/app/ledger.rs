//! 台账: the programme's other instruments. Its pane is the village's red
//! and black lists for a month (红黑榜): what the rules suggest and what was
//! proposed, confirmed or dropped, with the steps on keys.

use super::reload::{invalidate, reload};
use super::{Action, App, Confirm, ListView, Tone};
use crate::domain::model::List;
use crate::domain::period::Month;
use crate::domain::redblack::Step;
use crate::i18n::{t, tf};
use crate::store::redblack::{self, Row};
use crate::store::{Store, StoreError, score};
use rusqlite::Connection;

#[derive(Debug, Clone)]
pub struct LedgerView {
    pub month: Month,
    pub villages: Vec<(i64, String)>,
    /// Index into `villages`.
    pub village: usize,
    pub rows: Vec<Row>,
    /// The window: indexes into `rows`.
    pub list: ListView<usize>,
    /// Whether the village shows full names on its black list.
    pub full_names: bool,
    /// Whether the lists must be read again (after a write).
    pub stale: bool,
    /// The month and village the rows were read for.
    pub loaded: Option<(Month, i64)>,
}

impl LedgerView {
    pub fn new(month: Month) -> LedgerView {
        LedgerView {
            month,
            villages: Vec::new(),
            village: 0,
            rows: Vec::new(),
            list: ListView::default(),
            full_names: false,
            stale: true,
            loaded: None,
        }
    }

    pub fn village_id(&self) -> Option<i64> {
        self.villages.get(self.village).map(|(id, _)| *id)
    }

    pub fn village_name(&self) -> &str {
        self.villages.get(self.village).map_or("", |(_, n)| n.as_str())
    }

    pub fn current(&self) -> Option<&Row> {
        self.list.current().and_then(|i| self.rows.get(*i))
    }

    /// Whether `load` would read the lists (the other tabs read it ahead).
    pub fn needs_load(&self) -> bool {
        self.stale || self.village_id().is_some_and(|v| self.loaded != Some((self.month, v)))
    }

    /// Entries on each list, and how many of them are confirmed.
    pub fn counts(&self, list: List) -> (usize, usize) {
        let on: Vec<&Row> = self.rows.iter().filter(|r| r.list() == list).collect();
        (on.len(), on.iter().filter(|r| r.state() == Some(crate::domain::model::ListState::Confirmed)).count())
    }
}

/// Reads the village list, the month's rows (when stale) and the window.
pub fn load(app: &mut App, conn: &Connection, height: usize) -> Result<(), StoreError> {
    let today = app.settings.today;
    let l = &mut app.ledger;
    if l.stale || l.villages.is_empty() {
        l.villages = score::villages(conn, None)?;
        l.village = l.village.min(l.villages.len().saturating_sub(1));
    }
    match l.village_id() {
        Some(v) if l.needs_load() => {
            let was = l.current().map(|r| r.household_id);
            l.rows = redblack::month(conn, v, l.month, today)?;
            l.full_names = redblack::full_names(conn, v)?;
            if let Some(i) = was.and_then(|id| l.rows.iter().position(|r| r.household_id == id)) {
                l.list.selected = i;
            }
            l.loaded = Some((l.month, v));
        }
        Some(_) => {}
        None => l.rows.clear(),
    }
    l.stale = false;
    l.list.total = l.rows.len();
    l.list.clamp(height);
    l.list.rows = (l.list.top..l.rows.len().min(l.list.top + height)).collect();
    Ok(())
}

/// Carries out the tab's own actions.
pub fn apply(app: &mut App, store: &mut Store, action: &Action) -> Result<(), StoreError> {
    let l = &mut app.ledger;
    match action {
        Action::PrevMonth | Action::NextMonth => {
            l.month = if *action == Action::PrevMonth { l.month.prev() } else { l.month.next() };
            l.list.selected = 0;
        }
        Action::NextVillage | Action::PrevVillage if !l.villages.is_empty() => {
            let n = l.villages.len();
            l.village = if *action == Action::NextVillage { (l.village + 1) % n } else { (l.village + n - 1) % n };
            l.list.selected = 0;
        }
        Action::Propose => take(app, store, Step::Propose)?,
        Action::ConfirmEntry => take(app, store, Step::Confirm)?,
        Action::DropEntry => take(app, store, Step::Drop)?,
        Action::ToggleFullNames => {
            if let Some(village_id) = l.village_id() {
                app.confirm = Some(Confirm::FullNames { village_id, village: l.village_name().to_string(), on: !l.full_names });
            }
        }
        Action::WriteBoard => write_board(app, store),
        _ => return Ok(()),
    }
    reload(app, store)
}

/// A step on the selected household's entry, as the user saw it.
fn take(app: &mut App, store: &mut Store, step: Step) -> Result<(), StoreError> {
    let l = &app.ledger;
    let Some(row) = l.current() else { return Ok(()) };
    let (id, list, seen, month) = (row.household_id, row.list(), row.state(), l.month);
    let head = row.head.clone();
    if crate::domain::redblack::after(seen, step).is_none() {
        app.status = Some((t("err.redblack_step").to_string(), Tone::Error));
        return Ok(());
    }
    let entry = redblack::Seen { household_id: id, month, list, state: seen };
    match store.write(|tx, ctx| redblack::take(tx, ctx, &entry, step, "")) {
        Ok(()) => {
            let key = match step {
                Step::Propose => "msg.redblack_proposed",
                Step::Confirm => "msg.redblack_confirmed",
                Step::Drop => "msg.redblack_dropped",
            };
            app.status = Some((tf(key, &[("head", &head), ("list", list.label(app.settings.lang))]), Tone::Info));
        }
        // Someone else moved first: show what they did.
        Err(StoreError::Conflict) => app.status = Some((t("err.redblack_moved").to_string(), Tone::Error)),
        Err(e) => app.status = Some((e.to_string(), Tone::Error)),
    }
    invalidate(app);
    Ok(())
}

/// Sets the village's full-name setting once confirmed.
pub fn set_full_names(app: &mut App, store: &mut Store, village_id: i64, on: bool) -> Result<(), StoreError> {
    store.write(|tx, ctx| redblack::set_full_names(tx, ctx, village_id, on))?;
    app.status = Some((t(if on { "msg.full_names_on" } else { "msg.full_names_off" }).to_string(), Tone::Info));
    invalidate(app);
    Ok(())
}

/// Writes the village's board for the month beside the database.
fn write_board(app: &mut App, store: &Store) {
    let l = &app.ledger;
    let Some(village) = l.village_id() else { return };
    let conn = store.conn();
    let today = app.settings.today;
    let boards = match crate::store::read(conn, || redblack::boards(conn, l.month, Some(village), today)) {
        Ok(b) => b,
        Err(e) => {
            app.status = Some((e.to_string(), Tone::Error));
            return;
        }
    };
    let dir = std::path::Path::new(&app.settings.db_path).parent().map(std::path::Path::to_path_buf).unwrap_or_default();
    let path = dir.join(format!("{}-{}-{}.html", t("redblack.file"), l.village_name(), l.month));
    app.status = Some(match crate::io::redblack::write(&path, &boards, app.settings.lang, &crate::store::date_text(today)) {
        Ok(()) => (tf("msg.redblack_written", &[("file", &path.display().to_string())]), Tone::Info),
        Err(e) => (e.to_string(), Tone::Error),
    });
}
