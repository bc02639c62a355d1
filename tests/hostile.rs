//! Hostile input: random bytes and strings through import parsing and text
//! cleaning never panic, and nothing that reaches the database or the
//! screen carries a control character or a bidi override.

mod common;

use common::*;
use lianhu::domain::text::{clean, is_forbidden};
use lianhu::io::import::{ImportKind, import_file};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn cleaning_leaves_no_control_or_bidi_character(s in any::<String>()) {
        let c = clean(&s);
        prop_assert!(!c.chars().any(is_forbidden));
        prop_assert_eq!(c.trim(), c.as_str());
        prop_assert_eq!(clean(&c), c.clone(), "cleaning twice changes nothing");
    }

    #[test]
    fn random_bytes_as_a_roster_are_refused_or_read_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.csv");
        std::fs::write(&file, &bytes).unwrap();
        let _ = lianhu::io::read_table(&file);
        let mut store = lianhu::store::Store::open(&dir.path().join("d.db"), today()).unwrap();
        let _ = import_file(&mut store, ImportKind::Households, &file, true);
    }

    #[test]
    fn hostile_cells_never_reach_the_database(head in "[\\PC\\x00-\\x1f\\x7f-\\x9f\\u{202A}-\\u{202E}\\u{2066}-\\u{2069}\\x1b]{1,12}") {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("h.csv");
        let cell = head.replace(['"', ',', '\n', '\r'], "");
        std::fs::write(&file, format!("村,地址,户主,类别\n湖口村,湖口村一组1号,\"{cell}\",一般户\n")).unwrap();
        let mut store = lianhu::store::Store::open(&dir.path().join("d.db"), today()).unwrap();
        let _ = import_file(&mut store, ImportKind::Households, &file, false);
        let heads: Vec<String> = store.conn().prepare("SELECT head FROM households").unwrap()
            .query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        for h in heads {
            prop_assert!(!h.chars().any(is_forbidden), "stored {:?}", h);
        }
    }
}

#[test]
fn an_escape_sequence_in_a_roster_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let f = write(
        dir.path(),
        "h.csv",
        "村,地址,户主,类别\n湖口村,湖口村一组1号,张\u{1b}[2J三,一般户\n湖口村,湖口村一组2号,李\u{202E}四,一般户\n",
    );
    let out = lianhu(&db, &["import", "households", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("h.csv:2: 户主") && err.contains("h.csv:3: 户主"), "{err}");
}
