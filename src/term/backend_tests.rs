use super::*;
use ratatui::Terminal;
use ratatui::style::{Color, Modifier, Style};

const W: u16 = 30;
const H: u16 = 10;

/// A terminal drawing through `Compact` into memory, and an emulator fed with it.
struct Rig {
    term: Terminal<Compact<Vec<u8>>>,
    emu: vt100::Parser,
    fed: usize,
}

impl Rig {
    fn new() -> Rig {
        let term = Terminal::new(Compact::fixed(Vec::new(), W, H)).unwrap();
        let emu = vt100::Parser::new(std::num::NonZeroU16::new(H).unwrap(), std::num::NonZeroU16::new(W).unwrap(), 0);
        Rig { term, emu, fed: 0 }
    }

    /// Draws `lines` (text, style), then checks that the emulator shows
    /// exactly the buffer ratatui drew; returns the bytes the frame cost.
    fn draw(&mut self, lines: &[(String, Style)]) -> usize {
        let want = self
            .term
            .draw(|f| {
                for (y, (text, style)) in lines.iter().enumerate().take(H as usize) {
                    f.buffer_mut().set_style(Rect::new(0, y as u16, W, 1), *style);
                    f.buffer_mut().set_stringn(0, y as u16, text, W as usize, *style);
                }
            })
            .unwrap()
            .buffer
            .clone();
        let bytes = &self.term.backend().writer()[self.fed..];
        let n = bytes.len();
        self.emu.process(bytes);
        self.fed += n;
        let screen = self.emu.screen();
        for y in 0..H {
            let mut x = 0;
            while x < W {
                let c = &want[(x, y)];
                let got = screen.cell(y, x).unwrap();
                let contents = if got.has_contents() { got.contents() } else { " " };
                assert_eq!(contents, c.symbol(), "text at ({x},{y})");
                assert_eq!(got.fgcolor(), emu_color(c.fg), "fg at ({x},{y})");
                assert_eq!(got.bgcolor(), emu_color(c.bg), "bg at ({x},{y})");
                assert_eq!(got.bold(), c.modifier.contains(Modifier::BOLD), "bold at ({x},{y})");
                assert_eq!(got.inverse(), c.modifier.contains(Modifier::REVERSED), "reverse at ({x},{y})");
                x += c.symbol().width().max(1) as u16;
            }
        }
        n
    }
}

fn emu_color(c: Color) -> vt100::Color {
    let named = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Indexed(n) => vt100::Color::Idx(n),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        c => vt100::Color::Idx(named.iter().position(|n| *n == c).unwrap_or(0) as u8),
    }
}

fn list(first: usize, selected: usize) -> Vec<(String, Style)> {
    let mut lines = vec![("│ 住户  共 30000 条".to_string(), Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD))];
    for i in first..first + 8 {
        let style = if i == selected { Style::default().fg(Color::Black).bg(Color::Cyan) } else { Style::default() };
        lines.push((format!("{} 东阳村 李敏{i} 第一组{i}号", if i == selected { "▶" } else { " " }), style));
    }
    lines.push(("/ 过滤  q 退出".to_string(), Style::default().fg(Color::DarkGray)));
    lines
}

#[test]
fn a_list_walk_scrolls_with_the_terminal_and_stays_exact() {
    let mut rig = Rig::new();
    let first = rig.draw(&list(0, 0));
    let mut costs = Vec::new();
    let (mut top, mut sel) = (0, 0);
    for _ in 0..30 {
        sel += 1;
        if sel >= top + 8 {
            top += 1;
        }
        costs.push(rig.draw(&list(top, sel)));
    }
    // A move that scrolls costs the two rows that changed, not eight.
    let worst = costs.iter().max().copied().unwrap_or(0);
    assert!(worst * 3 < first, "a move cost {worst} bytes, the whole screen {first}");
    for _ in 0..10 {
        sel -= 1;
        if sel < top {
            top -= 1;
        }
        rig.draw(&list(top, sel));
    }
}

#[test]
fn nothing_is_sent_for_a_frame_that_changed_nothing_and_the_cursor_is_hidden_once() {
    let mut rig = Rig::new();
    rig.draw(&list(0, 0));
    assert_eq!(rig.draw(&list(0, 0)), 0);
    let out = String::from_utf8_lossy(rig.term.backend().writer()).to_string();
    assert_eq!(out.matches("\x1b[?25l").count(), 1);
    assert!(!out.contains("38;5;"), "named colours go as 16-colour codes");
}

#[test]
fn random_frames_reach_the_screen_exactly() {
    // Text of mixed widths and pens, rows shifted up and down, rows restyled.
    let words = ["东阳村", "李敏", "abc", "第一组100号", "│", " ", "x", "逾期", "2026-11-22"];
    let styles = [
        Style::default(),
        Style::default().fg(Color::Black).bg(Color::Cyan),
        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        Style::default().fg(Color::DarkGray),
        Style::default().add_modifier(Modifier::REVERSED),
        Style::default().fg(Color::Indexed(208)).bg(Color::Rgb(1, 2, 3)),
    ];
    let mut seed: u64 = 0x5eed;
    let mut rand = move |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut rig = Rig::new();
    let mut lines: Vec<(String, Style)> = (0..H).map(|_| (String::new(), Style::default())).collect();
    for _ in 0..300 {
        match rand(4) {
            0 => {
                let (a, b) = (rand(H as usize), rand(H as usize));
                let (a, b) = (a.min(b), a.max(b));
                if rand(2) == 0 {
                    lines[a..=b].rotate_left(1);
                } else {
                    lines[a..=b].rotate_right(1);
                }
            }
            1 => {
                let y = rand(H as usize);
                lines[y].1 = styles[rand(styles.len())];
            }
            _ => {
                let y = rand(H as usize);
                let text: String = (0..rand(8)).map(|_| words[rand(words.len())]).collect::<Vec<_>>().join(" ");
                lines[y] = (text, styles[rand(styles.len())]);
            }
        }
        rig.draw(&lines);
    }
}

#[test]
fn a_row_that_got_shorter_is_erased_not_overwritten_with_spaces() {
    let mut rig = Rig::new();
    let long = vec![("东阳村第一组100号 李敏 2026-10-05 电话".to_string(), Style::default())];
    let short = vec![("东阳村".to_string(), Style::default())];
    rig.draw(&long);
    let cost = rig.draw(&short);
    let out = String::from_utf8_lossy(rig.term.backend().writer()).to_string();
    assert!(out.contains("X\x1b[?2026l"), "erased with ECH: {out:?}");
    assert!(cost < 40, "{cost} bytes");
}
