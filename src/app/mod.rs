//! App state, actions and the one update function. No drawing here.

pub mod action;
pub mod conflict;
pub mod draft;
pub mod form;
pub mod forms;
mod history;
pub mod keymap;
mod linking;
mod list;
mod moves;
mod open;
pub mod picker;
pub mod printed;
mod reload;
pub mod rows;
mod save;
pub mod tabs;
use tabs::{ledger, scores};
mod update;

pub use action::Action;
pub use reload::read_ahead;
pub use update::{refresh, start, update};

use crate::domain::period::Quarter;
use crate::domain::rules::Rules;
use crate::domain::schedule::Standing;
use crate::store::concerns::{self, Concern, Step};
use crate::store::due::DueRow;
use crate::store::households::{self, Household};
use crate::store::members::{self, LinkedHousehold, Member};
use crate::store::visits::{self, Visit};
use chrono::NaiveDate;
use form::Form;
use keymap::Mode;

/// The smallest terminal the app draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The tabs, in key order 1–6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Today,
    Households,
    Members,
    Visits,
    Scores,
    Concerns,
    /// 台账: the red and black lists.
    Ledger,
}

impl Tab {
    pub const ALL: [Tab; 7] = [Tab::Today, Tab::Households, Tab::Members, Tab::Visits, Tab::Scores, Tab::Concerns, Tab::Ledger];

    pub fn label_key(self) -> &'static str {
        match self {
            Tab::Today => "tab.today",
            Tab::Households => "tab.households",
            Tab::Members => "tab.members",
            Tab::Visits => "tab.visits",
            Tab::Scores => "tab.scores",
            Tab::Concerns => "tab.concerns",
            Tab::Ledger => "tab.ledger",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// Whether the tab edits its rows (else it shows them read-only).
    pub fn editable(self) -> bool {
        matches!(self, Tab::Households | Tab::Members)
    }
}

/// The detail pane of the selected household.
#[derive(Debug, Clone, Default)]
pub struct HouseholdDetail {
    pub classes: Vec<(crate::domain::model::Class, String)>,
    pub links: Vec<(String, String, String, Option<String>)>,
    /// Where it stands today: status, next due date, missed periods.
    pub standing: Option<Standing>,
    /// Its latest visits, newest first.
    pub visits: Vec<Visit>,
}

/// The detail pane of the selected member.
#[derive(Debug, Clone, Default)]
pub struct MemberDetail {
    pub households: Vec<LinkedHousehold>,
    /// Every link, current first, then ended ones.
    pub history: Vec<crate::store::linking::MemberLink>,
    /// The leader of their patch.
    pub leader: Option<String>,
    /// The members of their own patch (when they lead one), with the heads
    /// of their households.
    pub patch: Vec<(String, Vec<String>)>,
}

/// 今日: the whole due list (computed after changes, not per frame), the
/// part the filter keeps, and the window on screen.
#[derive(Debug, Clone, Default)]
pub struct DueView {
    /// Every household overdue, due or unlinked, most urgent first.
    pub all: Vec<DueRow>,
    /// Indexes into `all` that the filter keeps.
    pub kept: Vec<usize>,
    /// Counts of the kept rows: overdue, due, unlinked.
    pub counts: (usize, usize, usize),
    pub list: ListView<DueRow>,
    /// Whether `all` must be computed again (after a write).
    pub stale: bool,
    /// Members (not exempt) linked to no household today.
    pub idle_members: usize,
}

/// What a confirmation is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DiscardForm,
    QuitWithForm,
    Archive {
        tab: Tab,
        id: i64,
        version: i64,
        archived: bool,
        name: String,
    },
    /// Link a household to an exempt member (年老体弱, 流动).
    LinkExempt {
        member: i64,
        name: String,
        household: i64,
        head: String,
    },
    /// Show (or mask again) full names on a village's black list.
    FullNames {
        village_id: i64,
        village: String,
        on: bool,
    },
    /// Freeze the 考评 board on screen.
    Finalize {
        village: String,
        quarter: String,
    },
}

/// Long work to run after the screen says it is under way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Demo,
    Import,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// Display settings fixed at start.
#[derive(Debug, Clone)]
pub struct Settings {
    pub ascii: bool,
    pub color: bool,
    pub today: NaiveDate,
    pub db_path: String,
    /// On the township server (a forced command over SSH): `ssh USER@HOST`,
    /// the start of the command that fetches a file the app wrote.
    pub fetch: Option<String>,
}

pub struct App {
    pub settings: Settings,
    pub tab: Tab,
    pub width: u16,
    pub height: u16,
    pub households: ListView<Household>,
    pub household_sort: households::Sort,
    pub household_detail: HouseholdDetail,
    /// Whether the detail pane shows under 住户 and 党员 (`d`); None
    /// follows the screen's height (see `layout::DETAIL_FROM`).
    pub detail: Option<bool>,
    pub members: ListView<Member>,
    pub member_sort: members::Sort,
    pub member_detail: MemberDetail,
    pub due: DueView,
    pub visits: ListView<Visit>,
    /// The 走访 tab's filters other than the quick text (date range, village,
    /// member, household).
    pub visit_query: visits::Query,
    pub concerns: ListView<Concern>,
    pub concern_show: concerns::Show,
    /// The steps of the selected concern.
    pub concern_steps: Vec<Step>,
    /// 考评: the quarter board and its panes.
    pub scores: scores::ScoresView,
    /// 台账: the red and black lists.
    pub ledger: ledger::LedgerView,
    /// The programme's numbers (defaults and the township's rules.toml).
    pub rules: Rules,
    /// Typing into the current tab's filter.
    pub filtering: bool,
    pub form: Option<Form>,
    /// A list to pick households, a member, a leader or suggestions from.
    pub picker: Option<picker::Picker>,
    /// The coverage popup: households with no member, members with none.
    pub coverage: Option<crate::store::linking::Coverage>,
    pub confirm: Option<Confirm>,
    /// A save refused because someone else changed the record: both versions.
    pub conflict: Option<conflict::Conflict>,
    pub help: Option<usize>,
    pub welcome: bool,
    pub pending: Option<Pending>,
    /// Lines to show in a message box (import problems).
    pub report: Vec<String>,
    /// The title of the `report` box (an i18n key).
    pub report_title: &'static str,
    /// How far the report (import report, history, preview) is scrolled.
    pub report_offset: usize,
    /// An import previewed and ready: Enter writes it.
    pub import_ready: Option<(crate::io::import::ImportKind, std::path::PathBuf, Option<String>)>,
    pub status: Option<(String, Tone)>,
    pub quit: bool,
}

impl App {
    pub fn new(settings: Settings, rules: Rules, width: u16, height: u16) -> App {
        let quarter = Quarter::of(settings.today);
        let month = crate::domain::period::Month::of(settings.today);
        App {
            settings,
            tab: Tab::Today,
            width,
            height,
            households: ListView::default(),
            household_sort: households::Sort::default(),
            household_detail: HouseholdDetail::default(),
            detail: None,
            members: ListView::default(),
            member_sort: members::Sort::default(),
            member_detail: MemberDetail::default(),
            due: DueView { stale: true, ..Default::default() },
            visits: ListView::default(),
            visit_query: visits::Query::default(),
            concerns: ListView::default(),
            concern_show: concerns::Show::default(),
            concern_steps: Vec::new(),
            scores: scores::ScoresView::new(quarter),
            ledger: ledger::LedgerView::new(month),
            rules,
            filtering: false,
            form: None,
            picker: None,
            coverage: None,
            confirm: None,
            conflict: None,
            help: None,
            welcome: false,
            pending: None,
            report: Vec::new(),
            report_title: "ui.import_report",
            import_ready: None,
            report_offset: 0,
            status: None,
            quit: false,
        }
    }

    /// Whether 住户 and 党员 show the detail pane: as the user chose, or on
    /// screens tall enough that the table keeps most of its rows.
    pub fn detail_shown(&self) -> bool {
        self.detail.unwrap_or(self.height >= layout::DETAIL_FROM)
    }

    /// Table rows the current tab shows.
    pub fn rows(&self) -> usize {
        self.rows_of(self.tab)
    }

    /// Table rows a tab shows (台账's meetings have their detail below).
    pub fn rows_of(&self, tab: Tab) -> usize {
        if tab == Tab::Ledger && !matches!(self.ledger.pane, ledger::Pane::RedBlack | ledger::Pane::Units) {
            return layout::table_rows(self.height, 1 + layout::EVENT_DETAIL);
        }
        layout::rows_for(tab, self.height, self.detail_shown())
    }

    /// The mode whose key table applies now: the topmost layer wins.
    pub fn mode(&self) -> Mode {
        if self.import_ready.is_some() && !self.report.is_empty() {
            Mode::Preview
        } else if self.help.is_some() || !self.report.is_empty() {
            Mode::Help
        } else if self.confirm.is_some() {
            Mode::Confirm
        } else if self.conflict.is_some() {
            Mode::Conflict
        } else if self.form.is_some() {
            Mode::Form
        } else if self.picker.is_some() {
            Mode::Pick
        } else if self.coverage.is_some() {
            Mode::Coverage
        } else if self.welcome {
            Mode::Welcome
        } else if self.filtering {
            Mode::Filter
        } else {
            match self.tab {
                Tab::Households | Tab::Members => Mode::List,
                Tab::Today => Mode::Today,
                Tab::Scores => match self.scores.pane {
                    scores::Pane::Ranking => Mode::Scores,
                    scores::Pane::Member => Mode::ScoresMember,
                    scores::Pane::Year => Mode::ScoresYear,
                    scores::Pane::Ratings => Mode::Ratings,
                },
                Tab::Visits => Mode::Log,
                Tab::Concerns => Mode::Concerns,
                Tab::Ledger => match self.ledger.pane {
                    ledger::Pane::RedBlack => Mode::Ledger,
                    ledger::Pane::Meetings => Mode::Meetings,
                    ledger::Pane::Year => Mode::Year,
                    ledger::Pane::Bins => Mode::Bins,
                    ledger::Pane::Units => Mode::Units,
                },
            }
        }
    }

    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// The filter text of the current tab, if it has one.
    pub fn filter(&self) -> Option<&str> {
        match self.tab {
            Tab::Households => Some(&self.households.filter),
            Tab::Members => Some(&self.members.filter),
            Tab::Visits => Some(&self.visits.filter),
            Tab::Concerns => Some(&self.concerns.filter),
            Tab::Today => Some(&self.due.list.filter),
            Tab::Scores | Tab::Ledger => None,
        }
    }
}

pub use list::ListView;

/// Screen layout shared by `update` (how many rows to fetch) and `ui`
/// (where to draw them).
pub mod layout;
