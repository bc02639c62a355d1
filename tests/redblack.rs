//! 红黑榜 in the store: suggestions from the month's data, the propose /
//! confirm / drop steps (dated, audited, refused when someone else moved
//! first), the printable board with its masked black list, and the export.

mod common;

use common::*;
use lianhu::domain::model::{List, ListState};
use lianhu::domain::period::Month;
use lianhu::domain::redblack::{Basis, Step};
use lianhu::store::programme::redblack;
use lianhu::store::{Store, StoreError, linking};

fn nov() -> Month {
    Month::new(2026, 11).unwrap()
}

fn seen(household_id: i64, list: List, state: Option<ListState>) -> redblack::Seen {
    redblack::Seen { household_id, month: nov(), list, state }
}

fn village(store: &Store) -> i64 {
    lianhu::store::places::village_id(store.conn(), "湖口村").unwrap().unwrap()
}

#[test]
fn the_month_suggests_the_tisheng_households_black_and_the_all_accurate_red() {
    let dir = tempfile::tempdir().unwrap();
    let store = redblack_township(&dir.path().join("t.db"));
    let rows = redblack::month(store.conn(), village(&store), nov(), today()).unwrap();
    let got: Vec<(&str, List, Option<Basis>)> = rows.iter().map(|r| (r.head.as_str(), r.list(), r.suggested.map(|(_, b)| b))).collect();
    assert_eq!(got, vec![("张三丰", List::Red, Some(Basis::AllAccurate(2))), ("李四", List::Black, Some(Basis::Improving))]);
    // October: nobody visited with a sorting seen; 李四 was already 提升户.
    let oct = redblack::month(store.conn(), village(&store), nov().prev(), today()).unwrap();
    assert_eq!(oct.iter().map(|r| r.head.as_str()).collect::<Vec<_>>(), vec!["李四"]);
}

#[test]
fn a_leader_proposes_the_village_confirms_or_drops_and_every_step_is_dated_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = redblack_township(&dir.path().join("t.db"));
    let (zhang, li) = (id_of(&store, "张三丰"), id_of(&store, "李四"));
    let (wang, shan) = (member_id(&store, "王芳"), member_id(&store, "单雄信"));
    store.write(|tx, ctx| linking::set_leader(tx, ctx, wang, Some(shan))).unwrap();
    store.write(|tx, ctx| redblack::take(tx, ctx, &seen(zhang, List::Red, None), Step::Propose, "三次都分得好")).unwrap();
    // Someone else saw it before the proposal: their step is refused.
    let stale = store.write(|tx, ctx| redblack::take(tx, ctx, &seen(zhang, List::Red, None), Step::Confirm, ""));
    assert!(matches!(stale, Err(StoreError::Conflict)));
    store.write(|tx, ctx| redblack::take(tx, ctx, &seen(zhang, List::Red, Some(ListState::Proposed)), Step::Confirm, "")).unwrap();
    // The village may confirm a suggestion directly, and drop it again.
    store.write(|tx, ctx| redblack::take(tx, ctx, &seen(li, List::Black, None), Step::Confirm, "")).unwrap();
    let refused = store.write(|tx, ctx| redblack::take(tx, ctx, &seen(li, List::Black, Some(ListState::Confirmed)), Step::Confirm, ""));
    assert!(matches!(refused, Err(StoreError::Invalid(_))));

    let rows = redblack::month(store.conn(), village(&store), nov(), today()).unwrap();
    let zhang_row = rows.iter().find(|r| r.household_id == zhang).unwrap();
    let e = zhang_row.entry.as_ref().unwrap();
    assert_eq!((e.state, e.proposer.as_deref(), e.note.as_str()), (ListState::Confirmed, Some("单雄信"), "三次都分得好"));
    assert_eq!((e.proposed_on, e.decided_on), (today(), Some(today())));
    let li_row = rows.iter().find(|r| r.household_id == li).unwrap();
    assert_eq!(li_row.entry.as_ref().map(|e| (e.state, e.proposer.clone())), Some((ListState::Confirmed, None)));

    store.write(|tx, ctx| redblack::take(tx, ctx, &seen(li, List::Black, Some(ListState::Confirmed)), Step::Drop, "已改正")).unwrap();
    let audited: Vec<String> = store
        .conn()
        .prepare("SELECT action FROM audit WHERE entity = 'redblack' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(audited, vec!["propose", "confirm", "confirm", "drop"]);
}

#[test]
fn the_board_lists_confirmed_entries_with_the_black_list_masked_until_the_village_shows_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = redblack_township(&dir.path().join("t.db"));
    let (zhang, li, ou) = (id_of(&store, "张三丰"), id_of(&store, "李四"), id_of(&store, "欧阳娜娜"));
    store.write(|tx, ctx| redblack::take(tx, ctx, &seen(zhang, List::Red, None), Step::Confirm, "")).unwrap();
    store.write(|tx, ctx| redblack::take(tx, ctx, &seen(li, List::Black, None), Step::Confirm, "")).unwrap();
    // Proposed only: not on the board.
    store.write(|tx, ctx| redblack::take(tx, ctx, &seen(ou, List::Black, None), Step::Propose, "混投")).unwrap();
    let board = redblack::boards(store.conn(), nov(), Some(village(&store)), today()).unwrap().pop().unwrap();
    assert_eq!(board.red.iter().map(|l| (l.name.as_str(), l.address.as_str())).collect::<Vec<_>>(), vec![("张三丰", "湖口村三组1号")]);
    assert_eq!(
        board.black.iter().map(|l| (l.name.as_str(), l.group.as_str(), l.address.as_str())).collect::<Vec<_>>(),
        vec![("李某", "三组", "")]
    );
    let v = village(&store);
    store.write(|tx, ctx| redblack::set_full_names(tx, ctx, v, true)).unwrap();
    let board = redblack::boards(store.conn(), nov(), Some(v), today()).unwrap().pop().unwrap();
    assert_eq!(board.black[0].name, "李四");
    assert_eq!(board.black[0].address, "湖口村三组3号");
}

#[test]
fn export_redblack_writes_the_a4_board_and_needs_a_month() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut store = redblack_township(&db);
    let li = id_of(&store, "李四");
    store.write(|tx, ctx| redblack::take(tx, ctx, &seen(li, List::Black, None), Step::Confirm, "")).unwrap();
    drop(store);
    let out = dir.path().join("榜.html");
    let run = lianhu(&db, &["export", "redblack", out.to_str().unwrap(), "--month", "2026-11", "--village", "湖口村"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("湖口村 2026年11月 垃圾分类红黑榜"));
    assert!(page.contains("<td>李某</td><td>三组</td></tr>"));
    assert!(!page.contains("李四"));
    let missing = lianhu(&db, &["export", "redblack", out.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--month"));
    let bad = lianhu(&db, &["export", "redblack", out.to_str().unwrap(), "--month", "2026-13"]);
    assert_eq!(bad.status.code(), Some(2));
}
