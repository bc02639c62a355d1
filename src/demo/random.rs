//! The demo's random draws: list entries, surnames by their real
//! frequency, people, mobiles, days.

use super::names::*;
use crate::domain::model::Class;
use chrono::{Days, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub(super) fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// A random entry of a word list.
pub(super) fn word(rng: &mut ChaCha8Rng, words: &[&'static str]) -> &'static str {
    words[rng.random_range(0..words.len())]
}

pub(super) fn surname(rng: &mut ChaCha8Rng) -> &'static str {
    let total: u32 = SURNAMES.iter().map(|(_, w)| w).sum();
    let mut x = rng.random_range(0..total);
    for (s, w) in SURNAMES {
        if x < *w {
            return s;
        }
        x -= w;
    }
    SURNAMES[0].0
}

pub(super) fn person(rng: &mut ChaCha8Rng) -> String {
    format!("{}{}", surname(rng), word(rng, GIVEN))
}

pub(super) fn mobile(rng: &mut ChaCha8Rng) -> String {
    let second = *pick(rng, &[3u8, 5, 7, 8, 9]);
    format!("1{second}{:09}", rng.random_range(0..1_000_000_000u64))
}

pub(super) fn day_between(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0) as u64;
    from + Days::new(rng.random_range(0..=span))
}

/// A household's class over time: (class, since), oldest first.
pub(super) type Timeline = Vec<(Class, NaiveDate)>;

pub(super) fn class_on(t: &Timeline, d: NaiveDate) -> Option<Class> {
    t.iter().rev().find(|(_, since)| *since <= d).map(|(c, _)| *c)
}
