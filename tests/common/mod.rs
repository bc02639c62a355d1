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

/// Runs the real binary on `db` with today fixed at 2026-11-22, in Chinese.
pub fn lianhu(db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lianhu"))
        .args(args)
        .env("LIANHU_DB", db)
        .env("LIANHU_TODAY", "2026-11-22")
        .env_remove("LIANHU_LANG")
        .output()
        .unwrap()
}

pub fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A small township whose history began on 2026-06-01 (classes recorded and
/// links made that day), seen on Sunday 2026-11-22:
/// - 张三丰 一般户, last visit 08-15: overdue, September and October missed;
/// - 欧阳娜娜 一般户, never visited: overdue, June..October missed (5);
/// - 李四 提升户, visited in week 46 only: due by today;
/// - 曾国藩 难点户, visited 11-10 with the next visit planned 11-24: due;
/// - 王五 一般户, visited 11-05: not due;
/// - 赵六 一般户, no member: unlinked;
/// - 东阳村 钱七 一般户, visited 10-20: due.
///
/// Members: 王芳 (湖口村, linked to the first five), 单雄信 (湖口村, 欧阳娜娜),
/// 孙八 (东阳村, 钱七).
pub fn township(path: &Path) -> Store {
    use lianhu::store::{households, links, members, visits};
    let start = d("2026-06-01");
    let mut store = Store::open(path, start).unwrap();
    store
        .write(|tx, ctx| {
            let wang = members::save(tx, ctx, None, &member("湖口村", "王芳", "13900000001", "两委干部").validate().unwrap())?.id();
            let shan = members::save(tx, ctx, None, &member("湖口村", "单雄信", "13900000002", "普通党员").validate().unwrap())?.id();
            let sun = members::save(tx, ctx, None, &member("东阳村", "孙八", "13900000003", "党小组长").validate().unwrap())?.id();
            let rows = [
                ("湖口村", "张三丰", "湖口村三组1号", "一般户", Some(wang), Some("2026-08-15"), None),
                ("湖口村", "欧阳娜娜", "湖口村三组2号", "一般户", Some(shan), None, None),
                ("湖口村", "李四", "湖口村三组3号", "提升户", Some(wang), Some("2026-11-10"), None),
                ("湖口村", "曾国藩", "湖口村三组4号", "难点户", Some(wang), Some("2026-11-10"), Some("2026-11-24")),
                ("湖口村", "王五", "湖口村三组5号", "一般户", Some(wang), Some("2026-11-05"), None),
                ("湖口村", "赵六", "湖口村三组6号", "一般户", None, None, None),
                ("东阳村", "钱七", "东阳村一组1号", "一般户", Some(sun), Some("2026-10-20"), None),
            ];
            for (village, head, address, class, m, visited, next) in rows {
                let mut h = household(village, head, address, class);
                h.phone = "13812345678".into();
                h.group = if village == "湖口村" { "三组" } else { "一组" }.into();
                let id = households::save(tx, ctx, None, &h.validate().unwrap())?.id();
                if let Some(m) = m {
                    links::link(tx, ctx, m, id, start)?;
                    if let Some(date) = visited {
                        let mut v = visit(id, m, date, "入户宣传分类知识");
                        v.visit.next = next.map(d);
                        visits::log(tx, ctx, &v, None)?;
                    }
                }
            }
            Ok::<_, lianhu::store::StoreError>(())
        })
        .unwrap();
    drop(store);
    Store::open(path, today()).unwrap()
}

/// The screen `ui::draw` paints for `app` on a `w` × `h` TestBackend, as
/// text (a wide character once).
pub fn screen(app: &lianhu::app::App, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| lianhu::ui::draw(f, app)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            skip = lianhu::domain::text::width(s).saturating_sub(1);
            out.push_str(s);
        }
        out.push('\n');
    }
    out
}

/// The app's settings in tests: Chinese, colours, today fixed.
pub fn settings() -> lianhu::app::Settings {
    lianhu::app::Settings { ascii: false, color: true, today: today(), db_path: "/tmp/lianhu.db".into(), fetch: None }
}

/// A plain key press.
pub fn key(c: char) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char(c), crossterm::event::KeyModifiers::NONE)
}

/// Types `s` into whatever has the keys (form, filter, picker).
pub fn type_in(a: &mut lianhu::app::App, store: &mut Store, s: &str) {
    for c in s.chars() {
        lianhu::app::update(a, store, lianhu::app::Action::Key(key(c)));
    }
}

/// An in-person visit on `date` with a note and nothing else.
pub fn visit(household_id: i64, member_id: i64, date: &str, note: &str) -> lianhu::store::records::VisitInput {
    let visit = lianhu::domain::validate::VisitFields {
        date: d(date),
        mode: lianhu::domain::model::Mode::InPerson,
        sorting: None,
        note: note.into(),
        concern: String::new(),
        suggestion: String::new(),
        next: None,
    };
    lianhu::store::records::VisitInput { household_id, member_id, visit }
}

pub fn id_of(store: &Store, head: &str) -> i64 {
    store.conn().query_row("SELECT id FROM households WHERE head = ?1", [head], |r| r.get(0)).unwrap()
}

pub fn member_id(store: &Store, name: &str) -> i64 {
    store.conn().query_row("SELECT id FROM members WHERE name = ?1", [name], |r| r.get(0)).unwrap()
}

/// The township, with November visits that saw the sorting: 张三丰 准确 twice
/// (and a phone call that saw nothing), 王五 准确 then 不准确.
pub fn redblack_township(path: &std::path::Path) -> Store {
    let mut store = township(path);
    let (zhang, wang5, wang) = (id_of(&store, "张三丰"), id_of(&store, "王五"), member_id(&store, "王芳"));
    store
        .write(|tx, ctx| {
            for (h, date, sorting) in [
                (zhang, "2026-11-03", Some(lianhu::domain::model::Sorting::Accurate)),
                (zhang, "2026-11-12", None),
                (zhang, "2026-11-20", Some(lianhu::domain::model::Sorting::Accurate)),
                (wang5, "2026-11-06", Some(lianhu::domain::model::Sorting::Accurate)),
                (wang5, "2026-11-18", Some(lianhu::domain::model::Sorting::Inaccurate)),
            ] {
                let mut v = visit(h, wang, date, "看分类");
                v.visit.sorting = sorting;
                lianhu::store::visits::log(tx, ctx, &v, None)?;
            }
            Ok::<_, lianhu::store::StoreError>(())
        })
        .unwrap();
    store
}
