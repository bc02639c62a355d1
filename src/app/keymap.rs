//! Key bindings as data: one table per mode. The footer and the help screen
//! are built from these same tables.

use super::action::Action;
use crate::domain::model::Rating;
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
    Quarter,
    /// 考评: one member's quarter, explained.
    QuarterMember,
    /// 考评: the year view.
    QuarterYear,
    /// 考评: 民意测评, one key per rating.
    Ratings,
    /// 台账: a village's red and black lists for a month.
    Ledger,
    /// 台账: a village's meetings and activities of a year.
    Events,
    /// 台账: each member's year (年终).
    YearSummary,
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
        Mode::Quarter,
        Mode::QuarterMember,
        Mode::QuarterYear,
        Mode::Ratings,
        Mode::Ledger,
        Mode::Events,
        Mode::YearSummary,
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
            Mode::Quarter => "mode.quarter",
            Mode::QuarterMember => "mode.quarter_member",
            Mode::QuarterYear => "mode.quarter_year",
            Mode::Ratings => "mode.ratings",
            Mode::Ledger => "mode.ledger",
            Mode::Events => "mode.events",
            Mode::YearSummary => "mode.year_summary",
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

use Key::{Char, Code, Ctrl};

const MOVE: [Binding; 6] = [
    b(&[Code(KeyCode::Up), Char('k')], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down), Char('j')], Action::Down, "help.down", false),
    b(&[Code(KeyCode::PageUp)], Action::PageUp, "help.page_up", false),
    b(&[Code(KeyCode::PageDown)], Action::PageDown, "help.page_down", false),
    b(&[Code(KeyCode::Home), Char('g')], Action::Home, "help.home", false),
    b(&[Code(KeyCode::End), Char('G')], Action::End, "help.end", false),
];

const TABS: [Binding; 9] = [
    b(&[Code(KeyCode::Tab)], Action::NextTab, "help.next_tab", false),
    b(&[Code(KeyCode::BackTab)], Action::PrevTab, "help.prev_tab", false),
    b(&[Char('1')], Action::GoTab(0), "help.tab1", false),
    b(&[Char('2')], Action::GoTab(1), "help.tab2", false),
    b(&[Char('3')], Action::GoTab(2), "help.tab3", false),
    b(&[Char('4')], Action::GoTab(3), "help.tab4", false),
    b(&[Char('5')], Action::GoTab(4), "help.tab5", false),
    b(&[Char('6')], Action::GoTab(5), "help.tab6", false),
    b(&[Char('7')], Action::GoTab(6), "help.tab7", false),
];

const COMMON_END: [Binding; 2] = [b(&[Char('?')], Action::ShowHelp, "help.help", true), b(&[Char('q')], Action::Quit, "help.quit", true)];

const LIST_OWN: [Binding; 16] = [
    b(&[Char('/')], Action::StartFilter, "help.filter", true),
    b(&[Char('v')], Action::LogVisit, "help.log_visit", true),
    b(&[Char('l')], Action::Link, "help.link", true),
    b(&[Char('a')], Action::Add, "help.add", true),
    b(&[Char('e'), Code(KeyCode::Enter)], Action::Edit, "help.edit", true),
    b(&[Char('x')], Action::Archive, "help.archive", false),
    b(&[Char('u')], Action::Unlink, "help.unlink", false),
    b(&[Char('L')], Action::SetLeader, "help.set_leader", false),
    b(&[Char('c')], Action::ShowCoverage, "help.coverage", false),
    b(&[Char('S')], Action::Suggest, "help.suggest", false),
    b(&[Char('C')], Action::WriteCards, "help.cards", false),
    b(&[Char('H')], Action::ShowHistory, "help.history", false),
    b(&[Char('s')], Action::CycleSort, "help.sort", true),
    b(&[Char('d')], Action::ToggleDetail, "help.detail", true),
    b(&[Char('h')], Action::ToggleArchived, "help.show_archived", false),
    b(&[Char('i')], Action::OpenImport, "help.import", false),
];

const TODAY_OWN: [Binding; 4] = [
    b(&[Char('v'), Code(KeyCode::Enter)], Action::LogVisit, "help.log_visit", true),
    b(&[Char('/')], Action::StartFilter, "help.filter_due", true),
    b(&[Char('c')], Action::ShowCoverage, "help.coverage", true),
    b(&[Char('S')], Action::Suggest, "help.suggest", true),
];

const PICKER: [Binding; 9] = [
    b(&[Code(KeyCode::Enter)], Action::FinishPick, "help.pick_done", true),
    b(&[Char(' ')], Action::TogglePick, "help.pick_toggle", true),
    b(&[Ctrl('a')], Action::TogglePickAll, "help.pick_all", true),
    b(&[Code(KeyCode::Esc)], Action::Cancel, "help.cancel", true),
    b(&[Code(KeyCode::Up)], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down)], Action::Down, "help.down", false),
    b(&[Code(KeyCode::PageUp)], Action::PageUp, "help.page_up", false),
    b(&[Code(KeyCode::PageDown)], Action::PageDown, "help.page_down", false),
    b(&[Ctrl('q')], Action::Quit, "help.quit", false),
];

const CONFLICT: [Binding; 7] = [
    b(&[Char(' ')], Action::TogglePick, "help.conflict_toggle", true),
    b(&[Char('m')], Action::KeepMine, "help.keep_mine", true),
    b(&[Char('t')], Action::TakeTheirs, "help.take_theirs", true),
    b(&[Code(KeyCode::Enter), Ctrl('s')], Action::Save, "help.save_merge", true),
    b(&[Code(KeyCode::Esc)], Action::Cancel, "help.back_to_form", true),
    b(&[Code(KeyCode::Up)], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down)], Action::Down, "help.down", false),
];

const COVERAGE: [Binding; 2] = [
    b(&[Char('S')], Action::Suggest, "help.suggest", true),
    b(&[Code(KeyCode::Esc), Char('q'), Char('c')], Action::Close, "help.close", true),
];

const LOG_OWN: [Binding; 3] = [
    b(&[Char('/')], Action::StartFilter, "help.filter", true),
    b(&[Char('f')], Action::OpenVisitFilter, "help.visit_filter", true),
    b(&[Char('e'), Code(KeyCode::Enter)], Action::Edit, "help.edit_visit", true),
];

const CONCERNS_OWN: [Binding; 3] = [
    b(&[Char('n'), Code(KeyCode::Enter)], Action::NextStep, "help.next_step", true),
    b(&[Char('/')], Action::StartFilter, "help.filter", true),
    b(&[Char('s')], Action::CycleShow, "help.cycle_show", true),
];

const QUARTER_OWN: [Binding; 7] = [
    b(&[Code(KeyCode::Enter)], Action::ShowDetail, "help.score_detail", true),
    b(&[Char('r')], Action::OpenRatings, "help.ratings", true),
    b(&[Char('a')], Action::AddAdjustment, "help.add_adjustment", true),
    b(&[Char('y')], Action::ShowYear, "help.year", true),
    b(&[Char('F')], Action::Finalize, "help.finalize", true),
    b(&[Char('O')], Action::Reopen, "help.reopen", false),
    b(&[Char('b')], Action::WriteBoard, "help.write_board", true),
];

/// Quarter and village pickers, shared by the 考评 panes.
const PICK: [Binding; 4] = [
    b(&[Char('[')], Action::PrevQuarter, "help.prev_quarter", false),
    b(&[Char(']')], Action::NextQuarter, "help.next_quarter", false),
    b(&[Char('v')], Action::NextVillage, "help.next_village", false),
    b(&[Char('V')], Action::PrevVillage, "help.prev_village", false),
];

const LEDGER_OWN: [Binding; 7] = [
    b(&[Char('p')], Action::Propose, "help.propose", true),
    b(&[Char('c')], Action::ConfirmEntry, "help.confirm_entry", true),
    b(&[Char('x')], Action::DropEntry, "help.drop_entry", true),
    b(&[Char('b')], Action::WriteBoard, "help.write_redblack", true),
    b(&[Char('N')], Action::ToggleFullNames, "help.full_names", false),
    b(&[Char('[')], Action::PrevMonth, "help.prev_month", false),
    b(&[Char(']')], Action::NextMonth, "help.next_month", false),
];

const EVENTS_OWN: [Binding; 4] = [
    b(&[Char('a')], Action::Add, "help.add_event", true),
    b(&[Char('e'), Code(KeyCode::Enter)], Action::Edit, "help.edit_event", true),
    b(&[Char('t')], Action::Attendees, "help.attendees", true),
    b(&[Char('o')], Action::OpenConcern, "help.open_concern", true),
];

const YEAR_SUMMARY_OWN: [Binding; 4] = [
    b(&[Char('r')], Action::Duties, "help.duties", true),
    b(&[Char('w')], Action::Wechat, "help.wechat", true),
    b(&[Char('E')], Action::Appraise, "help.appraise", true),
    b(&[Char('b')], Action::WriteBoard, "help.write_summary", true),
];

const BINS_OWN: [Binding; 3] = [
    b(&[Char('a')], Action::Add, "help.add_bin", true),
    b(&[Char('e'), Code(KeyCode::Enter)], Action::Edit, "help.edit_bin", true),
    b(&[Char('d')], Action::LogDuty, "help.log_duty", true),
];

const UNITS_OWN: [Binding; 4] = [
    b(&[Char('a')], Action::Add, "help.register", true),
    b(&[Char('e'), Code(KeyCode::Enter)], Action::Edit, "help.edit_registration", true),
    b(&[Char('r')], Action::Review, "help.review", true),
    b(&[Char('b')], Action::WriteBoard, "help.write_units", true),
];

const YEARS: [Binding; 2] =
    [b(&[Char('[')], Action::PrevYear, "help.prev_year", false), b(&[Char(']')], Action::NextYear, "help.next_year", false)];

/// The village picker and the 台账 panes, shared by the panes.
const LEDGER_SHARED: [Binding; 7] = [
    b(&[Char('v')], Action::NextVillage, "help.next_village", false),
    b(&[Char('V')], Action::PrevVillage, "help.prev_village", false),
    b(&[Char('R')], Action::ShowRedBlack, "help.show_redblack", false),
    b(&[Char('M')], Action::ShowEvents, "help.show_events", false),
    b(&[Char('Y')], Action::ShowYearSummary, "help.show_year_summary", false),
    b(&[Char('D')], Action::ShowBins, "help.show_bins", false),
    b(&[Char('U')], Action::ShowUnits, "help.show_units", false),
];

const QUARTER_MEMBER_OWN: [Binding; 2] =
    [b(&[Code(KeyCode::Esc)], Action::Back, "help.back", true), b(&[Char('a')], Action::AddAdjustment, "help.add_adjustment", true)];

const QUARTER_YEAR_OWN: [Binding; 1] = [b(&[Code(KeyCode::Esc), Char('y')], Action::Back, "help.back", true)];

const RATINGS_OWN: [Binding; 5] = [
    b(&[Char('1')], Action::Rate(Some(Rating::Satisfied)), "help.rate_satisfied", true),
    b(&[Char('2')], Action::Rate(Some(Rating::Basic)), "help.rate_basic", true),
    b(&[Char('3')], Action::Rate(Some(Rating::Unsatisfied)), "help.rate_unsatisfied", true),
    b(&[Char('0'), Code(KeyCode::Delete)], Action::Rate(None), "help.rate_clear", true),
    b(&[Code(KeyCode::Esc)], Action::Back, "help.back", true),
];

const FILTER: [Binding; 4] = [
    b(&[Code(KeyCode::Enter)], Action::FinishFilter, "help.filter_done", true),
    b(&[Code(KeyCode::Esc)], Action::ClearFilter, "help.filter_clear", true),
    b(&[Code(KeyCode::Up)], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down)], Action::Down, "help.down", false),
];

const FORM: [Binding; 7] = [
    b(&[Ctrl('s')], Action::Save, "help.save", true),
    b(&[Code(KeyCode::Esc)], Action::Cancel, "help.cancel", true),
    b(&[Code(KeyCode::Tab), Code(KeyCode::Enter), Code(KeyCode::Down)], Action::NextField, "help.next_field", true),
    b(&[Code(KeyCode::BackTab), Code(KeyCode::Up)], Action::PrevField, "help.prev_field", true),
    b(
        &[Code(KeyCode::Left), Code(KeyCode::Right), Char(' ')],
        Action::Key(KeyEvent::new(KeyCode::Null, KeyModifiers::NONE)),
        "help.choice",
        true,
    ),
    b(&[Ctrl('c')], Action::Cancel, "help.cancel", false),
    b(&[Ctrl('q')], Action::Quit, "help.quit", false),
];

const CONFIRM: [Binding; 2] = [
    b(&[Char('y'), Code(KeyCode::Enter)], Action::Yes, "help.yes", true),
    b(&[Char('n'), Code(KeyCode::Esc)], Action::No, "help.no", true),
];

const HELP: [Binding; 7] = [
    b(&[Code(KeyCode::Esc), Char('?'), Char('q')], Action::Close, "help.close", true),
    b(&[Code(KeyCode::Up), Char('k')], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down), Char('j')], Action::Down, "help.down", false),
    b(&[Code(KeyCode::PageUp)], Action::PageUp, "help.page_up", false),
    b(&[Code(KeyCode::PageDown), Char(' ')], Action::PageDown, "help.page_down", false),
    b(&[Code(KeyCode::Home), Char('g')], Action::Home, "help.home", false),
    b(&[Code(KeyCode::End), Char('G')], Action::End, "help.end", false),
];

/// An import's preview: what was understood and what would be written.
const PREVIEW: [Binding; 6] = [
    b(&[Code(KeyCode::Enter)], Action::RunImport, "help.run_import", true),
    b(&[Code(KeyCode::Esc), Char('q')], Action::Close, "help.leave_import", true),
    b(&[Code(KeyCode::Up), Char('k')], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down), Char('j')], Action::Down, "help.down", false),
    b(&[Code(KeyCode::PageUp)], Action::PageUp, "help.page_up", false),
    b(&[Code(KeyCode::PageDown), Char(' ')], Action::PageDown, "help.page_down", false),
];

const WELCOME: [Binding; 4] = [
    b(&[Char('d')], Action::LoadDemo, "help.load_demo", true),
    b(&[Char('i')], Action::OpenImport, "help.import", true),
    b(&[Char('a')], Action::Add, "help.start_adding", true),
    b(&[Code(KeyCode::Esc), Char('q')], Action::Close, "help.close", true),
];

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
        Mode::Today
        | Mode::Log
        | Mode::Concerns
        | Mode::Quarter
        | Mode::Ledger
        | Mode::Events
        | Mode::YearSummary
        | Mode::Bins
        | Mode::Units => {
            match mode {
                Mode::Today => out.extend(TODAY_OWN),
                Mode::Ledger => {
                    out.extend(LEDGER_OWN);
                    out.extend(LEDGER_SHARED);
                }
                Mode::Events | Mode::YearSummary | Mode::Bins | Mode::Units => {
                    match mode {
                        Mode::Events => out.extend(EVENTS_OWN),
                        Mode::Bins => out.extend(BINS_OWN),
                        Mode::Units => out.extend(UNITS_OWN),
                        _ => out.extend(YEAR_SUMMARY_OWN),
                    }
                    out.extend(YEARS);
                    out.extend(LEDGER_SHARED);
                }
                Mode::Log => out.extend(LOG_OWN),
                Mode::Concerns => out.extend(CONCERNS_OWN),
                _ => {
                    out.extend(QUARTER_OWN);
                    out.extend(PICK);
                }
            }
            out.extend(MOVE);
            out.extend(TABS);
            out.extend(COMMON_END);
        }
        Mode::QuarterMember | Mode::QuarterYear => {
            if mode == Mode::QuarterMember {
                out.extend(QUARTER_MEMBER_OWN);
            } else {
                out.extend(QUARTER_YEAR_OWN);
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
