//! Asking the terminal what it is, before the app starts: a CJK text and a
//! box-drawing character are written on the alternate screen, each followed
//! by a cursor position request (`ESC[6n`); the columns the cursor moved
//! tell a UTF-8 terminal (中文: 4) from a GBK one (its 6 bytes read as three
//! GBK characters: 6), and a terminal that draws box drawing one cell wide
//! from one that draws it two (Xshell's and PuTTY's "ambiguous characters
//! are wide"). A terminal that does not answer within `WAIT` is taken as
//! UTF-8 with narrow box drawing. The line is erased after.

use super::encoding::Encoding;
use std::time::{Duration, Instant};

/// How long the terminal has to answer.
pub const WAIT: Duration = Duration::from_millis(100);

/// What the terminal answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Probed {
    /// None: not asked, or no answer.
    pub encoding: Option<Encoding>,
    /// Box drawing takes two cells.
    pub wide_boxes: bool,
    /// The terminal answered (whatever it said).
    pub answered: bool,
}

/// The columns of the cursor position reports in `reply` (`ESC[r;cR`).
pub fn columns(reply: &[u8]) -> Vec<u16> {
    let text = String::from_utf8_lossy(reply);
    text.split("\x1b[")
        .filter_map(|part| {
            let end = part.find('R')?;
            let (_, col) = part[..end].split_once(';')?;
            col.parse().ok()
        })
        .collect()
}

/// What two answers mean: after 中文 from column 1, and after ─.
pub fn read(cols: &[u16], asked_encoding: bool) -> Probed {
    let mut p = Probed { answered: !cols.is_empty(), ..Probed::default() };
    let mut cols = cols.iter();
    if asked_encoding {
        match cols.next() {
            Some(5) => p.encoding = Some(Encoding::Utf8),
            Some(7) => p.encoding = Some(Encoding::Gb18030),
            _ => {}
        }
    }
    if p.encoding != Some(Encoding::Gb18030)
        && let Some(c) = cols.next()
    {
        p.wide_boxes = *c >= 3;
    }
    p
}

/// Asks the terminal (standard input and output must be it). Raw mode is
/// set for the question and put back after.
pub fn ask(ask_encoding: bool, alt_screen: bool) -> Probed {
    use std::io::Write;
    // SAFETY: termios calls on standard input with locals of the right type.
    let saved = unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(libc::STDIN_FILENO, &mut t) != 0 {
            return Probed::default();
        }
        let mut raw = t;
        libc::cfmakeraw(&mut raw);
        libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &raw);
        t
    };
    // On the alternate screen where there is one (nothing shows after).
    let mut question = String::from(if alt_screen { "\x1b[?1049h\x1b[H" } else { "\r" });
    if ask_encoding {
        question.push_str("中文\x1b[6n\r");
    }
    question.push_str("─\x1b[6n\r\x1b[2K");
    let mut out = std::io::stdout();
    let _ = out.write_all(question.as_bytes()).and_then(|()| out.flush());
    let wanted = 1 + usize::from(ask_encoding);
    let mut reply = Vec::new();
    let start = Instant::now();
    while columns(&reply).len() < wanted {
        let Some(left) = WAIT.checked_sub(start.elapsed()) else { break };
        let mut fd = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
        // SAFETY: one pollfd, then a read into a local buffer.
        let ready = unsafe { libc::poll(&mut fd, 1, left.as_millis().max(1) as libc::c_int) };
        if ready <= 0 {
            break;
        }
        let mut buf = [0u8; 256];
        let n = unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
        match usize::try_from(n) {
            Ok(n) if n > 0 => reply.extend_from_slice(&buf[..n]),
            _ => break,
        }
    }
    // SAFETY: as above.
    unsafe {
        libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &saved);
    }
    let cols = columns(&reply);
    // Only both answers (or the one asked) say anything.
    if cols.len() < wanted {
        return Probed::default();
    }
    read(&cols, ask_encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_as_columns() {
        assert_eq!(columns(b"\x1b[1;5R\x1b[1;2R"), vec![5, 2]);
        assert_eq!(columns(b"junk\x1b[12;7R"), vec![7]);
        assert!(columns(b"").is_empty());
    }

    #[test]
    fn utf8_gbk_and_wide_boxes_are_told_apart() {
        let p = |encoding, wide_boxes| Probed { encoding, wide_boxes, answered: true };
        assert_eq!(read(&[5, 2], true), p(Some(Encoding::Utf8), false));
        assert_eq!(read(&[5, 3], true), p(Some(Encoding::Utf8), true));
        assert_eq!(read(&[7, 3], true), p(Some(Encoding::Gb18030), false));
        assert_eq!(read(&[3], false), p(None, true));
        // Neither UTF-8 nor GBK: a terminal that cannot show Chinese.
        assert_eq!(read(&[9, 2], true), p(None, false));
        assert!(!read(&[], true).answered);
    }
}
