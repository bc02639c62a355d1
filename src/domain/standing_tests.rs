//! The kept standing against the whole past, on random households and
//! every day of two years after they settle.

use super::*;
use crate::domain::rules::Rules;
use crate::domain::schedule::{Span, standing};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A small deterministic generator (xorshift), so that a failure repeats.
struct Dice(u64);

impl Dice {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }

    fn day(&mut self, from: NaiveDate, span: u64) -> NaiveDate {
        from + Days::new(self.next(span))
    }
}

const CLASSES: [Class; 3] = [Class::General, Class::Improving, Class::Difficult];

#[test]
fn kept_equals_the_whole_past_on_every_day_after_it_settles() {
    let rules = Rules::defaults().visits;
    let start = d("2025-01-01");
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let mut checked = 0;
    for case in 0..1500 {
        let created = dice.day(start, 60);
        let mut classes: Vec<(NaiveDate, Class)> =
            (0..dice.next(4)).map(|_| (dice.day(created, 300), CLASSES[dice.next(3) as usize])).collect();
        classes.sort_by_key(|(since, _)| *since);
        // Links one after another, with gaps, overlaps and moves on one day.
        let mut links: Vec<Span> = Vec::new();
        let mut members = Vec::new();
        let mut day = dice.day(created, 90);
        for _ in 0..dice.next(4) {
            let until = (dice.next(3) > 0).then(|| dice.day(day, 200));
            links.push((day, until));
            members.push(1 + dice.next(5) as i64);
            day = match until {
                Some(u) => u + Days::new(dice.next(4)),
                None if dice.next(2) == 0 => day + Days::new(dice.next(40)),
                None => break,
            };
        }
        links.sort_by_key(|(since, _)| *since);
        let last = (dice.next(4) > 0).then(|| {
            let date = dice.day(created, 400);
            LastVisit { date, next_planned: (dice.next(2) == 0).then(|| dice.day(date, 40)) }
        });
        let own = CLASSES[dice.next(3) as usize];
        let h = History { classes: &classes, links: &links };
        let kept = Kept::of(own, created, &h, &members, last);
        assert_eq!(kept.on(kept.settled.pred_opt().unwrap(), &rules), None, "case {case}: not before it settles");
        for offset in 0..730 {
            let today = kept.settled + Days::new(offset);
            let class = h.class_on(today).unwrap_or(own);
            let whole = standing(&h, class, last, today, &rules);
            assert_eq!(kept.on(today, &rules), Some(whole), "case {case} on {today}: {kept:?} from {h:?} {last:?}");
            checked += 1;
        }
    }
    assert_eq!(checked, 1500 * 730);
}

#[test]
fn the_member_is_the_one_of_the_open_link() {
    let classes = [(d("2026-01-05"), Class::General), (d("2026-03-01"), Class::Improving), (d("2026-05-01"), Class::Improving)];
    let links = [(d("2026-01-05"), Some(d("2026-06-30"))), (d("2026-06-30"), None)];
    let h = History { classes: &classes, links: &links };
    let kept = Kept::of(Class::General, d("2026-01-05"), &h, &[7, 9], None);
    assert_eq!(kept.member, Some(9));
    assert_eq!(kept.class, Class::Improving);
    assert_eq!(
        kept.missed_through,
        Some(18),
        "every week from the first begun as 提升户 (03-02) to that of 06-29, two records of one class being one run"
    );
    assert_eq!(kept.linked_since, Some(d("2026-01-05")), "a move on one day keeps the stretch");
    assert_eq!(kept.settled, d("2026-07-01"), "the day after the last link ended");
}
