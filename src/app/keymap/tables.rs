//! The key tables, one per mode: what each key does there, the i18n key of
//! its help text, and whether the footer shows it. The footer and the `?`
//! help are built from these same tables.

use super::{Binding, Key, b};
use crate::app::action::Action;
use crate::domain::model::Rating;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use Key::{Char, Code, Ctrl};

pub(super) const MOVE: [Binding; 6] = [
    b(&[Code(KeyCode::Up), Char('k')], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down), Char('j')], Action::Down, "help.down", false),
    b(&[Code(KeyCode::PageUp)], Action::PageUp, "help.page_up", false),
    b(&[Code(KeyCode::PageDown)], Action::PageDown, "help.page_down", false),
    b(&[Code(KeyCode::Home), Char('g')], Action::Home, "help.home", false),
    b(&[Code(KeyCode::End), Char('G')], Action::End, "help.end", false),
];

pub(super) const TABS: [Binding; 9] = [
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

pub(super) const COMMON_END: [Binding; 2] =
    [b(&[Char('?')], Action::ShowHelp, "help.help", true), b(&[Char('q')], Action::Quit, "help.quit", true)];

pub(super) const LIST_OWN: [Binding; 16] = [
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

pub(super) const TODAY_OWN: [Binding; 4] = [
    b(&[Char('v'), Code(KeyCode::Enter)], Action::LogVisit, "help.log_visit", true),
    b(&[Char('/')], Action::StartFilter, "help.filter_due", true),
    b(&[Char('c')], Action::ShowCoverage, "help.coverage", true),
    b(&[Char('S')], Action::Suggest, "help.suggest", true),
];

pub(super) const PICKER: [Binding; 9] = [
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

pub(super) const CONFLICT: [Binding; 7] = [
    b(&[Char(' ')], Action::TogglePick, "help.conflict_toggle", true),
    b(&[Char('m')], Action::KeepMine, "help.keep_mine", true),
    b(&[Char('t')], Action::TakeTheirs, "help.take_theirs", true),
    b(&[Code(KeyCode::Enter), Ctrl('s')], Action::Save, "help.save_merge", true),
    b(&[Code(KeyCode::Esc)], Action::Cancel, "help.back_to_form", true),
    b(&[Code(KeyCode::Up)], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down)], Action::Down, "help.down", false),
];

pub(super) const COVERAGE: [Binding; 2] = [
    b(&[Char('S')], Action::Suggest, "help.suggest", true),
    b(&[Code(KeyCode::Esc), Char('q'), Char('c')], Action::Close, "help.close", true),
];

pub(super) const LOG_OWN: [Binding; 3] = [
    b(&[Char('/')], Action::StartFilter, "help.filter", true),
    b(&[Char('f')], Action::OpenVisitFilter, "help.visit_filter", true),
    b(&[Char('e'), Code(KeyCode::Enter)], Action::Edit, "help.edit_visit", true),
];

pub(super) const CONCERNS_OWN: [Binding; 3] = [
    b(&[Char('n'), Code(KeyCode::Enter)], Action::NextStep, "help.next_step", true),
    b(&[Char('/')], Action::StartFilter, "help.filter", true),
    b(&[Char('s')], Action::CycleShow, "help.cycle_show", true),
];

pub(super) const SCORES_OWN: [Binding; 7] = [
    b(&[Code(KeyCode::Enter)], Action::ShowDetail, "help.score_detail", true),
    b(&[Char('r')], Action::OpenRatings, "help.ratings", true),
    b(&[Char('a')], Action::AddAdjustment, "help.add_adjustment", true),
    b(&[Char('y')], Action::ShowYear, "help.year", true),
    b(&[Char('F')], Action::Finalize, "help.finalize", true),
    b(&[Char('O')], Action::Reopen, "help.reopen", false),
    b(&[Char('b')], Action::WriteBoard, "help.write_board", true),
];

/// Quarter and village pickers, shared by the 考评 panes.
pub(super) const PICK: [Binding; 4] = [
    b(&[Char('[')], Action::PrevQuarter, "help.prev_quarter", false),
    b(&[Char(']')], Action::NextQuarter, "help.next_quarter", false),
    b(&[Char('v')], Action::NextVillage, "help.next_village", false),
    b(&[Char('V')], Action::PrevVillage, "help.prev_village", false),
];

pub(super) const LEDGER_OWN: [Binding; 7] = [
    b(&[Char('p')], Action::Propose, "help.propose", true),
    b(&[Char('c')], Action::ConfirmEntry, "help.confirm_entry", true),
    b(&[Char('x')], Action::DropEntry, "help.drop_entry", true),
    b(&[Char('b')], Action::WriteBoard, "help.write_redblack", true),
    b(&[Char('N')], Action::ToggleFullNames, "help.full_names", false),
    b(&[Char('[')], Action::PrevMonth, "help.prev_month", false),
    b(&[Char(']')], Action::NextMonth, "help.next_month", false),
];

pub(super) const MEETINGS_OWN: [Binding; 4] = [
    b(&[Char('a')], Action::Add, "help.add_event", true),
    b(&[Char('e'), Code(KeyCode::Enter)], Action::Edit, "help.edit_event", true),
    b(&[Char('t')], Action::Attendees, "help.attendees", true),
    b(&[Char('o')], Action::OpenConcern, "help.open_concern", true),
];

pub(super) const YEAR_OWN: [Binding; 4] = [
    b(&[Char('r')], Action::Duties, "help.duties", true),
    b(&[Char('w')], Action::Wechat, "help.wechat", true),
    b(&[Char('E')], Action::Appraise, "help.appraise", true),
    b(&[Char('b')], Action::WriteBoard, "help.write_summary", true),
];

pub(super) const BINS_OWN: [Binding; 3] = [
    b(&[Char('a')], Action::Add, "help.add_bin", true),
    b(&[Char('e'), Code(KeyCode::Enter)], Action::Edit, "help.edit_bin", true),
    b(&[Char('d')], Action::LogDuty, "help.log_duty", true),
];

pub(super) const UNITS_OWN: [Binding; 4] = [
    b(&[Char('a')], Action::Add, "help.register", true),
    b(&[Char('e'), Code(KeyCode::Enter)], Action::Edit, "help.edit_registration", true),
    b(&[Char('r')], Action::Review, "help.review", true),
    b(&[Char('b')], Action::WriteBoard, "help.write_units", true),
];

pub(super) const YEARS: [Binding; 2] =
    [b(&[Char('[')], Action::PrevYear, "help.prev_year", false), b(&[Char(']')], Action::NextYear, "help.next_year", false)];

/// The village picker and the 台账 panes, shared by the panes.
pub(super) const LEDGER_SHARED: [Binding; 7] = [
    b(&[Char('v')], Action::NextVillage, "help.next_village", false),
    b(&[Char('V')], Action::PrevVillage, "help.prev_village", false),
    b(&[Char('R')], Action::ShowRedBlack, "help.show_redblack", false),
    b(&[Char('M')], Action::ShowEvents, "help.show_events", false),
    b(&[Char('Y')], Action::ShowYearSummary, "help.show_year_summary", false),
    b(&[Char('D')], Action::ShowBins, "help.show_bins", false),
    b(&[Char('U')], Action::ShowUnits, "help.show_units", false),
];

pub(super) const SCORES_MEMBER_OWN: [Binding; 2] =
    [b(&[Code(KeyCode::Esc)], Action::Back, "help.back", true), b(&[Char('a')], Action::AddAdjustment, "help.add_adjustment", true)];

pub(super) const SCORES_YEAR_OWN: [Binding; 1] = [b(&[Code(KeyCode::Esc), Char('y')], Action::Back, "help.back", true)];

pub(super) const RATINGS_OWN: [Binding; 5] = [
    b(&[Char('1')], Action::Rate(Some(Rating::Satisfied)), "help.rate_satisfied", true),
    b(&[Char('2')], Action::Rate(Some(Rating::Basic)), "help.rate_basic", true),
    b(&[Char('3')], Action::Rate(Some(Rating::Unsatisfied)), "help.rate_unsatisfied", true),
    b(&[Char('0'), Code(KeyCode::Delete)], Action::Rate(None), "help.rate_clear", true),
    b(&[Code(KeyCode::Esc)], Action::Back, "help.back", true),
];

pub(super) const FILTER: [Binding; 4] = [
    b(&[Code(KeyCode::Enter)], Action::FinishFilter, "help.filter_done", true),
    b(&[Code(KeyCode::Esc)], Action::ClearFilter, "help.filter_clear", true),
    b(&[Code(KeyCode::Up)], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down)], Action::Down, "help.down", false),
];

pub(super) const FORM: [Binding; 7] = [
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

pub(super) const CONFIRM: [Binding; 2] = [
    b(&[Char('y'), Code(KeyCode::Enter)], Action::Yes, "help.yes", true),
    b(&[Char('n'), Code(KeyCode::Esc)], Action::No, "help.no", true),
];

pub(super) const HELP: [Binding; 7] = [
    b(&[Code(KeyCode::Esc), Char('?'), Char('q')], Action::Close, "help.close", true),
    b(&[Code(KeyCode::Up), Char('k')], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down), Char('j')], Action::Down, "help.down", false),
    b(&[Code(KeyCode::PageUp)], Action::PageUp, "help.page_up", false),
    b(&[Code(KeyCode::PageDown), Char(' ')], Action::PageDown, "help.page_down", false),
    b(&[Code(KeyCode::Home), Char('g')], Action::Home, "help.home", false),
    b(&[Code(KeyCode::End), Char('G')], Action::End, "help.end", false),
];

/// An import's preview: what was understood and what would be written.
pub(super) const PREVIEW: [Binding; 6] = [
    b(&[Code(KeyCode::Enter)], Action::RunImport, "help.run_import", true),
    b(&[Code(KeyCode::Esc), Char('q')], Action::Close, "help.leave_import", true),
    b(&[Code(KeyCode::Up), Char('k')], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down), Char('j')], Action::Down, "help.down", false),
    b(&[Code(KeyCode::PageUp)], Action::PageUp, "help.page_up", false),
    b(&[Code(KeyCode::PageDown), Char(' ')], Action::PageDown, "help.page_down", false),
];

pub(super) const WELCOME: [Binding; 4] = [
    b(&[Char('d')], Action::LoadDemo, "help.load_demo", true),
    b(&[Char('i')], Action::OpenImport, "help.import", true),
    b(&[Char('a')], Action::Add, "help.start_adding", true),
    b(&[Code(KeyCode::Esc), Char('q')], Action::Close, "help.close", true),
];
