//! The tabs, each in its own module that owns its state, its key table,
//! its loading, its actions and its forms: 今日 `today`, 住户 `households`,
//! 党员 `members`, 走访 `visits`, 考评 `scores`, 问题 `concerns`, 台账
//! `ledger` (a folder, one module per pane). `ui/tabs/` mirrors them.
//!
//! A tab gets a `Ctx` (the store, the settings, the rules), never the
//! other tabs or the frame, and answers with effects.

/// The moves and quick filter of a tab whose pane is one list, `self.list`.
macro_rules! one_list {
    () => {
        fn step(&mut self, delta: isize) {
            self.list.move_by(delta);
        }

        fn filter(&self) -> Option<&str> {
            Some(&self.list.filter)
        }

        fn set_filter(&mut self, filter: String) {
            self.list.set_filter(filter);
        }
    };
}

/// A tab whose list is read as ordered ids (`ListView::window_ids`): read
/// when those and the count are still right; a write forgets both.
macro_rules! keyed_list {
    () => {
        fn fresh(&self) -> bool {
            self.list.keyed_fresh && self.list.counted
        }

        fn invalidate(&mut self) {
            self.list.forget();
        }

        fn reset(&mut self) {
            self.list.forget();
            self.list.follow = None;
            self.list.selected = 0;
            self.list.top = 0;
        }

        one_list!();
    };
}

pub mod concerns;
pub mod households;
pub mod ledger;
pub mod members;
pub mod overview;
pub mod scores;
pub mod today;
pub mod visits;

use super::action::TabAction;
use super::effect::{Ctx, Effects};
use super::keymap::{Binding, Mode};
use super::screen::Tab;
use crate::domain::rules::Rules;
use crate::store::StoreError;
use chrono::NaiveDate;
use rusqlite::Connection;

/// What loading needs besides the connection.
pub struct Env<'a> {
    pub today: NaiveDate,
    pub rules: &'a Rules,
    /// Table rows on screen.
    pub rows: usize,
    /// Whether the detail pane shows (住户, 党员).
    pub detail: bool,
    /// The village the user works on (None: every village).
    pub village: Option<(i64, String)>,
}

/// A tab as the frame sees it.
pub trait TabState {
    /// Reads what the tab shows: its window and, with `env.detail`, its
    /// detail pane. What is still right is not read again.
    fn load(&mut self, conn: &Connection, env: &Env) -> Result<(), StoreError>;
    /// Whether its list is read and still right (reading ahead skips it).
    fn fresh(&self) -> bool;
    /// After a write: everything is read again when next shown.
    fn invalidate(&mut self);

    /// After the read transaction that loaded it: keeps what the reading
    /// found worth keeping (总览's closed months).
    fn keep(&mut self, _conn: &Connection) {}
    /// Another village chosen: read again from the first row.
    fn reset(&mut self) {
        self.invalidate();
        self.step(isize::MIN / 2);
    }
    /// The mode of the pane on screen (its key table).
    fn mode(&self) -> Mode;
    /// Table rows on a screen `height` high.
    fn rows(&self, height: u16, detail: bool) -> usize;
    /// Moves the selection (or the scroll) of the pane on screen.
    fn step(&mut self, delta: isize);
    /// The quick filter's text, for tabs that have one.
    fn filter(&self) -> Option<&str> {
        None
    }
    fn set_filter(&mut self, _filter: String) {}
    /// Carries out one of the tab's own actions.
    fn on(&mut self, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError>;
    /// Whether the action does something here now (the footer greys the
    /// others out).
    fn can(&self, _action: TabAction) -> bool {
        true
    }
}

pub struct Tabs {
    /// The village the user works on: every tab opens on it (None: the
    /// whole township).
    pub village: Option<(i64, String)>,
    pub overview: overview::State,
    pub today: today::State,
    pub households: households::State,
    pub members: members::State,
    pub visits: visits::State,
    pub scores: scores::State,
    pub concerns: concerns::State,
    pub ledger: ledger::State,
}

impl Tabs {
    pub fn new(today: NaiveDate) -> Tabs {
        Tabs {
            village: None,
            overview: overview::State::default(),
            today: today::State::default(),
            households: households::State::default(),
            members: members::State::default(),
            visits: visits::State::default(),
            scores: scores::State::new(crate::domain::period::Quarter::of(today)),
            concerns: concerns::State::default(),
            ledger: ledger::State::new(crate::domain::period::Month::of(today)),
        }
    }

    pub fn get(&self, tab: Tab) -> &dyn TabState {
        match tab {
            Tab::Overview => &self.overview,
            Tab::Today => &self.today,
            Tab::Households => &self.households,
            Tab::Members => &self.members,
            Tab::Visits => &self.visits,
            Tab::Scores => &self.scores,
            Tab::Concerns => &self.concerns,
            Tab::Ledger => &self.ledger,
        }
    }

    pub fn get_mut(&mut self, tab: Tab) -> &mut dyn TabState {
        match tab {
            Tab::Overview => &mut self.overview,
            Tab::Today => &mut self.today,
            Tab::Households => &mut self.households,
            Tab::Members => &mut self.members,
            Tab::Visits => &mut self.visits,
            Tab::Scores => &mut self.scores,
            Tab::Concerns => &mut self.concerns,
            Tab::Ledger => &mut self.ledger,
        }
    }

    pub fn mode(&self, tab: Tab) -> Mode {
        self.get(tab).mode()
    }

    /// Marks everything the database feeds as out of date (after a write).
    pub fn invalidate(&mut self) {
        for tab in Tab::ALL {
            self.get_mut(tab).invalidate();
        }
    }
}

/// The key table of a tab's pane: its own keys (each tab module holds them).
pub fn keys(mode: Mode) -> Vec<Binding> {
    match mode {
        Mode::Overview => overview::KEYS.to_vec(),
        Mode::Today => today::KEYS.to_vec(),
        Mode::TodayMembers => today::MEMBER_KEYS.to_vec(),
        Mode::Households => households::KEYS.to_vec(),
        Mode::Members => members::KEYS.to_vec(),
        Mode::Visits => visits::KEYS.to_vec(),
        Mode::Concerns => concerns::KEYS.to_vec(),
        Mode::Scores | Mode::ScoresMember | Mode::ScoresYear | Mode::Ratings => scores::keys(mode),
        Mode::RedBlack | Mode::Meetings | Mode::Year | Mode::Bins | Mode::Units => ledger::keys(mode),
        _ => Vec::new(),
    }
}

/// The next of `all` after `current`, round.
pub fn next_in<T: Copy + PartialEq>(all: &[T], current: T) -> T {
    let i = all.iter().position(|x| *x == current).unwrap_or(0);
    all[(i + 1) % all.len()]
}

/// What 住户 and 党员 share before their row's own actions: the sort and
/// whether archived rows show. None for the other actions.
pub fn reorder<T, S: Copy + PartialEq>(
    list: &mut crate::app::list::ListView<T>,
    sort: &mut S,
    all: &[S],
    action: TabAction,
) -> Option<Effects> {
    match action {
        TabAction::CycleSort => *sort = next_in(all, *sort),
        TabAction::ToggleArchived => list.show_archived = !list.show_archived,
        _ => return None,
    }
    list.keyed_fresh = false;
    Some(vec![super::effect::Effect::Reload])
}

/// Table rows of 住户 and 党员: fewer with the detail pane below.
pub fn rows_over_detail(height: u16, detail: bool) -> usize {
    super::layout::table_rows(height, if detail { super::layout::DETAIL } else { 0 })
}

/// Before a household or member form makes a village: None when the
/// village exists or the user said yes; else the question, with the
/// villages whose names come closest (a typo such as 湖口 for 湖口村).
pub fn new_village_question(
    form: &crate::app::form::Form,
    conn: &Connection,
    name: &str,
) -> Result<Option<super::effect::Effects>, StoreError> {
    if form.new_village_ok || crate::store::places::village_id(conn, name)?.is_some() {
        return Ok(None);
    }
    let all = crate::store::scores::villages(conn, None)?;
    let shared = |v: &str| v.chars().filter(|c| name.contains(*c)).count();
    let mut near: Vec<(usize, String)> = all.into_iter().map(|(_, v)| (shared(&v), v)).filter(|(n, _)| *n > 0).collect();
    near.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let near = near.into_iter().take(3).map(|(_, v)| v).collect();
    Ok(Some(vec![super::effect::open(super::screen::Confirm::NewVillage { name: name.to_string(), near })]))
}
