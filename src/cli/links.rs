//! `lianhu links suggest [--village V] [--apply] [--format text|json|csv]`:
//! a member proposed for each unlinked household (就亲就近就熟, within
//! loads); written only with `--apply`.

use super::output::errln;
use super::output::{self, Format};
use super::{CliError, Globals};
use crate::domain::linking::Reason;
use crate::i18n::{Lang, t, t_in, tf};
use crate::store::linking::{self, SuggestRow};
use crate::store::links;
use serde::Serialize;

#[derive(Debug, Serialize)]
struct SuggestJson<'a> {
    village: &'a str,
    group: &'a str,
    address: &'a str,
    head: &'a str,
    member: Option<&'a str>,
    member_phone: Option<&'a str>,
    reason: Option<Reason>,
}

/// Headers of the CSV output (Chinese, as every export).
pub const HEADERS: &[&str] = &["村", "组", "地址", "户主", "党员", "党员电话", "依据"];

/// Cells per suggestion, in the order of `HEADERS`.
pub fn cells(rows: &[SuggestRow], lang: Lang, blank: &str) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let (name, phone) = r.member.as_ref().map_or((blank.to_string(), blank.to_string()), |(_, n, p)| (n.clone(), p.clone()));
            let reason = r.reason.map_or_else(|| t_in(lang, "link.no_room").to_string(), |x| t_in(lang, x.label_key()).to_string());
            vec![r.village.clone(), r.group.clone(), r.address.clone(), r.head.clone(), name, phone, reason]
        })
        .collect()
}

pub fn suggest(g: &Globals, village: Option<&str>, apply: bool, format: Format) -> Result<(), CliError> {
    let mut store = g.open()?;
    let village = super::village_arg(&store, village)?;
    let rules = super::load_rules(&g.db)?;
    let rows = linking::suggest(store.conn(), village, g.today, &rules.loads)?;
    if apply {
        let today = g.today;
        let n = store.write(|tx, ctx| -> Result<usize, CliError> {
            let mut n = 0;
            for (h, (m, _, _)) in rows.iter().filter_map(|r| r.member.as_ref().map(|m| (r.household_id, m))) {
                links::link(tx, ctx, *m, h, today)?;
                n += 1;
            }
            Ok(n)
        })?;
        errln!("{}", tf("link.applied", &[("count", &n.to_string())]));
    }
    let text = match format {
        Format::Json => {
            let items: Vec<SuggestJson<'_>> = rows
                .iter()
                .map(|r| SuggestJson {
                    village: &r.village,
                    group: &r.group,
                    address: &r.address,
                    head: &r.head,
                    member: r.member.as_ref().map(|(_, n, _)| n.as_str()),
                    member_phone: r.member.as_ref().map(|(_, _, p)| p.as_str()),
                    reason: r.reason,
                })
                .collect();
            output::json_text(&items)?
        }
        Format::Csv => output::csv_text(HEADERS, &cells(&rows, Lang::Zh, ""))?,
        Format::Text => {
            if rows.is_empty() {
                format!("{}\n", t("link.none_unlinked"))
            } else {
                let headers: Vec<String> = ["col.village", "col.group", "col.address", "col.head", "col.member", "col.phone", "col.basis"]
                    .iter()
                    .map(|k| t(k).to_string())
                    .collect();
                let placed = rows.iter().filter(|r| r.member.is_some()).count();
                let summary = tf("link.summary", &[("placed", &placed.to_string()), ("total", &rows.len().to_string())]);
                format!("{}{summary}\n", output::text_table(&headers, &cells(&rows, g.lang, "-")))
            }
        }
    };
    output::print(&text)
}
