//! What `TERM`'s terminfo entry says the terminal has, read from the
//! compiled entry itself (never from a list of names): the alternate
//! screen (`smcup`) and erasing characters in place (`ech`). The Linux
//! console has no alternate screen; a vt100 has neither. A terminal whose
//! entry cannot be found is taken to be like xterm, as nearly all are.

use std::path::PathBuf;

/// The capabilities the app's output depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// The alternate screen; also taken to mean the terminal is new enough
    /// for synchronized updates (which older ones may print as text).
    pub alt_screen: bool,
    /// `CSI n X`, erasing n cells (else spaces are written).
    pub ech: bool,
}

impl Caps {
    pub const FULL: Caps = Caps { alt_screen: true, ech: true };
}

/// Indexes of the string capabilities in a compiled entry (term.h).
const SMCUP: usize = 28;
const ECH: usize = 37;
/// Entries are a few KB; nothing larger is read.
const MAX: u64 = 64 * 1024;

/// Where the entry of `term` may be, in ncurses' order.
fn candidates(term: &str) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Ok(d) = std::env::var("TERMINFO") {
        dirs.push(d.into());
    }
    if let Ok(home) = std::env::var("HOME") {
        dirs.push(PathBuf::from(home).join(".terminfo"));
    }
    if let Ok(list) = std::env::var("TERMINFO_DIRS") {
        dirs.extend(list.split(':').filter(|d| !d.is_empty()).map(PathBuf::from));
    }
    dirs.extend(["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"].map(PathBuf::from));
    let Some(first) = term.chars().next() else { return Vec::new() };
    dirs.into_iter().flat_map(|d| [d.join(first.to_string()).join(term), d.join(format!("{:x}", first as u32)).join(term)]).collect()
}

/// The capabilities of `term`'s entry (FULL when none is found or it
/// cannot be read).
pub fn caps(term: &str) -> Caps {
    if term.contains('/') || term.contains("..") {
        return Caps::FULL;
    }
    for path in candidates(term) {
        use std::io::Read;
        let Ok(file) = std::fs::File::open(&path) else { continue };
        let mut bytes = Vec::new();
        if file.take(MAX).read_to_end(&mut bytes).is_ok()
            && let Some(c) = parse(&bytes)
        {
            return c;
        }
    }
    Caps::FULL
}

/// Reads a compiled entry (legacy or 32-bit-number format).
pub fn parse(b: &[u8]) -> Option<Caps> {
    let word = |i: usize| -> Option<i32> { Some(i32::from(i16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]))) };
    let number_size = match word(0)? {
        0o432 => 2,
        0o1036 => 4,
        _ => return None,
    };
    let count = |i: usize| word(i).and_then(|n| usize::try_from(n).ok());
    let (names, bools, nums, strings) = (count(2)?, count(4)?, count(6)?, count(8)?);
    let mut at = 12 + names + bools;
    if at % 2 == 1 {
        at += 1;
    }
    at += nums * number_size;
    let has = |index: usize| index < strings && word(at + 2 * index).is_some_and(|off| off >= 0);
    Some(Caps { alt_screen: has(SMCUP), ech: has(ECH) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_systems_entries_say_what_infocmp_says() {
        // Where the entries are installed (Debian's ncurses-base): xterm has
        // both, the Linux console no alternate screen, a vt100 neither.
        if candidates("vt100").iter().any(|p| p.exists()) {
            assert_eq!(caps("vt100"), Caps { alt_screen: false, ech: false });
            assert_eq!(caps("linux"), Caps { alt_screen: false, ech: true });
            assert_eq!(caps("xterm"), Caps::FULL);
        }
        assert_eq!(caps("no-such-terminal"), Caps::FULL);
        assert_eq!(caps("../etc/passwd"), Caps::FULL);
    }

    #[test]
    fn a_broken_entry_is_not_read() {
        assert_eq!(parse(b""), None);
        assert_eq!(parse(&[0x1a, 0x01, 0xff]), None);
        assert_eq!(parse(b"not terminfo at all"), None);
    }
}
