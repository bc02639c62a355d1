//! 台账: the programme's other instruments, a pane each, per village: the
//! red and black lists of a month (红黑榜: what the rules suggest and what
//! was proposed, confirmed or dropped, here), and of a year the link-leader
//! meetings and 五个载体 activities (`ledger_events`), each member's year
//! (`ledger_members`), the bins and duty days (`ledger_bins`), and dual
//! registration (`ledger_units`).

pub(crate) mod bins;
pub(crate) mod meetings;
pub(crate) mod units;
pub(crate) mod year;

use crate::app::reload::{invalidate, reload};
use crate::app::rows::Rows;
use crate::app::{Action, App, Confirm, ListView, Tone};
use crate::domain::model::List;
use crate::domain::period::Month;
use crate::domain::redblack::Step;
use crate::i18n::{t, tf};
use crate::store::programme::bins::{self as store_bins, Bin};
use crate::store::programme::meetings::{self as events, Event};
use crate::store::programme::redblack::{self, Row};
use crate::store::programme::units::{self as registrations, Registration};
use crate::store::programme::year::{self as summary, MemberYear};
use crate::store::scores as score;
use crate::store::{Store, StoreError};
use rusqlite::Connection;

/// What the tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    RedBlack,
    /// 会议活动: 联户长座谈会 and the 五个载体 activities of the year.
    Meetings,
    /// 年终: each member's year for the democratic appraisal.
    Year,
    /// 督导: the 党员责任垃圾桶 and their duty days.
    Bins,
    /// 双报到: members of outside units registered here, and their evaluation.
    Units,
}

/// A village and year (or month) a pane was read for.
type Year = (i32, i64);

#[derive(Debug, Clone)]
pub struct LedgerView {
    pub pane: Pane,
    /// The month shown (the yearly panes show its year).
    pub month: Month,
    pub villages: Vec<(i64, String)>,
    /// Index into `villages`.
    pub village: usize,
    /// After a write: the villages are read again and every pane forgets
    /// its rows (each is read again when shown).
    pub stale: bool,
    pub redblack: Rows<Row, (Month, i64)>,
    /// Whether the village shows full names on its black list.
    pub full_names: bool,
    pub events: Rows<Event, Year>,
    pub members: Rows<MemberYear, Year>,
    pub bins: Rows<Bin, Year>,
    /// The selected bin's latest duty days: (date, member, note).
    pub bin_days: Vec<(chrono::NaiveDate, String, String)>,
    pub registrations: Rows<Registration, Year>,
}

impl LedgerView {
    pub fn new(month: Month) -> LedgerView {
        LedgerView {
            pane: Pane::default(),
            month,
            villages: Vec::new(),
            village: 0,
            stale: true,
            redblack: Rows::default(),
            full_names: false,
            events: Rows::default(),
            members: Rows::default(),
            bins: Rows::default(),
            bin_days: Vec::new(),
            registrations: Rows::default(),
        }
    }

    pub fn current(&self) -> Option<&Row> {
        self.redblack.current()
    }

    pub fn current_event(&self) -> Option<&Event> {
        self.events.current()
    }

    pub fn current_member(&self) -> Option<&MemberYear> {
        self.members.current()
    }

    pub fn current_bin(&self) -> Option<&Bin> {
        self.bins.current()
    }

    pub fn current_registration(&self) -> Option<&Registration> {
        self.registrations.current()
    }

    pub fn village_id(&self) -> Option<i64> {
        self.villages.get(self.village).map(|(id, _)| *id)
    }

    pub fn village_name(&self) -> &str {
        self.villages.get(self.village).map_or("", |(_, n)| n.as_str())
    }

    /// The list of the pane on screen (moves go to it).
    pub fn list_mut(&mut self) -> &mut ListView<usize> {
        match self.pane {
            Pane::RedBlack => &mut self.redblack.list,
            Pane::Meetings => &mut self.events.list,
            Pane::Year => &mut self.members.list,
            Pane::Bins => &mut self.bins.list,
            Pane::Units => &mut self.registrations.list,
        }
    }

    /// Back to the first row of every pane (another village or period).
    fn back_to_top(&mut self) {
        for list in
            [&mut self.redblack.list, &mut self.events.list, &mut self.members.list, &mut self.bins.list, &mut self.registrations.list]
        {
            list.selected = 0;
        }
    }

    /// Whether `load` would read the pane's data (the other tabs read it ahead).
    pub fn needs_load(&self) -> bool {
        let (month, year) = (self.month, self.month.year);
        self.stale
            || self.village_id().is_some_and(|v| match self.pane {
                Pane::RedBlack => self.redblack.needs(&(month, v)),
                Pane::Meetings => self.events.needs(&(year, v)),
                Pane::Year => self.members.needs(&(year, v)),
                Pane::Bins => self.bins.needs(&(year, v)),
                Pane::Units => self.registrations.needs(&(year, v)),
            })
    }

    /// Entries on each list, and how many of them are confirmed.
    pub fn counts(&self, list: List) -> (usize, usize) {
        let on: Vec<&Row> = self.redblack.all.iter().filter(|r| r.list() == list).collect();
        (on.len(), on.iter().filter(|r| r.state() == Some(crate::domain::model::ListState::Confirmed)).count())
    }
}

/// Reads the village list (after a write) and the pane's rows for its
/// village and period when they are not read yet, then the window.
pub fn load(app: &mut App, conn: &Connection, height: usize) -> Result<(), StoreError> {
    let (today, rules) = (app.settings.today, &app.rules);
    let l = &mut app.ledger;
    if l.stale || l.villages.is_empty() {
        l.villages = score::villages(conn, None)?;
        l.village = l.village.min(l.villages.len().saturating_sub(1));
    }
    if l.stale {
        l.redblack.loaded = None;
        l.events.loaded = None;
        l.members.loaded = None;
        l.bins.loaded = None;
        l.registrations.loaded = None;
        l.stale = false;
    }
    let (month, year) = (l.month, l.month.year);
    match (l.village_id(), l.pane) {
        (None, _) => {
            *l = LedgerView { pane: l.pane, month, stale: false, ..LedgerView::new(month) };
            return Ok(());
        }
        (Some(v), Pane::RedBlack) => {
            if l.redblack.needs(&(month, v)) {
                l.full_names = redblack::full_names(conn, v)?;
            }
            l.redblack.read((month, v), |r| r.household_id, || redblack::month(conn, v, month, today))?;
        }
        (Some(v), Pane::Meetings) => l.events.read((year, v), |e| e.id, || events::of_year(conn, v, year))?,
        (Some(v), Pane::Year) => l.members.read((year, v), |m| m.member_id, || summary::village_year(conn, v, year, today, rules))?,
        (Some(v), Pane::Bins) => l.bins.read((year, v), |b| b.id, || store_bins::of_village(conn, v, year))?,
        (Some(v), Pane::Units) => l.registrations.read((year, v), |r| r.id, || registrations::of_village(conn, v, year))?,
    }
    match l.pane {
        Pane::RedBlack => l.redblack.window(height),
        Pane::Meetings => l.events.window(height),
        Pane::Year => l.members.window(height),
        Pane::Bins => l.bins.window(height),
        Pane::Units => l.registrations.window(height),
    }
    // The selected bin's duty days: one small read, only on its pane.
    l.bin_days = match l.current_bin().map(|b| b.id).filter(|_| l.pane == Pane::Bins) {
        Some(id) => store_bins::duty_days(conn, id, usize::from(crate::app::layout::EVENT_DETAIL - 1))?,
        None => Vec::new(),
    };
    Ok(())
}

/// Carries out the tab's own actions.
pub fn apply(app: &mut App, store: &mut Store, action: &Action) -> Result<(), StoreError> {
    let l = &mut app.ledger;
    match action {
        Action::PrevMonth | Action::NextMonth => {
            l.month = if *action == Action::PrevMonth { l.month.prev() } else { l.month.next() };
            l.back_to_top();
        }
        Action::PrevYear | Action::NextYear => {
            let year = l.month.year + if *action == Action::PrevYear { -1 } else { 1 };
            l.month = Month::new(year, l.month.month).unwrap_or(l.month);
            l.back_to_top();
        }
        Action::ShowRedBlack => l.pane = Pane::RedBlack,
        Action::ShowYearSummary => l.pane = Pane::Year,
        Action::ShowBins => l.pane = Pane::Bins,
        Action::ShowUnits => l.pane = Pane::Units,
        Action::Add if l.pane == Pane::Units => crate::app::tabs::ledger::units::open_register(app, store)?,
        Action::Edit if l.pane == Pane::Units => crate::app::tabs::ledger::units::edit(app),
        Action::Review => crate::app::tabs::ledger::units::open_review(app),
        Action::WriteBoard if l.pane == Pane::Units => crate::app::tabs::ledger::units::write_report(app, store),
        Action::Add if l.pane == Pane::Bins => crate::app::tabs::ledger::bins::open_form(app, store, false)?,
        Action::Edit if l.pane == Pane::Bins => crate::app::tabs::ledger::bins::open_form(app, store, true)?,
        Action::LogDuty => crate::app::tabs::ledger::bins::open_duty(app),
        Action::Duties => crate::app::tabs::ledger::year::duties(app),
        Action::Wechat => crate::app::tabs::ledger::year::wechat(app),
        Action::Appraise => crate::app::tabs::ledger::year::appraisal(app),
        Action::WriteBoard if l.pane == Pane::Year => crate::app::tabs::ledger::year::write_summary(app),
        Action::ShowEvents => l.pane = Pane::Meetings,
        Action::Add => crate::app::tabs::ledger::meetings::add(app),
        Action::Edit => crate::app::tabs::ledger::meetings::edit(app),
        Action::Attendees => crate::app::tabs::ledger::meetings::attendees(app, store)?,
        Action::OpenConcern => crate::app::tabs::ledger::meetings::open_concern(app, store)?,
        Action::NextVillage | Action::PrevVillage if !l.villages.is_empty() => {
            let n = l.villages.len();
            l.village = if *action == Action::NextVillage { (l.village + 1) % n } else { (l.village + n - 1) % n };
            l.back_to_top();
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
            app.status = Some((tf(key, &[("head", &head), ("list", list.label(crate::i18n::lang()))]), Tone::Info));
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
    let path = crate::app::printed::beside_db(app, &[t("redblack.file"), l.village_name(), &l.month.to_string()], "html");
    let args = format!("--month {} {}", l.month, crate::app::printed::village_arg(l.village_name()));
    app.status = Some(match crate::io::redblack::write(&path, &boards, crate::i18n::lang(), &crate::store::date_text(today)) {
        Ok(()) => crate::app::printed::written(
            app,
            tf("msg.redblack_written", &[("file", &path.display().to_string())]),
            "redblack",
            &args,
            &path,
        ),
        Err(e) => (e.to_string(), Tone::Error),
    });
}
