//! 台账: the programme's other instruments, a pane each, per village: the
//! red and black lists of a month (红黑榜: what the rules suggest and what
//! was proposed, confirmed or dropped, here), and of a year the link-leader
//! meetings and 五个载体 activities (`meetings`), each member's year 年终
//! (`year`), the bins and duty days (`bins`), and dual registration
//! (`units`). Each pane's module holds its keys, forms and saves.

pub(crate) mod bins;
pub(crate) mod meetings;
pub(crate) mod redblack;
pub(crate) mod units;
pub(crate) mod year;

use super::{Env, TabState};
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effect, Effects, Saved};
use crate::app::form::{Form, FormKind};
use crate::app::keymap::{Binding, Key, Mode, b};
use crate::app::layout;
use crate::app::list::ListView;
use crate::app::rows::Rows;
use crate::domain::model::List;
use crate::domain::period::Month;
use crate::domain::redblack::Step;
use crate::store::StoreError;
use crate::store::programme::bins::{self as store_bins, Bin};
use crate::store::programme::meetings::{self as events, Event};
use crate::store::programme::redblack::{self as lists, Row};
use crate::store::programme::units::{self as registrations, Registration};
use crate::store::programme::year::{self as summary, MemberYear};
use crate::store::scores as score;
use rusqlite::Connection;

use Key::Char;

/// The yearly panes' year keys.
const YEARS: [Binding; 2] = [
    b(&[Char('[')], Action::Tab(TabAction::PrevYear), "help.prev_year", false),
    b(&[Char(']')], Action::Tab(TabAction::NextYear), "help.next_year", false),
];

/// The village picker and the panes, shared by every pane.
const SHARED: [Binding; 7] = [
    b(&[Char('v')], Action::Tab(TabAction::NextVillage), "help.next_village", false),
    b(&[Char('V')], Action::Tab(TabAction::PrevVillage), "help.prev_village", false),
    b(&[Char('R')], Action::Tab(TabAction::ShowRedBlack), "help.show_redblack", false),
    b(&[Char('M')], Action::Tab(TabAction::ShowMeetings), "help.show_events", false),
    b(&[Char('Y')], Action::Tab(TabAction::ShowYearEnd), "help.show_year_summary", false),
    b(&[Char('D')], Action::Tab(TabAction::ShowBins), "help.show_bins", false),
    b(&[Char('U')], Action::Tab(TabAction::ShowUnits), "help.show_units", false),
];

/// The pane's own keys, its period's, then the village and pane keys.
pub fn keys(mode: Mode) -> Vec<Binding> {
    let own: &[Binding] = match mode {
        Mode::Meetings => &meetings::KEYS,
        Mode::Year => &year::KEYS,
        Mode::Bins => &bins::KEYS,
        Mode::Units => &units::KEYS,
        _ => &redblack::KEYS,
    };
    let years: &[Binding] = if mode == Mode::RedBlack { &[] } else { &YEARS };
    own.iter().chain(years).chain(&SHARED).cloned().collect()
}

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
pub struct State {
    pub pane: Pane,
    /// The month shown (the yearly panes show its year).
    pub month: Month,
    pub villages: Vec<(i64, String)>,
    /// Index into `villages`.
    pub village: usize,
    /// The village to show once the villages are read (the user's, or
    /// the one last shown).
    pub want: Option<String>,
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

impl State {
    pub fn new(month: Month) -> State {
        State {
            pane: Pane::default(),
            month,
            villages: Vec::new(),
            village: 0,
            want: None,
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
fn load(l: &mut State, conn: &Connection, env: &Env) -> Result<(), StoreError> {
    let (today, rules, height) = (env.today, env.rules, env.rows);
    if l.stale || l.villages.is_empty() {
        l.villages = score::villages(conn, None)?;
        if let Some(i) = l.want.take().and_then(|w| l.villages.iter().position(|(_, n)| *n == w)) {
            l.village = i;
        }
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
            *l = State { pane: l.pane, month, stale: false, want: l.want.take(), ..State::new(month) };
            return Ok(());
        }
        (Some(v), Pane::RedBlack) => {
            if l.redblack.needs(&(month, v)) {
                l.full_names = lists::full_names(conn, v)?;
            }
            l.redblack.read((month, v), |r| r.household_id, || lists::month(conn, v, month, today))?;
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

impl TabState for State {
    fn load(&mut self, conn: &Connection, env: &Env) -> Result<(), StoreError> {
        load(self, conn, env)
    }

    fn fresh(&self) -> bool {
        !self.needs_load()
    }

    fn invalidate(&mut self) {
        self.stale = true;
    }

    fn mode(&self) -> Mode {
        match self.pane {
            Pane::RedBlack => Mode::RedBlack,
            Pane::Meetings => Mode::Meetings,
            Pane::Year => Mode::Year,
            Pane::Bins => Mode::Bins,
            Pane::Units => Mode::Units,
        }
    }

    fn rows(&self, height: u16, _detail: bool) -> usize {
        match self.pane {
            // The head line and the month and village keys.
            Pane::RedBlack | Pane::Units => layout::table_rows(height, 1),
            // And the selected row's detail below.
            _ => layout::table_rows(height, 1 + layout::EVENT_DETAIL),
        }
    }

    fn step(&mut self, delta: isize) {
        self.list_mut().move_by(delta);
    }

    fn on(&mut self, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
        let l = self;
        let mut out = match (action, l.pane) {
            (TabAction::PrevMonth | TabAction::NextMonth, _) => {
                l.month = if action == TabAction::PrevMonth { l.month.prev() } else { l.month.next() };
                l.back_to_top();
                vec![Effect::Remember("ledger.month", l.month.to_string())]
            }
            (TabAction::PrevYear | TabAction::NextYear, _) => {
                let year = l.month.year + if action == TabAction::PrevYear { -1 } else { 1 };
                l.month = Month::new(year, l.month.month).unwrap_or(l.month);
                l.back_to_top();
                vec![Effect::Remember("ledger.month", l.month.to_string())]
            }
            (TabAction::NextVillage | TabAction::PrevVillage, _) if !l.villages.is_empty() => {
                let n = l.villages.len();
                l.village = if action == TabAction::NextVillage { (l.village + 1) % n } else { (l.village + n - 1) % n };
                l.back_to_top();
                vec![Effect::Remember("ledger.village", l.village_name().to_string())]
            }
            (TabAction::ShowRedBlack, _) => l.show(Pane::RedBlack),
            (TabAction::ShowMeetings, _) => l.show(Pane::Meetings),
            (TabAction::ShowYearEnd, _) => l.show(Pane::Year),
            (TabAction::ShowBins, _) => l.show(Pane::Bins),
            (TabAction::ShowUnits, _) => l.show(Pane::Units),
            (_, Pane::RedBlack) => redblack::on(l, action, ctx)?,
            (_, Pane::Meetings) => meetings::on(l, action, ctx)?,
            (_, Pane::Year) => year::on(l, action, ctx)?,
            (_, Pane::Bins) => bins::on(l, action, ctx)?,
            (_, Pane::Units) => units::on(l, action, ctx)?,
        };
        out.push(Effect::Reload);
        Ok(out)
    }

    fn can(&self, action: TabAction) -> bool {
        let some = match self.pane {
            Pane::RedBlack => self.current().is_some(),
            Pane::Meetings => self.current_event().is_some(),
            Pane::Year => self.current_member().is_some(),
            Pane::Bins => self.current_bin().is_some(),
            Pane::Units => self.current_registration().is_some(),
        };
        match action {
            TabAction::Propose | TabAction::ConfirmEntry | TabAction::DropEntry => {
                let step = match action {
                    TabAction::Propose => Step::Propose,
                    TabAction::ConfirmEntry => Step::Confirm,
                    _ => Step::Drop,
                };
                self.current().is_some_and(|r| crate::domain::redblack::after(r.state(), step).is_some())
            }
            TabAction::Edit
            | TabAction::Attendees
            | TabAction::OpenConcern
            | TabAction::Duties
            | TabAction::Wechat
            | TabAction::Appraise
            | TabAction::LogDuty
            | TabAction::Review => some,
            TabAction::Add | TabAction::WriteBoard | TabAction::ToggleFullNames => self.village_id().is_some(),
            _ => true,
        }
    }
}

impl State {
    fn show(&mut self, pane: Pane) -> Effects {
        self.pane = pane;
        Vec::new()
    }

    /// Saves the forms of the tab's panes.
    pub fn save(&self, form: &mut Form, ctx: &mut Ctx) -> Result<Saved, StoreError> {
        match form.kind() {
            FormKind::Event | FormKind::EventConcern => meetings::save(self, form, ctx),
            FormKind::Wechat | FormKind::Appraisal => year::save(self, form, ctx),
            FormKind::Bin | FormKind::DutyDay => bins::save(self, form, ctx),
            _ => units::save(self, form, ctx),
        }
    }
}
