//! 台账: the programme's other instruments, a pane each, per village: the
//! red and black lists of a month (红黑榜: what the rules suggest and what
//! was proposed, confirmed or dropped), and the link-leader meetings and
//! 五个载体 activities of a year (`ledger_events`).

use super::reload::{invalidate, reload};
use super::{Action, App, Confirm, ListView, Tone};
use crate::domain::model::List;
use crate::domain::period::Month;
use crate::domain::redblack::Step;
use crate::i18n::{t, tf};
use crate::store::bins::{self, Bin};
use crate::store::events::{self, Event};
use crate::store::redblack::{self, Row};
use crate::store::registrations::{self, Registration};
use crate::store::summary::{self, MemberYear};
use crate::store::{Store, StoreError, score};
use rusqlite::Connection;

/// What the tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    RedBlack,
    /// 联户长座谈会 and the 五个载体 activities of the year.
    Events,
    /// 年终: each member's year for the democratic appraisal.
    Members,
    /// 督导: the 党员责任垃圾桶 and their duty days.
    Bins,
    /// 双报到: members of outside units registered here, and their evaluation.
    Units,
}

#[derive(Debug, Clone)]
pub struct LedgerView {
    pub pane: Pane,
    /// The month shown (the events pane shows its year).
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
    pub events: Vec<Event>,
    /// The events' window: indexes into `events`.
    pub event_list: ListView<usize>,
    /// The year and village the events were read for.
    pub events_loaded: Option<(i32, i64)>,
    pub members: Vec<MemberYear>,
    /// The members' window: indexes into `members`.
    pub member_list: ListView<usize>,
    /// The year and village the members' summaries were read for.
    pub members_loaded: Option<(i32, i64)>,
    pub bins: Vec<Bin>,
    /// The bins' window: indexes into `bins`.
    pub bin_list: ListView<usize>,
    pub bins_loaded: Option<(i32, i64)>,
    /// The selected bin's latest duty days: (date, member, note).
    pub bin_days: Vec<(chrono::NaiveDate, String, String)>,
    pub registrations: Vec<Registration>,
    /// The registrations' window: indexes into `registrations`.
    pub registration_list: ListView<usize>,
    pub registrations_loaded: Option<(i32, i64)>,
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
            pane: Pane::default(),
            events: Vec::new(),
            event_list: ListView::default(),
            events_loaded: None,
            members: Vec::new(),
            member_list: ListView::default(),
            members_loaded: None,
            bins: Vec::new(),
            bin_list: ListView::default(),
            bins_loaded: None,
            bin_days: Vec::new(),
            registrations: Vec::new(),
            registration_list: ListView::default(),
            registrations_loaded: None,
        }
    }

    pub fn current_registration(&self) -> Option<&Registration> {
        self.registration_list.current().and_then(|i| self.registrations.get(*i))
    }

    pub fn current_bin(&self) -> Option<&Bin> {
        self.bin_list.current().and_then(|i| self.bins.get(*i))
    }

    pub fn current_member(&self) -> Option<&MemberYear> {
        self.member_list.current().and_then(|i| self.members.get(*i))
    }

    pub fn current_event(&self) -> Option<&Event> {
        self.event_list.current().and_then(|i| self.events.get(*i))
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

    /// Whether `load` would read the pane's data (the other tabs read it ahead).
    pub fn needs_load(&self) -> bool {
        self.stale
            || self.village_id().is_some_and(|v| match self.pane {
                Pane::RedBlack => self.loaded != Some((self.month, v)),
                Pane::Events => self.events_loaded != Some((self.month.year, v)),
                Pane::Members => self.members_loaded != Some((self.month.year, v)),
                Pane::Bins => self.bins_loaded != Some((self.month.year, v)),
                Pane::Units => self.registrations_loaded != Some((self.month.year, v)),
            })
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
    match (l.village_id(), l.pane) {
        (Some(v), Pane::Events) if l.needs_load() => {
            let was = l.current_event().map(|e| e.id);
            l.events = events::of_year(conn, v, l.month.year)?;
            if let Some(i) = was.and_then(|id| l.events.iter().position(|e| e.id == id)) {
                l.event_list.selected = i;
            }
            l.events_loaded = Some((l.month.year, v));
        }
        (Some(v), Pane::Members) if l.needs_load() => {
            let was = l.current_member().map(|m| m.member_id);
            l.members = summary::village_year(conn, v, l.month.year, today, &app.rules)?;
            if let Some(i) = was.and_then(|id| l.members.iter().position(|m| m.member_id == id)) {
                l.member_list.selected = i;
            }
            l.members_loaded = Some((l.month.year, v));
        }
        (Some(v), Pane::Bins) if l.needs_load() => {
            let was = l.current_bin().map(|b| b.id);
            l.bins = bins::of_village(conn, v, l.month.year)?;
            if let Some(i) = was.and_then(|id| l.bins.iter().position(|b| b.id == id)) {
                l.bin_list.selected = i;
            }
            l.bins_loaded = Some((l.month.year, v));
        }
        (Some(v), Pane::Units) if l.needs_load() => {
            let was = l.current_registration().map(|r| r.id);
            l.registrations = registrations::of_village(conn, v, l.month.year)?;
            if let Some(i) = was.and_then(|id| l.registrations.iter().position(|r| r.id == id)) {
                l.registration_list.selected = i;
            }
            l.registrations_loaded = Some((l.month.year, v));
        }
        (Some(v), Pane::RedBlack) if l.needs_load() => {
            let was = l.current().map(|r| r.household_id);
            l.rows = redblack::month(conn, v, l.month, today)?;
            l.full_names = redblack::full_names(conn, v)?;
            if let Some(i) = was.and_then(|id| l.rows.iter().position(|r| r.household_id == id)) {
                l.list.selected = i;
            }
            l.loaded = Some((l.month, v));
        }
        (Some(_), _) => {}
        (None, _) => {
            l.rows.clear();
            l.events.clear();
            l.members.clear();
            l.bins.clear();
            l.registrations.clear();
        }
    }
    l.stale = false;
    window(&mut l.list, l.rows.len(), height);
    window(&mut l.event_list, l.events.len(), height);
    window(&mut l.member_list, l.members.len(), height);
    window(&mut l.bin_list, l.bins.len(), height);
    window(&mut l.registration_list, l.registrations.len(), height);
    // The selected bin's duty days: one small read, only on its pane.
    let bin = l.current_bin().map(|b| b.id).filter(|_| l.pane == Pane::Bins);
    l.bin_days = match bin {
        Some(id) => bins::duty_days(conn, id, usize::from(super::layout::EVENT_DETAIL - 1))?,
        None => Vec::new(),
    };
    Ok(())
}

/// A list over rows held in memory: its window is their indexes.
fn window(l: &mut ListView<usize>, total: usize, height: usize) {
    l.total = total;
    l.clamp(height);
    l.rows = (l.top..total.min(l.top + height)).collect();
}

/// Carries out the tab's own actions.
pub fn apply(app: &mut App, store: &mut Store, action: &Action) -> Result<(), StoreError> {
    let l = &mut app.ledger;
    match action {
        Action::PrevMonth | Action::NextMonth => {
            l.month = if *action == Action::PrevMonth { l.month.prev() } else { l.month.next() };
            l.list.selected = 0;
        }
        Action::PrevYear | Action::NextYear => {
            let year = l.month.year + if *action == Action::PrevYear { -1 } else { 1 };
            l.month = Month::new(year, l.month.month).unwrap_or(l.month);
            l.event_list.selected = 0;
            l.member_list.selected = 0;
        }
        Action::ShowRedBlack => l.pane = Pane::RedBlack,
        Action::ShowYearSummary => l.pane = Pane::Members,
        Action::ShowBins => l.pane = Pane::Bins,
        Action::ShowUnits => l.pane = Pane::Units,
        Action::Add if l.pane == Pane::Units => super::ledger_units::open_register(app, store)?,
        Action::Edit if l.pane == Pane::Units => super::ledger_units::edit(app),
        Action::Review => super::ledger_units::open_review(app),
        Action::WriteBoard if l.pane == Pane::Units => super::ledger_units::write_report(app, store),
        Action::Add if l.pane == Pane::Bins => super::ledger_bins::open_form(app, store, false)?,
        Action::Edit if l.pane == Pane::Bins => super::ledger_bins::open_form(app, store, true)?,
        Action::LogDuty => super::ledger_bins::open_duty(app),
        Action::Duties => super::ledger_members::duties(app),
        Action::Wechat => super::ledger_members::wechat(app),
        Action::Appraise => super::ledger_members::appraisal(app),
        Action::WriteBoard if l.pane == Pane::Members => super::ledger_members::write_summary(app),
        Action::ShowEvents => l.pane = Pane::Events,
        Action::Add => super::ledger_events::add(app),
        Action::Edit => super::ledger_events::edit(app),
        Action::Attendees => super::ledger_events::attendees(app, store)?,
        Action::OpenConcern => super::ledger_events::open_concern(app, store)?,
        Action::NextVillage | Action::PrevVillage if !l.villages.is_empty() => {
            let n = l.villages.len();
            l.village = if *action == Action::NextVillage { (l.village + 1) % n } else { (l.village + n - 1) % n };
            l.list.selected = 0;
            l.event_list.selected = 0;
            l.member_list.selected = 0;
            l.bin_list.selected = 0;
            l.registration_list.selected = 0;
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
