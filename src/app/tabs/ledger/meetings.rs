//! 台账 · 会议活动: a village's link-leader meetings and 五个载体 activities
//! of a year — adding and changing them, who attended, and the concerns a
//! meeting opens (they go the concerns' way, under the household's member).

use crate::app::form::Form;
use crate::app::picker::{PickItem, PickKind, Picker};
use crate::app::reload::{invalidate, reload};
use crate::app::{App, Tone};
use crate::i18n::{Lang, tf};
use crate::store::programme::meetings as events;
use crate::store::{Store, StoreError};

/// The members of a village as picker rows (name, role), but `except`.
pub fn member_items(store: &Store, village: i64, except: &[i64], lang: Lang) -> Result<Vec<PickItem>, StoreError> {
    Ok(events::village_members(store.conn(), village)?
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
pub fn attendee_picker(store: &Store, village: i64, event: i64, chosen: &[i64], lang: Lang) -> Result<Picker, StoreError> {
    let items = member_items(store, village, &[], lang)?;
    let mut p = Picker::new(
        PickKind::Attendees { event },
        crate::i18n::t("ledger.pick_attendees").to_string(),
        vec![("col.name", 12), ("col.role", 14)],
        items,
        true,
    );
    p.chosen = chosen.to_vec();
    Ok(p)
}

/// `a`: a new meeting or activity in the village on screen.
pub fn add(app: &mut App) {
    if app.ledger.village_id().is_some() {
        app.form = Some(Form::event(None, crate::i18n::lang(), app.settings.today));
    }
}

/// `e` / Enter: change the selected event.
pub fn edit(app: &mut App) {
    if let Some(e) = app.ledger.current_event() {
        app.form = Some(Form::event(Some(e), crate::i18n::lang(), app.settings.today));
    }
}

/// `t`: who of the members attended the selected event.
pub fn attendees(app: &mut App, store: &Store) -> Result<(), StoreError> {
    let (Some(village), Some(e)) = (app.ledger.village_id(), app.ledger.current_event()) else { return Ok(()) };
    let chosen: Vec<i64> = e.attendees.iter().map(|(id, _)| *id).collect();
    app.picker = Some(attendee_picker(store, village, e.id, &chosen, crate::i18n::lang())?);
    Ok(())
}

/// `o`: a concern raised at the selected event: first the household.
pub fn open_concern(app: &mut App, store: &Store) -> Result<(), StoreError> {
    let (Some(village), Some(e)) = (app.ledger.village_id(), app.ledger.current_event()) else { return Ok(()) };
    let items = events::village_households(store.conn(), village)?
        .into_iter()
        .map(|h| PickItem { id: h.0, cells: vec![h.1, h.2], search: h.3, warn: false, hidden: false })
        .collect();
    let title = tf("ledger.pick_concern_household", &[("date", &crate::store::date_text(e.date))]);
    app.picker =
        Some(Picker::new(PickKind::EventHousehold { event: e.id }, title, vec![("col.head", 10), ("col.address", 24)], items, false));
    Ok(())
}

/// Enter in the pickers this pane opens.
pub fn finish_pick(app: &mut App, store: &mut Store, kind: PickKind, taken: Vec<i64>, items: &[PickItem]) -> Result<(), StoreError> {
    match kind {
        PickKind::Attendees { event } => {
            store.write(|tx, ctx| events::set_attendees(tx, ctx, event, &taken))?;
            app.status = Some((tf("msg.attendees_set", &[("count", &taken.len().to_string())]), Tone::Info));
            invalidate(app);
            reload(app, store)?;
        }
        PickKind::EventHousehold { event } => {
            let Some(h) = items.iter().find(|it| taken.first() == Some(&it.id)) else { return Ok(()) };
            app.form = Some(Form::event_concern(event, h.id, &h.cells[0]));
        }
        _ => {}
    }
    Ok(())
}
