//! 总览: one line per village and the township's total, worst first, with
//! the last twelve months charted for the selected line. Read once after
//! each change (and ahead while idle), never per frame.

use super::{Env, TabState};
use crate::app::action::{Action, TabAction};
use crate::app::effect::{Ctx, Effect, Effects, error};
use crate::app::keymap::{Binding, Key, Mode, b};
use crate::app::list::ListView;
use crate::domain::overview::Line;
use crate::domain::period::Month;
use crate::i18n::{t, tf};
use crate::store::StoreError;
use crate::store::overview::{self, Overview};
use crossterm::event::KeyCode;
use rusqlite::Connection;

pub const KEYS: [Binding; 4] = [
    b(&[Key::Code(KeyCode::Enter)], Action::Tab(TabAction::OpenVillage), "help.open_village", true),
    b(&[Key::Char('c')], Action::Tab(TabAction::CycleChart), "help.cycle_chart", true),
    b(&[Key::Char('b')], Action::Tab(TabAction::WriteBoard), "help.write_report", true),
    b(&[Key::Char('V')], Action::ChooseVillage, "help.choose_village", false),
];

/// The chart under the table on a narrow screen (a wide one shows all three).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Chart {
    /// Required periods done, month by month.
    #[default]
    Compliance,
    /// Households of each class at each month's end.
    Classes,
    /// Concerns raised, resolved and passed up.
    Flow,
}

impl Chart {
    pub const ALL: [Chart; 3] = [Chart::Compliance, Chart::Classes, Chart::Flow];

    pub fn label_key(self) -> &'static str {
        match self {
            Chart::Compliance => "overview.chart_compliance",
            Chart::Classes => "overview.chart_classes",
            Chart::Flow => "overview.chart_flow",
        }
    }
}

/// The screen width from which the three charts stand side by side.
pub const CHARTS_SIDE_BY_SIDE: u16 = 120;

/// Height of the chart pane under the table: 10 lines at 80×24, up to 20
/// on a taller screen.
pub fn chart_height(height: u16) -> u16 {
    height.saturating_sub(14).clamp(10, 20)
}

#[derive(Debug, Clone, Default)]
pub struct State {
    /// The villages worst first, then the township (None: not read, or
    /// forgotten after a write).
    pub read: Option<Overview>,
    /// The window: indexes into the villages, the last one the total.
    pub list: ListView<usize>,
    pub chart: Chart,
    /// The closed months the last reading counted, kept after its read.
    unkept: Option<overview::Unkept>,
}

impl State {
    /// The lines in table order: the villages, then the total.
    pub fn line(&self, i: usize) -> Option<&Line> {
        let o = self.read.as_ref()?;
        o.lines.get(i).or(if i == o.lines.len() { o.total.as_ref() } else { None })
    }

    pub fn len(&self) -> usize {
        self.read.as_ref().map_or(0, |o| o.lines.len() + usize::from(o.total.is_some()))
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn current(&self) -> Option<&Line> {
        self.list.current().and_then(|i| self.line(*i))
    }
}

impl TabState for State {
    fn keep(&mut self, conn: &Connection) {
        if let Some(unkept) = self.unkept.take() {
            unkept.keep(conn);
        }
    }

    fn load(&mut self, conn: &Connection, env: &Env) -> Result<(), StoreError> {
        if self.read.is_none() {
            let (o, unkept) = overview::read_with(conn, env.today, env.rules, None)?;
            self.unkept = Some(unkept);
            // The user's village selected first, else the worst.
            if let Some((id, _)) = &env.village
                && self.list.follow.is_none()
            {
                self.list.selected = o.lines.iter().position(|l| l.village.as_ref().is_some_and(|v| v.0 == *id)).unwrap_or(0);
                self.list.follow = Some(*id);
            }
            self.read = Some(o);
        }
        let total = self.len();
        crate::app::rows::window(&mut self.list, total, env.rows);
        Ok(())
    }

    fn fresh(&self) -> bool {
        self.read.is_some()
    }

    fn invalidate(&mut self) {
        self.read = None;
    }

    fn reset(&mut self) {
        self.read = None;
        self.list.follow = None;
    }

    fn mode(&self) -> Mode {
        Mode::Overview
    }

    fn rows(&self, height: u16, _detail: bool) -> usize {
        // The table, its line of details, and the charts under them.
        crate::app::layout::table_rows(height, chart_height(height) + 1)
    }

    fn step(&mut self, delta: isize) {
        self.list.move_by(delta);
    }

    fn on(&mut self, action: TabAction, ctx: &mut Ctx) -> Result<Effects, StoreError> {
        match action {
            TabAction::CycleChart => {
                self.chart = super::next_in(&Chart::ALL, self.chart);
                Ok(Vec::new())
            }
            TabAction::OpenVillage => {
                let Some(line) = self.current() else { return Ok(Vec::new()) };
                Ok(vec![Effect::Village(line.village.clone()), Effect::SwitchTab(crate::app::Tab::Today)])
            }
            TabAction::WriteBoard => Ok(self.write_report(ctx)),
            _ => Ok(Vec::new()),
        }
    }

    fn can(&self, action: TabAction) -> bool {
        match action {
            TabAction::OpenVillage | TabAction::WriteBoard => self.current().is_some(),
            _ => true,
        }
    }
}

impl State {
    /// `b`: last month's report (the month a report is made for once it
    /// has ended), of the selected village or, on the total, the township.
    fn write_report(&self, ctx: &Ctx) -> Effects {
        let Some(line) = self.current() else { return Vec::new() };
        let month = Month::of(ctx.today()).prev();
        let village = line.village.clone();
        let name = village.as_ref().map(|v| v.1.clone()).unwrap_or_else(|| t("ui.township").to_string());
        let path = crate::app::printed::beside_db(ctx.settings, &[t("report.file"), &name, &month.to_string()], "html");
        let report = match crate::store::report::read(ctx.conn(), month, ctx.today(), ctx.rules, village.as_ref().map(|v| v.0)) {
            Ok(r) => r,
            Err(e) => return vec![error(e.to_string())],
        };
        let written = crate::io::report::write(&path, &report, crate::i18n::lang(), &crate::store::date_text(ctx.today()));
        let args = format!(
            "--month {month}{}",
            village.as_ref().map(|v| format!(" {}", crate::app::printed::village_arg(&v.1))).unwrap_or_default()
        );
        let done = tf("msg.report_written", &[("file", &path.display().to_string())]);
        vec![crate::app::printed::outcome(ctx, written, done, "report", &args, &path)]
    }
}
