//! Screen snapshots on ratatui's TestBackend: 80×24 and a tiny size, with
//! Chinese data.

mod common;

use common::*;
use lianhu::app::overlay::{Overlay, Report};
use lianhu::app::{self, Action, App, TabAction};
use lianhu::domain::rules::Rules;
use lianhu::store::{Store, households, links, members};

fn seeded() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    store
        .write(|tx, ctx| {
            let m = members::save(tx, ctx, None, &member("湖口村", "王芳", "13900000001", "两委干部").validate().unwrap())?.id();
            members::save(tx, ctx, None, &member("湖口村", "单雄信", "13900000002", "普通党员").validate().unwrap())?;
            for (i, (head, class)) in [("张三丰", "一般户"), ("李四", "提升户"), ("曾国藩", "难点户")].iter().enumerate() {
                let mut h = household("湖口村", head, &format!("湖口村三组{}号", i + 1), class);
                h.phone = "13812345678".into();
                let id = households::save(tx, ctx, None, &h.validate().unwrap())?.id();
                if i < 2 {
                    links::link(tx, ctx, m, id, today())?;
                }
            }
            Ok::<_, lianhu::store::StoreError>(())
        })
        .unwrap();
    (dir, store)
}

fn app_on(store: &mut Store, tab: usize) -> App {
    let mut a = App::new(settings(), Rules::defaults(), 80, 24);
    a.detail = Some(true); // these tests read the detail pane too
    app::start(&mut a, store);
    app::update(&mut a, store, Action::GoTab(tab + 1));
    a
}

#[test]
fn households_tab_at_80x24() {
    let (_d, mut store) = seeded();
    let mut a = app_on(&mut store, 1);
    app::update(&mut a, &mut store, Action::Down);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn at_80x24_the_table_takes_the_height_and_d_shows_the_detail_pane() {
    let (_d, mut store) = seeded();
    let mut a = App::new(settings(), Rules::defaults(), 80, 24);
    app::start(&mut a, &mut store);
    app::update(&mut a, &mut store, Action::GoTab(2));
    // Hidden by default on a short screen: more rows, and the detail not read.
    assert!(!a.detail_shown());
    assert_eq!(a.rows(), 17);
    assert!(a.tabs.households.detail.links.is_empty());
    let plain = screen(&a, 80, 24);
    assert!(!plain.contains("┌ 详情"));
    insta::assert_snapshot!(plain);
    app::update(&mut a, &mut store, Action::ToggleDetail);
    assert!(a.detail_shown());
    assert_eq!(a.rows(), 9);
    assert!(!a.tabs.households.detail.classes.is_empty(), "the detail is read when the pane opens");
    assert!(screen(&a, 80, 24).contains("┌ 详情"));
    app::update(&mut a, &mut store, Action::ToggleDetail);
    assert!(!screen(&a, 80, 24).contains("┌ 详情"));
    // A taller screen shows it unless hidden.
    let mut tall = App::new(settings(), Rules::defaults(), 80, 40);
    app::start(&mut tall, &mut store);
    app::update(&mut tall, &mut store, Action::GoTab(2));
    assert!(tall.detail_shown());
    assert!(screen(&tall, 80, 40).contains("┌ 详情"));
}

#[test]
fn members_tab_at_80x24_with_detail() {
    let (_d, mut store) = seeded();
    let a = app_on(&mut store, 2);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn filtering_by_pinyin_initials_of_a_two_reading_surname() {
    let (_d, mut store) = seeded();
    let mut a = app_on(&mut store, 1);
    app::update(&mut a, &mut store, Action::StartFilter);
    for c in "cgf".chars() {
        app::update(&mut a, &mut store, Action::Key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c))));
    }
    assert_eq!(a.tabs.households.list.total, 1);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn household_form_with_problems() {
    let (_d, mut store) = seeded();
    let mut a = app_on(&mut store, 1);
    app::update(&mut a, &mut store, Action::Tab(TabAction::Add));
    app::update(&mut a, &mut store, Action::Save);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn a_tiny_terminal_asks_to_be_enlarged() {
    let (_d, mut store) = seeded();
    let mut a = app_on(&mut store, 1);
    app::update(&mut a, &mut store, Action::Resize(40, 10));
    insta::assert_snapshot!(screen(&a, 40, 10));
}

#[test]
fn an_empty_database_offers_demo_import_or_adding() {
    let (_d, mut store) = temp_store();
    let mut a = App::new(settings(), Rules::defaults(), 80, 24);
    app::start(&mut a, &mut store);
    assert_eq!(a.mode(), lianhu::app::keymap::Mode::Welcome);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn ascii_and_no_color_draw_plain() {
    let (_d, mut store) = seeded();
    let mut s = settings();
    s.ascii = true;
    s.color = false;
    let mut a = App::new(s, Rules::defaults(), 80, 24);
    app::start(&mut a, &mut store);
    app::update(&mut a, &mut store, Action::GoTab(2));
    let text = screen(&a, 80, 24);
    assert!(text.contains("+-") && text.contains("> "), "{text}");
    assert!(!text.contains('┌') && !text.contains('▶'));
}

#[test]
fn help_lists_every_binding_of_the_tables() {
    let (_d, mut store) = seeded();
    let mut a = app_on(&mut store, 1);
    app::update(&mut a, &mut store, Action::ShowHelp);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

fn township_app(dir: &tempfile::TempDir, tab: usize) -> (Store, App) {
    let mut store = township(&dir.path().join("l.db"));
    // A fixed name in the snapshots, whoever runs the tests.
    store.who = "unknown".into();
    let a = app_on(&mut store, tab);
    (store, a)
}

#[test]
fn today_lists_overdue_then_due_then_unlinked() {
    let dir = tempfile::tempdir().unwrap();
    let (_store, a) = township_app(&dir, 0);
    assert_eq!(a.tabs.today.counts, (2, 3, 1));
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn today_filters_by_member_initials() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 0);
    app::update(&mut a, &mut store, Action::StartFilter);
    type_in(&mut a, &mut store, "sxx");
    assert_eq!(a.tabs.today.list.total, 1);
    assert_eq!(a.tabs.today.list.rows[0].head, "欧阳娜娜");
    assert_eq!(a.tabs.today.counts, (1, 0, 0));
    app::update(&mut a, &mut store, Action::ClearFilter);
    type_in(&mut a, &mut store, "");
    assert_eq!(a.tabs.today.list.total, 6);
}

#[test]
fn the_visit_form_from_today() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 0);
    app::update(&mut a, &mut store, Action::Tab(TabAction::LogVisit));
    type_in(&mut a, &mut store, "老人在家，讲解了分类");
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn logging_a_visit_takes_the_row_off_today() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 0);
    let first = a.tabs.today.list.rows[0].household_id;
    app::update(&mut a, &mut store, Action::Tab(TabAction::LogVisit));
    type_in(&mut a, &mut store, "分类有进步");
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form().is_none(), "{:?}", a.status);
    assert!(a.tabs.today.all.iter().all(|r| r.household_id != first));
    assert_eq!(a.tabs.today.counts, (1, 3, 1));
    let logged = lianhu::store::visits::of_household(store.conn(), first, 1).unwrap();
    assert_eq!((logged[0].visit.note.as_str(), logged[0].member.as_str(), logged[0].visit.date), ("分类有进步", "单雄信", today()));
}

#[test]
fn a_visit_that_finds_a_new_class_changes_the_household_from_that_day() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 1);
    // 李四 (提升户) is the third household by village and address... find it.
    while a.tabs.households.list.current().map(|h| h.head.as_str()) != Some("李四") {
        app::update(&mut a, &mut store, Action::Down);
    }
    app::update(&mut a, &mut store, Action::Tab(TabAction::LogVisit));
    let form = a.form_mut().unwrap();
    form.focus_on("class");
    app::update(&mut a, &mut store, Action::Key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Right)));
    assert_eq!(a.form().unwrap().value("class"), "难点户");
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form().is_none(), "{:?}", a.status);
    let h = a.tabs.households.list.current().unwrap();
    assert_eq!(h.class, lianhu::domain::model::Class::Difficult);
    let history = lianhu::store::households::class_history(store.conn(), h.id).unwrap();
    assert_eq!(history.last().unwrap(), &(lianhu::domain::model::Class::Difficult, "2026-11-22".to_string()));
    // Its next visit is planned two weeks on.
    assert_eq!(a.tabs.households.detail.standing.unwrap().due_by, Some(d("2026-12-06")));
}

#[test]
fn visits_tab_and_a_correction() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 3);
    assert_eq!(a.tabs.visits.list.total, 5);
    app::update(&mut a, &mut store, Action::Tab(TabAction::Edit));
    let form = a.form_mut().unwrap();
    form.focus_on("concern");
    type_in(&mut a, &mut store, "垃圾桶破损");
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form().is_none(), "{:?}", a.status);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn visit_log_filters_by_dates_and_village() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 3);
    app::update(&mut a, &mut store, Action::Tab(TabAction::OpenVisitFilter));
    type_in(&mut a, &mut store, "2026-11-01");
    app::update(&mut a, &mut store, Action::NextField);
    app::update(&mut a, &mut store, Action::NextField);
    type_in(&mut a, &mut store, "湖口");
    app::update(&mut a, &mut store, Action::Save);
    assert_eq!(a.tabs.visits.list.total, 3, "{:?}", a.tabs.visits.query);
    assert!(a.tabs.visits.list.rows.iter().all(|v| v.village == "湖口村" && v.visit.date >= d("2026-11-01")));
}

#[test]
fn concerns_tab_moves_a_concern_on() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 0);
    app::update(&mut a, &mut store, Action::Tab(TabAction::LogVisit));
    a.form_mut().unwrap().focus_on("concern");
    type_in(&mut a, &mut store, "希望增设可回收物回收点");
    app::update(&mut a, &mut store, Action::Save);
    app::update(&mut a, &mut store, Action::GoTab(6));
    assert_eq!(a.tabs.concerns.list.total, 1);
    app::update(&mut a, &mut store, Action::Tab(TabAction::NextStep));
    app::update(&mut a, &mut store, Action::NextField);
    app::update(&mut a, &mut store, Action::NextField);
    type_in(&mut a, &mut store, "已交村委");
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form().is_none(), "{:?}", a.status);
    assert_eq!(a.tabs.concerns.steps.len(), 2);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn from_a_member_the_visit_form_offers_the_members_households() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 2);
    while a.tabs.members.list.current().map(|m| m.name.as_str()) != Some("王芳") {
        app::update(&mut a, &mut store, Action::Down);
    }
    app::update(&mut a, &mut store, Action::Tab(TabAction::LogVisit));
    let form = a.form().expect("a visit form");
    assert_eq!(form.fields[0].key, "household");
    let lianhu::app::form::Input::Choice { options, .. } = &form.fields[0].input else { panic!() };
    assert_eq!(options.len(), 4, "{options:?}");
    assert_eq!(form.value("member"), a.tabs.members.list.current().unwrap().id.to_string());
    type_in(&mut a, &mut store, "电话回访");
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form().is_none(), "{:?}", a.status);
    assert_eq!(a.status.as_ref().map(|s| s.0.as_str()), Some("已记录走访。"));
}

#[test]
fn changing_the_sort_reorders_the_rows_and_a_filter_narrows_them() {
    let (_d, mut store) = seeded();
    let mut a = app_on(&mut store, 1);
    assert_eq!(a.tabs.households.list.current().unwrap().head, "张三丰");
    app::update(&mut a, &mut store, Action::Tab(TabAction::CycleSort)); // by head
    app::update(&mut a, &mut store, Action::Tab(TabAction::CycleSort)); // by class: 难点户 first
    assert_eq!(a.tabs.households.list.current().unwrap().head, "曾国藩");
    app::update(&mut a, &mut store, Action::StartFilter);
    type_in(&mut a, &mut store, "ls");
    assert_eq!((a.tabs.households.list.total, a.tabs.households.list.current().unwrap().head.as_str()), (1, "李四"));
}

/// Issue 19: the report box (history, import report) scrolls itself and
/// the list hidden behind it stays where it was.
#[test]
fn the_report_box_scrolls_and_the_list_behind_it_does_not_move() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 1);
    let before = a.tabs.households.list.selected;
    a.open(Overlay::Report(Report::new("ui.history", (1..=60).map(|i| format!("第 {i} 行")).collect())));
    let s = screen(&a, 80, 24);
    assert!(s.contains("第 1 行") && s.contains("下面还有"), "{s}");
    app::update(&mut a, &mut store, Action::PageDown);
    app::update(&mut a, &mut store, Action::Down);
    let s = screen(&a, 80, 24);
    assert!(!s.contains("第 1 行 ") && s.contains("第 20 行"), "{s}");
    app::update(&mut a, &mut store, Action::End);
    let s = screen(&a, 80, 24);
    assert!(s.contains("第 60 行") && !s.contains("下面还有"), "the end, nothing below: {s}");
    assert_eq!(a.tabs.households.list.selected, before, "the list behind did not move");
    app::update(&mut a, &mut store, Action::Close);
    assert!(a.overlays.is_empty(), "closed, and the list is on top again");
}

/// Issue 19: help pages with PgDn and End.
#[test]
fn help_pages_down_to_its_end() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use lianhu::app::keymap::Mode;
    use lianhu::app::keys::lookup;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 0);
    app::update(&mut a, &mut store, Action::ShowHelp);
    for code in [KeyCode::PageDown, KeyCode::End] {
        let action = lookup(Mode::Help, &KeyEvent::new(code, KeyModifiers::NONE)).expect("bound in help");
        app::update(&mut a, &mut store, action);
    }
    assert!(matches!(a.top(), Some(Overlay::Help(o)) if *o > 0));
}

/// Issue 19: keys match their modifiers exactly: Alt-q does not quit.
#[test]
fn alt_q_is_not_q() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use lianhu::app::keymap::Mode;
    use lianhu::app::keys::lookup;
    assert_eq!(lookup(Mode::Today, &KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT)), None);
    assert_eq!(lookup(Mode::Today, &KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Action::Quit));
    assert_eq!(lookup(Mode::Today, &KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL | KeyModifiers::ALT)), None);
}

/// Issue 19: a status message clears on the next action that may change
/// the screen.
#[test]
fn a_status_message_does_not_outlive_its_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 0);
    a.status = Some(("已记录走访。".into(), lianhu::app::Tone::Info));
    app::update(&mut a, &mut store, Action::Resize(80, 24));
    assert!(a.status.is_some(), "a resize keeps it");
    app::update(&mut a, &mut store, Action::Down);
    assert!(a.status.is_none());
}

/// Issue 19: a footer key that does nothing here now is greyed out, not
/// hidden: `v` on a member with no households.
#[test]
fn the_footer_greys_out_a_key_that_does_nothing_here() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 2);
    let style_of_v = |a: &App| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        t.draw(|f| lianhu::ui::draw(f, a)).unwrap();
        let buf = t.backend().buffer().clone();
        let x = (0..80).find(|x| buf[(*x, 23)].symbol() == "v").expect("v in the footer");
        buf[(x, 23)].fg
    };
    // A new member, with no household yet.
    app::update(&mut a, &mut store, Action::Tab(TabAction::Add));
    type_in(&mut a, &mut store, "新党员");
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form().is_none(), "{}", screen(&a, 80, 24));
    let idle = (0..a.tabs.members.list.total).find(|i| {
        a.tabs.members.list.selected = *i;
        app::update(&mut a, &mut store, Action::Resize(80, 24));
        a.tabs.members.list.current().is_some_and(|m| m.load == 0)
    });
    assert!(idle.is_some(), "the township has a member with no household");
    assert_eq!(style_of_v(&a), ratatui::style::Color::DarkGray, "{}", screen(&a, 80, 24));
    app::update(&mut a, &mut store, Action::Tab(TabAction::LogVisit));
    assert!(a.form().is_none(), "v still says why, and opens nothing");
    assert!(a.status.is_some());
    a.tabs.members.list.selected = 0;
    app::update(&mut a, &mut store, Action::Resize(80, 24));
    assert!(a.tabs.members.list.current().unwrap().load > 0);
    assert_eq!(style_of_v(&a), ratatui::style::Color::Cyan);
}

/// Issue 20: `--ascii` is all ASCII but the Chinese text: no arrows, dots,
/// dashes or stars left, and the load reads `2/2~5`, never `0/10-20-`.
#[test]
fn ascii_screens_hold_no_narrow_mark_that_is_not_ascii() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 0);
    a.settings.ascii = true;
    let mut seen = String::new();
    for (tab, height) in [(0, 24), (1, 24), (2, 40), (3, 40), (4, 24), (5, 24), (6, 24), (7, 24)] {
        app::update(&mut a, &mut store, Action::GoTab(tab));
        app::update(&mut a, &mut store, Action::Resize(80, height));
        let s = screen(&a, 80, height);
        for c in s.chars() {
            let w = lianhu::domain::text::width(c.encode_utf8(&mut [0; 4]));
            assert!(c.is_ascii() || w == 2, "tab {tab}: {c:?} in\n{s}");
        }
        seen.push_str(&s);
    }
    app::update(&mut a, &mut store, Action::ShowHelp);
    let s = screen(&a, 80, 24);
    assert!(s.contains("Up") && !s.contains('↑'), "{s}");
    assert!(seen.contains('~') && !seen.contains("-20-"), "{seen}");
}

/// Issue 20: Ctrl-U, Ctrl-W and Ctrl-A in a `/` filter edit the line as a
/// shell does; none is typed as a letter.
#[test]
fn control_keys_in_a_filter_edit_the_line() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 0);
    let ctrl = |c| Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    app::update(&mut a, &mut store, Action::StartFilter);
    type_in(&mut a, &mut store, "ou sxx");
    app::update(&mut a, &mut store, ctrl('w'));
    assert_eq!(a.tabs.today.list.filter, "ou ");
    app::update(&mut a, &mut store, ctrl('a'));
    type_in(&mut a, &mut store, "x");
    assert_eq!(a.tabs.today.list.filter, "xou ");
    app::update(&mut a, &mut store, ctrl('e'));
    app::update(&mut a, &mut store, ctrl('u'));
    assert_eq!(a.tabs.today.list.filter, "");
    assert_eq!(a.tabs.today.list.total, 6, "every row again");
}

/// Issue 20: a problem under a field wraps inside the popup instead of
/// being cut at its edge, and a note wraps onto several lines.
#[test]
fn problems_and_notes_wrap_in_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 1);
    app::update(&mut a, &mut store, Action::Tab(TabAction::Edit));
    a.form_mut().unwrap().focus_on("phone");
    type_in(&mut a, &mut store, "12");
    app::update(&mut a, &mut store, Action::Save);
    // The popup's lines read on, once the frame and the table behind are gone.
    let s: String = screen(&a, 80, 24).chars().filter(|c| !matches!(c, ' ' | '\n' | '│' | '└' | '─' | '┘' | '┌' | '┐')).collect();
    assert!(s.contains("或0519-87654321这样的固定电话"), "{}", screen(&a, 80, 24));
    app::update(&mut a, &mut store, Action::Cancel);
    app::update(&mut a, &mut store, Action::Yes);
    app::update(&mut a, &mut store, Action::Tab(TabAction::LogVisit));
    a.form_mut().unwrap().focus_on("note");
    let note = "垃圾分类做得不错，厨余桶已按时投放，其他垃圾偶尔混投，已当面提醒户主及家人注意分开投放";
    type_in(&mut a, &mut store, note);
    let s = screen(&a, 80, 24);
    assert!(s.contains("垃圾分类做得不错") && s.contains("注意分开投放"), "the start and the end both show:\n{s}");
}

/// Issue 20: after a step the selection stays on the concern moved on
/// (which now sorts elsewhere); a resolved one counts no more days; the
/// message on a final one reads right.
#[test]
fn a_concern_moved_on_stays_selected_and_a_final_one_stops_counting() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 0);
    for (row, text) in [(0, "希望增设可回收物回收点"), (1, "垃圾桶破损")] {
        a.tabs.today.list.selected = row;
        app::update(&mut a, &mut store, Action::Resize(80, 24));
        app::update(&mut a, &mut store, Action::Tab(TabAction::LogVisit));
        a.form_mut().unwrap().focus_on("concern");
        type_in(&mut a, &mut store, text);
        app::update(&mut a, &mut store, Action::Save);
    }
    app::update(&mut a, &mut store, Action::GoTab(6));
    app::update(&mut a, &mut store, Action::Tab(TabAction::CycleShow));
    app::update(&mut a, &mut store, Action::Tab(TabAction::CycleShow)); // all
    assert_eq!(a.tabs.concerns.list.total, 2);
    // Raised the same day: the first raised sorts first.
    let first = a.tabs.concerns.list.current().unwrap().clone();
    let step = |a: &mut App, store: &mut lianhu::store::Store, to: &str| {
        app::update(a, store, Action::Tab(TabAction::NextStep));
        let f = a.form_mut().unwrap();
        for _ in 0..3 {
            if f.value("step") == to {
                break;
            }
            f.key(crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Right, crossterm::event::KeyModifiers::NONE));
        }
        assert_eq!(f.value("step"), to);
        app::update(a, store, Action::Save);
        assert!(a.form().is_none(), "{:?}", a.status);
    };
    step(&mut a, &mut store, "village");
    step(&mut a, &mut store, "resolved");
    let now = a.tabs.concerns.list.current().unwrap();
    assert_eq!(now.id, first.id, "still on the concern moved on");
    assert_eq!(a.tabs.concerns.list.selected, 1, "which sorts after the open one now");
    let s = screen(&a, 80, 24);
    let row = s.lines().find(|l| l.contains("已解决")).expect("the resolved one is listed");
    assert!(row.contains(" - "), "no days counted: {row}");
    while a.tabs.concerns.list.current().is_some_and(|c| !c.status.is_final()) {
        app::update(&mut a, &mut store, Action::Down);
    }
    app::update(&mut a, &mut store, Action::Tab(TabAction::NextStep));
    let said = a.status.as_ref().map(|s| s.0.clone()).unwrap_or_default();
    assert!(said.contains("这个问题已解决") && !said.contains("已已"), "{said}");
}

/// Issue 20: the logbook: `w`, a number, the note, Ctrl-S logs a 入户 visit
/// (分类情况 未查看) to that household and opens the next entry for the same
/// member and date, the household ticked; initials pick one too; a second
/// visit to a household the same day is asked about first.
#[test]
fn the_logbook_logs_a_visit_in_three_keys_besides_the_text() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 2);
    while a.tabs.members.list.current().map(|m| m.name.as_str()) != Some("王芳") {
        app::update(&mut a, &mut store, Action::Down);
    }
    let key = |c| Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let count = |store: &lianhu::store::Store| -> i64 { store.conn().query_row("SELECT count(*) FROM visits", [], |r| r.get(0)).unwrap() };
    let before = count(&store);
    app::update(&mut a, &mut store, Action::Tab(TabAction::Logbook));
    let form = a.form().expect("the logbook opens");
    assert_eq!(form.fields[form.focus].key, "household", "the caret on the household list");
    let lianhu::app::form::Input::Choice { options, .. } = &form.fields[0].input else { panic!() };
    let second = options[1].clone();
    assert!(second.1.starts_with("2 "), "numbered: {second:?}");
    app::update(&mut a, &mut store, key('2'));
    assert_eq!(a.form().unwrap().value("household"), second.0);
    assert_eq!(a.form().unwrap().fields[a.form().unwrap().focus].key, "note", "a number moves on to the note");
    type_in(&mut a, &mut store, "分类到位");
    app::update(&mut a, &mut store, Action::Save);
    assert_eq!(count(&store), before + 1, "{:?}", a.status);
    let (mode, sorting, note): (String, Option<String>, String) = store
        .conn()
        .query_row("SELECT mode, sorting, note FROM visits ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    assert_eq!((mode.as_str(), sorting, note.as_str()), ("in_person", None, "分类到位"));
    let next = a.form().expect("the next entry opens").clone();
    assert!(next.caption[0].contains("王芳") && next.caption[0].contains("已记 1 条"), "{:?}", next.caption);
    assert_eq!(next.fields[next.focus].key, "household");
    assert_eq!(next.value("note"), "");
    let lianhu::app::form::Input::Choice { options, .. } = next.fields[0].input.clone() else { panic!() };
    assert!(options[1].1.ends_with('✓'), "the one logged is ticked, in its place: {options:?}");
    // The same household again the same day: asked first.
    app::update(&mut a, &mut store, key('2'));
    type_in(&mut a, &mut store, "补记");
    app::update(&mut a, &mut store, Action::Save);
    assert_eq!(a.mode(), lianhu::app::keymap::Mode::Confirm, "{}", screen(&a, 80, 24));
    assert!(screen(&a, 80, 24).contains("已有一条走访记录"));
    app::update(&mut a, &mut store, Action::Yes);
    assert_eq!(count(&store), before + 2);
    // Initials pick a household too; Esc on an untouched entry ends the run.
    let first_head = options[0].1.split(' ').nth(1).unwrap().to_string();
    let initials = lianhu::domain::search::key(&[first_head.as_str()]);
    let initials: String = initials.split_whitespace().last().unwrap_or_default().chars().take(2).collect();
    type_in(&mut a, &mut store, &initials);
    assert_eq!(a.form().unwrap().value("household"), options[0].0, "{initials} picks {first_head}");
    app::update(&mut a, &mut store, Action::Cancel);
    assert!(a.form().is_none(), "Esc ends the logbook");
}

/// Issue 20: a village typo does not make a village: the form asks first,
/// naming the villages it comes close to; only a yes makes it.
#[test]
fn a_village_typo_asks_before_it_makes_a_village() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 1);
    let villages =
        |store: &lianhu::store::Store| -> i64 { store.conn().query_row("SELECT count(*) FROM villages", [], |r| r.get(0)).unwrap() };
    let before = villages(&store);
    app::update(&mut a, &mut store, Action::Tab(TabAction::Add));
    let f = a.form_mut().unwrap();
    f.field_mut("village").unwrap().set("湖口");
    f.field_mut("address").unwrap().set("湖口村三组9号");
    f.field_mut("head").unwrap().set("新户主");
    app::update(&mut a, &mut store, Action::Save);
    let s = screen(&a, 80, 24);
    assert!(s.contains("还没有名为“湖口”的村/社区") && s.contains("湖口村"), "{s}");
    app::update(&mut a, &mut store, Action::No);
    assert_eq!(villages(&store), before, "nothing made");
    assert!(a.form().is_some(), "the form stays to be put right");
    a.form_mut().unwrap().field_mut("village").unwrap().set("湖口村");
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form().is_none(), "an existing village saves at once: {:?}", a.status);
    assert_eq!(villages(&store), before);
    // On purpose: a yes makes it.
    app::update(&mut a, &mut store, Action::Tab(TabAction::Add));
    let f = a.form_mut().unwrap();
    f.field_mut("village").unwrap().set("新河社区");
    f.field_mut("address").unwrap().set("一幢101室");
    f.field_mut("head").unwrap().set("王五");
    app::update(&mut a, &mut store, Action::Save);
    app::update(&mut a, &mut store, Action::Yes);
    assert!(a.form().is_none(), "{:?}", a.status);
    assert_eq!(villages(&store), before + 1);
}

/// Issue 20: 今日 filters by village and member together; the counts
/// follow the filter (无联户党员 stays township-wide); a 村 column shows
/// while rows of several villages are listed.
#[test]
fn today_filters_by_village_and_member_together() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 0);
    let idle = a.tabs.today.idle_members;
    assert!(screen(&a, 80, 24).contains(" 村 "), "two villages listed: a 村 column");
    app::update(&mut a, &mut store, Action::StartFilter);
    type_in(&mut a, &mut store, "hkc wf");
    let rows: Vec<(String, Option<String>)> = a.tabs.today.list.rows.iter().map(|r| (r.village.clone(), r.member.clone())).collect();
    assert!(!rows.is_empty() && rows.iter().all(|(v, m)| v == "湖口村" && m.as_deref() == Some("王芳")), "{rows:?}");
    let (overdue, due, unlinked) = a.tabs.today.counts;
    assert_eq!(overdue + due + unlinked, rows.len(), "the counts follow the filter");
    assert_eq!(a.tabs.today.idle_members, idle);
    let s = screen(&a, 80, 24);
    assert!(!s.contains(" 村 ") && s.contains("应访日期"), "one village: no 村 column, whole dates\n{s}");
    app::update(&mut a, &mut store, Action::ClearFilter);
    app::update(&mut a, &mut store, Action::StartFilter);
    type_in(&mut a, &mut store, "dyc wf");
    assert_eq!(a.tabs.today.list.total, 0, "东阳村 has none of 王芳's");
}

/// Issue 20: whom to remind: `m` groups 今日 by member with the whole
/// phone number; `y` puts the member's reminder on the clipboard (OSC 52,
/// sent by the event loop) and in a file beside the database.
#[test]
fn today_by_member_says_whom_to_remind_and_copies_the_reminder() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 0);
    a.settings.db_path = dir.path().join("l.db").display().to_string();
    app::update(&mut a, &mut store, Action::Tab(TabAction::ByMember));
    assert_eq!(a.mode(), lianhu::app::keymap::Mode::TodayMembers);
    let s = screen(&a, 80, 24);
    assert!(s.contains("王芳") && s.contains("13900000001"), "the whole number: the clerk must call\n{s}");
    let first = a.tabs.today.current_reminder().unwrap().clone();
    assert!(first.households.iter().any(|h| h.2 == lianhu::domain::schedule::DueStatus::Overdue), "the most overdue first");
    app::update(&mut a, &mut store, Action::Tab(TabAction::Remind));
    let Some(lianhu::app::Pending::Clipboard(text)) = &a.pending else { panic!("{:?}", a.pending) };
    assert!(text.starts_with(&format!("{}同志：您联系的 {} 户尚未按时走访", first.member, first.households.len())), "{text}");
    let file = std::fs::read_dir(dir.path()).unwrap().filter_map(Result::ok).find(|e| e.file_name().to_string_lossy().starts_with("提醒-"));
    let file = file.expect("the reminder written beside the database");
    assert_eq!(std::fs::read_to_string(file.path()).unwrap().trim(), text);
    app::update(&mut a, &mut store, Action::Tab(TabAction::ByMember));
    assert_eq!(a.mode(), lianhu::app::keymap::Mode::Today);
}

/// Issue 20: my village: chosen once with V, remembered for the user:
/// the next start opens every tab on it, and 考评 on the village and
/// quarter last shown.
#[test]
fn my_village_is_chosen_once_and_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 0);
    let villages: std::collections::BTreeSet<i64> = a.tabs.today.all.iter().map(|r| r.village_id).collect();
    assert!(villages.len() > 1, "the township: every village");
    let dongyang: i64 = store.conn().query_row("SELECT id FROM villages WHERE name = '东阳村'", [], |r| r.get(0)).unwrap();
    app::update(&mut a, &mut store, Action::ChooseVillage);
    type_in(&mut a, &mut store, "dyc");
    app::update(&mut a, &mut store, Action::FinishPick);
    assert!(a.tabs.today.all.iter().all(|r| r.village_id == dongyang) && !a.tabs.today.all.is_empty());
    assert!(a.tabs.today.list.rows.iter().all(|r| r.village == "东阳村"));
    app::update(&mut a, &mut store, Action::GoTab(5));
    assert_eq!(a.tabs.scores.village_name(), "东阳村", "考评 opens on it too");
    app::update(&mut a, &mut store, Action::Tab(TabAction::PrevQuarter));
    let quarter = a.tabs.scores.quarter;
    // The next start, the same user.
    let mut b = App::new(settings(), lianhu::domain::rules::Rules::defaults(), 80, 24);
    app::start(&mut b, &mut store);
    assert!(b.tabs.today.all.iter().all(|r| r.village_id == dongyang), "{}", screen(&b, 80, 24));
    assert!(screen(&b, 80, 24).contains("村: 东阳村"));
    app::update(&mut b, &mut store, Action::GoTab(2));
    assert!(b.tabs.households.list.rows.iter().all(|h| h.village == "东阳村"));
    app::update(&mut b, &mut store, Action::GoTab(5));
    assert_eq!((b.tabs.scores.village_name(), b.tabs.scores.quarter), ("东阳村", quarter));
    // Every village again.
    app::update(&mut b, &mut store, Action::GoTab(1));
    app::update(&mut b, &mut store, Action::ChooseVillage);
    app::update(&mut b, &mut store, Action::Home);
    app::update(&mut b, &mut store, Action::FinishPick);
    let all: std::collections::BTreeSet<i64> = b.tabs.today.all.iter().map(|r| r.village_id).collect();
    assert_eq!(all, villages);
}

/// Issue 20: a household's history lists its links (made, moved, ended),
/// and the member's history lists them too, in words.
#[test]
fn link_moves_show_in_both_histories() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 1);
    while a.tabs.households.list.current().map(|h| h.head.as_str()) != Some("张三丰") {
        app::update(&mut a, &mut store, Action::Down);
    }
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowHistory));
    let s = screen(&a, 80, 24);
    assert!(s.contains("联户：张三丰 由 王芳 联系"), "{s}");
    app::update(&mut a, &mut store, Action::Close);
    app::update(&mut a, &mut store, Action::GoTab(3));
    while a.tabs.members.list.current().map(|m| m.name.as_str()) != Some("王芳") {
        app::update(&mut a, &mut store, Action::Down);
    }
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowHistory));
    let s = screen(&a, 80, 24);
    assert!(s.contains("联户：张三丰 由 王芳 联系") && s.contains("新增"), "{s}");
}

/// Issue 20: 党员 `v` at 80×24 with the detail pane hidden (the default
/// there) offers the member's households; it used to say they had none.
#[test]
fn a_members_visit_form_opens_with_the_detail_pane_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut a) = township_app(&dir, 2);
    a.detail = None;
    app::update(&mut a, &mut store, Action::Resize(80, 24));
    assert!(!a.detail_shown(), "hidden at 80×24");
    while a.tabs.members.list.current().map(|m| m.name.as_str()) != Some("王芳") {
        app::update(&mut a, &mut store, Action::Down);
    }
    assert!(a.tabs.members.detail.households.is_empty(), "the pane's data is not read while hidden");
    app::update(&mut a, &mut store, Action::Tab(TabAction::LogVisit));
    let form = a.form().unwrap_or_else(|| panic!("{:?}", a.status));
    assert_eq!(form.fields[0].key, "household");
}
