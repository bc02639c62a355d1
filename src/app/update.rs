//! The one place that changes state. Keys go to the top overlay first; a
//! tab's own action goes to that tab, which answers with effects; only
//! here are effects carried out, and the screen read again after them.

use super::action::{Action, TabAction};
use super::effect::{Ctx, Effect, Effects, info};
use super::form::Form;
use super::moves::{step, switch};
use super::overlay::Overlay;
use super::picker::{PickKind, Picker};
use super::reload::reload;
use super::save::{run_pending, save};
use super::screen::{Confirm, Pending, Tab, Tone};
use super::tabs::{self, Tabs};
use super::{App, linking};
use crate::i18n::t;
use crate::store::{Store, StoreError};

/// Runs the long work announced on screen (`app.pending`: the demo, an
/// import's preview or its writing), telling `progress` how far it has got
/// (the event loop draws a gauge from it).
pub fn run_pending_shown(app: &mut App, store: &mut Store, progress: &dyn crate::progress::Progress) {
    let result = run_pending(app, store, progress).and_then(|effects| carry_out(app, store, effects));
    if let Err(e) = result {
        app.status = Some((e.at(store.path()).to_string(), Tone::Error));
    }
}

/// Carries out `action`.
pub fn update(app: &mut App, store: &mut Store, action: Action) {
    // Behind the "too small" screen nothing is seen, so no key acts there
    // (a typed q must not land in a hidden form): only a resize does.
    if app.too_small() && !matches!(action, Action::Resize(..) | Action::RunPending) {
        return;
    }
    let writing = |app: &App| app.overlays.iter().filter(|o| o.writes()).count();
    let before = writing(app);
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
    if writing(app) > before
        && let Some(why) = store.why_no_writes()
    {
        app.overlays.retain(|o| !o.writes());
        app.status = Some((why, Tone::Error));
    }
}

/// Loads the data of the opening screen; offers a start on an empty
/// database; reopens the form left open when the last session dropped.
pub fn start(app: &mut App, store: &mut Store) {
    if let Err(e) = super::village::remembered(app, store) {
        app.status = Some((e.at(store.path()).to_string(), Tone::Error));
    }
    // Township staff (no village of their own or chosen) open on 总览.
    if app.tabs.village.is_none() && app.tab == super::Tab::Today {
        app.tab = super::Tab::Overview;
    }
    match store.is_empty() {
        Ok(true) => app.open(Overlay::Welcome),
        Ok(false) => {}
        Err(e) => app.status = Some((e.at(store.path()).to_string(), Tone::Error)),
    }
    update(app, store, Action::Resize(app.width, app.height));
    match crate::store::drafts::load(store.conn(), &store.who) {
        Ok(Some(json)) => match serde_json::from_str(&json).ok().and_then(Form::from_draft) {
            Some(form) => {
                app.overlays.retain(|o| !matches!(o, Overlay::Welcome));
                app.open(form);
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
    app.tabs.invalidate();
    if let Err(e) = reload(app, store) {
        app.status = Some((e.at(store.path()).to_string(), Tone::Error));
    }
}

/// Runs `f` with the tabs and a context over the store and settings.
fn with_ctx<R>(app: &mut App, store: &mut Store, f: impl FnOnce(&mut Tabs, &mut Ctx) -> R) -> R {
    let App { tabs, settings, rules, width, .. } = app;
    let mut ctx = Ctx { store, settings, rules, width: *width };
    f(tabs, &mut ctx)
}

/// Carries out effects in order, then reads the screen again if any asked.
fn carry_out(app: &mut App, store: &mut Store, effects: Effects) -> Result<(), StoreError> {
    let mut again = false;
    for e in effects {
        match e {
            Effect::Status(msg, tone) => app.status = Some((msg, tone)),
            Effect::Open(o) => app.open(o),
            Effect::Invalidate => {
                app.tabs.invalidate();
                again = true;
            }
            Effect::Reload => again = true,
            Effect::SwitchTab(tab) => {
                app.tab = tab;
                app.overlays.retain(|o| !matches!(o, Overlay::Filter(_)));
                again = true;
            }
            Effect::CloseForm => app.close_form(),
            Effect::Copy(text) => app.pending = Some(Pending::Clipboard(text)),
            // A preference not kept is no loss worth a message.
            Effect::Remember(key, value) => {
                let _ = crate::store::prefs::set(store, key, Some(&value));
            }
            Effect::Village(chosen) => {
                super::village::set(app, store, chosen);
                again = true;
            }
        }
    }
    if again { reload(app, store) } else { Ok(()) }
}

fn top_is(app: &App, pred: impl Fn(&Overlay) -> bool) -> bool {
    app.top().is_some_and(pred)
}

fn apply(app: &mut App, store: &mut Store, action: Action) -> Result<(), StoreError> {
    let effects = match action {
        Action::Quit => {
            if app.has(|o| matches!(o, Overlay::Form(f) if f.changed())) {
                app.open(Confirm::QuitWithForm);
            } else {
                app.quit = true;
            }
            Vec::new()
        }
        Action::ShowHelp => {
            app.open(Overlay::Help(0));
            Vec::new()
        }
        Action::Close => {
            if top_is(app, |o| matches!(o, Overlay::Help(_) | Overlay::Report(_) | Overlay::Coverage(_) | Overlay::Welcome)) {
                app.close_top();
            }
            Vec::new()
        }
        Action::NextTab => return switch(app, store, Tab::ALL[(app.tab.index() + 1) % Tab::ALL.len()]),
        Action::PrevTab => return switch(app, store, Tab::ALL[(app.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]),
        Action::GoTab(i) => return switch(app, store, Tab::ALL[i.min(Tab::ALL.len() - 1)]),
        Action::Up => return step(app, store, -1),
        Action::Down => return step(app, store, 1),
        Action::PageUp => return step(app, store, -(app.rows() as isize)),
        Action::PageDown => return step(app, store, app.rows() as isize),
        Action::Home => return step(app, store, isize::MIN / 2),
        Action::End => return step(app, store, isize::MAX / 2),
        Action::StartFilter => {
            if app.filter().is_some() && app.top().is_none() {
                let caret = app.filter().map_or(0, |f| f.chars().count());
                app.open(Overlay::Filter(caret));
            }
            Vec::new()
        }
        Action::FinishFilter => {
            if app.filtering() {
                app.close_top();
            }
            Vec::new()
        }
        Action::ClearFilter => {
            if app.filtering() {
                app.close_top();
            }
            app.tabs.get_mut(app.tab).set_filter(String::new());
            vec![Effect::Reload]
        }
        Action::ToggleDetail => {
            app.detail = Some(!app.detail_shown());
            vec![Effect::Reload]
        }
        Action::Tab(a) => {
            let tab = app.tab;
            with_ctx(app, store, |tabs, ctx| tabs.get_mut(tab).on(a, ctx))?
        }
        Action::StartAdding => {
            app.overlays.retain(|o| !matches!(o, Overlay::Welcome));
            if !app.tab.editable() {
                switch(app, store, Tab::Households)?;
            }
            let tab = app.tab;
            with_ctx(app, store, |tabs, ctx| tabs.get_mut(tab).on(TabAction::Add, ctx))?
        }
        Action::Suggest => {
            if top_is(app, |o| matches!(o, Overlay::Coverage(_))) {
                app.close_top();
            }
            with_ctx(app, store, |_, ctx| linking::suggestions(ctx))?
        }
        Action::ShowCoverage => with_ctx(app, store, |_, ctx| linking::coverage(ctx))?,
        Action::ChooseVillage => {
            super::village::pick(app, store)?;
            Vec::new()
        }
        Action::RunImport => match app.top_mut() {
            Some(Overlay::Report(r)) if r.ready.is_some() => {
                let ready = r.ready.take();
                app.close_top();
                // Written next by the event loop, which shows its progress.
                app.pending = ready.map(Pending::ImportWrite);
                vec![info(t("msg.import_running"))]
            }
            _ => Vec::new(),
        },
        Action::TogglePick => {
            match app.top_mut() {
                Some(Overlay::Conflict(c)) => c.toggle(),
                Some(Overlay::Picker(p)) => p.toggle(),
                _ => {}
            }
            Vec::new()
        }
        Action::TogglePickAll => {
            if let Some(Overlay::Picker(p)) = app.top_mut() {
                p.toggle_all();
            }
            Vec::new()
        }
        Action::FinishPick => match app.top() {
            Some(Overlay::Picker(p)) if p.kind == PickKind::Village => {
                let Some(Overlay::Picker(p)) = app.close_top() else { return Ok(()) };
                super::village::chosen(app, store, &p)
            }
            Some(Overlay::Picker(_)) => {
                let Some(Overlay::Picker(p)) = app.close_top() else { return Ok(()) };
                with_ctx(app, store, |_, ctx| finish_pick(*p, ctx))?
            }
            _ => Vec::new(),
        },
        Action::KeepMine | Action::TakeTheirs => {
            if let Some(c) = app.conflict_mut() {
                c.all(action == Action::TakeTheirs);
            }
            Vec::new()
        }
        Action::NextField | Action::PrevField => {
            if let Some(Overlay::Form(f)) = app.top_mut() {
                if action == Action::NextField { f.next_field() } else { f.prev_field() }
            }
            Vec::new()
        }
        Action::Save => match app.top() {
            Some(Overlay::Conflict(_)) => {
                let Some(Overlay::Conflict(c)) = app.close_top() else { return Ok(()) };
                if c.all_theirs() {
                    vec![Effect::CloseForm, info(t("msg.took_theirs")), Effect::Invalidate]
                } else {
                    if let Some(form) = app.form_mut() {
                        c.merge_into(form);
                    }
                    save(app, store)?
                }
            }
            Some(Overlay::Form(_)) => save(app, store)?,
            _ => Vec::new(),
        },
        Action::Cancel => {
            match app.top() {
                Some(Overlay::Conflict(_) | Overlay::Picker(_)) => {
                    app.close_top();
                }
                Some(Overlay::Form(f)) if f.changed() => app.open(Confirm::DiscardForm),
                Some(Overlay::Form(_)) => {
                    app.close_top();
                }
                _ => {}
            }
            Vec::new()
        }
        Action::Yes => match app.top() {
            Some(Overlay::Confirm(_)) => {
                let Some(Overlay::Confirm(c)) = app.close_top() else { return Ok(()) };
                confirmed(app, store, c)?
            }
            _ => Vec::new(),
        },
        Action::No => {
            if top_is(app, |o| matches!(o, Overlay::Confirm(_))) {
                app.close_top();
            }
            Vec::new()
        }
        Action::LoadDemo => {
            app.overlays.retain(|o| !matches!(o, Overlay::Welcome));
            app.pending = Some(Pending::Demo);
            vec![info(t("msg.demo_running"))]
        }
        Action::OpenImport => {
            app.overlays.retain(|o| !matches!(o, Overlay::Welcome));
            app.open(Form::import());
            Vec::new()
        }
        Action::RunPending => run_pending(app, store, &crate::progress::SILENT)?,
        Action::Key(ev) => typed(app, |line, caret| super::line::edit(line, caret, &ev), |f| f.key(ev)),
        Action::Paste(pasted) => typed(app, |line, caret| super::line::paste(line, caret, &pasted), |f| f.paste(&pasted)),
        Action::Resize(w, h) => {
            app.width = w;
            app.height = h;
            vec![Effect::Reload]
        }
    };
    carry_out(app, store, effects)
}

/// Typing: into the form on top, else a picker's filter, else the tab's
/// quick filter (`edit` changes the line at the caret and says whether the
/// text changed).
fn typed(app: &mut App, edit: impl Fn(&mut String, &mut usize) -> bool, form: impl FnOnce(&mut Form)) -> Effects {
    let tab = app.tab;
    let mut line = app.filter().unwrap_or_default().to_string();
    match app.top_mut() {
        Some(Overlay::Form(f)) => form(f),
        Some(Overlay::Picker(p)) => {
            let mut caret = p.filter.chars().count();
            if edit(&mut p.filter, &mut caret) {
                p.refilter();
            }
        }
        Some(Overlay::Filter(caret)) => {
            let changed = edit(&mut line, caret);
            if changed {
                app.tabs.get_mut(tab).set_filter(line);
                return vec![Effect::Reload];
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Enter in a picker: whoever opened it carries it out.
fn finish_pick(p: Picker, ctx: &mut Ctx) -> Result<Effects, StoreError> {
    use tabs::ledger::{meetings, units, year};
    let taken = p.taken();
    match p.kind {
        PickKind::Register => match p.items.iter().find(|it| taken.first() == Some(&it.id)) {
            Some(item) => units::register_form(ctx, item.id, &item.cells[0]),
            None => Ok(Vec::new()),
        },
        kind @ (PickKind::Duties { .. } | PickKind::Joined { .. }) => year::finish_pick(ctx, kind, taken),
        kind @ (PickKind::Attendees { .. } | PickKind::EventHousehold { .. }) => meetings::finish_pick(ctx, kind, taken, &p.items),
        _ => linking::finish_pick(p, ctx),
    }
}

/// A confirmed question, carried out by whoever asked it.
fn confirmed(app: &mut App, store: &mut Store, c: Confirm) -> Result<Effects, StoreError> {
    Ok(match c {
        Confirm::DiscardForm => vec![Effect::CloseForm],
        Confirm::OverLoad { form, .. } => vec![Effect::Open((*form.0).into())],
        Confirm::NewVillage { .. } => {
            if let Some(form) = app.form_mut() {
                form.new_village_ok = true;
            }
            save(app, store)?
        }
        Confirm::SameDayVisit { .. } => {
            if let Some(form) = app.form_mut() {
                form.visit.same_day_ok = true;
            }
            save(app, store)?
        }
        Confirm::QuitWithForm => {
            app.quit = true;
            Vec::new()
        }
        Confirm::LinkExempt { member, name, household, head } => {
            vec![Effect::Open(Form::link(member, &name, vec![household], &[head], 0, app.settings.today).into())]
        }
        Confirm::FullNames { village_id, on, .. } => {
            with_ctx(app, store, |_, ctx| tabs::ledger::State::set_full_names(ctx, village_id, on))?
        }
        Confirm::Finalize { .. } => with_ctx(app, store, |tabs, ctx| tabs.scores.finalize(ctx))?,
        Confirm::Rerate { household, rating, .. } => with_ctx(app, store, |tabs, ctx| tabs.scores.rerate(ctx, household, rating))?,
        Confirm::Archive { tab, id, version, archived, .. } => with_ctx(app, store, |_, ctx| match tab {
            Tab::Members => tabs::members::archive(ctx, id, version, archived),
            _ => tabs::households::archive(ctx, id, version, archived),
        }),
    })
}
