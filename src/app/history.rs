//! `H` on 住户 or 党员: a record's history as lines for the report box, in
//! the screen's language: what was done, each field by the name the form
//! gives it, values as the forms show them (一般户, not `general`), and the
//! links made, moved and ended.

use crate::domain::model::{Class, Mode, Role, Sorting, Status};
use crate::domain::text;
use crate::i18n::{lang, t, tf};
use serde_json::Value;

/// A value as the forms show it.
fn shown(key: &str, v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Null => return "-".into(),
        other => other.to_string(),
    };
    let l = lang();
    let label = match key {
        "class" => Class::parse(&s).map(|c| c.label(l)),
        "role" => Role::parse(&s).map(|r| r.label(l)),
        "status" => Status::parse(&s).map(|x| x.label(l)),
        "mode" => Mode::parse(&s).map(|m| m.label(l)),
        "sorting" => Sorting::parse(&s).map(|x| x.label(l)),
        _ => None,
    };
    match label {
        Some(label) => label.to_string(),
        None if s.is_empty() => "-".into(),
        None => s,
    }
}

/// A field's name as its form gives it (the key when it has none).
fn field(key: &str) -> String {
    let k = format!("field.{key}");
    let name = t(&k);
    if name == k { key.to_string() } else { name.to_string() }
}

/// What was done, in words.
fn action(a: &str) -> String {
    let k = format!("audit.{a}");
    let said = t(&k);
    if said == k { a.to_string() } else { said.to_string() }
}

/// A record's audit entries, newest first: when, who, what, and for an
/// update the fields that changed (before → after). `name_of` names the
/// member (`"member"`, id) or household (`"household"`, id) of a link.
pub fn lines(name: &str, entries: &[crate::store::audit::Entry], name_of: impl Fn(&str, i64) -> String) -> Vec<String> {
    let mut out = vec![tf("ui.history_of", &[("name", name), ("count", &entries.len().to_string())])];
    let parse = |s: &Option<String>| s.as_deref().and_then(|s| serde_json::from_str::<Value>(s).ok());
    for e in entries {
        let (before, after) = (parse(&e.before), parse(&e.after));
        let change = if e.entity == "link" {
            let a = after.as_ref();
            let id = |k: &str| a.and_then(|v| v.get(k)).and_then(Value::as_i64).unwrap_or_default();
            let day = |k: &str| a.and_then(|v| v.get(k)).and_then(Value::as_str).unwrap_or("-").to_string();
            let (member, household) = (name_of("member", id("member_id")), name_of("household", id("household_id")));
            let key = if e.action == "end" { "audit.link_ended" } else { "audit.link_made" };
            let said = tf(key, &[("member", &member), ("household", &household), ("since", &day("since")), ("until", &day("until"))]);
            match a.and_then(|v| v.get("reason")).and_then(Value::as_str) {
                Some(why) => format!("{said}（{why}）"),
                None => said,
            }
        } else {
            match (before.as_ref().and_then(|v| v.as_object()), after.as_ref().and_then(|v| v.as_object())) {
                (Some(b), Some(a)) => a
                    .iter()
                    .filter(|(k, v)| b.get(*k) != Some(*v))
                    .map(|(k, v)| format!("{}: {} → {}", field(k), b.get(k).map_or_else(|| "-".into(), |x| shown(k, x)), shown(k, v)))
                    .collect::<Vec<_>>()
                    .join("；"),
                (None, Some(a)) if a.is_empty() => String::new(),
                (None, Some(_)) if e.action == "create" => String::new(),
                // A class change records the code before and after.
                _ if e.action == "class" => format!(
                    "{}: {} → {}",
                    field("class"),
                    before.as_ref().map_or_else(|| "-".into(), |v| shown("class", v)),
                    after.as_ref().map_or_else(|| "-".into(), |v| shown("class", v))
                ),
                _ => after.or(before).map(|v| v.to_string()).unwrap_or_default(),
            }
        };
        out.push(format!("{}  {}  {}  {}", e.at, e.who, action(&e.action), text::clean(&change)).trim_end().to_string());
    }
    out
}

/// The report box with a record's history (`entity` as the audit names it).
pub fn report(ctx: &super::effect::Ctx, entity: &str, id: i64, name: &str) -> Result<super::effect::Effects, crate::store::StoreError> {
    let conn = ctx.conn();
    let entries = crate::store::audit::history_with_links(conn, entity, id)?;
    let today = crate::store::date_text(ctx.today());
    let name_of = |kind: &str, id: i64| match kind {
        "member" => crate::store::members::get(conn, id, &today).map(|m| m.name).unwrap_or_default(),
        _ => crate::store::households::get(conn, id, &today).map(|h| h.head).unwrap_or_default(),
    };
    Ok(vec![super::effect::open(super::overlay::Report::new("ui.history", lines(name, &entries, name_of)))])
}
