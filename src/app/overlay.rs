//! What lies over the tabs, as one stack: the last opened is on top, gets
//! the keys and is drawn last. The mode is the top overlay's, or the tab's
//! pane when nothing is open.

use super::conflict::Conflict;
use super::form::Form;
use super::keymap::Mode;
use super::picker::Picker;
use super::screen::Confirm;
use crate::store::linking::Coverage;

pub use super::screen::ImportReady;

/// A box of lines (an import's report or preview, a change history) that
/// scrolls by itself.
#[derive(Debug, Clone)]
pub struct Report {
    /// The title (an i18n key).
    pub title: &'static str,
    pub lines: Vec<String>,
    /// The first line shown.
    pub offset: usize,
    pub ready: Option<ImportReady>,
}

impl Report {
    pub fn new(title: &'static str, lines: Vec<String>) -> Report {
        Report { title, lines, offset: 0, ready: None }
    }
}

#[derive(Debug, Clone)]
pub enum Overlay {
    /// The offer on an empty database.
    Welcome,
    /// Typing into the current tab's filter, the caret at this char.
    Filter(usize),
    /// Households with no member, members with none.
    Coverage(Coverage),
    /// A list to pick households, a member, a leader or suggestions from.
    Picker(Box<Picker>),
    Form(Box<Form>),
    /// A save refused because someone else changed the record: both versions.
    Conflict(Conflict),
    Confirm(Confirm),
    Report(Report),
    /// The key help, scrolled to this line.
    Help(usize),
}

impl Overlay {
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Welcome => Mode::Welcome,
            Overlay::Filter(_) => Mode::Filter,
            Overlay::Coverage(_) => Mode::Coverage,
            Overlay::Picker(_) => Mode::Pick,
            Overlay::Form(_) => Mode::Form,
            Overlay::Conflict(_) => Mode::Conflict,
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::Report(r) if r.ready.is_some() => Mode::Preview,
            Overlay::Report(_) | Overlay::Help(_) => Mode::Help,
        }
    }

    /// Whether a reader may see it open: it writes nothing (a filter form,
    /// the import preview's form is refused at its save).
    pub fn writes(&self) -> bool {
        match self {
            Overlay::Form(f) => f.kind() != super::form::FormKind::VisitFilter,
            // Choosing one's village writes only one's own preference.
            Overlay::Picker(p) => p.kind != super::picker::PickKind::Village,
            _ => false,
        }
    }
}

impl From<Form> for Overlay {
    fn from(f: Form) -> Overlay {
        Overlay::Form(Box::new(f))
    }
}

impl From<Picker> for Overlay {
    fn from(p: Picker) -> Overlay {
        Overlay::Picker(Box::new(p))
    }
}

impl From<Confirm> for Overlay {
    fn from(c: Confirm) -> Overlay {
        Overlay::Confirm(c)
    }
}

impl From<Report> for Overlay {
    fn from(r: Report) -> Overlay {
        Overlay::Report(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::form::Form;
    use crate::app::{App, Settings, Tab};
    use crate::domain::rules::Rules;
    use crate::io::import::ImportKind;

    fn app() -> App {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let settings = Settings { ascii: false, color: true, today, db_path: String::new(), fetch: None };
        App::new(settings, Rules::defaults(), 80, 24)
    }

    #[test]
    fn the_last_opened_takes_the_keys_and_closing_it_uncovers_the_one_below() {
        let mut a = app();
        assert_eq!(a.mode(), Mode::Today);
        a.tab = Tab::Households;
        assert_eq!(a.mode(), Mode::Households);
        a.open(Form::household(None, "湖口村", crate::i18n::Lang::Zh));
        assert_eq!(a.mode(), Mode::Form);
        a.open(Confirm::DiscardForm);
        assert_eq!(a.mode(), Mode::Confirm);
        a.open(Overlay::Report(Report::new("ui.history", vec!["x".into()])));
        assert_eq!(a.mode(), Mode::Help);
        a.close_top();
        a.close_top();
        assert_eq!(a.mode(), Mode::Form);
        assert!(a.form().is_some());
        a.close_form();
        assert_eq!(a.mode(), Mode::Households);
        assert!(a.overlays.is_empty());
    }

    #[test]
    fn a_report_with_an_import_ready_is_the_preview() {
        let mut a = app();
        let mut r = Report::new("ui.import_preview", vec!["x".into()]);
        r.ready = Some(ImportReady { kind: ImportKind::Households, path: "a.csv".into(), village: None });
        a.open(Overlay::Report(r));
        assert_eq!(a.mode(), Mode::Preview);
    }
}
