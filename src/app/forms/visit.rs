//! The visit forms: logging a visit (one household, or one of a member's),
//! correcting one, the 走访 log's filters, and how a visit form follows its
//! own fields (the next planned date, 难点户 only).

use super::{member_options, options, relabel, sorting_options};
use crate::app::form::{Field, Form, FormKind, Logbook};
use crate::app::subject::Subject;
use crate::domain::model::{Class, Mode, Sorting};
use crate::domain::validate::VisitText;
use crate::i18n::{Lang, t, tf};
use crate::store::visits::{Query, Visit};
use crate::store::{date_text, parse_date};
use chrono::{Days, NaiveDate};

/// What the visit form offers: the household(s), who can have visited.
#[derive(Debug, Clone)]
pub struct VisitSetup {
    /// (id, label, class today): one household, or a member's households.
    pub households: Vec<(i64, String, Class)>,
    /// (id, name, phone), the member linked to the first household first.
    pub members: Vec<(i64, String, String)>,
    pub today: NaiveDate,
    /// Days from a 难点户 visit to the next planned one.
    pub interval: u32,
    pub lang: Lang,
}

/// The caption of a logbook's form: whose, and how many saved this run.
fn logbook_caption(book: &Logbook) -> Vec<String> {
    vec![tf("form.logbook_for", &[("member", &book.name), ("count", &book.saved.to_string())]), t("form.logbook_hint").to_string()]
}

impl Form {
    /// A member's logbook: the visit form with the member's households as a
    /// numbered list (the number or initials pick one), the caret on it.
    pub fn logbook(setup: &VisitSetup, member: i64, name: &str) -> Form {
        let mut form = Form::visit(setup);
        let options: Vec<(String, String)> =
            setup.households.iter().enumerate().map(|(i, (id, label, _))| (id.to_string(), format!("{} {label}", i + 1))).collect();
        if form.field_mut("household").is_none() {
            form.fields.insert(0, Field::choice("household", options.clone(), ""));
            form.visit.household = None;
        }
        if let Some(f) = form.field_mut("household") {
            f.input = crate::app::form::Input::Choice { options, index: 0 };
        }
        let book = Logbook { member, name: name.to_string(), ..Logbook::default() };
        form.caption = logbook_caption(&book);
        form.visit.logbook = Some(book);
        after_change(&mut form, "household");
        form.settle();
        form.focus_on("household");
        form
    }

    /// After a logbook entry is saved: the next entry for the same member
    /// and date, the caret on the household, the one just logged ticked.
    pub fn next_in_logbook(&self) -> Option<Form> {
        let mut book = self.visit.logbook.clone()?;
        book.saved += 1;
        book.seek.clear();
        if let Some(id) = self.visit_household() {
            book.done.push(id);
        }
        let mut next = self.clone();
        for key in ["note", "concern", "suggestion"] {
            if let Some(f) = next.field_mut(key) {
                f.set("");
            }
        }
        if let Some(f) = next.field_mut("sorting") {
            f.set("");
        }
        if let Some(f) = next.field_mut("mode") {
            f.set(Mode::InPerson.zh());
        }
        if let Some(crate::app::form::Input::Choice { options, .. }) = next.field_mut("household").map(|f| &mut f.input) {
            for (value, label) in options.iter_mut() {
                if book.done.iter().any(|d| d.to_string() == *value) && !label.ends_with(" ✓") {
                    label.push_str(" ✓");
                }
            }
        }
        next.fields.iter_mut().for_each(|f| f.error = None);
        next.caption = logbook_caption(&book);
        next.visit.logbook = Some(book);
        next.visit.same_day_ok = false;
        next.visit.auto_next = self.visit.auto_next.or(Some(0)).filter(|_| self.visit.auto_next.is_some());
        after_change(&mut next, "household");
        next.settle();
        next.focus_on("household");
        Some(next)
    }

    /// A key on a logbook's household list: a digit picks that household
    /// and moves to the note; letters pick the first whose initials (or
    /// text) match. Returns whether the key was taken.
    pub(super) fn logbook_key(&mut self, ev: &crossterm::event::KeyEvent) -> bool {
        use crossterm::event::{KeyCode, KeyModifiers};
        if self.visit.logbook.is_none() || self.fields.get(self.focus).is_none_or(|f| f.key != "household") {
            return false;
        }
        if !(ev.modifiers - KeyModifiers::SHIFT).is_empty() {
            return false;
        }
        let Some(crate::app::form::Input::Choice { options, .. }) = self.field_mut("household").map(|f| &f.input) else { return false };
        let labels: Vec<String> = options.iter().map(|(_, l)| l.clone()).collect();
        // Picking the household (and the class and next date it brings)
        // is no typing: Esc on an entry with nothing typed ends the run.
        let pick = |form: &mut Form, i: usize| {
            if let Some(crate::app::form::Input::Choice { index, .. }) = form.field_mut("household").map(|f| &mut f.input) {
                *index = i;
            }
            after_change(form, "household");
            form.settle_fields(&["household", "class", "next"]);
        };
        match ev.code {
            KeyCode::Char(c @ '1'..='9') => {
                let i = (c as usize) - ('1' as usize);
                if i < labels.len() {
                    pick(self, i);
                    if let Some(b) = self.visit.logbook.as_mut() {
                        b.seek.clear();
                    }
                    self.focus_on("note");
                }
                true
            }
            KeyCode::Char(c) if c.is_alphabetic() => {
                let Some(book) = self.visit.logbook.as_mut() else { return false };
                book.seek.push(c);
                let m = crate::domain::search::Matcher::new(&book.seek);
                if let Some(i) = labels.iter().position(|l| m.matches(&crate::domain::search::key(&[l.as_str()]))) {
                    pick(self, i);
                }
                true
            }
            KeyCode::Backspace => {
                if let Some(book) = self.visit.logbook.as_mut() {
                    book.seek.pop();
                }
                true
            }
            _ => false,
        }
    }

    /// Log a visit: dated today, by the linked member, the caret in the
    /// situation note. A 难点户 gets its next planned date (+interval).
    pub fn visit(setup: &VisitSetup) -> Form {
        let lang = setup.lang;
        let class = setup.households.first().map(|h| h.2).unwrap_or(Class::General);
        let mut fields = Vec::new();
        if setup.households.len() > 1 {
            let households = setup.households.iter().map(|(id, label, _)| (id.to_string(), label.clone())).collect();
            fields.push(Field::choice("household", households, ""));
        }
        let next = date_text(setup.today + Days::new(u64::from(setup.interval)));
        fields.extend([
            Field::text("date", true, &date_text(setup.today)),
            Field::choice("member", member_options(&setup.members), ""),
            Field::choice("mode", options(Mode::ALL, Mode::zh, |m| m.label(lang)), Mode::InPerson.zh()),
            Field::choice("sorting", sorting_options(lang), ""),
            relabel(Field::text("note", false, ""), "field.situation"),
            Field::text("concern", false, ""),
            Field::text("suggestion", false, ""),
            relabel(Field::choice("class", options(Class::ALL, Class::zh, |c| c.label(lang)), class.zh()), "field.found_class"),
            Field::text("next", false, &next),
        ]);
        let mut form = Form::new(Subject::Visit(None), fields);
        form.visit.household = (setup.households.len() == 1).then(|| setup.households[0].0);
        form.visit.classes = setup.households.iter().map(|(id, _, c)| (*id, *c)).collect();
        form.visit.auto_next = Some(setup.interval);
        follow_class(&mut form);
        form.settle();
        form.focus_on("note");
        form
    }

    /// Correct a logged visit. Its class change, if any, stays as recorded.
    pub fn visit_correction(v: &Visit, members: &[(i64, String, String)], class: Class, lang: Lang) -> Form {
        let fields = vec![
            Field::text("date", true, &date_text(v.visit.date)),
            Field::choice("member", member_options(members), &v.member_id.to_string()),
            Field::choice("mode", options(Mode::ALL, Mode::zh, |m| m.label(lang)), v.visit.mode.zh()),
            Field::choice("sorting", sorting_options(lang), v.visit.sorting.map(Sorting::zh).unwrap_or("")),
            relabel(Field::text("note", false, &v.visit.note), "field.situation"),
            Field::text("concern", false, &v.visit.concern),
            Field::text("suggestion", false, &v.visit.suggestion),
            Field::text("next", false, &v.visit.next.map(date_text).unwrap_or_default()),
        ];
        let mut form = Form::new(Subject::Visit(Some((v.id, v.version))), fields);
        form.visit.household = Some(v.household_id);
        if let Some(next) = form.field_mut("next") {
            next.hidden = v.visit.next.is_none() && class != Class::Difficult;
        }
        form.caption = vec![format!("{} {} · {}", v.head, v.address, v.village)];
        form.focus_on("note");
        form
    }

    /// The visit log's filters, filled with the ones in force.
    pub fn visit_filter(q: &Query) -> Form {
        let date = |d: Option<NaiveDate>| d.map(date_text).unwrap_or_default();
        let fields = vec![
            Field::text("from", false, &date(q.from)),
            Field::text("to", false, &date(q.to)),
            Field::text("village", false, &q.village),
            Field::text("member", false, &q.member),
            Field::text("household", false, &q.household),
        ];
        let mut form = Form::new(Subject::VisitFilter, fields);
        for f in &mut form.fields {
            f.required = false;
        }
        form.caption = vec![t("ui.visit_filter_hint").to_string()];
        form
    }

    /// The visit's own fields; a hidden next planned date is left out.
    pub fn visit_text(&self) -> VisitText {
        let next_shown = self.fields.iter().any(|f| f.key == "next" && !f.hidden);
        VisitText {
            date: self.value("date"),
            mode: self.value("mode"),
            sorting: self.value("sorting"),
            note: self.value("note"),
            concern: self.value("concern"),
            suggestion: self.value("suggestion"),
            next: if next_shown { self.value("next") } else { String::new() },
        }
    }

    /// The household a visit form is about.
    /// Who is visited, as the form shows it (the household chosen, or the
    /// caption's first words).
    pub fn visit_head(&self) -> String {
        let chosen = self.fields.iter().find(|f| f.key == "household").map(|f| f.display().0);
        let shown = chosen.or_else(|| self.caption.first().cloned()).unwrap_or_default();
        let shown = shown.split(" · ").next().unwrap_or_default();
        // A logbook's entries are numbered: the number is not the name.
        let shown = if self.visit.logbook.is_some() { shown.split_once(' ').map_or(shown, |(_, rest)| rest) } else { shown };
        shown.trim_end_matches(" ✓").to_string()
    }

    pub fn visit_household(&self) -> Option<i64> {
        self.visit.household.or_else(|| self.value("household").parse().ok())
    }

    /// The class a new visit found, when it differs from the household's.
    pub fn class_change(&self) -> Option<Class> {
        let found = Class::parse(&self.value("class"))?;
        let household = self.visit_household()?;
        let before = self.visit.classes.iter().find(|(id, _)| *id == household).map(|(_, c)| *c)?;
        (found != before).then_some(found)
    }
}

/// Shows the next planned date only for a household found 难点户.
fn follow_class(form: &mut Form) {
    let difficult = form.value("class") == Class::Difficult.zh();
    if let Some(next) = form.field_mut("next") {
        next.hidden = !difficult;
    }
}

/// Keeps a visit form consistent after field `key` changed.
impl Form {
    /// A key for the focused field: edits text, or cycles a choice; then
    /// the form follows the change.
    pub fn key(&mut self, ev: crossterm::event::KeyEvent) {
        if self.logbook_key(&ev) || self.step_date(&ev) {
            return;
        }
        self.edit_focused(ev);
        self.follow();
    }

    /// `-` / `+` on a date field holding a whole date: a day back or on
    /// (a day after today is then refused by the field's own check).
    fn step_date(&mut self, ev: &crossterm::event::KeyEvent) -> bool {
        let delta = match ev.code {
            crossterm::event::KeyCode::Char('-') => -1,
            crossterm::event::KeyCode::Char('+') => 1,
            _ => return false,
        };
        let Some(field) = self.fields.get(self.focus).filter(|f| matches!(f.key, "date" | "since" | "until")) else { return false };
        let Ok(d) = crate::domain::text::date(&field.value()) else { return false };
        let key = field.key;
        if let Some(f) = self.field_mut(key) {
            f.set(&date_text(d + chrono::Duration::days(delta)));
        }
        after_change(self, key);
        true
    }

    /// Pasted text goes into the focused text field, cleaned of control and
    /// bidi characters and joined into one line.
    pub fn paste(&mut self, pasted: &str) {
        self.paste_focused(pasted);
        self.follow();
    }

    fn follow(&mut self) {
        if let Some(key) = self.fields.get(self.focus).map(|f| f.key) {
            after_change(self, key);
        }
    }
}

pub(super) fn after_change(form: &mut Form, key: &str) {
    if form.kind() != FormKind::Visit {
        return;
    }
    match key {
        "household" => {
            let id = form.visit_household();
            if let Some(class) = form.visit.classes.iter().find(|(h, _)| Some(*h) == id).map(|(_, c)| *c)
                && let Some(f) = form.field_mut("class")
            {
                f.set(class.zh());
            }
            follow_class(form);
        }
        "class" if form.subject == Subject::Visit(None) => follow_class(form),
        "date" => {
            if let (Some(days), Some(date)) = (form.visit.auto_next, parse_date(form.value("date").trim())) {
                let next = date_text(date + Days::new(u64::from(days)));
                if let Some(f) = form.field_mut("next") {
                    f.set(&next);
                }
            }
        }
        "next" => form.visit.auto_next = None,
        _ => {}
    }
}
