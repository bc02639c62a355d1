//! The street-scale benchmark (issues 7 and 23): `scripts/bench.sh [DIR] [RUNS]`.
//!
//! Builds (once, kept in DIR) a demo of 30,000 households with five years of
//! visits, then measures, as medians with min–max over RUNS runs:
//! - `lianhu due` (an ordinary day and the 1st of a month), `score --quarter`
//!   and `report --month`;
//! - the app's first full frame at 80×24 on an ordinary day, on the worst
//!   day (the 1st of a month, every 一般户 due), on the first start of a day
//!   (the daily backup running), with the database's pages evicted from the
//!   page cache (`posix_fadvise(DONTNEED)`: the machine's other caches are
//!   left alone), and under a 25% CPU quota (a cgroup), each with its peak
//!   memory;
//! - a session on the worst day's first start: read-ahead, tab switches,
//!   100-row walks on 住户 and 走访, every tab, a search, 10 idle seconds:
//!   key-to-frame times and bytes (each frame is one write in a synchronized
//!   update, so its end is exact), idle CPU and bytes, peak memory (VmHWM);
//! - VisiData (`pip install visidata`) on the exported households CSV, in the
//!   same runs, interleaved: first screen, row move, bytes, memory, and the
//!   ratios.

use expectrl::{Expect, Session};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const END: &str = "\x1b[?2026l";
/// An ordinary day, and the worst: the 1st of a month.
const ORDINARY: &str = "2026-11-22";
const WORST: &str = "2026-12-01";
const CGROUP: &str = "/sys/fs/cgroup/cpu/lianhu-bench";

/// Median, min and max of some samples.
fn med(mut xs: Vec<f64>) -> (f64, f64, f64) {
    xs.sort_by(|a, b| a.total_cmp(b));
    if xs.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    (xs[xs.len() / 2], xs[0], xs[xs.len() - 1])
}

fn stats(name: &str, unit: &str, mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    let pick = |q: f64| xs[((xs.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{name:<40} median {:>9.3} {unit}  p99 {:>9.3}  min {:>9.3}  max {:>9.3}  ({} samples)",
        pick(0.5),
        pick(0.99),
        xs[0],
        xs[xs.len() - 1],
        xs.len()
    );
    pick(0.5)
}

fn time_cli(bin: &Path, db: &Path, today: &str, args: &[&str], runs: usize) -> Vec<f64> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = Command::new(bin).args(args).env("LIANHU_DB", db).env("LIANHU_TODAY", today).output().expect("run lianhu");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            start.elapsed().as_secs_f64()
        })
        .collect()
}

/// How a start is made.
#[derive(Clone, Copy, Default)]
struct Launch<'a> {
    today: &'a str,
    /// The database's pages evicted from the page cache first.
    cold: bool,
    /// Run in the 25% CPU quota's cgroup.
    quota: bool,
    /// Today's daily backup removed first, so that this start makes it.
    backup: bool,
}

/// Evicts a file's pages from the page cache (only this file's).
fn evict(path: &Path) {
    use std::os::fd::AsRawFd;
    if let Ok(f) = std::fs::File::open(path) {
        // SAFETY: a valid descriptor, the whole file, an advice only.
        unsafe {
            libc::posix_fadvise(f.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED);
        }
    }
}

/// Removes the daily backups made today (the real date, as `daily` names them).
fn forget_todays_backup(db: &Path) {
    let dir = db.parent().unwrap_or(Path::new(".")).join("backups");
    let stamp = chrono::Local::now().format("lianhu-%Y%m%d-").to_string();
    for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        if e.file_name().to_string_lossy().starts_with(&stamp) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A cgroup (v1 `cpu`, or v2) holding a process to 25% of one CPU; None
/// where none can be made.
fn quota_group() -> Option<PathBuf> {
    let v1 = Path::new(CGROUP);
    if std::fs::create_dir_all(v1).is_ok() && std::fs::write(v1.join("cpu.cfs_quota_us"), "25000").is_ok() {
        let _ = std::fs::write(v1.join("cpu.cfs_period_us"), "100000");
        return Some(v1.join("cgroup.procs"));
    }
    let v2 = Path::new("/sys/fs/cgroup/lianhu-bench");
    if std::fs::create_dir_all(v2).is_ok() && std::fs::write(v2.join("cpu.max"), "25000 100000").is_ok() {
        return Some(v2.join("cgroup.procs"));
    }
    None
}

struct App {
    session: expectrl::session::OsSession,
}

impl App {
    fn start(bin: &Path, db: &Path, w: u16, h: u16, l: Launch<'_>) -> (App, f64) {
        if l.backup {
            forget_todays_backup(db);
        }
        if l.cold {
            for suffix in ["", "-wal"] {
                evict(&PathBuf::from(format!("{}{suffix}", db.display())));
            }
            evict(bin);
        }
        let mut cmd = match quota_group().filter(|_| l.quota) {
            Some(procs) => {
                let mut c = Command::new("sh");
                c.arg("-c").arg(format!("echo $$ > {} && exec \"$0\"", procs.display())).arg(bin);
                c
            }
            None => Command::new(bin),
        };
        cmd.env("LIANHU_DB", db).env("LIANHU_TODAY", l.today).env("TERM", "xterm-256color").env("LANG", "C.UTF-8");
        let start = Instant::now();
        let mut session = Session::spawn(cmd).expect("spawn");
        session.get_process_mut().set_window_size(w, h).expect("size");
        session.set_expect_timeout(Some(Duration::from_secs(60)));
        // The app asks how wide box drawing is (a cursor position request);
        // answered as a terminal would: one cell.
        session.expect("\x1b[6n").expect("the width question");
        session.send("\x1b[1;2R").expect("answer");
        let mut app = App { session };
        app.frame();
        (app, start.elapsed().as_secs_f64())
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
        self.session.set_expect_timeout(Some(Duration::from_secs(60)));
    }

    /// Waits until the app uses no more CPU (for 0.3 s): how long that took
    /// and the CPU it used meanwhile.
    fn settle(&self) -> (f64, u64) {
        settle(self.pid())
    }

    fn pid(&self) -> i32 {
        self.session.get_process().pid().as_raw()
    }

    fn quit(mut self) -> u64 {
        let hwm = proc_field(self.pid(), "status", "VmHWM:");
        self.session.send("q").ok();
        let _ = self.session.get_process_mut().wait();
        hwm
    }
}

fn settle(pid: i32) -> (f64, u64) {
    let (start, c0) = (Instant::now(), cpu_ticks(pid));
    let mut last = c0;
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = cpu_ticks(pid);
        if now == last {
            return ((start.elapsed() - Duration::from_millis(300)).as_secs_f64(), now - c0);
        }
        last = now;
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

/// VisiData on the households CSV in a pty at 80×24.
struct Vd {
    session: expectrl::session::OsSession,
    screen: vt100::Parser,
}

impl Vd {
    /// Starts it; times until the first data row (`first`) is on screen.
    fn start(csv: &Path, first: &str) -> Option<(Vd, f64)> {
        let mut cmd = Command::new("vd");
        cmd.arg(csv).env("TERM", "xterm-256color").env("LANG", "C.UTF-8").env("HOME", std::env::temp_dir());
        let start = Instant::now();
        let mut session = Session::spawn(cmd).ok()?;
        session.get_process_mut().set_window_size(80, 24).ok()?;
        let mut vd = Vd {
            session,
            screen: vt100::Parser::new(std::num::NonZeroU16::new(24).expect("rows"), std::num::NonZeroU16::new(80).expect("cols"), 0),
        };
        while !vd.screen.screen().contents().contains(first) {
            if start.elapsed() > Duration::from_secs(30) {
                return None;
            }
            if vd.read() == 0 {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        Some((vd, start.elapsed().as_secs_f64()))
    }

    /// Reads what is there (never waits).
    fn read(&mut self) -> usize {
        let mut buf = [0u8; 65536];
        let mut total = 0;
        while let Ok(n) = self.session.try_read(&mut buf) {
            if n == 0 {
                break;
            }
            self.screen.process(&buf[..n]);
            total += n;
        }
        total
    }

    /// Sends a key: time to its last byte (once 50 ms pass with nothing), bytes.
    fn key(&mut self, k: &str) -> (f64, usize) {
        let start = Instant::now();
        self.session.send(k).expect("send");
        let (mut bytes, mut last, mut quiet_since) = (0, start, Instant::now());
        while quiet_since.elapsed() < Duration::from_millis(50) {
            let n = self.read();
            if n == 0 {
                std::thread::sleep(Duration::from_millis(1));
            } else {
                bytes += n;
                last = Instant::now();
                quiet_since = last;
            }
        }
        ((last - start).as_secs_f64(), bytes)
    }

    fn quit(mut self) -> u64 {
        let pid = self.session.get_process().pid().as_raw();
        settle(pid);
        let hwm = proc_field(pid, "status", "VmHWM:");
        let _ = self.session.get_process_mut().kill(expectrl::process::unix::Signal::SIGKILL);
        hwm
    }
}

/// First full frames (and peak memory) of one kind of start, interleaved
/// with VisiData's first screens when `vd` is given.
fn starts(bin: &Path, db: &Path, name: &str, l: Launch<'_>, runs: usize, vd: Option<(&Path, &str)>, table: &mut Vec<Line>) {
    let (mut times, mut mem, mut vd_times, mut vd_mem) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let (app, t) = App::start(bin, db, 80, 24, l);
        times.push(t * 1000.0);
        app.settle();
        mem.push(app.quit() as f64 / 1024.0);
        if let Some((v, t)) = vd.and_then(|(csv, first)| Vd::start(csv, first)) {
            vd_times.push(t * 1000.0);
            vd_mem.push(v.quit() as f64 / 1024.0);
        }
    }
    stats(&format!("first full frame: {name}"), "ms", times.clone());
    stats(&format!("peak memory: {name}"), "MB", mem.clone());
    let vd_t = (!vd_times.is_empty()).then(|| med(vd_times.clone()));
    if let Some(t) = vd_t {
        stats("VisiData first screen (same runs)", "ms", vd_times);
        stats("VisiData peak memory", "MB", vd_mem.clone());
        println!("{:<40} {:.1}× sooner", "lianhu against VisiData", t.0 / med(times.clone()).0);
    }
    table.push(Line::new(format!("first frame, {name}"), "ms", times, vd_t));
    table.push(Line::new(format!("peak memory, {name}"), "MB", mem, (!vd_mem.is_empty()).then(|| med(vd_mem))));
}

/// A row of the summary: lianhu's median with min–max, and VisiData's.
struct Line {
    name: String,
    unit: &'static str,
    ours: (f64, f64, f64),
    vd: Option<(f64, f64, f64)>,
}

impl Line {
    fn new(name: String, unit: &'static str, xs: Vec<f64>, vd: Option<(f64, f64, f64)>) -> Line {
        Line { name, unit, ours: med(xs), vd }
    }
}

/// The worst day's first start, used as a clerk's morning: the backup
/// running, tabs read ahead, walks, every tab, a search, idle.
fn session(bin: &Path, db: &Path, csv: Option<(&Path, &str)>, table: &mut Vec<Line>) {
    println!("-- a session at 80×24 on {WORST}, the first start of the day (the daily backup running)");
    let (mut app, t) = App::start(bin, db, 80, 24, Launch { today: WORST, backup: true, ..Launch::default() });
    println!("{:<40} {:.3} s", "first full frame", t);
    let (ready, ticks) = app.settle();
    println!("{:<40} {ready:.2} s, {ticks} ticks (1/100 s) of CPU", "reading ahead (and the backup)");
    let mut back = Vec::new();
    for _ in 0..5 {
        app.key("1");
        back.push(app.key("0").0 * 1000.0);
    }
    stats("总览 again, once read: key-to-frame", "ms", back);
    let mut walks = Vec::new();
    for (tab, name) in [("2", "住户"), ("4", "走访")] {
        app.key(tab);
        let (mut t, mut b) = (Vec::new(), Vec::new());
        for _ in 0..100 {
            let (s, n) = app.key("j");
            t.push(s * 1000.0);
            b.push(n as f64);
        }
        stats(&format!("row move on {name}: key-to-frame"), "ms", t.clone());
        stats(&format!("row move on {name}: bytes"), "B", b.clone());
        walks.push((name, t, b));
    }
    let (mut t, mut b) = (Vec::new(), Vec::new());
    for i in 0..20 {
        let (s, n) = app.key(if i < 10 { "\x1b[6~" } else { "\x1b[5~" });
        t.push(s * 1000.0);
        b.push(n as f64);
    }
    stats("page move: key-to-frame", "ms", t);
    stats("page move: bytes", "B", b);
    let (mut t, mut b) = (Vec::new(), Vec::new());
    for _ in 0..16 {
        let (s, n) = app.key("\t");
        t.push(s * 1000.0);
        b.push(n as f64);
    }
    let tabs = t.clone();
    stats("tab switch (every tab twice): key-to-frame", "ms", t);
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
    println!("{:<40} {} ticks (1/100 s), {} bytes written", "10 idle seconds", c1 - c0, w1 - w0);
    let hwm = app.quit() as f64 / 1024.0;
    println!("{:<40} {hwm:.1} MB", "peak memory (VmHWM), whole session");
    // VisiData walking its sheet the same way.
    let vd_walk = csv.and_then(|(csv, first)| Vd::start(csv, first)).map(|(mut vd, _)| {
        let (mut t, mut b) = (Vec::new(), Vec::new());
        for _ in 0..100 {
            let (s, n) = vd.key("j");
            t.push(s * 1000.0);
            b.push(n as f64);
        }
        let hwm = vd.quit() as f64 / 1024.0;
        stats("VisiData row move: key-to-last-byte", "ms", t.clone());
        stats("VisiData row move: bytes", "B", b.clone());
        (t, b, hwm)
    });
    let (name, t, b) = &walks[0];
    table.push(Line::new(format!("row move on {name}"), "ms", t.clone(), vd_walk.as_ref().map(|w| med(w.0.clone()))));
    table.push(Line::new(format!("bytes per row move on {name}"), "B", b.clone(), vd_walk.as_ref().map(|w| med(w.1.clone()))));
    let p99 = {
        let mut s = tabs.clone();
        s.sort_by(|a, b| a.total_cmp(b));
        s[((s.len() as f64 - 1.0) * 0.99).round() as usize]
    };
    table.push(Line { name: "tab switch p99, once read ahead".into(), unit: "ms", ours: (p99, p99, p99), vd: None });
    table.push(Line {
        name: "peak memory, the whole session".into(),
        unit: "MB",
        ours: (hwm, hwm, hwm),
        vd: vd_walk.map(|w| (w.2, w.2, w.2)),
    });
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/lianhu-bench".into()));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7);
    let bin = std::env::current_exe().expect("exe").parent().and_then(Path::parent).expect("target dir").join("lianhu");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let db = dir.join("street.db");
    let size = std::fs::metadata(&bin).map_or(0, |m| m.len());
    println!("machine: {} cores; binary {} ({size} bytes)", std::thread::available_parallelism().map_or(1, |n| n.get()), bin.display());
    if !db.exists() {
        let t = time_cli(&bin, &db, ORDINARY, &["demo", "--households", "30000", "--years", "5", "--force"], 1);
        println!("{:<40} {:.1} s (one run)", "demo build", t[0]);
    }
    // Opened once first: a migration due runs here, not in a measurement.
    time_cli(&bin, &db, ORDINARY, &["due"], 1);
    let csv = dir.join("households.csv");
    time_cli(&bin, &db, ORDINARY, &["export", "households", csv.to_str().unwrap_or("households.csv")], 1);
    let first_head =
        std::fs::read_to_string(&csv).ok().and_then(|t| t.lines().nth(1).and_then(|l| l.split(',').nth(4)).map(str::to_string));
    let have_vd = Command::new("vd").arg("--version").output().is_ok_and(|o| o.status.success());
    if !have_vd {
        println!("VisiData: not installed (pip install visidata); its side is left out");
    }
    let vd = first_head.as_deref().filter(|_| have_vd).map(|h| (csv.as_path(), h));
    let mut table = Vec::new();
    for (name, today) in [("due, ordinary day", ORDINARY), ("due, 1st of the month", WORST)] {
        let xs = time_cli(&bin, &db, today, &["due"], runs);
        stats(&format!("lianhu {name}"), "s", xs.clone());
        table.push(Line::new(format!("`lianhu {name}`"), "s", xs, None));
    }
    let xs = time_cli(&bin, &db, ORDINARY, &["score", "--quarter", "2026Q4"], runs);
    stats("lianhu score --quarter 2026Q4", "s", xs.clone());
    table.push(Line::new("`lianhu score --quarter`".into(), "s", xs, None));
    let report = dir.join("report.html");
    let xs = time_cli(&bin, &db, ORDINARY, &["report", "--month", "2026-10", report.to_str().unwrap_or("report.html")], runs);
    stats("lianhu report --month 2026-10", "s", xs.clone());
    table.push(Line::new("`lianhu report --month`".into(), "s", xs, None));
    println!("-- first full frames at 80×24 (township staff open on 总览)");
    let quota = quota_group().is_some();
    let plain = Launch { today: ORDINARY, ..Launch::default() };
    let worst = Launch { today: WORST, ..Launch::default() };
    starts(&bin, &db, "ordinary day, warm", plain, runs, vd, &mut table);
    starts(&bin, &db, "1st of the month, warm", worst, runs, None, &mut table);
    starts(&bin, &db, "1st of the month, first start of the day", Launch { backup: true, ..worst }, runs, None, &mut table);
    starts(&bin, &db, "1st of the month, cold page cache", Launch { cold: true, ..worst }, runs, None, &mut table);
    if quota {
        starts(&bin, &db, "1st of the month, 25% CPU quota", Launch { quota: true, ..worst }, runs, None, &mut table);
    } else {
        println!("25% CPU quota: no cgroup could be made here (needs root and a cgroup cpu controller); left out");
    }
    session(&bin, &db, vd, &mut table);
    println!("-- summary: medians (min–max); VisiData where it does the same");
    for l in &table {
        let (m, lo, hi) = l.ours;
        // Seconds with three decimals, the rest with one.
        let p = if l.unit == "s" { 3 } else { 1 };
        let theirs = l.vd.map_or(String::new(), |(v, vlo, vhi)| format!("   VisiData {v:.p$} ({vlo:.p$}–{vhi:.p$}), ratio {:.1}", v / m));
        println!("{:<52} {m:>8.p$} ({lo:.p$}–{hi:.p$}) {}{theirs}", l.name, l.unit);
    }
    println!("{:<52} {size} bytes", "binary");
    if quota {
        let _ = std::fs::remove_dir(CGROUP);
    }
}
