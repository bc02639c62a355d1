//! What a tab's action asks the frame to do, and what it is given to act
//! with. Tabs never reach into the frame or each other: they return effects
//! and `update` carries them out.

use super::overlay::Overlay;
use super::screen::{Settings, Tab, Tone};
use crate::domain::rules::Rules;
use crate::store::Store;
use chrono::NaiveDate;

#[derive(Debug)]
pub enum Effect {
    /// A message for the status line.
    Status(String, Tone),
    /// Opens an overlay on top.
    Open(Overlay),
    /// The database changed: everything it feeds is read again.
    Invalidate,
    /// What the screen shows is read again (the window, the pane).
    Reload,
    SwitchTab(Tab),
    /// Takes the topmost form away (saved, or done with).
    CloseForm,
    /// Text for the terminal's clipboard (the event loop sends it).
    Copy(String),
    /// Remembers what the user last chose (`store::prefs`).
    Remember(&'static str, String),
    /// Works on this village from now on (None: every village), as `V` does.
    Village(Option<(i64, String)>),
}

pub type Effects = Vec<Effect>;

pub fn info(msg: impl Into<String>) -> Effect {
    Effect::Status(msg.into(), Tone::Info)
}

pub fn error(msg: impl Into<String>) -> Effect {
    Effect::Status(msg.into(), Tone::Error)
}

pub fn open(o: impl Into<Overlay>) -> Effect {
    Effect::Open(o.into())
}

/// What a tab may use: the store, the settings and the rules, and the
/// screen's width (to fit a message). Not the other tabs.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub settings: &'a Settings,
    pub rules: &'a Rules,
    pub width: u16,
}

impl Ctx<'_> {
    pub fn today(&self) -> NaiveDate {
        self.settings.today
    }

    pub fn conn(&self) -> &rusqlite::Connection {
        self.store.conn()
    }
}

/// What a form's save did.
#[derive(Debug)]
pub enum Saved {
    /// Written: the form closes, the message shows, the data is read again,
    /// then the effects follow.
    Written(String, Effects),
    /// The form shows what is wrong; nothing was written.
    Problems,
    /// Nothing written: the form closes and the effects follow.
    Closed(Effects),
    /// Nothing written yet: the form stays and a question is asked first.
    Asked(Effects),
}

impl Saved {
    /// The problems shown under their fields; nothing written.
    pub fn problems(form: &mut super::form::Form, problems: &crate::domain::validate::Problems) -> Result<Saved, crate::store::StoreError> {
        form.set_problems(problems);
        Ok(Saved::Problems)
    }
}
