//! Drafts: an open form as data, so that it survives a dropped connection.
//! The event loop stores it (at most once a second, and at hang-up) and the
//! next start opens it again.

use super::form::{Field, Form, FormKind, Input, VisitContext, known_key};
use crate::app::subject::Subject;
use ratatui_textarea::{CursorMove, TextArea};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftField {
    pub key: String,
    pub required: bool,
    pub hidden: bool,
    /// A text field's text and caret column.
    pub text: Option<(String, usize)>,
    /// A choice field's options and the chosen one.
    pub options: Vec<(String, String)>,
    pub index: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub kind: FormKind,
    pub target: Option<(i64, i64)>,
    pub fields: Vec<DraftField>,
    pub focus: usize,
    pub caption: Vec<String>,
    pub ids: Vec<i64>,
    pub visit: VisitContext,
    /// The values when the form was opened, so that "changed" still holds.
    pub original: Vec<String>,
}

impl Form {
    pub fn to_draft(&self) -> Draft {
        let fields = self
            .fields
            .iter()
            .map(|f| {
                let (text, options, index) = match &f.input {
                    Input::Text(area) => (Some((area.lines().join(""), area.cursor().1)), Vec::new(), 0),
                    Input::Choice { options, index } => (None, options.clone(), *index),
                };
                DraftField { key: f.key.to_string(), required: f.required, hidden: f.hidden, text, options, index }
            })
            .collect();
        let (kind, target, ids) = self.subject.parts();
        Draft {
            kind,
            target,
            fields,
            focus: self.focus,
            caption: self.caption.clone(),
            ids,
            visit: self.visit.clone(),
            original: self.original.clone(),
        }
    }

    /// The form a draft holds; None when it names a field this version does
    /// not know (a draft from another version is dropped, not half-restored).
    pub fn from_draft(d: Draft) -> Option<Form> {
        let mut fields = Vec::with_capacity(d.fields.len());
        for f in d.fields {
            let (key, label) = known_key(&f.key)?;
            let input = match f.text {
                Some((text, caret)) => {
                    let mut area = TextArea::new(vec![text]);
                    area.move_cursor(CursorMove::Jump(0, u16::try_from(caret).unwrap_or(u16::MAX)));
                    Input::Text(Box::new(area))
                }
                None if f.options.is_empty() => return None,
                None => Input::Choice { index: f.index.min(f.options.len() - 1), options: f.options },
            };
            fields.push(Field { key, label, required: f.required, input, error: None, hidden: f.hidden });
        }
        let mut form = Form::new(Subject::from_parts(d.kind, d.target, &d.ids)?, fields);
        form.focus = d.focus.min(form.fields.len().saturating_sub(1));
        form.caption = d.caption;
        form.visit = d.visit;
        form.original = d.original;
        Some(form)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn a_half_typed_form_comes_back_whole() {
        let mut f = Form::household(None, "湖口村", Lang::Zh);
        f.focus = 4;
        for c in "欧阳".chars() {
            f.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        f.focus = 7;
        f.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        let json = serde_json::to_string(&f.to_draft()).unwrap();
        let back = Form::from_draft(serde_json::from_str(&json).unwrap()).unwrap();
        assert_eq!(back.value("head"), "欧阳");
        assert_eq!(back.value("class"), f.value("class"));
        assert_eq!(back.focus, 7);
        assert!(back.changed(), "still unsaved");
        assert_eq!(back.fields[4].display(), ("欧阳".to_string(), Some(2)), "the caret where it was");
        let mut unknown = f.to_draft();
        unknown.fields[0].key = "no_such_field".into();
        assert!(Form::from_draft(unknown).is_none());
    }
}
