//! Opening the forms that need data first: a visit (from 今日, a household
//! or a member), a visit correction, a concern's next step.

use super::form::Form;
use super::forms::VisitSetup;
use super::{App, Tab, Tone};
use crate::domain::model::Class;
use crate::domain::schedule::DueStatus;
use crate::i18n::{t, tf};
use crate::store::{Store, StoreError, date_text, households, members, visits};
use chrono::NaiveDate;

/// Households offered to a visit form: (id, label, class today).
type Offered = Vec<(i64, String, Class)>;

/// The line above a one-household visit form: who, where, class, and where
/// the household stands today.
fn caption(head: &str, address: &str, village: &str, class: Class, status: Option<DueStatus>, due_by: Option<NaiveDate>) -> String {
    let mut line = format!("{head} {address} · {village} · {}", class.label(crate::i18n::lang()));
    if let Some(status) = status {
        line.push_str(&format!(" · {}", t(status.label_key())));
    }
    if let Some(by) = due_by {
        line.push_str(&format!(" · {} {}", t("col.due_by"), date_text(by)));
    }
    line
}

/// Opens the visit form for the selected row of 今日, 住户 or 党员, from
/// what the screen already holds (only who may log it is read).
pub fn log_visit(app: &mut App, store: &Store) -> Result<(), StoreError> {
    let today = app.settings.today;
    // (id, label, class) of each household on offer, the member who should
    // come first, and the caption of a single household.
    let (households, member, line): (Offered, Option<i64>, Option<String>) = match app.tab {
        Tab::Today => match app.due.list.current() {
            Some(r) => (
                vec![(r.household_id, format!("{} {}", r.head, r.address), r.class)],
                r.member_id,
                Some(caption(&r.head, &r.address, &r.village, r.class, Some(r.status), r.due_by)),
            ),
            None => return Ok(()),
        },
        Tab::Households => match app.households.current() {
            Some(h) => {
                let s = app.household_detail.standing;
                let line = caption(&h.head, &h.address, &h.village, h.class, s.and_then(|s| s.status), s.and_then(|s| s.due_by));
                (vec![(h.id, format!("{} {}", h.head, h.address), h.class)], None, Some(line))
            }
            None => return Ok(()),
        },
        Tab::Members => match app.members.current() {
            Some(m) => {
                let hh = &app.member_detail.households;
                if hh.is_empty() {
                    app.status = Some((tf("msg.no_linked_households", &[("name", &m.name)]), Tone::Error));
                    return Ok(());
                }
                (hh.iter().map(|h| (h.id, format!("{} {}", h.head, h.address), h.class)).collect(), Some(m.id), None)
            }
            None => return Ok(()),
        },
        _ => return Ok(()),
    };
    let Some(&(first, ..)) = households.first() else { return Ok(()) };
    let mut people = members::for_visit(store.conn(), first, &date_text(today))?;
    if let Some(id) = member
        && let Some(i) = people.iter().position(|p| p.0 == id)
    {
        let chosen = people.remove(i);
        people.insert(0, chosen);
    }
    if people.is_empty() {
        app.status = Some((t("msg.no_members_to_visit").to_string(), Tone::Error));
        return Ok(());
    }
    let setup =
        VisitSetup { households, members: people, today, interval: app.rules.visits.difficult_interval_days, lang: crate::i18n::lang() };
    let mut form = Form::visit(&setup);
    form.caption = line.into_iter().collect();
    app.form = Some(form);
    Ok(())
}

/// Opens the selected visit of the log for correction.
pub fn correct_visit(app: &mut App, store: &Store) -> Result<(), StoreError> {
    let Some(id) = app.visits.current().map(|v| v.id) else { return Ok(()) };
    let conn = store.conn();
    let today = date_text(app.settings.today);
    let v = visits::get(conn, id)?;
    let people = members::for_visit(conn, v.household_id, &today)?;
    let class = households::get(conn, v.household_id, &today)?.class;
    app.form = Some(Form::visit_correction(&v, &people, class, crate::i18n::lang()));
    Ok(())
}

/// Opens the next step of the selected concern.
pub fn next_step(app: &mut App) {
    let Some(c) = app.concerns.current() else { return };
    if c.status.is_final() {
        app.status = Some((tf("msg.concern_final", &[("status", c.status.label(crate::i18n::lang()))]), Tone::Info));
        return;
    }
    app.form = Some(Form::step(c, app.settings.today, crate::i18n::lang()));
}
