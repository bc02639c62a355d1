//! 今日: who is due or overdue today, computed once after each change and
//! narrowed in memory as the filter is typed.

use super::{Env, TabState};
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effects};
use crate::app::keymap::{Binding, Key, Mode, b};
use crate::app::layout;
use crate::app::list::ListView;
use crate::domain::search;
use crate::store::due::{self, DueRow};
use crate::store::{StoreError, linking};
use crossterm::event::KeyCode;
use rusqlite::Connection;

pub const KEYS: [Binding; 4] = [
    b(&[Key::Char('v'), Key::Code(KeyCode::Enter)], Action::Tab(TabAction::LogVisit), "help.log_visit", true),
    b(&[Key::Char('/')], Action::StartFilter, "help.filter_due", true),
    b(&[Key::Char('c')], Action::ShowCoverage, "help.coverage", true),
    b(&[Key::Char('S')], Action::Suggest, "help.suggest", true),
];

#[derive(Debug, Clone)]
pub struct State {
    /// Every due row, in order.
    pub all: Vec<DueRow>,
    /// Indexes into `all` the filter keeps.
    pub kept: Vec<usize>,
    /// (overdue, due, unlinked) among the kept rows.
    pub counts: (usize, usize, usize),
    pub list: ListView<DueRow>,
    /// Whether `all` must be computed again.
    pub stale: bool,
    /// Members with no household linked.
    pub idle_members: usize,
}

impl Default for State {
    fn default() -> State {
        State { all: Vec::new(), kept: Vec::new(), counts: (0, 0, 0), list: ListView::default(), stale: true, idle_members: 0 }
    }
}

impl TabState for State {
    fn load(&mut self, conn: &Connection, env: &Env) -> Result<(), StoreError> {
        if self.stale {
            self.all = due::list(conn, env.today, &env.rules.visits, &due::Scope::default())?;
            self.idle_members = linking::idle_count(conn, env.today)?;
            self.stale = false;
            self.list.counted = false;
        }
        if !self.list.counted {
            let m = search::Matcher::new(&self.list.filter);
            self.kept = self.all.iter().enumerate().filter(|(_, r)| m.matches(&r.search)).map(|(i, _)| i).collect();
            self.counts = due::counts(self.kept.iter().filter_map(|i| self.all.get(*i)));
            self.list.total = self.kept.len();
            self.list.counted = true;
        }
        self.list.clamp(env.rows);
        let l = &mut self.list;
        l.rows = self.kept.iter().skip(l.top).take(env.rows).filter_map(|i| self.all.get(*i)).cloned().collect();
        Ok(())
    }

    fn fresh(&self) -> bool {
        !self.stale && self.list.counted
    }

    fn invalidate(&mut self) {
        self.stale = true;
    }

    fn mode(&self) -> Mode {
        Mode::Today
    }

    fn rows(&self, height: u16, _detail: bool) -> usize {
        // One more line for the counts.
        layout::table_rows(height, 1)
    }

    one_list!();

    fn on(&mut self, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
        match (action, self.list.current()) {
            (TabAction::LogVisit, Some(r)) => {
                let line = super::visits::caption(&r.head, &r.address, &r.village, r.class, Some(r.status), r.due_by);
                let offered = vec![(r.household_id, format!("{} {}", r.head, r.address), r.class)];
                super::visits::log_form(ctx, offered, r.member_id, Some(line))
            }
            _ => Ok(Vec::new()),
        }
    }

    fn can(&self, action: TabAction) -> bool {
        action != TabAction::LogVisit || self.list.current().is_some()
    }
}
