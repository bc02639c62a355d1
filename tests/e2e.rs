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

    /// Township staff open on 总览: goes to 今日 (`1`).
    fn on_today(&mut self) {
        self.wait_for("总览");
        self.keys("1");
        self.wait_for("记走访");
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
    s.on_today();
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
    s.on_today();
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

#[test]
fn link_two_households_to_a_member_by_keyboard_and_find_them_in_export_links() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lianhu.db");
    for (kind, text) in [
        ("members", "村,姓名,电话,身份\n湖口村,单雄信,13900000002,普通党员\n湖口村,王芳,13900000001,两委干部\n"),
        (
            "households",
            "村,地址,户主,类别\n湖口村,湖口村三组1号,张三丰,一般户\n湖口村,湖口村三组2号,欧阳娜娜,提升户\n湖口村,湖口村三组3号,曾国藩,难点户\n",
        ),
    ] {
        let f = dir.path().join(format!("{kind}.csv"));
        std::fs::write(&f, text).unwrap();
        ok(&db, &["import", kind, f.to_str().unwrap()]);
    }
    let mut s = Screen::start(&db);
    s.on_today();
    s.wait_for("今日");
    s.keys("3");
    s.wait_for("两委干部");
    s.keys("d");
    // 单雄信 sorts first; `l` opens the households to pick from.
    s.keys("l");
    s.wait_for("为 单雄信 选择住户");
    s.keys("oynn"); // 欧阳娜娜 by initials
    s.wait_for("共 1 项，已选 0");
    s.keys(" ");
    s.wait_for("已选 1");
    s.keys("\x7f\x7f\x7f\x7f"); // clear the filter
    s.keys("zgf");
    s.wait_for("共 1 项，已选 1");
    s.keys(" ");
    s.wait_for("已选 2");
    s.keys("\r");
    s.wait_for("联系 2 户");
    s.keys("\x13"); // Ctrl-S
    s.wait_for("已联户 2 户（其中转移 0 户）");
    s.wait_for("联系的住户 (2)");
    s.keys("q");
    s.wait_exit();

    let export = dir.path().join("links.csv");
    ok(&db, &["export", "links", export.to_str().unwrap()]);
    let text = std::fs::read_to_string(&export).unwrap();
    for head in ["欧阳娜娜", "曾国藩"] {
        let line = text.lines().find(|l| l.contains(head)).unwrap_or_else(|| panic!("{head} not exported:\n{text}"));
        assert!(line.contains("单雄信") && line.contains("13900000002") && line.contains("2026-11-22"), "{line}");
    }
    assert!(!text.contains("张三丰"), "only the two picked: {text}");
}

#[test]
fn a_hang_up_mid_form_keeps_the_draft_and_the_next_start_reopens_it() {
    use expectrl::process::unix::{Signal, WaitStatus};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lianhu.db");
    ok(&db, &["demo", "--households", "120", "--years", "1"]);
    let mut s = Screen::start(&db);
    s.on_today();
    s.wait_for("今日");
    s.keys("2");
    s.wait_for("共 120 条");
    s.keys("a");
    s.wait_for("新增住户");
    s.keys("\t\t");
    s.keys("湖口村九组99号");
    s.keys("\t");
    s.keys("司马光");
    s.wait_for("司马光");
    // The connection drops: the kernel sends SIGHUP to the session's leader.
    s.session.get_process_mut().signal(Signal::SIGHUP).expect("SIGHUP");
    let hung_up = Instant::now();
    loop {
        s.pump();
        match s.session.get_process().status() {
            Ok(WaitStatus::StillAlive) => {}
            _ => break,
        }
        assert!(hung_up.elapsed() < Duration::from_secs(2), "still running 2 s after the hang-up");
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(s);

    let mut s = Screen::start(&db);
    s.wait_for("已恢复上次未保存的表单");
    s.wait_for("司马光");
    s.wait_for("湖口村九组99号");
    s.keys("\x13"); // Ctrl-S
    s.wait_for("已保存");
    s.keys("q");
    s.wait_exit();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let saved: i64 = conn.query_row("SELECT count(*) FROM households WHERE head = '司马光'", [], |r| r.get(0)).unwrap();
    let drafts: i64 = conn.query_row("SELECT count(*) FROM drafts", [], |r| r.get(0)).unwrap();
    assert_eq!((saved, drafts), (1, 0), "saved once, and the draft is gone");
}

#[test]
fn two_app_processes_edit_one_household_and_the_second_save_gets_the_conflict_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lianhu.db");
    let f = dir.path().join("h.csv");
    std::fs::write(&f, "村,地址,户主,类别,电话\n湖口村,湖口村三组1号,张三丰,一般户,13812345678\n").unwrap();
    ok(&db, &["import", "households", f.to_str().unwrap()]);
    let mut one = Screen::start(&db);
    let mut two = Screen::start(&db);
    for s in [&mut one, &mut two] {
        s.on_today();
        s.keys("2");
        s.wait_for("共 1 条");
        s.keys("d"); // the detail pane (hidden at 80×24 until asked for)
        s.wait_for("┌ 详情");
        s.keys("e");
        s.wait_for("编辑住户");
    }
    // The first changes the phone (field 6) and saves.
    one.keys("\t\t\t\t\t");
    one.keys(&"\x7f".repeat(11)); // Backspace over the old number
    one.keys("13900001111");
    one.keys("\x13");
    one.wait_for("已保存");
    // The second changes the note (field 9) and saves over it: compared, not overwritten.
    two.keys("\t\t\t\t\t\t\t\t");
    two.keys("独居老人");
    two.keys("\x13");
    two.wait_for("修改冲突");
    two.wait_for("13900001111");
    // The first's phone is taken already (merged three ways: the second
    // left it as it was), the note kept: save the merge.
    two.keys("\r");
    two.wait_for("已保存");
    // The first sees the second's change within about a second (data_version).
    one.wait_for("独居老人");
    for s in [&mut one, &mut two] {
        s.keys("q");
        s.wait_exit();
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (phone, note): (String, String) = conn.query_row("SELECT phone, note FROM households", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((phone.as_str(), note.as_str()), ("13900001111", "独居老人"));
}

#[test]
fn sigterm_restores_the_terminal_and_exits() {
    use expectrl::process::unix::{Signal, WaitStatus};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lianhu.db");
    ok(&db, &["demo", "--households", "120", "--years", "1"]);
    let mut s = Screen::start(&db);
    s.wait_for("今日");
    assert!(s.parser.screen().alternate_screen());
    s.session.get_process_mut().signal(Signal::SIGTERM).expect("SIGTERM");
    let start = Instant::now();
    let status = loop {
        s.pump();
        match s.session.get_process().status() {
            Ok(WaitStatus::StillAlive) => {}
            other => break other,
        }
        assert!(start.elapsed() < Duration::from_secs(2), "still running");
        std::thread::sleep(Duration::from_millis(20));
    };
    s.pump();
    assert!(!s.parser.screen().alternate_screen(), "left the alternate screen");
    assert!(matches!(status, Ok(WaitStatus::Exited(_, 143))), "{status:?}");
}

#[test]
fn confirm_a_black_list_entry_by_keys_and_print_the_masked_board() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lianhu.db");
    drop(common::redblack_township(&db));
    let mut s = Screen::start(&db);
    s.wait_for("今日");
    s.keys("7");
    s.wait_for("台账 · 红黑榜");
    s.keys("v");
    s.wait_for("湖口村 2026-11");
    // The second row is 李四 (提升户, black): confirm it, then print the board.
    s.keys("j");
    s.keys("c");
    s.wait_for("已确认 李四 上黑榜");
    s.keys("b");
    s.wait_for("红黑榜已写入");
    s.keys("q");
    s.wait_exit();
    let board = std::fs::read_to_string(dir.path().join("红黑榜-湖口村-2026-11.html")).unwrap();
    assert!(board.contains("<td>李某</td><td>三组</td></tr>"), "{board}");
    ok(&db, &["export", "audit", dir.path().join("audit.csv").to_str().unwrap()]);
    let audit = std::fs::read_to_string(dir.path().join("audit.csv")).unwrap();
    assert!(audit.contains("redblack"), "the step is audited");
}

#[test]
fn a_kill_right_after_a_save_never_brings_the_form_back_as_a_draft() {
    use expectrl::process::unix::Signal;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lianhu.db");
    ok(&db, &["demo", "--households", "120", "--years", "1"]);
    let count = |sql: &str| -> i64 { rusqlite::Connection::open(&db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap() };
    let visits = count("SELECT count(*) FROM visits");
    let mut s = Screen::start(&db);
    s.on_today();
    s.wait_for("共 ");
    s.keys("v");
    s.wait_for("记走访 ─");
    s.keys("入户讲解");
    s.wait_for("入户讲解");
    // The half-typed form is kept as a draft within a second or so.
    let deadline = Instant::now() + Duration::from_secs(5);
    while count("SELECT count(*) FROM drafts") == 0 {
        assert!(Instant::now() < deadline, "the draft was never kept");
        s.pump();
        std::thread::sleep(Duration::from_millis(50));
    }
    s.keys("\x13"); // Ctrl-S
    s.wait_for("已记录走访");
    s.session.get_process_mut().signal(Signal::SIGKILL).expect("SIGKILL");
    let _ = s.session.get_process_mut().wait();
    drop(s);
    assert_eq!(count("SELECT count(*) FROM visits"), visits + 1, "saved once");
    assert_eq!(count("SELECT count(*) FROM drafts"), 0, "the draft went with the save");
    let mut s = Screen::start(&db);
    s.on_today();
    s.wait_for("共 ");
    std::thread::sleep(Duration::from_millis(300));
    s.pump();
    assert!(!s.text().contains("已恢复上次未保存的表单"), "{}", s.text());
    s.keys("q");
    s.wait_exit();
}

/// Issue 20, at 80×24 in Chinese in a real terminal: choose my village
/// once, see whom to remind, log two visits from a member's paper logbook
/// (a number, the note, Ctrl-S each), and find the village remembered on
/// the next start.
#[test]
fn a_clerks_morning_my_village_whom_to_remind_and_the_logbook() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lianhu.db");
    drop(common::township(&db));
    let mut s = Screen::start(&db);
    s.on_today();
    s.wait_for("今日");
    s.keys("V");
    s.wait_for("选择工作的村");
    s.keys("hkc");
    s.keys("\r");
    s.wait_for("村: 湖口村");
    s.keys("m");
    s.wait_for("13900000001");
    assert!(s.text().contains("王芳"), "{}", s.text());
    s.keys("w");
    s.wait_for("走访日志 · 王芳 · 本次已记 0 条");
    s.keys("2");
    s.keys("分类到位");
    s.keys("\x13");
    s.wait_for("本次已记 1 条");
    s.keys("1");
    s.keys("桶边干净");
    s.keys("\x13");
    s.wait_for("本次已记 2 条");
    s.keys("\x1b");
    // Back on whom to remind: 王芳's two are logged, 单雄信 first now.
    s.wait_for("m/Esc 按住户");
    s.wait_for("▶ 单雄信");
    s.keys("q");
    s.wait_exit();
    let visits: String = ok(&db, &["export", "visits", "-"]);
    assert!(visits.contains("分类到位") && visits.contains("桶边干净"), "{visits}");
    // The next start opens on the village chosen.
    let mut s = Screen::start(&db);
    s.wait_for("村: 湖口村");
    s.keys("q");
    s.wait_exit();
}
