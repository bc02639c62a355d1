//! The red/black board (红黑榜): a printable A4 page per village and month
//! with the confirmed lists. The black list is masked (张某, group only)
//! unless the village decided to show full names.

use super::board::{escape, head, table, write_html};
use super::table::IoError;
use crate::i18n::{Lang, t_in, tf_in};
use crate::store::programme::redblack::{Board, BoardLine};
use std::fmt::Write as _;
use std::path::Path;

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
            table(&mut out, lang, heads, lines.iter().map(cells));
            if masked {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(t_in(lang, "redblack.masked_note")));
            }
        }
        let _ = writeln!(out, "<footer>{}</footer>", escape(&tf_in(lang, "board.footer", &[("village", &b.village), ("date", today)])));
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
