//! What the terminal can do, asked before the full-screen app starts: a
//! `dumb` terminal (Emacs' shell, a serial console, a cron job) or none at
//! all cannot show it, and is told which commands work without it.

use std::io::IsTerminal;

/// Why the full-screen app cannot start here, if it cannot.
pub fn refusal(term: Option<&str>, tty: bool) -> Option<String> {
    let term = term.map(str::trim).unwrap_or("");
    if !tty {
        return Some(crate::i18n::t("err.no_terminal").to_string());
    }
    if term.is_empty() || term.eq_ignore_ascii_case("dumb") {
        let shown = if term.is_empty() { "(unset)" } else { term };
        return Some(crate::i18n::tf("err.dumb_terminal", &[("term", shown)]));
    }
    None
}

/// The refusal for this process: `TERM`, and whether standard input and
/// output are a terminal.
pub fn here() -> Option<String> {
    let tty = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    refusal(std::env::var("TERM").ok().as_deref(), tty)
}

#[cfg(test)]
mod tests {
    use super::refusal;

    #[test]
    fn dumb_unset_or_no_terminal_is_refused_and_a_real_one_is_not() {
        assert!(refusal(Some("dumb"), true).is_some_and(|m| m.contains("lianhu due") && m.contains("dumb")));
        assert!(refusal(None, true).is_some());
        assert!(refusal(Some("xterm-256color"), false).is_some());
        for term in ["xterm-256color", "linux", "vt100", "screen", "tmux-256color"] {
            assert_eq!(refusal(Some(term), true), None, "{term}");
        }
    }
}
