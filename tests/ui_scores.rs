//! The 考评 tab on ratatui's TestBackend at 80×24, in Chinese: the ranking
//! with a tie that kept a group out, a member's detail, the year, the
//! 民意测评 walk, an adjustment, and finalising.

mod common;

use common::*;
use lianhu::app::{self, Action, App, TabAction};
use lianhu::domain::model::Rating;
use lianhu::domain::rules::Rules;
use lianhu::store::{Store, households, links, members, records, visits};

/// 湖口村, ten members each linked on 2026-01-01 to one 一般户; 党员 0–7
/// visit every month, 党员8 and 党员9 never. 户主0 rates 党员0 满意 in Q3.
/// Caps: 1 star, 1 warning; the bottom two tie, so nobody is warned.
fn village() -> (tempfile::TempDir, Store) {
    let (dir, store) = temp_store();
    let path = dir.path().join("lianhu.db");
    drop(store);
    let mut store = Store::open(&path, d("2026-01-01")).unwrap();
    let names = ["王芳", "李建国", "张秀兰", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周强", "吴敏"];
    store
        .write(|tx, ctx| {
            for (i, name) in names.iter().enumerate() {
                let m =
                    members::save(tx, ctx, None, &member("湖口村", name, &format!("1390000000{i}"), "普通党员").validate().unwrap())?.id();
                let h = household("湖口村", &format!("户主{i}"), &format!("湖口村一组{i}号"), "一般户");
                let h = households::save(tx, ctx, None, &h.validate().unwrap())?.id();
                links::link(tx, ctx, m, h, d("2026-01-01"))?;
                for month in 1..=11 {
                    if i < 8 {
                        let v = visit(h, m, &format!("2026-{month:02}-10"), "宣传垃圾分类");
                        visits::log(tx, ctx, &v, None)?;
                    }
                }
                if i == 0 {
                    records::set_rating(tx, ctx, h, "2026Q3".parse().unwrap(), Rating::Satisfied)?;
                }
            }
            Ok::<_, lianhu::store::StoreError>(())
        })
        .unwrap();
    drop(store);
    (dir, Store::open(&path, today()).unwrap())
}

/// The 考评 tab on 2026Q3.
fn q3(store: &mut Store) -> App {
    let mut a = App::new(settings(), Rules::defaults(), 80, 24);
    app::start(&mut a, store);
    app::update(&mut a, store, Action::GoTab(5));
    app::update(&mut a, store, Action::Tab(TabAction::PrevQuarter));
    a
}

#[test]
fn ranking_at_80x24_explains_the_tie_that_kept_a_group_out() {
    let (_d, mut store) = village();
    let a = q3(&mut store);
    let s = screen(&a, 80, 24);
    assert!(s.contains("季度之星 1/1，警示党员 0/1"), "{s}");
    assert!(s.contains("倒数有 2 人并列第 9 名"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn a_members_detail_lists_periods_owed_and_done_and_the_formula() {
    let (_d, mut store) = village();
    let mut a = q3(&mut store);
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowDetail));
    let s = screen(&a, 80, 24);
    assert!(s.contains("7月✓07-10  8月✓08-10  9月✓09-10"), "{s}");
    assert!(s.contains("= 80.0"), "{s}");
    insta::assert_snapshot!(s);
    // Esc goes back to the ranking.
    app::update(&mut a, &mut store, Action::Tab(TabAction::Back));
    assert!(screen(&a, 80, 24).contains("名次"));
}

#[test]
fn the_ratings_walk_rates_with_one_key_and_counts_what_is_missing() {
    let (_d, mut store) = village();
    let mut a = q3(&mut store);
    app::update(&mut a, &mut store, Action::Tab(TabAction::OpenRatings));
    assert!(screen(&a, 80, 24).contains("未测评 9 户 / 共 10 户"));
    // The walk starts on the first household without a rating.
    assert_eq!(a.tabs.scores.rating_list.selected, 1);
    app::update(&mut a, &mut store, Action::Tab(TabAction::Rate(Some(Rating::Unsatisfied))));
    app::update(&mut a, &mut store, Action::Tab(TabAction::Rate(Some(Rating::Basic))));
    let s = screen(&a, 80, 24);
    assert!(s.contains("未测评 7 户 / 共 10 户"), "{s}");
    assert_eq!(a.tabs.scores.rating_list.selected, 3);
    app::update(&mut a, &mut store, Action::Up);
    app::update(&mut a, &mut store, Action::Tab(TabAction::Rate(None)));
    // Issue 20: a rating given already is asked about before it changes.
    let s = screen(&a, 80, 24);
    assert!(s.contains("本季度已测评为“基本满意”，改为“未测评”吗？"), "{s}");
    app::update(&mut a, &mut store, Action::Yes);
    assert!(screen(&a, 80, 24).contains("未测评 8 户"));
    // Issue 20: n goes to the next household not rated yet.
    app::update(&mut a, &mut store, Action::Home);
    app::update(&mut a, &mut store, Action::Tab(TabAction::NextUnrated));
    let at = a.tabs.scores.rating_list.selected;
    assert!(at > 0 && a.tabs.scores.ratings[at].rating.is_none(), "{at}");
    // 李建国's household is now 不满意: 50 + 0 = 50.0.
    app::update(&mut a, &mut store, Action::Tab(TabAction::Back));
    let row = a.tabs.scores.board.as_ref().unwrap().rows.iter().find(|r| r.member == "李建国").unwrap().clone();
    assert_eq!(row.points, 50.0);
}

#[test]
fn an_adjustment_needs_a_reason_and_moves_the_points() {
    let (_d, mut store) = village();
    let mut a = q3(&mut store);
    app::update(&mut a, &mut store, Action::Tab(TabAction::AddAdjustment));
    type_in(&mut a, &mut store, "-2.5");
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form().is_some(), "no reason: the form stays");
    assert!(screen(&a, 80, 24).contains("必填"));
    // The caret is on the field to fix.
    app::update(&mut a, &mut store, Action::Paste("垃圾分类宣传材料未发放".into()));
    app::update(&mut a, &mut store, Action::Save);
    assert!(a.form().is_none(), "{}", screen(&a, 80, 24));
    let row = a.tabs.scores.board.as_ref().unwrap().rows.iter().find(|r| r.member == "王芳").unwrap().clone();
    assert_eq!((row.adjustments, row.points), (-2.5, 77.5));
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowDetail));
    assert!(screen(&a, 80, 24).contains("-2.5  垃圾分类宣传材料未发放"));
}

#[test]
fn finalising_freezes_the_board_and_the_year_view_shows_it() {
    let (_d, mut store) = village();
    let mut a = q3(&mut store);
    app::update(&mut a, &mut store, Action::Tab(TabAction::Finalize));
    let s = screen(&a, 80, 24);
    // Issue 20: the prompt says how many households are still unrated.
    assert!(s.contains("定稿 湖口村 2026Q3？") && s.contains("还有 9 户未做民意测评"), "{s}");
    app::update(&mut a, &mut store, Action::Yes);
    assert!(screen(&a, 80, 24).contains("已定稿"));
    // A rating afterwards is recorded but the frozen board does not move.
    app::update(&mut a, &mut store, Action::Tab(TabAction::OpenRatings));
    app::update(&mut a, &mut store, Action::Tab(TabAction::Rate(Some(Rating::Satisfied))));
    assert!(screen(&a, 80, 24).contains("定稿结果不变"));
    app::update(&mut a, &mut store, Action::Tab(TabAction::Back));
    let row = a.tabs.scores.board.as_ref().unwrap().rows.iter().find(|r| r.member == "李建国").unwrap().clone();
    assert_eq!(row.points, 68.0);
    app::update(&mut a, &mut store, Action::Tab(TabAction::ShowYear));
    let s = screen(&a, 80, 24);
    assert!(s.contains("Q3(定)"), "{s}");
    // The year view also counts the village's meetings and 五个载体.
    assert!(s.contains("本年 座谈会0｜倡议书0 启动仪式0 专题培训0 入户走访0 主题党日0"), "{s}");
    // The current quarter cannot be finalised.
    app::update(&mut a, &mut store, Action::Tab(TabAction::Back));
    app::update(&mut a, &mut store, Action::Tab(TabAction::NextQuarter));
    app::update(&mut a, &mut store, Action::Tab(TabAction::Finalize));
    assert!(screen(&a, 80, 24).contains("2026Q4 尚未结束"));
}

/// Issue 20: `/` finds a member on the 考评 ranking by name or initials.
#[test]
fn slash_finds_a_member_on_the_ranking() {
    let (_d, mut store) = village();
    let mut a = q3(&mut store);
    app::update(&mut a, &mut store, Action::StartFilter);
    assert!(a.filtering());
    for c in "ljg".chars() {
        app::update(&mut a, &mut store, Action::Key(common::key(c)));
    }
    assert_eq!(a.tabs.scores.list.total, 1);
    assert_eq!(a.tabs.scores.current().map(|r| r.member.as_str()), Some("李建国"));
    app::update(&mut a, &mut store, Action::ClearFilter);
    assert!(a.tabs.scores.list.total > 1);
}
