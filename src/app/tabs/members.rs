//! 党员: the members, sorted and filtered, with the selected one's
//! households, link history, patch leader and visit plan below; and the
//! member form.

use super::{Env, TabState};
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effect, Effects, Saved, error, info, open};
use crate::app::form::Form;
use crate::app::keymap::{Binding, Key, Mode, b};
use crate::app::linking;
use crate::app::list::ListView;
use crate::app::screen::{Confirm, Tab};
use crate::i18n::{t, tf};
use crate::store::members::{self, LinkedHousehold, Member, Sort};
use crate::store::{StoreError, date_text};
use crossterm::event::KeyCode;
use rusqlite::Connection;

use Key::{Char, Code};

pub const KEYS: [Binding; 17] = [
    b(&[Char('/')], Action::StartFilter, "help.filter", true),
    b(&[Char('v')], Action::Tab(TabAction::LogVisit), "help.log_visit", true),
    b(&[Char('w')], Action::Tab(TabAction::Logbook), "help.logbook", true),
    b(&[Char('l')], Action::Tab(TabAction::Link), "help.link", false),
    b(&[Char('a')], Action::Tab(TabAction::Add), "help.add", true),
    b(&[Char('e'), Code(KeyCode::Enter)], Action::Tab(TabAction::Edit), "help.edit", true),
    b(&[Char('x')], Action::Tab(TabAction::Archive), "help.archive", false),
    b(&[Char('L')], Action::Tab(TabAction::SetLeader), "help.set_leader", false),
    b(&[Char('c')], Action::ShowCoverage, "help.coverage", false),
    b(&[Char('S')], Action::Suggest, "help.suggest", false),
    b(&[Char('C')], Action::Tab(TabAction::WriteCards), "help.cards", false),
    b(&[Char('H')], Action::Tab(TabAction::ShowHistory), "help.history", false),
    b(&[Char('s')], Action::Tab(TabAction::CycleSort), "help.sort", true),
    b(&[Char('d')], Action::ToggleDetail, "help.detail", true),
    b(&[Char('h')], Action::Tab(TabAction::ToggleArchived), "help.show_archived", false),
    b(&[Char('i')], Action::OpenImport, "help.import", false),
    b(&[Char('V')], Action::ChooseVillage, "help.choose_village", false),
];

/// The selected member's detail pane.
#[derive(Debug, Clone, Default)]
pub struct Detail {
    pub households: Vec<LinkedHousehold>,
    /// Every link the member had, ended ones too.
    pub history: Vec<crate::store::linking::MemberLink>,
    /// The link leader of the member's patch.
    pub leader: Option<String>,
    /// The visits the member's households need this month, by week.
    pub patch: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub list: ListView<Member>,
    pub sort: Sort,
    pub detail: Detail,
}

impl TabState for State {
    fn load(&mut self, conn: &Connection, env: &Env) -> Result<(), StoreError> {
        let today = date_text(env.today);
        let sort = self.sort;
        let window = self
            .list
            .window_ids(env.rows, |archived| members::keyed_in(conn, archived, sort, &today, env.village.as_ref().map(|v| v.0)))?;
        self.list.rows = members::by_ids(conn, &window, &today)?;
        self.detail = match self.list.current().filter(|_| env.detail) {
            Some(m) => Detail {
                households: members::linked_households(conn, m.id, &today)?,
                history: crate::store::linking::member_history(conn, m.id)?,
                leader: crate::store::linking::leader_of(conn, m.id)?,
                patch: crate::store::linking::patch(conn, m.id, env.today)?,
            },
            None => Detail::default(),
        };
        Ok(())
    }

    keyed_list!();

    fn mode(&self) -> Mode {
        Mode::Members
    }

    fn rows(&self, height: u16, detail: bool) -> usize {
        super::rows_over_detail(height, detail)
    }

    fn on(&mut self, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
        let lang = crate::i18n::lang();
        if let Some(done) = super::reorder(&mut self.list, &mut self.sort, Sort::ALL, action) {
            return Ok(done);
        }
        if action == TabAction::Add {
            // In the village of the row the selection is on.
            let village = self.list.current().map(|m| m.village.clone()).unwrap_or_default();
            return Ok(vec![open(Form::member(None, &village, lang))]);
        }
        let Some(m) = self.list.current() else { return Ok(Vec::new()) };
        match action {
            TabAction::Edit => Ok(vec![open(Form::member(Some(m), "", lang))]),
            TabAction::Archive => Ok(vec![open(Confirm::Archive {
                tab: Tab::Members,
                id: m.id,
                version: m.version,
                archived: !m.archived,
                name: m.name.clone(),
            })]),
            TabAction::LogVisit => {
                // The member's households are read here: the detail pane,
                // which also lists them, is hidden at 80×24.
                let hh = members::linked_households(ctx.conn(), m.id, &date_text(ctx.today()))?;
                if hh.is_empty() {
                    return Ok(vec![error(tf("msg.no_linked_households", &[("name", &m.name)]))]);
                }
                let offered = hh.iter().map(|h| (h.id, format!("{} {}", h.head, h.address), h.class)).collect();
                super::visits::log_form(ctx, offered, Some(m.id), None)
            }
            TabAction::Logbook => logbook(ctx, m),
            TabAction::Link => linking::pick_households(ctx, m),
            TabAction::SetLeader => linking::pick_leader(ctx, m),
            TabAction::ShowHistory => crate::app::history::report(ctx, "member", m.id, &m.name),
            TabAction::WriteCards => linking::write_cards(ctx, &m.village),
            _ => Ok(Vec::new()),
        }
    }

    fn can(&self, action: TabAction) -> bool {
        match action {
            TabAction::CycleSort | TabAction::ToggleArchived | TabAction::Add => true,
            TabAction::LogVisit | TabAction::Logbook => self.list.current().is_some_and(|m| m.load > 0),
            _ => self.list.current().is_some(),
        }
    }
}

/// `w`: the member's logbook: their households numbered, each with where
/// it stands today, to log one visit after another from a paper 工作日志.
pub fn logbook(ctx: &mut Ctx, m: &Member) -> Result<Effects, StoreError> {
    let (conn, today) = (ctx.conn(), ctx.today());
    let hh = members::linked_households(conn, m.id, &date_text(today))?;
    if hh.is_empty() {
        return Ok(vec![error(tf("msg.no_linked_households", &[("name", &m.name)]))]);
    }
    let mut offered = Vec::with_capacity(hh.len());
    for h in &hh {
        let status = crate::store::due::standing_of(conn, h.id, today, &ctx.rules.visits)?.and_then(|s| s.status);
        let mark = status.map(|s| format!(" · {}", crate::i18n::t(s.label_key()))).unwrap_or_default();
        offered.push((h.id, format!("{} {}{mark}", h.head, h.address), h.class));
    }
    let mut people = members::for_visit(conn, hh[0].id, &date_text(today))?;
    if let Some(i) = people.iter().position(|p| p.0 == m.id) {
        let me = people.remove(i);
        people.insert(0, me);
    }
    let setup = crate::app::forms::VisitSetup {
        households: offered,
        members: people,
        today,
        interval: ctx.rules.visits.difficult_interval_days,
        lang: crate::i18n::lang(),
    };
    Ok(vec![open(Form::logbook(&setup, m.id, &m.name))])
}

/// Saves the member form.
pub fn save(form: &mut Form, ctx: &mut Ctx) -> Result<Saved, StoreError> {
    match form.member_text().validate() {
        Err(problems) => Saved::problems(form, &problems),
        Ok(m) => {
            if let Some(ask) = super::new_village_question(form, ctx.conn(), &m.village)? {
                return Ok(Saved::Asked(ask));
            }
            let target = form.subject.existing();
            ctx.store.write(|tx, c| members::save(tx, c, target, &m))?;
            Ok(Saved::Written(t("msg.saved").to_string(), Vec::new()))
        }
    }
}

/// Archives (or restores) a member once confirmed.
pub fn archive(ctx: &mut Ctx, id: i64, version: i64, archived: bool) -> Effects {
    match ctx.store.write(|tx, c| members::set_archived(tx, c, id, version, archived)) {
        Ok(()) => vec![info(t(if archived { "msg.archived" } else { "msg.restored" })), Effect::Invalidate],
        Err(e) => vec![error(e.to_string()), Effect::Invalidate],
    }
}
