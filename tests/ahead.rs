//! Work computed ahead on another thread is used only for the generation
//! and the view it was computed for.

mod common;

use common::*;
use lianhu::app::{self, Action, App, ahead};
use lianhu::domain::rules::Rules;

#[test]
fn a_tab_takes_what_was_computed_ahead_for_its_generation_and_view_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("a.db"));
    let mut a = App::new(settings(), Rules::defaults(), 80, 24);
    let shared = ahead::Shared::default();
    a.ahead = Some(shared.clone());
    app::start(&mut a, &mut store);
    let req = ahead::request(&a);
    ahead::compute(&store, &req, &shared).unwrap();
    {
        let got = shared.lock().unwrap();
        assert_eq!(got.generation, a.generation);
        let (_, keyed) = got.households.as_ref().expect("households computed ahead");
        assert_eq!(keyed.len(), 7);
        assert!(got.board.is_some() && got.visits.is_some() && got.members.is_some() && got.concerns.is_some());
    }
    // Mark what was computed ahead so that its use shows: keep 2 households.
    shared.lock().unwrap().households.as_mut().unwrap().1.truncate(2);
    app::update(&mut a, &mut store, Action::GoTab(1));
    assert_eq!(a.households.total, 2, "the tab used the result computed ahead");
    // A change makes a new generation: an old result is not used.
    app::update(&mut a, &mut store, Action::GoTab(0));
    let old = ahead::request(&a);
    ahead::compute(&store, &old, &shared).unwrap();
    shared.lock().unwrap().members.as_mut().unwrap().1.truncate(1);
    app::update(&mut a, &mut store, Action::LogVisit);
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form.is_none(), "{:?}", a.status);
    assert!(a.generation > old.generation);
    app::update(&mut a, &mut store, Action::GoTab(2));
    assert_eq!(a.members.total, 3, "a stale result was ignored");
    // Another view (sorted otherwise) is not served by the default's result.
    let req = ahead::request(&a);
    ahead::compute(&store, &req, &shared).unwrap();
    shared.lock().unwrap().households.as_mut().unwrap().1.truncate(3);
    a.household_sort = lianhu::store::households::Sort::Head;
    app::update(&mut a, &mut store, Action::GoTab(1));
    assert_eq!(a.households.total, 7);
}
