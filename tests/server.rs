//! The township server: identity from the kernel, roles everywhere, the
//! forced-command path exactly as sshd runs it, and (where `sshd` is
//! installed) a real SSH login on 127.0.0.1 with a generated key.

#![cfg(unix)]

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn is_root() -> bool {
    lianhu::store::identity::uid() == 0
}

/// The binary, with today fixed and the environment cleared of identity.
fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lianhu"));
    c.env("LIANHU_TODAY", "2026-11-22").env_remove("LIANHU_LANG").env_remove("SUDO_USER").env_remove("SSH_ORIGINAL_COMMAND");
    c
}

/// The binary as the unprivileged user `nobody` (65534): only when these
/// tests run as root, which CI does.
fn as_nobody() -> Command {
    let mut c = Command::new("setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_lianhu")])
        .env("LIANHU_TODAY", "2026-11-22")
        .env_remove("LIANHU_LANG")
        .env_remove("SSH_ORIGINAL_COMMAND");
    c
}

/// A township in a folder everyone may enter and write (a group-shared
/// set-up at its loosest), with users: clerk1 (湖口村), viewer (reader).
fn shared_township() -> (tempfile::TempDir, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let db = dir.path().join("town.db");
    drop(township(&db));
    for args in [&["users", "set", "clerk1", "clerk", "--village", "湖口村"][..], &["users", "set", "viewer", "reader"]] {
        let o = bin().args(args).env("LIANHU_DB", &db).output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for f in std::fs::read_dir(dir.path()).unwrap() {
        let p = f.unwrap().path();
        if p.is_file() {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o666)).unwrap();
        }
    }
    (dir, db)
}

#[test]
fn forged_environment_variables_change_nobody() {
    if !is_root() {
        eprintln!("skipped: needs root to run as another user");
        return;
    }
    let (dir, db) = shared_township();
    let roster = write(dir.path(), "h.csv", "村,地址,户主,类别\n湖口村,湖口村九组9号,司马光,一般户\n");
    std::fs::set_permissions(&roster, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    // nobody is not on the list: whatever USER, LOGNAME or SUDO_USER say.
    let forged = |c: &mut Command| {
        c.env("USER", "root").env("LOGNAME", "root").env("SUDO_USER", "clerk1").env("LIANHU_DB", &db);
    };
    let mut c = as_nobody();
    forged(&mut c);
    let o = c.args(["users", "set", "nobody", "admin"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nobody 不是管理员"), "{}", stderr(&o));
    let mut c = as_nobody();
    forged(&mut c);
    let o = c.args(["import", "households", roster.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nobody 不在用户名单中"), "{}", stderr(&o));
    assert_eq!(count(&db, "SELECT count(*) FROM households WHERE head = '司马光'"), 0);
    // --as is the owner's alone.
    let mut c = as_nobody();
    forged(&mut c);
    let o = c.args(["--as", "clerk1", "due"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("只有数据库的所有者（root）可以用 --as"), "{}", stderr(&o));
    // Reading works for nobody, and the audit log never saw the forged names.
    let mut c = as_nobody();
    forged(&mut c);
    assert!(c.args(["due", "--format", "json"]).output().unwrap().status.success());
    assert_eq!(count(&db, "SELECT count(*) FROM audit WHERE who IN ('nobody', 'clerk1') "), 0);
}

#[test]
fn the_owner_is_the_administrator_and_speaks_for_staff_with_as_or_sudo() {
    let (dir, db) = shared_township();
    let roster = write(dir.path(), "h.csv", "村,地址,户主,类别\n湖口村,湖口村九组9号,司马光,一般户\n");
    // SUDO_USER is honoured for the owner's own account only: the audit log
    // records the member who came in through sudo.
    let o =
        bin().args(["import", "households", roster.to_str().unwrap()]).env("LIANHU_DB", &db).env("SUDO_USER", "clerk1").output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count(&db, "SELECT count(*) FROM audit WHERE who = 'clerk1' AND entity = 'household'"), 1);
    // Through sudo the owner's authority comes along (the administrator's
    // commands), under the member's own name.
    let o = bin().args(["users", "set", "newclerk", "reader"]).env("LIANHU_DB", &db).env("SUDO_USER", "chief").output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count(&db, "SELECT count(*) FROM audit WHERE who = 'chief' AND entity = 'user'"), 1);
    let o = bin().args(["--as", "x;rm -rf /", "due"]).env("LIANHU_DB", &db).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn every_import_kind_refuses_rows_of_another_village() {
    let (dir, db) = shared_township();
    let files = [
        ("households", "村,地址,户主,类别\n湖口村,湖口村九组1号,甲,一般户\n东阳村,东阳村九组1号,乙,一般户\n"),
        ("members", "村,姓名,电话,身份\n湖口村,新党员,13900000009,普通党员\n东阳村,新党员,13900000008,普通党员\n"),
        ("links", "村,党员,户主,地址\n东阳村,孙八,钱七,东阳村一组1号\n"),
        ("visits", "日期,村,党员,户主,地址,情况\n2026-11-20,东阳村,孙八,钱七,东阳村一组1号,入户\n"),
        ("ratings", "季度,村,户主,地址,评价\n2026Q3,东阳村,钱七,东阳村一组1号,满意\n"),
        ("adjustments", "季度,村,党员,分值,原因\n2026Q3,东阳村,孙八,2,表扬\n"),
    ];
    let before = count(&db, "SELECT count(*) FROM audit");
    for (kind, text) in files {
        let file = write(dir.path(), &format!("{kind}.csv"), text);
        let o = bin().args(["--as", "clerk1", "import", kind, file.to_str().unwrap()]).env("LIANHU_DB", &db).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{kind}: {}", stdout(&o));
        let err = stderr(&o);
        assert!(err.contains("clerk1 只能修改 湖口村") && err.contains(&format!("{kind}.csv:")), "{kind}: {err}");
    }
    assert_eq!(count(&db, "SELECT count(*) FROM audit"), before, "nothing written");
    // The reader is told at once.
    let file = write(dir.path(), "v.csv", files[3].1);
    let o = bin().args(["--as", "viewer", "import", "visits", file.to_str().unwrap()]).env("LIANHU_DB", &db).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("viewer 只有查看权限"), "{}", stderr(&o));
}

#[test]
fn restore_demo_force_and_users_need_an_administrator() {
    let (dir, db) = shared_township();
    let backup = bin().args(["backup"]).env("LIANHU_DB", &db).output().unwrap();
    let backup = PathBuf::from(stdout(&backup).trim());
    let households = count(&db, "SELECT count(*) FROM households");
    for who in ["clerk1", "viewer"] {
        for args in [
            vec!["restore", backup.to_str().unwrap()],
            vec!["demo", "--households", "50", "--force"],
            vec!["users", "set", who, "admin"],
            vec!["users", "remove", "clerk1"],
        ] {
            let o = bin().arg("--as").arg(who).args(&args).env("LIANHU_DB", &db).output().unwrap();
            assert_eq!(o.status.code(), Some(1), "{who} {args:?}");
            assert!(stderr(&o).contains("不是管理员") || stderr(&o).contains("只有查看权限"), "{who} {args:?}: {}", stderr(&o));
        }
    }
    assert_eq!(count(&db, "SELECT count(*) FROM households"), households);
    assert_eq!(count(&db, "SELECT count(*) FROM users"), 2);
    assert!(!std::fs::read_dir(dir.path()).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains("before-")));
}

#[test]
fn a_quarter_is_finalised_only_after_it_really_ended() {
    let (_dir, db) = shared_township();
    let now = chrono::Local::now().date_naive();
    let running = lianhu::domain::period::Quarter::of(now);
    let after = (running.last_day() + chrono::Days::new(2)).to_string();
    let o =
        bin().args(["--today", &after, "score", "--quarter", &running.to_string(), "--finalize"]).env("LIANHU_DB", &db).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("尚未结束"), "{}", stderr(&o));
    assert_eq!(count(&db, "SELECT count(*) FROM quarter_finals"), 0);
}

const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f clerk1@pc\n";

#[test]
fn users_set_with_a_key_edits_authorized_keys_and_list_shows_its_fingerprint() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, db) = shared_township();
    let keys = dir.path().join("home").join(".ssh").join("authorized_keys");
    let pubkey = write(dir.path(), "id_ed25519.pub", KEY);
    let run = |args: &[&str]| bin().args(args).env("LIANHU_DB", &db).output().unwrap();
    let k = keys.to_str().unwrap();
    let o = run(&["users", "set", "clerk1", "clerk", "--village", "湖口村", "--key", pubkey.to_str().unwrap(), "--authorized-keys", k]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&keys).unwrap();
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_lianhu")).unwrap();
    let db_real = std::fs::canonicalize(&db).unwrap();
    assert_eq!(
        text.trim(),
        format!(
            "restrict,pty,command=\"{} --db {} --as clerk1\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f lianhu:clerk1",
            exe.display(),
            db_real.display()
        )
    );
    assert_eq!(std::fs::metadata(&keys).unwrap().permissions().mode() & 0o777, 0o600);
    let list = stdout(&run(&["users", "list", "--authorized-keys", k]));
    let line = list.lines().find(|l| l.starts_with("clerk1\t")).unwrap();
    assert!(line.contains("SHA256:"), "{line}");
    // A junk key is refused, and nothing changes.
    let junk = write(dir.path(), "junk.pub", "not a key");
    let o = run(&["users", "set", "viewer", "reader", "--key", junk.to_str().unwrap(), "--authorized-keys", k]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("不是 SSH 公钥"), "{}", stderr(&o));
    assert!(run(&["users", "remove", "clerk1", "--authorized-keys", k]).status.success());
    assert_eq!(std::fs::read_to_string(&keys).unwrap().trim(), "");
}

/// The binary exactly as sshd runs a forced command: the key's command
/// line, with what the member typed in `SSH_ORIGINAL_COMMAND`.
fn forced(db: &Path, who: &str, typed: &str) -> Output {
    let mut c = bin();
    c.args(["--db", db.to_str().unwrap(), "--as", who])
        .env("SSH_ORIGINAL_COMMAND", typed)
        .env_remove("LIANHU_DB")
        .env_remove("LIANHU_TODAY");
    c.stdin(Stdio::null()).output().unwrap()
}

#[test]
fn the_forced_command_runs_what_the_member_typed_as_that_member() {
    let (dir, db) = shared_township();
    // A read.
    let o = forced(&db, "viewer", "due --format json --village 湖口村");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.as_array().is_some_and(|a| !a.is_empty()));
    // A refused write.
    let roster = write(dir.path(), "h.csv", "村,地址,户主,类别\n湖口村,湖口村九组9号,司马光,一般户\n");
    let o = forced(&db, "viewer", &format!("import households '{}'", roster.display()));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("viewer 只有查看权限"), "{}", stderr(&o));
    // An export to standard output.
    let o = forced(&db, "clerk1", "export households - --village 湖口村");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("张三丰") && !stdout(&o).contains("钱七"), "{}", stdout(&o));
    let o = forced(&db, "clerk1", "export board - --quarter 2026Q3");
    assert!(o.status.success() && stdout(&o).starts_with("<!DOCTYPE html>"), "{}", stderr(&o));
    // --db and --as inside the typed command are refused; no shell runs.
    for typed in ["--db /tmp/other.db due", "due --as viewer", "--as=root due", "due; touch /tmp/lianhu-pwned"] {
        let o = forced(&db, "clerk1", typed);
        assert_ne!(o.status.code(), Some(0), "{typed}");
    }
    assert!(!Path::new("/tmp/lianhu-pwned").exists());
    // And the audit log names the member.
    let o = forced(&db, "clerk1", &format!("import households {}", roster.display()));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count(&db, "SELECT count(*) FROM audit WHERE who = 'clerk1'"), 1);
}

#[test]
fn a_readers_forms_do_not_open_and_leave_no_draft() {
    use lianhu::app::{self, Action, App, TabAction};
    let (_dir, db) = shared_township();
    let mut store = lianhu::store::Store::open(&db, today()).unwrap();
    store.who = "viewer".into();
    let mut a = App::new(settings(), lianhu::domain::rules::Rules::defaults(), 80, 24);
    app::start(&mut a, &mut store);
    app::update(&mut a, &mut store, Action::GoTab(2));
    for action in [Action::Tab(TabAction::Add), Action::Tab(TabAction::Edit), Action::Tab(TabAction::LogVisit)] {
        app::update(&mut a, &mut store, action);
        assert!(a.form().is_none());
        assert!(a.status.as_ref().is_some_and(|(s, _)| s.contains("viewer 只有查看权限")), "{:?}", a.status);
    }
    assert_eq!(count(&db, "SELECT count(*) FROM drafts"), 0);
}

/// A real sshd on 127.0.0.1, its own config and host key in a temp folder,
/// the service account being the user running the tests, and a staff key
/// added by `lianhu users set --key` with `PermitRootLogin
/// forced-commands-only` when that user is root.
#[test]
fn a_real_ssh_login_runs_the_forced_command() {
    let sshd = Path::new("/usr/sbin/sshd");
    if !sshd.exists() || Command::new("ssh").arg("-V").output().is_err() {
        eprintln!("skipped: sshd or ssh is not installed (CI installs openssh-server and openssh-client)");
        return;
    }
    let (dir, db) = shared_township();
    let d = dir.path();
    let keygen = |path: &Path| {
        let o = Command::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-f"]).arg(path).output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    };
    keygen(&d.join("host_key"));
    keygen(&d.join("staff_key"));
    let keys = d.join("authorized_keys");
    let o = bin()
        .args(["users", "set", "clerk1", "clerk", "--village", "湖口村", "--key"])
        .arg(d.join("staff_key.pub"))
        .arg("--authorized-keys")
        .arg(&keys)
        .env("LIANHU_DB", &db)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let port = 20000 + (std::process::id() % 20000) as u16;
    let config = d.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nAuthorizedKeysFile {}\nPidFile {}\nStrictModes no\nUsePAM no\n\
             PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin forced-commands-only\nAcceptEnv LANG LC_*\n\
             ClientAliveInterval 15\nClientAliveCountMax 3\n",
            d.join("host_key").display(),
            keys.display(),
            d.join("sshd.pid").display()
        ),
    )
    .unwrap();
    std::fs::create_dir_all("/run/sshd").ok();
    let mut server = Command::new(sshd).args(["-D", "-e", "-f"]).arg(&config).stderr(Stdio::piped()).spawn().unwrap();
    let user = lianhu::store::identity::real_user();
    let ssh = |typed: &str| {
        Command::new("ssh")
            .args(["-i"])
            .arg(d.join("staff_key"))
            .args(["-p", &port.to_string(), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes"])
            .args(["-o", "LogLevel=ERROR", &format!("{user}@127.0.0.1"), typed])
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let mut out = ssh("due --format json");
    for _ in 0..50 {
        if out.status.success() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        out = ssh("due --format json");
    }
    let export = ssh("export households - --village 湖口村");
    let refused = ssh("due --db /tmp/x.db");
    let _ = server.kill();
    let _ = server.wait();
    assert!(out.status.success(), "ssh: {}", stderr(&out));
    assert!(stdout(&out).trim_start().starts_with('['), "{}", stdout(&out));
    assert!(export.status.success() && stdout(&export).contains("张三丰"), "{}", stderr(&export));
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
}

#[test]
fn on_the_server_the_app_says_how_to_fetch_what_it_wrote() {
    use lianhu::app::{self, Action, App, TabAction};
    let (dir, db) = shared_township();
    let mut store = lianhu::store::Store::open(&db, today()).unwrap();
    let mut s = settings();
    s.db_path = db.display().to_string();
    s.fetch = Some("ssh lianhu@town".into());
    let mut a = App::new(s, lianhu::domain::rules::Rules::defaults(), 80, 24);
    app::start(&mut a, &mut store);
    app::update(&mut a, &mut store, Action::GoTab(5));
    app::update(&mut a, &mut store, Action::Tab(TabAction::WriteBoard));
    let (status, _) = a.status.clone().unwrap();
    // At 80 columns the command stands alone (its label would push it off).
    assert!(status.starts_with("ssh lianhu@town export board - --quarter 2026Q4 --village "), "{status}");
    assert!(status.ends_with("> 公示.html"), "{status}");
    assert!(lianhu::domain::text::width(&status) <= 80, "{status}");
    assert!(std::fs::read_dir(dir.path()).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".html")));
    app::update(&mut a, &mut store, Action::Resize(100, 30));
    app::update(&mut a, &mut store, Action::Tab(TabAction::WriteBoard));
    assert!(a.status.clone().unwrap().0.starts_with("取回：ssh lianhu@town export board - "), "{:?}", a.status);
}

#[test]
fn a_group_shared_database_gets_files_the_group_can_write_and_check_warns_of_others() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("town.db");
    drop(township(&db));
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o660)).unwrap();
    let o = bin().args(["backup"]).env("LIANHU_DB", &db).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let made = PathBuf::from(stdout(&o).trim());
    assert_eq!(std::fs::metadata(&made).unwrap().permissions().mode() & 0o777, 0o660);
    assert_eq!(std::fs::metadata(made.parent().unwrap()).unwrap().permissions().mode() & 0o7777, 0o2770);
    let o = bin().args(["check"]).env("LIANHU_DB", &db).output().unwrap();
    assert!(!stdout(&o).contains("本机所有用户都能写"), "{}", stdout(&o));
    std::fs::set_permissions(&made, std::fs::Permissions::from_mode(0o666)).unwrap();
    let o = bin().args(["check"]).env("LIANHU_DB", &db).output().unwrap();
    assert!(stdout(&o).contains(&format!("{} 本机所有用户都能写", made.display())), "{}", stdout(&o));
}

#[test]
fn an_export_to_standard_output_takes_its_format_from_the_option() {
    let (_dir, db) = shared_township();
    let o = forced(&db, "clerk1", "export households - --format xlsx");
    assert!(o.status.success() && o.stdout.starts_with(b"PK"), "{}", stderr(&o));
    let o = forced(&db, "clerk1", "export households -");
    assert!(stdout(&o).starts_with('\u{FEFF}'), "csv by default");
    let o = forced(&db, "clerk1", "export board - --quarter 2026Q3 --format csv");
    assert_eq!(o.status.code(), Some(2), "a printed page is html only: {}", stderr(&o));
    // check: the quick check by default, the integrity check with --full.
    for args in [&["check"][..], &["check", "--full"]] {
        let o = bin().args(args).env("LIANHU_DB", &db).output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
}
