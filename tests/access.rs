//! Access by village (users table): administrators change everything, a
//! village clerk only their village, readers nothing; with no users, all
//! may. The app and the command line refuse alike and say why.

mod common;

use common::*;
use lianhu::app::{self, Action, App, TabAction};
use lianhu::domain::rules::Rules;
use std::path::Path;

/// Runs the binary as `user`: the test owns the database file, so it may
/// speak for anyone with `--as`, as the township server's forced commands do.
fn as_user(db: &Path, user: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lianhu"))
        .arg("--as")
        .arg(user)
        .args(args)
        .env("LIANHU_DB", db)
        .env("LIANHU_TODAY", "2026-11-22")
        .env_remove("SUDO_USER")
        .env_remove("LIANHU_LANG")
        .output()
        .unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[test]
fn clerks_change_their_village_readers_and_strangers_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    drop(township(&db));
    let hukou = write(dir.path(), "hk.csv", "村,地址,户主,类别\n湖口村,湖口村九组1号,司马光,一般户\n");
    let dongyang = write(dir.path(), "dy.csv", "村,地址,户主,类别\n东阳村,东阳村九组1号,王安石,一般户\n");
    // Nobody configured: anyone may.
    assert!(as_user(&db, "anyone", &["import", "households", hukou.to_str().unwrap()]).status.success());
    // Only an administrator changes the list: with nobody configured that
    // is the file's owner (the test itself, with no --as).
    let o = as_user(&db, "anyone", &["users", "set", "x", "reader"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("anyone 不是管理员"), "{}", stderr(&o));
    assert!(lianhu(&db, &["users", "set", "chief", "admin"]).status.success());
    // Now the list is closed: a user not on it reads only.
    let o = as_user(&db, "stranger", &["import", "households", hukou.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("stranger 不在用户名单中"), "{}", stderr(&o));
    assert!(as_user(&db, "chief", &["users", "set", "clerk1", "clerk", "--village", "湖口村"]).status.success());
    assert!(as_user(&db, "chief", &["users", "set", "viewer", "reader"]).status.success());
    assert_eq!(as_user(&db, "chief", &["users", "set", "c2", "clerk"]).status.code(), Some(2), "a clerk needs a village");
    let list = String::from_utf8(as_user(&db, "viewer", &["users", "list"]).stdout).unwrap();
    assert!(list.contains("clerk1\tclerk\t湖口村") && list.contains("chief\tadmin"), "{list}");
    // The clerk: own village yes, another no, and nothing half-done.
    assert!(as_user(&db, "clerk1", &["import", "households", hukou.to_str().unwrap()]).status.success());
    let o = as_user(&db, "clerk1", &["import", "households", dongyang.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("clerk1 只能修改 湖口村"), "{}", stderr(&o));
    let o = as_user(&db, "viewer", &["import", "households", hukou.to_str().unwrap()]);
    assert!(stderr(&o).contains("viewer 只有查看权限"), "{}", stderr(&o));
    assert!(as_user(&db, "viewer", &["due", "--format", "json"]).status.success(), "reading is for everyone");
    assert!(as_user(&db, "chief", &["import", "households", dongyang.to_str().unwrap()]).status.success());
    let o = as_user(&db, "clerk1", &["score", "--quarter", "2026Q3", "--finalize"]);
    assert!(stderr(&o).contains("只能修改 湖口村"), "finalising every village is refused: {}", stderr(&o));
    let n: i64 = rusqlite::Connection::open(&db).unwrap().query_row("SELECT count(*) FROM quarter_finals", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0, "all or nothing");
}

#[test]
fn the_app_refuses_a_clerks_edit_of_another_village_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    drop(township(&db));
    assert!(lianhu(&db, &["users", "set", "clerk1", "clerk", "--village", "湖口村"]).status.success());
    let mut store = lianhu::store::Store::open(&db, today()).unwrap();
    store.who = "clerk1".into();
    let mut a = App::new(settings(), Rules::defaults(), 80, 24);
    app::start(&mut a, &mut store);
    app::update(&mut a, &mut store, Action::GoTab(2));
    // Issue 20: a clerk's tabs open on their village.
    assert!(a.tabs.households.list.rows.iter().all(|h| h.village == "湖口村"), "{}", screen(&a, 80, 24));
    assert!(screen(&a, 80, 24).contains("村: 湖口村"));
    // The rest they may read: V, every village.
    app::update(&mut a, &mut store, Action::ChooseVillage);
    app::update(&mut a, &mut store, Action::Home);
    app::update(&mut a, &mut store, Action::FinishPick);
    // 东阳村 sorts first.
    assert_eq!(a.tabs.households.list.current().map(|h| h.village.as_str()), Some("东阳村"), "{:?}", a.status);
    app::update(&mut a, &mut store, Action::Tab(TabAction::Edit));
    a.form_mut().unwrap().focus_on("note");
    type_in(&mut a, &mut store, "改");
    app::update(&mut a, &mut store, Action::Save);
    let s = screen(&a, 80, 24);
    assert!(s.contains("clerk1 只能修改 湖口村") && a.form().is_some(), "{s}");
}
