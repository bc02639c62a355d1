//! 台账 · 双报到: members of outside work units registered with the village
//! (community) where they live, and the community's yearly evaluation.

use super::State;
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effects, Saved, error, open};
use crate::app::form::{Field, Form, FormKind};
use crate::app::keymap::{Binding, Key, b};
use crate::app::picker::{PickKind, Picker};
use crate::app::subject::Subject;
use crate::domain::model::Review;
use crate::domain::text;
use crate::domain::validate::{Problems, take};
use crate::i18n::{t, tf};
use crate::store::programme::units as registrations;
use crate::store::{StoreError, date_text};
use crossterm::event::KeyCode;

pub const KEYS: [Binding; 4] = [
    b(&[Key::Char('a')], Action::Tab(TabAction::Add), "help.register", true),
    b(&[Key::Char('e'), Key::Code(KeyCode::Enter)], Action::Tab(TabAction::Edit), "help.edit_registration", true),
    b(&[Key::Char('r')], Action::Tab(TabAction::Review), "help.review", true),
    b(&[Key::Char('b')], Action::Tab(TabAction::WriteBoard), "help.write_units", true),
];

/// The pane's own keys.
pub fn on(l: &State, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
    let lang = crate::i18n::lang();
    match (action, l.current_registration()) {
        // Which member registers (those not registered yet).
        (TabAction::Add, _) => {
            let Some(village) = l.village_id() else { return Ok(Vec::new()) };
            let registered: Vec<i64> = l.registrations.all.iter().map(|r| r.member_id).collect();
            let items = super::meetings::member_items(ctx.conn(), village, &registered, lang)?;
            let columns = vec![("col.name", 12), ("col.role", 14)];
            Ok(vec![open(Picker::new(PickKind::Register, t("ledger.pick_register").to_string(), columns, items, false))])
        }
        // Change the selected registration's unit or day.
        (TabAction::Edit, Some(r)) => {
            let fields = vec![Field::text("unit", true, &r.unit), Field::text("since", true, &date_text(r.registered_on))];
            let mut form = Form::new(Subject::Registration { member: r.member_id, existing: Some((r.id, r.version)) }, fields);
            form.caption = vec![tf("form.register_for", &[("member", &r.member)])];
            Ok(vec![open(form)])
        }
        // The community's evaluation of the selected member for the year shown.
        (TabAction::Review, Some(r)) => {
            let options = Review::ALL.iter().map(|v| (v.zh().to_string(), v.label(lang).to_string())).collect();
            let (rating, note) = r.review.as_ref().map_or((Review::Good, String::new()), |(v, n)| (*v, n.clone()));
            let fields = vec![Field::choice("review", options, rating.zh()), Field::text("note", false, &note)];
            let mut form = Form::new(Subject::Review { registration: r.id }, fields);
            let year = l.month.year.to_string();
            form.caption = vec![tf("form.review_for", &[("member", &r.member), ("unit", &r.unit), ("year", &year)])];
            Ok(vec![open(form)])
        }
        (TabAction::WriteBoard, _) => Ok(write_report(l, ctx)),
        _ => Ok(Vec::new()),
    }
}

/// After the member: their work unit (as on their record) and the day.
pub fn register_form(ctx: &Ctx, member: i64, name: &str) -> Result<Effects, StoreError> {
    let today = date_text(ctx.today());
    let unit = crate::store::members::get(ctx.conn(), member, &today)?.unit;
    let fields = vec![Field::text("unit", true, &unit), Field::text("since", true, &today)];
    let mut form = Form::new(Subject::Registration { member, existing: None }, fields);
    form.caption = vec![tf("form.register_for", &[("member", name)])];
    Ok(vec![open(form)])
}

/// Saves a registration or an evaluation.
pub fn save(l: &State, form: &mut Form, ctx: &mut Ctx) -> Result<Saved, StoreError> {
    let problems = Saved::problems;
    if form.kind() == FormKind::Review {
        let Subject::Review { registration: id } = form.subject else { return Ok(Saved::Closed(Vec::new())) };
        let year = l.month.year;
        return match (Review::parse(&form.value("review")), text::optional_text(&form.value("note"))) {
            (_, Err(e)) => problems(form, &vec![("note", e)]),
            (Some(rating), Ok(note)) => {
                ctx.store.write(|tx, c| registrations::review(tx, c, id, year, rating, &note))?;
                Ok(Saved::Written(t("msg.review_saved").to_string(), Vec::new()))
            }
            (None, Ok(_)) => Ok(Saved::Closed(Vec::new())),
        };
    }
    let Subject::Registration { member, existing: target } = form.subject else { return Ok(Saved::Closed(Vec::new())) };
    let mut p = Problems::new();
    let unit = take(&mut p, "unit", text::required_text(&form.value("unit")));
    let on = take(&mut p, "since", text::past_date(&form.value("since"), ctx.today()));
    let (Some(unit), Some(on)) = (unit, on) else { return problems(form, &p) };
    ctx.store.write(|tx, c| registrations::save(tx, c, member, target, &unit, on))?;
    Ok(Saved::Written(t("msg.registered").to_string(), Vec::new()))
}

/// The village's report to the work units of the year shown (`.xlsx`).
fn write_report(l: &State, ctx: &Ctx) -> Effects {
    let Some(village) = l.village_id() else { return Vec::new() };
    let year = l.month.year;
    let lines = match registrations::report(ctx.conn(), year, Some(village), ctx.today(), ctx.rules) {
        Ok(lines) => lines,
        Err(e) => return vec![error(e.to_string())],
    };
    let units = crate::io::units::by_unit(year, &lines, crate::i18n::Lang::Zh);
    let sheets: Vec<(&str, &[Vec<String>])> = units.iter().map(|(u, rows)| (u.as_str(), rows.as_slice())).collect();
    let path = crate::app::printed::beside_db(ctx.settings, &[t("units.file"), l.village_name(), &year.to_string()], "xlsx");
    let args = format!("--year {year} {}", crate::app::printed::village_arg(l.village_name()));
    let written = crate::io::write_sheets(&path, &crate::io::units::HEADERS, &sheets);
    let counts = [("units", units.len().to_string()), ("count", lines.len().to_string()), ("file", path.display().to_string())];
    let done = tf("msg.units_written", &counts.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>());
    vec![crate::app::printed::outcome(ctx, written, done, "export units", &args, &path)]
}
