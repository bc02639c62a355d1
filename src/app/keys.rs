//! A mode's whole key table: a tab pane's own keys (from its module), then
//! moving, the tabs, help and quit; or an overlay's. The footer and the `?`
//! help are built from these same tables, and a key is looked up in them.

use super::action::Action;
use super::keymap::tables::*;
use super::keymap::{Binding, Mode};
use crossterm::event::KeyEvent;

/// The table of a mode, in the order the help shows it.
pub fn table(mode: Mode) -> Vec<Binding> {
    let overlay: &[Binding] = match mode {
        Mode::Filter => &FILTER,
        Mode::Form => &FORM,
        Mode::Pick => &PICKER,
        Mode::Coverage => &COVERAGE,
        Mode::Conflict => &CONFLICT,
        Mode::Confirm => &CONFIRM,
        Mode::Help => &HELP,
        Mode::Preview => &PREVIEW,
        Mode::Welcome => &WELCOME,
        _ => &[],
    };
    if !overlay.is_empty() {
        return overlay.to_vec();
    }
    let mut out = super::tabs::keys(mode);
    out.extend(MOVE);
    // In the 民意测评 walk the digits rate, so tabs switch by Tab only.
    let tabs = if mode == Mode::Ratings { &TABS[..2] } else { &TABS[..] };
    out.extend(tabs.iter().cloned());
    out.extend(COMMON_END);
    out
}

/// The action for a key in a mode. Keys no table binds go to the focused
/// input in modes that have one.
pub fn lookup(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    let found = table(mode).into_iter().find(|b| b.keys.iter().any(|k| k.matches(ev))).map(|b| b.action);
    match (found, mode) {
        // The choice keys are documented in the table but belong to the field.
        (Some(Action::Key(_)), _) => Some(Action::Key(*ev)),
        (Some(a), _) => Some(a),
        (None, Mode::Filter | Mode::Form | Mode::Pick) => Some(Action::Key(*ev)),
        (None, _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::action::TabAction;
    use crate::app::keymap::Key;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn lists_bind_tabs_filter_and_quit() {
        assert_eq!(lookup(Mode::Households, &key('3')), Some(Action::GoTab(3)));
        assert_eq!(lookup(Mode::Households, &key('/')), Some(Action::StartFilter));
        assert_eq!(lookup(Mode::Households, &key('q')), Some(Action::Quit));
        assert_eq!(lookup(Mode::Households, &key('z')), None);
    }

    #[test]
    fn a_tab_lists_only_the_keys_that_do_something_there() {
        // L sets a member's patch leader: on 党员, not on 住户; u ends a
        // household's link: on 住户, not on 党员.
        assert_eq!(lookup(Mode::Members, &key('L')), Some(Action::Tab(TabAction::SetLeader)));
        assert_eq!(lookup(Mode::Households, &key('L')), None);
        assert_eq!(lookup(Mode::Households, &key('u')), Some(Action::Tab(TabAction::Unlink)));
        assert_eq!(lookup(Mode::Members, &key('u')), None);
    }

    #[test]
    fn forms_save_with_ctrl_s_and_pass_other_keys_to_the_field() {
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Mode::Form, &ctrl_s), Some(Action::Save));
        assert_eq!(lookup(Mode::Form, &key('q')), Some(Action::Key(key('q'))));
        assert_eq!(lookup(Mode::Form, &key(' ')), Some(Action::Key(key(' '))));
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in Mode::ALL {
            let t = table(*mode);
            let mut seen: Vec<Key> = Vec::new();
            for b in &t {
                for k in b.keys {
                    assert!(!seen.contains(k), "{mode:?}: {k:?} bound twice");
                    seen.push(*k);
                }
            }
            assert!(t.iter().any(|b| b.footer), "{mode:?} has no footer entries");
        }
    }
}
