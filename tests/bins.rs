//! 党员责任垃圾桶 held by 督导员 and their duty days in the store: only a
//! 督导员 holds a bin, one duty day per member and date, changes at the
//! version seen, the year's days counted, all audited.

mod common;

use common::*;
use lianhu::domain::model::Duty;
use lianhu::store::programme::bins;
use lianhu::store::{StoreError, programme};

#[test]
fn a_bin_is_held_by_a_supervisor_who_logs_one_duty_day_per_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = township(&dir.path().join("t.db"));
    let v = lianhu::store::places::village_id(store.conn(), "湖口村").unwrap().unwrap();
    let (wang, shan) = (member_id(&store, "王芳"), member_id(&store, "单雄信"));
    // Not yet a 督导员: refused.
    let refused = store.write(|tx, ctx| bins::save(tx, ctx, v, None, "三组村口", "三组", wang));
    assert!(matches!(refused, Err(StoreError::Invalid(_))));
    store.write(|tx, ctx| programme::set_duties(tx, ctx, wang, &[Duty::Supervisor])).unwrap();
    assert_eq!(bins::supervisors(store.conn(), v).unwrap().iter().map(|s| s.1.as_str()).collect::<Vec<_>>(), vec!["王芳"]);
    let bin = store.write(|tx, ctx| bins::save(tx, ctx, v, None, "三组村口", "三组", wang)).unwrap();
    store.write(|tx, ctx| bins::log_duty(tx, ctx, bin, d("2026-11-20"), "劝导混投")).unwrap();
    store.write(|tx, ctx| bins::log_duty(tx, ctx, bin, d("2025-12-30"), "")).unwrap();
    let twice = store.write(|tx, ctx| bins::log_duty(tx, ctx, bin, d("2026-11-20"), "again"));
    assert!(matches!(twice, Err(StoreError::Invalid(_))), "one duty day per member and date");

    let list = bins::of_village(store.conn(), v, 2026).unwrap();
    assert_eq!(list.len(), 1);
    let b = &list[0];
    assert_eq!((b.location.as_str(), b.group.as_str(), b.member.as_str()), ("三组村口", "三组", "王芳"));
    assert_eq!((b.days_in_year, b.last_day), (1, Some(d("2026-11-20"))));
    assert_eq!(bins::days_of(store.conn(), wang, 2026).unwrap(), 1);
    let days = bins::duty_days(store.conn(), bin, 5).unwrap();
    assert_eq!(
        days.iter().map(|(d, m, n)| (d.to_string(), m.as_str(), n.as_str())).collect::<Vec<_>>(),
        vec![("2026-11-20".to_string(), "王芳", "劝导混投"), ("2025-12-30".to_string(), "王芳", "")]
    );

    // Handed to another 督导员 at the version seen; a stale change is refused.
    store.write(|tx, ctx| programme::set_duties(tx, ctx, shan, &[Duty::Supervisor])).unwrap();
    store.write(|tx, ctx| bins::save(tx, ctx, v, Some((bin, b.version)), "三组村口", "三组", shan)).unwrap();
    let stale = store.write(|tx, ctx| bins::save(tx, ctx, v, Some((bin, b.version)), "三组村口西", "三组", shan));
    assert!(matches!(stale, Err(StoreError::Conflict)));
    let audited: i64 = store.conn().query_row("SELECT count(*) FROM audit WHERE entity IN ('bin', 'duty_day')", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 4, "created, two duty days, handed over");
}
