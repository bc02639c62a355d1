//! When a save finds that someone else changed the record since the form
//! was opened: both versions side by side, field by field. The user keeps
//! theirs, takes the other, or picks per field; nothing is overwritten
//! without that choice.

use super::form::{Form, FormKind};
use crate::store::{StoreError, date_text, households, members, visits};

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Differ {
    pub key: &'static str,
    pub label: &'static str,
    pub mine: String,
    pub theirs: String,
    /// Whether the merged record takes the other version of this field.
    pub take_theirs: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The version now stored: saving the merge checks against it.
    pub version: i64,
    pub fields: Vec<Differ>,
    pub selected: usize,
}

/// After a refused save of a household, member or visit correction form:
/// the comparison with the stored record. None for other forms (a
/// concern's step: someone moved it on; the list shows where).
pub fn open(form: &Form, conn: &rusqlite::Connection, today: chrono::NaiveDate) -> Result<Option<Conflict>, StoreError> {
    let Some((id, _)) = form.subject.existing() else { return Ok(None) };
    let today = date_text(today);
    let lang = crate::i18n::lang();
    let (theirs, version) = match form.kind() {
        FormKind::Household => {
            let h = households::get(conn, id, &today)?;
            (Form::household(Some(&h), "", lang), h.version)
        }
        FormKind::Member => {
            let m = members::get(conn, id, &today)?;
            (Form::member(Some(&m), "", lang), m.version)
        }
        FormKind::Visit => {
            let v = visits::get(conn, id)?;
            let people = members::for_visit(conn, v.household_id, &today)?;
            let class = households::get(conn, v.household_id, &today)?.class;
            (Form::visit_correction(&v, &people, class, lang), v.version)
        }
        _ => return Ok(None),
    };
    // Merged three ways: a field only the other user changed (mine is as
    // the form opened) takes theirs; one both changed keeps mine until
    // the user picks.
    let fields = form
        .fields
        .iter()
        .zip(&theirs.fields)
        .enumerate()
        .filter(|(_, (a, b))| a.value() != b.value())
        .map(|(i, (a, b))| {
            let untouched = form.original_value(i).is_some_and(|o| o == a.value());
            Differ { key: a.key, label: a.label, mine: a.display().0, theirs: b.display().0, take_theirs: untouched }
        })
        .collect();
    Ok(Some(Conflict { version, fields, selected: 0 }))
}

impl Conflict {
    /// Space: this field from the other version, or back to mine.
    pub fn toggle(&mut self) {
        if let Some(f) = self.fields.get_mut(self.selected) {
            f.take_theirs = !f.take_theirs;
        }
    }

    pub fn step(&mut self, delta: isize) {
        self.selected = self.selected.saturating_add_signed(delta).min(self.fields.len().saturating_sub(1));
    }

    /// `m`: all mine; `t`: all theirs.
    pub fn all(&mut self, theirs: bool) {
        self.fields.iter_mut().for_each(|f| f.take_theirs = theirs);
    }

    /// Whether the merge takes every field from the other version (then
    /// nothing is written and the form closes).
    pub fn all_theirs(&self) -> bool {
        self.fields.iter().all(|f| f.take_theirs)
    }

    /// Puts the fields taken from the other version into the form, which
    /// then saves over the version now stored.
    pub fn merge_into(&self, form: &mut Form) {
        for d in self.fields.iter().filter(|d| d.take_theirs) {
            if let Some(field) = form.field_mut(d.key) {
                // A choice takes the stored value of the label shown.
                let value = match &field.input {
                    super::form::Input::Choice { options, .. } => options.iter().find(|(_, l)| *l == d.theirs).map(|(v, _)| v.clone()),
                    super::form::Input::Text(_) => Some(d.theirs.clone()),
                };
                if let Some(v) = value {
                    field.set(&v);
                }
            }
        }
        form.subject.set_version(self.version);
    }
}
