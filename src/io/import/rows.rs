//! One row of an import, checked (its cells validated, the households and
//! members it names looked up, the village it touches allowed) and, inside
//! the write transaction, written: households, members, links, visits,
//! ratings, adjustments, and the roster's three at once.

use super::{Counts, ImportError, Problem, Problems, Tally};
use crate::domain::model::Rating;
use crate::domain::period::Quarter;
use crate::domain::text::{self, TextError};
use crate::domain::validate::VisitText;
use crate::domain::validate::{HouseholdText, MemberText};
use crate::i18n::{t, tf};
use crate::io::columns::{self, Column, HeaderMap};
use crate::store::access::{self, Target};
use crate::store::households::Saved;
use crate::store::records::{self, VisitInput};
use crate::store::{Ctx, StoreError, households, links, members};
use rusqlite::Connection;

/// A value from the file as a message quotes it: at most 40 characters.
fn echo(s: &str) -> String {
    crate::domain::text::echo(s)
}

/// One row being applied.
pub(super) struct RowCtx<'a> {
    pub tx: &'a Connection,
    pub ctx: &'a Ctx,
    pub map: &'a HeaderMap,
    pub row: &'a [String],
    pub cols: &'static [Column],
    pub sheet: &'a str,
    pub line: usize,
    pub problems: &'a mut Problems,
    /// False while the file is only being checked (no write lock held).
    pub write: bool,
}

impl RowCtx<'_> {
    fn cell(&self, key: &str) -> &str {
        self.map.get(self.row, key)
    }

    fn bad(&mut self, key: &str, reason: impl ToString) {
        let column = columns::header_of(self.cols, key).to_string();
        self.problems.push(Problem { sheet: self.sheet.to_string(), line: self.line, column, reason: reason.to_string() });
    }

    fn check<T>(&mut self, key: &str, r: Result<T, TextError>) -> Option<T> {
        r.map_err(|e| self.bad(key, e)).ok()
    }

    /// A store error that belongs to this row (a rule it breaks) becomes a
    /// problem; anything else aborts the import.
    fn row_error(&mut self, key: &str, e: StoreError) -> Result<(), ImportError> {
        match e {
            StoreError::Invalid(m) => {
                self.bad(key, m);
                Ok(())
            }
            StoreError::Denied(m) => {
                self.bad(key, m);
                Ok(())
            }
            StoreError::Conflict => {
                self.bad(key, e);
                Ok(())
            }
            other => Err(other.into()),
        }
    }

    /// Whether the user may change `target`; a refusal is this row's
    /// problem (the report names every row of another village).
    fn allowed(&mut self, key: &str, target: Target<'_>) -> Result<bool, ImportError> {
        match access::check(self.tx, self.ctx, target) {
            Ok(()) => Ok(true),
            Err(e) => self.row_error(key, e).map(|()| false),
        }
    }

    fn household_ref(&mut self) -> Result<Option<i64>, ImportError> {
        let (v, h, a) =
            (self.cell("village").trim().to_string(), self.cell("head").trim().to_string(), self.cell("address").trim().to_string());
        match households::find_by_key(self.tx, &v, &h, &a)? {
            Some(id) => Ok(self.allowed("village", Target::Household(id))?.then_some(id)),
            None => {
                self.bad("head", tf("err.no_household", &[("village", &echo(&v)), ("head", &echo(&h)), ("address", &echo(&a))]));
                Ok(None)
            }
        }
    }

    fn member_ref(&mut self, name_key: &str) -> Result<Option<i64>, ImportError> {
        let village = self.cell("village").trim().to_string();
        let name = self.cell(name_key).trim().to_string();
        let phone = match text::phone(self.cell("member_phone")) {
            Ok(p) => p,
            Err(e) => {
                self.bad("member_phone", e);
                return Ok(None);
            }
        };
        let ids = members::find(self.tx, &village, &name, &phone)?;
        match ids.as_slice() {
            [id] => Ok(self.allowed("village", Target::Member(*id))?.then_some(*id)),
            [] => {
                self.bad(name_key, tf("err.no_member", &[("village", &echo(&village)), ("name", &echo(&name))]));
                Ok(None)
            }
            _ => {
                self.bad(name_key, tf("err.ambiguous_member", &[("name", &echo(&name)), ("count", &ids.len().to_string())]));
                Ok(None)
            }
        }
    }

    pub fn household(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        if let Some(s) = self.save_household()? {
            counts.add(s);
        }
        Ok(())
    }

    /// Creates or updates the row's household; None when the row has a
    /// problem, or while only checking.
    fn save_household(&mut self) -> Result<Option<Saved>, ImportError> {
        let village = self.cell("village").trim().to_string();
        if !village.is_empty() && !self.allowed("village", Target::VillageNamed(&village))? {
            return Ok(None);
        }
        let mut text = HouseholdText {
            village: self.cell("village").into(),
            group: self.cell("group").into(),
            building: self.cell("building").into(),
            address: self.cell("address").into(),
            head: self.cell("head").into(),
            phone: self.cell("phone").into(),
            size: self.cell("size").into(),
            class: self.cell("class").into(),
            note: self.cell("note").into(),
        };
        let roster = self.cols.iter().any(|c| c.key == "member");
        let today = crate::store::date_text(self.ctx.today);
        let existing = households::find_by_key(self.tx, text.village.trim(), text.head.trim(), text.address.trim())?;
        let target = match existing {
            Some(id) => {
                let before = households::get(self.tx, id, &today)?;
                // Empty optional cells keep what the household already has.
                let old = HouseholdText::from(&before.input());
                for (new, old) in [
                    (&mut text.group, old.group),
                    (&mut text.building, old.building),
                    (&mut text.phone, old.phone),
                    (&mut text.size, old.size),
                    (&mut text.note, old.note),
                ] {
                    if new.trim().is_empty() {
                        *new = old;
                    }
                }
                // A roster's 类别 is optional: empty keeps the class it has.
                if roster && text.class.trim().is_empty() {
                    text.class = old.class;
                }
                Some((id, before.version))
            }
            None => None,
        };
        // A new household of a roster without 类别 is 一般户 (shared/contract.md).
        if roster && text.class.trim().is_empty() {
            text.class = crate::domain::model::Class::General.zh().to_string();
        }
        match text.validate() {
            Ok(_) if !self.write => {}
            Ok(h) => match households::save(self.tx, self.ctx, target, &h) {
                Ok(s) => return Ok(Some(s)),
                Err(e) => self.row_error("head", e)?,
            },
            Err(problems) => problems.into_iter().for_each(|(k, e)| self.bad(k, e)),
        }
        Ok(None)
    }

    pub fn member(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        if let Some(s) = self.save_member("name", "phone")? {
            counts.add(s);
        }
        Ok(())
    }

    /// Creates or updates the row's member, whose name and phone are in
    /// the columns `name_key` and `phone_key` (a roster's 党员, 党员电话).
    fn save_member(&mut self, name_key: &'static str, phone_key: &'static str) -> Result<Option<Saved>, ImportError> {
        let key_of = move |k: &'static str| match k {
            "name" => name_key,
            "phone" => phone_key,
            k => k,
        };
        let village = self.cell("village").trim().to_string();
        if !village.is_empty() && !self.allowed("village", Target::VillageNamed(&village))? {
            return Ok(None);
        }
        let role = match self.cell("role").trim() {
            // A roster without 身份 lists ordinary members.
            "" if name_key == "member" => crate::domain::model::Role::Member.zh().to_string(),
            r => r.to_string(),
        };
        let mut text = MemberText {
            village: self.cell("village").into(),
            name: self.cell(name_key).into(),
            phone: self.cell(phone_key).into(),
            role,
            status: self.cell("status").into(),
            unit: self.cell("unit").into(),
            party_group: self.cell("party_group").into(),
        };
        let phone = match text::phone(&text.phone) {
            Ok(p) => p,
            Err(e) => {
                self.bad(phone_key, e);
                return Ok(None);
            }
        };
        let (village, name) = (text.village.trim().to_string(), text.name.trim().to_string());
        let mut ids = members::find(self.tx, &village, &name, &phone)?;
        if ids.is_empty() && !phone.is_empty() {
            // A member first listed without a phone gets one now.
            let all = members::find(self.tx, &village, &name, "")?;
            let today = crate::store::date_text(self.ctx.today);
            let without: Vec<i64> =
                all.into_iter().filter(|id| members::get(self.tx, *id, &today).is_ok_and(|m| m.phone.is_empty())).collect();
            if without.len() == 1 {
                ids = without;
            }
        }
        let target = match ids.as_slice() {
            [] => None,
            [id] => {
                let before = members::get(self.tx, *id, &crate::store::date_text(self.ctx.today))?;
                let old = MemberText::from(&before.input());
                for (new, old) in [
                    (&mut text.phone, old.phone),
                    (&mut text.status, old.status),
                    (&mut text.unit, old.unit),
                    (&mut text.party_group, old.party_group),
                ] {
                    if new.trim().is_empty() {
                        *new = old;
                    }
                }
                Some((*id, before.version))
            }
            _ => {
                self.bad(phone_key, tf("err.ambiguous_member", &[("name", &echo(&name)), ("count", &ids.len().to_string())]));
                return Ok(None);
            }
        };
        match text.validate() {
            Ok(_) if !self.write => {}
            Ok(m) => match members::save(self.tx, self.ctx, target, &m) {
                Ok(s) => return Ok(Some(s)),
                Err(e) => self.row_error(name_key, e)?,
            },
            Err(problems) => problems.into_iter().for_each(|(k, e)| self.bad(key_of(k), e)),
        }
        Ok(None)
    }

    /// A roster row: its member and household created or updated, and the
    /// household linked to the member from 起始日期 (today when empty).
    pub fn roster(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        let since = match self.cell("since").trim() {
            "" => Some(self.ctx.today),
            s => {
                let r = text::past_date(s, self.ctx.today);
                self.check("since", r)
            }
        };
        let member = self.save_member("member", "member_phone")?;
        let household = self.save_household()?;
        let tally = |t: &mut Tally, s: Saved| match s {
            Saved::Created(_) => t.created += 1,
            Saved::Updated(_) => t.updated += 1,
            Saved::Unchanged(_) => t.unchanged += 1,
        };
        let (Some(m), Some(h), Some(since)) = (member, household, since) else { return Ok(()) };
        let linked = match links::link(self.tx, self.ctx, m.id(), h.id(), since) {
            Ok(l) => l,
            Err(e) => return self.row_error("since", e),
        };
        let parts = counts.roster.get_or_insert([Tally::default(); 3]);
        tally(&mut parts[0], m);
        tally(&mut parts[1], h);
        match linked {
            links::Linked::Created => parts[2].created += 1,
            links::Linked::Moved => parts[2].updated += 1,
            links::Linked::Unchanged => parts[2].unchanged += 1,
        }
        // The row counts once: made if anything was made.
        match (m, h, linked) {
            (Saved::Created(_), ..) | (_, Saved::Created(_), _) | (.., links::Linked::Created) => counts.created += 1,
            (Saved::Unchanged(_), Saved::Unchanged(_), links::Linked::Unchanged) => counts.unchanged += 1,
            _ => counts.updated += 1,
        }
        Ok(())
    }

    pub fn link(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        let since = match self.cell("since").trim() {
            "" => Some(self.ctx.today),
            s => {
                let r = text::past_date(s, self.ctx.today);
                self.check("since", r)
            }
        };
        let member = self.member_ref("member")?;
        let household = self.household_ref()?;
        if let (Some(since), Some(member), Some(household), true) = (since, member, household, self.write) {
            match links::link(self.tx, self.ctx, member, household, since) {
                Ok(links::Linked::Unchanged) => counts.unchanged += 1,
                Ok(links::Linked::Moved) => counts.updated += 1,
                Ok(links::Linked::Created) => counts.created += 1,
                Err(e) => self.row_error("since", e)?,
            }
        }
        Ok(())
    }

    pub fn visit(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        let text = VisitText {
            date: self.cell("date").to_string(),
            mode: self.cell("mode").to_string(),
            sorting: self.cell("sorting").to_string(),
            note: self.cell("note").to_string(),
            concern: self.cell("concern").to_string(),
            suggestion: self.cell("suggestion").to_string(),
            next: self.cell("next").to_string(),
        };
        let fields = text.validate(self.ctx.today).map_err(|problems| problems.into_iter().for_each(|(k, e)| self.bad(k, e))).ok();
        let member = self.member_ref("member")?;
        let household = self.household_ref()?;
        if let (Some(v), Some(member_id), Some(household_id), true) = (fields, member, household, self.write) {
            counts.wrote(records::add_visit(self.tx, self.ctx, &VisitInput { household_id, member_id, visit: v })?);
        }
        Ok(())
    }

    fn quarter(&mut self) -> Option<Quarter> {
        let raw = echo(self.cell("quarter").trim());
        match raw.parse::<Quarter>() {
            Ok(q) if q.first_day() <= self.ctx.today => Some(q),
            Ok(_) => {
                self.bad("quarter", t("err.future_quarter"));
                None
            }
            Err(()) => {
                self.bad("quarter", tf("err.quarter", &[("value", &raw)]));
                None
            }
        }
    }

    pub fn rating(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        let quarter = self.quarter();
        let rating = {
            let raw = self.cell("rating");
            let r = if raw.trim().is_empty() {
                Err(TextError::Required)
            } else {
                Rating::parse(raw).ok_or_else(|| TextError::Choice(crate::domain::validate::choices(Rating::ALL, Rating::zh)))
            };
            self.check("rating", r)
        };
        let household = self.household_ref()?;
        if let (Some(q), Some(r), Some(h), true) = (quarter, rating, household, self.write) {
            counts.wrote(records::set_rating(self.tx, self.ctx, h, q, r)?);
        }
        Ok(())
    }

    pub fn adjustment(&mut self, counts: &mut Counts) -> Result<(), ImportError> {
        let quarter = self.quarter();
        let points = {
            let p = text::adjustment_points(self.cell("points"));
            self.check("points", p)
        };
        let reason = {
            let r = text::required_text(self.cell("reason"));
            self.check("reason", r)
        };
        let member = self.member_ref("member")?;
        if let (Some(q), Some(p), Some(reason), Some(m), true) = (quarter, points, reason, member, self.write) {
            counts.wrote(records::add_adjustment(self.tx, self.ctx, m, q, p, &reason)?);
        }
        Ok(())
    }
}
