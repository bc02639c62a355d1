//! Real rosters in (issue 17): the files village offices really have, in
//! every encoding and workbook format, laid out their way. Workbooks come
//! from tests/fixtures/make.py; text files are made here, byte by byte.

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn rows(db: &Path, sql: &str) -> Vec<Vec<String>> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| Ok((0..n).map(|i| r.get::<_, String>(i).unwrap_or_default()).collect::<Vec<_>>()))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn import(db: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    lianhu(db, &all)
}

/// A households roster in `bytes`, imported: the heads stored.
fn households_from(bytes: &[u8], name: &str) -> (std::process::Output, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let db = dir.path().join("t.db");
    let out = import(&db, &["households", file.to_str().unwrap()]);
    let heads =
        if db.exists() { rows(&db, "SELECT head FROM households ORDER BY id").into_iter().map(|r| r[0].clone()).collect() } else { vec![] };
    (out, heads)
}

const TEXT: &str = "村,地址,户主,类别\r\n湖口村,湖口村一组1号,刘䶮,一般户\r\n湖口村,湖口村一组2号,欧阳娜娜,提升\r\n";

#[test]
fn every_encoding_excel_and_wps_save() {
    // Excel's "CSV (逗号分隔)" on Chinese Windows: GB18030, no BOM.
    let (gbk, _, _) = encoding_rs::GB18030.encode(TEXT);
    let (out, heads) = households_from(&gbk, "gbk.csv");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(heads, vec!["刘䶮", "欧阳娜娜"]);
    assert!(stderr(&out).contains("GB18030"), "{}", stderr(&out));
    // "CSV UTF-8": a BOM.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(TEXT.as_bytes());
    assert_eq!(households_from(&bom, "bom.csv").1, vec!["刘䶮", "欧阳娜娜"]);
    // "Unicode 文本": UTF-16LE with a BOM and tabs, as .txt and renamed .csv.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in TEXT.replace(',', "\t").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    for name in ["unicode.txt", "unicode.csv"] {
        let (out, heads) = households_from(&utf16, name);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(heads, vec!["刘䶮", "欧阳娜娜"], "{name}");
    }
    // Tab-separated UTF-8 saved as .csv.
    assert_eq!(households_from(TEXT.replace(',', "\t").as_bytes(), "tabs.csv").1, vec!["刘䶮", "欧阳娜娜"]);
    // A web platform's "xls" that is an HTML table: refused, saying so.
    let (out, _) = households_from(b"<html><body><table><tr><td>\xe6\x9d\x91</td></tr></table></body></html>", "export.xls");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("网页表格"), "{}", stderr(&out));
}

#[test]
fn crlf_files_report_the_line_excel_shows() {
    let (out, heads) =
        households_from("村,地址,户主,类别\r\n湖口村,一组1号,甲,一般户\r\n湖口村,一组2号,乙,二类户\r\n".as_bytes(), "crlf.csv");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("crlf.csv:3: 类别"), "{}", stderr(&out));
    assert!(heads.is_empty());
}

#[test]
fn the_seed_roster_as_wps_saves_it_imports_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let out = import(&db, &["roster", fixture("roster.xls").to_str().unwrap(), "--village", "湖口村"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("表头在第 3 行") && err.contains("联系户户主 → 户主") && err.contains("未用的列：序号"), "{err}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("党员：新增 2") && said.contains("住户：新增 5") && said.contains("联户关系：新增 5"), "{said}");
    assert_eq!(
        rows(&db, "SELECT name, phone, role FROM members ORDER BY name"),
        vec![vec!["单雄信", "13900000002", "member"], vec!["王芳", "13900000001", "cadre"]]
    );
    assert_eq!(
        rows(
            &db,
            "SELECT h.head, h.phone, h.class, m.name FROM households h JOIN links l ON l.household_id = h.id JOIN members m ON m.id = l.member_id ORDER BY h.address"
        ),
        vec![
            vec!["张三", "13800000001", "general", "王芳"],
            vec!["李四", "0579-86543210", "improving", "王芳"],
            vec!["王五", "", "difficult", "王芳"],
            vec!["赵六", "13800000004", "general", "单雄信"],
            vec!["钱七", "", "general", "单雄信"],
        ]
    );
    // Again: nothing new; and the same file renamed .xlsx is read by content.
    let renamed = dir.path().join("名单.xlsx");
    std::fs::copy(fixture("roster.xls"), &renamed).unwrap();
    let out = import(&db, &["roster", renamed.to_str().unwrap(), "--village", "湖口村"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("新增 0"), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(rows(&db, "SELECT CAST(count(*) AS TEXT) FROM members")[0][0], "2", "no duplicate members");
}

#[test]
fn a_members_import_of_the_roster_takes_the_members_phone_not_the_households() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let out = import(&db, &["members", fixture("roster.xls").to_str().unwrap(), "--village", "湖口村"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        rows(&db, "SELECT name, phone FROM members ORDER BY name"),
        vec![vec!["单雄信", "13900000002"], vec!["王芳", "13900000001"]]
    );
    assert!(stderr(&out).contains("联系电话"), "the household phone is named as not used: {}", stderr(&out));
}

#[test]
fn a_workbook_with_a_sheet_per_village_reads_every_sheet_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let out = import(&db, &["households", fixture("villages.xlsx").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("跳过工作表 填表说明：没有表头（像是说明页）") && err.contains("跳过工作表 走访：缺少“类别”"), "{err}");
    assert!(err.contains("工作表 湖口村：表头在第 2–3 行") && err.contains("联系电话 → 电话"), "{err}");
    assert_eq!(
        rows(
            &db,
            "SELECT v.name, h.head, h.phone, CAST(h.size AS TEXT), h.class FROM households h JOIN villages v ON v.id = h.village_id ORDER BY h.id"
        ),
        vec![
            vec!["湖口村", "张三", "13800000001", "4", "general"],
            vec!["湖口村", "李四", "13800000002", "3", "improving"],
            vec!["东阳村", "孙八", "0579-86543210", "2", "difficult"],
        ]
    );
}

#[test]
fn visit_dates_in_every_cell_format_and_notes_keep_their_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    drop(township(&db));
    let h = write(dir.path(), "h.csv", "村,地址,户主,类别\n湖口村,湖口村一组1号,张三,一般户\n");
    assert!(import(&db, &["households", h.to_str().unwrap()]).status.success());
    let out = import(&db, &["visits", fixture("villages.xlsx").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let got =
        rows(&db, "SELECT v.date, v.note FROM visits v JOIN households h ON h.id = v.household_id WHERE h.head = '张三' ORDER BY date");
    assert_eq!(
        got,
        vec![
            vec!["2026-03-05", "第1次\n讲解分类"],
            vec!["2026-03-06", "第2次\n讲解分类"],
            vec!["2026-03-07", "第3次\n讲解分类"],
            vec!["2026-03-08", "回访"]
        ]
    );
}

#[test]
fn an_ods_with_a_million_empty_rows_below_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let out = import(&db, &["households", fixture("households.ods").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(rows(&db, "SELECT head, class FROM households ORDER BY id"), vec![vec!["周一", "general"], vec!["吴二", "difficult"]]);
}

#[test]
fn dates_without_a_year_and_destroyed_phones_say_what_works() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    drop(township(&db));
    let v = write(dir.path(), "v.csv", "日期,村,党员,党员电话,户主,地址\n3月5日,湖口村,王芳,13900000001,张三丰,湖口村三组1号\n");
    let out = import(&db, &["visits", v.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("v.csv:2: 日期: 日期写法认不出：3月5日。可用的写法：2026-03-05"), "{}", stderr(&out));
    let h = write(dir.path(), "h.csv", "村,地址,户主,电话,类别\n湖口村,九组1号,甲,1.38001E+10,一般户\n");
    let out = import(&db, &["households", h.to_str().unwrap()]);
    assert!(stderr(&out).contains("科学计数"), "{}", stderr(&out));
}

#[test]
fn a_sheet_without_the_columns_says_which_row_looked_like_a_header_and_what_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let h = write(dir.path(), "h.csv", "2026年住户名单\n村,户主,备注\n湖口村,甲,\n");
    let out = import(&db, &["households", h.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("最像表头的是") && err.contains("第 2 行"), "{err}");
    assert!(err.contains("h.csv:2: 地址: 缺少此列（可用的列名：地址、家庭住址、住址"), "{err}");
    assert!(err.contains("h.csv:2: 类别"), "{err}");
}

#[test]
fn the_apps_import_shows_what_it_understood_before_anything_is_written() {
    use lianhu::app::keymap::Mode;
    use lianhu::app::{self, Action, App};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut store = lianhu::store::Store::open(&db, today()).unwrap();
    let mut a = App::new(settings(), lianhu::domain::rules::Rules::defaults(), 80, 24);
    app::start(&mut a, &mut store);
    app::update(&mut a, &mut store, Action::Close);
    app::update(&mut a, &mut store, Action::OpenImport);
    let f = a.form_mut().expect("the import form");
    assert_eq!(f.value("kind"), "Roster", "the seed's roster is offered first");
    f.focus_on("file");
    type_in(&mut a, &mut store, fixture("villages.xlsx").to_str().unwrap());
    // Households, not the roster: one step left of the first choice.
    a.form_mut().unwrap().focus_on("kind");
    app::update(
        &mut a,
        &mut store,
        Action::Key(crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Right, crossterm::event::KeyModifiers::NONE)),
    );
    assert_eq!(a.form().unwrap().value("kind"), "Households");
    app::update(&mut a, &mut store, Action::Save);
    app::update(&mut a, &mut store, Action::RunPending);
    assert_eq!(a.mode(), Mode::Preview);
    let Some(lianhu::app::Overlay::Report(report)) = a.top() else { panic!("no preview") };
    let text = report.lines.join("\n");
    assert!(text.contains("工作表 湖口村：表头在第 2–3 行") && text.contains("户主=张三") && text.contains("新增 3"), "{text}");
    let s = screen(&a, 80, 24);
    assert!(s.contains("导入预览") && s.contains("Enter 导入"), "{s}");
    let n = |store: &lianhu::store::Store| -> i64 { store.conn().query_row("SELECT count(*) FROM households", [], |r| r.get(0)).unwrap() };
    assert_eq!(n(&store), 0, "nothing written by the preview");
    app::update(&mut a, &mut store, Action::RunImport);
    // Written next, as the event loop runs long work with its gauge.
    app::update(&mut a, &mut store, Action::RunPending);
    assert_eq!(n(&store), 3);
    assert!(a.form().is_none() && a.overlays.is_empty());
    assert!(a.status.as_ref().is_some_and(|(s, _)| s.contains("新增 3")), "{:?}", a.status);
}

#[test]
fn xlsx_exports_carry_dates_numbers_percentages_and_a_frozen_filtered_header() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    drop(township(&db));
    let h = dir.path().join("住户.xlsx");
    assert!(lianhu(&db, &["export", "households", h.to_str().unwrap()]).status.success());
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&h).unwrap();
    assert_eq!(book.sheet_names(), vec!["住户"]);
    let range = book.worksheet_range("住户").unwrap();
    let headers: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let first = range.rows().nth(1).unwrap();
    assert!(matches!(first[col("电话")], Data::String(ref s) if s == "13812345678"), "phones stay text: {:?}", first[col("电话")]);
    let v = dir.path().join("走访.xlsx");
    assert!(lianhu(&db, &["export", "visits", v.to_str().unwrap()]).status.success());
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&v).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    assert!(matches!(range.rows().nth(1).unwrap()[0], Data::DateTime(_)), "{:?}", range.rows().nth(1).unwrap()[0]);
    let s = dir.path().join("考评.xlsx");
    assert!(lianhu(&db, &["export", "scores", s.to_str().unwrap(), "--quarter", "2026Q3"]).status.success());
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&s).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let headers: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let rate = headers.iter().position(|h| h == "完成率").unwrap();
    let points = headers.iter().position(|h| h == "积分").unwrap();
    let row = range.rows().nth(1).unwrap();
    assert!(matches!(row[rate], Data::Float(f) if (0.0..=1.0).contains(&f)), "{:?}", row[rate]);
    assert!(matches!(row[points], Data::Float(_)), "{:?}", row[points]);
    // The sheet itself: a frozen header row and an autofilter.
    let raw = {
        let f = std::fs::File::open(&s).unwrap();
        let mut zip = zip::ZipArchive::new(f).unwrap();
        let mut x = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut x).unwrap();
        x
    };
    assert!(raw.contains("state=\"frozen\"") && raw.contains("<autoFilter") && raw.contains("<cols>"), "{raw:.400}");
}

#[test]
fn optional_columns_under_the_names_clerks_use_are_taken_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let h = write(
        dir.path(),
        "h.csv",
        "所在村,村民小组,户主姓名,家庭住址,联系电话,家庭人口,户类别,说明\n湖口村,三组,张三,湖口村三组1号,０５７９-８６５４３２１０,4人,难点,门口桶常满\n",
    );
    let out = import(&db, &["households", h.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        rows(&db, "SELECT g.name, h.phone, CAST(h.size AS TEXT), h.class, h.note FROM households h JOIN groups g ON g.id = h.group_id"),
        vec![vec!["三组", "0579-86543210", "4", "difficult", "门口桶常满"]]
    );
    let err = stderr(&out);
    assert!(err.contains("村民小组 → 组") && err.contains("家庭人口 → 人口") && err.contains("说明 → 备注"), "{err}");
    assert!(!err.contains("未用的列"), "nothing left out: {err}");
}

#[test]
fn a_dry_run_tells_the_counts_on_stdout_and_the_rest_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let out = import(&db, &["households", fixture("villages.xlsx").to_str().unwrap(), "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("新增 3") && said.lines().count() == 1, "{said}");
    assert!(stderr(&out).contains("表头在第 2–3 行") && stderr(&out).contains("户主=张三"), "{}", stderr(&out));
    let bad = write(dir.path(), "bad.csv", "村,地址,户主,类别\n湖口村,一组1号,甲,二类户\n");
    let out = import(&db, &["households", bad.to_str().unwrap(), "--dry-run"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty() && stderr(&out).contains("bad.csv:2: 类别"), "{}", stderr(&out));
}

#[test]
fn a_roster_without_a_class_column_makes_general_households_and_keeps_a_class_on_update() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let with = write(dir.path(), "a.csv", "村,党员,户主,地址,类别\n湖口村,王芳,张三,一组1号,难点户\n");
    assert!(import(&db, &["roster", with.to_str().unwrap()]).status.success());
    let without = write(dir.path(), "b.csv", "村,党员,户主,地址\n湖口村,王芳,张三,一组1号\n湖口村,王芳,李四,一组2号\n");
    let out = import(&db, &["roster", without.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(rows(&db, "SELECT head, class FROM households ORDER BY id"), vec![vec!["张三", "difficult"], vec!["李四", "general"]]);
}
