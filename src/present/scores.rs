//! Quarter boards in words and cells: the table `lianhu score` prints and
//! `export scores` writes, the caps line and the notes on ties, shared by
//! the command line, the app and the printed board.

use crate::domain::score::{Block, Label};
use crate::i18n::{Lang, t_in, tf_in};
use crate::store::scores::{Board, ScoreRow};

/// Headers of the CSV output and of `export scores` (Chinese, as every export).
pub const HEADERS: &[&str] = &[
    "季度",
    "村",
    "党员",
    "身份",
    "不参评",
    "参与排名",
    "联系户数",
    "应访",
    "已访",
    "完成率",
    "满意度",
    "转化",
    "解决问题",
    "加减分",
    "积分",
    "名次",
    "评定",
    "年内警示",
    "需作检讨",
    "已定稿",
];

/// The label's name: 季度之星 or 警示党员.
pub fn label_text(label: Option<Label>, lang: Lang) -> &'static str {
    match label {
        Some(Label::Star) => t_in(lang, "score.star"),
        Some(Label::Warning) => t_in(lang, "score.warning"),
        None => "",
    }
}

pub fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

pub fn one_decimal(x: f64) -> String {
    format!("{x:.1}")
}

/// A signed adjustment: +2.0, -1.5, or blank for none.
pub fn signed(x: f64) -> String {
    if x == 0.0 { String::new() } else { format!("{x:+.1}") }
}

/// Why a member is not ranked: exempt, or linked to nothing.
pub fn unranked_reason(r: &ScoreRow, lang: Lang) -> &'static str {
    if r.ranked {
        ""
    } else if r.exempt {
        t_in(lang, "score.exempt")
    } else {
        t_in(lang, "score.unlinked")
    }
}

/// The ranking's cells of a member as the screen and `score` show them:
/// rank (or why unranked), member, owed, done, compliance, satisfaction,
/// conversions, resolved, adjustments, points, label (with the
/// self-criticism flag after `sep`).
pub fn ranking_cells(r: &ScoreRow, lang: Lang, sep: &str) -> Vec<String> {
    let label = match (label_text(r.label, lang), r.self_criticism) {
        ("", true) => t_in(lang, "score.self_criticism").to_string(),
        (l, true) => format!("{l}{sep}{}", t_in(lang, "score.self_criticism")),
        (l, false) => l.to_string(),
    };
    vec![
        r.rank.map_or_else(|| unranked_reason(r, lang).to_string(), |n| n.to_string()),
        r.member.clone(),
        r.required.to_string(),
        r.done.to_string(),
        percent(r.compliance),
        percent(r.satisfaction),
        r.conversions.to_string(),
        r.resolved.to_string(),
        signed(r.adjustments),
        one_decimal(r.points),
        label,
    ]
}

/// One row of cells per member, in the order of `HEADERS`.
pub fn cells(board: &Board, lang: Lang) -> Vec<Vec<String>> {
    let yes_no = |b: bool| t_in(lang, if b { "score.yes" } else { "score.no" }).to_string();
    board
        .rows
        .iter()
        .map(|r| {
            vec![
                board.quarter.to_string(),
                board.village.clone(),
                r.member.clone(),
                r.role.label(lang).to_string(),
                yes_no(r.exempt),
                yes_no(r.ranked),
                r.households.to_string(),
                r.required.to_string(),
                r.done.to_string(),
                format!("{:.3}", r.compliance),
                format!("{:.3}", r.satisfaction),
                r.conversions.to_string(),
                r.resolved.to_string(),
                signed(r.adjustments),
                one_decimal(r.points),
                r.rank.map(|n| n.to_string()).unwrap_or_default(),
                label_text(r.label, lang).to_string(),
                r.warnings_in_year.to_string(),
                yes_no(r.self_criticism),
                yes_no(board.finalized.is_some()),
            ]
        })
        .collect()
}

/// "湖口村 2026Q2：季度之星 2/3，警示党员 2/2（党员 23 名）".
pub fn caps_line(board: &Board, lang: Lang) -> String {
    tf_in(
        lang,
        "score.caps",
        &[
            ("village", &board.village),
            ("quarter", &board.quarter.to_string()),
            ("stars", &board.caps.stars.to_string()),
            ("star_cap", &board.caps.star_cap.to_string()),
            ("warnings", &board.caps.warnings.to_string()),
            ("warning_cap", &board.caps.warning_cap.to_string()),
            ("members", &board.caps.members.to_string()),
        ],
    )
}

/// Whether the board is final, and by whom; or that it is computed now.
pub fn state_line(board: &Board, lang: Lang) -> String {
    match &board.finalized {
        Some(f) => tf_in(lang, "score.final", &[("by", &f.by), ("at", &f.at)]),
        None => t_in(lang, "score.live").to_string(),
    }
}

/// A sentence per tie that kept a group out of a label.
pub fn block_notes(board: &Board, lang: Lang) -> Vec<String> {
    let note = |key: &str, b: &Block| {
        tf_in(lang, key, &[("rank", &b.rank.to_string()), ("size", &b.size.to_string()), ("room", &b.room.to_string())])
    };
    let mut out = Vec::new();
    if let Some(b) = &board.caps.star_block {
        out.push(note("score.star_block", b));
    }
    if let Some(b) = &board.caps.warning_block {
        out.push(note("score.warning_block", b));
    }
    out
}

/// A quarter as a notice writes it: 2026年第三季度 (2026 Q3 in English).
pub fn quarter_words(q: crate::domain::period::Quarter, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let n = ["一", "二", "三", "四"].get(q.q.saturating_sub(1) as usize).copied().unwrap_or("");
            format!("{}年第{n}季度", q.year)
        }
        Lang::En => format!("{} Q{}", q.year, q.q),
    }
}
