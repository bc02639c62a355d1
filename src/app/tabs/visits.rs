//! 走访: the visit log, with its quick filter and the filter form (dates,
//! village, member, household); and the visit forms, logged from 今日, 住户
//! or 党员 and corrected here.

use super::{Env, TabState};
use crate::app::action::{Action, TabAction};
use crate::app::effect::{self, Ctx, Effects, Saved, error, info, open};
use crate::app::form::Form;
use crate::app::forms::VisitSetup;
use crate::app::keymap::{Binding, Key, Mode, b};
use crate::app::layout;
use crate::app::list::ListView;
use crate::app::screen::Confirm;
use crate::domain::model::Class;
use crate::domain::schedule::DueStatus;
use crate::domain::text::{self, TextError};
use crate::domain::validate::Problems;
use crate::i18n::t;
use crate::store::records::VisitInput;
use crate::store::visits::{self, Query, Visit};
use crate::store::{StoreError, date_text, households, members};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use rusqlite::Connection;

pub const KEYS: [Binding; 4] = [
    b(&[Key::Char('/')], Action::StartFilter, "help.filter", true),
    b(&[Key::Char('f')], Action::Tab(TabAction::OpenVisitFilter), "help.visit_filter", true),
    b(&[Key::Char('e'), Key::Code(KeyCode::Enter)], Action::Tab(TabAction::Edit), "help.edit_visit", true),
    b(&[Key::Char('V')], Action::ChooseVillage, "help.choose_village", false),
];

#[derive(Debug, Clone, Default)]
pub struct State {
    pub list: ListView<Visit>,
    /// The filters other than the quick text (date range, village, member,
    /// household).
    pub query: Query,
    /// The first row and height of the page `list.rows` holds: a move
    /// within it reads nothing.
    page: Option<(usize, usize)>,
}

impl TabState for State {
    fn load(&mut self, conn: &Connection, env: &Env) -> Result<(), StoreError> {
        let l = &mut self.list;
        let mut q = Query { text: l.filter.clone(), ..self.query.clone() };
        if q.village.trim().is_empty()
            && let Some((_, name)) = &env.village
        {
            q.village = name.clone();
        }
        if !l.counted {
            l.total = visits::count(conn, &q)?;
            l.counted = true;
            self.page = None;
        }
        l.clamp(env.rows);
        if self.page != Some((l.top, env.rows)) {
            l.rows = visits::page(conn, &q, l.top, env.rows)?;
            self.page = Some((l.top, env.rows));
        }
        Ok(())
    }

    fn fresh(&self) -> bool {
        self.list.counted
    }

    fn invalidate(&mut self) {
        self.list.counted = false;
        self.page = None;
    }

    fn mode(&self) -> Mode {
        Mode::Visits
    }

    fn rows(&self, height: u16, _detail: bool) -> usize {
        layout::table_rows(height, 0)
    }

    one_list!();

    fn on(&mut self, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
        match action {
            TabAction::OpenVisitFilter => Ok(vec![open(Form::visit_filter(&self.query))]),
            TabAction::Edit => {
                let Some(id) = self.list.current().map(|v| v.id) else { return Ok(Vec::new()) };
                let conn = ctx.conn();
                let today = date_text(ctx.today());
                let v = visits::get(conn, id)?;
                let people = members::for_visit(conn, v.household_id, &today)?;
                let class = households::get(conn, v.household_id, &today)?.class;
                Ok(vec![open(Form::visit_correction(&v, &people, class, crate::i18n::lang()))])
            }
            _ => Ok(Vec::new()),
        }
    }

    fn can(&self, action: TabAction) -> bool {
        action != TabAction::Edit || self.list.current().is_some()
    }
}

impl State {
    /// Saves the filter form: the log shows what it asks for.
    pub fn save_filter(&mut self, form: &mut Form) -> Result<Saved, StoreError> {
        let date = |key: &'static str, p: &mut Problems| match form.value(key).trim() {
            "" => None,
            s => text::date(s).map_err(|e| p.push((key, e))).ok(),
        };
        let mut problems = Problems::new();
        let from = date("from", &mut problems);
        let to = date("to", &mut problems);
        if !problems.is_empty() {
            form.set_problems(&problems);
            return Ok(Saved::Problems);
        }
        self.query = Query {
            text: String::new(),
            from,
            to,
            village: form.value("village").trim().to_string(),
            member: form.value("member").trim().to_string(),
            household: form.value("household").trim().to_string(),
        };
        self.list.set_filter(String::new());
        Ok(Saved::Closed(vec![info(t("msg.filter_applied")), effect::Effect::Reload]))
    }
}

/// Saves a visit form: a new visit logged, or one corrected.
pub fn save(form: &mut Form, ctx: &mut Ctx) -> Result<Saved, StoreError> {
    let today = ctx.today();
    match (form.visit_text().validate(today), form.visit_household(), form.value("member").parse::<i64>()) {
        (Err(problems), ..) => Saved::problems(form, &problems),
        (Ok(_), None, _) | (Ok(_), _, Err(_)) => Saved::problems(form, &vec![("member", TextError::Required)]),
        (Ok(v), Some(household_id), Ok(member_id)) => {
            let input = VisitInput { household_id, member_id, visit: v };
            match form.subject.existing() {
                None => {
                    // A second visit to the household that day is asked about first.
                    if !form.visit.same_day_ok && visits::on_day(ctx.conn(), household_id, input.visit.date)? {
                        let head = form.visit_head();
                        return Ok(Saved::Asked(vec![open(Confirm::SameDayVisit { head, date: date_text(input.visit.date) })]));
                    }
                    let class = form.class_change();
                    ctx.store.write(|tx, c| visits::log(tx, c, &input, class))?;
                    // A logbook goes on with the next entry.
                    let then = form.next_in_logbook().map(open).into_iter().collect();
                    Ok(Saved::Written(t("msg.visit_logged").to_string(), then))
                }
                Some((id, version)) => {
                    ctx.store.write(|tx, c| visits::correct(tx, c, id, version, &input))?;
                    Ok(Saved::Written(t("msg.visit_corrected").to_string(), Vec::new()))
                }
            }
        }
    }
}

/// Households offered to a visit form: (id, label, class today).
pub type Offered = Vec<(i64, String, Class)>;

/// The line above a one-household visit form: who, where, class, and where
/// the household stands today.
pub fn caption(head: &str, address: &str, village: &str, class: Class, status: Option<DueStatus>, due_by: Option<NaiveDate>) -> String {
    let mut line = format!("{head} {address} · {village} · {}", class.label(crate::i18n::lang()));
    if let Some(status) = status {
        line.push_str(&format!(" · {}", t(status.label_key())));
    }
    if let Some(by) = due_by {
        line.push_str(&format!(" · {} {}", t("col.due_by"), date_text(by)));
    }
    line
}

/// The visit form for `offered` households (one, or a member's), `member`
/// first among who can have visited; only who may log it is read.
pub fn log_form(ctx: &mut Ctx, offered: Offered, member: Option<i64>, line: Option<String>) -> Result<Effects, StoreError> {
    let today = ctx.today();
    let Some(&(first, ..)) = offered.first() else { return Ok(Vec::new()) };
    let mut people = members::for_visit(ctx.conn(), first, &date_text(today))?;
    if let Some(id) = member
        && let Some(i) = people.iter().position(|p| p.0 == id)
    {
        let chosen = people.remove(i);
        people.insert(0, chosen);
    }
    if people.is_empty() {
        return Ok(vec![error(t("msg.no_members_to_visit"))]);
    }
    let setup = VisitSetup {
        households: offered,
        members: people,
        today,
        interval: ctx.rules.visits.difficult_interval_days,
        lang: crate::i18n::lang(),
    };
    let mut form = Form::visit(&setup);
    form.caption = line.into_iter().collect();
    Ok(vec![open(form)])
}
