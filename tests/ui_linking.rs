//! Linking in the app on ratatui's TestBackend: households picked for a
//! member (one of them moved), a member for a household (an exempt one asks
//! first), a patch's leader, suggestions accepted, and coverage.

mod common;

use common::*;
use lianhu::app::{self, Action, App, TabAction};
use lianhu::domain::rules::Rules;
use lianhu::store::{Store, households, links, members};

/// 湖口村: 王芳 (两委干部) linked to 张三丰 and 李四 since 2026-06-01;
/// 单雄信 (普通党员) and 孙二娘 (流动) linked to nothing; 曾国藩 unlinked.
fn seeded() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    store
        .write(|tx, ctx| {
            let wang = members::save(tx, ctx, None, &member("湖口村", "王芳", "13900000001", "两委干部").validate().unwrap())?.id();
            members::save(tx, ctx, None, &member("湖口村", "单雄信", "13900000002", "普通党员").validate().unwrap())?;
            let mut sun = member("湖口村", "孙二娘", "13900000003", "普通党员");
            sun.status = "流动".into();
            members::save(tx, ctx, None, &sun.validate().unwrap())?;
            for (i, head) in ["张三丰", "李四", "曾国藩"].iter().enumerate() {
                let h = household("湖口村", head, &format!("湖口村三组{}号", i + 1), "一般户");
                let id = households::save(tx, ctx, None, &h.validate().unwrap())?.id();
                if i < 2 {
                    links::link(tx, ctx, wang, id, d("2026-06-01"))?;
                }
            }
            Ok::<_, lianhu::store::StoreError>(())
        })
        .unwrap();
    (dir, store)
}

fn on_tab(store: &mut Store, tab: usize) -> App {
    let mut a = App::new(settings(), Rules::defaults(), 80, 24);
    a.detail = Some(true); // these tests read the detail pane too
    app::start(&mut a, store);
    app::update(&mut a, store, Action::GoTab(tab + 1));
    a
}

fn select(a: &mut App, store: &mut Store, name: &str) {
    app::update(a, store, Action::Home);
    for _ in 0..10 {
        let here = match a.tab {
            app::Tab::Members => a.tabs.members.list.current().map(|m| m.name.clone()),
            _ => a.tabs.households.list.current().map(|h| h.head.clone()),
        };
        if here.as_deref() == Some(name) {
            return;
        }
        app::update(a, store, Action::Down);
    }
    panic!("{name} not found");
}

#[test]
fn a_member_takes_two_households_one_moved_and_joins_a_patch() {
    let (_d, mut store) = seeded();
    let mut a = on_tab(&mut store, 2);
    select(&mut a, &mut store, "单雄信");
    app::update(&mut a, &mut store, Action::Tab(TabAction::Link));
    let s = screen(&a, 80, 24);
    assert!(s.contains("为 单雄信 选择住户"), "{s}");
    // Unlinked 曾国藩 comes first; then 王芳's households.
    assert_eq!(a.picker().unwrap().current().unwrap().cells[0], "曾国藩");
    app::update(&mut a, &mut store, Action::TogglePick);
    // Filter by pinyin initials: 张三丰.
    type_in(&mut a, &mut store, "zsf");
    app::update(&mut a, &mut store, Action::TogglePick);
    app::update(&mut a, &mut store, Action::FinishPick);
    let s = screen(&a, 80, 24);
    assert!(s.contains("党员 单雄信 联系 2 户：张三丰、曾国藩") || s.contains("党员 单雄信 联系 2 户：曾国藩、张三丰"), "{s}");
    assert!(s.contains("其中 1 户原有联户党员"), "{s}");
    app::update(&mut a, &mut store, Action::Save);
    assert!(screen(&a, 80, 24).contains("已联户 2 户（其中转移 1 户）"));
    // 单雄信's patch leader: 王芳.
    app::update(&mut a, &mut store, Action::Tab(TabAction::SetLeader));
    type_in(&mut a, &mut store, "wf");
    app::update(&mut a, &mut store, Action::FinishPick);
    let s = screen(&a, 80, 24);
    assert!(s.contains("联户长：王芳"), "{s}");
    insta::assert_snapshot!(s);
    // 王芳's detail: one household left, the moved one ended, and her patch.
    select(&mut a, &mut store, "王芳");
    let s = screen(&a, 80, 24);
    assert!(s.contains("联户长，带 1 名党员") && s.contains("单雄信(2)：张三丰、曾国藩"), "{s}");
    assert!(s.contains("张三丰  湖口村三组1号  2026-06-01 – 2026-11-21"), "{s}");
    assert!(s.contains("1/10–20↓"), "{s}");
}

#[test]
fn linking_a_household_to_an_exempt_member_asks_first_and_ending_a_link_asks_the_day() {
    let (_d, mut store) = seeded();
    let mut a = on_tab(&mut store, 1);
    select(&mut a, &mut store, "曾国藩");
    app::update(&mut a, &mut store, Action::Tab(TabAction::Link));
    // Exempt members are not offered: they show only when named.
    let p = a.picker().unwrap();
    let shown: Vec<&str> = p.kept.iter().map(|i| p.items[*i].cells[0].as_str()).collect();
    assert_eq!(shown, ["单雄信", "王芳"]);
    type_in(&mut a, &mut store, "sen");
    app::update(&mut a, &mut store, Action::FinishPick);
    assert!(screen(&a, 80, 24).contains("孙二娘 属于年老体弱或流动党员"));
    app::update(&mut a, &mut store, Action::Yes);
    app::update(&mut a, &mut store, Action::Save);
    assert!(screen(&a, 80, 24).contains("已联户 1 户"));
    assert!(screen(&a, 80, 24).contains("孙二娘"), "the household detail shows its new member");
    // End it: the form asks for the last day, and (issue 20) the reason.
    app::update(&mut a, &mut store, Action::Tab(TabAction::Unlink));
    assert!(screen(&a, 80, 24).contains("结束 曾国藩 的联户"));
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form().is_some(), "no reason given: the form stays");
    a.form_mut().unwrap().focus_on("reason");
    type_in(&mut a, &mut store, "党员外出务工");
    app::update(&mut a, &mut store, Action::Save);
    assert!(screen(&a, 80, 24).contains("已结束联户"));
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowHistory));
    let s = screen(&a, 80, 24);
    assert!(s.contains("联户结束：曾国藩 与 孙二娘") && s.contains("党员外出务工"), "{s}");
}

#[test]
fn coverage_is_one_key_from_today_and_suggestions_are_reviewed_before_writing() {
    let (_d, mut store) = seeded();
    let mut a = on_tab(&mut store, 0);
    let s = screen(&a, 80, 24);
    assert!(s.contains("未联户 1  无联户党员 1"), "{s}");
    app::update(&mut a, &mut store, Action::ShowCoverage);
    let s = screen(&a, 80, 24);
    assert!(s.contains("未联户的住户 1 户") && s.contains("单雄信") && s.contains("（年老体弱/流动）"), "{s}");
    app::update(&mut a, &mut store, Action::Suggest);
    assert!(!a.has(|o| matches!(o, lianhu::app::Overlay::Coverage(_))));
    assert!(screen(&a, 80, 24).contains("建议联户 1 户"));
    // Esc writes nothing.
    app::update(&mut a, &mut store, Action::Cancel);
    assert!(a.picker().is_none());
    assert!(screen(&a, 80, 24).contains("未联户 1"));
    app::update(&mut a, &mut store, Action::Suggest);
    app::update(&mut a, &mut store, Action::FinishPick);
    let s = screen(&a, 80, 24);
    assert!(s.contains("已建立 1 条联户") && s.contains("未联户 0"), "{s}");
}

#[test]
fn contact_cards_for_the_selected_village_are_one_key_away() {
    let (dir, mut store) = seeded();
    let mut settings = settings();
    settings.db_path = dir.path().join("lianhu.db").display().to_string();
    let mut a = App::new(settings, Rules::defaults(), 80, 24);
    app::start(&mut a, &mut store);
    app::update(&mut a, &mut store, Action::GoTab(2));
    app::update(&mut a, &mut store, Action::Tab(TabAction::WriteCards));
    let path = dir.path().join("联系卡-湖口村.html");
    assert!(screen(&a, 80, 24).contains("已写入 2 张联系卡"));
    let html = std::fs::read_to_string(path).unwrap();
    assert!(html.contains("王芳") && html.contains("13900000001") && html.contains("张三丰") && !html.contains("曾国藩"));
}

/// Issue 20: the move prompt names the member who loses the household;
/// linking a member past the most their role takes asks first.
#[test]
fn a_move_names_who_loses_the_household_and_an_over_load_asks_first() {
    let (_d, mut store) = seeded();
    let mut a = on_tab(&mut store, 1);
    select(&mut a, &mut store, "张三丰");
    app::update(&mut a, &mut store, Action::Tab(TabAction::Link));
    type_in(&mut a, &mut store, "sxx");
    app::update(&mut a, &mut store, Action::FinishPick);
    let caption = a.form().expect("the link form").caption.join("\n");
    assert!(caption.contains("张三丰 现由 王芳 联系，将转给 单雄信"), "{caption}");
    app::update(&mut a, &mut store, Action::Cancel);
    // 普通党员 take at most one here: two households ask first.
    a.rules.loads.member = [1, 1];
    app::update(&mut a, &mut store, Action::GoTab(3));
    select(&mut a, &mut store, "单雄信");
    app::update(&mut a, &mut store, Action::Tab(TabAction::Link));
    app::update(&mut a, &mut store, Action::TogglePickAll);
    app::update(&mut a, &mut store, Action::FinishPick);
    let s: String = screen(&a, 80, 24).chars().filter(|c| !matches!(c, ' ' | '\n' | '│')).collect();
    assert!(s.contains("单雄信已联系0户，再联系将有3户，超过其身份最多1户"), "{s}");
    app::update(&mut a, &mut store, Action::Yes);
    assert!(a.form().is_some_and(|f| f.kind() == lianhu::app::form::FormKind::Link), "a yes opens the link form");
}
