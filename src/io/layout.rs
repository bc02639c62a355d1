//! Finding the table in a sheet laid out the way villages lay rosters out:
//! the header row is found, not assumed to be row 1 (title rows, a 填报日期
//! line, a two-row header with merged group headings above, a table that
//! starts in column B); header words are matched through the synonyms in
//! `assets/import.toml`; merged cells are filled down; blank and footer
//! rows are skipped; a 序号 column and unknown columns are ignored and named.

use super::columns::Column;
use super::read::Sheet;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The synonyms and value words, parsed once from `assets/import.toml`.
pub struct Words {
    headers: HashMap<String, Vec<String>>,
    members_phone: Vec<String>,
    footers: Vec<String>,
    values: HashMap<String, Vec<(String, Vec<String>)>>,
}

pub fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let file: toml::Table = include_str!("../../assets/import.toml").parse().expect("assets/import.toml is valid");
        let list = |v: &toml::Value| -> Vec<String> {
            v.as_array().map(|a| a.iter().filter_map(|w| w.as_str().map(normal)).collect()).unwrap_or_default()
        };
        let table = |key: &str| file.get(key).and_then(toml::Value::as_table).cloned().unwrap_or_default();
        let values = table("values")
            .into_iter()
            .map(|(field, t)| {
                let words = t.as_table().map(|t| t.iter().map(|(canon, v)| (canon.clone(), list(v))).collect()).unwrap_or_default();
                (field, words)
            })
            .collect();
        Words {
            headers: table("headers").iter().map(|(k, v)| (normal(k), list(v))).collect(),
            members_phone: table("members_phone").get("电话").map(list).unwrap_or_default(),
            footers: table("footers")
                .get("words")
                .and_then(toml::Value::as_array)
                .map(|a| a.iter().filter_map(|w| w.as_str().map(str::to_string)).collect())
                .unwrap_or_default(),
            values,
        }
    })
}

impl Words {
    /// The stored value a clerk's word stands for in `field` (`class`,
    /// `role`, `status`), if it is one of the words listed.
    pub fn value(&self, field: &str, raw: &str) -> Option<&str> {
        let n = normal(raw);
        self.values.get(field)?.iter().find(|(canon, words)| normal(canon) == n || words.contains(&n)).map(|(canon, _)| canon.as_str())
    }
}

/// A header as compared: no white space of any kind, no line breaks, no `*`
/// marks, no hint in brackets, ASCII lower case.
pub fn normal(h: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in h.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '*' | '＊' | '\u{FEFF}' => {}
            c if c.is_whitespace() => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// What a sheet's header says: the column of each field, and the columns
/// left out (with their header text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// (column in the sheet, field key, the file's header text)
    pub fields: Vec<(usize, &'static str, String)>,
    pub ignored: Vec<String>,
}

/// Which field a header names, among `columns`; its rank among that
/// field's words (0 = the contract's own name) for ties. In a members
/// import (`members`) the phone is the member's: on a sheet that also lists
/// households (`combined`) only a 党员电话 column is taken for it.
fn field_of(columns: &[Column], header: &str, members: bool, combined: bool) -> Option<(&'static str, usize)> {
    let h = normal(header);
    if h.is_empty() {
        return None;
    }
    let w = words();
    let member_phone = |c: &Column| members && c.key == "phone";
    if combined && columns.iter().any(member_phone) {
        if h == "党员电话" || h == "党员手机" || h == "党员联系电话" {
            return Some(("phone", 0));
        }
        if w.headers.get("电话").is_some_and(|l| l.contains(&h)) || h == "电话" {
            return None;
        }
    }
    if let Some(c) = columns.iter().find(|c| normal(c.zh) == h || c.en.eq_ignore_ascii_case(&h)) {
        return Some((c.key, 0));
    }
    for c in columns {
        let list = if member_phone(c) { &w.members_phone } else { w.headers.get(&normal(c.zh))? };
        if let Some(rank) = list.iter().position(|x| *x == h) {
            return Some((c.key, rank + 1));
        }
    }
    None
}

/// The header words accepted for the column named `zh`: its own name and
/// its synonyms.
pub fn accepted(columns: &[Column], zh: &str) -> Vec<String> {
    let mut out = vec![zh.to_string()];
    if let Some(list) = words().headers.get(&normal(zh)) {
        out.extend(list.iter().cloned());
    }
    if let Some(c) = columns.iter().find(|c| c.zh == zh) {
        out.push(c.en.to_string());
    }
    out
}

/// Whether a header names a household's head (a sheet of households).
fn names_households(header: &[String]) -> bool {
    let heads = words().headers.get("户主");
    header.iter().map(|h| normal(h)).any(|h| h == "户主" || heads.is_some_and(|l| l.contains(&h)))
}

/// Maps a header row onto `columns`: each field from its best-ranked
/// column; every other non-empty header is ignored and named.
pub fn map(columns: &[Column], header: &[String], members: bool) -> Mapping {
    let combined = members && names_households(header);
    let mut best: HashMap<&'static str, (usize, usize)> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        if let Some((key, rank)) = field_of(columns, h, members, combined) {
            let e = best.entry(key).or_insert((i, rank));
            if rank < e.1 {
                *e = (i, rank);
            }
        }
    }
    let mut m = Mapping::default();
    for (i, h) in header.iter().enumerate() {
        let taken = best.iter().find(|(_, (col, _))| *col == i).map(|(k, _)| *k);
        match taken {
            Some(key) => m.fields.push((i, key, h.trim().to_string())),
            None if !normal(h).is_empty() => m.ignored.push(h.split_whitespace().collect::<Vec<_>>().join(" ")),
            None => {}
        }
    }
    m
}

impl Mapping {
    pub fn has(&self, key: &str) -> bool {
        self.fields.iter().any(|f| f.1 == key)
    }

    fn score(&self) -> usize {
        self.fields.len()
    }
}

/// A sheet's table found: the header's line(s), the mapping, and the data
/// rows (line, cells by sheet column) after fill-down and skipping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub header_lines: Vec<usize>,
    pub mapping: Mapping,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Why a sheet has no table: the row most like a header and the required
/// fields it lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    pub best_line: Option<usize>,
    pub missing: Vec<&'static str>,
    /// Whether any row named any column at all (an instructions sheet names none).
    pub any_header: bool,
}

/// How many rows from the top a header may start at.
const HEADER_SEARCH: usize = 30;

/// Finds the table of `columns` in `sheet`. `given` names fields supplied
/// from outside (`--village`), so they are not required of the sheet.
pub fn find(sheet: &Sheet, columns: &[Column], members: bool, given: &[&str]) -> Result<Found, NotFound> {
    let filled = fill_merged(sheet);
    let required: Vec<&Column> = columns.iter().filter(|c| c.required && !given.contains(&c.key)).collect();
    let lacking = |m: &Mapping| -> Vec<&'static str> { required.iter().filter(|c| !m.has(c.key)).map(|c| c.zh).collect() };
    let mut best: Option<(usize, Vec<usize>, Mapping)> = None;
    for i in 0..filled.len().min(HEADER_SEARCH) {
        let one = map(columns, &filled[i].1, members);
        let mut candidates = vec![(vec![i], one)];
        // Two rows: group headings above, the columns' own words below; a
        // column whose lower cell is empty keeps the upper one (merged down).
        if let Some(next) = filled.get(i + 1) {
            let width = filled[i].1.len().max(next.1.len());
            let combined: Vec<String> = (0..width)
                .map(|c| {
                    let low = next.1.get(c).map(String::as_str).unwrap_or("");
                    if low.trim().is_empty() { filled[i].1.get(c).cloned().unwrap_or_default() } else { low.to_string() }
                })
                .collect();
            let both = map(columns, &combined, members);
            // Only when the upper row adds something to the lower one.
            if both.score() > map(columns, &next.1, members).score() {
                candidates.push((vec![i, i + 1], both));
            }
        }
        for (lines, m) in candidates {
            let better = match &best {
                None => true,
                Some((_, _, b)) => (lacking(&m).len(), usize::MAX - m.score()) < (lacking(b).len(), usize::MAX - b.score()),
            };
            if better {
                best = Some((lines[0], lines, m));
            }
        }
    }
    let Some((_, lines, mapping)) = best else {
        return Err(NotFound { best_line: None, missing: required.iter().map(|c| c.zh).collect(), any_header: false });
    };
    let missing = lacking(&mapping);
    if !missing.is_empty() || mapping.fields.is_empty() {
        return Err(NotFound { best_line: lines.first().map(|i| filled[*i].0), missing, any_header: !mapping.fields.is_empty() });
    }
    let last = *lines.last().unwrap_or(&0);
    let footers = &words().footers;
    let rows = filled[last + 1..]
        .iter()
        .filter(|(_, cells)| mapping.fields.iter().any(|(c, _, _)| cells.get(*c).is_some_and(|v| !v.trim().is_empty())))
        .filter(|(_, cells)| {
            let first = cells.iter().map(|c| c.trim()).find(|c| !c.is_empty()).unwrap_or("");
            let first: String = first.chars().filter(|c| !c.is_whitespace()).collect();
            !footers.iter().any(|f| first.starts_with(f.as_str()))
        })
        .cloned()
        .collect();
    Ok(Found { header_lines: lines.iter().map(|i| filled[*i].0).collect(), mapping, rows })
}

/// The sheet's rows with every merged range's value copied into each of
/// its cells (a member's name merged over their households, a heading
/// merged over its columns). Rows are indexed by line.
fn fill_merged(sheet: &Sheet) -> Vec<(usize, Vec<String>)> {
    let mut rows = sheet.rows.clone();
    if sheet.merged.is_empty() {
        return rows;
    }
    let index: HashMap<usize, usize> = rows.iter().enumerate().map(|(i, (line, _))| (*line - 1, i)).collect();
    for &(r0, c0, r1, c1) in &sheet.merged {
        // Bounded by the sheet's real rows (a merge over empty rows adds none).
        let Some(value) = index.get(&r0).and_then(|&i| rows[i].1.get(c0)).cloned() else { continue };
        // A merge reaching past the bounds (a crafted file) is ignored: it
        // would otherwise widen every row it covers.
        if value.is_empty() || c1 >= super::bounds::MAX_COLUMNS as usize || r0 >= super::bounds::MAX_ROWS as usize {
            continue;
        }
        for r in r0..=r1.min(r0 + super::bounds::MAX_ROWS as usize) {
            let Some(&i) = index.get(&r) else { continue };
            let cells = &mut rows[i].1;
            if cells.len() <= c1 {
                cells.resize(c1 + 1, String::new());
            }
            for cell in &mut cells[c0..=c1] {
                if cell.is_empty() {
                    cell.clone_from(&value);
                }
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::columns::{HOUSEHOLDS, MEMBERS};

    fn row(line: usize, cells: &[&str]) -> (usize, Vec<String>) {
        (line, cells.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn headers_are_normalised() {
        assert_eq!(normal("地  址"), "地址");
        assert_eq!(normal("*户主\n姓名"), "户主姓名");
        assert_eq!(normal("人口（人）"), "人口");
        assert_eq!(normal("类别（一般户/提升户/难点户）"), "类别");
        assert_eq!(normal("联系\n电话"), "联系电话");
        assert_eq!(normal("\u{3000}村\u{3000}"), "村");
    }

    #[test]
    fn a_title_a_date_line_and_a_two_row_header_in_column_b() {
        let sheet = Sheet {
            name: "湖口村".into(),
            rows: vec![
                row(1, &["", "湖口村党员联户名单"]),
                row(2, &["", "填报日期：2026年3月5日"]),
                row(3, &["", "序号", "住户信息", "", "", "类别（一般户/提升户/难点户）"]),
                row(4, &["", "", "所在村", "户主姓名", "家庭住址", ""]),
                row(5, &["", "1", "湖口村", "张三", "一组1号", "一般"]),
                row(6, &["", "", "", "", "", ""]),
                row(7, &["", "2", "湖口村", "李四", "一组2号", "提升"]),
                row(8, &["", "制表人：王芳", "", "审核人：李明"]),
            ],
            merged: vec![(2, 2, 2, 4)],
        };
        let f = find(&sheet, HOUSEHOLDS, false, &[]).unwrap();
        assert_eq!(f.header_lines, vec![3, 4]);
        let keys: Vec<&str> = f.mapping.fields.iter().map(|f| f.1).collect();
        assert_eq!(keys, vec!["village", "head", "address", "class"]);
        assert_eq!(f.mapping.ignored, vec!["序号"]);
        assert_eq!(f.rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![5, 7]);
    }

    #[test]
    fn the_member_phone_is_never_the_households() {
        let h: Vec<String> = ["村", "党员姓名", "联系电话", "党员电话", "身份"].iter().map(|s| s.to_string()).collect();
        let m = map(MEMBERS, &h, true);
        assert!(m.fields.contains(&(3, "phone", "党员电话".into())), "{m:?}");
        assert!(m.ignored.contains(&"联系电话".to_string()));
    }

    #[test]
    fn a_missing_column_names_the_row_most_like_a_header() {
        let sheet = Sheet { name: String::new(), rows: vec![row(1, &["标题"]), row(2, &["村", "户主", "备注"])], merged: vec![] };
        let e = find(&sheet, HOUSEHOLDS, false, &[]).unwrap_err();
        assert_eq!(e.best_line, Some(2));
        assert_eq!(e.missing, vec!["地址", "类别"]);
    }

    #[test]
    fn merged_names_fill_down() {
        let sheet = Sheet {
            name: String::new(),
            rows: vec![
                row(1, &["村", "党员", "户主", "地址", "类别"]),
                row(2, &["湖口村", "王芳", "甲", "1号", "一般户"]),
                row(3, &["湖口村", "", "乙", "2号", "一般户"]),
            ],
            merged: vec![(1, 1, 2, 1)],
        };
        let f = find(&sheet, crate::io::columns::LINKS, false, &[]).unwrap();
        assert_eq!(f.rows[1].1[1], "王芳");
    }

    #[test]
    fn a_merge_past_the_bounds_widens_nothing() {
        let sheet = Sheet {
            name: String::new(),
            rows: vec![row(1, &["村", "户主", "地址", "类别"]), row(2, &["湖口村", "甲", "1号", "一般户"])],
            merged: vec![(1, 0, 1, 150_000), (1, 0, 5_000_000, 0)],
        };
        let f = find(&sheet, HOUSEHOLDS, false, &[]).unwrap();
        assert_eq!(f.rows[0].1.len(), 4);
    }
}
