//! The 考评 tab's state and actions: a village's quarter board, a member's
//! detail, the year view, and the 民意测评 walk through the households.

use crate::app::form::Form;
use crate::app::reload::{invalidate, reload};
use crate::app::rows::window;
use crate::app::{Action, App, Confirm, ListView, Tone};
use crate::domain::model::Rating;
use crate::domain::period::Quarter;
use crate::domain::score::Label;
use crate::i18n::{t, tf};
use crate::store::ratings::{self, RatingEntry};
use crate::store::scores::detail::{self as score_detail, MemberQuarter};
use crate::store::scores::finals;
use crate::store::scores::{self as score, Board};
use crate::store::{Store, StoreError, records};
use rusqlite::Connection;

/// What the tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Ranking,
    /// One member's quarter, explained.
    Member,
    /// Every member's labels across the year.
    Year,
    /// 民意测评: households and their ratings.
    Ratings,
}

/// A member's labels across the quarters of a year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow {
    pub member: String,
    /// Per quarter shown: the label and whether the quarter is final.
    pub labels: Vec<Option<Label>>,
    pub warnings: u32,
    pub self_criticism: bool,
}

#[derive(Debug, Clone)]
pub struct ScoresView {
    pub quarter: Quarter,
    pub villages: Vec<(i64, String)>,
    /// Index into `villages`.
    pub village: usize,
    pub pane: Pane,
    pub board: Option<Board>,
    /// The ranking's window: indexes into `board.rows`.
    pub list: ListView<usize>,
    pub member: Option<MemberQuarter>,
    /// First line shown of the member's detail.
    pub scroll: usize,
    /// The year's quarters shown, whether each is final, and a row per member.
    pub year_quarters: Vec<(Quarter, bool)>,
    pub year: Vec<YearRow>,
    pub year_list: ListView<usize>,
    /// The kinds of the village's meetings and activities in the year.
    pub year_events: Vec<crate::domain::model::EventKind>,
    pub ratings: Vec<RatingEntry>,
    pub rating_list: ListView<usize>,
    /// Whether the board must be computed again.
    pub stale: bool,
    /// What the pane's data was loaded for.
    pub loaded: Option<Loaded>,
}

impl ScoresView {
    pub fn new(quarter: Quarter) -> ScoresView {
        ScoresView {
            quarter,
            villages: Vec::new(),
            village: 0,
            pane: Pane::default(),
            board: None,
            list: ListView::default(),
            member: None,
            scroll: 0,
            year_quarters: Vec::new(),
            year: Vec::new(),
            year_list: ListView::default(),
            year_events: Vec::new(),
            ratings: Vec::new(),
            rating_list: ListView::default(),
            stale: true,
            loaded: None,
        }
    }

    /// Whether `load` would compute the board (the other tabs read it ahead).
    pub fn needs_board(&self) -> bool {
        let Some(village) = self.village_id() else { return self.stale };
        let other = self.board.as_ref().map(|b| (b.quarter, b.village_id)) != Some((self.quarter, village));
        other || (self.stale && self.pane != Pane::Ratings)
    }

    pub fn village_id(&self) -> Option<i64> {
        self.villages.get(self.village).map(|(id, _)| *id)
    }

    pub fn village_name(&self) -> &str {
        self.villages.get(self.village).map_or("", |(_, n)| n.as_str())
    }

    /// The selected member's line on the board.
    pub fn current(&self) -> Option<&crate::store::scores::ScoreRow> {
        let board = self.board.as_ref()?;
        self.list.current().and_then(|i| board.rows.get(*i))
    }

    pub fn unrated(&self) -> usize {
        self.ratings.iter().filter(|r| r.rating.is_none()).count()
    }

    pub fn is_final(&self) -> bool {
        self.board.as_ref().is_some_and(|b| b.finalized.is_some())
    }
}

/// Carries out the tab's own actions.
pub fn apply(app: &mut App, store: &mut Store, action: &Action) -> Result<(), StoreError> {
    let s = &mut app.scores;
    match action {
        Action::PrevQuarter | Action::NextQuarter => {
            s.quarter = if *action == Action::PrevQuarter { s.quarter.prev() } else { s.quarter.next() };
            s.stale = true;
        }
        Action::NextVillage | Action::PrevVillage if !s.villages.is_empty() => {
            let n = s.villages.len();
            s.village = if *action == Action::NextVillage { (s.village + 1) % n } else { (s.village + n - 1) % n };
            s.stale = true;
            s.list.selected = 0;
            s.rating_list.selected = 0;
        }
        Action::ShowDetail if s.current().is_some() => {
            s.pane = Pane::Member;
            s.scroll = 0;
        }
        Action::ShowYear => s.pane = if s.pane == Pane::Year { Pane::Ranking } else { Pane::Year },
        Action::OpenRatings => {
            s.pane = Pane::Ratings;
            s.stale = true;
            s.rating_list.selected = usize::MAX; // settles on the first unrated
        }
        Action::Back => s.pane = Pane::Ranking,
        Action::Rate(rating) => rate(app, store, *rating)?,
        Action::AddAdjustment => {
            if let Some(row) = s.current() {
                app.form = Some(Form::adjustment(row.member_id, &row.member, s.quarter));
            }
        }
        Action::Finalize => {
            if s.quarter.last_day() >= app.settings.today {
                app.status = Some((tf("err.quarter_not_over", &[("quarter", &s.quarter.to_string())]), Tone::Error));
            } else if s.is_final() {
                app.status = Some((t("msg.already_final").to_string(), Tone::Info));
            } else if s.board.is_some() {
                app.confirm = Some(Confirm::Finalize { village: s.village_name().to_string(), quarter: s.quarter.to_string() });
            }
        }
        Action::Reopen => {
            if s.is_final() {
                app.form = Some(Form::reopen(s.village_name(), s.quarter));
            } else {
                app.status = Some((t("msg.not_final").to_string(), Tone::Info));
            }
        }
        Action::WriteBoard => write_board(app),
        _ => return Ok(()),
    }
    reload(app, store)
}

/// Moves in the pane on screen.
pub fn step(s: &mut ScoresView, delta: isize) {
    match s.pane {
        Pane::Ranking => s.list.move_by(delta),
        Pane::Member => s.scroll = s.scroll.saturating_add_signed(delta),
        Pane::Year => s.year_list.move_by(delta),
        Pane::Ratings => s.rating_list.move_by(delta),
    }
}

/// What a pane's data was loaded for: pane, quarter, village and member.
pub type Loaded = (Pane, Quarter, i64, i64);

/// Fetches what the tab shows: the board when stale or another quarter or
/// village is picked, and the pane's own data when it changed.
pub fn load(app: &mut App, conn: &Connection, height: usize) -> Result<(), StoreError> {
    let (today, rules) = (app.settings.today, &app.rules);
    let s = &mut app.scores;
    if s.stale || s.villages.is_empty() {
        s.villages = score::villages(conn, None)?;
        s.village = s.village.min(s.villages.len().saturating_sub(1));
    }
    let Some(village) = s.village_id() else {
        s.board = None;
        s.stale = false;
        return Ok(());
    };
    // The ratings walk needs the board only for whether it is final, so a
    // rating does not recompute the quarter; leaving the walk does.
    if s.needs_board() {
        // The selection follows the member when the ranking changes.
        let was = s.current().map(|r| r.member_id);
        s.board = score::boards(conn, s.quarter, Some(village), today, rules)?.pop();
        if let Some(i) = was.and_then(|id| s.board.as_ref()?.rows.iter().position(|r| r.member_id == id)) {
            s.list.selected = i;
        }
        s.loaded = None;
        s.stale = false;
    }
    window(&mut s.list, s.board.as_ref().map_or(0, |b| b.rows.len()), height);
    let member = s.current().map_or(0, |r| r.member_id);
    let key = (s.pane, s.quarter, village, if s.pane == Pane::Member { member } else { 0 });
    if s.loaded != Some(key) {
        match s.pane {
            Pane::Ranking => {}
            Pane::Member => s.member = Some(score_detail::detail(conn, member, s.quarter, today, rules)?),
            Pane::Year => {
                year_rows(s, &score::year(conn, s.quarter.year, village, today, rules)?);
                s.year_events = crate::store::programme::meetings::of_year(conn, village, s.quarter.year)?.iter().map(|e| e.kind).collect();
            }
            Pane::Ratings => s.ratings = ratings::village_quarter(conn, village, s.quarter)?,
        }
        s.loaded = Some(key);
    }
    window(&mut s.year_list, s.year.len(), height);
    if s.rating_list.selected == usize::MAX {
        s.rating_list.selected = s.ratings.iter().position(|r| r.rating.is_none()).unwrap_or(0);
    }
    window(&mut s.rating_list, s.ratings.len(), height);
    Ok(())
}

fn year_rows(s: &mut ScoresView, boards: &[Board]) {
    s.year_quarters = boards.iter().map(|b| (b.quarter, b.finalized.is_some())).collect();
    let Some(last) = boards.last() else {
        s.year.clear();
        return;
    };
    s.year = last
        .rows
        .iter()
        .map(|r| YearRow {
            member: r.member.clone(),
            labels: boards.iter().map(|b| b.rows.iter().find(|x| x.member_id == r.member_id).and_then(|x| x.label)).collect(),
            warnings: r.warnings_in_year,
            self_criticism: r.self_criticism,
        })
        .collect();
}

/// Rates the selected household (or clears its rating) and moves on.
fn rate(app: &mut App, store: &mut Store, rating: Option<Rating>) -> Result<(), StoreError> {
    let s = &mut app.scores;
    let Some(entry) = s.rating_list.current().and_then(|i| s.ratings.get(*i)) else { return Ok(()) };
    let (id, q) = (entry.household_id, s.quarter);
    store.write(|tx, ctx| match rating {
        Some(r) => records::set_rating(tx, ctx, id, q, r),
        None => ratings::clear_rating(tx, ctx, id, q),
    })?;
    invalidate(app);
    let s = &mut app.scores;
    s.loaded = None; // the ratings list, read again
    s.rating_list.move_by(1);
    if s.is_final() {
        app.status = Some((t("msg.final_unchanged").to_string(), Tone::Info));
    }
    Ok(())
}

/// Freezes the board on screen (after confirmation).
pub fn finalize(app: &mut App, store: &mut Store) -> Result<(), StoreError> {
    let Some(board) = app.scores.board.clone() else { return Ok(()) };
    store.write(|tx, ctx| finals::freeze(tx, ctx, &board))?;
    invalidate(app);
    app.status = Some((tf("score.finalized", &[("count", "1"), ("quarter", &board.quarter.to_string())]), Tone::Info));
    Ok(())
}

/// Reopens the quarter on screen with the reason typed.
pub fn reopen(app: &mut App, store: &mut Store, reason: &str) -> Result<(), StoreError> {
    let (Some(village), q) = (app.scores.village_id(), app.scores.quarter) else { return Ok(()) };
    store.write(|tx, ctx| finals::reopen(tx, ctx, village, q, reason))?;
    invalidate(app);
    app.status = Some((tf("score.reopened", &[("count", "1"), ("quarter", &q.to_string())]), Tone::Info));
    Ok(())
}

/// Writes the village's public board beside the database file.
fn write_board(app: &mut App) {
    let Some(board) = app.scores.board.as_ref() else { return };
    let path = crate::app::printed::beside_db(app, &[t("board.file"), &board.village, &board.quarter.to_string()], "html");
    let today = crate::store::date_text(app.settings.today);
    let args = format!("--quarter {} {}", board.quarter, crate::app::printed::village_arg(&board.village));
    app.status = Some(match crate::io::board::write(&path, std::slice::from_ref(board), crate::i18n::lang(), &today) {
        Ok(()) => {
            crate::app::printed::written(app, tf("msg.board_written", &[("file", &path.display().to_string())]), "board", &args, &path)
        }
        Err(e) => (e.to_string(), Tone::Error),
    });
}
