//! The visit log and concerns in the store: corrections with optimistic
//! locking and audit, concerns following a visit, the concern flow.

mod common;

use common::*;
use lianhu::domain::model::{ConcernStatus, Mode, Sorting};
use lianhu::store::records::VisitInput;
use lianhu::store::{Store, StoreError, audit, concerns, visits};

fn first_visit(store: &lianhu::store::Store) -> visits::Visit {
    visits::page(store.conn(), &visits::Query::default(), 0, 1).unwrap().remove(0)
}

/// The concerns a view of 问题 lists, in its order (7 days to stuck).
fn shown(store: &Store, show: concerns::Show) -> Vec<concerns::Concern> {
    let ids: Vec<i64> = concerns::keyed(store.conn(), show, today(), 7).unwrap().into_iter().map(|(id, _)| id).collect();
    concerns::by_ids(store.conn(), &ids).unwrap()
}

#[test]
fn a_correction_is_audited_and_a_stale_one_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("l.db"));
    let v = first_visit(&store);
    let mut input = v.input();
    input.visit.sorting = Some(Sorting::Accurate);
    input.visit.mode = Mode::Phone;
    store.write(|tx, ctx| visits::correct(tx, ctx, v.id, v.version, &input)).unwrap();
    let after = visits::get(store.conn(), v.id).unwrap();
    assert_eq!((after.visit.mode, after.visit.sorting, after.version), (Mode::Phone, Some(Sorting::Accurate), v.version + 1));
    let history = audit::history(store.conn(), "visit", v.id).unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
    // Someone else's copy, opened before the correction, cannot overwrite it.
    let stale = store.write(|tx, ctx| visits::correct(tx, ctx, v.id, v.version, &v.input()));
    assert!(matches!(stale, Err(StoreError::Conflict)));
    assert_eq!(visits::get(store.conn(), v.id).unwrap().visit.mode, Mode::Phone);
}

#[test]
fn a_concern_follows_its_visit_until_someone_takes_it_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("l.db"));
    let v = first_visit(&store);
    let mut input: VisitInput = v.input();
    input.visit.concern = "垃圾桶破损".into();
    store.write(|tx, ctx| visits::correct(tx, ctx, v.id, v.version, &input)).unwrap();
    let all = shown(&store, concerns::Show::All);
    assert_eq!((all.len(), all[0].text.as_str(), all[0].status), (1, "垃圾桶破损", ConcernStatus::Open));
    // Found by its text, its household's head (initials) or its member; not by others.
    let key = &concerns::keyed(store.conn(), concerns::Show::All, today(), 7).unwrap()[0].1;
    for q in ["桶破", all[0].head.as_str(), all[0].member.as_str(), "wf"] {
        assert!(lianhu::domain::search::Matcher::new(q).matches(key), "{q}");
    }
    assert!(!lianhu::domain::search::Matcher::new("钱七").matches(key));
    // Withdrawn while still waiting: the concern goes with it.
    input.visit.concern.clear();
    store.write(|tx, ctx| visits::correct(tx, ctx, v.id, v.version + 1, &input)).unwrap();
    assert_eq!(shown(&store, concerns::Show::All).len(), 0);
    // Raised again and taken up by the village: it can no longer be withdrawn.
    input.visit.concern = "垃圾桶破损".into();
    store.write(|tx, ctx| visits::correct(tx, ctx, v.id, v.version + 2, &input)).unwrap();
    let c = shown(&store, concerns::Show::All).remove(0);
    store.write(|tx, ctx| concerns::advance(tx, ctx, c.id, c.version, ConcernStatus::Village, today(), "")).unwrap();
    input.visit.concern.clear();
    let refused = store.write(|tx, ctx| visits::correct(tx, ctx, v.id, v.version + 3, &input));
    assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
}

#[test]
fn the_concern_flow_and_its_dated_steps() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("l.db"));
    let v = first_visit(&store);
    let mut input = v.input();
    input.visit.concern = "有害垃圾不知道投放到哪里".into();
    store.write(|tx, ctx| visits::correct(tx, ctx, v.id, v.version, &input)).unwrap();
    let c = shown(&store, concerns::Show::All).remove(0);
    assert_eq!(c.since, v.visit.date);
    // Straight to 已办结 is not a step of the flow.
    let skip = store.write(|tx, ctx| concerns::advance(tx, ctx, c.id, c.version, ConcernStatus::Closed, today(), ""));
    assert!(matches!(skip, Err(StoreError::Invalid(_))));
    // A step before the concern reached its level, or after today, is refused.
    let early = store.write(|tx, ctx| concerns::advance(tx, ctx, c.id, c.version, ConcernStatus::Village, d("2026-11-01"), ""));
    assert!(matches!(early, Err(StoreError::Invalid(_))));
    let late = store.write(|tx, ctx| concerns::advance(tx, ctx, c.id, c.version, ConcernStatus::Village, d("2026-11-23"), ""));
    assert!(matches!(late, Err(StoreError::Invalid(_))));
    store.write(|tx, ctx| concerns::advance(tx, ctx, c.id, c.version, ConcernStatus::Village, d("2026-11-12"), "村委已登记")).unwrap();
    store.write(|tx, ctx| concerns::advance(tx, ctx, c.id, c.version + 1, ConcernStatus::Township, d("2026-11-13"), "")).unwrap();
    // Nine days at 上报乡党委 on 11-22: stuck (more than 7).
    let stuck = shown(&store, concerns::Show::Stuck);
    assert_eq!(stuck.len(), 1);
    assert!(stuck[0].status.is_stuck(stuck[0].since, today(), 7));
    store.write(|tx, ctx| concerns::advance(tx, ctx, c.id, c.version + 2, ConcernStatus::Closed, today(), "已安排收集点")).unwrap();
    let steps = concerns::steps(store.conn(), c.id).unwrap();
    let flow: Vec<_> = steps.iter().map(|s| (s.status, lianhu::store::date_text(s.on))).collect();
    assert_eq!(
        flow,
        vec![
            (ConcernStatus::Open, "2026-11-10".to_string()),
            (ConcernStatus::Village, "2026-11-12".to_string()),
            (ConcernStatus::Township, "2026-11-13".to_string()),
            (ConcernStatus::Closed, "2026-11-22".to_string()),
        ]
    );
    assert!(steps.iter().all(|s| s.by == store.who));
    assert_eq!(shown(&store, concerns::Show::Open).len(), 0);
    // The export carries the steps and who took them.
    let rows = lianhu::store::export::concerns(store.conn(), &Default::default(), today(), 7).unwrap();
    assert!(rows[0][10].contains("上报乡党委") && rows[0][10].contains("已安排收集点"), "{:?}", rows[0]);
}

#[test]
fn the_log_filters_by_household_or_member_text_and_initials() {
    let dir = tempfile::tempdir().unwrap();
    let store = township(&dir.path().join("l.db"));
    let count = |q: visits::Query| visits::count(store.conn(), &q).unwrap();
    assert_eq!(count(visits::Query::default()), 5);
    assert_eq!(count(visits::Query { text: "zsf".into(), ..Default::default() }), 1, "张三丰 by initials");
    assert_eq!(count(visits::Query { text: "王芳".into(), ..Default::default() }), 4, "a member's visits");
    assert_eq!(count(visits::Query { member: "wf".into(), village: "湖口".into(), ..Default::default() }), 4);
    assert_eq!(count(visits::Query { household: "钱七".into(), to: Some(d("2026-10-19")), ..Default::default() }), 0);
    let page = visits::page(store.conn(), &visits::Query { text: "sb".into(), ..Default::default() }, 0, 10).unwrap();
    assert_eq!(page.iter().map(|v| v.head.as_str()).collect::<Vec<_>>(), vec!["钱七"], "孙八's visit");
}
