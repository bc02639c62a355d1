//! The one place that changes state: carries out an action, calling the
//! store for data and the domain for rules, then reloads what changed.

use super::form::{Form, FormKind};
use super::moves::{page, set_filter, step, switch};
use super::reload::reload;
use super::save::{confirmed, run_pending, save};
use super::{Action, App, Confirm, Pending, Tab, Tone, open};
use crate::domain::text;
use crate::i18n::t;
use crate::store::concerns;
use crate::store::households;
use crate::store::{Store, StoreError, members};
use crossterm::event::KeyCode;

/// Carries out `action`.
pub fn update(app: &mut App, store: &mut Store, action: Action) {
    let (had_form, had_picker) = (app.form.is_some(), app.picker.is_some());
    // A message belongs to the screen it was said on: the next action that
    // may change the screen clears it (a resize or a pending step keeps it).
    if !matches!(action, Action::Resize(..) | Action::RunPending) {
        app.status = None;
    }
    if let Err(e) = apply(app, store, action) {
        // A damaged file is named, with the backup to restore.
        app.status = Some((e.at(store.path()).to_string(), Tone::Error));
    }
    // A form or picker that would write does not open for someone who may
    // write nothing (a reader, a read-only file): they are told at once,
    // not at Ctrl-S, and leave no draft behind.
    let opened_form = !had_form && app.form.as_ref().is_some_and(|f| f.kind != FormKind::VisitFilter);
    let opened_picker = !had_picker && app.picker.is_some();
    if (opened_form || opened_picker)
        && let Some(why) = store.why_no_writes()
    {
        if opened_form {
            app.form = None;
        }
        if opened_picker {
            app.picker = None;
        }
        app.status = Some((why, Tone::Error));
    }
}

/// Loads the data of the opening screen; offers a start on an empty
/// database; reopens the form left open when the last session dropped.
pub fn start(app: &mut App, store: &mut Store) {
    match store.is_empty() {
        Ok(true) => app.welcome = true,
        Ok(false) => {}
        Err(e) => app.status = Some((e.at(store.path()).to_string(), Tone::Error)),
    }
    update(app, store, Action::Resize(app.width, app.height));
    match crate::store::drafts::load(store.conn(), &store.who) {
        Ok(Some(json)) => match serde_json::from_str(&json).ok().and_then(Form::from_draft) {
            Some(form) => {
                app.welcome = false;
                app.form = Some(form);
                app.status = Some((t("msg.draft_restored").to_string(), Tone::Info));
            }
            None => {
                let _ = crate::store::drafts::clear(store.conn(), &store.who);
            }
        },
        Ok(None) => {}
        Err(e) => app.status = Some((e.to_string(), Tone::Error)),
    }
}

/// Another user's saved change: fetch what is on screen again.
pub fn refresh(app: &mut App, store: &mut Store) {
    super::reload::invalidate(app);
    if let Err(e) = reload(app, store) {
        app.status = Some((e.at(store.path()).to_string(), Tone::Error));
    }
}

fn apply(app: &mut App, store: &mut Store, action: Action) -> Result<(), StoreError> {
    match action {
        Action::Quit => {
            if app.form.as_ref().is_some_and(Form::changed) {
                app.confirm = Some(Confirm::QuitWithForm);
            } else {
                app.quit = true;
            }
        }
        Action::ShowHelp => app.help = Some(0),
        Action::RunImport => super::save::run_import(app, store)?,
        Action::Close => {
            app.help = None;
            app.coverage = None;
            app.report.clear();
            app.report_offset = 0;
            app.import_ready = None;
            app.welcome = false;
        }
        Action::NextTab => switch(app, store, (app.tab.index() + 1) % Tab::ALL.len())?,
        Action::PrevTab => switch(app, store, (app.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len())?,
        Action::GoTab(i) => switch(app, store, i)?,
        Action::Up => step(app, store, -1)?,
        Action::Down => step(app, store, 1)?,
        Action::PageUp => step(app, store, -(page(app) as isize))?,
        Action::PageDown => step(app, store, page(app) as isize)?,
        Action::Home => step(app, store, isize::MIN / 2)?,
        Action::End => step(app, store, isize::MAX / 2)?,
        Action::StartFilter => app.filtering = app.filter().is_some(),
        Action::FinishFilter => app.filtering = false,
        Action::ClearFilter => {
            app.filtering = false;
            set_filter(app, String::new());
            reload(app, store)?;
        }
        Action::CycleSort => {
            match app.tab {
                Tab::Households => {
                    app.household_sort = next_in(households::Sort::ALL, app.household_sort);
                    app.households.keyed_fresh = false;
                }
                Tab::Members => {
                    app.member_sort = next_in(members::Sort::ALL, app.member_sort);
                    app.members.keyed_fresh = false;
                }
                _ => {}
            }
            reload(app, store)?;
        }
        Action::ToggleDetail => {
            app.detail = Some(!app.detail_shown());
            reload(app, store)?;
        }
        Action::ToggleArchived => {
            match app.tab {
                Tab::Households => {
                    app.households.show_archived = !app.households.show_archived;
                    app.households.keyed_fresh = false;
                }
                Tab::Members => {
                    app.members.show_archived = !app.members.show_archived;
                    app.members.keyed_fresh = false;
                }
                _ => {}
            }
            reload(app, store)?;
        }
        Action::LogVisit => open::log_visit(app, store)?,
        Action::OpenVisitFilter => app.form = Some(Form::visit_filter(&app.visit_query)),
        Action::NextStep => open::next_step(app),
        Action::CycleShow => {
            app.concern_show = next_in(concerns::Show::ALL, app.concern_show);
            app.concerns.keyed_fresh = false;
            app.concerns.selected = 0;
            app.concerns.top = 0;
            reload(app, store)?;
        }
        Action::Add | Action::Edit if app.tab == Tab::Ledger && !app.welcome => super::tabs::ledger::apply(app, store, &action)?,
        Action::Add => {
            app.welcome = false;
            if !app.tab.editable() {
                app.tab = Tab::Households;
                reload(app, store)?;
            }
            let lang = crate::i18n::lang();
            app.form = Some(match app.tab {
                Tab::Members => Form::member(None, &current_village(app), lang),
                _ => Form::household(None, &current_village(app), lang),
            });
        }
        Action::Edit => {
            let lang = crate::i18n::lang();
            match app.tab {
                Tab::Households => app.form = app.households.current().map(|h| Form::household(Some(h), "", lang)),
                Tab::Members => app.form = app.members.current().map(|m| Form::member(Some(m), "", lang)),
                Tab::Visits => open::correct_visit(app, store)?,
                _ => {}
            }
        }
        Action::Archive => {
            app.confirm = match app.tab {
                Tab::Households => app.households.current().map(|h| Confirm::Archive {
                    tab: Tab::Households,
                    id: h.id,
                    version: h.version,
                    archived: !h.archived,
                    name: h.head.clone(),
                }),
                Tab::Members => app.members.current().map(|m| Confirm::Archive {
                    tab: Tab::Members,
                    id: m.id,
                    version: m.version,
                    archived: !m.archived,
                    name: m.name.clone(),
                }),
                _ => None,
            };
        }
        Action::PrevMonth
        | Action::NextMonth
        | Action::Propose
        | Action::ConfirmEntry
        | Action::DropEntry
        | Action::ToggleFullNames
        | Action::PrevYear
        | Action::NextYear
        | Action::ShowRedBlack
        | Action::ShowEvents
        | Action::Attendees
        | Action::OpenConcern
        | Action::ShowYearSummary
        | Action::Duties
        | Action::Wechat
        | Action::Appraise
        | Action::ShowBins
        | Action::LogDuty
        | Action::ShowUnits
        | Action::Review => {
            if app.tab == Tab::Ledger {
                super::tabs::ledger::apply(app, store, &action)?;
            }
        }
        Action::NextVillage | Action::PrevVillage | Action::WriteBoard if app.tab == Tab::Ledger => {
            super::tabs::ledger::apply(app, store, &action)?;
        }
        Action::PrevQuarter
        | Action::NextQuarter
        | Action::NextVillage
        | Action::PrevVillage
        | Action::ShowDetail
        | Action::ShowYear
        | Action::OpenRatings
        | Action::Rate(_)
        | Action::AddAdjustment
        | Action::Finalize
        | Action::Reopen
        | Action::WriteBoard
        | Action::Back => {
            if app.tab == Tab::Scores {
                super::tabs::scores::apply(app, store, &action)?;
            }
        }
        Action::ShowHistory => {
            let target = match app.tab {
                Tab::Households => app.households.current().map(|h| ("household", h.id, h.head.clone())),
                Tab::Members => app.members.current().map(|m| ("member", m.id, m.name.clone())),
                _ => None,
            };
            if let Some((entity, id, name)) = target {
                let entries = crate::store::audit::history(store.conn(), entity, id)?;
                app.report = super::history::lines(&name, &entries);
                app.report_offset = 0;
                app.report_title = "ui.history";
            }
        }
        Action::Link => super::linking::open_link(app, store)?,
        Action::Unlink => super::linking::open_unlink(app),
        Action::SetLeader => super::linking::open_leader(app, store)?,
        Action::Suggest => {
            app.coverage = None;
            super::linking::open_suggestions(app, store)?;
        }
        Action::ShowCoverage => super::linking::show_coverage(app, store)?,
        Action::WriteCards => super::linking::write_cards(app, store)?,
        Action::TogglePick if app.conflict.is_some() => super::conflict::toggle(app),
        Action::KeepMine => super::conflict::all(app, false),
        Action::TakeTheirs => super::conflict::all(app, true),
        Action::Save if app.conflict.is_some() => super::conflict::apply(app, store)?,
        Action::Cancel if app.conflict.is_some() => app.conflict = None,
        Action::TogglePick => {
            if let Some(p) = app.picker.as_mut() {
                p.toggle();
            }
        }
        Action::TogglePickAll => {
            if let Some(p) = app.picker.as_mut() {
                p.toggle_all();
            }
        }
        Action::FinishPick => super::linking::finish_pick(app, store)?,
        Action::NextField => {
            if let Some(f) = app.form.as_mut() {
                f.next_field();
            }
        }
        Action::PrevField => {
            if let Some(f) = app.form.as_mut() {
                f.prev_field();
            }
        }
        Action::Save => save(app, store)?,
        Action::Cancel if app.form.is_none() && app.picker.is_some() => app.picker = None,
        Action::Cancel => {
            if app.form.as_ref().is_some_and(Form::changed) {
                app.confirm = Some(Confirm::DiscardForm);
            } else {
                app.form = None;
            }
        }
        Action::Yes => confirmed(app, store)?,
        Action::No => app.confirm = None,
        Action::LoadDemo => {
            app.welcome = false;
            app.pending = Some(Pending::Demo);
            app.status = Some((t("msg.demo_running").to_string(), Tone::Info));
        }
        Action::OpenImport => {
            app.welcome = false;
            app.form = Some(Form::import());
        }
        Action::RunPending => run_pending(app, store)?,
        Action::Key(ev) => {
            if let Some(f) = app.form.as_mut() {
                f.key(ev);
            } else if let Some(p) = app.picker.as_mut() {
                match ev.code {
                    KeyCode::Backspace => {
                        p.filter.pop();
                    }
                    KeyCode::Char(c) if !text::is_forbidden(c) => p.filter.push(c),
                    _ => return Ok(()),
                }
                p.refilter();
            } else if app.filtering {
                let mut filter = app.filter().unwrap_or_default().to_string();
                match ev.code {
                    KeyCode::Backspace => {
                        filter.pop();
                    }
                    KeyCode::Char(c) if !text::is_forbidden(c) => filter.push(c),
                    _ => return Ok(()),
                }
                set_filter(app, filter);
                reload(app, store)?;
            }
        }
        Action::Paste(s) => {
            if let Some(f) = app.form.as_mut() {
                f.paste(&s);
            } else if let Some(p) = app.picker.as_mut() {
                p.filter.push_str(&text::clean(&s));
                p.refilter();
            } else if app.filtering {
                let filter = format!("{}{}", app.filter().unwrap_or_default(), text::clean(&s));
                set_filter(app, filter);
                reload(app, store)?;
            }
        }
        Action::Resize(w, h) => {
            app.width = w;
            app.height = h;
            reload(app, store)?;
        }
    }
    Ok(())
}

fn next_in<T: Copy + PartialEq>(all: &[T], current: T) -> T {
    let i = all.iter().position(|x| *x == current).unwrap_or(0);
    all[(i + 1) % all.len()]
}

/// The village of the selected row, for new records.
fn current_village(app: &App) -> String {
    match app.tab {
        Tab::Members => app.members.current().map(|m| m.village.clone()),
        _ => app.households.current().map(|h| h.village.clone()),
    }
    .unwrap_or_default()
}
