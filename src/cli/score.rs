//! `lianhu score --quarter Q [--village V] [--format text|json|csv]
//! [--finalize] [--reopen REASON]`: the quarter's boards, village by village.

use super::output::errln;
use super::output::{self, Format};
use super::{CliError, Globals};
use crate::domain::period::Quarter;
use crate::domain::score::Label;
use crate::i18n::{Lang, t, tf};
use crate::present::scores;
use crate::store::Store;
use crate::store::scores::finals;
use crate::store::scores::{self as score, Board};
use serde::Serialize;

/// The contract's JSON object for one member.
#[derive(Debug, Serialize)]
struct ScoreJson<'a> {
    village: &'a str,
    member: &'a str,
    role: &'static str,
    exempt: bool,
    ranked: bool,
    required: u32,
    done: u32,
    compliance: f64,
    satisfaction: f64,
    points: f64,
    rank: Option<usize>,
    label: Option<Label>,
    warnings_in_year: u32,
    self_criticism: bool,
    finalized: bool,
}

/// The boards of quarter `q` for the villages in scope.
pub fn boards(store: &Store, g: &Globals, q: Quarter, village: Option<i64>) -> Result<Vec<Board>, CliError> {
    let rules = super::load_rules(&g.db)?;
    Ok(score::boards(store.conn(), q, village, g.today, &rules)?)
}

pub struct Options<'a> {
    pub quarter: &'a str,
    pub village: Option<&'a str>,
    pub format: Format,
    pub finalize: bool,
    pub reopen: Option<&'a str>,
}

pub fn run(g: &Globals, o: &Options<'_>) -> Result<(), CliError> {
    let q = super::quarter_arg(o.quarter)?;
    let mut store = g.open()?;
    let village = super::village_arg(&store, o.village)?;
    if let Some(reason) = o.reopen {
        let ids: Vec<i64> = score::villages(store.conn(), village)?.into_iter().map(|(id, _)| id).collect();
        let reopened = store.write(|tx, ctx| -> Result<usize, CliError> {
            let mut n = 0;
            for id in &ids {
                n += usize::from(finals::reopen(tx, ctx, *id, q, reason)?);
            }
            Ok(n)
        })?;
        errln!("{}", tf("score.reopened", &[("count", &reopened.to_string()), ("quarter", &q.to_string())]));
    }
    if o.finalize {
        if q.last_day() >= g.today {
            return Err(CliError::Failed(tf("err.quarter_not_over", &[("quarter", &q.to_string())])));
        }
        let computed = boards(&store, g, q, village)?;
        let frozen = store.write(|tx, ctx| -> Result<usize, CliError> {
            let mut n = 0;
            for b in computed.iter().filter(|b| b.finalized.is_none()) {
                n += usize::from(finals::freeze(tx, ctx, b)?);
            }
            Ok(n)
        })?;
        errln!("{}", tf("score.finalized", &[("count", &frozen.to_string()), ("quarter", &q.to_string())]));
    }
    let boards = boards(&store, g, q, village)?;
    let text = match o.format {
        Format::Json => output::json_text(&json(&boards))?,
        Format::Csv => output::csv_text(scores::HEADERS, &boards.iter().flat_map(|b| scores::cells(b, Lang::Zh)).collect::<Vec<_>>())?,
        Format::Text => boards.iter().map(|b| text(b, g.lang)).collect::<Vec<_>>().join("\n"),
    };
    output::print(&text)
}

fn json(boards: &[Board]) -> Vec<ScoreJson<'_>> {
    boards
        .iter()
        .flat_map(|b| {
            b.rows.iter().map(move |r| ScoreJson {
                village: &b.village,
                member: &r.member,
                role: r.role.code(),
                exempt: r.exempt,
                ranked: r.ranked,
                required: r.required,
                done: r.done,
                compliance: round3(r.compliance),
                satisfaction: round3(r.satisfaction),
                points: r.points,
                rank: r.rank,
                label: r.label,
                warnings_in_year: r.warnings_in_year,
                self_criticism: r.self_criticism,
                finalized: b.finalized.is_some(),
            })
        })
        .collect()
}

/// Ratios to three decimals, so JSON reads 0.895 rather than 0.8947368421052632.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A village's board as an aligned table, with its caps, state and ties.
fn text(b: &Board, lang: Lang) -> String {
    let headers: Vec<String> = [
        "col.rank",
        "col.member",
        "col.role",
        "col.required",
        "col.done",
        "col.compliance",
        "col.satisfaction",
        "col.conversions",
        "col.resolved",
        "col.adjustments",
        "col.points",
        "col.label",
        "col.warnings_in_year",
    ]
    .iter()
    .map(|k| t(k).to_string())
    .collect();
    let rows: Vec<Vec<String>> = b
        .rows
        .iter()
        .map(|r| {
            let mut cells = scores::ranking_cells(r, lang, " ");
            cells.insert(2, r.role.label(lang).to_string());
            cells.push(r.warnings_in_year.to_string());
            cells
        })
        .collect();
    let mut out = format!("{}  {}\n", scores::caps_line(b, lang), scores::state_line(b, lang));
    for note in scores::block_notes(b, lang) {
        out.push_str(&note);
        out.push('\n');
    }
    out.push_str(&output::text_table(&headers, &rows));
    out
}
