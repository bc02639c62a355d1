//! Saving forms and carrying out confirmed and long-running actions. Every
//! write is followed by `invalidate` so that lists and the due list are
//! fetched again.

use super::form::FormKind;
use super::reload::{invalidate, reload};
use super::{App, Confirm, Pending, Tab, Tone};
use crate::demo;
use crate::domain::text::{self, TextError};
use crate::domain::validate::Problems;
use crate::i18n::{t, tf};
use crate::io::import::{self, ImportError, ImportKind};
use crate::store::records::VisitInput;
use crate::store::{Store, StoreError, concerns, households, members, visits};

/// What a save did, for the status line.
enum Done {
    Saved(String),
    /// The form shows what is wrong; nothing was written.
    Problems,
    /// Nothing to write (filters) or work announced for later.
    Nothing,
}

/// Saves the open form. The write that saves it also clears the user's
/// draft, in the same transaction (`Store::saving_form`).
pub fn save(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
    store.saving_form = true;
    let done = save_form(app, store);
    store.saving_form = false;
    done
}

fn save_form(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
    let Some(form) = app.form.as_mut() else { return Ok(()) };
    let today = app.settings.today;
    let result: Result<Done, StoreError> = match form.kind {
        FormKind::Import => {
            if form.value("file").trim().is_empty() {
                form.set_problems(&vec![("file", TextError::Required)]);
                return Ok(());
            }
            app.pending = Some(Pending::Import);
            app.status = Some((t("msg.import_running").to_string(), Tone::Info));
            return Ok(());
        }
        FormKind::Household => match form.household_text().validate() {
            Err(problems) => problems_in(form, &problems),
            Ok(h) => {
                let target = form.target;
                store.write(|tx, ctx| households::save(tx, ctx, target, &h)).map(|_| Done::Saved(t("msg.saved").to_string()))
            }
        },
        FormKind::Member => match form.member_text().validate() {
            Err(problems) => problems_in(form, &problems),
            Ok(m) => {
                let target = form.target;
                store.write(|tx, ctx| members::save(tx, ctx, target, &m)).map(|_| Done::Saved(t("msg.saved").to_string()))
            }
        },
        FormKind::Visit => match (form.visit_text().validate(today), form.visit_household(), form.value("member").parse::<i64>()) {
            (Err(problems), ..) => problems_in(form, &problems),
            (Ok(_), None, _) | (Ok(_), _, Err(_)) => problems_in(form, &vec![("member", TextError::Required)]),
            (Ok(v), Some(household_id), Ok(member_id)) => {
                let input = VisitInput { household_id, member_id, visit: v };
                match form.target {
                    None => {
                        let class = form.class_change();
                        store.write(|tx, ctx| visits::log(tx, ctx, &input, class)).map(|_| Done::Saved(t("msg.visit_logged").to_string()))
                    }
                    Some((id, version)) => store
                        .write(|tx, ctx| visits::correct(tx, ctx, id, version, &input))
                        .map(|()| Done::Saved(t("msg.visit_corrected").to_string())),
                }
            }
        },
        FormKind::VisitFilter => {
            let date = |key: &'static str, p: &mut Problems| match form.value(key).trim() {
                "" => None,
                s => text::date(s).map_err(|e| p.push((key, e))).ok(),
            };
            let mut problems = Problems::new();
            let from = date("from", &mut problems);
            let to = date("to", &mut problems);
            if !problems.is_empty() {
                form.set_problems(&problems);
                return Ok(());
            }
            app.visit_query = crate::store::visits::Query {
                text: String::new(),
                from,
                to,
                village: form.value("village").trim().to_string(),
                member: form.value("member").trim().to_string(),
                household: form.value("household").trim().to_string(),
            };
            app.visits.counted = false;
            app.visits.selected = 0;
            app.visits.top = 0;
            app.status = Some((t("msg.filter_applied").to_string(), Tone::Info));
            Ok(Done::Nothing)
        }
        FormKind::Step => {
            let to = super::forms::chosen_step(form);
            let on = text::past_date(&form.value("date"), today);
            let note = text::optional_text(&form.value("step_note"));
            match (to, on, note, form.target) {
                (Some(to), Ok(on), Ok(note), Some((id, version))) => store
                    .write(|tx, ctx| concerns::advance(tx, ctx, id, version, to, on, &note))
                    .map(|()| Done::Saved(tf("msg.step_done", &[("status", to.label(crate::i18n::lang()))]))),
                (_, on, note, _) => {
                    let mut p = Problems::new();
                    if let Err(e) = on {
                        p.push(("date", e));
                    }
                    if let Err(e) = note {
                        p.push(("step_note", e));
                    }
                    problems_in(form, &p)
                }
            }
        }
        FormKind::Adjustment => {
            let points = text::adjustment_points(&form.value("points"));
            let reason = text::required_text(&form.value("reason"));
            match (points, reason, form.target) {
                (Ok(p), Ok(reason), Some((member, _))) => {
                    let q = app.scores.quarter;
                    store
                        .write(|tx, ctx| crate::store::records::add_adjustment(tx, ctx, member, q, p, &reason))
                        .map(|_| Done::Saved(t("msg.adjustment_added").to_string()))
                }
                (points, reason, _) => {
                    let mut p = Problems::new();
                    if let Err(e) = points {
                        p.push(("points", e));
                    }
                    if let Err(e) = reason {
                        p.push(("reason", e));
                    }
                    problems_in(form, &p)
                }
            }
        }
        FormKind::Link => match (text::date(&form.value("since")), form.target) {
            (Err(e), _) => problems_in(form, &vec![("since", e)]),
            (Ok(since), Some((member, _))) => {
                let households = form.ids.clone();
                store
                    .write(|tx, ctx| -> Result<usize, StoreError> {
                        let mut moved = 0;
                        for h in &households {
                            moved +=
                                usize::from(crate::store::links::link(tx, ctx, member, *h, since)? == crate::store::links::Linked::Moved);
                        }
                        Ok(moved)
                    })
                    .map(|moved| Done::Saved(tf("msg.linked", &[("count", &households.len().to_string()), ("moved", &moved.to_string())])))
            }
            (Ok(_), None) => Ok(Done::Nothing),
        },
        FormKind::Unlink => match (text::date(&form.value("until")), form.target) {
            (Err(e), _) => problems_in(form, &vec![("until", e)]),
            (Ok(until), Some((household, _))) => store
                .write(|tx, ctx| crate::store::linking::unlink(tx, ctx, household, until))
                .map(|ended| Done::Saved(t(if ended { "msg.unlinked" } else { "msg.not_linked" }).to_string())),
            (Ok(_), None) => Ok(Done::Nothing),
        },
        FormKind::Event => match (form.event_text().validate(today), app.ledger.village_id()) {
            (Err(problems), _) => problems_in(form, &problems),
            (Ok(_), None) => Ok(Done::Nothing),
            (Ok(fields), Some(village)) => {
                let existing = form.target;
                let saved = store.write(|tx, ctx| crate::store::programme::meetings::save(tx, ctx, village, existing, &fields));
                if let (Ok(id), None) = (&saved, existing) {
                    // A new event: who attended, next.
                    app.picker = Some(super::tabs::ledger::meetings::attendee_picker(store, village, *id, &[], crate::i18n::lang())?);
                }
                saved.map(|_| Done::Saved(t("msg.event_saved").to_string()))
            }
        },
        FormKind::EventConcern => match (text::required_text(&form.value("concern")), form.target, form.ids.first().copied()) {
            (Err(e), _, _) => problems_in(form, &vec![("concern", e)]),
            (Ok(text), Some((event, _)), Some(household)) => store
                .write(|tx, ctx| crate::store::programme::meetings::open_concern(tx, ctx, event, household, &text))
                .map(|_| Done::Saved(t("msg.event_concern_opened").to_string())),
            _ => Ok(Done::Nothing),
        },
        FormKind::Wechat => match (text::name(&form.value("group_name")), form.target) {
            (Err(e), _) => problems_in(form, &vec![("group_name", e)]),
            (Ok(group), Some((member, _))) => {
                app.form = None;
                return super::tabs::ledger::year::joined_picker(app, store, member, group);
            }
            (Ok(_), None) => Ok(Done::Nothing),
        },
        FormKind::Appraisal => {
            let result = crate::domain::model::Appraisal::parse(&form.value("appraisal"));
            match (result, text::optional_text(&form.value("note")), form.target) {
                (_, Err(e), _) => problems_in(form, &vec![("note", e)]),
                (Some(result), Ok(note), Some((member, _))) => {
                    let year = app.ledger.month.year;
                    store
                        .write(|tx, ctx| crate::store::programme::set_appraisal(tx, ctx, member, year, result, &note))
                        .map(|()| Done::Saved(t("msg.appraisal_set").to_string()))
                }
                _ => Ok(Done::Nothing),
            }
        }
        FormKind::Bin | FormKind::DutyDay | FormKind::Registration | FormKind::Review => {
            let f = form.clone();
            let (saved, msg) = match f.kind {
                FormKind::Bin => (super::tabs::ledger::bins::save_bin(app, store, &f), "msg.bin_saved"),
                FormKind::DutyDay => (super::tabs::ledger::bins::save_duty(app, store, &f), "msg.duty_logged"),
                FormKind::Review => (super::tabs::ledger::units::save(app, store, &f), "msg.review_saved"),
                _ => (super::tabs::ledger::units::save(app, store, &f), "msg.registered"),
            };
            match saved {
                Ok(Some(problems)) => match app.form.as_mut() {
                    Some(form) => problems_in(form, &problems),
                    None => Ok(Done::Nothing),
                },
                Ok(None) => Ok(Done::Saved(t(msg).to_string())),
                Err(e) => Err(e),
            }
        }
        FormKind::Reopen => match text::required_text(&form.value("reason")) {
            Err(e) => problems_in(form, &vec![("reason", e)]),
            Ok(reason) => {
                app.form = None;
                return super::tabs::scores::reopen(app, store, &reason).and_then(|()| reload(app, store));
            }
        },
    };
    match result {
        Ok(Done::Saved(msg)) => {
            app.form = None;
            app.status = Some((msg, Tone::Info));
            invalidate(app);
            reload(app, store)
        }
        Ok(Done::Nothing) => {
            app.form = None;
            reload(app, store)
        }
        Ok(Done::Problems) => Ok(()),
        // Someone else saved first: compare, never overwrite silently.
        Err(StoreError::Conflict) if super::conflict::open(app, store)? => {
            app.status = Some((t("msg.conflict").to_string(), Tone::Error));
            Ok(())
        }
        // The form stays open with what the user typed.
        Err(e) => {
            app.status = Some((e.to_string(), Tone::Error));
            Ok(())
        }
    }
}

/// Writes the import the preview showed.
pub fn run_import(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
    let Some((kind, path, village)) = app.import_ready.take() else { return Ok(()) };
    app.report.clear();
    let (_, result) = import::import(store, kind, &path, &import::Options { dry_run: false, village: village.as_deref() });
    match result {
        Ok(counts) => {
            app.form = None;
            app.status = Some((import::summary(counts, false), Tone::Info));
            invalidate(app);
            reload(app, store)?;
        }
        Err(ImportError::Rows(problems)) => {
            app.report = import::report(&path, &problems);
            app.report_offset = 0;
            app.report_title = "ui.import_report";
            app.status = Some((tf("err.import_rejected", &[("count", &problems.total.to_string())]), Tone::Error));
        }
        Err(e) => app.status = Some((e.to_string(), Tone::Error)),
    }
    Ok(())
}

fn problems_in(form: &mut super::form::Form, problems: &Problems) -> Result<Done, StoreError> {
    form.set_problems(problems);
    Ok(Done::Problems)
}

pub fn confirmed(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
    let Some(c) = app.confirm.take() else { return Ok(()) };
    match c {
        Confirm::DiscardForm => app.form = None,
        Confirm::QuitWithForm => app.quit = true,
        Confirm::LinkExempt { member, name, household, head } => {
            app.form = Some(super::form::Form::link(member, &name, vec![household], &[head], 0, app.settings.today));
        }
        Confirm::FullNames { village_id, on, .. } => {
            super::tabs::ledger::set_full_names(app, store, village_id, on)?;
            reload(app, store)?;
        }
        Confirm::Finalize { .. } => {
            super::tabs::scores::finalize(app, store)?;
            reload(app, store)?;
        }
        Confirm::Archive { tab, id, version, archived, .. } => {
            let r = store.write(|tx, ctx| match tab {
                Tab::Members => members::set_archived(tx, ctx, id, version, archived),
                _ => households::set_archived(tx, ctx, id, version, archived),
            });
            match r {
                Ok(()) => {
                    let key = if archived { "msg.archived" } else { "msg.restored" };
                    app.status = Some((t(key).to_string(), Tone::Info));
                }
                Err(e) => app.status = Some((e.to_string(), Tone::Error)),
            }
            invalidate(app);
            reload(app, store)?;
        }
    }
    Ok(())
}

pub fn run_pending(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
    match app.pending.take() {
        None => {}
        Some(Pending::Demo) => {
            if !store.is_empty()? {
                app.status = Some((t("err.demo_not_empty").to_string(), Tone::Error));
                return Ok(());
            }
            let sum = demo::generate(store, &demo::Options { households: 3000, years: 2, seed: 1 })?;
            let msg = tf("msg.demo_loaded", &[("households", &sum.households.to_string()), ("members", &sum.members.to_string())]);
            app.status = Some((msg, Tone::Info));
            app.tab = Tab::Today;
            invalidate(app);
            reload(app, store)?;
        }
        Some(Pending::Import) => {
            // First the preview: what was understood and what would be
            // written; Enter writes it (`run_import`), Esc leaves.
            let Some(form) = app.form.as_ref() else { return Ok(()) };
            let kind = ImportKind::ALL.iter().copied().find(|k| format!("{k:?}") == form.value("kind")).unwrap_or(ImportKind::Households);
            let path = std::path::PathBuf::from(form.value("file").trim());
            let village = Some(form.value("village").trim().to_string()).filter(|v| !v.is_empty());
            let (lines, ok) = import::preview(store, kind, &path, village.as_deref());
            app.report = lines;
            app.report_offset = 0;
            app.report_title = "ui.import_preview";
            app.import_ready = ok.then_some((kind, path, village));
            app.status = Some(if ok {
                (t("msg.import_previewed").to_string(), Tone::Info)
            } else {
                (t("msg.import_refused").to_string(), Tone::Error)
            });
        }
    }
    Ok(())
}
