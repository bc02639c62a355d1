//! The key tables the frame owns: moving, switching tabs, help and quit,
//! and each overlay's (a tab's own keys live in its module).

use super::{Binding, Key, b};
use crate::app::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use Key::{Char, Code, Ctrl};

pub const MOVE: [Binding; 6] = [
    b(&[Code(KeyCode::Up), Char('k')], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down), Char('j')], Action::Down, "help.down", false),
    b(&[Code(KeyCode::PageUp)], Action::PageUp, "help.page_up", false),
    b(&[Code(KeyCode::PageDown)], Action::PageDown, "help.page_down", false),
    b(&[Code(KeyCode::Home), Char('g')], Action::Home, "help.home", false),
    b(&[Code(KeyCode::End), Char('G')], Action::End, "help.end", false),
];

pub const TABS: [Binding; 10] = [
    b(&[Code(KeyCode::Tab)], Action::NextTab, "help.next_tab", false),
    b(&[Code(KeyCode::BackTab)], Action::PrevTab, "help.prev_tab", false),
    b(&[Char('0')], Action::GoTab(0), "help.tab0", false),
    b(&[Char('1')], Action::GoTab(1), "help.tab1", false),
    b(&[Char('2')], Action::GoTab(2), "help.tab2", false),
    b(&[Char('3')], Action::GoTab(3), "help.tab3", false),
    b(&[Char('4')], Action::GoTab(4), "help.tab4", false),
    b(&[Char('5')], Action::GoTab(5), "help.tab5", false),
    b(&[Char('6')], Action::GoTab(6), "help.tab6", false),
    b(&[Char('7')], Action::GoTab(7), "help.tab7", false),
];

pub const COMMON_END: [Binding; 2] =
    [b(&[Char('?')], Action::ShowHelp, "help.help", true), b(&[Char('q')], Action::Quit, "help.quit", true)];

pub const PICKER: [Binding; 9] = [
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

pub const CONFLICT: [Binding; 7] = [
    b(&[Char(' ')], Action::TogglePick, "help.conflict_toggle", true),
    b(&[Char('m')], Action::KeepMine, "help.keep_mine", true),
    b(&[Char('t')], Action::TakeTheirs, "help.take_theirs", true),
    b(&[Code(KeyCode::Enter), Ctrl('s')], Action::Save, "help.save_merge", true),
    b(&[Code(KeyCode::Esc)], Action::Cancel, "help.back_to_form", true),
    b(&[Code(KeyCode::Up), Char('k')], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down), Char('j')], Action::Down, "help.down", false),
];

pub const COVERAGE: [Binding; 2] = [
    b(&[Char('S')], Action::Suggest, "help.suggest", true),
    b(&[Code(KeyCode::Esc), Char('q'), Char('c')], Action::Close, "help.close", true),
];

pub const FILTER: [Binding; 4] = [
    b(&[Code(KeyCode::Enter)], Action::FinishFilter, "help.filter_done", true),
    b(&[Code(KeyCode::Esc)], Action::ClearFilter, "help.filter_clear", true),
    b(&[Code(KeyCode::Up)], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down)], Action::Down, "help.down", false),
];

pub const FORM: [Binding; 7] = [
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

pub const CONFIRM: [Binding; 2] = [
    b(&[Char('y'), Code(KeyCode::Enter)], Action::Yes, "help.yes", true),
    b(&[Char('n'), Code(KeyCode::Esc)], Action::No, "help.no", true),
];

pub const HELP: [Binding; 7] = [
    b(&[Code(KeyCode::Esc), Char('?'), Char('q')], Action::Close, "help.close", true),
    b(&[Code(KeyCode::Up), Char('k')], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down), Char('j')], Action::Down, "help.down", false),
    b(&[Code(KeyCode::PageUp)], Action::PageUp, "help.page_up", false),
    b(&[Code(KeyCode::PageDown), Char(' ')], Action::PageDown, "help.page_down", false),
    b(&[Code(KeyCode::Home), Char('g')], Action::Home, "help.home", false),
    b(&[Code(KeyCode::End), Char('G')], Action::End, "help.end", false),
];

/// An import's preview: what was understood and what would be written.
pub const PREVIEW: [Binding; 6] = [
    b(&[Code(KeyCode::Enter)], Action::RunImport, "help.run_import", true),
    b(&[Code(KeyCode::Esc), Char('q')], Action::Close, "help.leave_import", true),
    b(&[Code(KeyCode::Up), Char('k')], Action::Up, "help.up", false),
    b(&[Code(KeyCode::Down), Char('j')], Action::Down, "help.down", false),
    b(&[Code(KeyCode::PageUp)], Action::PageUp, "help.page_up", false),
    b(&[Code(KeyCode::PageDown), Char(' ')], Action::PageDown, "help.page_down", false),
];

pub const WELCOME: [Binding; 4] = [
    b(&[Char('d')], Action::LoadDemo, "help.load_demo", true),
    b(&[Char('i')], Action::OpenImport, "help.import", true),
    b(&[Char('a')], Action::StartAdding, "help.start_adding", true),
    b(&[Code(KeyCode::Esc), Char('q')], Action::Close, "help.close", true),
];
