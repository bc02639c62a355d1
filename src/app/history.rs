//! `H` on 住户 or 党员: a record's history as lines for the report box.

use crate::domain::text;

/// A record's audit entries, newest first: when, who, what, and for an
/// update the fields that changed (before → after).
pub fn lines(name: &str, entries: &[crate::store::audit::Entry]) -> Vec<String> {
    let mut out = vec![crate::i18n::tf("ui.history_of", &[("name", name), ("count", &entries.len().to_string())])];
    let parse = |s: &Option<String>| s.as_deref().and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok());
    for e in entries {
        let (before, after) = (parse(&e.before), parse(&e.after));
        let change = match (before.as_ref().and_then(|v| v.as_object()), after.as_ref().and_then(|v| v.as_object())) {
            (Some(b), Some(a)) => a
                .iter()
                .filter(|(k, v)| b.get(*k) != Some(*v))
                .map(|(k, v)| format!("{k}: {} → {}", b.get(k).map(|x| x.to_string()).unwrap_or_default(), v))
                .collect::<Vec<_>>()
                .join("；"),
            _ => e.after.clone().or_else(|| e.before.clone()).unwrap_or_default(),
        };
        out.push(format!("{}  {}  {}  {}", e.at, e.who, e.action, text::clean(&change)));
    }
    out
}

/// The report box with a record's history (`entity` as the audit names it).
pub fn report(ctx: &super::effect::Ctx, entity: &str, id: i64, name: &str) -> Result<super::effect::Effects, crate::store::StoreError> {
    let entries = crate::store::audit::history(ctx.conn(), entity, id)?;
    Ok(vec![super::effect::open(super::overlay::Report::new("ui.history", lines(name, &entries)))])
}
