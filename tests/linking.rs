//! Linking through the store and the command line: the history through a
//! move and an end, coverage, suggestions (relations first, within loads,
//! never to exempt members) and `links suggest --apply`, contact cards.

mod common;

use common::*;
use lianhu::domain::linking::Reason;
use lianhu::domain::rules::Rules;
use lianhu::store::{Store, households, linking, links, members};

/// 湖口村: 王芳 (两委干部), 单雄信 (普通党员), 孙二娘 (普通党员, 流动); five
/// households in 三组 (1幢 for the first two), none linked.
fn village() -> (tempfile::TempDir, Store, Vec<i64>, Vec<i64>) {
    let (dir, mut store) = temp_store();
    let (ms, hs) = store
        .write(|tx, ctx| {
            let mut ms = Vec::new();
            for (name, phone, role, status) in [
                ("王芳", "13900000001", "两委干部", "正常"),
                ("单雄信", "13900000002", "普通党员", "正常"),
                ("孙二娘", "13900000003", "普通党员", "流动"),
            ] {
                let mut m = member("湖口村", name, phone, role);
                m.status = status.into();
                ms.push(members::save(tx, ctx, None, &m.validate().unwrap())?.id());
            }
            let mut hs = Vec::new();
            for i in 1..=5 {
                let mut h = household("湖口村", &format!("户主{i}"), &format!("湖口村三组{i}号"), "一般户");
                h.group = "三组".into();
                if i <= 2 {
                    h.building = "1幢".into();
                }
                hs.push(households::save(tx, ctx, None, &h.validate().unwrap())?.id());
            }
            Ok::<_, lianhu::store::StoreError>((ms, hs))
        })
        .unwrap();
    (dir, store, ms, hs)
}

#[test]
fn a_move_ends_the_old_link_the_day_before_and_both_histories_keep_it() {
    let (_d, mut store, ms, hs) = village();
    let (wang, shan, h) = (ms[0], ms[1], hs[0]);
    store.write(|tx, ctx| links::link(tx, ctx, wang, h, d("2026-06-01"))).unwrap();
    let moved = store.write(|tx, ctx| links::link(tx, ctx, shan, h, d("2026-09-01"))).unwrap();
    assert_eq!(moved, links::Linked::Moved);
    let history = links::household_history(store.conn(), h).unwrap();
    assert_eq!(history[0], ("单雄信".into(), "13900000002".into(), "2026-09-01".into(), None));
    assert_eq!(history[1], ("王芳".into(), "13900000001".into(), "2026-06-01".into(), Some("2026-08-31".into())));
    let wang_links = linking::member_history(store.conn(), wang).unwrap();
    assert_eq!(wang_links[0].3.as_deref(), Some("2026-08-31"));
    // Ending the link: not before it began; afterwards the household is unlinked.
    assert!(store.write(|tx, ctx| linking::unlink(tx, ctx, h, d("2026-08-15"))).is_err());
    assert!(store.write(|tx, ctx| linking::unlink(tx, ctx, h, d("2026-10-31"))).unwrap());
    assert!(!store.write(|tx, ctx| linking::unlink(tx, ctx, h, d("2026-11-01"))).unwrap(), "nothing left to end");
    let c = linking::coverage(store.conn(), today()).unwrap();
    assert_eq!(c.unlinked, vec![("湖口村".into(), "三组".into(), 5)]);
    assert_eq!(c.idle_active(), 2, "孙二娘 is exempt: listed but not counted");
    let shan_links = linking::member_history(store.conn(), shan).unwrap();
    assert_eq!((shan_links[0].2.as_str(), shan_links[0].3.as_deref()), ("2026-09-01", Some("2026-10-31")));
}

#[test]
fn suggestions_put_relations_first_then_the_building_and_stay_within_loads() {
    let (_d, mut store, ms, hs) = village();
    let (wang, shan) = (ms[0], ms[1]);
    // 单雄信 already has 户主1 (1幢) and four more households elsewhere: one short of his max 5.
    store
        .write(|tx, ctx| {
            links::link(tx, ctx, shan, hs[0], d("2026-06-01"))?;
            for i in 0..3 {
                let h = households::save(
                    tx,
                    ctx,
                    None,
                    &household("湖口村", &format!("外户{i}"), &format!("湖口村五组{i}号"), "一般户").validate().unwrap(),
                )?
                .id();
                links::link(tx, ctx, shan, h, d("2026-06-01"))?;
            }
            tx.execute("INSERT INTO relations (member_id, household_id, kind) VALUES (?1, ?2, 'kin')", [wang, hs[4]])?;
            Ok::<_, lianhu::store::StoreError>(())
        })
        .unwrap();
    let rows = linking::suggest(store.conn(), None, today(), &Rules::defaults().loads).unwrap();
    let got: Vec<(&str, Option<&str>, Option<Reason>)> =
        rows.iter().map(|r| (r.head.as_str(), r.member.as_ref().map(|(_, n, _)| n.as_str()), r.reason)).collect();
    assert_eq!(
        got,
        vec![
            // Kin first (户主5 to 王芳), then the building: 单雄信's last place
            // goes to 户主2 in his 1幢, not to 户主3 in his group.
            ("户主2", Some("单雄信"), Some(Reason::Building)),
            // 单雄信 is full now (5); 王芳 has 户主5 in 三组.
            ("户主3", Some("王芳"), Some(Reason::Group)),
            ("户主4", Some("王芳"), Some(Reason::Group)),
            ("户主5", Some("王芳"), Some(Reason::Kin)),
        ]
    );
    assert!(rows.iter().all(|r| r.member.as_ref().is_none_or(|(id, _, _)| *id != ms[2])), "never the exempt member");
}

#[test]
fn links_suggest_prints_then_applies_and_cards_show_the_member() {
    let (dir, store, _ms, _hs) = village();
    drop(store);
    let db = dir.path().join("lianhu.db");
    let json = lianhu(&db, &["links", "suggest", "--format", "json"]);
    assert!(json.status.success());
    let items: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 5);
    let keys: Vec<&str> = items[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["address", "group", "head", "member", "member_phone", "reason", "village"]);
    assert_eq!(lianhu(&db, &["check"]).status.code(), Some(0));
    let text = String::from_utf8(lianhu(&db, &["check"]).stdout).unwrap();
    assert!(text.contains("未联户的住户：5 户") && text.contains("未联系任何住户的党员（不含年老体弱、流动）：2 名"), "{text}");
    // Without --apply nothing is written.
    assert_eq!(String::from_utf8(lianhu(&db, &["links", "suggest", "--format", "csv"]).stdout).unwrap().lines().count(), 6);
    let applied = lianhu(&db, &["links", "suggest", "--apply"]);
    assert!(applied.status.success(), "{}", String::from_utf8_lossy(&applied.stderr));
    assert!(String::from_utf8_lossy(&applied.stderr).contains("已建立 5 条联户"));
    let again = String::from_utf8(lianhu(&db, &["links", "suggest"]).stdout).unwrap();
    assert!(again.contains("所有住户都已联户"), "{again}");
    let export = dir.path().join("links.csv");
    assert!(lianhu(&db, &["export", "links", export.to_str().unwrap()]).status.success());
    assert_eq!(std::fs::read_to_string(&export).unwrap().lines().count(), 6);
    let cards = dir.path().join("cards.html");
    assert!(lianhu(&db, &["export", "cards", cards.to_str().unwrap(), "--village", "湖口村"]).status.success());
    let html = std::fs::read_to_string(&cards).unwrap();
    assert_eq!(html.matches("class=\"card\"").count(), 5);
    assert!(html.contains("@page { size: A4;") && html.contains("户主1") && html.contains("13900000001"));
    assert_eq!(lianhu(&db, &["export", "cards", dir.path().join("c.csv").to_str().unwrap()]).status.code(), Some(1), "cards are HTML");
}
