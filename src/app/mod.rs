//! App state, actions and the one update function. No drawing here.

pub mod action;
pub mod conflict;
pub mod draft;
pub mod effect;
pub mod form;
pub mod forms;
mod history;
pub mod keymap;
pub mod keys;
pub mod line;
mod linking;
pub mod list;
mod moves;
pub mod overlay;
pub mod picker;
pub mod printed;
mod reload;
pub mod rows;
mod save;
pub mod screen;
pub mod subject;
pub mod tabs;
mod update;
mod village;

pub use action::{Action, TabAction};
pub use overlay::Overlay;
pub use reload::read_ahead;
pub use screen::{Confirm, MIN_HEIGHT, MIN_WIDTH, Pending, Settings, Tab, Tone};
pub use update::{refresh, run_pending_shown, start, update};

use crate::domain::rules::Rules;
use conflict::Conflict;
use form::Form;
use keymap::Mode;
use picker::Picker;
use tabs::Tabs;

pub struct App {
    pub settings: Settings,
    /// The programme's numbers (defaults and the township's rules.toml).
    pub rules: Rules,
    pub tab: Tab,
    pub width: u16,
    pub height: u16,
    /// Each tab's own state.
    pub tabs: Tabs,
    /// What lies over the tabs, the top last (see `overlay`).
    pub overlays: Vec<Overlay>,
    /// Whether the detail pane shows under 住户 and 党员 (`d`); None
    /// follows the screen's height (see `layout::DETAIL_FROM`).
    pub detail: Option<bool>,
    /// Long work announced on screen, run next.
    pub pending: Option<Pending>,
    /// The status line: a message about the screen it was said on.
    pub status: Option<(String, Tone)>,
    pub quit: bool,
}

impl App {
    pub fn new(settings: Settings, rules: Rules, width: u16, height: u16) -> App {
        let tabs = Tabs::new(settings.today);
        App {
            settings,
            rules,
            tab: Tab::Today,
            width,
            height,
            tabs,
            overlays: Vec::new(),
            detail: None,
            pending: None,
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

    /// Table rows a tab shows.
    pub fn rows_of(&self, tab: Tab) -> usize {
        self.tabs.get(tab).rows(self.height, self.detail_shown())
    }

    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// The filter text of the current tab, if it has one.
    pub fn filter(&self) -> Option<&str> {
        self.tabs.get(self.tab).filter()
    }

    /// Whether an action does something on this screen now (the footer
    /// greys out the keys that do not).
    pub fn available(&self, action: &Action) -> bool {
        match action {
            Action::Tab(a) => self.top().is_some() || self.tabs.get(self.tab).can(*a),
            Action::StartFilter => self.filter().is_some(),
            Action::ToggleDetail => matches!(self.tab, Tab::Households | Tab::Members),
            _ => true,
        }
    }
}

/// Finds the topmost overlay of one kind, read-only and mutable.
macro_rules! topmost {
    ($get:ident, $get_mut:ident, $variant:ident, $ty:ty) => {
        pub fn $get(&self) -> Option<&$ty> {
            self.overlays.iter().rev().find_map(|o| match o {
                Overlay::$variant(x) => Some(&**x),
                _ => None,
            })
        }
        pub fn $get_mut(&mut self) -> Option<&mut $ty> {
            self.overlays.iter_mut().rev().find_map(|o| match o {
                Overlay::$variant(x) => Some(&mut **x),
                _ => None,
            })
        }
    };
}

impl App {
    pub fn top(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Overlay> {
        self.overlays.last_mut()
    }

    pub fn open(&mut self, o: impl Into<Overlay>) {
        self.overlays.push(o.into());
    }

    /// Takes the top overlay away.
    pub fn close_top(&mut self) -> Option<Overlay> {
        self.overlays.pop()
    }

    /// Takes the topmost form away (saved, discarded or done), and what was
    /// opened over it.
    pub fn close_form(&mut self) {
        if let Some(i) = self.overlays.iter().rposition(|o| matches!(o, Overlay::Form(_))) {
            self.overlays.remove(i);
        }
    }

    /// Whether an overlay of this kind is open anywhere in the stack.
    pub fn has(&self, pred: impl Fn(&Overlay) -> bool) -> bool {
        self.overlays.iter().any(pred)
    }

    topmost!(form, form_mut, Form, Form);
    topmost!(picker, picker_mut, Picker, Picker);

    pub fn conflict(&self) -> Option<&Conflict> {
        match self.top() {
            Some(Overlay::Conflict(c)) => Some(c),
            _ => None,
        }
    }

    pub fn conflict_mut(&mut self) -> Option<&mut Conflict> {
        match self.top_mut() {
            Some(Overlay::Conflict(c)) => Some(c),
            _ => None,
        }
    }

    /// The mode whose key table applies now: the top overlay's, or the
    /// current tab's pane.
    pub fn mode(&self) -> Mode {
        match self.top() {
            Some(o) => o.mode(),
            None => self.tabs.mode(self.tab),
        }
    }

    /// Whether the filter line is being typed into.
    pub fn filtering(&self) -> bool {
        matches!(self.top(), Some(Overlay::Filter(_)))
    }
}

pub use list::ListView;

/// Screen layout shared by the tabs (how many rows to fetch) and `ui`
/// (where to draw them).
pub mod layout;
