//! Finding rows that moved: when a list scrolls by a row, most of the
//! screen is the old screen shifted, and the terminal can shift it itself
//! (a scrolling region and a line feed or reverse index) for a few bytes,
//! instead of every row being written again. This is how curses keeps
//! scrolling cheap on slow links.

use ratatui::buffer::{Buffer, Cell};

/// Rows `top..=bottom` shift by `by` rows: up when positive (row `y` shows
/// what row `y + by` showed), down when negative. The rows left behind at
/// the end become blank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shift {
    pub top: u16,
    pub bottom: u16,
    pub by: i16,
}

/// A scroll costs about this many cells' worth of bytes.
const COST: usize = 16;

fn row(b: &Buffer, y: usize) -> &[Cell] {
    let w = b.area.width as usize;
    &b.content[y * w..(y + 1) * w]
}

/// What writing a row costs, roughly: the bytes of its cells that are not blank.
fn weight(cells: &[Cell]) -> usize {
    cells.iter().filter(|c| *c != &Cell::EMPTY).map(|c| c.symbol().len()).sum()
}

/// The shift that saves the most writing from `old` to `new`, if any
/// saves more than it costs.
pub fn find(old: &Buffer, new: &Buffer) -> Option<Shift> {
    if old.area != new.area {
        return None;
    }
    let h = old.area.height as usize;
    let same: Vec<bool> = (0..h).map(|y| row(old, y) == row(new, y)).collect();
    let mut best: Option<(usize, Shift)> = None;
    for k in 1..h {
        for up in [true, false] {
            // Rows y of `new` that equal row y±k of `old`, in maximal runs.
            let source = |y: usize| if up { y + k } else { y - k };
            let ys: Vec<usize> = if up { (0..h - k).collect() } else { (k..h).collect() };
            let mut run_start = None;
            for (i, &y) in ys.iter().enumerate() {
                let matches = row(new, y) == row(old, source(y));
                if matches && run_start.is_none() {
                    run_start = Some(y);
                }
                let last = i + 1 == ys.len();
                if let Some(a) = run_start
                    && (!matches || last)
                {
                    let b = if matches { y } else { y - 1 };
                    run_start = None;
                    let shift = if up {
                        Shift { top: a as u16, bottom: (b + k) as u16, by: k as i16 }
                    } else {
                        Shift { top: (a - k) as u16, bottom: b as u16, by: -(k as i16) }
                    };
                    let gain: usize = (a..=b).filter(|&y| !same[y]).map(|y| weight(row(new, y))).sum();
                    // The rows the shift blanks had better not be ones that were already right.
                    let blanked = if up { b + 1..=b + k } else { a - k..=a - 1 };
                    let loss: usize = blanked.filter(|&y| same[y]).map(|y| weight(row(new, y))).sum();
                    let net = gain.saturating_sub(loss);
                    if net > COST && best.as_ref().is_none_or(|(g, _)| net > *g) {
                        best = Some((net, shift));
                    }
                }
            }
        }
    }
    best.map(|(_, s)| s)
}

/// Applies `s` to a buffer the way the terminal applies it to the screen.
pub fn apply(b: &mut Buffer, s: Shift) {
    let w = b.area.width as usize;
    let (top, bottom) = (s.top as usize, s.bottom as usize);
    let k = s.by.unsigned_abs() as usize;
    let region = &mut b.content[top * w..(bottom + 1) * w];
    if s.by > 0 {
        region.rotate_left(k * w);
        let n = region.len();
        region[n - k * w..].fill(Cell::EMPTY);
    } else {
        region.rotate_right(k * w);
        region[..k * w].fill(Cell::EMPTY);
    }
}

/// The bytes that make the terminal do `s`: a scrolling region, a line
/// feed (or a reverse index) at its edge, and the whole screen as the
/// region again. The cursor ends at the top left. (In raw mode a line feed
/// only moves down; the frame goes out unbuffered, see `term::init`.)
pub fn sequence(s: Shift) -> String {
    let k = s.by.unsigned_abs() as usize;
    let (top, bottom) = (s.top + 1, s.bottom + 1);
    if s.by > 0 {
        format!("\x1b[{top};{bottom}r\x1b[{bottom}H{}\x1b[r", "\n".repeat(k))
    } else {
        format!("\x1b[{top};{bottom}r\x1b[{top}H{}\x1b[r", "\x1bM".repeat(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn screen(lines: &[&str]) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 12, lines.len() as u16));
        for (y, l) in lines.iter().enumerate() {
            b.set_string(0, y as u16, l, ratatui::style::Style::default());
        }
        b
    }

    #[test]
    fn a_list_moved_up_by_one_is_a_shift_of_its_rows() {
        let old = screen(&["标题", "第1行 甲乙丙", "第2行 甲乙丙", "第3行 甲乙丙", "第4行 甲乙丙", "页脚"]);
        let new = screen(&["标题", "第2行 甲乙丙", "第3行 甲乙丙", "第4行 甲乙丙", "第5行 甲乙丙", "页脚"]);
        let s = find(&old, &new).expect("a shift");
        assert_eq!(s, Shift { top: 1, bottom: 4, by: 1 });
        let mut shifted = old.clone();
        apply(&mut shifted, s);
        assert_eq!(row(&shifted, 2), row(&new, 2));
        assert_eq!(weight(row(&shifted, 4)), 0);
    }

    #[test]
    fn moved_down_and_nothing_when_nothing_moved() {
        let old = screen(&["a", "第1行 甲乙丙", "第2行 甲乙丙", "第3行 甲乙丙", "z"]);
        let new = screen(&["a", "第0行 甲乙丙", "第1行 甲乙丙", "第2行 甲乙丙", "z"]);
        assert_eq!(find(&old, &new), Some(Shift { top: 1, bottom: 3, by: -1 }));
        assert_eq!(find(&old, &old), None);
    }

    /// A row's text as a terminal shows it (a wide character covers the next cell).
    fn text(cells: &[Cell]) -> String {
        let mut out = String::new();
        let mut skip = 0;
        for c in cells {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            out.push_str(c.symbol());
            skip = unicode_width::UnicodeWidthStr::width(c.symbol()).saturating_sub(1);
        }
        out
    }

    #[test]
    fn the_terminal_does_what_apply_says() {
        let old = screen(&["标题", "第1行", "第2行", "第3行", "第4行", "页脚"]);
        let lines: Vec<String> = (0..6).map(|y| text(row(&old, y))).collect();
        for s in [Shift { top: 1, bottom: 4, by: 1 }, Shift { top: 1, bottom: 4, by: -2 }] {
            let mut model = old.clone();
            apply(&mut model, s);
            let mut term = vt100::Parser::new(std::num::NonZeroU16::new(6).unwrap(), std::num::NonZeroU16::new(12).unwrap(), 0);
            term.process(format!("\x1b[H{}", lines.join("\r\n")).as_bytes());
            term.process(sequence(s).as_bytes());
            for y in 0..6u16 {
                let want = text(row(&model, y as usize));
                let got: String = (0..12)
                    .map(|x| {
                        term.screen().cell(y, x).map_or(" ".into(), |c| {
                            if c.has_contents() {
                                c.contents().to_string()
                            } else if c.is_wide_continuation() {
                                String::new()
                            } else {
                                " ".into()
                            }
                        })
                    })
                    .collect();
                assert_eq!(got.trim_end(), want.trim_end(), "row {y} after {s:?}");
            }
        }
    }
}
