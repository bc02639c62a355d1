//! 住户: the households, sorted and filtered, with the selected one's class
//! history, links, standing and latest visits below; and the household form.

use super::{Env, TabState};
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effect, Effects, Saved, info, open};
use crate::app::form::Form;
use crate::app::keymap::{Binding, Key, Mode, b};
use crate::app::linking;
use crate::app::list::ListView;
use crate::app::screen::{Confirm, Tab};
use crate::domain::model::Class;
use crate::domain::schedule::Standing;
use crate::i18n::t;
use crate::store::households::{self, Household, Sort};
use crate::store::visits::{self, Visit};
use crate::store::{StoreError, date_text, due, links};
use crossterm::event::KeyCode;
use rusqlite::Connection;

use Key::{Char, Code};

pub const KEYS: [Binding; 16] = [
    b(&[Char('/')], Action::StartFilter, "help.filter", true),
    b(&[Char('v')], Action::Tab(TabAction::LogVisit), "help.log_visit", true),
    b(&[Char('l')], Action::Tab(TabAction::Link), "help.link", true),
    b(&[Char('a')], Action::Tab(TabAction::Add), "help.add", true),
    b(&[Char('e'), Code(KeyCode::Enter)], Action::Tab(TabAction::Edit), "help.edit", true),
    b(&[Char('x')], Action::Tab(TabAction::Archive), "help.archive", false),
    b(&[Char('u')], Action::Tab(TabAction::Unlink), "help.unlink", false),
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

/// How many visits a household's detail lists.
const DETAIL_VISITS: usize = 3;

/// The selected household's detail pane.
#[derive(Debug, Clone, Default)]
pub struct Detail {
    pub classes: Vec<(Class, String)>,
    pub links: Vec<(String, String, String, Option<String>)>,
    /// Where the household stands today (due, overdue, next planned).
    pub standing: Option<Standing>,
    /// The latest visits, newest first.
    pub visits: Vec<Visit>,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub list: ListView<Household>,
    pub sort: Sort,
    pub detail: Detail,
}

impl TabState for State {
    fn load(&mut self, conn: &Connection, env: &Env) -> Result<(), StoreError> {
        let today = date_text(env.today);
        let sort = self.sort;
        let window =
            self.list.window_ids(env.rows, |archived| households::keyed_in(conn, archived, sort, env.village.as_ref().map(|v| v.0)))?;
        self.list.rows = households::by_ids(conn, &window, &today)?;
        // The detail pane's data is read only while the pane shows.
        self.detail = match self.list.current().filter(|_| env.detail) {
            Some(h) => Detail {
                classes: households::class_history(conn, h.id)?,
                links: links::household_history(conn, h.id)?,
                standing: due::standing_of(conn, h.id, env.today, &env.rules.visits)?,
                visits: visits::of_household(conn, h.id, DETAIL_VISITS)?,
            },
            None => Detail::default(),
        };
        Ok(())
    }

    keyed_list!();

    fn mode(&self) -> Mode {
        Mode::Households
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
            let village = self.list.current().map(|h| h.village.clone()).unwrap_or_default();
            return Ok(vec![open(Form::household(None, &village, lang))]);
        }
        let Some(h) = self.list.current() else { return Ok(Vec::new()) };
        match action {
            TabAction::Edit => Ok(vec![open(Form::household(Some(h), "", lang))]),
            TabAction::Archive => Ok(vec![open(Confirm::Archive {
                tab: Tab::Households,
                id: h.id,
                version: h.version,
                archived: !h.archived,
                name: h.head.clone(),
            })]),
            TabAction::LogVisit => {
                // Where it stands is read here: the detail pane may be hidden.
                let s = due::standing_of(ctx.conn(), h.id, ctx.today(), &ctx.rules.visits)?;
                let line =
                    super::visits::caption(&h.head, &h.address, &h.village, h.class, s.and_then(|s| s.status), s.and_then(|s| s.due_by));
                super::visits::log_form(ctx, vec![(h.id, format!("{} {}", h.head, h.address), h.class)], None, Some(line))
            }
            TabAction::Link => linking::pick_member(ctx, h),
            TabAction::Unlink => Ok(vec![open(Form::unlink(h.id, &h.head, ctx.today()))]),
            TabAction::ShowHistory => crate::app::history::report(ctx, "household", h.id, &h.head),
            TabAction::WriteCards => linking::write_cards(ctx, &h.village),
            _ => Ok(Vec::new()),
        }
    }

    fn can(&self, action: TabAction) -> bool {
        match action {
            TabAction::CycleSort | TabAction::ToggleArchived | TabAction::Add => true,
            TabAction::Unlink => self.list.current().is_some_and(|h| h.member.is_some()),
            _ => self.list.current().is_some(),
        }
    }
}

/// Saves the household form.
pub fn save(form: &mut Form, ctx: &mut Ctx) -> Result<Saved, StoreError> {
    match form.household_text().validate() {
        Err(problems) => Saved::problems(form, &problems),
        Ok(h) => {
            if let Some(ask) = super::new_village_question(form, ctx.conn(), &h.village)? {
                return Ok(Saved::Asked(ask));
            }
            let target = form.subject.existing();
            ctx.store.write(|tx, c| households::save(tx, c, target, &h))?;
            Ok(Saved::Written(t("msg.saved").to_string(), Vec::new()))
        }
    }
}

/// Archives (or restores) a household once confirmed.
pub fn archive(ctx: &mut Ctx, id: i64, version: i64, archived: bool) -> Effects {
    match ctx.store.write(|tx, c| households::set_archived(tx, c, id, version, archived)) {
        Ok(()) => vec![info(t(if archived { "msg.archived" } else { "msg.restored" })), Effect::Invalidate],
        Err(e) => vec![crate::app::effect::error(e.to_string()), Effect::Invalidate],
    }
}
