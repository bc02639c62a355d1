//! 台账 · 年终: each member's year for the democratic appraisal, and the keys
//! that record what only this pane holds — the 四员 duties, the member's
//! WeChat group and who joined it, and the appraisal's result.

use super::State;
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effect, Effects, Saved, info, open};
use crate::app::form::{Field, Form, FormKind};
use crate::app::keymap::{Binding, Key, b};
use crate::app::picker::{PickItem, PickKind, Picker};
use crate::app::subject::Subject;
use crate::domain::model::{Appraisal, Duty};
use crate::domain::text;
use crate::i18n::{t, tf};
use crate::store::{StoreError, members, programme};

pub const KEYS: [Binding; 4] = [
    b(&[Key::Char('r')], Action::Tab(TabAction::Duties), "help.duties", true),
    b(&[Key::Char('w')], Action::Tab(TabAction::Wechat), "help.wechat", true),
    b(&[Key::Char('E')], Action::Tab(TabAction::Appraise), "help.appraise", true),
    b(&[Key::Char('b')], Action::Tab(TabAction::WriteBoard), "help.write_summary", true),
];

/// The pane's own keys.
pub fn on(l: &State, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
    if action == TabAction::WriteBoard {
        return Ok(write_summary(l, ctx));
    }
    let Some(m) = l.current_member() else { return Ok(Vec::new()) };
    let lang = crate::i18n::lang();
    Ok(match action {
        // Tick the member's duties.
        TabAction::Duties => {
            let items = Duty::ALL
                .iter()
                .zip(1..)
                .map(|(d, id)| PickItem {
                    id,
                    cells: vec![d.label(lang).to_string()],
                    search: d.zh().to_string(),
                    warn: false,
                    hidden: false,
                })
                .collect();
            let title = tf("ledger.pick_duties", &[("member", &m.name)]);
            let mut p = Picker::new(PickKind::Duties { member: m.member_id }, title, vec![("col.duty", 12)], items, true);
            p.chosen = Duty::ALL.iter().zip(1..).filter(|(d, _)| m.duties.contains(d)).map(|(_, id)| id).collect();
            vec![open(p)]
        }
        // Name the member's WeChat group; the households who joined come next.
        TabAction::Wechat => {
            let name = m.wechat.as_ref().map_or_else(|| tf("ledger.default_group", &[("member", &m.name)]), |(n, _, _)| n.clone());
            let mut form = Form::new(Subject::Wechat { member: m.member_id }, vec![Field::text("group_name", true, &name)]);
            form.caption = vec![tf("form.wechat_for", &[("member", &m.name)])];
            vec![open(form)]
        }
        // The member's democratic appraisal for the year shown.
        TabAction::Appraise => {
            let options = Appraisal::ALL.iter().map(|a| (a.zh().to_string(), a.label(lang).to_string())).collect();
            let (result, note) = m.appraisal.as_ref().map_or((Appraisal::Qualified, String::new()), |(a, n)| (*a, n.clone()));
            let fields = vec![Field::choice("appraisal", options, result.zh()), Field::text("note", false, &note)];
            let mut form = Form::new(Subject::Appraisal { member: m.member_id }, fields);
            form.caption = vec![tf("form.appraisal_for", &[("member", &m.name), ("year", &l.month.year.to_string())])];
            vec![open(form)]
        }
        _ => Vec::new(),
    })
}

/// After the group's name: tick which of the member's households joined.
fn joined_picker(ctx: &Ctx, member: i64, group: String) -> Result<Picker, StoreError> {
    let today = crate::store::date_text(ctx.today());
    let joined = programme::wechat(ctx.conn(), member)?.map(|g| g.joined).unwrap_or_default();
    let items = members::linked_households(ctx.conn(), member, &today)?
        .into_iter()
        .map(|h| PickItem { id: h.id, cells: vec![h.head, h.address], search: String::new(), warn: false, hidden: false })
        .collect();
    let title = tf("ledger.pick_joined", &[("group", &group)]);
    let mut p = Picker::new(PickKind::Joined { member, group }, title, vec![("col.head", 10), ("col.address", 24)], items, true);
    p.chosen = joined;
    Ok(p)
}

/// Saves the group's name (nothing is written until who joined is ticked)
/// or the appraisal.
pub fn save(l: &State, form: &mut Form, ctx: &mut Ctx) -> Result<Saved, StoreError> {
    let problems = Saved::problems;
    if form.kind() == FormKind::Wechat {
        return match (text::name(&form.value("group_name")), form.subject.clone()) {
            (Err(e), _) => problems(form, &vec![("group_name", e)]),
            (Ok(group), Subject::Wechat { member }) => Ok(Saved::Closed(vec![open(joined_picker(ctx, member, group)?)])),
            (Ok(_), _) => Ok(Saved::Closed(Vec::new())),
        };
    }
    let result = Appraisal::parse(&form.value("appraisal"));
    match (result, text::optional_text(&form.value("note")), form.subject.clone()) {
        (_, Err(e), _) => problems(form, &vec![("note", e)]),
        (Some(result), Ok(note), Subject::Appraisal { member }) => {
            let year = l.month.year;
            ctx.store.write(|tx, c| programme::set_appraisal(tx, c, member, year, result, &note))?;
            Ok(Saved::Written(t("msg.appraisal_set").to_string(), Vec::new()))
        }
        _ => Ok(Saved::Closed(Vec::new())),
    }
}

/// Enter in the pickers this pane opens.
pub fn finish_pick(ctx: &mut Ctx, kind: PickKind, taken: Vec<i64>) -> Result<Effects, StoreError> {
    let said = match kind {
        PickKind::Duties { member } => {
            let duties: Vec<Duty> = Duty::ALL.iter().zip(1..).filter(|(_, id)| taken.contains(id)).map(|(d, _)| *d).collect();
            ctx.store.write(|tx, c| programme::set_duties(tx, c, member, &duties))?;
            t("msg.duties_set").to_string()
        }
        PickKind::Joined { member, group } => {
            ctx.store.write(|tx, c| programme::set_wechat(tx, c, member, &group, &taken))?;
            tf("msg.wechat_set", &[("group", &group), ("count", &taken.len().to_string())])
        }
        _ => return Ok(Vec::new()),
    };
    Ok(vec![info(said), Effect::Invalidate])
}

/// Writes the village's year summary beside the database (`.xlsx`).
fn write_summary(l: &State, ctx: &Ctx) -> Effects {
    let year = l.month.year;
    let path = crate::app::printed::beside_db(ctx.settings, &[t("summary.file"), l.village_name(), &year.to_string()], "xlsx");
    let rows = crate::io::summary::cells(year, l.village_name(), &l.members.all, crate::i18n::lang());
    // Over SSH the summary comes as CSV (what `export … -` writes for tables).
    let args = format!("--year {year} {}", crate::app::printed::village_arg(l.village_name()));
    let written = crate::io::write_table(&path, &crate::io::summary::HEADERS, &rows);
    let done = tf("msg.exported", &[("count", &rows.len().to_string()), ("file", &path.display().to_string())]);
    vec![crate::app::printed::outcome(ctx, written, done, "export summary", &args, &path.with_extension("csv"))]
}
