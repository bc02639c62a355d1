//! Two staff on one database file: a save over someone else's change opens
//! the conflict screen (both versions, field by field) instead of
//! overwriting; a refresh shows the other user's saved change.

mod common;

use common::*;
use lianhu::app::{self, Action, App, TabAction};
use lianhu::domain::rules::Rules;
use lianhu::store::{Store, households};

fn two() -> (tempfile::TempDir, Store, Store) {
    let (dir, mut a) = temp_store();
    a.write(|tx, ctx| {
        let mut h = household("湖口村", "张三丰", "湖口村三组1号", "一般户");
        h.phone = "13812345678".into();
        households::save(tx, ctx, None, &h.validate().unwrap())
    })
    .unwrap();
    let b = Store::open(&dir.path().join("lianhu.db"), today()).unwrap();
    (dir, a, b)
}

fn households_tab(store: &mut Store) -> App {
    let mut a = App::new(settings(), Rules::defaults(), 80, 24);
    a.detail = Some(true); // these tests read the detail pane too
    app::start(&mut a, store);
    app::update(&mut a, store, Action::GoTab(2));
    a
}

fn set(a: &mut App, store: &mut Store, key: &str, value: &str) {
    let form = a.form_mut().unwrap();
    form.focus_on(key);
    form.field_mut(key).unwrap().set("");
    type_in(a, store, value);
}

#[test]
fn a_save_over_another_users_change_shows_both_and_merges_field_by_field() {
    let (_d, mut sa, mut sb) = two();
    let mut a = households_tab(&mut sa);
    let mut b = households_tab(&mut sb);
    app::update(&mut a, &mut sa, Action::Tab(TabAction::Edit));
    app::update(&mut b, &mut sb, Action::Tab(TabAction::Edit));
    set(&mut b, &mut sb, "phone", "13900001111");
    app::update(&mut b, &mut sb, Action::Save);
    assert!(b.form().is_none(), "the first save goes through");
    // A's list picks up B's change on the next refresh (data_version).
    set(&mut a, &mut sa, "note", "独居老人，需多关照");
    app::update(&mut a, &mut sa, Action::Save);
    let c = a.conflict().expect("the conflict screen");
    let keys: Vec<&str> = c.fields.iter().map(|d| d.key).collect();
    assert_eq!(keys, ["phone", "note"]);
    let s = screen(&a, 80, 24);
    assert!(s.contains("有人已保存了这条记录"), "{s}");
    insta::assert_snapshot!(s);
    // Issue 20: merged three ways: B's phone (A left it as it was) is
    // taken already, A's note kept; j and k move in the list.
    let c = a.conflict().unwrap();
    assert_eq!(c.fields.iter().map(|d| d.take_theirs).collect::<Vec<_>>(), [true, false]);
    for k in ['j', 'k'] {
        let action = lianhu::app::keys::lookup(lianhu::app::keymap::Mode::Conflict, &key(k)).expect("bound");
        app::update(&mut a, &mut sa, action);
        assert_eq!(a.conflict().unwrap().selected, usize::from(k == 'j'));
    }
    app::update(&mut a, &mut sa, Action::Save);
    assert!(a.conflict().is_none() && a.form().is_none(), "{}", screen(&a, 80, 24));
    let h = households::get(sa.conn(), 1, "2026-11-22").unwrap();
    assert_eq!((h.phone.as_str(), h.note.as_str()), ("13900001111", "独居老人，需多关照"));
    // B refreshes and sees A's note in the detail.
    app::refresh(&mut b, &mut sb);
    assert!(screen(&b, 80, 24).contains("独居老人"));
    // The household's history is one key away: both saves, newest first.
    app::update(&mut b, &mut sb, Action::Tab(TabAction::ShowHistory));
    let s = screen(&b, 80, 24);
    // Issue 20: in the screen's language, fields named as the form names
    // them, values as it shows them.
    assert!(s.contains("张三丰：3 条修改记录"), "{s}");
    assert!(s.contains("修改  备注: - → 独居老人，需多关照"), "{s}");
    assert!(s.contains("修改  电话: 13812345678 → 13900001111"), "{s}");
    assert!(!s.contains("update") && !s.contains('"'), "{s}");
}

#[test]
fn taking_the_other_version_writes_nothing() {
    let (_d, mut sa, mut sb) = two();
    let mut a = households_tab(&mut sa);
    let mut b = households_tab(&mut sb);
    app::update(&mut a, &mut sa, Action::Tab(TabAction::Edit));
    app::update(&mut b, &mut sb, Action::Tab(TabAction::Edit));
    set(&mut b, &mut sb, "head", "张君宝");
    app::update(&mut b, &mut sb, Action::Save);
    set(&mut a, &mut sa, "head", "张真人");
    app::update(&mut a, &mut sa, Action::Save);
    app::update(&mut a, &mut sa, Action::TakeTheirs);
    app::update(&mut a, &mut sa, Action::Save);
    assert!(a.form().is_none());
    assert!(screen(&a, 80, 24).contains("已采用对方保存的版本"));
    assert_eq!(households::get(sa.conn(), 1, "2026-11-22").unwrap().head, "张君宝");
    // Esc on the conflict screen goes back to the form with what was typed.
    app::update(&mut b, &mut sb, Action::Tab(TabAction::Edit));
    app::update(&mut a, &mut sa, Action::Tab(TabAction::Edit));
    set(&mut a, &mut sa, "head", "张三");
    app::update(&mut a, &mut sa, Action::Save);
    set(&mut b, &mut sb, "head", "张四");
    app::update(&mut b, &mut sb, Action::Save);
    assert!(b.conflict().is_some());
    app::update(&mut b, &mut sb, Action::Cancel);
    assert!(b.conflict().is_none() && b.form().is_some_and(|f| f.value("head") == "张四"));
}

#[test]
fn two_corrections_of_one_visit_meet_on_the_conflict_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    drop(township(&path));
    let (mut sa, mut sb) = (Store::open(&path, today()).unwrap(), Store::open(&path, today()).unwrap());
    let open = |store: &mut Store| {
        let mut a = App::new(settings(), Rules::defaults(), 80, 24);
        a.detail = Some(true); // these tests read the detail pane too
        app::start(&mut a, store);
        app::update(&mut a, store, Action::GoTab(4));
        app::update(&mut a, store, Action::Tab(TabAction::Edit));
        a
    };
    let mut a = open(&mut sa);
    let mut b = open(&mut sb);
    set(&mut b, &mut sb, "note", "入户宣传，已发放分类桶");
    app::update(&mut b, &mut sb, Action::Save);
    assert!(b.form().is_none());
    set(&mut a, &mut sa, "note", "电话回访");
    app::update(&mut a, &mut sa, Action::Save);
    let c = a.conflict().expect("conflict screen for a visit too");
    assert_eq!(c.fields.iter().map(|d| (d.mine.as_str(), d.theirs.as_str())).collect::<Vec<_>>(), [("电话回访", "入户宣传，已发放分类桶")]);
    app::update(&mut a, &mut sa, Action::KeepMine);
    app::update(&mut a, &mut sa, Action::Save);
    assert!(a.form().is_none(), "{}", screen(&a, 80, 24));
    let notes: i64 = sa.conn().query_row("SELECT count(*) FROM visits WHERE note = '电话回访'", [], |r| r.get(0)).unwrap();
    assert_eq!(notes, 1);
}
