//! Forms built on ratatui-textarea: text fields and choice fields, the focus
//! (hidden fields skipped), what changed, and the problems found on save.
//! The forms themselves are built in `forms`.

pub use super::subject::{FormKind, Subject};
use crate::domain::model::Class;
use crate::domain::text;
use crate::domain::validate::Problems;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea};

#[derive(Debug, Clone)]
pub enum Input {
    Text(Box<TextArea<'static>>),
    /// Options as (value that validation reads, label shown), and the chosen one.
    Choice {
        options: Vec<(String, String)>,
        index: usize,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The validation key (`village`, `head`, …).
    pub key: &'static str,
    /// The i18n key of the label.
    pub label: &'static str,
    pub required: bool,
    pub input: Input,
    pub error: Option<String>,
    /// Not shown and skipped by Tab (the next planned visit of a household
    /// that is not 难点户).
    pub hidden: bool,
}

impl Field {
    pub fn text(key: &'static str, required: bool, value: &str) -> Field {
        let mut area = TextArea::new(vec![value.to_string()]);
        area.move_cursor(CursorMove::End);
        Field { key, label: label_key(key), required, input: Input::Text(Box::new(area)), error: None, hidden: false }
    }

    pub fn choice(key: &'static str, options: Vec<(String, String)>, value: &str) -> Field {
        let index = options.iter().position(|(v, _)| v == value).unwrap_or(0);
        Field { key, label: label_key(key), required: true, input: Input::Choice { options, index }, error: None, hidden: false }
    }

    /// The field's value as validation reads it.
    pub fn value(&self) -> String {
        match &self.input {
            Input::Text(area) => area.lines().join(""),
            Input::Choice { options, index } => options.get(*index).map(|(v, _)| v.clone()).unwrap_or_default(),
        }
    }

    /// The text shown, and the caret position in characters (text fields).
    pub fn display(&self) -> (String, Option<usize>) {
        match &self.input {
            Input::Text(area) => (area.lines().join(""), Some(area.cursor().1)),
            Input::Choice { options, index } => (options.get(*index).map(|(_, l)| l.clone()).unwrap_or_default(), None),
        }
    }

    /// Replaces a text field's text (caret at the end) or picks a choice.
    pub fn set(&mut self, value: &str) {
        match &mut self.input {
            Input::Text(area) => {
                let mut fresh = TextArea::new(vec![value.to_string()]);
                fresh.move_cursor(CursorMove::End);
                **area = fresh;
            }
            Input::Choice { options, index } => {
                if let Some(i) = options.iter().position(|(v, _)| v == value) {
                    *index = i;
                }
            }
        }
    }
}

/// Field keys and their label keys in the catalogues.
const LABELS: &[(&str, &str)] = &[
    ("village", "field.village"),
    ("group", "field.group"),
    ("building", "field.building"),
    ("address", "field.address"),
    ("head", "field.head"),
    ("phone", "field.phone"),
    ("size", "field.size"),
    ("class", "field.class"),
    ("note", "field.note"),
    ("name", "field.name"),
    ("role", "field.role"),
    ("status", "field.status"),
    ("unit", "field.unit"),
    ("party_group", "field.party_group"),
    ("kind", "field.kind"),
    ("file", "field.file"),
    ("household", "field.household"),
    ("date", "field.date"),
    ("member", "field.member"),
    ("mode", "field.mode"),
    ("sorting", "field.sorting"),
    ("situation", "field.situation"),
    ("concern", "field.concern"),
    ("suggestion", "field.suggestion"),
    ("found_class", "field.found_class"),
    ("next", "field.next"),
    ("from", "field.from"),
    ("to", "field.to"),
    ("step", "field.step"),
    ("step_note", "field.step_note"),
    ("points", "field.points"),
    ("reason", "field.reason"),
    ("since", "field.since"),
    ("until", "field.until"),
    ("event_kind", "field.event_kind"),
    ("title", "field.title"),
    ("difficulties", "field.difficulties"),
    ("decisions", "field.decisions"),
    ("others", "field.others"),
    ("group_name", "field.group_name"),
    ("appraisal", "field.appraisal"),
    ("location", "field.location"),
    ("review", "field.review"),
];

fn label_key(key: &'static str) -> &'static str {
    LABELS.iter().find(|(k, _)| *k == key).map(|(_, l)| *l).unwrap_or("field.unknown")
}

/// The static key and label of a field key read back from a draft.
pub(super) fn known_key(key: &str) -> Option<(&'static str, &'static str)> {
    LABELS.iter().find(|(k, _)| *k == key).copied()
}

/// What a visit form knows beyond its fields.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct VisitContext {
    /// The household visited, when the form has no household choice.
    pub household: Option<i64>,
    /// The class of each household on offer (by id), to show and compare.
    pub classes: Vec<(i64, Class)>,
    /// While set, the next planned date follows the visit date by this
    /// many days (until the user types one).
    pub auto_next: Option<u32>,
    /// A member's logbook (走访日志): one visit after another.
    #[serde(default)]
    pub logbook: Option<Logbook>,
    /// The user said yes to a second visit to the household that day.
    #[serde(default)]
    pub same_day_ok: bool,
}

/// A run through a member's logbook: whose it is, how many entries this run
/// saved, which households they were, and the initials typed to pick one.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Logbook {
    pub member: i64,
    pub name: String,
    pub saved: usize,
    pub done: Vec<i64>,
    pub seek: String,
}

#[derive(Debug, Clone)]
pub struct Form {
    /// What the form is about.
    pub subject: Subject,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Lines shown above the fields (who is visited, the concern).
    pub caption: Vec<String>,
    pub visit: VisitContext,
    /// The user said yes to making the village the form names (not one
    /// the database holds yet).
    pub new_village_ok: bool,
    pub(super) original: Vec<String>,
}

impl Form {
    pub fn new(subject: Subject, fields: Vec<Field>) -> Form {
        let original = fields.iter().map(Field::value).collect();
        Form { subject, fields, focus: 0, caption: Vec::new(), visit: VisitContext::default(), new_village_ok: false, original }
    }

    pub fn kind(&self) -> FormKind {
        self.subject.kind()
    }

    pub fn title_key(&self) -> &'static str {
        match (self.kind(), self.subject.existing()) {
            (FormKind::Household, None) => "form.add_household",
            (FormKind::Household, Some(_)) => "form.edit_household",
            (FormKind::Member, None) => "form.add_member",
            (FormKind::Member, Some(_)) => "form.edit_member",
            (FormKind::Import, _) => "form.import",
            (FormKind::Visit, None) => "form.log_visit",
            (FormKind::Visit, Some(_)) => "form.correct_visit",
            (FormKind::VisitFilter, _) => "form.visit_filter",
            (FormKind::Step, _) => "form.step",
            (FormKind::Adjustment, _) => "form.adjustment",
            (FormKind::Reopen, _) => "form.reopen",
            (FormKind::Link, _) => "form.link",
            (FormKind::Unlink, _) => "form.unlink",
            (FormKind::Event, None) => "form.add_event",
            (FormKind::Event, Some(_)) => "form.edit_event",
            (FormKind::EventConcern, _) => "form.event_concern",
            (FormKind::Wechat, _) => "form.wechat",
            (FormKind::Appraisal, _) => "form.appraisal",
            (FormKind::Bin, None) => "form.add_bin",
            (FormKind::Bin, Some(_)) => "form.edit_bin",
            (FormKind::DutyDay, _) => "form.duty_day",
            (FormKind::Registration, None) => "form.register",
            (FormKind::Registration, Some(_)) => "form.edit_registration",
            (FormKind::Review, _) => "form.review",
        }
    }

    pub fn value(&self, key: &str) -> String {
        self.fields.iter().find(|f| f.key == key).map(Field::value).unwrap_or_default()
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    /// Focuses the field with this key.
    pub fn focus_on(&mut self, key: &str) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.focus = i;
        }
    }

    /// The value field `i` had when the form opened.
    pub fn original_value(&self, i: usize) -> Option<&str> {
        self.original.get(i).map(String::as_str)
    }

    /// Takes the current values as the unchanged state.
    pub fn settle(&mut self) {
        self.original = self.fields.iter().map(Field::value).collect();
    }

    pub fn changed(&self) -> bool {
        self.fields.iter().map(Field::value).ne(self.original.iter().cloned())
    }

    /// Takes the current values of `keys` as unchanged (what a pick fills
    /// in is not something typed that Esc would lose).
    pub(super) fn settle_fields(&mut self, keys: &[&str]) {
        for (f, o) in self.fields.iter().zip(self.original.iter_mut()) {
            if keys.contains(&f.key) {
                *o = f.value();
            }
        }
    }

    /// Shows each problem under its field and focuses the first.
    pub fn set_problems(&mut self, problems: &Problems) {
        for f in &mut self.fields {
            f.error = problems.iter().find(|(k, _)| *k == f.key).map(|(_, e)| e.to_string());
        }
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }

    pub fn next_field(&mut self) {
        // In a logbook, the household picked, the caret goes to the note.
        if self.visit.logbook.is_some() && self.fields.get(self.focus).is_some_and(|f| f.key == "household") {
            self.focus_on("note");
            return;
        }
        self.step_focus(1);
    }

    pub fn prev_field(&mut self) {
        self.step_focus(self.fields.len().saturating_sub(1));
    }

    /// Moves the focus by `by` (mod the field count), over hidden fields.
    fn step_focus(&mut self, by: usize) {
        let n = self.fields.len();
        for _ in 0..n {
            self.focus = (self.focus + by) % n.max(1);
            if !self.fields.get(self.focus).is_some_and(|f| f.hidden) {
                return;
            }
        }
    }

    /// A key for the focused field: edits text, or cycles a choice (the
    /// form then follows it: `forms::Form::key`).
    pub(super) fn edit_focused(&mut self, ev: KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else { return };
        match &mut field.input {
            Input::Choice { options, index } => match ev.code {
                KeyCode::Right | KeyCode::Char(' ') => *index = (*index + 1) % options.len(),
                KeyCode::Left => *index = (*index + options.len() - 1) % options.len(),
                _ => {}
            },
            Input::Text(area) => {
                if let KeyCode::Char(c) = ev.code
                    && text::is_forbidden(c)
                {
                    return;
                }
                area.input(ev);
                single_line(area);
            }
        }
        field.error = None;
    }

    /// Pasted text goes into the focused text field, cleaned of control and
    /// bidi characters and joined into one line.
    pub(super) fn paste_focused(&mut self, pasted: &str) {
        let Some(field) = self.fields.get_mut(self.focus) else { return };
        if let Input::Text(area) = &mut field.input {
            area.insert_str(text::clean(pasted));
            single_line(area);
            field.error = None;
        }
    }
}

/// Keeps a text area to one line (a stray newline is folded back in).
fn single_line(area: &mut Box<TextArea<'static>>) {
    if area.lines().len() > 1 {
        let ratatui_textarea::DataCursor(row, col) = area.cursor();
        let before: usize = area.lines().iter().take(row).map(|l| l.chars().count()).sum();
        let joined = area.lines().join("");
        **area = TextArea::new(vec![joined]);
        area.move_cursor(CursorMove::Jump(0, (before + col) as u16));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crossterm::event::KeyModifiers;

    fn typed(form: &mut Form, s: &str) {
        for c in s.chars() {
            form.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn typing_chinese_and_cycling_a_choice() {
        let mut f = Form::household(None, "湖口村", Lang::Zh);
        assert_eq!(f.focus, 1);
        assert!(!f.changed());
        f.focus = 4;
        typed(&mut f, "张三丰");
        assert_eq!(f.value("head"), "张三丰");
        assert_eq!(f.fields[4].display(), ("张三丰".to_string(), Some(3)));
        f.focus = 7;
        f.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert_eq!(f.value("class"), "提升户");
        assert!(f.changed());
    }

    #[test]
    fn paste_is_cleaned_and_kept_on_one_line() {
        let mut f = Form::member(None, "湖口村", Lang::Zh);
        f.paste("李\u{1b}[31m四\n\u{202E}");
        assert_eq!(f.value("name"), "李[31m四");
    }

    #[test]
    fn problems_land_on_their_fields() {
        let mut f = Form::household(None, "湖口村", Lang::Zh);
        let problems = f.household_text().validate().unwrap_err();
        f.set_problems(&problems);
        assert_eq!(f.fields[f.focus].key, "address");
        assert!(f.fields[4].error.is_some());
    }
}
