//! One line of typing with a caret, as in a shell: the quick filters and a
//! picker's filter. Ctrl-U clears to the start, Ctrl-W deletes the word
//! before the caret, Ctrl-A / Home and Ctrl-E / End move to the ends, ←/→
//! move by a character; no control key is ever typed as a letter.

use crate::domain::text;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Applies `ev` to `line` with the caret at char index `caret`; returns
/// whether the text changed.
pub fn edit(line: &mut String, caret: &mut usize, ev: &KeyEvent) -> bool {
    let n = line.chars().count();
    *caret = (*caret).min(n);
    let at = |line: &String, i: usize| line.char_indices().nth(i).map_or(line.len(), |(b, _)| b);
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match ev.code {
        KeyCode::Char('u') if ctrl => {
            let cut = at(line, *caret);
            line.replace_range(..cut, "");
            *caret = 0;
            cut > 0
        }
        KeyCode::Char('w') if ctrl => {
            let chars: Vec<char> = line.chars().collect();
            let mut start = *caret;
            while start > 0 && chars[start - 1] == ' ' {
                start -= 1;
            }
            while start > 0 && chars[start - 1] != ' ' {
                start -= 1;
            }
            let (a, b) = (at(line, start), at(line, *caret));
            line.replace_range(a..b, "");
            let changed = start != *caret;
            *caret = start;
            changed
        }
        KeyCode::Char('a') if ctrl => {
            *caret = 0;
            false
        }
        KeyCode::Char('e') if ctrl => {
            *caret = n;
            false
        }
        KeyCode::Home => {
            *caret = 0;
            false
        }
        KeyCode::End => {
            *caret = n;
            false
        }
        KeyCode::Left => {
            *caret = caret.saturating_sub(1);
            false
        }
        KeyCode::Right => {
            *caret = (*caret + 1).min(n);
            false
        }
        KeyCode::Backspace if *caret > 0 => {
            let (a, b) = (at(line, *caret - 1), at(line, *caret));
            line.replace_range(a..b, "");
            *caret -= 1;
            true
        }
        KeyCode::Delete if *caret < n => {
            let (a, b) = (at(line, *caret), at(line, *caret + 1));
            line.replace_range(a..b, "");
            true
        }
        KeyCode::Char(c) if !ctrl && !ev.modifiers.contains(KeyModifiers::ALT) && !text::is_forbidden(c) => {
            let b = at(line, *caret);
            line.insert(b, c);
            *caret += 1;
            true
        }
        _ => false,
    }
}

/// Pasted text at the caret, cleaned of control and bidi characters.
pub fn paste(line: &mut String, caret: &mut usize, pasted: &str) -> bool {
    let clean = text::clean(pasted);
    let b = line.char_indices().nth(*caret).map_or(line.len(), |(b, _)| b);
    line.insert_str(b, &clean);
    *caret += clean.chars().count();
    !clean.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    fn typed(keys: &[KeyEvent]) -> (String, usize) {
        let (mut line, mut caret) = (String::new(), 0);
        for k in keys {
            edit(&mut line, &mut caret, k);
        }
        (line, caret)
    }

    #[test]
    fn control_keys_edit_as_in_a_shell_and_are_never_typed() {
        let c = |ch| key(KeyCode::Char(ch), KeyModifiers::NONE);
        let ctrl = |ch| key(KeyCode::Char(ch), KeyModifiers::CONTROL);
        assert_eq!(typed(&[c('h'), c('k'), c('c'), c(' '), c('z'), c('w'), ctrl('w')]), ("hkc ".into(), 4));
        assert_eq!(typed(&[c('z'), c('w'), ctrl('u')]), (String::new(), 0));
        assert_eq!(typed(&[c('w'), ctrl('a'), c('z')]), ("zw".into(), 1), "Ctrl-A goes home; the next letter goes first");
        assert_eq!(
            typed(&[c('张'), c('三'), key(KeyCode::Left, KeyModifiers::NONE), key(KeyCode::Backspace, KeyModifiers::NONE)]),
            ("三".into(), 0)
        );
        assert_eq!(typed(&[ctrl('x'), key(KeyCode::Char('q'), KeyModifiers::ALT)]), (String::new(), 0));
    }
}
