//! Select Graphic Rendition: the shortest escape sequence that takes the
//! terminal from one pen (colours and attributes) to another. Named colours
//! use the 16-colour codes (30–37, 90–97), which every terminal knows and
//! which are shorter than the 256-colour forms.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};
use std::io::Write;

/// The colours and attributes the terminal is writing with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

impl Pen {
    pub fn of(cell: &Cell) -> Pen {
        Pen { fg: cell.fg, bg: cell.bg, modifier: cell.modifier }
    }
}

/// Attribute codes to switch on, in SGR order.
const ON: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// The code that switches an attribute off (22 ends bold and dim alike,
/// 25 both blinks).
fn off(m: Modifier) -> u8 {
    match m {
        Modifier::BOLD | Modifier::DIM => 22,
        Modifier::ITALIC => 23,
        Modifier::UNDERLINED => 24,
        Modifier::SLOW_BLINK | Modifier::RAPID_BLINK => 25,
        Modifier::REVERSED => 27,
        Modifier::HIDDEN => 28,
        _ => 29,
    }
}

/// Appends a colour's parameters; `base` is 30 (foreground) or 40 (background).
fn color(out: &mut String, c: Color, base: u8) {
    use std::fmt::Write as _;
    let named = |n: u8| base + n;
    let bright = |n: u8| base + 60 + n;
    let code = match c {
        Color::Reset => named(9),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => bright(0),
        Color::LightRed => bright(1),
        Color::LightGreen => bright(2),
        Color::LightYellow => bright(3),
        Color::LightBlue => bright(4),
        Color::LightMagenta => bright(5),
        Color::LightCyan => bright(6),
        Color::White => bright(7),
        Color::Indexed(n) => {
            let _ = write!(out, "{};5;{n};", base + 8);
            return;
        }
        Color::Rgb(r, g, b) => {
            let _ = write!(out, "{};2;{r};{g};{b};", base + 8);
            return;
        }
    };
    let _ = write!(out, "{code};");
}

/// Parameters that turn `from` into `to` attribute by attribute.
fn stepwise(from: Pen, to: Pen) -> String {
    let mut p = String::new();
    let gone = from.modifier - to.modifier;
    let mut codes: Vec<u8> = ON.iter().filter(|(m, _)| gone.contains(*m)).map(|(m, _)| off(*m)).collect();
    codes.dedup();
    // 22 and 25 end a pair: switch back on the half that stays.
    let mut add = to.modifier - from.modifier;
    if codes.contains(&22) {
        add |= to.modifier & (Modifier::BOLD | Modifier::DIM);
    }
    if codes.contains(&25) {
        add |= to.modifier & (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK);
    }
    for c in codes {
        p.push_str(&format!("{c};"));
    }
    for (m, c) in ON {
        if add.contains(m) {
            p.push_str(&format!("{c};"));
        }
    }
    if from.fg != to.fg {
        color(&mut p, to.fg, 30);
    }
    if from.bg != to.bg {
        color(&mut p, to.bg, 40);
    }
    p
}

/// Parameters that reset everything, then set `to`.
fn from_reset(to: Pen) -> String {
    let mut p = String::from("0;");
    p.push_str(&stepwise(Pen::default(), to));
    p
}

/// Writes the shortest sequence from `from` to `to` (nothing when equal).
pub fn change(out: &mut Vec<u8>, from: Pen, to: Pen) {
    if from == to {
        return;
    }
    let step = stepwise(from, to);
    let reset = from_reset(to);
    let params = if reset.len() < step.len() { reset } else { step };
    let params = params.trim_end_matches(';');
    let params = if params == "0" { "" } else { params };
    let _ = write!(out, "\x1b[{params}m");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(from: Pen, to: Pen) -> String {
        let mut out = Vec::new();
        change(&mut out, from, to);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn named_colours_use_the_sixteen_colour_codes() {
        let to = Pen { fg: Color::Black, bg: Color::Cyan, modifier: Modifier::empty() };
        assert_eq!(seq(Pen::default(), to), "\x1b[30;46m");
        let to = Pen { fg: Color::DarkGray, ..Pen::default() };
        assert_eq!(seq(Pen::default(), to), "\x1b[90m");
        let to = Pen { fg: Color::Indexed(208), ..Pen::default() };
        assert_eq!(seq(Pen::default(), to), "\x1b[38;5;208m");
    }

    #[test]
    fn only_what_changes_is_sent_and_a_reset_when_shorter() {
        let bold_yellow = Pen { fg: Color::Yellow, bg: Color::Reset, modifier: Modifier::BOLD };
        let yellow = Pen { modifier: Modifier::empty(), ..bold_yellow };
        assert_eq!(seq(bold_yellow, yellow), "\x1b[22m");
        assert_eq!(seq(yellow, yellow), "");
        assert_eq!(seq(bold_yellow, Pen::default()), "\x1b[m");
        let bold_dim = Pen { modifier: Modifier::BOLD | Modifier::DIM, ..Pen::default() };
        let dim = Pen { modifier: Modifier::DIM, ..Pen::default() };
        // 22 would end both: a reset and dim again is as short.
        assert_eq!(seq(bold_dim, dim), "\x1b[0;2m");
    }

    #[test]
    fn a_terminal_shows_the_pen_asked_for() {
        // Every step between a few pens, checked on a terminal emulator.
        let pens = [
            Pen::default(),
            Pen { fg: Color::Red, bg: Color::Reset, modifier: Modifier::BOLD },
            Pen { fg: Color::Black, bg: Color::Cyan, modifier: Modifier::REVERSED },
            Pen { fg: Color::Reset, bg: Color::Yellow, modifier: Modifier::DIM | Modifier::UNDERLINED },
        ];
        for a in pens {
            for b in pens {
                let mut bytes = Vec::new();
                change(&mut bytes, Pen::default(), a);
                change(&mut bytes, a, b);
                bytes.extend_from_slice(b"x");
                let mut direct = Vec::new();
                change(&mut direct, Pen::default(), b);
                direct.extend_from_slice(b"x");
                let cell = |bytes: &[u8]| {
                    let mut p = vt100::Parser::new(std::num::NonZeroU16::new(2).unwrap(), std::num::NonZeroU16::new(4).unwrap(), 0);
                    p.process(bytes);
                    let c = p.screen().cell(0, 0).unwrap().clone();
                    (c.fgcolor(), c.bgcolor(), c.bold(), c.dim(), c.underline(), c.inverse())
                };
                assert_eq!(cell(&bytes), cell(&direct), "{a:?} → {b:?}");
            }
        }
    }
}
