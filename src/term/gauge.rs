//! Progress of long work in the app: after a second, a gauge over the
//! screen as it was when the work began, redrawn at most ten times a
//! second (a redraw is a few hundred bytes: only the gauge's cells change).

use super::AppTerminal;
use crate::app::App;
use crate::progress::Progress;
use ratatui::buffer::Buffer;
use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

/// Work shorter than this shows no gauge.
const AFTER: Duration = Duration::from_secs(1);
const EVERY: Duration = Duration::from_millis(100);

pub struct Gauge<'a> {
    terminal: RefCell<&'a mut AppTerminal>,
    /// The screen as it was drawn when the work began (the gauge lies over it).
    base: Option<Buffer>,
    theme: crate::ui::theme::Theme,
    what: RefCell<String>,
    total: Cell<Option<u64>>,
    started: Instant,
    drawn: Cell<Option<Instant>>,
}

impl<'a> Gauge<'a> {
    pub fn new(terminal: &'a mut AppTerminal, app: &App) -> Gauge<'a> {
        Gauge {
            terminal: RefCell::new(terminal),
            base: screen_of(app),
            theme: crate::ui::theme(app),
            what: RefCell::new(String::new()),
            total: Cell::new(None),
            started: Instant::now(),
            drawn: Cell::new(None),
        }
    }
}

impl Gauge<'_> {
    /// Whether the gauge was drawn (the screen is then drawn whole again).
    pub fn shown(&self) -> bool {
        self.drawn.get().is_some()
    }
}

/// What the screen showed: drawn once into a buffer of its size.
fn screen_of(app: &App) -> Option<Buffer> {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.width, app.height)).ok()?;
    t.draw(|f| crate::ui::draw(f, app)).ok()?;
    Some(t.backend().buffer().clone())
}

impl Progress for Gauge<'_> {
    fn stage(&self, what: &str, total: Option<u64>) {
        *self.what.borrow_mut() = what.to_string();
        self.total.set(total);
        self.done(0);
    }

    fn done(&self, n: u64) {
        if self.started.elapsed() < AFTER || self.drawn.get().is_some_and(|at| at.elapsed() < EVERY) {
            return;
        }
        self.drawn.set(Some(Instant::now()));
        let what = self.what.borrow();
        let mut terminal = self.terminal.borrow_mut();
        let _ = terminal.draw(|f| {
            if let Some(base) = &self.base
                && base.area == f.area()
            {
                f.buffer_mut().merge(base);
            }
            crate::ui::gauge(f, &self.theme, &what, n, self.total.get());
        });
    }
}
