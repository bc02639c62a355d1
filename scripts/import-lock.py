#!/usr/bin/env python3
"""How long an import holds the write lock: scripts/import-lock.py [ROWS] [RUNS]

Builds nothing: run `cargo build --release` first. Makes a township of 100
households, a roster of ROWS new households (default 30,000), and imports it
RUNS times (default 3) into a fresh copy while a second connection tries
`BEGIN IMMEDIATE` every 5 ms; prints the longest time the lock was held, for
new rows and for the same file imported again (every row unchanged), and for
a file whose every row is bad (never locked)."""
import os, sqlite3, statistics, subprocess, sys, tempfile, time

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
BIN = os.path.join(os.path.dirname(__file__), "..", "target", "release", "lianhu")

def held(db, args):
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    p = subprocess.Popen([BIN, "--db", db, "--today", "2026-11-22", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    longest, since = 0.0, None
    while p.poll() is None:
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            if since is not None:
                longest, since = max(longest, time.time() - since), None
        except sqlite3.OperationalError:
            since = since or time.time()
        time.sleep(0.005)
    if since is not None:
        longest = max(longest, time.time() - since)
    return longest

with tempfile.TemporaryDirectory() as d:
    good, bad = os.path.join(d, "h.csv"), os.path.join(d, "bad.csv")
    rows = [f"村{i%12},{i%9+1}组,村{i%12}{i%9+1}组{i}号,户主{i},138{i:08d},{i%6+1},{{}}" for i in range(ROWS)]
    head = "村,组,地址,户主,电话,人口,类别\n"
    open(good, "w").write(head + "\n".join(r.format("一般户") for r in rows) + "\n")
    open(bad, "w").write(head + "\n".join(r.format("普通户") for r in rows) + "\n")
    new, again, refused = [], [], []
    for run in range(RUNS):
        db = os.path.join(d, f"t{run}.db")
        subprocess.run([BIN, "--db", db, "demo", "--households", "100", "--years", "1"], check=True, capture_output=True)
        new.append(held(db, ["import", "households", good]))
        again.append(held(db, ["import", "households", good]))
        refused.append(held(db, ["import", "households", bad]))
    for name, xs in [("new rows", new), ("unchanged rows", again), ("every row bad", refused)]:
        print(f"{ROWS} rows, {name}: write lock held at most {statistics.median(xs):.2f} s (median of {RUNS}; range {min(xs):.2f}–{max(xs):.2f})")
