//! Work done ahead, on another thread with its own connection: what the
//! first visit to a tab would otherwise compute while the user waits — the
//! ordered ids of 住户, 党员 and 问题, the total of 走访, and the 考评
//! board. The app asks for it at start and after every change (a new
//! `generation`); `reload` takes a result only when it was computed for
//! the same generation and the same view, and computes it itself otherwise.

use super::App;
use crate::domain::period::Quarter;
use crate::domain::rules::Rules;
use crate::store::score::Board;
use crate::store::{Store, StoreError, concerns, date_text, households, members, score, visits};
use chrono::NaiveDate;
use std::sync::{Arc, Mutex};

/// What to compute: the views as the app would show them.
#[derive(Debug, Clone)]
pub struct Request {
    pub generation: u64,
    pub today: NaiveDate,
    pub rules: Rules,
    pub households: (bool, households::Sort),
    pub members: (bool, members::Sort),
    pub visits: visits::Query,
    pub concerns: concerns::Show,
    /// The 考评 quarter and the index of its village.
    pub board: (Quarter, usize),
}

/// A list's ordered (id, search key) rows and the view they are for.
type Keyed<V> = Option<(V, Vec<(i64, String)>)>;

/// Results, each with the view it was computed for.
#[derive(Debug, Default)]
pub struct Ahead {
    pub generation: u64,
    pub households: Keyed<(bool, households::Sort)>,
    pub members: Keyed<(bool, members::Sort)>,
    pub visits: Option<(visits::Query, usize)>,
    pub concerns: Keyed<concerns::Show>,
    pub villages: Option<Vec<(i64, String)>>,
    pub board: Option<((Quarter, i64), Board)>,
}

/// Results shared between the worker and the app.
pub type Shared = Arc<Mutex<Ahead>>;

/// The request for the app's views as they are now.
pub fn request(app: &App) -> Request {
    Request {
        generation: app.generation,
        today: app.settings.today,
        rules: app.rules.clone(),
        households: (app.households.show_archived, app.household_sort),
        members: (app.members.show_archived, app.member_sort),
        visits: visits::Query { text: app.visits.filter.clone(), ..app.visit_query.clone() },
        concerns: app.concern_show,
        board: (app.scores.quarter, app.scores.village),
    }
}

/// Computes a request, publishing each result as soon as it is ready
/// (the cheap ones first), unless the app has moved on to a newer
/// generation meanwhile.
pub fn compute(store: &Store, req: &Request, shared: &Shared) -> Result<(), StoreError> {
    let conn = store.conn();
    let publish = |f: &dyn Fn(&mut Ahead)| {
        if let Ok(mut a) = shared.lock() {
            if a.generation < req.generation {
                *a = Ahead { generation: req.generation, ..Ahead::default() };
            }
            if a.generation == req.generation {
                f(&mut a);
            }
        }
    };
    let today = date_text(req.today);
    let m = members::keyed(conn, req.members.0, req.members.1, &today)?;
    publish(&|a| a.members = Some((req.members, m.clone())));
    let stuck = req.rules.visits.concern_stuck_days;
    let c = concerns::keyed(conn, req.concerns, req.today, stuck)?;
    publish(&|a| a.concerns = Some((req.concerns, c.clone())));
    let h = households::keyed(conn, req.households.0, req.households.1)?;
    publish(&|a| a.households = Some((req.households, h.clone())));
    let villages = score::villages(conn, None)?;
    if let Some((id, _)) = villages.get(req.board.1.min(villages.len().saturating_sub(1))) {
        let board = score::boards(conn, req.board.0, Some(*id), req.today, &req.rules)?.pop();
        publish(&|a| {
            a.villages = Some(villages.clone());
            a.board = board.clone().map(|b| ((req.board.0, *id), b));
        });
    }
    let n = visits::count(conn, &req.visits)?;
    publish(&|a| a.visits = Some((req.visits.clone(), n)));
    Ok(())
}

impl App {
    /// Runs `take` on the results computed ahead for this generation, if any.
    pub(super) fn ahead<T>(&self, take: impl FnOnce(&mut Ahead) -> Option<T>) -> Option<T> {
        let shared = self.ahead.as_ref()?;
        let mut a = shared.lock().ok()?;
        if a.generation != self.generation {
            return None;
        }
        take(&mut a)
    }
}
