//! The 考评 tab's state and actions: a village's quarter board, a member's
//! detail, the year view, and the 民意测评 walk through the households.

use super::{Env, TabState};
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effect, Effects, error, info, open};
use crate::app::form::Form;
use crate::app::keymap::{Binding, Key, Mode, b};
use crate::app::layout;
use crate::app::list::ListView;
use crate::app::rows::window;
use crate::app::screen::Confirm;
use crate::domain::model::Rating;
use crate::domain::period::Quarter;
use crate::i18n::{t, tf};
use crate::store::StoreError;
use crate::store::ratings::{self, RatingEntry};
use crate::store::scores::detail::{self as score_detail, MemberQuarter};
use crate::store::scores::{self as score, Board};
use crossterm::event::KeyCode;
use rusqlite::Connection;

mod board;
mod year;
pub use year::YearRow;

use Key::{Char, Code};

const OWN: [Binding; 8] = [
    b(&[Char('/')], Action::StartFilter, "help.find_member", false),
    b(&[Code(KeyCode::Enter)], Action::Tab(TabAction::ShowDetail), "help.score_detail", true),
    b(&[Char('r')], Action::Tab(TabAction::OpenRatings), "help.ratings", true),
    b(&[Char('a')], Action::Tab(TabAction::AddAdjustment), "help.add_adjustment", true),
    b(&[Char('y')], Action::Tab(TabAction::ShowYear), "help.year", true),
    b(&[Char('F')], Action::Tab(TabAction::Finalize), "help.finalize", true),
    b(&[Char('O')], Action::Tab(TabAction::Reopen), "help.reopen", false),
    b(&[Char('b')], Action::Tab(TabAction::WriteBoard), "help.write_board", true),
];

/// Quarter and village pickers, shared by the panes.
const PICK: [Binding; 4] = [
    b(&[Char('[')], Action::Tab(TabAction::PrevQuarter), "help.prev_quarter", false),
    b(&[Char(']')], Action::Tab(TabAction::NextQuarter), "help.next_quarter", false),
    b(&[Char('v')], Action::Tab(TabAction::NextVillage), "help.next_village", false),
    b(&[Char('V')], Action::Tab(TabAction::PrevVillage), "help.prev_village", false),
];

const MEMBER: [Binding; 2] = [
    b(&[Code(KeyCode::Esc)], Action::Tab(TabAction::Back), "help.back", true),
    b(&[Char('a')], Action::Tab(TabAction::AddAdjustment), "help.add_adjustment", true),
];

const YEAR: [Binding; 1] = [b(&[Code(KeyCode::Esc), Char('y')], Action::Tab(TabAction::Back), "help.back", true)];

const RATINGS: [Binding; 6] = [
    b(&[Char('n')], Action::Tab(TabAction::NextUnrated), "help.next_unrated", true),
    b(&[Char('1')], Action::Tab(TabAction::Rate(Some(Rating::Satisfied))), "help.rate_satisfied", true),
    b(&[Char('2')], Action::Tab(TabAction::Rate(Some(Rating::Basic))), "help.rate_basic", true),
    b(&[Char('3')], Action::Tab(TabAction::Rate(Some(Rating::Unsatisfied))), "help.rate_unsatisfied", true),
    b(&[Char('0'), Code(KeyCode::Delete)], Action::Tab(TabAction::Rate(None)), "help.rate_clear", true),
    b(&[Code(KeyCode::Esc)], Action::Tab(TabAction::Back), "help.back", true),
];

/// The pane's own keys, then the quarter and village keys.
pub fn keys(mode: Mode) -> Vec<Binding> {
    let own: &[Binding] = match mode {
        Mode::ScoresMember => &MEMBER,
        Mode::ScoresYear => &YEAR,
        Mode::Ratings => &RATINGS,
        _ => &OWN,
    };
    own.iter().chain(&PICK).cloned().collect()
}

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

#[derive(Debug, Clone)]
pub struct State {
    pub quarter: Quarter,
    pub villages: Vec<(i64, String)>,
    /// Index into `villages`.
    pub village: usize,
    /// The village to show once the villages are read (the user's, or
    /// the one last shown).
    pub want: Option<String>,
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

impl State {
    pub fn new(quarter: Quarter) -> State {
        State {
            quarter,
            villages: Vec::new(),
            village: 0,
            want: None,
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

impl TabState for State {
    fn load(&mut self, conn: &Connection, env: &Env) -> Result<(), StoreError> {
        load(self, conn, env)
    }

    fn fresh(&self) -> bool {
        !self.needs_board()
    }

    fn invalidate(&mut self) {
        self.stale = true;
    }

    fn mode(&self) -> Mode {
        match self.pane {
            Pane::Ranking => Mode::Scores,
            Pane::Member => Mode::ScoresMember,
            Pane::Year => Mode::ScoresYear,
            Pane::Ratings => Mode::Ratings,
        }
    }

    fn rows(&self, height: u16, _detail: bool) -> usize {
        // A state line and two lines for notes on ties.
        layout::table_rows(height, layout::SCORE_NOTES + 1)
    }

    fn filter(&self) -> Option<&str> {
        (self.pane == Pane::Ranking).then_some(self.list.filter.as_str())
    }

    fn set_filter(&mut self, filter: String) {
        self.list.set_filter(filter);
    }

    fn step(&mut self, delta: isize) {
        match self.pane {
            Pane::Ranking => self.list.move_by(delta),
            Pane::Member => self.scroll = self.scroll.saturating_add_signed(delta),
            Pane::Year => self.year_list.move_by(delta),
            Pane::Ratings => self.rating_list.move_by(delta),
        }
    }

    fn on(&mut self, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
        let s = self;
        let mut out = match action {
            TabAction::PrevQuarter | TabAction::NextQuarter => {
                s.quarter = if action == TabAction::PrevQuarter { s.quarter.prev() } else { s.quarter.next() };
                s.stale = true;
                vec![Effect::Remember("scores.quarter", s.quarter.to_string())]
            }
            TabAction::NextVillage | TabAction::PrevVillage if !s.villages.is_empty() => {
                let n = s.villages.len();
                s.village = if action == TabAction::NextVillage { (s.village + 1) % n } else { (s.village + n - 1) % n };
                s.stale = true;
                s.list.selected = 0;
                s.rating_list.selected = 0;
                vec![Effect::Remember("scores.village", s.village_name().to_string())]
            }
            TabAction::ShowDetail if s.current().is_some() => {
                s.pane = Pane::Member;
                s.scroll = 0;
                Vec::new()
            }
            TabAction::ShowYear => {
                s.pane = if s.pane == Pane::Year { Pane::Ranking } else { Pane::Year };
                Vec::new()
            }
            TabAction::OpenRatings => {
                s.pane = Pane::Ratings;
                s.stale = true;
                s.rating_list.selected = usize::MAX; // settles on the first unrated
                Vec::new()
            }
            TabAction::Back => {
                s.pane = Pane::Ranking;
                Vec::new()
            }
            // The next household not rated yet, after the selected one (round).
            TabAction::NextUnrated => {
                let n = s.ratings.len();
                let at = s.rating_list.selected;
                if let Some(i) = (1..=n).map(|k| (at + k) % n.max(1)).find(|i| s.ratings.get(*i).is_some_and(|r| r.rating.is_none())) {
                    s.rating_list.selected = i;
                }
                Vec::new()
            }
            // A household rated already is asked about before it changes.
            TabAction::Rate(rating) => match s.rating_list.current().and_then(|i| s.ratings.get(*i)) {
                Some(e) if e.rating.is_some() && e.rating != rating => {
                    let lang = crate::i18n::lang();
                    let shown = |r: Option<Rating>| r.map_or_else(|| t("col.unrated").to_string(), |r| r.label(lang).to_string());
                    vec![open(Confirm::Rerate {
                        household: e.household_id,
                        head: e.head.clone(),
                        from: shown(e.rating),
                        to: shown(rating),
                        rating,
                    })]
                }
                _ => s.rate(ctx, rating)?,
            },
            TabAction::AddAdjustment => match s.current() {
                Some(row) => vec![open(Form::adjustment(row.member_id, &row.member, s.quarter))],
                None => Vec::new(),
            },
            TabAction::Finalize => {
                if s.quarter.last_day() >= ctx.today() {
                    vec![error(tf("err.quarter_not_over", &[("quarter", &s.quarter.to_string())]))]
                } else if s.is_final() {
                    vec![info(t("msg.already_final"))]
                } else if s.board.is_some() {
                    // Said before, not after: how many households are still unrated.
                    let unrated = match s.village_id() {
                        Some(v) => ratings::village_quarter(ctx.conn(), v, s.quarter)?.iter().filter(|r| r.rating.is_none()).count(),
                        None => 0,
                    };
                    vec![open(Confirm::Finalize { village: s.village_name().to_string(), quarter: s.quarter.to_string(), unrated })]
                } else {
                    Vec::new()
                }
            }
            TabAction::Reopen => {
                if s.is_final() {
                    vec![open(Form::reopen(s.village_name(), s.quarter))]
                } else {
                    vec![info(t("msg.not_final"))]
                }
            }
            TabAction::WriteBoard => s.write_board(ctx),
            _ => return Ok(Vec::new()),
        };
        out.push(Effect::Reload);
        Ok(out)
    }

    fn can(&self, action: TabAction) -> bool {
        match action {
            TabAction::ShowDetail | TabAction::AddAdjustment => self.current().is_some(),
            TabAction::Finalize => self.board.is_some() && !self.is_final(),
            TabAction::Reopen => self.is_final(),
            TabAction::WriteBoard => self.board.is_some(),
            TabAction::Rate(_) => self.rating_list.current().is_some(),
            _ => true,
        }
    }
}

/// What a pane's data was loaded for: pane, quarter, village and member.
pub type Loaded = (Pane, Quarter, i64, i64);

/// Fetches what the tab shows: the board when stale or another quarter or
/// village is picked, and the pane's own data when it changed.
fn load(s: &mut State, conn: &Connection, env: &Env) -> Result<(), StoreError> {
    let (today, rules, height) = (env.today, env.rules, env.rows);
    if s.stale || s.villages.is_empty() {
        s.villages = score::villages(conn, None)?;
        if let Some(i) = s.want.take().and_then(|w| s.villages.iter().position(|(_, n)| *n == w)) {
            s.village = i;
        }
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
    // The ranking's window, narrowed by `/` (a member's name or initials).
    let m = crate::domain::search::Matcher::new(&s.list.filter);
    let kept: Vec<usize> = s
        .board
        .as_ref()
        .map(|b| (0..b.rows.len()).filter(|i| m.matches(&crate::domain::search::key(&[b.rows[*i].member.as_str()]))).collect())
        .unwrap_or_default();
    window(&mut s.list, kept.len(), height);
    s.list.rows = s.list.rows.iter().filter_map(|i| kept.get(*i).copied()).collect();
    let member = s.current().map_or(0, |r| r.member_id);
    let key = (s.pane, s.quarter, village, if s.pane == Pane::Member { member } else { 0 });
    if s.loaded != Some(key) {
        match s.pane {
            Pane::Ranking => {}
            Pane::Member => s.member = Some(score_detail::detail(conn, member, s.quarter, today, rules)?),
            Pane::Year => {
                year::rows(s, &score::year(conn, s.quarter.year, village, today, rules)?);
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
