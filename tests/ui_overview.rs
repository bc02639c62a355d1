//! 总览 at 80×24 and 120×40, in Chinese (this binary; English has its own
//! test binary, the language being process-wide), without colour and with
//! ASCII only.

mod common;

use common::*;
use lianhu::app::{self, Action, App, Tab, TabAction};
use lianhu::domain::rules::Rules;

fn opened(settings: lianhu::app::Settings, w: u16, h: u16) -> (tempfile::TempDir, lianhu::store::Store, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("o.db"));
    let mut a = App::new(settings, Rules::defaults(), w, h);
    app::start(&mut a, &mut store);
    (dir, store, a)
}

#[test]
fn township_staff_open_on_the_overview_worst_village_first() {
    let (_dir, _store, a) = opened(settings(), 80, 24);
    assert_eq!(a.tab, Tab::Overview);
    let o = a.tabs.overview.read.as_ref().unwrap();
    // 湖口村: 赵六 unlinked and 欧阳娜娜 never visited (overdue); 东阳村: 钱七 due.
    assert_eq!(o.lines[0].village.as_ref().unwrap().1, "湖口村");
    assert_eq!((o.lines[0].overdue, o.lines[0].unlinked), (2, 1));
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn the_overview_wide_shows_all_three_charts() {
    let (_dir, _store, a) = opened(settings(), 120, 40);
    let text = screen(&a, 120, 40);
    for title in ["走访完成率", "户类占比", "问题流转"] {
        assert!(text.contains(title), "{title}\n{text}");
    }
    insta::assert_snapshot!(text);
}

#[test]
fn the_overview_without_colour_and_in_ascii() {
    let mut s = settings();
    s.color = false;
    s.ascii = true;
    let (_dir, mut store, mut a) = opened(s, 80, 24);
    // Each chart in turn; all of them ASCII apart from the Chinese text.
    for _ in 0..3 {
        let text = screen(&a, 80, 24);
        assert!(text.chars().all(|c| c.is_ascii() || lianhu::domain::text::width(&c.to_string()) == 2), "{text}");
        insta::assert_snapshot!(text);
        app::update(&mut a, &mut store, Action::Tab(TabAction::CycleChart));
    }
    let (_dir, _store, a) = opened(s_wide(), 120, 40);
    insta::assert_snapshot!(screen(&a, 120, 40));
}

fn s_wide() -> lianhu::app::Settings {
    let mut s = settings();
    s.color = false;
    s.ascii = true;
    s
}

#[test]
fn enter_opens_that_villages_today_and_the_total_every_village() {
    let (_dir, mut store, mut a) = opened(settings(), 80, 24);
    app::update(&mut a, &mut store, Action::Tab(TabAction::OpenVillage));
    assert_eq!(a.tab, Tab::Today);
    assert_eq!(a.tabs.village.as_ref().map(|v| v.1.as_str()), Some("湖口村"));
    assert!(a.tabs.today.list.rows.iter().all(|r| r.village == "湖口村") && !a.tabs.today.list.rows.is_empty());
    let hukou: i64 = store.conn().query_row("SELECT id FROM villages WHERE name = '湖口村'", [], |r| r.get(0)).unwrap();
    assert!(a.tabs.today.all.iter().all(|r| r.village_id == hukou));
    // Back on 总览, the total row (last) works on every village again.
    app::update(&mut a, &mut store, Action::GoTab(0));
    app::update(&mut a, &mut store, Action::End);
    app::update(&mut a, &mut store, Action::Tab(TabAction::OpenVillage));
    assert_eq!(a.tabs.village, None);
    assert!(a.tabs.today.all.iter().any(|r| r.village_id != hukou));
}

#[test]
fn the_report_key_writes_last_months_report_beside_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("o.db");
    let mut store = township(&db);
    let mut s = settings();
    s.db_path = db.display().to_string();
    let mut a = App::new(s, Rules::defaults(), 80, 24);
    app::start(&mut a, &mut store);
    app::update(&mut a, &mut store, Action::Tab(TabAction::WriteBoard));
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?} {:?}", a.status);
    assert!(written[0].contains("湖口村") && written[0].contains("2026-10"), "{written:?}");
    let html = std::fs::read_to_string(dir.path().join(&written[0])).unwrap();
    assert!(html.contains("湖口村党员联户助推垃圾分类2026年10月工作月报"), "{html}");
}

#[test]
fn without_colour_the_overview_uses_no_colour_and_marks_the_selection_by_reverse_video() {
    let mut s = settings();
    s.color = false;
    let (_dir, _store, a) = opened(s, 80, 24);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| lianhu::ui::draw(f, &a)).unwrap();
    let buf = t.backend().buffer().clone();
    use ratatui::style::{Color, Modifier};
    assert!(buf.content.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset), "a colour was used");
    // The selected village's row (the first under the header) is reversed.
    assert!(buf[(3, 4)].modifier.contains(Modifier::REVERSED));
    // The charts' series are told apart by their markers, named in the legend.
    let text = screen(&a, 80, 24);
    assert!(text.contains("走访完成率"), "{text}");
}
