//! 今日: who is due or overdue today, computed once after each change (from
//! the kept standings, without text) and narrowed in memory as the filter
//! is typed; text is read only for the rows on screen.

use super::{Env, TabState};
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effect, Effects, error, info};
use crate::app::keymap::{Binding, Key, Mode, b};
use crate::app::layout;
use crate::app::list::ListView;
use crate::domain::search;
use crate::i18n::{t, tf};
use crate::present::remind::{self, Reminder};
use crate::store::due::{self, Due, DueRow};
use crate::store::{StoreError, linking};
use crossterm::event::KeyCode;
use rusqlite::Connection;
use std::collections::HashMap;

pub const KEYS: [Binding; 6] = [
    b(&[Key::Char('v'), Key::Code(KeyCode::Enter)], Action::Tab(TabAction::LogVisit), "help.log_visit", true),
    b(&[Key::Char('/')], Action::StartFilter, "help.filter_due", true),
    b(&[Key::Char('m')], Action::Tab(TabAction::ByMember), "help.by_member", true),
    b(&[Key::Char('c')], Action::ShowCoverage, "help.coverage", true),
    b(&[Key::Char('S')], Action::Suggest, "help.suggest", true),
    b(&[Key::Char('V')], Action::ChooseVillage, "help.choose_village", false),
];

/// Whom to remind: the due list by member.
pub const MEMBER_KEYS: [Binding; 4] = [
    b(&[Key::Char('y')], Action::Tab(TabAction::Remind), "help.remind", true),
    b(&[Key::Char('w'), Key::Code(KeyCode::Enter)], Action::Tab(TabAction::Logbook), "help.logbook", true),
    b(&[Key::Char('/')], Action::StartFilter, "help.filter_due", true),
    b(&[Key::Char('m'), Key::Code(KeyCode::Esc)], Action::Tab(TabAction::ByMember), "help.by_household", true),
];

#[derive(Debug, Clone)]
pub struct State {
    /// Every due household, in order (no text).
    pub all: Vec<Due>,
    /// The search keys of `all`, read when a filter is first typed.
    keys: Option<Vec<String>>,
    /// Indexes into `all` the filter keeps.
    pub kept: Vec<usize>,
    /// (overdue, due, unlinked) among the kept rows.
    pub counts: (usize, usize, usize),
    pub list: ListView<DueRow>,
    /// Whether `all` must be computed again.
    pub stale: bool,
    /// Members with no household linked.
    pub idle_members: usize,
    /// Whether the kept rows span several villages (the table then shows 村).
    pub several_villages: bool,
    /// Whom to remind (`m`): the kept rows by member.
    pub by_member: bool,
    pub reminders: Vec<Reminder>,
    /// The members' window: indexes into `reminders`.
    pub member_list: ListView<usize>,
    /// Every member's phone, read when the member view first opens.
    phones: Option<HashMap<i64, String>>,
}

impl Default for State {
    fn default() -> State {
        State {
            all: Vec::new(),
            keys: None,
            kept: Vec::new(),
            counts: (0, 0, 0),
            list: ListView::default(),
            stale: true,
            idle_members: 0,
            several_villages: false,
            by_member: false,
            reminders: Vec::new(),
            member_list: ListView::default(),
            phones: None,
        }
    }
}

impl TabState for State {
    fn load(&mut self, conn: &Connection, env: &Env) -> Result<(), StoreError> {
        if self.stale {
            self.all = due::facts(
                conn,
                env.today,
                &env.rules.visits,
                &due::Scope { village: env.village.as_ref().map(|v| v.1.clone()), ..Default::default() },
            )?;
            self.keys = None;
            self.idle_members = linking::idle_count(conn, env.today)?;
            self.stale = false;
            self.list.counted = false;
        }
        if !self.list.counted {
            self.kept = if self.list.filter.is_empty() {
                (0..self.all.len()).collect()
            } else {
                if self.keys.is_none() {
                    self.keys = Some(due::keys(conn, &self.all)?);
                }
                let m = search::Matcher::new(&self.list.filter);
                self.keys.iter().flatten().enumerate().filter(|(_, k)| m.matches(k)).map(|(i, _)| i).collect()
            };
            self.counts = due::counts(self.kept.iter().filter_map(|i| self.all.get(*i)).map(|r| r.status));
            let mut villages = self.kept.iter().filter_map(|i| self.all.get(*i)).map(|r| r.village_id);
            self.several_villages = villages.next().is_some_and(|first| villages.any(|v| v != first));
            self.list.total = self.kept.len();
            self.list.counted = true;
            self.reminders.clear();
        }
        if self.by_member {
            if self.phones.is_none() {
                self.phones = Some(due::phones(conn)?);
            }
            if self.reminders.is_empty() {
                let facts: Vec<Due> = self.kept.iter().filter_map(|i| self.all.get(*i)).copied().collect();
                let rows = due::rows_of(conn, &facts)?;
                let rows: Vec<&DueRow> = rows.iter().collect();
                self.reminders = remind::by_member(&rows, self.phones.as_ref().unwrap_or(&HashMap::new()));
            }
            crate::app::rows::window(&mut self.member_list, self.reminders.len(), env.rows);
        }
        self.list.clamp(env.rows);
        let l = &mut self.list;
        let window: Vec<Due> = self.kept.iter().skip(l.top).take(env.rows).filter_map(|i| self.all.get(*i)).copied().collect();
        l.rows = due::rows_of(conn, &window)?;
        Ok(())
    }

    fn fresh(&self) -> bool {
        !self.stale && self.list.counted
    }

    fn invalidate(&mut self) {
        self.stale = true;
        self.reminders.clear();
        self.phones = None;
    }

    fn mode(&self) -> Mode {
        if self.by_member { Mode::TodayMembers } else { Mode::Today }
    }

    fn rows(&self, height: u16, _detail: bool) -> usize {
        // One more line for the counts.
        layout::table_rows(height, 1)
    }

    one_list!();

    fn on(&mut self, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
        if action == TabAction::ByMember {
            self.by_member = !self.by_member;
            return Ok(vec![Effect::Reload]);
        }
        if self.by_member {
            let Some(r) = self.current_reminder() else { return Ok(Vec::new()) };
            return match action {
                TabAction::Remind => Ok(remind(ctx, r)),
                TabAction::Logbook => {
                    let m = crate::store::members::get(ctx.conn(), r.member_id, &crate::store::date_text(ctx.today()))?;
                    super::members::logbook(ctx, &m)
                }
                _ => Ok(Vec::new()),
            };
        }
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
        match action {
            TabAction::LogVisit => self.list.current().is_some(),
            TabAction::Remind | TabAction::Logbook => self.current_reminder().is_some(),
            _ => true,
        }
    }
}

impl State {
    pub fn current_reminder(&self) -> Option<&Reminder> {
        self.member_list.current().and_then(|i| self.reminders.get(*i))
    }
}

/// `y`: the member's reminder to the terminal's clipboard (OSC 52: Windows
/// Terminal, iTerm2, kitty, WezTerm, tmux, recent Xshell — over SSH too),
/// and to a file beside the database for terminals that ignore it.
fn remind(ctx: &Ctx, r: &Reminder) -> Effects {
    let text = r.text();
    let path = crate::app::printed::beside_db(ctx.settings, &[t("remind.file"), &r.member, &crate::store::date_text(ctx.today())], "txt");
    let said = match crate::store::files::write_atomic(&path, format!("{text}\n").as_bytes()) {
        Ok(()) => info(tf("msg.reminder_copied", &[("member", &r.member), ("file", &path.display().to_string())])),
        Err(e) => error(tf("msg.reminder_copied_only", &[("member", &r.member), ("error", &e.to_string())])),
    };
    vec![Effect::Copy(text), said]
}
