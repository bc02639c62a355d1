//! Forms built on ratatui-textarea: text fields and choice fields, the focus,
//! what changed, and the problems found on save.

use crate::domain::model::{Class, Role, Status};
use crate::domain::text;
use crate::domain::validate::{HouseholdText, MemberText, Problems};
use crate::i18n::{Lang, t};
use crate::io::import::ImportKind;
use crate::store::households::Household;
use crate::store::members::Member;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Household,
    Member,
    Import,
}

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
}

impl Field {
    fn text(key: &'static str, required: bool, value: &str) -> Field {
        let mut area = TextArea::new(vec![value.to_string()]);
        area.move_cursor(CursorMove::End);
        Field { key, label: label_key(key), required, input: Input::Text(Box::new(area)), error: None }
    }

    fn choice(key: &'static str, options: Vec<(String, String)>, value: &str) -> Field {
        let index = options.iter().position(|(v, _)| v == value).unwrap_or(0);
        Field { key, label: label_key(key), required: true, input: Input::Choice { options, index }, error: None }
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
}

fn label_key(key: &'static str) -> &'static str {
    match key {
        "village" => "field.village",
        "group" => "field.group",
        "building" => "field.building",
        "address" => "field.address",
        "head" => "field.head",
        "phone" => "field.phone",
        "size" => "field.size",
        "class" => "field.class",
        "note" => "field.note",
        "name" => "field.name",
        "role" => "field.role",
        "status" => "field.status",
        "unit" => "field.unit",
        "party_group" => "field.party_group",
        "kind" => "field.kind",
        "file" => "field.file",
        _ => "field.unknown",
    }
}

fn options<T: Copy>(all: &[T], zh: fn(T) -> &'static str, label: impl Fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter().map(|v| (zh(*v).to_string(), label(*v).to_string())).collect()
}

#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    /// The row being edited and the version it had when opened.
    pub target: Option<(i64, i64)>,
    pub fields: Vec<Field>,
    pub focus: usize,
    original: Vec<String>,
}

impl Form {
    fn new(kind: FormKind, target: Option<(i64, i64)>, fields: Vec<Field>) -> Form {
        let original = fields.iter().map(Field::value).collect();
        Form { kind, target, fields, focus: 0, original }
    }

    /// A household form, blank (in `village`) or filled from `existing`.
    pub fn household(existing: Option<&Household>, village: &str, lang: Lang) -> Form {
        let h = existing.map(|h| HouseholdText::from(&h.input())).unwrap_or_else(|| HouseholdText {
            village: village.to_string(),
            class: Class::General.zh().to_string(),
            ..Default::default()
        });
        let fields = vec![
            Field::text("village", true, &h.village),
            Field::text("group", false, &h.group),
            Field::text("building", false, &h.building),
            Field::text("address", true, &h.address),
            Field::text("head", true, &h.head),
            Field::text("phone", false, &h.phone),
            Field::text("size", false, &h.size),
            Field::choice("class", options(Class::ALL, Class::zh, |c| c.label(lang)), &h.class),
            Field::text("note", false, &h.note),
        ];
        let mut form = Form::new(FormKind::Household, existing.map(|h| (h.id, h.version)), fields);
        form.focus = if existing.is_none() && !village.is_empty() { 1 } else { 0 };
        form
    }

    /// A member form, blank (in `village`) or filled from `existing`.
    pub fn member(existing: Option<&Member>, village: &str, lang: Lang) -> Form {
        let m = existing.map(|m| MemberText::from(&m.input())).unwrap_or_else(|| MemberText {
            village: village.to_string(),
            role: Role::Member.zh().to_string(),
            status: Status::Normal.zh().to_string(),
            ..Default::default()
        });
        let fields = vec![
            Field::text("village", true, &m.village),
            Field::text("name", true, &m.name),
            Field::text("phone", false, &m.phone),
            Field::choice("role", options(Role::ALL, Role::zh, |r| r.label(lang)), &m.role),
            Field::choice("status", options(Status::ALL, Status::zh, |s| s.label(lang)), &m.status),
            Field::text("unit", false, &m.unit),
            Field::text("party_group", false, &m.party_group),
        ];
        let mut form = Form::new(FormKind::Member, existing.map(|m| (m.id, m.version)), fields);
        form.focus = if existing.is_none() && !village.is_empty() { 1 } else { 0 };
        form
    }

    /// The import form: what the file holds, and where it is.
    pub fn import() -> Form {
        let kinds = ImportKind::ALL.iter().map(|k| (format!("{k:?}"), t(k.label_key()).to_string())).collect();
        let fields = vec![Field::choice("kind", kinds, "Households"), Field::text("file", true, "")];
        let mut form = Form::new(FormKind::Import, None, fields);
        form.focus = 1;
        form
    }

    pub fn title_key(&self) -> &'static str {
        match (self.kind, self.target) {
            (FormKind::Household, None) => "form.add_household",
            (FormKind::Household, Some(_)) => "form.edit_household",
            (FormKind::Member, None) => "form.add_member",
            (FormKind::Member, Some(_)) => "form.edit_member",
            (FormKind::Import, _) => "form.import",
        }
    }

    pub fn value(&self, key: &str) -> String {
        self.fields.iter().find(|f| f.key == key).map(Field::value).unwrap_or_default()
    }

    pub fn changed(&self) -> bool {
        self.fields.iter().map(Field::value).ne(self.original.iter().cloned())
    }

    pub fn household_text(&self) -> HouseholdText {
        HouseholdText {
            village: self.value("village"),
            group: self.value("group"),
            building: self.value("building"),
            address: self.value("address"),
            head: self.value("head"),
            phone: self.value("phone"),
            size: self.value("size"),
            class: self.value("class"),
            note: self.value("note"),
        }
    }

    pub fn member_text(&self) -> MemberText {
        MemberText {
            village: self.value("village"),
            name: self.value("name"),
            phone: self.value("phone"),
            role: self.value("role"),
            status: self.value("status"),
            unit: self.value("unit"),
            party_group: self.value("party_group"),
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
        self.focus = (self.focus + 1) % self.fields.len();
    }

    pub fn prev_field(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
    }

    /// A key for the focused field: edits text, or cycles a choice.
    pub fn key(&mut self, ev: KeyEvent) {
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
    pub fn paste(&mut self, pasted: &str) {
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
