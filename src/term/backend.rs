//! A ratatui backend that sends a terminal as few bytes as a frame needs,
//! for slow SSH links and old terminals:
//!
//! - it keeps a model of the screen, and when rows moved (a list scrolled)
//!   it has the terminal shift them (see `scroll`) and writes only the rest;
//! - it moves the cursor only when the next cell is not where the cursor
//!   already is (ratatui asks for a move before every wide character), and
//!   then with the shortest sequence;
//! - it changes colours and attributes by the shortest step (see `sgr`);
//! - it shows or hides the cursor only when that changes;
//! - a frame is gathered in memory and written with one `write`, wrapped in
//!   a synchronized update so the terminal never shows half a frame.

use super::scroll;
use super::sgr::{self, Pen};
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub struct Compact<W: Write> {
    out: W,
    /// The frame being gathered.
    buf: Vec<u8>,
    /// What the terminal shows.
    screen: Buffer,
    /// Where the terminal's cursor is, when known.
    cursor: Option<(u16, u16)>,
    pen: Pen,
    visible: Option<bool>,
    /// A fixed size (tests); None asks the terminal.
    fixed: Option<Size>,
    /// What the terminal has (terminfo): synchronized updates and `ECH`.
    caps: super::terminfo::Caps,
}

impl<W: Write> Compact<W> {
    /// A backend for the real terminal, whose size it asks for.
    pub fn new(out: W) -> io::Result<Self> {
        let (w, h) = crossterm::terminal::size()?;
        Ok(Self::build(out, Size::new(w, h), None))
    }

    /// A backend of a fixed size.
    #[cfg(test)]
    pub fn fixed(out: W, width: u16, height: u16) -> Self {
        let size = Size::new(width, height);
        Self::build(out, size, Some(size))
    }

    fn build(out: W, size: Size, fixed: Option<Size>) -> Self {
        Compact {
            out,
            buf: Vec::new(),
            screen: Buffer::empty(Rect::new(0, 0, size.width, size.height)),
            cursor: None,
            pen: Pen::default(),
            visible: None,
            fixed,
            caps: super::terminfo::Caps::FULL,
        }
    }

    /// Writes only what the terminal has (an old one: no synchronized
    /// update, spaces instead of `ECH`).
    pub fn with_caps(mut self, caps: super::terminfo::Caps) -> Self {
        self.caps = caps;
        self
    }

    #[cfg(test)]
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// Moves the cursor to (x, y) with the shortest sequence, or by
    /// rewriting a few unchanged cells when that is shorter.
    fn move_to(&mut self, x: u16, y: u16, next: &Buffer) {
        match self.cursor {
            Some(at) if at == (x, y) => {}
            Some((cx, cy)) if cy == y && x > cx => {
                let gap = x - cx;
                let cells: Vec<&Cell> = (cx..x).map(|i| &next[(i, y)]).collect();
                let same_pen = cells.iter().all(|c| Pen::of(c) == self.pen && c.symbol().width() == 1);
                let bytes: usize = cells.iter().map(|c| c.symbol().len()).sum();
                let seq = if gap == 1 { "\x1b[C".to_string() } else { format!("\x1b[{gap}C") };
                if same_pen && bytes < seq.len() {
                    for c in cells {
                        self.buf.extend_from_slice(c.symbol().as_bytes());
                    }
                } else {
                    self.buf.extend_from_slice(seq.as_bytes());
                }
            }
            _ => self.goto(x, y),
        }
        self.cursor = Some((x, y));
    }

    fn goto(&mut self, x: u16, y: u16) {
        let seq = if x == 0 { format!("\x1b[{}H", y + 1) } else { format!("\x1b[{};{}H", y + 1, x + 1) };
        self.buf.extend_from_slice(seq.as_bytes());
        self.cursor = Some((x, y));
    }

    fn plain_pen(&mut self) {
        sgr::change(&mut self.buf, self.pen, Pen::default());
        self.pen = Pen::default();
    }

    fn put(&mut self, x: u16, y: u16, cell: &Cell, next: &Buffer) {
        self.move_to(x, y, next);
        let pen = Pen::of(cell);
        sgr::change(&mut self.buf, self.pen, pen);
        self.pen = pen;
        let symbol = cell.symbol();
        self.buf.extend_from_slice(symbol.as_bytes());
        let w = symbol.width() as u16;
        // At the right edge the terminal waits to wrap: its column is unsure.
        self.cursor = if w == 0 || x + w >= self.screen.area.width { None } else { Some((x + w, y)) };
    }
}

/// From how many blank cells in a row erasing them is shorter than writing.
const ERASE_FROM: usize = 8;

/// How many plain blank cells `next` has from (x, y) on, in that row.
fn blank_run(next: &Buffer, x: u16, y: u16) -> usize {
    (x..next.area.width).take_while(|&i| next[(i, y)] == Cell::EMPTY).count()
}

/// Blanks what a wide character covers, so rows compare by what shows.
fn tidy(b: &mut Buffer) {
    let w = b.area.width as usize;
    for row in b.content.chunks_mut(w) {
        let mut i = 0;
        while i < row.len() {
            let width = row[i].symbol().width().max(1);
            for c in row.iter_mut().skip(i + 1).take(width - 1) {
                *c = Cell::EMPTY;
            }
            i += width;
        }
    }
}

impl<W: Write> Backend for Compact<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut next = self.screen.clone();
        let mut any = false;
        for (x, y, cell) in content {
            if let Some(c) = next.cell_mut((x, y)) {
                *c = cell.clone();
                any = true;
            }
        }
        if !any {
            return Ok(());
        }
        tidy(&mut next);
        if let Some(shift) = scroll::find(&self.screen, &next) {
            self.plain_pen();
            self.buf.extend_from_slice(scroll::sequence(shift).as_bytes());
            scroll::apply(&mut self.screen, shift);
            self.cursor = None;
        }
        let updates: Vec<(u16, u16, Cell)> = self.screen.diff(&next).into_iter().map(|(x, y, c)| (x, y, c.clone())).collect();
        let mut i = 0;
        while i < updates.len() {
            let (x, y, cell) = &updates[i];
            let run = if *cell == Cell::EMPTY { blank_run(&next, *x, *y) } else { 0 };
            if run >= ERASE_FROM && self.caps.ech {
                // Blank cells in a row: erase them (the cursor stays), and
                // skip the updates they cover.
                self.move_to(*x, *y, &next);
                self.plain_pen();
                self.buf.extend_from_slice(format!("\x1b[{run}X").as_bytes());
                let end = *x as usize + run;
                let row = *y;
                while updates.get(i).is_some_and(|(ux, uy, _)| *uy == row && (*ux as usize) < end) {
                    i += 1;
                }
                continue;
            }
            self.put(*x, *y, cell, &next);
            i += 1;
        }
        self.plain_pen();
        self.screen = next;
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(false) {
            self.buf.extend_from_slice(b"\x1b[?25l");
            self.visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.visible != Some(true) {
            self.buf.extend_from_slice(b"\x1b[?25h");
            self.visible = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        let (x, y) = self.cursor.unwrap_or((0, 0));
        Ok(Position::new(x, y))
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        if self.cursor != Some((p.x, p.y)) {
            self.goto(p.x, p.y);
        }
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.plain_pen();
        let size = self.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        if self.screen.area != area {
            self.screen = Buffer::empty(area);
        }
        let w = area.width as usize;
        let (cx, cy) = self.cursor.unwrap_or((0, 0));
        let at = cy as usize * w + cx as usize;
        let (seq, range) = match clear_type {
            ClearType::All => ("\x1b[2J", 0..self.screen.content.len()),
            ClearType::AfterCursor => ("\x1b[J", at..self.screen.content.len()),
            ClearType::BeforeCursor => ("\x1b[1J", 0..at + 1),
            ClearType::CurrentLine => ("\x1b[2K", cy as usize * w..(cy as usize + 1) * w),
            ClearType::UntilNewLine => ("\x1b[K", at..(cy as usize + 1) * w),
        };
        self.buf.extend_from_slice(seq.as_bytes());
        let end = range.end.min(self.screen.content.len());
        self.screen.content[range.start.min(end)..end].fill(Cell::EMPTY);
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(s) => Ok(s),
            None => crossterm::terminal::size().map(|(w, h)| Size::new(w, h)),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let columns_rows = self.size()?;
        Ok(WindowSize { columns_rows, pixels: Size::default() })
    }

    /// Sends the gathered frame in one write, wrapped in a synchronized update.
    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let mut frame = Vec::with_capacity(self.buf.len() + 16);
        let sync = self.caps.alt_screen;
        if sync {
            frame.extend_from_slice(b"\x1b[?2026h");
        }
        frame.append(&mut self.buf);
        if sync {
            frame.extend_from_slice(b"\x1b[?2026l");
        }
        self.out.write_all(&frame)?;
        self.out.flush()
    }
}

#[cfg(test)]
#[path = "backend_tests.rs"]
mod tests;
