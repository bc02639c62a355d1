//! The contract's columns per KIND: field key, Chinese header, English alias,
//! and whether the column is required.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub required: bool,
}

const fn req(key: &'static str, zh: &'static str, en: &'static str) -> Column {
    Column { key, zh, en, required: true }
}

const fn opt(key: &'static str, zh: &'static str, en: &'static str) -> Column {
    Column { key, zh, en, required: false }
}

pub const HOUSEHOLDS: &[Column] = &[
    req("village", "村", "village"),
    opt("group", "组", "group"),
    opt("building", "楼栋", "building"),
    req("address", "地址", "address"),
    req("head", "户主", "head"),
    opt("phone", "电话", "phone"),
    opt("size", "人口", "size"),
    req("class", "类别", "class"),
    opt("note", "备注", "note"),
];

pub const MEMBERS: &[Column] = &[
    req("village", "村", "village"),
    req("name", "姓名", "name"),
    opt("phone", "电话", "phone"),
    req("role", "身份", "role"),
    opt("status", "状态", "status"),
    opt("unit", "单位", "unit"),
    opt("party_group", "党小组", "party_group"),
];

pub const LINKS: &[Column] = &[
    req("village", "村", "village"),
    req("member", "党员", "member"),
    opt("member_phone", "党员电话", "member_phone"),
    req("head", "户主", "head"),
    req("address", "地址", "address"),
    opt("since", "起始日期", "since"),
];

pub const VISITS: &[Column] = &[
    req("date", "日期", "date"),
    req("village", "村", "village"),
    req("member", "党员", "member"),
    opt("member_phone", "党员电话", "member_phone"),
    req("head", "户主", "head"),
    req("address", "地址", "address"),
    opt("mode", "方式", "mode"),
    opt("sorting", "分类情况", "sorting"),
    opt("note", "情况", "note"),
    opt("concern", "问题", "concern"),
    opt("suggestion", "建议", "suggestion"),
    opt("next", "下次走访", "next"),
];

pub const RATINGS: &[Column] = &[
    req("quarter", "季度", "quarter"),
    req("village", "村", "village"),
    req("head", "户主", "head"),
    req("address", "地址", "address"),
    req("rating", "评价", "rating"),
];

pub const ADJUSTMENTS: &[Column] = &[
    req("quarter", "季度", "quarter"),
    req("village", "村", "village"),
    req("member", "党员", "member"),
    opt("member_phone", "党员电话", "member_phone"),
    req("points", "分值", "points"),
    req("reason", "原因", "reason"),
];

/// The seed's 党员联系户名单: one row per household with its member.
pub const ROSTER: &[Column] = &[
    req("village", "村", "village"),
    opt("group", "组", "group"),
    req("member", "党员", "member"),
    opt("member_phone", "党员电话", "member_phone"),
    opt("role", "身份", "role"),
    req("head", "户主", "head"),
    req("address", "地址", "address"),
    opt("class", "类别", "class"),
    opt("phone", "电话", "phone"),
    opt("size", "人口", "size"),
    opt("since", "起始日期", "since"),
];

/// The Chinese headers of a column list, in order (what exports write).
pub fn headers(columns: &[Column]) -> Vec<&'static str> {
    columns.iter().map(|c| c.zh).collect()
}

/// Where each known column sits in a file's header row.
#[derive(Debug, Clone)]
pub struct HeaderMap {
    positions: HashMap<&'static str, usize>,
}

impl HeaderMap {
    /// Matches headers to columns (Chinese name or English alias, case and
    /// surrounding space ignored). Returns the required columns that are missing.
    pub fn new(columns: &[Column], headers: &[String]) -> Result<HeaderMap, Vec<&'static str>> {
        let mut positions = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            let h = h.trim().trim_start_matches('\u{FEFF}');
            if let Some(c) = columns.iter().find(|c| c.zh == h || c.en.eq_ignore_ascii_case(h)) {
                positions.entry(c.key).or_insert(i);
            }
        }
        let missing: Vec<&'static str> = columns.iter().filter(|c| c.required && !positions.contains_key(c.key)).map(|c| c.zh).collect();
        if missing.is_empty() { Ok(HeaderMap { positions }) } else { Err(missing) }
    }

    /// The cell of `key` in `row` (empty when the column is absent or short).
    pub fn get<'a>(&self, row: &'a [String], key: &str) -> &'a str {
        self.positions.get(key).and_then(|&i| row.get(i)).map_or("", |s| s.as_str())
    }
}

/// The Chinese header of a field key within a column list (for messages).
pub fn header_of(columns: &[Column], key: &str) -> &'static str {
    columns.iter().find(|c| c.key == key).map_or("?", |c| c.zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_chinese_or_english() {
        let h: Vec<String> = ["\u{FEFF}村", "Head", " 地址 ", "类别"].iter().map(|s| s.to_string()).collect();
        let m = HeaderMap::new(HOUSEHOLDS, &h).unwrap();
        let row: Vec<String> = ["湖口村", "张三", "1号", "一般户"].iter().map(|s| s.to_string()).collect();
        assert_eq!(m.get(&row, "head"), "张三");
        assert_eq!(m.get(&row, "phone"), "");
    }

    #[test]
    fn missing_required_columns_are_named() {
        let h: Vec<String> = vec!["村".into(), "户主".into()];
        assert_eq!(HeaderMap::new(HOUSEHOLDS, &h).unwrap_err(), vec!["地址", "类别"]);
    }
}
