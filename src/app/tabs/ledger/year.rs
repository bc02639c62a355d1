//! 台账 · 年终: each member's year for the democratic appraisal, and the keys
//! that record what only this tab holds — the 四员 duties, the member's
//! WeChat group and who joined it, and the appraisal's result.

use crate::app::form::{Field, Form, FormKind};
use crate::app::picker::{PickItem, PickKind, Picker};
use crate::app::reload::{invalidate, reload};
use crate::app::{App, Tone};
use crate::domain::model::{Appraisal, Duty};
use crate::i18n::{t, tf};
use crate::store::programme::year::MemberYear;
use crate::store::{Store, StoreError, members, programme};

fn current(app: &App) -> Option<&MemberYear> {
    app.ledger.current_member()
}

/// `r`: tick the member's duties.
pub fn duties(app: &mut App) {
    let Some(m) = current(app) else { return };
    let lang = crate::i18n::lang();
    let items = Duty::ALL
        .iter()
        .zip(1..)
        .map(|(d, id)| PickItem { id, cells: vec![d.label(lang).to_string()], search: d.zh().to_string(), warn: false, hidden: false })
        .collect();
    let title = tf("ledger.pick_duties", &[("member", &m.name)]);
    let mut p = Picker::new(PickKind::Duties { member: m.member_id }, title, vec![("col.duty", 12)], items, true);
    p.chosen = Duty::ALL.iter().zip(1..).filter(|(d, _)| m.duties.contains(d)).map(|(_, id)| id).collect();
    app.picker = Some(p);
}

/// `w`: name the member's WeChat group; the households who joined come next.
pub fn wechat(app: &mut App) {
    let Some(m) = current(app) else { return };
    let name = m.wechat.as_ref().map_or_else(|| tf("ledger.default_group", &[("member", &m.name)]), |(n, _, _)| n.clone());
    let mut form = Form::new(FormKind::Wechat, Some((m.member_id, 0)), vec![Field::text("group_name", true, &name)]);
    form.caption = vec![tf("form.wechat_for", &[("member", &m.name)])];
    app.form = Some(form);
}

/// After the group's name: tick which of the member's households joined.
pub fn joined_picker(app: &mut App, store: &Store, member: i64, group: String) -> Result<(), StoreError> {
    let today = crate::store::date_text(app.settings.today);
    let joined = programme::wechat(store.conn(), member)?.map(|g| g.joined).unwrap_or_default();
    let items = members::linked_households(store.conn(), member, &today)?
        .into_iter()
        .map(|h| PickItem { id: h.id, cells: vec![h.head, h.address], search: String::new(), warn: false, hidden: false })
        .collect();
    let title = tf("ledger.pick_joined", &[("group", &group)]);
    let mut p = Picker::new(PickKind::Joined { member, group }, title, vec![("col.head", 10), ("col.address", 24)], items, true);
    p.chosen = joined;
    app.picker = Some(p);
    Ok(())
}

/// `E`: the member's democratic appraisal for the year shown.
pub fn appraisal(app: &mut App) {
    let Some(m) = current(app) else { return };
    let lang = crate::i18n::lang();
    let year = app.ledger.month.year;
    let options = Appraisal::ALL.iter().map(|a| (a.zh().to_string(), a.label(lang).to_string())).collect();
    let (result, note) = m.appraisal.as_ref().map_or((Appraisal::Qualified, String::new()), |(a, n)| (*a, n.clone()));
    let fields = vec![Field::choice("appraisal", options, result.zh()), Field::text("note", false, &note)];
    let mut form = Form::new(FormKind::Appraisal, Some((m.member_id, 0)), fields);
    form.caption = vec![tf("form.appraisal_for", &[("member", &m.name), ("year", &year.to_string())])];
    app.form = Some(form);
}

/// Enter in the pickers this pane opens.
pub fn finish_pick(app: &mut App, store: &mut Store, kind: PickKind, taken: Vec<i64>) -> Result<(), StoreError> {
    match kind {
        PickKind::Duties { member } => {
            let duties: Vec<Duty> = Duty::ALL.iter().zip(1..).filter(|(_, id)| taken.contains(id)).map(|(d, _)| *d).collect();
            store.write(|tx, ctx| programme::set_duties(tx, ctx, member, &duties))?;
            app.status = Some((t("msg.duties_set").to_string(), Tone::Info));
        }
        PickKind::Joined { member, group } => {
            store.write(|tx, ctx| programme::set_wechat(tx, ctx, member, &group, &taken))?;
            app.status = Some((tf("msg.wechat_set", &[("group", &group), ("count", &taken.len().to_string())]), Tone::Info));
        }
        _ => return Ok(()),
    }
    invalidate(app);
    reload(app, store)
}

/// Writes the village's year summary beside the database (`.xlsx`).
pub fn write_summary(app: &mut App) {
    let l = &app.ledger;
    let path = crate::app::printed::beside_db(app, &[t("summary.file"), l.village_name(), &l.month.year.to_string()], "xlsx");
    let rows = crate::io::summary::cells(l.month.year, l.village_name(), &l.members.all, crate::i18n::lang());
    // Over SSH the summary comes as CSV (what `export … -` writes for tables).
    let args = format!("--year {} {}", l.month.year, crate::app::printed::village_arg(l.village_name()));
    let csv = path.with_extension("csv");
    app.status = Some(match crate::io::write_table(&path, &crate::io::summary::HEADERS, &rows) {
        Ok(()) => crate::app::printed::written(
            app,
            tf("msg.exported", &[("count", &rows.len().to_string()), ("file", &path.display().to_string())]),
            "summary",
            &args,
            &csv,
        ),
        Err(e) => (e.to_string(), Tone::Error),
    });
}
