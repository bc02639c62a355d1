//! Linking from the app: pick households for a member or a member for a
//! household (then the date), end a link, set a patch's leader, review and
//! accept suggestions, see coverage, and write contact cards.

use super::form::Form;
use super::picker::{PickItem, PickKind, Picker};
use super::reload::{invalidate, reload};
use super::{App, Confirm, Tab, Tone};
use crate::domain::linking::load_label;
use crate::domain::model::{Class, Role};
use crate::domain::text::mask_phone;
use crate::domain::text::width;
use crate::i18n::{t, tf};
use crate::store::{Store, StoreError, linking, links};

/// `l`: on 党员, the households to link to the selected member; on 住户,
/// the member to link the selected household to.
pub fn open_link(app: &mut App, store: &Store) -> Result<(), StoreError> {
    let today = app.settings.today;
    let conn = store.conn();
    let lang = crate::i18n::lang();
    match app.tab {
        Tab::Members => {
            let Some(m) = app.members.current() else { return Ok(()) };
            let items = linking::offers(conn, m.id, today)?
                .into_iter()
                .map(|o| PickItem {
                    id: o.id,
                    warn: o.member.is_some(),
                    hidden: false,
                    search: format!("{} {} {}", o.search_key, o.address, o.group),
                    cells: vec![
                        o.head,
                        o.address,
                        o.class.label(lang).to_string(),
                        o.member.unwrap_or_else(|| t("due.unlinked").to_string()),
                    ],
                })
                .collect();
            let title = tf("link.pick_households", &[("member", &m.name)]);
            let class_w = Class::ALL.iter().map(|c| width(c.label(lang))).max().unwrap_or(6);
            let columns = vec![("col.head", 8), ("col.address", 22), ("col.class", class_w), ("col.member", 10)];
            app.picker = Some(Picker::new(PickKind::Households { member: m.id, name: m.name.clone() }, title, columns, items, true));
        }
        Tab::Households => {
            let Some(h) = app.households.current() else { return Ok(()) };
            let (loads, ascii) = (&app.rules.loads, app.settings.ascii);
            let items = linking::candidates(conn, h.id, today)?
                .into_iter()
                .map(|c| {
                    let status = match (c.current, c.status.is_exempt()) {
                        (true, _) => t("link.current").to_string(),
                        (false, true) => c.status.label(lang).to_string(),
                        (false, false) => String::new(),
                    };
                    PickItem {
                        id: c.id,
                        warn: c.status.is_exempt(),
                        hidden: c.status.is_exempt(),
                        search: format!("{} {}", c.search_key, c.phone),
                        cells: vec![
                            c.name,
                            c.role.label(lang).to_string(),
                            load_label(loads, c.role, c.status, c.load, ascii),
                            mask_phone(&c.phone),
                            status,
                        ],
                    }
                })
                .collect();
            let title = tf("link.pick_member", &[("head", &h.head)]);
            let columns = vec![("col.name", 8), ("col.role", 12), ("col.load", 8), ("col.phone", 11), ("col.status", 8)];
            app.picker = Some(Picker::new(PickKind::Member { household: h.id, head: h.head.clone() }, title, columns, items, false));
        }
        _ => {}
    }
    Ok(())
}

/// `u` on 住户: ends the selected household's link on a date.
pub fn open_unlink(app: &mut App) {
    if app.tab != Tab::Households {
        return;
    }
    if let Some(h) = app.households.current() {
        app.form = Some(Form::unlink(h.id, &h.head, app.settings.today));
    }
}

/// `L` on 党员: the leader of the selected member's patch.
pub fn open_leader(app: &mut App, store: &Store) -> Result<(), StoreError> {
    if app.tab != Tab::Members {
        return Ok(());
    }
    let Some(m) = app.members.current() else { return Ok(()) };
    let lang = crate::i18n::lang();
    let leads = |r: Role| matches!(r, Role::Cadre | Role::GroupLeader | Role::VillagerGroupLeader);
    let mut items =
        vec![PickItem { id: 0, cells: vec![t("link.no_leader").to_string()], search: String::new(), warn: false, hidden: false }];
    items.extend(
        linking::village_members(store.conn(), m.id, app.settings.today)?.into_iter().filter(|c| c.id != m.id && leads(c.role)).map(|c| {
            PickItem {
                id: c.id,
                search: c.search_key.clone(),
                warn: false,
                hidden: false,
                cells: vec![c.name, c.role.label(lang).to_string()],
            }
        }),
    );
    let title = tf("link.pick_leader", &[("member", &m.name)]);
    app.picker = Some(Picker::new(
        PickKind::Leader { member: m.id, name: m.name.clone() },
        title,
        vec![("col.name", 12), ("col.role", 14)],
        items,
        false,
    ));
    Ok(())
}

/// `S`: suggestions for every unlinked household, all chosen, to review.
pub fn open_suggestions(app: &mut App, store: &Store) -> Result<(), StoreError> {
    let rows = linking::suggest(store.conn(), None, app.settings.today, &app.rules.loads)?;
    let items: Vec<PickItem> = rows
        .iter()
        .filter_map(|r| {
            let (_, name, _) = r.member.as_ref()?;
            let basis = r.reason.map(|x| t(x.label_key()).to_string()).unwrap_or_default();
            Some(PickItem {
                id: r.household_id,
                search: format!("{} {} {} {name}", r.village, r.head, r.address),
                warn: false,
                hidden: false,
                cells: vec![r.village.clone(), r.head.clone(), r.address.clone(), name.clone(), basis],
            })
        })
        .collect();
    let left = rows.len() - items.len();
    let title = tf("link.pick_suggestions", &[("count", &items.len().to_string()), ("left", &left.to_string())]);
    let columns = vec![("col.village", 8), ("col.head", 8), ("col.address", 18), ("col.member", 8), ("col.basis", 8)];
    let mut p = Picker::new(PickKind::Suggestions(rows), title, columns, items, true);
    p.chosen = p.items.iter().map(|it| it.id).collect();
    app.picker = Some(p);
    Ok(())
}

/// `c`: households with no member by village and group, and members with none.
pub fn show_coverage(app: &mut App, store: &Store) -> Result<(), StoreError> {
    app.coverage = Some(linking::coverage(store.conn(), app.settings.today)?);
    Ok(())
}

/// Enter in a picker.
pub fn finish_pick(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
    let Some(p) = app.picker.take() else { return Ok(()) };
    let taken = p.taken();
    let today = app.settings.today;
    match p.kind {
        PickKind::Households { member, name } => {
            if taken.is_empty() {
                return Ok(());
            }
            let heads: Vec<String> = p.items.iter().filter(|it| taken.contains(&it.id)).map(|it| it.cells[0].clone()).collect();
            let moves = p.items.iter().filter(|it| taken.contains(&it.id) && it.warn).count();
            app.form = Some(Form::link(member, &name, taken, &heads, moves, today));
        }
        PickKind::Member { household, head } => {
            let Some(item) = p.items.iter().find(|it| taken.first() == Some(&it.id)) else { return Ok(()) };
            let name = item.cells[0].clone();
            if item.warn {
                app.confirm = Some(Confirm::LinkExempt { member: item.id, name, household, head });
            } else {
                app.form = Some(Form::link(item.id, &name, vec![household], &[head], 0, today));
            }
        }
        PickKind::Leader { member, name } => {
            let Some(&leader) = taken.first() else { return Ok(()) };
            let leader = (leader != 0).then_some(leader);
            store.write(|tx, ctx| linking::set_leader(tx, ctx, member, leader))?;
            app.status = Some((tf("link.leader_set", &[("member", &name)]), Tone::Info));
            invalidate(app);
            reload(app, store)?;
        }
        PickKind::Register => {
            let Some(item) = p.items.iter().find(|it| taken.first() == Some(&it.id)) else { return Ok(()) };
            super::tabs::ledger::units::register_form(app, store, item.id, &item.cells[0])?;
        }
        kind @ (PickKind::Duties { .. } | PickKind::Joined { .. }) => {
            super::tabs::ledger::year::finish_pick(app, store, kind, taken)?;
        }
        kind @ (PickKind::Attendees { .. } | PickKind::EventHousehold { .. }) => {
            super::tabs::ledger::meetings::finish_pick(app, store, kind, taken, &p.items)?;
        }
        PickKind::Suggestions(rows) => {
            let chosen: Vec<(i64, i64)> = rows
                .iter()
                .filter(|r| taken.contains(&r.household_id))
                .filter_map(|r| r.member.as_ref().map(|(m, _, _)| (r.household_id, *m)))
                .collect();
            if chosen.is_empty() {
                return Ok(());
            }
            let n = store.write(|tx, ctx| -> Result<usize, StoreError> {
                for (h, m) in &chosen {
                    links::link(tx, ctx, *m, *h, today)?;
                }
                Ok(chosen.len())
            })?;
            app.status = Some((tf("link.applied", &[("count", &n.to_string())]), Tone::Info));
            invalidate(app);
            reload(app, store)?;
        }
    }
    Ok(())
}

/// `C`: contact cards for the village of the selected row, beside the database.
pub fn write_cards(app: &mut App, store: &Store) -> Result<(), StoreError> {
    let village = match app.tab {
        Tab::Members => app.members.current().map(|m| m.village.clone()),
        _ => app.households.current().map(|h| h.village.clone()),
    };
    let Some(village) = village else { return Ok(()) };
    let id = crate::store::places::village_id(store.conn(), &village)?;
    let cards = linking::cards(store.conn(), id, app.settings.today)?;
    let path = super::printed::beside_db(app, &[t("card.file"), &village], "html");
    let args = super::printed::village_arg(&village);
    app.status = Some(match crate::io::cards::write(&path, &cards, crate::i18n::lang()) {
        Ok(()) => super::printed::written(
            app,
            tf("msg.cards_written", &[("count", &cards.len().to_string()), ("file", &path.display().to_string())]),
            "cards",
            &args,
            &path,
        ),
        Err(e) => (e.to_string(), Tone::Error),
    });
    Ok(())
}
