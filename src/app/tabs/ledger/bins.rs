//! 台账 · 督导: a village's 党员责任垃圾桶, each held by a 督导员, and the
//! supervision duty days logged at them.

use crate::app::form::{Field, Form, FormKind};
use crate::app::forms::member_options;
use crate::app::{App, Tone};
use crate::domain::text;
use crate::domain::validate::{Problems, take};
use crate::i18n::{t, tf};
use crate::store::programme::bins;
use crate::store::{Store, StoreError, date_text};

/// `a` (None) or `e`: a bin's form; the holder is chosen among the
/// village's 督导员.
pub fn open_form(app: &mut App, store: &Store, edit: bool) -> Result<(), StoreError> {
    let Some(village) = app.ledger.village_id() else { return Ok(()) };
    let supervisors = bins::supervisors(store.conn(), village)?;
    if supervisors.is_empty() {
        app.status = Some((t("err.no_supervisors").to_string(), Tone::Error));
        return Ok(());
    }
    let existing = if edit { app.ledger.current_bin().cloned() } else { None };
    if edit && existing.is_none() {
        return Ok(());
    }
    let holder = existing.as_ref().and_then(|b| b.member_id).unwrap_or(supervisors[0].0).to_string();
    let fields = vec![
        Field::text("location", true, existing.as_ref().map_or("", |b| b.location.as_str())),
        Field::text("group", false, existing.as_ref().map_or("", |b| b.group.as_str())),
        Field::choice("member", member_options(&supervisors), &holder),
    ];
    app.form = Some(Form::new(FormKind::Bin, existing.map(|b| (b.id, b.version)), fields));
    Ok(())
}

/// `d`: a duty day of the selected bin's 督导员 (dated today).
pub fn open_duty(app: &mut App) {
    let Some(b) = app.ledger.current_bin() else { return };
    let fields = vec![Field::text("date", true, &date_text(app.settings.today)), Field::text("note", false, "")];
    let mut form = Form::new(FormKind::DutyDay, Some((b.id, 0)), fields);
    form.caption = vec![tf("form.duty_for", &[("member", &b.member), ("location", &b.location)])];
    app.form = Some(form);
}

/// Saves the bin form: Ok(None) written, Ok(Some(problems)) to show.
pub fn save_bin(app: &App, store: &mut Store, form: &Form) -> Result<Option<Problems>, StoreError> {
    let Some(village) = app.ledger.village_id() else { return Ok(None) };
    let mut p = Problems::new();
    let location = take(&mut p, "location", text::required_text(&form.value("location")));
    let group = take(&mut p, "group", text::optional_name(&form.value("group")));
    let member = take(&mut p, "member", form.value("member").parse::<i64>().map_err(|_| text::TextError::Required));
    let (Some(location), Some(group), Some(member)) = (location, group, member) else { return Ok(Some(p)) };
    store.write(|tx, ctx| bins::save(tx, ctx, village, form.target, &location, &group, member))?;
    Ok(None)
}

/// Saves the duty-day form: Ok(None) written, Ok(Some(problems)) to show.
pub fn save_duty(app: &App, store: &mut Store, form: &Form) -> Result<Option<Problems>, StoreError> {
    let Some((bin, _)) = form.target else { return Ok(None) };
    let mut p = Problems::new();
    let date = take(&mut p, "date", text::past_date(&form.value("date"), app.settings.today));
    let note = take(&mut p, "note", text::optional_text(&form.value("note")));
    let (Some(date), Some(note)) = (date, note) else { return Ok(Some(p)) };
    store.write(|tx, ctx| bins::log_duty(tx, ctx, bin, date, &note))?;
    Ok(None)
}
