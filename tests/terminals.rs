//! Whatever terminal the township has: one that cannot show the app is
//! told so, with the commands that work without it.

#![cfg(unix)]

mod common;

use expectrl::Session;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn term_dumb_is_refused_with_exit_2_and_the_commands_that_work() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lianhu"));
    cmd.env("LIANHU_DB", &db).env("LIANHU_TODAY", "2026-11-22").env("TERM", "dumb").env_remove("LIANHU_LANG");
    let mut session = Session::spawn(cmd).expect("spawn lianhu in a pty");
    use expectrl::process::unix::WaitStatus;
    let mut out = String::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut buf = [0u8; 4096];
    let status = loop {
        while let Ok(n) = session.try_read(&mut buf) {
            if n == 0 {
                break;
            }
            out.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        match session.get_process().status() {
            Ok(WaitStatus::StillAlive) => {}
            other => break other,
        }
        assert!(Instant::now() < deadline, "still running: {out}");
        std::thread::sleep(Duration::from_millis(20));
    };
    while let Ok(n) = session.try_read(&mut buf) {
        if n == 0 {
            break;
        }
        out.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(matches!(status, Ok(WaitStatus::Exited(_, 2))), "{status:?} {out}");
    assert!(out.contains("TERM=dumb") && out.contains("lianhu due") && out.contains("lianhu export"), "{out}");
    assert!(!out.contains("\x1b[?1049h"), "no alternate screen: {out:?}");

    // No terminal at all (a pipe): the same, in words a script's log keeps.
    let out = common::lianhu(&db, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lianhu due"));
}

/// The app (or a command) in a pty: what it wrote, raw and as a screen
/// read through vt100, decoded as GB18030 or UTF-8.
struct Pty {
    session: expectrl::session::OsSession,
    raw: Vec<u8>,
    parser: vt100::Parser,
    decoder: encoding_rs::Decoder,
}

impl Pty {
    /// Runs lianhu on `db` with `args`, no locale or encoding variable but
    /// those in `env` (TERM xterm-256color unless `env` says).
    fn start(db: &std::path::Path, env: &[(&str, &str)], args: &[&str], gbk: bool) -> Pty {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lianhu"));
        cmd.env("LIANHU_DB", db).env("LIANHU_TODAY", "2026-11-22").env("TERM", "xterm-256color").args(args);
        for v in ["LC_ALL", "LC_CTYPE", "LANG", "LIANHU_ENCODING", "LIANHU_ASCII", "LIANHU_LANG"] {
            cmd.env_remove(v);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut session = Session::spawn(cmd).expect("spawn lianhu in a pty");
        session.get_process_mut().set_window_size(80, 24).expect("window size");
        let parser = vt100::Parser::new(std::num::NonZeroU16::new(24).unwrap(), std::num::NonZeroU16::new(80).unwrap(), 0);
        let decoder = if gbk { encoding_rs::GB18030.new_decoder() } else { encoding_rs::UTF_8.new_decoder() };
        Pty { session, raw: Vec::new(), parser, decoder }
    }

    /// Reads what is there.
    fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        while let Ok(n) = self.session.try_read(&mut buf) {
            if n == 0 {
                break;
            }
            self.raw.extend_from_slice(&buf[..n]);
            let mut text = String::with_capacity(n * 2);
            let _ = self.decoder.decode_to_string(&buf[..n], &mut text, false);
            self.parser.process(text.as_bytes());
        }
    }

    fn seen(&self, bytes: &[u8]) -> bool {
        self.raw.windows(bytes.len()).any(|w| w == bytes)
    }

    /// Waits until the screen shows `what`; returns the screen.
    fn wait_for(&mut self, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump();
            let shown = self.parser.screen().contents();
            if shown.contains(what) {
                return shown;
            }
            assert!(Instant::now() < deadline, "never saw {what}:\n{shown}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn send(&mut self, bytes: impl AsRef<[u8]>) {
        use expectrl::Expect;
        self.session.send(bytes).unwrap();
    }
}

/// A demo township of `households` in a new folder.
fn township(households: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    assert!(common::lianhu(&db, &["demo", "--households", households, "--years", "1"]).status.success());
    (dir, db)
}

/// Runs the app with `env`, decoding what it writes as GB18030, until the
/// screen shows `what`; then quits with `q`.
fn screen_in_gbk(env: &[(&str, &str)], what: &str) -> String {
    let (_dir, db) = township("120");
    let mut p = Pty::start(&db, env, &[], true);
    let shown = p.wait_for(what);
    p.send("q");
    shown
}

#[test]
fn a_gbk_locale_gets_gb18030_and_ascii_borders() {
    let shown = screen_in_gbk(&[("LANG", "zh_CN.GBK")], "逾期");
    assert!(shown.contains("总览") && shown.contains("+-"), "{shown}");
    assert!(!shown.contains('─') && !shown.contains('鈹'), "{shown}");
    // The option says the same whatever the locale.
    let shown = screen_in_gbk(&[("LANG", "zh_CN.UTF-8"), ("LIANHU_ENCODING", "gbk")], "逾期");
    assert!(shown.contains("+-"), "{shown}");
}

#[test]
fn a_bad_encoding_is_bad_usage() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::lianhu(&dir.path().join("a.db"), &["--encoding", "big5", "due"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("utf-8"));
}

#[test]
fn keys_typed_in_gbk_arrive_whole_and_the_next_letter_too() {
    let (_dir, db) = township("120");
    let mut p = Pty::start(&db, &[("LANG", "zh_CN.GBK")], &[], true);
    p.wait_for("总览");
    p.send("1");
    p.wait_for("记走访");
    p.send("/");
    // 测试 in GBK, then ok, in one write (as a terminal sends a paste).
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let mut typed = gbk("测试");
    typed.extend_from_slice(b"ok");
    p.send(&typed);
    let shown = p.wait_for("测试ok");
    assert!(shown.contains("/过滤 测试ok"), "{shown}");
    p.send("\x1b");
    // (a pause: Esc then 2 at once reads as Alt-2)
    std::thread::sleep(Duration::from_millis(300));
    // And stored: a household whose head is typed in GBK.
    p.send("2");
    p.wait_for("排序");
    p.send("a");
    p.wait_for("新增住户");
    p.send("\t\t");
    p.send(gbk("湖口村九组9号"));
    p.send("\t");
    p.send(&typed);
    p.wait_for("测试ok");
    p.send("\x13");
    p.wait_for("已保存");
    p.send("q");
    std::thread::sleep(Duration::from_millis(500));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let head: String = conn.query_row("SELECT head FROM households WHERE address = '湖口村九组9号'", [], |r| r.get(0)).unwrap();
    assert_eq!(head, "测试ok");
}

/// Starts the app with no locale saying an encoding; when it asks where
/// the cursor is, answers `reply` (None: never answers, as vt100 does not).
/// Returns the screen (decoded as `gbk` or UTF-8) once it shows `what`,
/// and how long the first frame took after the question.
fn probed(reply: Option<&str>, gbk: bool, what: &str) -> (String, Duration) {
    let (_dir, db) = township("120");
    let mut p = Pty::start(&db, &[("LANG", "C")], &[], gbk);
    let deadline = Instant::now() + Duration::from_secs(20);
    let (mut asked_at, mut first_frame) = (None, None);
    loop {
        p.pump();
        if asked_at.is_none() && p.seen(b"\x1b[6n") {
            asked_at = Some(Instant::now());
            if let Some(r) = reply {
                p.send(r);
            }
        }
        if first_frame.is_none() && p.seen(b"\x1b[?2026l") {
            first_frame = Some(Instant::now());
        }
        let shown = p.parser.screen().contents();
        if shown.contains(what) {
            p.send("q");
            return (shown, first_frame.zip(asked_at).map(|(f, a)| f - a).unwrap_or_default());
        }
        assert!(Instant::now() < deadline, "never saw {what}:\n{shown}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_terminal_that_never_answers_starts_as_utf8_within_150_ms() {
    let (shown, took) = probed(None, false, "总览");
    assert!(shown.contains('─'), "UTF-8, thin lines:\n{shown}");
    assert!(took < Duration::from_millis(150), "{took:?}");
}

#[test]
fn a_terminal_that_answers_as_gbk_gets_gb18030() {
    // 中文's six bytes read as three GBK characters: the cursor at column 7.
    let (shown, _) = probed(Some("\x1b[1;7R\x1b[1;4R"), true, "逾期");
    assert!(shown.contains("总览") && shown.contains("+-"), "{shown}");
}

#[test]
fn a_terminal_that_draws_box_lines_double_gets_ascii_borders_and_is_told() {
    let (shown, _) = probed(Some("\x1b[1;5R\x1b[1;3R"), false, "ASCII");
    assert!(shown.contains("+-") && !shown.contains('─'), "{shown}");
    assert!(shown.contains("Xshell"), "{shown}");
}

/// The bytes the app writes on a terminal of type `term` until it shows `what`.
fn raw_output(term: &str, what: &str) -> String {
    let (_dir, db) = township("120");
    let mut p = Pty::start(&db, &[("TERM", term), ("LANG", "C.UTF-8")], &[], false);
    p.wait_for(what);
    p.send("q");
    String::from_utf8_lossy(&p.raw).into_owned()
}

#[test]
fn a_vt100_and_the_linux_console_get_only_what_their_terminfo_has() {
    let ech = |s: &str| s.split("\x1b[").any(|p| p.find('X').is_some_and(|i| i > 0 && p[..i].bytes().all(|b| b.is_ascii_digit())));
    let vt100 = raw_output("vt100", "总览");
    assert!(!vt100.contains("\x1b[?1049h") && !vt100.contains("\x1b[?2026h") && !ech(&vt100), "{vt100:?}");
    let linux = raw_output("linux", "总览");
    assert!(!linux.contains("\x1b[?1049h") && !linux.contains("\x1b[?2026h"), "{linux:?}");
    let xterm = raw_output("xterm-256color", "总览");
    assert!(xterm.contains("\x1b[?1049h") && xterm.contains("\x1b[?2026h"));
}

#[test]
fn a_terminal_that_cannot_show_chinese_is_told_in_ascii_what_to_set() {
    // 中文 moved the cursor 8 columns: neither UTF-8 (4) nor GBK (6).
    let (shown, _) = probed(Some("\x1b[1;9R\x1b[1;2R"), false, "WT chcp 65001");
    assert!(shown.contains("UTF-8 needed") && shown.contains("Xshell") && shown.contains("PuTTY") && shown.contains("+-"), "{shown}");
}

/// Mean bytes per row move over 20 moves on 住户, with `env`.
fn row_move_bytes(env: &[(&str, &str)]) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    assert!(common::lianhu(&db, &["demo", "--households", "300", "--years", "1"]).status.success());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lianhu"));
    cmd.env("LIANHU_DB", &db).env("LIANHU_TODAY", "2026-11-22").env("TERM", "xterm-256color").env_remove("LIANHU_LANG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut session = Session::spawn(cmd).expect("spawn lianhu in a pty");
    session.get_process_mut().set_window_size(80, 24).expect("window size");
    use expectrl::Expect;
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session.expect("\x1b[6n").unwrap();
    session.send("\x1b[1;2R").unwrap();
    let end = "\x1b[?2026l";
    session.expect(end).unwrap();
    session.send("2").unwrap();
    session.expect(end).unwrap();
    // Let the other tabs be read ahead first, as a user reads the screen.
    std::thread::sleep(Duration::from_millis(1500));
    let mut total = 0;
    for _ in 0..20 {
        session.send("j").unwrap();
        let c = session.expect(end).unwrap();
        total += c.before().len() + end.len();
    }
    session.send("q").unwrap();
    total as f64 / 20.0
}

#[test]
fn a_row_move_in_gb18030_costs_no_more_than_in_utf8() {
    let utf8 = row_move_bytes(&[("LANG", "C.UTF-8")]);
    let gbk = row_move_bytes(&[("LANG", "C.UTF-8"), ("LIANHU_ENCODING", "gbk")]);
    assert!(gbk <= utf8 * 1.1, "GB18030 {gbk} B against UTF-8 {utf8} B");
    eprintln!("bytes per row move: UTF-8 {utf8:.1}, GB18030 {gbk:.1}");
}

#[test]
fn a_command_on_a_gbk_terminal_prints_gb18030_and_to_a_pipe_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    assert!(common::lianhu(&db, &["demo", "--households", "120", "--years", "1"]).status.success());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lianhu"));
    cmd.env("LIANHU_DB", &db).env("LIANHU_TODAY", "2026-11-22").env("LANG", "zh_CN.GBK").env_remove("LIANHU_LANG").arg("due");
    let mut session = Session::spawn(cmd).expect("spawn lianhu in a pty");
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match session.try_read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(_) if !session.get_process().is_alive().unwrap_or(false) => break,
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
        assert!(Instant::now() < deadline);
    }
    let (text, _, bad) = encoding_rs::GB18030.decode(&raw);
    assert!(!bad && text.contains("逾期"), "{text}");
    assert!(std::str::from_utf8(&raw).is_err(), "not UTF-8 on a GBK terminal");
    // To a pipe (a script), UTF-8 whatever the locale.
    let out = Command::new(env!("CARGO_BIN_EXE_lianhu"))
        .env("LIANHU_DB", &db)
        .env("LIANHU_TODAY", "2026-11-22")
        .env("LANG", "zh_CN.GBK")
        .env_remove("LIANHU_LANG")
        .arg("due")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("逾期"));
}
