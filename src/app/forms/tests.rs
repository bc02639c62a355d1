//! The visit form follows its fields; the other forms are tested in `form`.

use super::*;
use crate::app::form::Input;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn setup(households: Vec<(i64, String, Class)>) -> VisitSetup {
    VisitSetup {
        households,
        members: vec![
            (7, "王强".to_string(), "13800001111".to_string()),
            (8, "李芳".to_string(), String::new()),
            (9, "王强".to_string(), "13900002222".to_string()),
        ],
        today: d("2026-11-22"),
        interval: 14,
        lang: Lang::Zh,
    }
}

fn key(form: &mut Form, code: KeyCode) {
    form.key(KeyEvent::new(code, KeyModifiers::NONE));
}

#[test]
fn a_new_visit_starts_in_the_note_with_today_and_the_linked_member() {
    let f = Form::visit(&setup(vec![(1, "张三 一组1号".into(), Class::General)]));
    assert_eq!(f.fields[f.focus].key, "note");
    assert_eq!(f.value("date"), "2026-11-22");
    assert_eq!(f.value("member"), "7");
    assert_eq!(f.visit_household(), Some(1));
    assert!(!f.changed());
    // Same-name members are told apart by phone.
    let Input::Choice { options, .. } = &f.fields[1].input else { panic!() };
    assert_eq!(options[0].1, "王强 138****1111");
    assert_eq!(options[1].1, "李芳");
    // Not 难点户: no next planned date.
    assert!(f.fields.iter().any(|x| x.key == "next" && x.hidden));
    assert_eq!(f.visit_text().next, "");
    assert_eq!(f.class_change(), None);
}

#[test]
fn a_difficult_household_gets_a_plan_that_follows_the_date() {
    let mut f = Form::visit(&setup(vec![(1, "张三".into(), Class::Difficult)]));
    assert_eq!(f.value("next"), "2026-12-06");
    f.focus_on("date");
    for _ in 0..2 {
        key(&mut f, KeyCode::Backspace);
    }
    for c in "20".chars() {
        key(&mut f, KeyCode::Char(c));
    }
    assert_eq!(f.value("date"), "2026-11-20");
    assert_eq!(f.value("next"), "2026-12-04");
    // Once the user types a plan, the date no longer moves it.
    f.focus_on("next");
    key(&mut f, KeyCode::Backspace);
    key(&mut f, KeyCode::Char('5'));
    f.focus_on("date");
    key(&mut f, KeyCode::Backspace);
    key(&mut f, KeyCode::Char('1'));
    assert_eq!(f.value("next"), "2026-12-05");
    assert_eq!(f.visit_text().next, "2026-12-05");
}

#[test]
fn finding_a_new_class_shows_the_plan_and_records_the_change() {
    let mut f = Form::visit(&setup(vec![(1, "张三".into(), Class::Improving)]));
    f.focus_on("class");
    key(&mut f, KeyCode::Right);
    assert_eq!(f.value("class"), "难点户");
    assert!(f.fields.iter().any(|x| x.key == "next" && !x.hidden));
    assert_eq!(f.class_change(), Some(Class::Difficult));
    // Tab skips a hidden field.
    key(&mut f, KeyCode::Right);
    assert_eq!(f.value("class"), "一般户");
    f.focus_on("class");
    f.next_field();
    assert_eq!(f.fields[f.focus].key, "date");
}

#[test]
fn from_a_member_the_household_is_chosen_and_its_class_follows() {
    let mut f = Form::visit(&setup(vec![(1, "张三".into(), Class::General), (2, "李四".into(), Class::Difficult)]));
    assert_eq!(f.fields[0].key, "household");
    assert_eq!(f.visit_household(), Some(1));
    f.focus = 0;
    key(&mut f, KeyCode::Right);
    assert_eq!(f.visit_household(), Some(2));
    assert_eq!(f.value("class"), "难点户");
    assert_eq!(f.class_change(), None);
    assert!(f.fields.iter().any(|x| x.key == "next" && !x.hidden));
}
