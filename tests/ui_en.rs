//! The English screens (the language is process-wide, so they live in a
//! test binary of their own).

mod common;

use common::*;
use lianhu::app::{self, Action, App, TabAction};
use lianhu::domain::rules::Rules;

#[test]
fn the_english_footer_keeps_help_and_quit_at_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("en.db"));
    let s = settings();
    lianhu::i18n::set_lang(lianhu::i18n::Lang::En);
    let mut a = App::new(s, Rules::defaults(), 80, 24);
    app::start(&mut a, &mut store);
    app::update(&mut a, &mut store, Action::GoTab(2));
    let text = screen(&a, 80, 24);
    let footer = text.lines().last().unwrap_or_default();
    assert!(footer.contains("? help") && footer.contains("q quit"), "{footer}");
    assert!(footer.starts_with("/ filter"), "{footer}");
    // Issue 20: at 80 columns the keys a user needs stay, `d` among them,
    // and the tab bar keeps its date.
    assert!(footer.contains("d detail") && footer.contains("v visit") && footer.contains("s sort"), "{footer}");
    assert!(text.lines().next().unwrap_or_default().ends_with("2026-11-22"), "{text}");
    app::update(&mut a, &mut store, Action::GoTab(1));
    let footer = screen(&a, 80, 24).lines().last().unwrap_or_default().to_string();
    assert!(footer.contains("c coverage") && footer.contains("S suggest"), "{footer}");
}

#[test]
fn the_red_and_black_lists_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = redblack_township(&dir.path().join("en.db"));
    let s = settings();
    lianhu::i18n::set_lang(lianhu::i18n::Lang::En);
    let mut a = App::new(s, Rules::defaults(), 80, 24);
    app::start(&mut a, &mut store);
    app::update(&mut a, &mut store, Action::GoTab(7));
    app::update(&mut a, &mut store, Action::Tab(TabAction::NextVillage));
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn the_overview_in_english_at_80x24_and_120x40() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("en.db"));
    lianhu::i18n::set_lang(lianhu::i18n::Lang::En);
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = App::new(settings(), Rules::defaults(), w, h);
        app::start(&mut a, &mut store);
        assert_eq!(a.tab, lianhu::app::Tab::Overview);
        let text = screen(&a, w, h);
        // Every header fits its column: none is cut short.
        let header = text.lines().nth(3).unwrap_or_default();
        assert!(!header.contains('…'), "{header}");
        insta::assert_snapshot!(format!("overview_{w}x{h}"), text);
    }
}
