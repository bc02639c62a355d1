//! The forms of the app: households, members, import, visits (log and
//! correct), the visit log's filters, and a concern's next step. Also how a
//! visit form follows its own fields (the next planned date, 难点户 only).

use super::form::{Field, Form};
use crate::app::subject::Subject;
use crate::domain::events::EventText;
use crate::domain::model::{Class, ConcernStatus, EventKind, Role, Sorting, Status};
use crate::domain::period::Quarter;
use crate::domain::text::mask_phone;
use crate::domain::validate::{HouseholdText, MemberText};
use crate::i18n::{Lang, t, tf};
use crate::io::import::ImportKind;
use crate::store::concerns::Concern;
use crate::store::date_text;
use crate::store::households::Household;
use crate::store::members::Member;
use crate::store::programme::meetings::Event;
use chrono::NaiveDate;

mod visit;
pub use visit::VisitSetup;

pub(super) fn options<T: Copy>(all: &[T], zh: fn(T) -> &'static str, label: impl Fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter().map(|v| (zh(*v).to_string(), label(*v).to_string())).collect()
}

/// Members as choice options (id, label); a name that two members share
/// gets the masked phone so the user can tell them apart.
pub(crate) fn member_options(members: &[(i64, String, String)]) -> Vec<(String, String)> {
    members
        .iter()
        .map(|(id, name, phone)| {
            let shared = members.iter().filter(|(_, n, _)| n == name).count() > 1;
            let label = if shared { format!("{name} {}", mask_phone(phone)) } else { name.clone() };
            (id.to_string(), label)
        })
        .collect()
}

pub(super) fn sorting_options(lang: Lang) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), t("ui.not_observed").to_string())];
    out.extend(options(Sorting::ALL, Sorting::zh, |s| s.label(lang)));
    out
}

pub(super) fn relabel(mut f: Field, label: &'static str) -> Field {
    f.label = label;
    f
}

impl Form {
    /// A household form, blank (in `village`) or filled from `existing`.
    pub fn household(existing: Option<&Household>, village: &str, lang: Lang) -> Form {
        let h = existing.map(|h| HouseholdText::from(&h.input())).unwrap_or_else(|| HouseholdText {
            village: village.to_string(),
            class: Class::General.zh().to_string(),
            ..Default::default()
        });
        let fields = vec![
            Field::text("village", true, &h.village),
            Field::text("group", false, &h.group),
            Field::text("building", false, &h.building),
            Field::text("address", true, &h.address),
            Field::text("head", true, &h.head),
            Field::text("phone", false, &h.phone),
            Field::text("size", false, &h.size),
            Field::choice("class", options(Class::ALL, Class::zh, |c| c.label(lang)), &h.class),
            Field::text("note", false, &h.note),
        ];
        let mut form = Form::new(Subject::Household(existing.map(|h| (h.id, h.version))), fields);
        form.focus = if existing.is_none() && !village.is_empty() { 1 } else { 0 };
        form
    }

    /// A member form, blank (in `village`) or filled from `existing`.
    pub fn member(existing: Option<&Member>, village: &str, lang: Lang) -> Form {
        let m = existing.map(|m| MemberText::from(&m.input())).unwrap_or_else(|| MemberText {
            village: village.to_string(),
            role: Role::Member.zh().to_string(),
            status: Status::Normal.zh().to_string(),
            ..Default::default()
        });
        let fields = vec![
            Field::text("village", true, &m.village),
            Field::text("name", true, &m.name),
            Field::text("phone", false, &m.phone),
            Field::choice("role", options(Role::ALL, Role::zh, |r| r.label(lang)), &m.role),
            Field::choice("status", options(Status::ALL, Status::zh, |s| s.label(lang)), &m.status),
            Field::text("unit", false, &m.unit),
            Field::text("party_group", false, &m.party_group),
        ];
        let mut form = Form::new(Subject::Member(existing.map(|m| (m.id, m.version))), fields);
        form.focus = if existing.is_none() && !village.is_empty() { 1 } else { 0 };
        form
    }

    /// The import form: what the file holds, and where it is.
    pub fn import() -> Form {
        let kinds = ImportKind::ALL.iter().map(|k| (format!("{k:?}"), t(k.label_key()).to_string())).collect();
        // The seed's 党员联系户名单 first: a village's first import brings it all in.
        // The village, for a sheet without a 村 column (as `--village`).
        let fields = vec![Field::choice("kind", kinds, "Roster"), Field::text("file", true, ""), Field::text("village", false, "")];
        let mut form = Form::new(Subject::Import, fields);
        form.focus = 1;
        form
    }

    /// The next step of a concern: where it goes, when, and a note.
    pub fn step(c: &Concern, today: NaiveDate, lang: Lang) -> Form {
        let steps = c.status.next_steps().iter().map(|s| (s.code().to_string(), s.label(lang).to_string())).collect();
        let fields =
            vec![Field::choice("step", steps, ""), Field::text("date", true, &date_text(today)), Field::text("step_note", false, "")];
        let mut form = Form::new(Subject::Step { concern: c.id, version: c.version }, fields);
        form.caption = vec![
            format!("{} {} · {}", c.head, c.address, c.village),
            format!("{}：{}", t("col.concern"), c.text),
            format!("{}：{}（{} {}）", t("col.status"), c.status.label(lang), t("ui.since"), date_text(c.since)),
        ];
        form
    }

    /// A signed adjustment with its reason, for a member in a quarter.
    pub fn adjustment(member_id: i64, name: &str, q: Quarter) -> Form {
        let fields = vec![Field::text("points", true, ""), Field::text("reason", true, "")];
        let mut form = Form::new(Subject::Adjustment { member: member_id }, fields);
        form.caption = vec![tf("form.adjustment_for", &[("member", name), ("quarter", &q.to_string())])];
        form
    }

    /// Linking households to a member from a date (default today). `moves`
    /// of them are linked to someone else now: their links end the day before.
    pub fn link(member: i64, name: &str, households: Vec<i64>, heads: &[String], moves: usize, today: NaiveDate) -> Form {
        let mut form = Form::new(Subject::Link { member, households }, vec![Field::text("since", true, &date_text(today))]);
        let shown: Vec<&str> = heads.iter().take(6).map(String::as_str).collect();
        let more = if heads.len() > shown.len() {
            tf("form.and_more", &[("count", &(heads.len() - shown.len()).to_string())])
        } else {
            String::new()
        };
        form.caption = vec![tf(
            "form.link_caption",
            &[("member", name), ("count", &heads.len().to_string()), ("heads", &format!("{}{more}", shown.join("、")))],
        )];
        if moves > 0 {
            form.caption.push(tf("form.link_moves", &[("count", &moves.to_string())]));
        }
        form
    }

    /// Ending a household's link on a date (default today).
    pub fn unlink(household: i64, head: &str, today: NaiveDate) -> Form {
        let fields = vec![Field::text("until", true, &date_text(today)), Field::text("reason", true, "")];
        let mut form = Form::new(Subject::Unlink { household }, fields);
        form.caption = vec![tf("form.unlink_caption", &[("head", head)])];
        form
    }

    /// Reopening a finalised quarter asks why.
    pub fn reopen(village: &str, q: Quarter) -> Form {
        let mut form = Form::new(Subject::Reopen, vec![Field::text("reason", true, "")]);
        form.caption = vec![tf("form.reopen_caption", &[("village", village), ("quarter", &q.to_string())])];
        form
    }

    /// A link-leader meeting or activity, blank (dated today) or filled from `existing`.
    pub fn event(existing: Option<&Event>, lang: Lang, today: NaiveDate) -> Form {
        let kinds = options(EventKind::ALL, EventKind::zh, |k| k.label(lang));
        let e = existing;
        let fields = vec![
            Field::text("date", true, &date_text(e.map_or(today, |e| e.date))),
            Field::choice("event_kind", kinds, e.map_or(EventKind::LeaderMeeting, |e| e.kind).zh()),
            Field::text("title", false, e.map_or("", |e| e.title.as_str())),
            Field::text("difficulties", false, e.map_or("", |e| e.difficulties.as_str())),
            Field::text("decisions", false, e.map_or("", |e| e.decisions.as_str())),
            Field::text("others", false, &e.map_or(String::new(), |e| if e.others == 0 { String::new() } else { e.others.to_string() })),
        ];
        Form::new(Subject::Event(e.map(|e| (e.id, e.version))), fields)
    }

    pub fn event_text(&self) -> EventText {
        EventText {
            date: self.value("date"),
            kind: self.value("event_kind"),
            title: self.value("title"),
            difficulties: self.value("difficulties"),
            decisions: self.value("decisions"),
            others: self.value("others"),
        }
    }

    /// A concern about `household` (its head shown) raised at event `event`.
    pub fn event_concern(event: i64, household: i64, head: &str) -> Form {
        let mut form = Form::new(Subject::EventConcern { event, household }, vec![Field::text("concern", true, "")]);
        form.caption = vec![tf("form.event_concern_for", &[("head", head)])];
        form
    }

    pub fn household_text(&self) -> HouseholdText {
        HouseholdText {
            village: self.value("village"),
            group: self.value("group"),
            building: self.value("building"),
            address: self.value("address"),
            head: self.value("head"),
            phone: self.value("phone"),
            size: self.value("size"),
            class: self.value("class"),
            note: self.value("note"),
        }
    }

    pub fn member_text(&self) -> MemberText {
        MemberText {
            village: self.value("village"),
            name: self.value("name"),
            phone: self.value("phone"),
            role: self.value("role"),
            status: self.value("status"),
            unit: self.value("unit"),
            party_group: self.value("party_group"),
        }
    }
}

/// The concern status a step form chose.
pub fn chosen_step(form: &Form) -> Option<ConcernStatus> {
    ConcernStatus::from_code(&form.value("step"))
}

#[cfg(test)]
mod tests;
