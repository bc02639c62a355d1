//! Progress bars show on a terminal's stderr, and only there: not when
//! stderr is a pipe or a file (scripts, cron), not with `--quiet`.

mod common;

use expectrl::Session;
use std::io::Read;
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs lianhu with `args` in a pty; returns everything it wrote there.
fn in_pty(db: &std::path::Path, args: &[&str]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lianhu"));
    cmd.env("LIANHU_DB", db).env("LIANHU_TODAY", "2026-11-22").env("TERM", "xterm-256color").env_remove("LIANHU_LANG").args(args);
    let mut session = Session::spawn(cmd).expect("spawn lianhu in a pty");
    let mut out = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut buf = [0u8; 4096];
    loop {
        match session.try_read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) if !session.get_process().is_alive().unwrap_or(false) => {
                // Drain what is left, then stop.
                while let Ok(n) = session.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    out.extend_from_slice(&buf[..n]);
                }
                break;
            }
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
        assert!(Instant::now() < deadline, "lianhu did not finish");
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn a_demo_shows_its_progress_on_a_terminal_and_nowhere_else() {
    let dir = tempfile::tempdir().unwrap();
    let shown = in_pty(&dir.path().join("a.db"), &["demo", "--households", "3000", "--years", "1"]);
    assert!(shown.contains("写入演示住户") && shown.contains("/3000"), "{shown}");
    assert!(shown.contains("演示乡镇已生成"), "{shown}");

    let quiet = in_pty(&dir.path().join("b.db"), &["--quiet", "demo", "--households", "3000", "--years", "1"]);
    assert!(!quiet.contains("写入演示住户"), "{quiet}");
    assert!(quiet.contains("演示乡镇已生成"), "{quiet}");

    // Piped (a script, cron): nothing but the result.
    let out = common::lianhu(&dir.path().join("c.db"), &["demo", "--households", "3000", "--years", "1"]);
    assert!(out.status.success());
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!stderr.contains("写入演示住户") && !stdout.contains("写入演示住户"), "{stderr}");
    assert!(!stderr.contains('\r'), "no bar redrawn: {stderr:?}");
}

#[test]
fn backup_and_check_show_progress_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    assert!(common::lianhu(&db, &["demo", "--households", "2000", "--years", "1"]).status.success());
    let backup = in_pty(&db, &["backup", "--to", dir.path().join("b").to_str().unwrap()]);
    assert!(backup.contains("复制数据页"), "{backup}");
    let check = in_pty(&db, &["check"]);
    assert!(check.contains("快速检查") && check.contains(" 页"), "{check}");
    let out = common::lianhu(&db, &["check"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("快速检查"));
}
