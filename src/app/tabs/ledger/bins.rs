//! 台账 · 督导: a village's 党员责任垃圾桶, each held by a 督导员, and the
//! supervision duty days logged at them.

use super::State;
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effects, Saved, error, open};
use crate::app::form::{Field, Form, FormKind};
use crate::app::forms::member_options;
use crate::app::keymap::{Binding, Key, b};
use crate::app::subject::Subject;
use crate::domain::text;
use crate::domain::validate::{Problems, take};
use crate::i18n::{t, tf};
use crate::store::programme::bins;
use crate::store::{StoreError, date_text};
use crossterm::event::KeyCode;

pub const KEYS: [Binding; 3] = [
    b(&[Key::Char('a')], Action::Tab(TabAction::Add), "help.add_bin", true),
    b(&[Key::Char('e'), Key::Code(KeyCode::Enter)], Action::Tab(TabAction::Edit), "help.edit_bin", true),
    b(&[Key::Char('d')], Action::Tab(TabAction::LogDuty), "help.log_duty", true),
];

/// The pane's own keys.
pub fn on(l: &State, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
    match action {
        TabAction::Add => bin_form(l, ctx, false),
        TabAction::Edit => bin_form(l, ctx, true),
        // A duty day of the selected bin's 督导员 (dated today).
        TabAction::LogDuty => {
            let Some(b) = l.current_bin() else { return Ok(Vec::new()) };
            let fields = vec![Field::text("date", true, &date_text(ctx.today())), Field::text("note", false, "")];
            let mut form = Form::new(Subject::DutyDay { bin: b.id }, fields);
            form.caption = vec![tf("form.duty_for", &[("member", &b.member), ("location", &b.location)])];
            Ok(vec![open(form)])
        }
        _ => Ok(Vec::new()),
    }
}

/// A new bin's form, or the selected one's; the holder is chosen among
/// the village's 督导员.
fn bin_form(l: &State, ctx: &Ctx, edit: bool) -> Result<Effects, StoreError> {
    let Some(village) = l.village_id() else { return Ok(Vec::new()) };
    let supervisors = bins::supervisors(ctx.conn(), village)?;
    if supervisors.is_empty() {
        return Ok(vec![error(t("err.no_supervisors"))]);
    }
    let existing = if edit { l.current_bin().cloned() } else { None };
    if edit && existing.is_none() {
        return Ok(Vec::new());
    }
    let holder = existing.as_ref().and_then(|b| b.member_id).unwrap_or(supervisors[0].0).to_string();
    let fields = vec![
        Field::text("location", true, existing.as_ref().map_or("", |b| b.location.as_str())),
        Field::text("group", false, existing.as_ref().map_or("", |b| b.group.as_str())),
        Field::choice("member", member_options(&supervisors), &holder),
    ];
    Ok(vec![open(Form::new(Subject::Bin(existing.map(|b| (b.id, b.version))), fields))])
}

/// Saves the bin form or the duty-day form.
pub fn save(l: &State, form: &mut Form, ctx: &mut Ctx) -> Result<Saved, StoreError> {
    let mut p = Problems::new();
    if form.kind() == FormKind::DutyDay {
        let Subject::DutyDay { bin } = form.subject else { return Ok(Saved::Closed(Vec::new())) };
        let date = take(&mut p, "date", text::past_date(&form.value("date"), ctx.today()));
        let note = take(&mut p, "note", text::optional_text(&form.value("note")));
        let (Some(date), Some(note)) = (date, note) else { return Saved::problems(form, &p) };
        ctx.store.write(|tx, c| bins::log_duty(tx, c, bin, date, &note))?;
        return Ok(Saved::Written(t("msg.duty_logged").to_string(), Vec::new()));
    }
    let Some(village) = l.village_id() else { return Ok(Saved::Closed(Vec::new())) };
    let location = take(&mut p, "location", text::required_text(&form.value("location")));
    let group = take(&mut p, "group", text::optional_name(&form.value("group")));
    let member = take(&mut p, "member", form.value("member").parse::<i64>().map_err(|_| text::TextError::Required));
    let (Some(location), Some(group), Some(member)) = (location, group, member) else {
        return Saved::problems(form, &p);
    };
    let target = form.subject.existing();
    ctx.store.write(|tx, c| bins::save(tx, c, village, target, &location, &group, member))?;
    Ok(Saved::Written(t("msg.bin_saved").to_string(), Vec::new()))
}
