//! Thinning a frame's bytes before they go out: ratatui moves the cursor
//! before every cell that does not follow the previous one by exactly one
//! column, so each wide (CJK) character costs a cursor move although the
//! terminal's cursor is already there. This drops every cursor position
//! (`ESC [ row ; col H`) that names where the cursor already is, tracking
//! it through the text by display width. Nothing else is touched.

use unicode_width::UnicodeWidthChar;

/// `frame` without the cursor moves that go nowhere.
pub fn thin(frame: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(frame.len());
    // The cursor (row, column), 1-based; unknown until the first move.
    let mut at: Option<(u32, u32)> = None;
    let mut i = 0;
    while i < frame.len() {
        let b = frame[i];
        if b == 0x1b && frame.get(i + 1) == Some(&b'[') {
            // A CSI sequence: parameters, then one final byte in 0x40..=0x7e.
            let mut j = i + 2;
            while j < frame.len() && !(0x40..=0x7e).contains(&frame[j]) {
                j += 1;
            }
            let Some(&fin) = frame.get(j) else {
                out.extend_from_slice(&frame[i..]);
                break;
            };
            let seq = &frame[i..=j];
            if fin == b'H' {
                let target = position(&frame[i + 2..j]);
                if target.is_some() && target == at {
                    i = j + 1;
                    continue;
                }
                at = target;
            } else if fin != b'm' && !frame[i + 2..j].starts_with(b"?") {
                at = None; // any other movement: stop tracking
            }
            out.extend_from_slice(seq);
            i = j + 1;
            continue;
        }
        if b < 0x20 || b == 0x7f {
            at = None;
            out.push(b);
            i += 1;
            continue;
        }
        // One UTF-8 character: advance by its display width.
        let len = match b {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        let end = (i + len).min(frame.len());
        let w = std::str::from_utf8(&frame[i..end]).ok().and_then(|s| s.chars().next()).and_then(UnicodeWidthChar::width).unwrap_or(1);
        if let Some((_, col)) = at.as_mut() {
            *col += w as u32;
        }
        out.extend_from_slice(&frame[i..end]);
        i = end;
    }
    out
}

/// `row;col` of a cursor position (both default to 1).
fn position(params: &[u8]) -> Option<(u32, u32)> {
    let text = std::str::from_utf8(params).ok()?;
    let mut parts = text.split(';');
    let num = |p: Option<&str>| -> Option<u32> {
        match p {
            None | Some("") => Some(1),
            Some(s) => s.parse().ok(),
        }
    };
    Some((num(parts.next())?, num(parts.next())?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_after_wide_characters_go_and_real_moves_stay() {
        let frame = "\x1b[5;2H  东\x1b[5;6H阳\x1b[5;8H村\x1b[6;2H\x1b[38;5;0m▶ 东\x1b[6;6H阳\x1b[6;9Hx\x1b[?25l";
        let thin = String::from_utf8(thin(frame.as_bytes())).unwrap();
        assert_eq!(thin, "\x1b[5;2H  东阳村\x1b[6;2H\x1b[38;5;0m▶ 东阳\x1b[6;9Hx\x1b[?25l");
    }

    #[test]
    fn a_screen_drawn_through_the_thinned_bytes_is_the_same() {
        // Feed both to a terminal emulator and compare the screens.
        let frame = "\x1b[1;1H标题\x1b[1;5H：\x1b[1;7Habc\x1b[2;1H\x1b[1m第\x1b[2;3H二\x1b[22m行\x1b[2;4Hz";
        let screen = |bytes: &[u8]| {
            let mut p = vt100::Parser::new(std::num::NonZeroU16::new(3).unwrap(), std::num::NonZeroU16::new(20).unwrap(), 0);
            p.process(bytes);
            p.screen().contents()
        };
        let thinned = thin(frame.as_bytes());
        assert!(thinned.len() < frame.len());
        assert_eq!(screen(&thinned), screen(frame.as_bytes()));
    }
}
