#![allow(dead_code)]

use chrono::NaiveDate;
use lianhu::domain::validate::{HouseholdText, MemberText};
use lianhu::store::Store;
use std::path::{Path, PathBuf};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A store on a fresh temporary file (kept alive by the returned dir).
pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("lianhu.db"), today()).unwrap();
    (dir, store)
}

pub fn household(village: &str, head: &str, address: &str, class: &str) -> HouseholdText {
    HouseholdText { village: village.into(), head: head.into(), address: address.into(), class: class.into(), ..Default::default() }
}

pub fn member(village: &str, name: &str, phone: &str, role: &str) -> MemberText {
    MemberText { village: village.into(), name: name.into(), phone: phone.into(), role: role.into(), ..Default::default() }
}

pub fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}
