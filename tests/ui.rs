//! Screen snapshots on ratatui's TestBackend: 80×24 and a tiny size, with
//! Chinese data.

mod common;

use common::*;
use lianhu::app::{self, Action, App, Settings};
use lianhu::domain::rules::Rules;
use lianhu::i18n::Lang;
use lianhu::store::{Store, households, links, members};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn settings() -> Settings {
    Settings { lang: Lang::Zh, ascii: false, color: true, today: today(), db_path: "/tmp/lianhu.db".into() }
}

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

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| lianhu::ui::draw(f, app)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            skip = lianhu::domain::text::width(s).saturating_sub(1);
            out.push_str(s);
        }
        out.push('\n');
    }
    out
}

fn app_on(store: &mut Store, tab: usize) -> App {
    let mut a = App::new(settings(), Rules::defaults(), 80, 24);
    app::start(&mut a, store);
    app::update(&mut a, store, Action::GoTab(tab));
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
    assert_eq!(a.households.total, 1);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn household_form_with_problems() {
    let (_d, mut store) = seeded();
    let mut a = app_on(&mut store, 1);
    app::update(&mut a, &mut store, Action::Add);
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
    app::update(&mut a, &mut store, Action::GoTab(1));
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
