//! When a save finds that someone else changed the record since the form
//! was opened: both versions side by side, field by field. The user keeps
//! theirs, takes the other, or picks per field; nothing is overwritten
//! without that choice.

use super::form::{Form, FormKind};
use super::reload::{invalidate, reload};
use super::{App, Tone};
use crate::i18n::t;
use crate::store::{Store, StoreError, date_text, households, members, visits};

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
/// builds the comparison with the stored record. Returns false for other
/// forms (a concern's step: someone moved it on; the list shows where).
pub fn open(app: &mut App, store: &Store) -> Result<bool, StoreError> {
    let Some(form) = app.form.as_ref() else { return Ok(false) };
    let Some((id, _)) = form.target else { return Ok(false) };
    let today = date_text(app.settings.today);
    let lang = crate::i18n::lang();
    let (theirs, version) = match form.kind {
        FormKind::Household => {
            let h = households::get(store.conn(), id, &today)?;
            (Form::household(Some(&h), "", lang), h.version)
        }
        FormKind::Member => {
            let m = members::get(store.conn(), id, &today)?;
            (Form::member(Some(&m), "", lang), m.version)
        }
        FormKind::Visit => {
            let v = visits::get(store.conn(), id)?;
            let people = members::for_visit(store.conn(), v.household_id, &today)?;
            let class = households::get(store.conn(), v.household_id, &today)?.class;
            (Form::visit_correction(&v, &people, class, lang), v.version)
        }
        _ => return Ok(false),
    };
    let fields = form
        .fields
        .iter()
        .zip(&theirs.fields)
        .filter(|(a, b)| a.value() != b.value())
        .map(|(a, b)| Differ { key: a.key, label: a.label, mine: a.display().0, theirs: b.display().0, take_theirs: false })
        .collect();
    app.conflict = Some(Conflict { version, fields, selected: 0 });
    Ok(true)
}

/// Space: this field from the other version, or back to mine.
pub fn toggle(app: &mut App) {
    if let Some(c) = app.conflict.as_mut()
        && let Some(f) = c.fields.get_mut(c.selected)
    {
        f.take_theirs = !f.take_theirs;
    }
}

pub fn step(app: &mut App, delta: isize) {
    if let Some(c) = app.conflict.as_mut() {
        c.selected = c.selected.saturating_add_signed(delta).min(c.fields.len().saturating_sub(1));
    }
}

/// `m`: all mine; `t`: all theirs.
pub fn all(app: &mut App, theirs: bool) {
    if let Some(c) = app.conflict.as_mut() {
        c.fields.iter_mut().for_each(|f| f.take_theirs = theirs);
    }
}

/// Enter: saves the merge over the version now stored. Taking every field
/// from the other version writes nothing and closes the form.
pub fn apply(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
    let Some(c) = app.conflict.take() else { return Ok(()) };
    if c.fields.iter().all(|f| f.take_theirs) {
        app.form = None;
        app.status = Some((t("msg.took_theirs").to_string(), Tone::Info));
        invalidate(app);
        return reload(app, store);
    }
    let Some(form) = app.form.as_mut() else { return Ok(()) };
    for d in c.fields.iter().filter(|d| d.take_theirs) {
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
    if let Some((id, _)) = form.target {
        form.target = Some((id, c.version));
    }
    super::save::save(app, store)
}
