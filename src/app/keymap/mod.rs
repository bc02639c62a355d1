//! Key bindings as data: one table per mode. The footer and the help screen
//! are built from these same tables.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as written in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

impl Key {
    /// Whether `ev` is this key, modifiers and all: a letter with Shift
    /// alone (capitals), Ctrl-letter with Ctrl alone, a named key with no
    /// modifier but Shift (terminals add it to S-Tab). Alt-q is not q.
    pub fn matches(self, ev: &KeyEvent) -> bool {
        let m = ev.modifiers;
        let only_shift = (m - KeyModifiers::SHIFT).is_empty();
        match self {
            Key::Char(c) => only_shift && ev.code == KeyCode::Char(c),
            Key::Ctrl(c) => {
                (m - KeyModifiers::SHIFT) == KeyModifiers::CONTROL && matches!(ev.code, KeyCode::Char(x) if x.eq_ignore_ascii_case(&c))
            }
            Key::Code(code) => only_shift && ev.code == code,
        }
    }

    /// How the key is written in the footer and help.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Code(KeyCode::Tab) => "Tab".into(),
            Key::Code(KeyCode::BackTab) => "S-Tab".into(),
            Key::Code(KeyCode::Enter) => "Enter".into(),
            Key::Code(KeyCode::Esc) => "Esc".into(),
            Key::Code(KeyCode::Up) => "↑".into(),
            Key::Code(KeyCode::Down) => "↓".into(),
            Key::Code(KeyCode::Left) => "←".into(),
            Key::Code(KeyCode::Right) => "→".into(),
            Key::Code(KeyCode::PageUp) => "PgUp".into(),
            Key::Code(KeyCode::PageDown) => "PgDn".into(),
            Key::Code(KeyCode::Home) => "Home".into(),
            Key::Code(KeyCode::End) => "End".into(),
            Key::Code(other) => format!("{other:?}"),
        }
    }
}

/// One binding: keys, the action, its help text (i18n key), and whether the
/// footer shows it.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    pub footer: bool,
}

const fn b(keys: &'static [Key], action: Action, help: &'static str, footer: bool) -> Binding {
    Binding { keys, action, help, footer }
}

/// The modes, each with its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Households and members: lists that can be edited.
    List,
    /// 今日: the due list.
    Today,
    /// 走访: the visit log.
    Log,
    /// 问题: concerns passed up.
    Concerns,
    /// 考评: a village's quarter ranking.
    Scores,
    /// 考评: one member's quarter, explained.
    ScoresMember,
    /// 考评: the year view.
    ScoresYear,
    /// 考评: 民意测评, one key per rating.
    Ratings,
    /// 台账: a village's red and black lists for a month.
    Ledger,
    /// 台账: a village's meetings and activities of a year.
    Meetings,
    /// 台账: each member's year (年终).
    Year,
    /// 台账: the 党员责任垃圾桶 and duty days (督导).
    Bins,
    /// 台账: 双报到 registrations.
    Units,
    Filter,
    Form,
    /// Picking from a list (filter as you type).
    Pick,
    /// The coverage popup.
    Coverage,
    /// Someone else changed the record: both versions.
    Conflict,
    Confirm,
    Help,
    /// An import shown before it is written (Enter imports, Esc leaves).
    Preview,
    Welcome,
}

impl Mode {
    pub const ALL: &'static [Mode] = &[
        Mode::List,
        Mode::Today,
        Mode::Log,
        Mode::Concerns,
        Mode::Scores,
        Mode::ScoresMember,
        Mode::ScoresYear,
        Mode::Ratings,
        Mode::Ledger,
        Mode::Meetings,
        Mode::Year,
        Mode::Bins,
        Mode::Units,
        Mode::Filter,
        Mode::Form,
        Mode::Pick,
        Mode::Coverage,
        Mode::Conflict,
        Mode::Confirm,
        Mode::Help,
        Mode::Preview,
        Mode::Welcome,
    ];

    pub fn title_key(self) -> &'static str {
        match self {
            Mode::List => "mode.list",
            Mode::Today => "mode.today",
            Mode::Log => "mode.log",
            Mode::Concerns => "mode.concerns",
            Mode::Scores => "mode.quarter",
            Mode::ScoresMember => "mode.quarter_member",
            Mode::ScoresYear => "mode.quarter_year",
            Mode::Ratings => "mode.ratings",
            Mode::Ledger => "mode.ledger",
            Mode::Meetings => "mode.events",
            Mode::Year => "mode.year_summary",
            Mode::Bins => "mode.bins",
            Mode::Units => "mode.units",
            Mode::Filter => "mode.filter",
            Mode::Form => "mode.form",
            Mode::Pick => "mode.pick",
            Mode::Coverage => "mode.coverage",
            Mode::Conflict => "mode.conflict",
            Mode::Confirm => "mode.confirm",
            Mode::Help => "mode.help",
            Mode::Preview => "mode.preview",
            Mode::Welcome => "mode.welcome",
        }
    }
}

mod tables;
use tables::*;

/// The table of a mode, in the order the help shows it.
pub fn table(mode: Mode) -> Vec<Binding> {
    let mut out = Vec::new();
    match mode {
        Mode::List => {
            out.extend(LIST_OWN);
            out.extend(MOVE);
            out.extend(TABS);
            out.extend(COMMON_END);
        }
        Mode::Today | Mode::Log | Mode::Concerns | Mode::Scores | Mode::Ledger | Mode::Meetings | Mode::Year | Mode::Bins | Mode::Units => {
            match mode {
                Mode::Today => out.extend(TODAY_OWN),
                Mode::Ledger => {
                    out.extend(LEDGER_OWN);
                    out.extend(LEDGER_SHARED);
                }
                Mode::Meetings | Mode::Year | Mode::Bins | Mode::Units => {
                    match mode {
                        Mode::Meetings => out.extend(MEETINGS_OWN),
                        Mode::Bins => out.extend(BINS_OWN),
                        Mode::Units => out.extend(UNITS_OWN),
                        _ => out.extend(YEAR_OWN),
                    }
                    out.extend(YEARS);
                    out.extend(LEDGER_SHARED);
                }
                Mode::Log => out.extend(LOG_OWN),
                Mode::Concerns => out.extend(CONCERNS_OWN),
                _ => {
                    out.extend(SCORES_OWN);
                    out.extend(PICK);
                }
            }
            out.extend(MOVE);
            out.extend(TABS);
            out.extend(COMMON_END);
        }
        Mode::ScoresMember | Mode::ScoresYear => {
            if mode == Mode::ScoresMember {
                out.extend(SCORES_MEMBER_OWN);
            } else {
                out.extend(SCORES_YEAR_OWN);
            }
            out.extend(PICK);
            out.extend(MOVE);
            out.extend(TABS);
            out.extend(COMMON_END);
        }
        Mode::Ratings => {
            // The digits rate here, so tabs switch by Tab only.
            out.extend(RATINGS_OWN);
            out.extend(PICK);
            out.extend(MOVE);
            out.extend(TABS[..2].iter().cloned());
            out.extend(COMMON_END);
        }
        Mode::Filter => out.extend(FILTER),
        Mode::Form => out.extend(FORM),
        Mode::Pick => out.extend(PICKER),
        Mode::Coverage => out.extend(COVERAGE),
        Mode::Conflict => out.extend(CONFLICT),
        Mode::Confirm => out.extend(CONFIRM),
        Mode::Help => out.extend(HELP),
        Mode::Preview => out.extend(PREVIEW),
        Mode::Welcome => out.extend(WELCOME),
    }
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

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn lists_bind_tabs_filter_and_quit() {
        assert_eq!(lookup(Mode::List, &key('3')), Some(Action::GoTab(2)));
        assert_eq!(lookup(Mode::List, &key('/')), Some(Action::StartFilter));
        assert_eq!(lookup(Mode::List, &key('q')), Some(Action::Quit));
        assert_eq!(lookup(Mode::List, &key('z')), None);
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
