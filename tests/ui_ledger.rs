//! 台账 · 红黑榜 on ratatui's TestBackend, in Chinese: the month's
//! suggestions, a proposal and a confirmation taken with keys, the
//! full-name setting behind a confirmation, and a tiny screen.

mod common;

use common::*;
use lianhu::app::{self, Action, App, Tab, TabAction};
use lianhu::domain::model::ListState;
use lianhu::domain::rules::Rules;
use lianhu::store::Store;

fn on_ledger(store: &mut Store, w: u16, h: u16) -> App {
    let mut a = App::new(settings(), Rules::defaults(), w, h);
    app::start(&mut a, store);
    app::update(&mut a, store, Action::GoTab(Tab::ALL.len() - 1));
    assert_eq!(a.tab, Tab::Ledger);
    a
}

#[test]
fn the_red_and_black_lists_of_a_village_month_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = redblack_township(&dir.path().join("t.db"));
    let mut a = on_ledger(&mut store, 80, 24);
    // 东阳村 comes first by name: nothing suggested there in November.
    assert_eq!(a.tabs.ledger.village_name(), "东阳村");
    app::update(&mut a, &mut store, Action::Tab(TabAction::NextVillage));
    assert_eq!(a.tabs.ledger.village_name(), "湖口村");
    let plain = screen(&a, 80, 24);
    assert!(plain.contains("红榜  张三丰"), "{plain}");
    assert!(plain.contains("本月 2 次均准确"), "{plain}");
    insta::assert_snapshot!("suggested", plain);

    // p proposes the selected (张三丰, red); c on 李四 confirms straight away.
    app::update(&mut a, &mut store, Action::Tab(TabAction::Propose));
    app::update(&mut a, &mut store, Action::Down);
    app::update(&mut a, &mut store, Action::Tab(TabAction::ConfirmEntry));
    assert_eq!(
        a.tabs.ledger.redblack.all.iter().map(|r| r.state()).collect::<Vec<_>>(),
        vec![Some(ListState::Proposed), Some(ListState::Confirmed)]
    );
    assert_eq!(a.tabs.ledger.current().map(|r| r.head.as_str()), Some("李四"), "the selection stays on the household");
    // Confirming it again is refused on the status line, and nothing changes.
    app::update(&mut a, &mut store, Action::Tab(TabAction::ConfirmEntry));
    assert_eq!(a.status.as_ref().map(|(m, _)| m.as_str()), Some("该户的红黑榜状态已不允许这一步"));
    insta::assert_snapshot!("steps_taken", screen(&a, 80, 24));

    // N asks first; only y changes the village's setting.
    app::update(&mut a, &mut store, Action::Tab(TabAction::ToggleFullNames));
    assert!(screen(&a, 80, 24).contains("湖口村决定黑榜公开全名和地址？"));
    app::update(&mut a, &mut store, Action::No);
    assert!(!a.tabs.ledger.full_names);
    app::update(&mut a, &mut store, Action::Tab(TabAction::ToggleFullNames));
    app::update(&mut a, &mut store, Action::Yes);
    assert!(a.tabs.ledger.full_names);
    assert!(screen(&a, 80, 24).contains("黑榜公开全名"));

    // Another month: October has only 李四 (提升户) suggested.
    app::update(&mut a, &mut store, Action::Tab(TabAction::PrevMonth));
    assert_eq!(a.tabs.ledger.month.to_string(), "2026-10");
    assert_eq!(a.tabs.ledger.redblack.all.iter().map(|r| r.head.as_str()).collect::<Vec<_>>(), vec!["李四"]);
}

#[test]
fn the_ledger_on_a_tiny_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = redblack_township(&dir.path().join("t.db"));
    let mut a = on_ledger(&mut store, 80, 24);
    app::update(&mut a, &mut store, Action::Tab(TabAction::NextVillage));
    app::update(&mut a, &mut store, Action::Resize(60, 12));
    insta::assert_snapshot!(screen(&a, 60, 12));
    // Issue 20: behind the "too small" screen no key acts.
    app::update(&mut a, &mut store, Action::Tab(TabAction::PrevVillage));
    app::update(&mut a, &mut store, Action::Quit);
    assert_eq!(a.tabs.ledger.village_name(), "湖口村");
    assert!(!a.quit);
}

#[test]
fn meetings_and_activities_of_a_village_year_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = redblack_township(&dir.path().join("t.db"));
    let mut a = on_ledger(&mut store, 80, 24);
    app::update(&mut a, &mut store, Action::Tab(TabAction::NextVillage));
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowMeetings));
    assert!(screen(&a, 80, 24).contains("本年尚无会议或活动"));
    // a opens the form; saved, the attendee picker follows.
    app::update(&mut a, &mut store, Action::Tab(TabAction::Add));
    let form = a.form_mut().unwrap();
    form.fields.iter_mut().find(|f| f.key == "difficulties").unwrap().set("三组桶不够");
    form.fields.iter_mut().find(|f| f.key == "decisions").unwrap().set("增设两组桶");
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form().is_none(), "{:?}", a.status);
    assert!(a.picker().is_some(), "who attended comes next");
    app::update(&mut a, &mut store, Action::TogglePick);
    app::update(&mut a, &mut store, Action::FinishPick);
    // o: a concern about 李四 raised there.
    app::update(&mut a, &mut store, Action::Tab(TabAction::OpenConcern));
    let p = a.picker_mut().unwrap();
    let li = p.items.iter().position(|it| it.cells[0] == "李四").unwrap();
    p.list.selected = p.kept.iter().position(|k| *k == li).unwrap();
    app::update(&mut a, &mut store, Action::FinishPick);
    a.form_mut().unwrap().fields[0].set("李四家混投");
    app::update(&mut a, &mut store, Action::Save);
    let e = a.tabs.ledger.current_event().unwrap();
    assert_eq!((e.attendees.len(), e.concerns), (1, 1));
    insta::assert_snapshot!("events", screen(&a, 80, 24));
}

#[test]
fn each_members_year_with_duties_wechat_and_appraisal_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = redblack_township(&dir.path().join("t.db"));
    let mut a = on_ledger(&mut store, 80, 24);
    app::update(&mut a, &mut store, Action::Tab(TabAction::NextVillage));
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowYearEnd));
    assert_eq!(a.mode(), lianhu::app::keymap::Mode::Year);
    app::update(&mut a, &mut store, Action::Down);
    assert_eq!(a.tabs.ledger.current_member().map(|m| m.name.as_str()), Some("王芳"));
    // r: 先锋员 and 督导员.
    app::update(&mut a, &mut store, Action::Tab(TabAction::Duties));
    app::update(&mut a, &mut store, Action::TogglePick);
    for _ in 0..3 {
        app::update(&mut a, &mut store, Action::Down);
    }
    app::update(&mut a, &mut store, Action::TogglePick);
    app::update(&mut a, &mut store, Action::FinishPick);
    // w: the group's name, then who joined (the first of her households).
    app::update(&mut a, &mut store, Action::Tab(TabAction::Wechat));
    app::update(&mut a, &mut store, Action::Save);
    app::update(&mut a, &mut store, Action::TogglePick);
    app::update(&mut a, &mut store, Action::FinishPick);
    // E: 优秀.
    app::update(&mut a, &mut store, Action::Tab(TabAction::Appraise));
    a.form_mut().unwrap().fields[0].set("优秀");
    app::update(&mut a, &mut store, Action::Save);
    let m = a.tabs.ledger.current_member().unwrap();
    assert_eq!(m.duties.len(), 2);
    assert_eq!(m.wechat.as_ref().map(|(_, joined, linked)| (*joined, *linked)), Some((1, 4)));
    insta::assert_snapshot!("year_summary", screen(&a, 80, 24));
}

#[test]
fn bins_and_duty_days_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = redblack_township(&dir.path().join("t.db"));
    let mut a = on_ledger(&mut store, 80, 24);
    app::update(&mut a, &mut store, Action::Tab(TabAction::NextVillage));
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowBins));
    // No 督导员 yet: a says what to do first.
    app::update(&mut a, &mut store, Action::Tab(TabAction::Add));
    assert!(a.form().is_none());
    assert!(a.status.as_ref().is_some_and(|(m, _)| m.contains("督导员")));
    let wang = member_id(&store, "王芳");
    store.write(|tx, ctx| lianhu::store::programme::set_duties(tx, ctx, wang, &[lianhu::domain::model::Duty::Supervisor])).unwrap();
    app::update(&mut a, &mut store, Action::Tab(TabAction::Add));
    let form = a.form_mut().unwrap();
    form.fields[0].set("三组村口东侧");
    form.fields[1].set("三组");
    app::update(&mut a, &mut store, Action::Save);
    app::update(&mut a, &mut store, Action::Tab(TabAction::LogDuty));
    a.form_mut().unwrap().fields[1].set("劝导两户混投");
    app::update(&mut a, &mut store, Action::Save);
    assert_eq!(a.tabs.ledger.current_bin().map(|b| b.days_in_year), Some(1));
    insta::assert_snapshot!("bins", screen(&a, 80, 24));
}

#[test]
fn dual_registration_and_the_communitys_evaluation_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = redblack_township(&dir.path().join("t.db"));
    let mut a = on_ledger(&mut store, 80, 24);
    app::update(&mut a, &mut store, Action::Tab(TabAction::NextVillage));
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowUnits));
    app::update(&mut a, &mut store, Action::Tab(TabAction::Add));
    assert_eq!(a.picker().map(|p| p.items.len()), Some(2), "the village's members not registered yet");
    app::update(&mut a, &mut store, Action::Down);
    app::update(&mut a, &mut store, Action::FinishPick);
    a.form_mut().unwrap().fields[0].set("县供电公司");
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form().is_none(), "{:?}", a.status);
    app::update(&mut a, &mut store, Action::Tab(TabAction::Review));
    let form = a.form_mut().unwrap();
    form.fields[0].set("优秀");
    form.fields[1].set("带头分类，常参加志愿活动");
    app::update(&mut a, &mut store, Action::Save);
    let r = a.tabs.ledger.current_registration().unwrap();
    assert_eq!((r.member.as_str(), r.unit.as_str()), ("王芳", "县供电公司"));
    insta::assert_snapshot!("units", screen(&a, 80, 24));
}

#[test]
fn a_write_in_one_pane_shows_in_the_others_read_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = redblack_township(&dir.path().join("t.db"));
    let mut a = on_ledger(&mut store, 80, 24);
    app::update(&mut a, &mut store, Action::Tab(TabAction::NextVillage));
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowYearEnd));
    let meetings = |a: &App| a.tabs.ledger.members.all.iter().map(|m| m.meetings).sum::<usize>();
    assert_eq!(meetings(&a), 0);
    // A meeting with one member present, recorded on the next pane.
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowMeetings));
    app::update(&mut a, &mut store, Action::Tab(TabAction::Add));
    a.form_mut().unwrap().fields.iter_mut().find(|f| f.key == "decisions").unwrap().set("增设两组桶");
    app::update(&mut a, &mut store, Action::Save);
    app::update(&mut a, &mut store, Action::TogglePick);
    app::update(&mut a, &mut store, Action::FinishPick);
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowYearEnd));
    assert_eq!(meetings(&a), 1, "the year summary was read again after the write");
}
