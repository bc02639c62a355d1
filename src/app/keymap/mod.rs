//! Key bindings as data: what a key is, a binding, the modes, and the
//! frame's own tables. `app::keys` puts a mode's table together (a tab's
//! own keys come from its module); the footer and help are built from it.

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

    /// How the key is written in the footer and help (`ascii`: arrows as
    /// words).
    pub fn label(self, ascii: bool) -> String {
        match (self, ascii) {
            (Key::Code(KeyCode::Up), true) => return "Up".into(),
            (Key::Code(KeyCode::Down), true) => return "Down".into(),
            (Key::Code(KeyCode::Left), true) => return "Left".into(),
            (Key::Code(KeyCode::Right), true) => return "Right".into(),
            _ => {}
        }
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

pub const fn b(keys: &'static [Key], action: Action, help: &'static str, footer: bool) -> Binding {
    Binding { keys, action, help, footer }
}

/// The modes, each with its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// 住户: the households.
    Households,
    /// 党员: the members.
    Members,
    /// 今日: the due list.
    Today,
    /// 今日: whom to remind, by member.
    TodayMembers,
    /// 走访: the visit log.
    Visits,
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
    /// 总览: the villages and the township.
    Overview,
    /// 台账: a village's red and black lists for a month.
    RedBlack,
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
        Mode::Households,
        Mode::Members,
        Mode::Overview,
        Mode::Today,
        Mode::TodayMembers,
        Mode::Visits,
        Mode::Concerns,
        Mode::Scores,
        Mode::ScoresMember,
        Mode::ScoresYear,
        Mode::Ratings,
        Mode::RedBlack,
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
            Mode::Households => "mode.households",
            Mode::Members => "mode.members",
            Mode::Overview => "mode.overview",
            Mode::Today => "mode.today",
            Mode::TodayMembers => "mode.today_members",
            Mode::Visits => "mode.visits",
            Mode::Concerns => "mode.concerns",
            Mode::Scores => "mode.scores",
            Mode::ScoresMember => "mode.scores_member",
            Mode::ScoresYear => "mode.scores_year",
            Mode::Ratings => "mode.ratings",
            Mode::RedBlack => "mode.redblack",
            Mode::Meetings => "mode.meetings",
            Mode::Year => "mode.year",
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

pub mod tables;
