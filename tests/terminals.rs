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
