//! Linking from the app, shared by 今日, 住户 and 党员: pick households for
//! a member or a member for a household (then the date), end a link, set a
//! patch's leader, review and accept suggestions, see coverage, and write
//! contact cards. Each answers with effects.

use super::effect::{Ctx, Effect, Effects, Saved, info, open};
use super::form::Form;
use super::overlay::Overlay;
use super::picker::{PickItem, PickKind, Picker};
use super::screen::Confirm;
use crate::app::subject::Subject;
use crate::domain::linking::load_label;
use crate::domain::model::{Class, Role};
use crate::domain::text::{self, mask_phone, width};
use crate::i18n::{t, tf};
use crate::store::households::Household;
use crate::store::members::Member;
use crate::store::{StoreError, linking, links};

/// `l` on 党员: the households to link to the member.
pub fn pick_households(ctx: &Ctx, m: &Member) -> Result<Effects, StoreError> {
    let (today, conn, lang) = (ctx.today(), ctx.conn(), crate::i18n::lang());
    let items = linking::offers(conn, m.id, today)?
        .into_iter()
        .map(|o| PickItem {
            id: o.id,
            warn: o.member.is_some(),
            hidden: false,
            search: format!("{} {} {}", o.search_key, o.address, o.group),
            cells: vec![o.head, o.address, o.class.label(lang).to_string(), o.member.unwrap_or_else(|| t("due.unlinked").to_string())],
        })
        .collect();
    let title = tf("link.pick_households", &[("member", &m.name)]);
    let class_w = Class::ALL.iter().map(|c| width(c.label(lang))).max().unwrap_or(6);
    let columns = vec![("col.head", 8), ("col.address", 22), ("col.class", class_w), ("col.member", 10)];
    let p = Picker::new(PickKind::Households { member: m.id, name: m.name.clone() }, title, columns, items, true);
    Ok(vec![open(p)])
}

/// `l` on 住户: the member to link the household to.
pub fn pick_member(ctx: &Ctx, h: &Household) -> Result<Effects, StoreError> {
    let (today, conn, lang) = (ctx.today(), ctx.conn(), crate::i18n::lang());
    let (loads, ascii) = (&ctx.rules.loads, ctx.settings.ascii);
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
    let p = Picker::new(PickKind::Member { household: h.id, head: h.head.clone() }, title, columns, items, false);
    Ok(vec![open(p)])
}

/// `L` on 党员: the leader of the member's patch.
pub fn pick_leader(ctx: &Ctx, m: &Member) -> Result<Effects, StoreError> {
    let lang = crate::i18n::lang();
    let leads = |r: Role| matches!(r, Role::Cadre | Role::GroupLeader | Role::VillagerGroupLeader);
    let mut items =
        vec![PickItem { id: 0, cells: vec![t("link.no_leader").to_string()], search: String::new(), warn: false, hidden: false }];
    items.extend(linking::village_members(ctx.conn(), m.id, ctx.today())?.into_iter().filter(|c| c.id != m.id && leads(c.role)).map(|c| {
        PickItem { id: c.id, search: c.search_key.clone(), warn: false, hidden: false, cells: vec![c.name, c.role.label(lang).to_string()] }
    }));
    let title = tf("link.pick_leader", &[("member", &m.name)]);
    let p =
        Picker::new(PickKind::Leader { member: m.id, name: m.name.clone() }, title, vec![("col.name", 12), ("col.role", 14)], items, false);
    Ok(vec![open(p)])
}

/// `S`: suggestions for every unlinked household, all chosen, to review.
pub fn suggestions(ctx: &Ctx) -> Result<Effects, StoreError> {
    let rows = linking::suggest(ctx.conn(), None, ctx.today(), &ctx.rules.loads)?;
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
    Ok(vec![open(p)])
}

/// `c`: households with no member by village and group, and members with none.
pub fn coverage(ctx: &Ctx) -> Result<Effects, StoreError> {
    Ok(vec![Effect::Open(Overlay::Coverage(linking::coverage(ctx.conn(), ctx.today())?))])
}

/// Enter in one of the linking pickers.
pub fn finish_pick(p: Picker, ctx: &mut Ctx) -> Result<Effects, StoreError> {
    let taken = p.taken();
    let today = ctx.today();
    match p.kind {
        PickKind::Households { member, name } => {
            if taken.is_empty() {
                return Ok(Vec::new());
            }
            let heads: Vec<String> = p.items.iter().filter(|it| taken.contains(&it.id)).map(|it| it.cells[0].clone()).collect();
            let moves = p.items.iter().filter(|it| taken.contains(&it.id) && it.warn).count();
            let adding = taken.len();
            let form = Form::link(member, &name, taken, &heads, moves, today);
            Ok(vec![Effect::Open(over_load(ctx, member, &name, adding, form)?)])
        }
        PickKind::Member { household, head } => {
            let Some(item) = p.items.iter().find(|it| taken.first() == Some(&it.id)) else { return Ok(Vec::new()) };
            let name = item.cells[0].clone();
            if item.warn {
                return Ok(vec![open(Confirm::LinkExempt { member: item.id, name, household, head })]);
            }
            // A household another member holds: the prompt names who loses it.
            let mut form = Form::link(item.id, &name, vec![household], std::slice::from_ref(&head), 0, today);
            if let Some((_, from, _)) = links::open_link(ctx.conn(), household)?.filter(|(_, m, _)| *m != item.id) {
                let from = crate::store::members::get(ctx.conn(), from, &crate::store::date_text(today))?.name;
                form.caption.push(tf("form.link_moves_from", &[("head", &head), ("from", &from), ("to", &name)]));
            }
            Ok(vec![Effect::Open(over_load(ctx, item.id, &name, 1, form)?)])
        }
        PickKind::Leader { member, name } => {
            let Some(&leader) = taken.first() else { return Ok(Vec::new()) };
            let leader = (leader != 0).then_some(leader);
            ctx.store.write(|tx, c| linking::set_leader(tx, c, member, leader))?;
            Ok(vec![info(tf("link.leader_set", &[("member", &name)])), Effect::Invalidate])
        }
        PickKind::Suggestions(rows) => {
            let chosen: Vec<(i64, i64)> = rows
                .iter()
                .filter(|r| taken.contains(&r.household_id))
                .filter_map(|r| r.member.as_ref().map(|(m, _, _)| (r.household_id, *m)))
                .collect();
            if chosen.is_empty() {
                return Ok(Vec::new());
            }
            let n = ctx.store.write(|tx, c| -> Result<usize, StoreError> {
                for (h, m) in &chosen {
                    links::link(tx, c, *m, *h, today)?;
                }
                Ok(chosen.len())
            })?;
            Ok(vec![info(tf("link.applied", &[("count", &n.to_string())])), Effect::Invalidate])
        }
        // The 台账 pickers are finished by their panes (see `update`).
        _ => Ok(Vec::new()),
    }
}

/// The link form, or first a question when the member would go over the
/// most households their role takes (`rules.toml` [loads]).
fn over_load(ctx: &Ctx, member: i64, name: &str, adding: usize, form: Form) -> Result<Overlay, StoreError> {
    let m = crate::store::members::get(ctx.conn(), member, &crate::store::date_text(ctx.today()))?;
    let (_, max) = ctx.rules.loads.range(m.role);
    let after = m.load as usize + adding;
    if after > max as usize {
        return Ok(Overlay::Confirm(Confirm::OverLoad {
            name: name.to_string(),
            load: m.load,
            after,
            max,
            form: super::screen::Then(Box::new(form)),
        }));
    }
    Ok(form.into())
}

/// `C`: contact cards for a village, beside the database.
pub fn write_cards(ctx: &Ctx, village: &str) -> Result<Effects, StoreError> {
    let id = crate::store::places::village_id(ctx.conn(), village)?;
    let cards = linking::cards(ctx.conn(), id, ctx.today())?;
    let path = super::printed::beside_db(ctx.settings, &[t("card.file"), village], "html");
    let args = super::printed::village_arg(village);
    let done = tf("msg.cards_written", &[("count", &cards.len().to_string()), ("file", &path.display().to_string())]);
    let written = crate::io::cards::write(&path, &cards, crate::i18n::lang());
    Ok(vec![super::printed::outcome(ctx, written, done, "export cards", &args, &path)])
}

/// Saves a link form (households to a member from a date) or an unlink
/// form (a household's link ended on a date).
pub fn save(form: &mut Form, ctx: &mut Ctx) -> Result<Saved, StoreError> {
    let problems = |form: &mut Form, key: &'static str, e| Saved::problems(form, &vec![(key, e)]);
    match form.subject.clone() {
        Subject::Link { member, households } => match text::date(&form.value("since")) {
            Err(e) => problems(form, "since", e),
            Ok(since) => {
                let moved = ctx.store.write(|tx, c| -> Result<usize, StoreError> {
                    let mut moved = 0;
                    for h in &households {
                        moved += usize::from(links::link(tx, c, member, *h, since)? == links::Linked::Moved);
                    }
                    Ok(moved)
                })?;
                let msg = tf("msg.linked", &[("count", &households.len().to_string()), ("moved", &moved.to_string())]);
                Ok(Saved::Written(msg, Vec::new()))
            }
        },
        Subject::Unlink { household } => match (text::date(&form.value("until")), text::required_text(&form.value("reason"))) {
            (Err(e), _) => problems(form, "until", e),
            (_, Err(e)) => problems(form, "reason", e),
            (Ok(until), Ok(reason)) => {
                let ended = ctx.store.write(|tx, c| linking::unlink_for(tx, c, household, until, Some(&reason)))?;
                Ok(Saved::Written(t(if ended { "msg.unlinked" } else { "msg.not_linked" }).to_string(), Vec::new()))
            }
        },
        _ => Ok(Saved::Closed(Vec::new())),
    }
}
