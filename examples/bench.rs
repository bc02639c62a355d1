//! The street-scale benchmark (issue 7): run with `scripts/bench.sh [DIR] [RUNS]`.
//!
//! Builds (once, kept in DIR) a demo of 30,000 households with five years of
//! visits, then measures, as medians with the spread over RUNS runs:
//! `lianhu due` and one quarter's `lianhu score`; the app in a pseudo-terminal
//! at 80×24 and 120×40: time to the first full frame, key-to-frame time and
//! bytes per frame for a row move, a page move, a tab switch and a search
//! keystroke (each frame is one write, wrapped in a synchronized update,
//! so its end is exact); CPU time and bytes over 10 idle seconds; peak
//! memory; the release binary's size.

use expectrl::{Expect, Session};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const END: &str = "\x1b[?2026l";

fn stats(name: &str, unit: &str, mut xs: Vec<f64>) {
    xs.sort_by(|a, b| a.total_cmp(b));
    let pick = |q: f64| xs[((xs.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{name:<34} median {:>9.3} {unit}  p99 {:>9.3}  min {:>9.3}  max {:>9.3}  ({} samples)",
        pick(0.5),
        pick(0.99),
        xs[0],
        xs[xs.len() - 1],
        xs.len()
    );
}

fn time_cli(bin: &Path, db: &Path, args: &[&str], runs: usize) -> Vec<f64> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = Command::new(bin).args(args).env("LIANHU_DB", db).env("LIANHU_TODAY", "2026-11-22").output().expect("run lianhu");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            start.elapsed().as_secs_f64()
        })
        .collect()
}

struct App {
    session: expectrl::session::OsSession,
}

impl App {
    fn start(bin: &Path, db: &Path, w: u16, h: u16) -> (App, f64, usize) {
        let mut cmd = Command::new(bin);
        cmd.env("LIANHU_DB", db).env("LIANHU_TODAY", "2026-11-22").env("TERM", "xterm-256color").env("LANG", "C.UTF-8");
        let start = Instant::now();
        let mut session = Session::spawn(cmd).expect("spawn");
        session.get_process_mut().set_window_size(w, h).expect("size");
        session.set_expect_timeout(Some(Duration::from_secs(30)));
        // The app asks how wide box drawing is (a cursor position request);
        // answered as a terminal would: one cell.
        session.expect("\x1b[6n").expect("the width question");
        session.send("\x1b[1;2R").expect("answer");
        let mut app = App { session };
        let bytes = app.frame();
        (app, start.elapsed().as_secs_f64(), bytes)
    }

    /// Waits for the end of the next frame; returns its size in bytes.
    fn frame(&mut self) -> usize {
        let c = self.session.expect(END).expect("a frame");
        c.before().len() + END.len()
    }

    /// Sends a key and times until its frame is out: (seconds, bytes).
    fn key(&mut self, k: &str) -> (f64, usize) {
        let start = Instant::now();
        self.session.send(k).expect("send");
        let bytes = self.frame();
        (start.elapsed().as_secs_f64(), bytes)
    }

    /// Sends a key that may change nothing on screen (then no frame comes).
    fn key_maybe(&mut self, k: &str) {
        self.session.set_expect_timeout(Some(Duration::from_millis(300)));
        self.session.send(k).expect("send");
        let _ = self.session.expect(END);
        self.session.set_expect_timeout(Some(Duration::from_secs(30)));
    }

    /// Waits until the app uses no more CPU (for 0.3 s): how long that took
    /// and the CPU it used meanwhile.
    fn settle(&self) -> (f64, u64) {
        let (start, c0) = (Instant::now(), cpu_ticks(self.pid()));
        let mut last = c0;
        loop {
            std::thread::sleep(Duration::from_millis(300));
            let now = cpu_ticks(self.pid());
            if now == last {
                return ((start.elapsed() - Duration::from_millis(300)).as_secs_f64(), now - c0);
            }
            last = now;
        }
    }

    fn pid(&self) -> i32 {
        self.session.get_process().pid().as_raw()
    }
}

fn proc_field(pid: i32, file: &str, key: &str) -> u64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).unwrap_or_default();
    text.lines().find(|l| l.starts_with(key)).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn cpu_ticks(pid: i32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default();
    let f: Vec<&str> = after.split_whitespace().collect();
    f.get(11).and_then(|u| u.parse::<u64>().ok()).unwrap_or(0) + f.get(12).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0)
}

fn walk(bin: &Path, db: &Path, w: u16, h: u16, runs: usize) {
    println!("-- the app at {w}×{h}");
    let mut first = Vec::new();
    for _ in 0..runs {
        let (mut app, t, _) = App::start(bin, db, w, h);
        first.push(t);
        app.session.send("q").ok();
    }
    // Township staff (the benchmark's user has no village) open on 总览.
    stats("first full frame (总览)", "s", first);
    // Tabs switched at once after start, before the app could read ahead.
    let mut cold = Vec::new();
    for _ in 0..runs.min(3) {
        let (mut app, _, _) = App::start(bin, db, w, h);
        for _ in 0..6 {
            cold.push(app.key("\t").0 * 1000.0);
        }
        app.session.send("q").ok();
    }
    stats("tab switch at once after start", "ms", cold);
    let (mut app, _, _) = App::start(bin, db, w, h);
    // A user reads the first screen before the first key; the app reads
    // the other tabs meanwhile, then goes idle.
    let (ready, ticks) = app.settle();
    println!("{:<34} {ready:.2} s, {ticks} ticks (1/100 s) of CPU", "reading ahead after the first frame");
    let mut back = Vec::new();
    for _ in 0..5 {
        app.key("1");
        back.push(app.key("0").0 * 1000.0);
    }
    stats("总览 again, once read: key-to-frame", "ms", back);
    app.key("2"); // 住户
    let (mut t, mut b) = (Vec::new(), Vec::new());
    for _ in 0..100 {
        let (s, n) = app.key("j");
        t.push(s * 1000.0);
        b.push(n as f64);
    }
    stats("row move: key-to-frame", "ms", t);
    stats("row move: bytes (100-row walk)", "B", b.clone());
    println!("{:<34} mean {:>9.1} B", "row move: bytes", b.iter().sum::<f64>() / b.len() as f64);
    let (mut t, mut b) = (Vec::new(), Vec::new());
    for i in 0..20 {
        let (s, n) = app.key(if i < 10 { "\x1b[6~" } else { "\x1b[5~" });
        t.push(s * 1000.0);
        b.push(n as f64);
    }
    stats("page move: key-to-frame", "ms", t);
    stats("page move: bytes", "B", b);
    let (mut t, mut b) = (Vec::new(), Vec::new());
    for _ in 0..12 {
        let (s, n) = app.key("\t");
        t.push(s * 1000.0);
        b.push(n as f64);
    }
    stats("tab switch: key-to-frame", "ms", t);
    stats("tab switch: bytes", "B", b);
    app.key_maybe("2");
    app.key("/");
    let (mut t, mut b) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        for k in ["z", "s", "\x7f", "\x7f"] {
            let (s, n) = app.key(k);
            t.push(s * 1000.0);
            b.push(n as f64);
        }
    }
    stats("search keystroke: key-to-frame", "ms", t);
    stats("search keystroke: bytes", "B", b);
    app.key("\r");
    let pid = app.pid();
    let (c0, w0) = (cpu_ticks(pid), proc_field(pid, "io", "wchar:"));
    std::thread::sleep(Duration::from_secs(10));
    let (c1, w1) = (cpu_ticks(pid), proc_field(pid, "io", "wchar:"));
    println!("{:<34} {} ticks (1/100 s), {} bytes written", "10 idle seconds", c1 - c0, w1 - w0);
    println!("{:<34} {} kB", "peak memory (VmHWM)", proc_field(pid, "status", "VmHWM:"));
    app.session.send("q").ok();
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/lianhu-bench".into()));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7);
    let bin = std::env::current_exe().expect("exe").parent().and_then(Path::parent).expect("target dir").join("lianhu");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let db = dir.join("street.db");
    println!(
        "machine: {} cores; binary {} ({} bytes)",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        bin.display(),
        std::fs::metadata(&bin).map_or(0, |m| m.len())
    );
    if !db.exists() {
        let t = time_cli(&bin, &db, &["demo", "--households", "30000", "--years", "5", "--force"], 1);
        println!("{:<34} {:.1} s (one run)", "demo build", t[0]);
    }
    stats("lianhu due", "s", time_cli(&bin, &db, &["due"], runs));
    stats("lianhu score --quarter 2026Q4", "s", time_cli(&bin, &db, &["score", "--quarter", "2026Q4"], runs));
    let report = dir.join("report.html");
    stats(
        "lianhu report --month 2026-10",
        "s",
        time_cli(&bin, &db, &["report", "--month", "2026-10", report.to_str().unwrap_or("report.html")], runs),
    );
    walk(&bin, &db, 80, 24, runs);
    walk(&bin, &db, 120, 40, runs.min(3));
}
