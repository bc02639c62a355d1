//! My village: the village a user works on (a clerk's own, or the one they
//! chose with `V`), remembered per OS user in the database (`store::prefs`);
//! every tab opens on it, and 考评 and 台账 on the village, quarter and month
//! they showed last.

use super::App;
use super::effect::{Effect, Effects};
use super::picker::{PickItem, PickKind, Picker};
use super::screen::Tab;
use crate::i18n::t;
use crate::store::{Store, StoreError};

/// The user's village (a clerk's own, else the one they chose), and what
/// 考评 and 台账 showed last time.
pub(super) fn remembered(app: &mut App, store: &Store) -> Result<(), StoreError> {
    use crate::store::{access::Access, places, prefs};
    let (conn, who) = (store.conn(), store.who.as_str());
    let mine = match store.ctx()?.access {
        Access::Clerk { village, name } => Some((village, name)),
        _ => match prefs::get(conn, who, "village")? {
            Some(name) => places::village_id(conn, &name)?.map(|id| (id, name)),
            None => None,
        },
    };
    let t = &mut app.tabs;
    t.scores.want = prefs::get(conn, who, "scores.village")?.or_else(|| mine.as_ref().map(|m| m.1.clone()));
    t.ledger.want = prefs::get(conn, who, "ledger.village")?.or_else(|| mine.as_ref().map(|m| m.1.clone()));
    if let Some(q) = prefs::get(conn, who, "scores.quarter")?.and_then(|q| q.parse().ok()) {
        t.scores.quarter = q;
    }
    if let Some(m) = prefs::get(conn, who, "ledger.month")?.and_then(|m| m.parse().ok()) {
        t.ledger.month = m;
    }
    t.village = mine;
    Ok(())
}

/// `V`: every village, and "every village" first; the current one selected.
pub(super) fn pick(app: &mut App, store: &Store) -> Result<(), StoreError> {
    let villages = crate::store::scores::villages(store.conn(), None)?;
    let mut items =
        vec![PickItem { id: 0, cells: vec![t("ui.every_village").to_string()], search: String::new(), warn: false, hidden: false }];
    items.extend(villages.into_iter().map(|(id, name)| PickItem {
        id,
        search: crate::domain::search::key(&[name.as_str()]),
        cells: vec![name],
        warn: false,
        hidden: false,
    }));
    let mut p = Picker::new(PickKind::Village, t("ui.pick_village").to_string(), vec![("col.village", 20)], items, false);
    if let Some((id, _)) = &app.tabs.village {
        p.list.selected = p.items.iter().position(|it| it.id == *id).unwrap_or(0);
        p.settle();
    }
    app.open(p);
    Ok(())
}

/// The village picked: remembered, and every tab read again from the top.
pub(super) fn chosen(app: &mut App, store: &mut Store, p: &Picker) -> Effects {
    let chosen = p.taken().first().and_then(|id| p.items.iter().find(|it| it.id == *id && *id != 0)).map(|it| (it.id, it.cells[0].clone()));
    set(app, store, chosen)
}

/// Works on `chosen` from now on (None: every village): remembered, and
/// every tab read again from the top.
pub(super) fn set(app: &mut App, store: &mut Store, chosen: Option<(i64, String)>) -> Effects {
    let _ = crate::store::prefs::set(store, "village", chosen.as_ref().map(|c| c.1.as_str()));
    if let Some((_, name)) = &chosen {
        app.tabs.scores.want = Some(name.clone());
        app.tabs.ledger.want = Some(name.clone());
    }
    if app.tabs.village == chosen {
        return Vec::new();
    }
    app.tabs.village = chosen;
    for tab in Tab::ALL {
        app.tabs.get_mut(tab).reset();
    }
    vec![Effect::Reload]
}
