//! 台账 · 双报到: members of outside work units registered with the village
//! (community) where they live, and the community's yearly evaluation.

use crate::app::form::{Field, Form, FormKind};
use crate::app::picker::{PickKind, Picker};
use crate::app::{App, Tone};
use crate::domain::model::Review;
use crate::domain::text;
use crate::domain::validate::{Problems, take};
use crate::i18n::{t, tf};
use crate::store::programme::units as registrations;
use crate::store::{Store, StoreError, date_text};

/// `a`: which member registers (those not registered yet).
pub fn open_register(app: &mut App, store: &Store) -> Result<(), StoreError> {
    let Some(village) = app.ledger.village_id() else { return Ok(()) };
    let lang = crate::i18n::lang();
    let registered: Vec<i64> = app.ledger.registrations.all.iter().map(|r| r.member_id).collect();
    let items = crate::app::tabs::ledger::meetings::member_items(store, village, &registered, lang)?;
    app.picker = Some(Picker::new(
        PickKind::Register,
        t("ledger.pick_register").to_string(),
        vec![("col.name", 12), ("col.role", 14)],
        items,
        false,
    ));
    Ok(())
}

/// After the member: their work unit (as on their record) and the day.
pub fn register_form(app: &mut App, store: &Store, member: i64, name: &str) -> Result<(), StoreError> {
    let unit = crate::store::members::get(store.conn(), member, &date_text(app.settings.today))?.unit;
    let fields = vec![Field::text("unit", true, &unit), Field::text("since", true, &date_text(app.settings.today))];
    let mut form = Form::new(FormKind::Registration, None, fields);
    form.ids = vec![member];
    form.caption = vec![tf("form.register_for", &[("member", name)])];
    app.form = Some(form);
    Ok(())
}

/// `e`: change the selected registration's unit or day.
pub fn edit(app: &mut App) {
    let Some(r) = app.ledger.current_registration() else { return };
    let fields = vec![Field::text("unit", true, &r.unit), Field::text("since", true, &date_text(r.registered_on))];
    let mut form = Form::new(FormKind::Registration, Some((r.id, r.version)), fields);
    form.ids = vec![r.member_id];
    form.caption = vec![tf("form.register_for", &[("member", &r.member)])];
    app.form = Some(form);
}

/// `r`: the community's evaluation of the selected member for the year shown.
pub fn open_review(app: &mut App) {
    let Some(r) = app.ledger.current_registration() else { return };
    let lang = crate::i18n::lang();
    let options = Review::ALL.iter().map(|v| (v.zh().to_string(), v.label(lang).to_string())).collect();
    let (rating, note) = r.review.as_ref().map_or((Review::Good, String::new()), |(v, n)| (*v, n.clone()));
    let fields = vec![Field::choice("review", options, rating.zh()), Field::text("note", false, &note)];
    let mut form = Form::new(FormKind::Review, Some((r.id, 0)), fields);
    form.caption = vec![tf("form.review_for", &[("member", &r.member), ("unit", &r.unit), ("year", &app.ledger.month.year.to_string())])];
    app.form = Some(form);
}

/// Saves a registration or an evaluation: Ok(None) written, Ok(Some) problems.
pub fn save(app: &App, store: &mut Store, form: &Form) -> Result<Option<Problems>, StoreError> {
    if form.kind == FormKind::Review {
        let Some((id, _)) = form.target else { return Ok(None) };
        let year = app.ledger.month.year;
        return match (Review::parse(&form.value("review")), text::optional_text(&form.value("note"))) {
            (_, Err(e)) => Ok(Some(vec![("note", e)])),
            (Some(rating), Ok(note)) => store.write(|tx, ctx| registrations::review(tx, ctx, id, year, rating, &note)).map(|()| None),
            (None, Ok(_)) => Ok(None),
        };
    }
    let Some(&member) = form.ids.first() else { return Ok(None) };
    let mut p = Problems::new();
    let unit = take(&mut p, "unit", text::required_text(&form.value("unit")));
    let on = take(&mut p, "since", text::past_date(&form.value("since"), app.settings.today));
    let (Some(unit), Some(on)) = (unit, on) else { return Ok(Some(p)) };
    store.write(|tx, ctx| registrations::save(tx, ctx, member, form.target, &unit, on)).map(|_| None)
}

/// `b`: the village's report to the work units of the year shown (`.xlsx`).
pub fn write_report(app: &mut App, store: &Store) {
    let l = &app.ledger;
    let Some(village) = l.village_id() else { return };
    let year = l.month.year;
    let lines = match registrations::report(store.conn(), year, Some(village), app.settings.today, &app.rules) {
        Ok(lines) => lines,
        Err(e) => {
            app.status = Some((e.to_string(), Tone::Error));
            return;
        }
    };
    let units = crate::io::units::by_unit(year, &lines, crate::i18n::Lang::Zh);
    let sheets: Vec<(&str, &[Vec<String>])> = units.iter().map(|(u, rows)| (u.as_str(), rows.as_slice())).collect();
    let path = crate::app::printed::beside_db(app, &[t("units.file"), l.village_name(), &year.to_string()], "xlsx");
    let args = format!("--year {year} {}", crate::app::printed::village_arg(l.village_name()));
    app.status = Some(match crate::io::write_sheets(&path, &crate::io::units::HEADERS, &sheets) {
        Ok(()) => crate::app::printed::written(
            app,
            tf(
                "msg.units_written",
                &[("units", &units.len().to_string()), ("count", &lines.len().to_string()), ("file", &path.display().to_string())],
            ),
            "units",
            &args,
            &path,
        ),
        Err(e) => (e.to_string(), Tone::Error),
    });
}
