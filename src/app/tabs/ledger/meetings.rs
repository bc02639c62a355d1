//! 台账 · 会议活动: a village's link-leader meetings and 五个载体 activities
//! of a year — adding and changing them, who attended, and the concerns a
//! meeting opens (they go the concerns' way, under the household's member).

use super::State;
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effect, Effects, Saved, info, open};
use crate::app::form::{Form, FormKind};
use crate::app::keymap::{Binding, Key, b};
use crate::app::picker::{PickItem, PickKind, Picker};
use crate::app::subject::Subject;
use crate::domain::text;
use crate::i18n::{Lang, t, tf};
use crate::store::StoreError;
use crate::store::programme::meetings as events;
use crossterm::event::KeyCode;
use rusqlite::Connection;

pub const KEYS: [Binding; 4] = [
    b(&[Key::Char('a')], Action::Tab(TabAction::Add), "help.add_event", true),
    b(&[Key::Char('e'), Key::Code(KeyCode::Enter)], Action::Tab(TabAction::Edit), "help.edit_event", true),
    b(&[Key::Char('t')], Action::Tab(TabAction::Attendees), "help.attendees", true),
    b(&[Key::Char('o')], Action::Tab(TabAction::OpenConcern), "help.open_concern", true),
];

/// The members of a village as picker rows (name, role), but `except`.
pub fn member_items(conn: &Connection, village: i64, except: &[i64], lang: Lang) -> Result<Vec<PickItem>, StoreError> {
    Ok(events::village_members(conn, village)?
        .into_iter()
        .filter(|m| !except.contains(&m.id))
        .map(|m| PickItem {
            id: m.id,
            cells: vec![m.name, m.role.label(lang).to_string()],
            search: m.search_key,
            warn: false,
            hidden: false,
        })
        .collect())
}

/// The members of a village to tick who attended `event` (`chosen` ticked).
pub fn attendee_picker(conn: &Connection, village: i64, event: i64, chosen: &[i64], lang: Lang) -> Result<Picker, StoreError> {
    let items = member_items(conn, village, &[], lang)?;
    let columns = vec![("col.name", 12), ("col.role", 14)];
    let mut p = Picker::new(PickKind::Attendees { event }, t("ledger.pick_attendees").to_string(), columns, items, true);
    p.chosen = chosen.to_vec();
    Ok(p)
}

/// The pane's own keys.
pub fn on(l: &State, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
    let lang = crate::i18n::lang();
    let (Some(village), event) = (l.village_id(), l.current_event()) else { return Ok(Vec::new()) };
    Ok(match (action, event) {
        // A new meeting or activity in the village on screen.
        (TabAction::Add, _) => vec![open(Form::event(None, lang, ctx.today()))],
        (TabAction::Edit, Some(e)) => vec![open(Form::event(Some(e), lang, ctx.today()))],
        // Who of the members attended.
        (TabAction::Attendees, Some(e)) => {
            let chosen: Vec<i64> = e.attendees.iter().map(|(id, _)| *id).collect();
            vec![open(attendee_picker(ctx.conn(), village, e.id, &chosen, lang)?)]
        }
        // A concern raised at the event: first the household.
        (TabAction::OpenConcern, Some(e)) => {
            let items = events::village_households(ctx.conn(), village)?
                .into_iter()
                .map(|h| PickItem { id: h.0, cells: vec![h.1, h.2], search: h.3, warn: false, hidden: false })
                .collect();
            let title = tf("ledger.pick_concern_household", &[("date", &crate::store::date_text(e.date))]);
            let columns = vec![("col.head", 10), ("col.address", 24)];
            vec![open(Picker::new(PickKind::EventHousehold { event: e.id }, title, columns, items, false))]
        }
        _ => Vec::new(),
    })
}

/// Enter in the pickers this pane opens.
pub fn finish_pick(ctx: &mut Ctx, kind: PickKind, taken: Vec<i64>, items: &[PickItem]) -> Result<Effects, StoreError> {
    match kind {
        PickKind::Attendees { event } => {
            ctx.store.write(|tx, c| events::set_attendees(tx, c, event, &taken))?;
            Ok(vec![info(tf("msg.attendees_set", &[("count", &taken.len().to_string())])), Effect::Invalidate])
        }
        PickKind::EventHousehold { event } => {
            let Some(h) = items.iter().find(|it| taken.first() == Some(&it.id)) else { return Ok(Vec::new()) };
            Ok(vec![open(Form::event_concern(event, h.id, &h.cells[0]))])
        }
        _ => Ok(Vec::new()),
    }
}

/// Saves an event form (a new one asks who attended next) or the concern
/// raised at one.
pub fn save(l: &State, form: &mut Form, ctx: &mut Ctx) -> Result<Saved, StoreError> {
    let problems = Saved::problems;
    if form.kind() == FormKind::EventConcern {
        return match (text::required_text(&form.value("concern")), form.subject.clone()) {
            (Err(e), _) => problems(form, &vec![("concern", e)]),
            (Ok(text), Subject::EventConcern { event, household }) => {
                ctx.store.write(|tx, c| events::open_concern(tx, c, event, household, &text))?;
                Ok(Saved::Written(t("msg.event_concern_opened").to_string(), Vec::new()))
            }
            _ => Ok(Saved::Closed(Vec::new())),
        };
    }
    match (form.event_text().validate(ctx.today()), l.village_id()) {
        (Err(p), _) => problems(form, &p),
        (Ok(_), None) => Ok(Saved::Closed(Vec::new())),
        (Ok(fields), Some(village)) => {
            let existing = form.subject.existing();
            let id = ctx.store.write(|tx, c| events::save(tx, c, village, existing, &fields))?;
            let then = match existing {
                // A new event: who attended, next.
                None => vec![open(attendee_picker(ctx.conn(), village, id, &[], crate::i18n::lang())?)],
                Some(_) => Vec::new(),
            };
            Ok(Saved::Written(t("msg.event_saved").to_string(), then))
        }
    }
}
