//! 红黑榜: where a village's monthly lists start from, and how an entry may
//! change. The black list starts from the 提升户 (004 §四.1: they are the
//! households on it); the red list is proposed from households whose visits
//! that month all found the sorting 准确. Link leaders propose, the village
//! confirms or drops; a dropped entry may be proposed again.

use super::model::{Class, List, ListState, Sorting};

/// Why a household is suggested for a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// It is a 提升户 at the end of the month (or today, in the current month).
    Improving,
    /// Every visit of the month that recorded the sorting found it 准确 (the
    /// count of such visits; at least one).
    AllAccurate(u32),
}

/// The list a household is suggested for, from its class at the month's end
/// and the sorting its visits that month found (None: not recorded, as on a
/// phone call). A 提升户 is on the black list whatever its visits found.
pub fn suggest(class: Class, sortings: &[Option<Sorting>]) -> Option<(List, Basis)> {
    if class == Class::Improving {
        return Some((List::Black, Basis::Improving));
    }
    let seen: Vec<Sorting> = sortings.iter().flatten().copied().collect();
    let all = !seen.is_empty() && seen.iter().all(|s| *s == Sorting::Accurate);
    all.then_some((List::Red, Basis::AllAccurate(seen.len() as u32)))
}

/// What may be done to an entry in `state` (None: not on a list yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Propose,
    Confirm,
    Drop,
}

/// The state `step` leads to, or None when it may not be taken from `state`.
pub fn after(state: Option<ListState>, step: Step) -> Option<ListState> {
    match (state, step) {
        (None | Some(ListState::Dropped), Step::Propose) => Some(ListState::Proposed),
        // The village may also confirm a suggestion straight away.
        (None | Some(ListState::Proposed), Step::Confirm) => Some(ListState::Confirmed),
        (Some(ListState::Proposed | ListState::Confirmed), Step::Drop) => Some(ListState::Dropped),
        _ => None,
    }
}

/// How the black list names a household on the public board: the surname
/// and 某 (张某), unless the village decided to show full names. A two-
/// character compound surname (欧阳, 司马…) is kept whole.
pub fn masked(head: &str) -> String {
    let chars: Vec<char> = head.chars().collect();
    let take = if chars.len() >= 3 && super::text::compound_surname(&chars[..2]) { 2 } else { 1 };
    let surname: String = chars.iter().take(take).collect();
    if surname.is_empty() { String::new() } else { format!("{surname}某") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Sorting::*;

    #[test]
    fn a_tisheng_household_starts_the_black_list_whatever_its_visits_found() {
        assert_eq!(suggest(Class::Improving, &[Some(Accurate)]), Some((List::Black, Basis::Improving)));
        assert_eq!(suggest(Class::Improving, &[]), Some((List::Black, Basis::Improving)));
    }

    #[test]
    fn the_red_list_needs_every_recorded_sorting_accurate_and_at_least_one() {
        assert_eq!(suggest(Class::General, &[Some(Accurate), None, Some(Accurate)]), Some((List::Red, Basis::AllAccurate(2))));
        assert_eq!(suggest(Class::General, &[Some(Accurate), Some(MostlyAccurate)]), None);
        assert_eq!(suggest(Class::General, &[None]), None, "a phone call saw no sorting");
        assert_eq!(suggest(Class::General, &[]), None, "not visited");
        assert_eq!(suggest(Class::Difficult, &[Some(Accurate)]), Some((List::Red, Basis::AllAccurate(1))));
    }

    #[test]
    fn entries_are_proposed_then_confirmed_or_dropped_and_may_come_back() {
        use ListState::*;
        assert_eq!(after(None, Step::Propose), Some(Proposed));
        assert_eq!(after(Some(Proposed), Step::Confirm), Some(Confirmed));
        assert_eq!(after(None, Step::Confirm), Some(Confirmed));
        assert_eq!(after(Some(Confirmed), Step::Drop), Some(Dropped));
        assert_eq!(after(Some(Dropped), Step::Propose), Some(Proposed));
        assert_eq!(after(Some(Confirmed), Step::Propose), None);
        assert_eq!(after(Some(Confirmed), Step::Confirm), None);
        assert_eq!(after(None, Step::Drop), None);
        assert_eq!(after(Some(Dropped), Step::Drop), None);
    }

    #[test]
    fn the_black_list_shows_the_surname_and_mou() {
        assert_eq!(masked("李四"), "李某");
        assert_eq!(masked("欧阳娜娜"), "欧阳某");
        assert_eq!(masked("欧阳"), "欧某", "a two-character name keeps one character");
        assert_eq!(masked(""), "");
    }
}
