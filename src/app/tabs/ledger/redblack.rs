//! 台账 · 红黑榜: a village's red and black lists of a month — what the
//! rules suggest, and the steps the village takes on each entry (propose,
//! confirm, drop), the full-name setting, and the printed board.

use super::State;
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effect, Effects, error, info, open};
use crate::app::keymap::{Binding, Key, b};
use crate::app::screen::Confirm;
use crate::domain::redblack::Step;
use crate::i18n::{t, tf};
use crate::store::StoreError;
use crate::store::programme::redblack;

use Key::Char;

pub const KEYS: [Binding; 7] = [
    b(&[Char('p')], Action::Tab(TabAction::Propose), "help.propose", true),
    b(&[Char('c')], Action::Tab(TabAction::ConfirmEntry), "help.confirm_entry", true),
    b(&[Char('x')], Action::Tab(TabAction::DropEntry), "help.drop_entry", true),
    b(&[Char('b')], Action::Tab(TabAction::WriteBoard), "help.write_redblack", true),
    b(&[Char('N')], Action::Tab(TabAction::ToggleFullNames), "help.full_names", false),
    b(&[Char('[')], Action::Tab(TabAction::PrevMonth), "help.prev_month", false),
    b(&[Char(']')], Action::Tab(TabAction::NextMonth), "help.next_month", false),
];

/// The pane's own keys.
pub fn on(l: &State, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
    Ok(match action {
        TabAction::Propose => l.take(ctx, Step::Propose)?,
        TabAction::ConfirmEntry => l.take(ctx, Step::Confirm)?,
        TabAction::DropEntry => l.take(ctx, Step::Drop)?,
        TabAction::ToggleFullNames => match l.village_id() {
            Some(village_id) => vec![open(Confirm::FullNames { village_id, village: l.village_name().to_string(), on: !l.full_names })],
            None => Vec::new(),
        },
        TabAction::WriteBoard => l.write_board(ctx),
        _ => Vec::new(),
    })
}

impl State {
    /// A step on the selected household's entry, as the user saw it.
    fn take(&self, ctx: &mut Ctx, step: Step) -> Result<Effects, StoreError> {
        let Some(row) = self.current() else { return Ok(Vec::new()) };
        let (id, list, seen, month) = (row.household_id, row.list(), row.state(), self.month);
        if crate::domain::redblack::after(seen, step).is_none() {
            return Ok(vec![error(t("err.redblack_step"))]);
        }
        let entry = redblack::Seen { household_id: id, month, list, state: seen };
        let said = match ctx.store.write(|tx, c| redblack::take(tx, c, &entry, step, "")) {
            Ok(()) => {
                let key = match step {
                    Step::Propose => "msg.redblack_proposed",
                    Step::Confirm => "msg.redblack_confirmed",
                    Step::Drop => "msg.redblack_dropped",
                };
                info(tf(key, &[("head", &row.head), ("list", list.label(crate::i18n::lang()))]))
            }
            // Someone else moved first: show what they did.
            Err(StoreError::Conflict) => error(t("err.redblack_moved")),
            Err(e) => error(e.to_string()),
        };
        Ok(vec![said, Effect::Invalidate])
    }

    /// Sets the village's full-name setting once confirmed.
    pub fn set_full_names(ctx: &mut Ctx, village_id: i64, on: bool) -> Result<Effects, StoreError> {
        ctx.store.write(|tx, c| redblack::set_full_names(tx, c, village_id, on))?;
        Ok(vec![info(t(if on { "msg.full_names_on" } else { "msg.full_names_off" })), Effect::Invalidate])
    }

    /// Writes the village's board for the month beside the database.
    fn write_board(&self, ctx: &Ctx) -> Effects {
        let Some(village) = self.village_id() else { return Vec::new() };
        let (conn, today) = (ctx.conn(), ctx.today());
        let boards = match crate::store::read(conn, || redblack::boards(conn, self.month, Some(village), today)) {
            Ok(b) => b,
            Err(e) => return vec![error(e.to_string())],
        };
        let path =
            crate::app::printed::beside_db(ctx.settings, &[t("redblack.file"), self.village_name(), &self.month.to_string()], "html");
        let args = format!("--month {} {}", self.month, crate::app::printed::village_arg(self.village_name()));
        let written = crate::io::redblack::write(&path, &boards, crate::i18n::lang(), &crate::store::date_text(today));
        let done = tf("msg.redblack_written", &[("file", &path.display().to_string())]);
        vec![crate::app::printed::outcome(ctx, written, done, "export redblack", &args, &path)]
    }
}
