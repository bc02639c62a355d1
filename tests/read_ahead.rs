//! Reading the other tabs ahead while the user is idle: it leaves the screen
//! as it was, makes a later tab switch read only its window, and gives up
//! the moment it is told to (a key arrived) without leaving a half-read tab.

mod common;

use common::*;
use lianhu::app::{self, Action, App, Tab};
use lianhu::domain::rules::Rules;
use lianhu::store::Store;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

fn demo() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    lianhu::demo::generate(&mut store, &lianhu::demo::Options { households: 300, years: 1, seed: 3 }).unwrap();
    (dir, store)
}

fn started(store: &mut Store) -> App {
    let mut a = App::new(settings(), Rules::defaults(), 80, 24);
    app::start(&mut a, store);
    // Township staff open on 总览; these tests start from 今日.
    app::update(&mut a, store, Action::GoTab(1));
    a
}

/// Reads ahead until there is nothing left; returns how many reads it took.
fn read_all(a: &mut App, store: &Store) -> usize {
    let mut reads = 1;
    while app::read_ahead(a, store, || false) {
        reads += 1;
        assert!(reads <= Tab::ALL.len(), "reading ahead must end");
    }
    reads
}

#[test]
fn reading_ahead_reads_every_other_tab_once_and_changes_nothing_on_screen() {
    let (_d, mut store) = demo();
    let mut a = started(&mut store);
    let before = screen(&a, 80, 24);
    assert!(!a.tabs.households.list.keyed_fresh && !a.tabs.visits.list.counted && a.tabs.scores.board.is_none());
    // 住户, 党员, 走访, 考评, 问题, 台账, 总览 (read at start, on screen
    // then): six reads, one tab each.
    assert_eq!(read_all(&mut a, &store), 6);
    assert_eq!(a.tab, Tab::Today);
    assert_eq!(screen(&a, 80, 24), before, "the screen is as it was");
    assert!(a.tabs.households.list.keyed_fresh && a.tabs.members.list.keyed_fresh && a.tabs.concerns.list.keyed_fresh);
    assert!(a.tabs.visits.list.counted && a.tabs.visits.list.total > 1000);
    assert!(a.tabs.scores.board.is_some());
    assert!(a.tabs.ledger.redblack.loaded.is_some() && !a.tabs.ledger.redblack.all.is_empty());
    assert!(!app::read_ahead(&mut a, &store, || false), "nothing is left to read");

    // Each tab then shows exactly what a cold switch to it shows.
    let mut cold = started(&mut store);
    for (i, _) in Tab::ALL.iter().enumerate() {
        app::update(&mut a, &mut store, Action::GoTab(i));
        app::update(&mut cold, &mut store, Action::GoTab(i));
        assert_eq!(screen(&a, 80, 24), screen(&cold, 80, 24), "tab {i}");
    }
}

#[test]
fn a_write_makes_the_other_tabs_unread_again() {
    let (_d, mut store) = demo();
    let mut a = started(&mut store);
    read_all(&mut a, &store);
    app::refresh(&mut a, &mut store);
    assert!(!a.tabs.households.list.keyed_fresh && !a.tabs.visits.list.counted && a.tabs.overview.read.is_none());
    // The six and 总览 too (read at start, when it was on screen).
    assert_eq!(read_all(&mut a, &store), 7);
}

#[test]
fn a_key_stops_the_read_and_the_tab_is_read_again_later() {
    let (_d, mut store) = demo();
    let mut a = started(&mut store);
    // A key is waiting from the first check on: the read stops at once.
    let asked = Arc::new(AtomicUsize::new(0));
    let seen = asked.clone();
    assert!(
        app::read_ahead(&mut a, &store, move || {
            seen.fetch_add(1, Ordering::Relaxed);
            true
        }),
        "go on after the key"
    );
    assert!(asked.load(Ordering::Relaxed) >= 1, "the read was asked whether to stop");
    assert!(!a.tabs.households.list.keyed_fresh, "a stopped read leaves its tab unread");
    assert!(store.conn().is_autocommit(), "no read transaction is left open");
    // Later, idle again: the same tab is read in full.
    assert!(app::read_ahead(&mut a, &store, || false));
    assert!(a.tabs.households.list.keyed_fresh && a.tabs.households.list.total == 300);
}
