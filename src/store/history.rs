//! The past of households as the rules read it: class records and links
//! (with the member of each), per household. One loader serves the due list
//! (今日) and scoring (考评), so that the two can never read it differently.

use super::{Result, parse_date};
use crate::domain::model::Class;
use crate::domain::schedule::Span;
use chrono::NaiveDate;
use rusqlite::{Connection, ToSql};
use std::collections::HashMap;

/// One household's class records (oldest first) and links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Past {
    pub classes: Vec<(NaiveDate, Class)>,
    pub links: Vec<Span>,
    /// The member of each link, in the order of `links`.
    pub members: Vec<i64>,
}

/// The pasts of the households `which` selects: a WHERE clause over
/// `households h JOIN villages v` with the one parameter `?1`; `None` reads
/// the two tables whole, without joins (`param` then NULL).
pub fn load(conn: &Connection, which: Option<&str>, param: &dyn ToSql) -> Result<HashMap<i64, Past>> {
    let from = |table: &str, alias: &str| match which {
        None => format!("FROM {table} {alias} WHERE ?1 IS NULL"),
        Some(w) => format!(
            "FROM {table} {alias} JOIN households h ON h.id = {alias}.household_id JOIN villages v ON v.id = h.village_id WHERE {w}"
        ),
    };
    let mut out: HashMap<i64, Past> = HashMap::new();
    let sql = format!("SELECT c.household_id, c.since, c.class {} ORDER BY c.household_id, c.since, c.id", from("class_history", "c"));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([param])?;
    while let Some(r) = rows.next()? {
        let since = r.get_ref(1)?.as_str().ok().and_then(parse_date);
        let class = r.get_ref(2)?.as_str().ok().and_then(Class::from_code);
        if let (Some(since), Some(class)) = (since, class) {
            out.entry(r.get(0)?).or_default().classes.push((since, class));
        }
    }
    let sql = format!("SELECT l.household_id, l.since, l.until, l.member_id {} ORDER BY l.household_id, l.since, l.id", from("links", "l"));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([param])?;
    while let Some(r) = rows.next()? {
        let Some(since) = r.get_ref(1)?.as_str().ok().and_then(parse_date) else { continue };
        let until = r.get_ref(2)?.as_str().ok().and_then(parse_date);
        let past = out.entry(r.get(0)?).or_default();
        past.links.push((since, until));
        past.members.push(r.get(3)?);
    }
    Ok(out)
}
