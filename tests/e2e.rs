//! End to end: the real binary in a pseudo-terminal, keys in, the screen read
//! back through a vt100 emulator (which reads UTF-8 and wide characters).

#![cfg(unix)]

mod common;

use expectrl::process::Healthcheck;
use expectrl::{Expect, Session};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Screen {
    session: expectrl::session::OsSession,
    parser: vt100::Parser,
}

impl Screen {
    fn start(db: &Path) -> Screen {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lianhu"));
        cmd.env("LIANHU_DB", db).env("LIANHU_TODAY", "2026-11-22").env("TERM", "xterm-256color").env_remove("LIANHU_LANG");
        let mut session = Session::spawn(cmd).expect("spawn lianhu in a pty");
        session.get_process_mut().set_window_size(80, 24).expect("window size");
        Screen { session, parser: vt100::Parser::new(std::num::NonZeroU16::new(24).unwrap(), std::num::NonZeroU16::new(80).unwrap(), 0) }
    }

    fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        while let Ok(n) = self.session.try_read(&mut buf) {
            if n == 0 {
                break;
            }
            self.parser.process(&buf[..n]);
        }
    }

    fn text(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `what`; panics with the screen if not.
    fn wait_for(&mut self, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump();
            if self.text().contains(what) {
                return;
            }
            if Instant::now() > deadline {
                panic!("never saw {what:?}; screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&mut self, s: &str) {
        self.session.send(s).expect("send keys");
        std::thread::sleep(Duration::from_millis(150));
    }

    fn wait_exit(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.session.get_process().is_alive().unwrap_or(false) {
            self.pump();
            assert!(Instant::now() < deadline, "the app did not exit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Runs a command that must succeed; returns its stdout.
fn ok(db: &Path, args: &[&str]) -> String {
    let out = common::lianhu(db, args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn log_a_visit_from_today_and_find_it_in_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lianhu.db");
    ok(&db, &["demo", "--households", "120", "--years", "1"]);
    let due: serde_json::Value = serde_json::from_str(&ok(&db, &["due", "--format", "json"])).unwrap();
    let items = due.as_array().unwrap();
    let (head, address) = (items[0]["head"].as_str().unwrap().to_string(), items[0]["address"].as_str().unwrap().to_string());
    let total = items.len();

    let mut s = Screen::start(&db);
    s.wait_for(&format!("共 {total} 条"));
    s.wait_for(&head);
    s.keys("v");
    s.wait_for("记走访 ─");
    // The caret is in the situation note: type straight away.
    s.keys("入户讲解，分类明显改善");
    s.wait_for("分类明显改善");
    s.keys("\x13"); // Ctrl-S
    s.wait_for("已记录走访");
    s.wait_for(&format!("共 {} 条", total - 1));
    let screen = s.text();
    let first_row = screen.lines().nth(5).unwrap_or_default();
    assert!(!first_row.contains(&address), "the visited household is still first: {first_row}");
    s.keys("q");
    s.wait_exit();

    let export = dir.path().join("visits.csv");
    ok(&db, &["export", "visits", export.to_str().unwrap()]);
    let text = std::fs::read_to_string(&export).unwrap();
    let line = text.lines().find(|l| l.contains("入户讲解，分类明显改善")).expect("the visit is exported");
    assert!(line.starts_with("2026-11-22,") && line.contains(&head) && line.contains(&address), "{line}");
    let after = ok(&db, &["due", "--format", "json"]);
    assert!(!after.contains(&format!("\"address\": \"{address}\"")), "still due: {address}");
}

#[test]
fn switch_tabs_filter_by_initials_add_a_chinese_household_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lianhu.db");
    ok(&db, &["demo", "--households", "120", "--years", "1"]);
    let roster = dir.path().join("h.csv");
    std::fs::write(&roster, "村,地址,户主,类别\n湖口村,湖口村一组88号,张三丰,提升户\n").unwrap();
    ok(&db, &["import", "households", roster.to_str().unwrap()]);

    let mut s = Screen::start(&db);
    s.wait_for("今日");
    s.wait_for("记走访");
    s.keys("3");
    s.wait_for("身份");
    s.keys("2");
    s.wait_for("共 121 条");
    s.keys("/zsf");
    s.wait_for("共 1 条");
    s.wait_for("张三丰");
    s.keys("\r");
    // Add: the village comes from the selected row; Tab to 地址, then 户主.
    s.keys("a");
    s.wait_for("新增住户");
    s.keys("\t\t");
    s.keys("湖口村九组9号");
    s.keys("\t");
    s.keys("欧阳修");
    s.wait_for("欧阳修");
    // The real cursor sits right after the typed name (IME composition point):
    // label (12 cells) + space + 欧阳修 (6 cells) inside the popup.
    let (row, col) = s.parser.screen().cursor_position();
    let line = s.parser.screen().contents_between(row, 0, row, 80);
    assert!(line.contains("欧阳修"), "cursor row {row}: {line:?}");
    let before: String = s.parser.screen().contents_between(row, 0, row, col);
    assert!(before.trim_end().ends_with("欧阳修"), "cursor at {col} after {before:?}");
    s.keys("\x13"); // Ctrl-S
    s.wait_for("已保存");
    s.keys("q");
    s.wait_exit();

    let conn = rusqlite::Connection::open(&db).unwrap();
    let (address, village): (String, String) = conn
        .query_row(
            "SELECT h.address, v.name FROM households h JOIN villages v ON v.id = h.village_id WHERE h.head = '欧阳修'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(address, "湖口村九组9号");
    assert_eq!(village, "湖口村");
}
