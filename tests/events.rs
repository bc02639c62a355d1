//! 联户长座谈会 and 五个载体 activities in the store: recorded per village and
//! year with their attendees, changed only at the version seen, audited,
//! and a meeting's concerns going the concerns' way.

mod common;

use common::*;
use lianhu::domain::events::EventText;
use lianhu::domain::model::EventKind;
use lianhu::store::programme::meetings as events;
use lianhu::store::{StoreError, concerns};

fn fields(kind: &str, date: &str, title: &str, difficulties: &str) -> lianhu::domain::events::EventFields {
    EventText {
        date: date.into(),
        kind: kind.into(),
        title: title.into(),
        difficulties: difficulties.into(),
        decisions: String::new(),
        others: "12".into(),
    }
    .validate(today())
    .unwrap()
}

#[test]
fn events_are_kept_per_village_and_year_with_attendees_and_changed_only_at_the_version_seen() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("t.db"));
    let v = lianhu::store::places::village_id(store.conn(), "湖口村").unwrap().unwrap();
    let (wang, shan) = (member_id(&store, "王芳"), member_id(&store, "单雄信"));
    let meeting = store.write(|tx, ctx| events::save(tx, ctx, v, None, &fields("联户长座谈会", "2026-11-20", "", "三组桶不够"))).unwrap();
    store.write(|tx, ctx| events::save(tx, ctx, v, None, &fields("专题培训", "2026-03-02", "分类知识培训", ""))).unwrap();
    store.write(|tx, ctx| events::save(tx, ctx, v, None, &fields("倡议书", "2025-12-01", "致全体党员", ""))).unwrap();
    store.write(|tx, ctx| events::set_attendees(tx, ctx, meeting, &[shan, wang, wang])).unwrap();

    let year = events::of_year(store.conn(), v, 2026).unwrap();
    assert_eq!(
        year.iter().map(|e| e.kind).collect::<Vec<_>>(),
        vec![EventKind::LeaderMeeting, EventKind::Training],
        "newest first, 2026 only"
    );
    assert_eq!(year[0].attendees.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(), vec!["单雄信", "王芳"]);
    assert_eq!(year[0].others, 12);
    assert_eq!(events::attended(store.conn(), wang, 2026).unwrap(), (1, 0));

    // A change made at an old version is refused, not written over.
    let version = year[0].version;
    let mut f = fields("联户长座谈会", "2026-11-20", "", "三组桶不够，四组也缺");
    store.write(|tx, ctx| events::save(tx, ctx, v, Some((meeting, version)), &f)).unwrap();
    f.decisions = "再加两组".into();
    let stale = store.write(|tx, ctx| events::save(tx, ctx, v, Some((meeting, version)), &f));
    assert!(matches!(stale, Err(StoreError::Conflict)));
    let audited: i64 = store.conn().query_row("SELECT count(*) FROM audit WHERE entity = 'event'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 5, "three created, one changed, attendees once");
}

#[test]
fn a_meetings_concern_goes_to_the_households_member_and_starts_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("t.db"));
    let v = lianhu::store::places::village_id(store.conn(), "湖口村").unwrap().unwrap();
    let meeting = store.write(|tx, ctx| events::save(tx, ctx, v, None, &fields("联户长座谈会", "2026-11-20", "", "李四家混投"))).unwrap();
    let li = id_of(&store, "李四");
    let id = store.write(|tx, ctx| events::open_concern(tx, ctx, meeting, li, "李四家混投，需上门指导")).unwrap();
    let c = concerns::get(store.conn(), id).unwrap();
    assert_eq!((c.member.as_str(), c.raised_on, c.status.zh()), ("王芳", d("2026-11-20"), "待处理"));
    assert_eq!(events::of_year(store.conn(), v, 2026).unwrap()[0].concerns, 1);
    // 赵六 has no member: the concern would go nowhere.
    let zhao = id_of(&store, "赵六");
    let refused = store.write(|tx, ctx| events::open_concern(tx, ctx, meeting, zhao, "x"));
    assert!(matches!(refused, Err(StoreError::Invalid(_))));
}
