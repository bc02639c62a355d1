//! The one place that changes state: carries out an action, calling the
//! store for data and the domain for rules, then reloads what changed.

use super::form::{Form, FormKind};
use super::{Action, App, Confirm, ListView, Pending, Tab, Tone, layout};
use crate::demo;
use crate::domain::text;
use crate::i18n::{t, tf};
use crate::io::import::{self, ImportError, ImportKind};
use crate::store::households::{self, ListQuery};
use crate::store::{Store, StoreError, date_text, links, members, summary};
use crossterm::event::KeyCode;

/// Carries out `action`.
pub fn update(app: &mut App, store: &mut Store, action: Action) {
    if let Err(e) = apply(app, store, action) {
        app.status = Some((e.to_string(), Tone::Error));
    }
}

/// Loads the data of the opening screen; offers a start on an empty database.
pub fn start(app: &mut App, store: &mut Store) {
    match store.is_empty() {
        Ok(true) => app.welcome = true,
        Ok(false) => {}
        Err(e) => app.status = Some((e.to_string(), Tone::Error)),
    }
    update(app, store, Action::Resize(app.width, app.height));
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
        Action::Close => {
            app.help = None;
            app.report.clear();
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
                Tab::Households => app.household_sort = next_in(households::Sort::ALL, app.household_sort),
                Tab::Members => app.member_sort = next_in(members::Sort::ALL, app.member_sort),
                _ => {}
            }
            reload(app, store)?;
        }
        Action::ToggleArchived => {
            match app.tab {
                Tab::Households => app.households.show_archived = !app.households.show_archived,
                Tab::Members => app.members.show_archived = !app.members.show_archived,
                _ => {}
            }
            reload(app, store)?;
        }
        Action::Add => {
            app.welcome = false;
            if !app.tab.editable() {
                app.tab = Tab::Households;
                reload(app, store)?;
            }
            let lang = app.settings.lang;
            app.form = Some(match app.tab {
                Tab::Members => Form::member(None, &current_village(app), lang),
                _ => Form::household(None, &current_village(app), lang),
            });
        }
        Action::Edit => {
            let lang = app.settings.lang;
            app.form = match app.tab {
                Tab::Households => app.households.current().map(|h| Form::household(Some(h), "", lang)),
                Tab::Members => app.members.current().map(|m| Form::member(Some(m), "", lang)),
                _ => None,
            };
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
        Action::PrevQuarter | Action::NextQuarter if app.tab == Tab::Scores => {
            app.quarter = if action == Action::PrevQuarter { app.quarter.prev() } else { app.quarter.next() };
            reload(app, store)?;
        }
        Action::PrevQuarter | Action::NextQuarter => {}
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

fn switch(app: &mut App, store: &mut Store, index: usize) -> Result<(), StoreError> {
    app.tab = Tab::ALL[index.min(Tab::ALL.len() - 1)];
    app.filtering = false;
    reload(app, store)
}

fn page(app: &App) -> usize {
    layout::table_rows(app.height, app.tab.editable())
}

fn step(app: &mut App, store: &mut Store, delta: isize) -> Result<(), StoreError> {
    if let Some(h) = app.help.as_mut() {
        *h = h.saturating_add_signed(delta.clamp(-1000, 1000));
        return Ok(());
    }
    match app.tab {
        Tab::Today => app.villages.move_by(delta),
        Tab::Households => app.households.move_by(delta),
        Tab::Members => app.members.move_by(delta),
        Tab::Visits => app.visits.move_by(delta),
        Tab::Scores => app.ratings.move_by(delta),
        Tab::Concerns => app.concerns.move_by(delta),
    }
    reload(app, store)
}

fn set_filter(app: &mut App, filter: String) {
    fn reset<T>(l: &mut ListView<T>, filter: String) {
        l.filter = filter;
        l.selected = 0;
        l.top = 0;
    }
    match app.tab {
        Tab::Households => reset(&mut app.households, filter),
        Tab::Members => reset(&mut app.members, filter),
        Tab::Visits => reset(&mut app.visits, filter),
        Tab::Concerns => reset(&mut app.concerns, filter),
        Tab::Today | Tab::Scores => {}
    }
}

/// The village of the selected row, for new records.
fn current_village(app: &App) -> String {
    match app.tab {
        Tab::Members => app.members.current().map(|m| m.village.clone()),
        _ => app.households.current().map(|h| h.village.clone()),
    }
    .unwrap_or_default()
}

/// Fetches the window of the current tab (and its detail pane).
pub fn reload(app: &mut App, store: &Store) -> Result<(), StoreError> {
    let height = page(app);
    let today = date_text(app.settings.today);
    let conn = store.conn();
    match app.tab {
        Tab::Households => {
            let l = &mut app.households;
            l.total = households::count(conn, &query(l, 0, 0))?;
            l.clamp(height);
            l.rows = households::page(conn, &query(l, l.top, height), app.household_sort, &today)?;
            app.household_detail = match l.current() {
                Some(h) => {
                    super::HouseholdDetail { classes: households::class_history(conn, h.id)?, links: links::household_history(conn, h.id)? }
                }
                None => Default::default(),
            };
        }
        Tab::Members => {
            let l = &mut app.members;
            l.total = members::count(conn, &query(l, 0, 0))?;
            l.clamp(height);
            l.rows = members::page(conn, &query(l, l.top, height), app.member_sort, &today)?;
            app.member_detail = match l.current() {
                Some(m) => super::MemberDetail { households: members::linked_households(conn, m.id, &today)? },
                None => Default::default(),
            };
        }
        Tab::Today => {
            let l = &mut app.villages;
            let all = summary::villages(conn, app.settings.today)?;
            l.total = all.len();
            l.clamp(height.saturating_sub(2));
            l.rows = all.into_iter().skip(l.top).collect();
        }
        Tab::Visits => {
            let l = &mut app.visits;
            l.total = summary::visit_count(conn, &l.filter)?;
            l.clamp(height);
            l.rows = summary::visit_page(conn, &l.filter, l.top, height)?;
        }
        Tab::Scores => {
            let l = &mut app.ratings;
            let all = summary::ratings(conn, app.quarter)?;
            l.total = all.len();
            l.clamp(height);
            l.rows = all.into_iter().skip(l.top).collect();
        }
        Tab::Concerns => {
            let l = &mut app.concerns;
            l.total = summary::concern_count(conn, &l.filter)?;
            l.clamp(height);
            l.rows = summary::concern_page(conn, &l.filter, l.top, height)?;
        }
    }
    Ok(())
}

fn query<T>(l: &ListView<T>, offset: usize, limit: usize) -> ListQuery {
    ListQuery { filter: l.filter.clone(), show_archived: l.show_archived, offset, limit }
}

fn save(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
    let Some(form) = app.form.as_mut() else { return Ok(()) };
    let result = match form.kind {
        FormKind::Import => {
            if form.value("file").trim().is_empty() {
                form.set_problems(&vec![("file", text::TextError::Required)]);
                return Ok(());
            }
            app.pending = Some(Pending::Import);
            app.status = Some((t("msg.import_running").to_string(), Tone::Info));
            return Ok(());
        }
        FormKind::Household => match form.household_text().validate() {
            Err(problems) => {
                form.set_problems(&problems);
                return Ok(());
            }
            Ok(h) => {
                let target = form.target;
                store.write(|tx, ctx| households::save(tx, ctx, target, &h))
            }
        },
        FormKind::Member => match form.member_text().validate() {
            Err(problems) => {
                form.set_problems(&problems);
                return Ok(());
            }
            Ok(m) => {
                let target = form.target;
                store.write(|tx, ctx| members::save(tx, ctx, target, &m))
            }
        },
    };
    match result {
        Ok(_) => {
            app.form = None;
            app.status = Some((t("msg.saved").to_string(), Tone::Info));
            reload(app, store)
        }
        // The form stays open with what the user typed.
        Err(e) => {
            app.status = Some((e.to_string(), Tone::Error));
            Ok(())
        }
    }
}

fn confirmed(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
    let Some(c) = app.confirm.take() else { return Ok(()) };
    match c {
        Confirm::DiscardForm => app.form = None,
        Confirm::QuitWithForm => app.quit = true,
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
            reload(app, store)?;
        }
    }
    Ok(())
}

fn run_pending(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
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
            reload(app, store)?;
        }
        Some(Pending::Import) => {
            let Some(form) = app.form.as_ref() else { return Ok(()) };
            let kind = ImportKind::ALL.iter().copied().find(|k| format!("{k:?}") == form.value("kind")).unwrap_or(ImportKind::Households);
            let path = std::path::PathBuf::from(form.value("file").trim());
            match import::import_file(store, kind, &path, false) {
                Ok(counts) => {
                    app.form = None;
                    app.status = Some((import::summary(counts, false), Tone::Info));
                    reload(app, store)?;
                }
                Err(ImportError::Rows(problems)) => {
                    app.report = import::report(&path, &problems);
                    app.status = Some((tf("err.import_rejected", &[("count", &problems.len().to_string())]), Tone::Error));
                }
                Err(ImportError::Other(e)) => app.status = Some((e.to_string(), Tone::Error)),
            }
        }
    }
    Ok(())
}
