//! `lianhu due [--village V] [--member M] [--by-member] [--format text|json|csv]`:
//! every household overdue, due or unlinked today, most urgent first; or
//! whom to remind, member by member.

use super::output::{self, Format};
use super::{CliError, Globals};
use crate::domain::schedule::DueStatus;
use crate::i18n::{Lang, t, tf};
use crate::store::due::{self, DueRow, Scope};
use crate::store::{Store, date_text};
use serde::Serialize;

/// The contract's JSON object for one household.
#[derive(Debug, Serialize)]
struct DueJson<'a> {
    village: &'a str,
    group: &'a str,
    address: &'a str,
    head: &'a str,
    class: &'static str,
    member: Option<&'a str>,
    status: DueStatus,
    due_by: Option<String>,
    last_visit: Option<String>,
    missed: u32,
}

/// Headers of the CSV output and of `export due` (Chinese, as every export).
pub const HEADERS: &[&str] = &["村", "组", "地址", "户主", "类别", "党员", "状态", "应访日期", "最近走访", "漏访"];

/// The rows of the CSV output and of `export due`, with Chinese labels.
pub fn table_rows(rows: &[DueRow]) -> Vec<Vec<String>> {
    cells(rows, Lang::Zh, "")
}

/// One row of cells per household, in the order of `HEADERS`, with labels in
/// `lang` and `blank` where there is no value.
fn cells(rows: &[DueRow], lang: Lang, blank: &str) -> Vec<Vec<String>> {
    let or_blank = |v: Option<String>| v.unwrap_or_else(|| blank.to_string());
    rows.iter()
        .map(|r| {
            vec![
                r.village.clone(),
                r.group.clone(),
                r.address.clone(),
                r.head.clone(),
                r.class.label(lang).to_string(),
                or_blank(r.member.clone()),
                crate::i18n::t_in(lang, r.status.label_key()).to_string(),
                or_blank(r.due_by.map(date_text)),
                or_blank(r.last_visit.map(date_text)),
                r.missed.to_string(),
            ]
        })
        .collect()
}

/// The due list for a village and member named on the command line; an
/// unknown village or member is an error, not an empty list.
pub fn rows(store: &Store, g: &Globals, village: Option<&str>, member: Option<&str>) -> Result<Vec<DueRow>, CliError> {
    let conn = store.conn();
    super::village_arg(store, village)?;
    if let Some(m) = member
        && !crate::store::members::name_exists(conn, m, village)?
    {
        return Err(CliError::Failed(tf("err.no_member_named", &[("name", m)])));
    }
    let rules = super::load_rules(&g.db)?;
    let scope = Scope { village: village.map(str::to_string), member: member.map(str::to_string), household: None };
    Ok(due::list(conn, g.today, &rules.visits, &scope)?)
}

pub fn run(g: &Globals, village: Option<&str>, member: Option<&str>, format: Format) -> Result<(), CliError> {
    let store = g.open()?;
    let rows = rows(&store, g, village, member)?;
    let text = match format {
        Format::Json => {
            let items: Vec<DueJson<'_>> = rows
                .iter()
                .map(|r| DueJson {
                    village: &r.village,
                    group: &r.group,
                    address: &r.address,
                    head: &r.head,
                    class: r.class.code(),
                    member: r.member.as_deref(),
                    status: r.status,
                    due_by: r.due_by.map(date_text),
                    last_visit: r.last_visit.map(date_text),
                    missed: r.missed,
                })
                .collect();
            output::json_text(&items)?
        }
        Format::Csv => output::csv_text(HEADERS, &table_rows(&rows))?,
        Format::Text => text(&rows, g.lang),
    };
    output::print(&text)
}

/// `due --by-member`: whom to remind. Text is one reminder a line (to paste
/// into a WeChat group); JSON and CSV give each member's phone and counts.
pub fn by_member(g: &Globals, village: Option<&str>, member: Option<&str>, format: Format) -> Result<(), CliError> {
    use crate::domain::schedule::DueStatus;
    let store = g.open()?;
    let rows = rows(&store, g, village, member)?;
    let phones = due::phones(store.conn())?;
    let refs: Vec<&DueRow> = rows.iter().collect();
    let all = crate::present::remind::by_member(&refs, &phones);
    let text = match format {
        Format::Json => output::json_text(&all)?,
        Format::Csv => {
            let cells: Vec<Vec<String>> = all
                .iter()
                .map(|r| {
                    let heads: Vec<&str> = r.households.iter().map(|h| h.0.as_str()).collect();
                    let (o, d) = (r.count(DueStatus::Overdue), r.count(DueStatus::Due));
                    vec![r.member.clone(), r.phone.clone(), r.village.clone(), o.to_string(), d.to_string(), heads.join("、")]
                })
                .collect();
            output::csv_text(&["党员", "电话", "村", "逾期", "待访", "尚未走访"], &cells)?
        }
        Format::Text if all.is_empty() => format!("{}\n", t("due.none")),
        Format::Text => all.iter().map(|r| format!("{}\n", r.text())).collect(),
    };
    output::print(&text)
}

fn text(rows: &[DueRow], lang: Lang) -> String {
    let (overdue, due, unlinked) = due::counts(rows.iter().map(|r| r.status));
    let summary = tf("due.summary", &[("overdue", &overdue.to_string()), ("due", &due.to_string()), ("unlinked", &unlinked.to_string())]);
    if rows.is_empty() {
        return format!("{}\n", t("due.none"));
    }
    let headers: Vec<String> = [
        "col.village",
        "col.group",
        "col.address",
        "col.head",
        "col.class",
        "col.member",
        "col.status",
        "col.due_by",
        "col.last_visit",
        "col.missed",
    ]
    .iter()
    .map(|k| t(k).to_string())
    .collect();
    let cells = cells(rows, lang, "-");
    format!("{}{summary}\n", output::text_table(&headers, &cells))
}
