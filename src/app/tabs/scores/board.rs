//! 考评 · what is done to a village's quarter board: the 民意测评 ratings,
//! score adjustments, finalising and reopening, and the printed 公示.

use super::State;
use crate::app::effect::{Ctx, Effect, Effects, Saved, info};
use crate::app::form::{Form, FormKind};
use crate::app::subject::Subject;
use crate::domain::model::Rating;
use crate::domain::text;
use crate::i18n::{t, tf};
use crate::store::ratings;
use crate::store::scores::finals;
use crate::store::{StoreError, records};

impl State {
    /// Rates the selected household (or clears its rating) and moves on.
    /// A confirmed change of a rating already given (the walk stays on it
    /// only if it was moved away meanwhile: the household is found by id).
    pub fn rerate(&mut self, ctx: &mut Ctx, household: i64, rating: Option<Rating>) -> Result<Effects, StoreError> {
        if let Some(i) = self.ratings.iter().position(|r| r.household_id == household) {
            self.rating_list.selected = i;
        }
        let mut out = self.rate(ctx, rating)?;
        out.push(Effect::Reload);
        Ok(out)
    }

    pub(super) fn rate(&mut self, ctx: &mut Ctx, rating: Option<Rating>) -> Result<Effects, StoreError> {
        let Some(entry) = self.rating_list.current().and_then(|i| self.ratings.get(*i)) else { return Ok(Vec::new()) };
        let (id, q) = (entry.household_id, self.quarter);
        ctx.store.write(|tx, c| match rating {
            Some(r) => records::set_rating(tx, c, id, q, r),
            None => ratings::clear_rating(tx, c, id, q),
        })?;
        let mut out = vec![Effect::Invalidate];
        self.loaded = None; // the ratings list, read again
        self.rating_list.move_by(1);
        if self.is_final() {
            out.push(info(t("msg.final_unchanged")));
        }
        Ok(out)
    }

    /// Freezes the board on screen (after confirmation).
    pub fn finalize(&self, ctx: &mut Ctx) -> Result<Effects, StoreError> {
        let Some(board) = self.board.as_ref() else { return Ok(Vec::new()) };
        ctx.store.write(|tx, c| finals::freeze(tx, c, board))?;
        let msg = tf("score.finalized", &[("count", "1"), ("quarter", &board.quarter.to_string())]);
        Ok(vec![info(msg), Effect::Invalidate])
    }

    /// Writes the village's public board beside the database.
    pub(super) fn write_board(&self, ctx: &Ctx) -> Effects {
        let Some(board) = self.board.as_ref() else { return Vec::new() };
        let path = crate::app::printed::beside_db(ctx.settings, &[t("board.file"), &board.village, &board.quarter.to_string()], "html");
        let today = crate::store::date_text(ctx.today());
        let args = format!("--quarter {} {}", board.quarter, crate::app::printed::village_arg(&board.village));
        let notice = crate::io::board::Notice { days: ctx.rules.board.notice_days, phone: ctx.rules.board.contact_phone.clone() };
        let written = crate::io::board::write(&path, std::slice::from_ref(board), crate::i18n::lang(), &today, &notice);
        let done = tf("msg.board_written", &[("file", &path.display().to_string())]);
        vec![crate::app::printed::outcome(ctx, written, done, "export board", &args, &path)]
    }

    /// Saves the tab's forms: a score adjustment, a reopened quarter.
    pub fn save(&self, form: &mut Form, ctx: &mut Ctx) -> Result<Saved, StoreError> {
        if form.kind() == FormKind::Reopen {
            return match text::required_text(&form.value("reason")) {
                Err(e) => Saved::problems(form, &vec![("reason", e)]),
                Ok(reason) => {
                    let (Some(village), q) = (self.village_id(), self.quarter) else { return Ok(Saved::Closed(Vec::new())) };
                    ctx.store.write(|tx, c| finals::reopen(tx, c, village, q, &reason))?;
                    Ok(Saved::Written(tf("score.reopened", &[("count", "1"), ("quarter", &q.to_string())]), Vec::new()))
                }
            };
        }
        let points = text::adjustment_points(&form.value("points"));
        let reason = text::required_text(&form.value("reason"));
        match (points, reason, form.subject.clone()) {
            (Ok(p), Ok(reason), Subject::Adjustment { member }) => {
                let q = self.quarter;
                ctx.store.write(|tx, c| records::add_adjustment(tx, c, member, q, p, &reason))?;
                Ok(Saved::Written(t("msg.adjustment_added").to_string(), Vec::new()))
            }
            (points, reason, _) => {
                let mut p = crate::domain::validate::Problems::new();
                if let Err(e) = points {
                    p.push(("points", e));
                }
                if let Err(e) = reason {
                    p.push(("reason", e));
                }
                Saved::problems(form, &p)
            }
        }
    }
}
