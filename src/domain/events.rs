//! 联户长座谈会 and the 五个载体 activities as typed: what makes one valid,
//! and which of the five a village has held in a year.

use super::model::EventKind;
use super::text::{self, TextError};
use super::validate::{Problems, choice, take};
use chrono::NaiveDate;

/// An event as typed in the form: every field as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventText {
    pub date: String,
    pub kind: String,
    pub title: String,
    pub difficulties: String,
    pub decisions: String,
    /// Attendees who are not members (villagers, volunteers).
    pub others: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFields {
    pub date: NaiveDate,
    pub kind: EventKind,
    pub title: String,
    pub difficulties: String,
    pub decisions: String,
    pub others: u32,
}

/// A count of people: empty is none, at most 9,999.
fn people(s: &str) -> Result<u32, TextError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(0);
    }
    match t.strip_suffix(".0").unwrap_or(t).parse::<u32>() {
        Ok(n) if n <= 9_999 => Ok(n),
        _ => Err(TextError::Number),
    }
}

impl EventText {
    /// Not dated after today. An activity needs its title (which 倡议书, what
    /// training); a link-leader meeting needs what it raised or decided.
    pub fn validate(&self, today: NaiveDate) -> Result<EventFields, Problems> {
        let mut p = Problems::new();
        let date = take(&mut p, "date", text::past_date(&self.date, today));
        let kind = take(&mut p, "event_kind", choice(&self.kind, EventKind::parse, EventKind::ALL, EventKind::zh));
        let meeting = kind == Some(EventKind::LeaderMeeting);
        let title = take(&mut p, "title", if meeting { text::optional_text(&self.title) } else { text::required_text(&self.title) });
        let difficulties = take(&mut p, "difficulties", text::optional_text(&self.difficulties));
        let decisions = take(&mut p, "decisions", text::optional_text(&self.decisions));
        if meeting && difficulties.as_deref() == Some("") && decisions.as_deref() == Some("") {
            p.push(("difficulties", TextError::Required));
        }
        let others = take(&mut p, "others", people(&self.others));
        match (date, kind, title, difficulties, decisions, others) {
            (Some(date), Some(kind), Some(title), Some(difficulties), Some(decisions), Some(others)) if p.is_empty() => {
                Ok(EventFields { date, kind, title, difficulties, decisions, others })
            }
            _ => Err(p),
        }
    }
}

/// The 五个载体 (every kind but the meeting) with how many of each a list of
/// kinds holds, in the notice's order: a village sees which it has not held.
pub fn carriers(held: &[EventKind]) -> Vec<(EventKind, usize)> {
    EventKind::ALL.iter().filter(|k| **k != EventKind::LeaderMeeting).map(|k| (*k, held.iter().filter(|h| *h == k).count())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn text(kind: &str, title: &str, difficulties: &str, decisions: &str) -> EventText {
        EventText {
            date: "2026-11-20".into(),
            kind: kind.into(),
            title: title.into(),
            difficulties: difficulties.into(),
            decisions: decisions.into(),
            others: String::new(),
        }
    }

    #[test]
    fn a_meeting_needs_what_it_raised_or_decided_and_an_activity_its_title() {
        let ok = text("联户长座谈会", "", "三组桶不够", "").validate(today()).unwrap();
        assert_eq!((ok.kind, ok.others), (EventKind::LeaderMeeting, 0));
        let empty = text("联户长座谈会", "", "", "").validate(today()).unwrap_err();
        assert_eq!(empty, vec![("difficulties", TextError::Required)]);
        let untitled = text("专题培训", "", "", "").validate(today()).unwrap_err();
        assert_eq!(untitled, vec![("title", TextError::Required)]);
        assert!(text("专题培训", "分类知识培训", "", "").validate(today()).is_ok());
    }

    #[test]
    fn dates_after_today_kinds_off_the_list_and_bad_counts_are_refused() {
        let mut t = text("倡议书", "致全体党员的一封信", "", "");
        t.date = "2026-11-23".into();
        t.others = "多人".into();
        let p = t.validate(today()).unwrap_err();
        assert_eq!(p, vec![("date", TextError::FutureDate), ("others", TextError::Number)]);
        let p = text("座谈", "x", "", "").validate(today()).unwrap_err();
        assert!(matches!(p.as_slice(), [("event_kind", TextError::Choice(_))]));
        let mut t = text("启动仪式", "启动", "", "");
        t.others = "120".into();
        assert_eq!(t.validate(today()).unwrap().others, 120);
    }

    #[test]
    fn the_five_carriers_are_counted_in_the_notices_order_without_meetings() {
        use EventKind::*;
        let got = carriers(&[LeaderMeeting, Training, Proposal, Training]);
        assert_eq!(got, vec![(Proposal, 1), (Launch, 0), (Training, 2), (Campaign, 0), (PartyDay, 0)]);
    }
}
