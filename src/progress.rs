//! Progress of long work (a demo, an import, a backup, a check): reported
//! by the layers that do the work, shown by the one that owns the screen —
//! a bar on stderr for a command (`cli::progress`), a gauge over the app
//! (`term`). Methods take `&self` so that one reporter can be lent to
//! every step of the work.

/// Where long work says how far it has got.
pub trait Progress {
    /// A new stage: what it does (shown as is, already translated) and how
    /// many steps it has, when known.
    fn stage(&self, what: &str, total: Option<u64>);
    /// Steps of the current stage done so far.
    fn done(&self, n: u64);
    /// The work is over: whatever was shown is taken away (before the
    /// command prints its result).
    fn finish(&self) {}
}

/// Shows nothing: scripts, tests, and stderr that is not a terminal.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _what: &str, _total: Option<u64>) {}
    fn done(&self, _n: u64) {}
}

/// The reporter to use when there is none.
pub static SILENT: Silent = Silent;

impl std::fmt::Debug for dyn Progress + '_ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// Calls `done` every `every` steps of a loop (and never more often), so
/// that a loop over millions of rows stays cheap.
pub struct Ticker<'a> {
    progress: &'a dyn Progress,
    every: u64,
    n: u64,
}

impl<'a> Ticker<'a> {
    pub fn new(progress: &'a dyn Progress, every: u64) -> Ticker<'a> {
        Ticker { progress, every: every.max(1), n: 0 }
    }

    pub fn tick(&mut self) {
        self.n += 1;
        if self.n.is_multiple_of(self.every) {
            self.progress.done(self.n);
        }
    }

    /// The end of the loop: the last count shown.
    pub fn finish(&self) {
        self.progress.done(self.n);
    }
}
