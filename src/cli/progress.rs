//! Progress bars on stderr (indicatif) for the commands that may take more
//! than a second: only when stderr is a terminal and `--quiet` is not
//! given, so that scripts and cron see clean output. Drawn with ASCII only
//! (`=>`), which every terminal and code page shows.

use crate::progress::{Progress, Silent};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

struct Bar {
    bar: ProgressBar,
}

/// A bar on stderr, or nothing.
pub fn on_stderr(quiet: bool) -> Box<dyn Progress> {
    if quiet || !std::io::stderr().is_terminal() {
        return Box::new(Silent);
    }
    Box::new(Bar { bar: ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10)) })
}

impl Progress for Bar {
    fn stage(&self, what: &str, total: Option<u64>) {
        let style = match total {
            Some(_) => ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}  {elapsed}").map(|s| s.progress_chars("=> ")),
            None => ProgressStyle::with_template("{spinner} {msg} {pos}  {elapsed}").map(|s| s.tick_chars("|/-\\ ")),
        };
        if let Ok(style) = style {
            self.bar.set_style(style);
        }
        match total {
            Some(n) => self.bar.set_length(n),
            None => self.bar.unset_length(),
        }
        self.bar.set_message(what.to_string());
        self.bar.reset();
        // Redrawn on its own too: the clock runs while a step takes long.
        self.bar.enable_steady_tick(std::time::Duration::from_millis(250));
    }

    fn done(&self, n: u64) {
        self.bar.set_position(n);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
