//! The frame's small words, shared by every module of `app` (and `ui`):
//! the tabs, the questions asked, the long jobs, a message's tone and the
//! settings fixed at start.

use chrono::NaiveDate;

/// The smallest terminal the app draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The tabs, in key order 0–7.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// 总览: the township at a glance.
    Overview,
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
    pub const ALL: [Tab; 8] =
        [Tab::Overview, Tab::Today, Tab::Households, Tab::Members, Tab::Visits, Tab::Scores, Tab::Concerns, Tab::Ledger];

    pub fn label_key(self) -> &'static str {
        match self {
            Tab::Overview => "tab.overview",
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
    /// Make a village the household or member form names (a new one).
    NewVillage {
        name: String,
        /// The villages whose names come closest, to catch a typo.
        near: Vec<String>,
    },
    /// Link a member beyond the most households their role takes: the
    /// link form, opened on a yes.
    OverLoad {
        name: String,
        load: u32,
        after: usize,
        max: u32,
        form: Then,
    },
    /// Log a second visit to a household on the same day.
    SameDayVisit {
        head: String,
        date: String,
    },
    /// Change a household's 民意测评 rating given already.
    Rerate {
        household: i64,
        head: String,
        from: String,
        to: String,
        rating: Option<crate::domain::model::Rating>,
    },
    /// Freeze the 考评 board on screen.
    Finalize {
        village: String,
        quarter: String,
        /// Households of the village not rated (民意测评) this quarter.
        unrated: usize,
    },
}

/// Long work to run after the screen says it is under way.
/// An import previewed and ready: Enter writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReady {
    pub kind: crate::io::import::ImportKind,
    pub path: std::path::PathBuf,
    pub village: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Demo,
    /// The import form's file: the preview.
    Import,
    /// The previewed import, to write (Enter on the preview).
    ImportWrite(ImportReady),
    /// Text the event loop puts on the terminal's clipboard (OSC 52).
    Clipboard(String),
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

/// A form to open once a question is answered yes (compared by subject).
#[derive(Debug, Clone)]
pub struct Then(pub Box<crate::app::form::Form>);

impl PartialEq for Then {
    fn eq(&self, other: &Then) -> bool {
        self.0.subject == other.0.subject
    }
}

impl Eq for Then {}
