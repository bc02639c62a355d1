//! The monthly report's short text, made from its numbers: how the month's
//! visits went against the month before, how the classes moved, where
//! concerns stand, and which village is furthest behind.

use crate::domain::overview::{Line, MonthLine, Tally};
use crate::i18n::{Lang, tf_in};

fn pct(t: Tally) -> Option<f64> {
    t.share().map(|s| s * 100.0)
}

/// The month's line and the one before it.
fn pair(l: &Line) -> Option<(&MonthLine, Option<&MonthLine>)> {
    let n = l.months.len();
    let now = l.months.last()?;
    Some((now, n.checked_sub(2).and_then(|i| l.months.get(i))))
}

/// Sentences about `total` (the township's or one village's) and the
/// villages' lines, in `lang`.
pub fn summary(total: &Line, villages: &[Line], lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let Some((now, before)) = pair(total) else { return out };
    if let Some(p) = pct(now.by_cadence[0]) {
        let change = before.and_then(|b| pct(b.by_cadence[0])).map(|b| p - b);
        let s = match change {
            Some(c) if c.abs() >= 0.05 => tf_in(
                lang,
                if c > 0.0 { "report.general_up" } else { "report.general_down" },
                &[("rate", &format!("{p:.1}")), ("change", &format!("{:.1}", c.abs()))],
            ),
            Some(_) => tf_in(lang, "report.general_same", &[("rate", &format!("{p:.1}"))]),
            None => tf_in(lang, "report.general", &[("rate", &format!("{p:.1}"))]),
        };
        out.push(s);
    }
    if let Some(p) = pct(now.by_cadence[1]) {
        out.push(tf_in(lang, "report.improving_rate", &[("rate", &format!("{p:.1}"))]));
    }
    if let Some(b) = before {
        for (i, key) in [(1, "report.improving"), (2, "report.difficult")] {
            let (was, is) = (b.classes[i], now.classes[i]);
            let change = match is.cmp(&was) {
                std::cmp::Ordering::Less => tf_in(lang, "report.fewer", &[("n", &(was - is).to_string())]),
                std::cmp::Ordering::Greater => tf_in(lang, "report.more", &[("n", &(is - was).to_string())]),
                std::cmp::Ordering::Equal => tf_in(lang, "report.unchanged", &[]),
            };
            out.push(tf_in(lang, key, &[("change", &change), ("now", &is.to_string())]));
        }
    }
    let f = now.flow;
    out.push(tf_in(
        lang,
        "report.concerns",
        &[
            ("raised", &f.raised.to_string()),
            ("resolved", &f.resolved.to_string()),
            ("passed_up", &f.passed_up.to_string()),
            ("stuck", &total.concerns_stuck.to_string()),
        ],
    ));
    out.push(tf_in(lang, "report.behind", &[("overdue", &total.overdue.to_string()), ("unlinked", &total.unlinked.to_string())]));
    let lowest = villages
        .iter()
        .filter_map(|l| Some((l.village.as_ref()?.1.as_str(), pct(l.months.last()?.by_cadence[0])?)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    if villages.len() > 1
        && let Some((name, p)) = lowest
    {
        out.push(tf_in(lang, "report.lowest", &[("village", name), ("rate", &format!("{p:.1}"))]));
    }
    out
}
