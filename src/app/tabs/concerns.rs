//! 问题: concerns passed up, open, stuck or all, with the selected one's
//! steps below; and the form that moves a concern on.

use super::{Env, TabState};
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effect, Effects, Saved, info, open};
use crate::app::form::Form;
use crate::app::keymap::{Binding, Key, Mode, b};
use crate::app::layout;
use crate::app::list::ListView;
use crate::app::subject::Subject;
use crate::domain::text;
use crate::domain::validate::Problems;
use crate::i18n::tf;
use crate::store::StoreError;
use crate::store::concerns::{self, Concern, Show, Step};
use crossterm::event::KeyCode;
use rusqlite::Connection;

pub const KEYS: [Binding; 4] = [
    b(&[Key::Char('n'), Key::Code(KeyCode::Enter)], Action::Tab(TabAction::NextStep), "help.next_step", true),
    b(&[Key::Char('/')], Action::StartFilter, "help.filter", true),
    b(&[Key::Char('s')], Action::Tab(TabAction::CycleShow), "help.cycle_show", true),
    b(&[Key::Char('V')], Action::ChooseVillage, "help.choose_village", false),
];

#[derive(Debug, Clone, Default)]
pub struct State {
    pub list: ListView<Concern>,
    pub show: Show,
    /// The steps of the selected concern.
    pub steps: Vec<Step>,
}

impl TabState for State {
    fn load(&mut self, conn: &Connection, env: &Env) -> Result<(), StoreError> {
        let (show, today, stuck) = (self.show, env.today, env.rules.visits.concern_stuck_days);
        let window = self.list.window_ids(env.rows, |_| concerns::keyed_in(conn, show, today, stuck, env.village.as_ref().map(|v| v.0)))?;
        self.list.rows = concerns::by_ids(conn, &window)?;
        self.steps = match self.list.current() {
            Some(c) => concerns::steps(conn, c.id)?,
            None => Vec::new(),
        };
        Ok(())
    }

    keyed_list!();

    fn mode(&self) -> Mode {
        Mode::Concerns
    }

    fn rows(&self, height: u16, _detail: bool) -> usize {
        layout::table_rows(height, layout::STEPS)
    }

    fn on(&mut self, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
        let lang = crate::i18n::lang();
        match action {
            TabAction::CycleShow => {
                self.show = super::next_in(Show::ALL, self.show);
                self.list.keyed_fresh = false;
                self.list.selected = 0;
                self.list.top = 0;
                Ok(vec![Effect::Reload])
            }
            TabAction::NextStep => match self.list.current() {
                None => Ok(Vec::new()),
                Some(c) if c.status.is_final() => Ok(vec![info(tf("msg.concern_final", &[("status", c.status.label(lang))]))]),
                Some(c) => Ok(vec![open(Form::step(c, ctx.today(), lang))]),
            },
            _ => Ok(Vec::new()),
        }
    }

    fn can(&self, action: TabAction) -> bool {
        action != TabAction::NextStep || self.list.current().is_some_and(|c| !c.status.is_final())
    }
}

/// Saves the step form: the concern moves on.
pub fn save(form: &mut Form, ctx: &mut Ctx) -> Result<Saved, StoreError> {
    let to = crate::app::forms::chosen_step(form);
    let on = text::past_date(&form.value("date"), ctx.today());
    let note = text::optional_text(&form.value("step_note"));
    match (to, on, note, form.subject.clone()) {
        (Some(to), Ok(on), Ok(note), Subject::Step { concern: id, version }) => {
            ctx.store.write(|tx, c| concerns::advance(tx, c, id, version, to, on, &note))?;
            Ok(Saved::Written(tf("msg.step_done", &[("status", to.label(crate::i18n::lang()))]), Vec::new()))
        }
        (_, on, note, _) => {
            let mut p = Problems::new();
            if let Err(e) = on {
                p.push(("date", e));
            }
            if let Err(e) = note {
                p.push(("step_note", e));
            }
            Saved::problems(form, &p)
        }
    }
}
