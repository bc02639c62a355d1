//! The shared tail of saving a form: the form's owner validates and writes
//! it (each tab module saves its own forms); here the draft is cleared in
//! the same write, a refused version opens the comparison, and the outcome
//! becomes effects. Also the long jobs run after the screen announced them
//! (the demo, an import's preview and its writing).

use super::effect::{Ctx, Effect, Effects, Saved, error, info, open};
use super::form::FormKind;
use super::overlay::{ImportReady, Overlay, Report};
use super::screen::{Pending, Tab};
use super::{App, linking, tabs};
use crate::demo;
use crate::domain::text::TextError;
use crate::i18n::{t, tf};
use crate::io::import::{self, ImportError, ImportKind};
use crate::store::{Store, StoreError};

/// Saves the topmost form. The write that saves it also clears the user's
/// draft, in the same transaction (`Store::saving_form`).
pub fn save(app: &mut App, store: &mut Store) -> Result<Effects, StoreError> {
    store.saving_form = true;
    let done = save_form(app, store);
    store.saving_form = false;
    done
}

fn save_form(app: &mut App, store: &mut Store) -> Result<Effects, StoreError> {
    let App { overlays, tabs, settings, rules, width, pending, .. } = app;
    let Some(form) = overlays.iter_mut().rev().find_map(|o| match o {
        Overlay::Form(f) => Some(&mut **f),
        _ => None,
    }) else {
        return Ok(Vec::new());
    };
    let mut ctx = Ctx { store, settings, rules, width: *width };
    let result = match form.kind() {
        FormKind::Import => {
            if form.value("file").trim().is_empty() {
                form.set_problems(&vec![("file", TextError::Required)]);
                return Ok(Vec::new());
            }
            *pending = Some(Pending::Import);
            return Ok(vec![info(t("msg.import_running"))]);
        }
        FormKind::Household => tabs::households::save(form, &mut ctx),
        FormKind::Member => tabs::members::save(form, &mut ctx),
        FormKind::Visit => tabs::visits::save(form, &mut ctx),
        FormKind::VisitFilter => tabs.visits.save_filter(form),
        FormKind::Step => tabs::concerns::save(form, &mut ctx),
        FormKind::Adjustment | FormKind::Reopen => tabs.scores.save(form, &mut ctx),
        FormKind::Link | FormKind::Unlink => linking::save(form, &mut ctx),
        FormKind::Event
        | FormKind::EventConcern
        | FormKind::Wechat
        | FormKind::Appraisal
        | FormKind::Bin
        | FormKind::DutyDay
        | FormKind::Registration
        | FormKind::Review => tabs.ledger.save(form, &mut ctx),
    };
    match result {
        Ok(Saved::Written(msg, then)) => {
            let mut out = vec![Effect::CloseForm, info(msg), Effect::Invalidate];
            out.extend(then);
            Ok(out)
        }
        Ok(Saved::Closed(then)) => {
            let mut out = vec![Effect::CloseForm];
            out.extend(then);
            out.push(Effect::Reload);
            Ok(out)
        }
        Ok(Saved::Problems) => Ok(Vec::new()),
        Ok(Saved::Asked(then)) => Ok(then),
        // Someone else saved first: compare, never overwrite silently.
        Err(StoreError::Conflict) => match super::conflict::open(form, ctx.conn(), ctx.today())? {
            Some(c) => Ok(vec![Effect::Open(Overlay::Conflict(c)), error(t("msg.conflict"))]),
            None => Ok(vec![error(StoreError::Conflict.to_string())]),
        },
        // The form stays open with what the user typed.
        Err(e) => Ok(vec![error(e.to_string())]),
    }
}

/// Writes the import the preview showed.
pub fn run_import(ready: ImportReady, store: &mut Store, progress: &dyn crate::progress::Progress) -> Effects {
    let ImportReady { kind, path, village } = ready;
    let (_, result) = import::import(store, kind, &path, &import::Options { dry_run: false, village: village.as_deref(), progress });
    match result {
        Ok(counts) => vec![Effect::CloseForm, info(import::summary(counts, false)), Effect::Invalidate],
        Err(ImportError::Rows(problems)) => vec![
            open(Report::new("ui.import_report", import::report(&path, &problems))),
            error(tf("err.import_rejected", &[("count", &problems.total.to_string())])),
        ],
        Err(e) => vec![error(e.to_string())],
    }
}

/// Runs the long job the screen announced.
pub fn run_pending(app: &mut App, store: &mut Store, progress: &dyn crate::progress::Progress) -> Result<Effects, StoreError> {
    match app.pending.take() {
        None => Ok(Vec::new()),
        // The event loop sends it; nothing to run here.
        Some(Pending::Clipboard(_)) => Ok(Vec::new()),
        Some(Pending::ImportWrite(ready)) => Ok(run_import(ready, store, progress)),
        Some(Pending::Demo) => {
            if !store.is_empty()? {
                return Ok(vec![error(t("err.demo_not_empty"))]);
            }
            let sum = demo::generate_with(store, &demo::Options { households: 3000, years: 2, seed: 1 }, progress)?;
            let msg = tf("msg.demo_loaded", &[("households", &sum.households.to_string()), ("members", &sum.members.to_string())]);
            Ok(vec![Effect::SwitchTab(Tab::Today), Effect::Invalidate, info(msg)])
        }
        Some(Pending::Import) => {
            // First the preview: what was understood and what would be
            // written; Enter writes it (`run_import`), Esc leaves.
            let Some(form) = app.form() else { return Ok(Vec::new()) };
            let kind = ImportKind::ALL.iter().copied().find(|k| format!("{k:?}") == form.value("kind")).unwrap_or(ImportKind::Households);
            let path = std::path::PathBuf::from(form.value("file").trim());
            let village = Some(form.value("village").trim().to_string()).filter(|v| !v.is_empty());
            let (lines, ok) =
                import::preview(store, kind, &path, &import::Options { dry_run: true, village: village.as_deref(), progress });
            let mut report = Report::new("ui.import_preview", lines);
            report.ready = ok.then_some(ImportReady { kind, path, village });
            let said = if ok { info(t("msg.import_previewed")) } else { error(t("msg.import_refused")) };
            Ok(vec![open(report), said])
        }
    }
}
