//! The red/black board (红黑榜): a printable A4 page per village and month
//! with the confirmed lists. The black list is masked (张某, group only)
//! unless the village decided to show full names.

use super::board::{escape, head, table, write_html};
use super::table::IoError;
use crate::i18n::{Lang, t_in, tf_in};
use crate::store::programme::redblack::{Board, BoardLine};
use std::fmt::Write as _;
use std::path::Path;

/// From this many entries on, a list is printed in columns.
const COLUMN_FROM: usize = 20;

/// The HTML of one page per village.
pub fn html(boards: &[Board], lang: Lang, today: &str) -> String {
    let title = boards.first().map(|b| title_of(b, lang)).unwrap_or_default();
    let mut out = head(lang, &title);
    for b in boards {
        let _ = writeln!(out, "<section>\n<h1>{}</h1>", escape(&title_of(b, lang)));
        let _ = writeln!(out, "<p class=\"sub\">{}</p>", escape(&tf_in(lang, "redblack.as_of", &[("date", today)])));
        for (key, lines, masked) in [("redblack.red", &b.red, false), ("redblack.black", &b.black, !b.full_names)] {
            let _ = writeln!(out, "<h2>{}</h2>", escape(t_in(lang, key)));
            if lines.is_empty() {
                let _ = writeln!(out, "<p class=\"none\">{}</p>", escape(t_in(lang, "redblack.nobody")));
                continue;
            }
            let cells = |l: &BoardLine| {
                if masked { vec![l.name.clone(), l.group.clone()] } else { vec![l.name.clone(), l.group.clone(), l.address.clone()] }
            };
            let heads: &[&str] = if masked { &["col.head", "col.group"] } else { &["col.head", "col.group", "col.address"] };
            // A long list goes in columns side by side (three of name and
            // group, two with the address), read down each column, so that
            // a village of 300 households fits one or two A4 pages.
            let k = if lines.len() <= COLUMN_FROM {
                1
            } else if masked {
                3
            } else {
                2
            };
            let per = lines.len().div_ceil(k);
            let wide: Vec<&str> = (0..k).flat_map(|_| heads.iter().copied()).collect();
            let rows = (0..per).map(|i| {
                (0..k).flat_map(|c| lines.get(c * per + i).map_or_else(|| vec![String::new(); heads.len()], cells)).collect::<Vec<_>>()
            });
            table(&mut out, lang, &wide, rows);
            if masked {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(t_in(lang, "redblack.masked_note")));
            }
        }
        let footer = escape(&tf_in(lang, "board.footer", &[("village", &b.village), ("date", today)]));
        let _ = writeln!(out, "<div class=\"end\"><footer>{footer}</footer></div>");
        let _ = writeln!(out, "</section>");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn title_of(b: &Board, lang: Lang) -> String {
    tf_in(lang, "redblack.title", &[("village", &b.village), ("year", &b.month.year.to_string()), ("month", &b.month.month.to_string())])
}

/// Writes the boards to `path` (`.html`), readable by owner and group only.
pub fn write(path: &Path, boards: &[Board], lang: Lang, today: &str) -> Result<(), IoError> {
    write_html(path, &html(boards, lang, today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::period::Month;

    fn line(name: &str, group: &str, address: &str) -> BoardLine {
        BoardLine { name: name.into(), group: group.into(), address: address.into() }
    }

    #[test]
    fn a_long_list_is_printed_in_columns_read_down() {
        let lines: Vec<BoardLine> = (1..=45).map(|i| line(&format!("户主{i}"), "一组", &format!("{i}号"))).collect();
        let b = Board {
            village: "湖口村".into(),
            month: crate::domain::period::Month::new(2026, 11).unwrap(),
            red: lines.clone(),
            black: lines,
            full_names: false,
        };
        let html = html(&[b], Lang::Zh, "2026-11-30");
        let black = html.split("<h2>黑榜（分类较差）</h2>").nth(1).unwrap();
        let first_row = black.split("<tr>").nth(2).unwrap();
        // 45 masked entries: three columns of 15, read down.
        assert!(
            first_row.starts_with("<td>户主1</td><td>一组</td><td>户主16</td>") && first_row.contains("<td>户主31</td>"),
            "{first_row}"
        );
        assert_eq!(black.matches("<tr>").count(), 1 + 15);
        let red = html.split("<h2>红榜（分类准确）</h2>").nth(1).unwrap().split("<h2>").next().unwrap();
        assert_eq!(red.matches("<tr>").count(), 1 + 23, "two columns with the address");
    }

    #[test]
    fn the_black_list_is_masked_unless_the_village_shows_full_names() {
        let mut b = Board {
            village: "湖口村".into(),
            month: Month::new(2026, 11).unwrap(),
            red: vec![line("张三丰", "三组", "湖口村三组1号")],
            black: vec![line("李某", "三组", "")],
            full_names: false,
        };
        let page = html(std::slice::from_ref(&b), Lang::Zh, "2026-11-30");
        assert!(page.contains("湖口村 2026年11月 垃圾分类红黑榜"));
        assert!(page.contains("<td>张三丰</td><td>三组</td><td>湖口村三组1号</td>"));
        assert!(page.contains("<td>李某</td><td>三组</td></tr>"), "group only");
        assert!(page.contains("已隐去"));
        b.black = vec![line("李四", "三组", "湖口村三组3号")];
        b.full_names = true;
        let page = html(&[b], Lang::Zh, "2026-11-30");
        assert!(page.contains("<td>李四</td><td>三组</td><td>湖口村三组3号</td>"));
        assert!(!page.contains("已隐去"));
    }
}
