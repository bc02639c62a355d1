//! Everything the user can ask for. `Action` is what every screen shares
//! (tabs, moves, help, quit, filters, the overlays); `TabAction` is what a
//! tab's own keys ask of it, and only that tab carries it out.

use crossterm::event::KeyEvent;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    ShowHelp,
    Close,
    NextTab,
    PrevTab,
    GoTab(usize),
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    StartFilter,
    ClearFilter,
    FinishFilter,
    /// Shows or hides the detail pane under 住户 and 党员.
    ToggleDetail,
    /// A key of the current tab's own.
    Tab(TabAction),
    /// Welcome: go to 住户 and add the first household.
    StartAdding,
    /// Review suggested links for the unlinked households (tabs and coverage).
    Suggest,
    /// Households with no member and members with none.
    ShowCoverage,
    /// The village every tab opens on (or every village), remembered.
    ChooseVillage,
    /// Write the import just previewed.
    RunImport,
    /// In a picker: choose or drop the current row; all rows shown; confirm.
    TogglePick,
    TogglePickAll,
    FinishPick,
    /// On the conflict screen: all fields mine, or all theirs.
    KeepMine,
    TakeTheirs,
    NextField,
    PrevField,
    Save,
    Cancel,
    Yes,
    No,
    LoadDemo,
    OpenImport,
    /// Runs work announced on screen in the previous frame (long jobs).
    RunPending,
    /// A key that no table binds, for the focused text input.
    Key(KeyEvent),
    /// Bracketed paste.
    Paste(String),
    Resize(u16, u16),
}

/// What a tab's own keys ask of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabAction {
    /// 总览: that village's 今日.
    OpenVillage,
    /// 总览: the next chart under the table.
    CycleChart,
    CycleSort,
    ToggleArchived,
    Add,
    Edit,
    Archive,
    /// Opens the visit form for the selected household (or member).
    LogVisit,
    /// 党员: the member's logbook (走访日志), one visit after another.
    Logbook,
    /// 今日: whom to remind (the due list by member), and back.
    ByMember,
    /// 今日 by member: the member's reminder to the clipboard and a file.
    Remind,
    /// Opens the 走访 tab's filter form (dates, village, member, household).
    OpenVisitFilter,
    /// Moves the selected concern on to its next step.
    NextStep,
    /// Cycles which concerns are listed (unresolved, stuck, all).
    CycleShow,
    PrevQuarter,
    NextQuarter,
    /// 考评 and 台账: the next (previous) village.
    NextVillage,
    PrevVillage,
    /// 考评: the selected member's quarter, explained.
    ShowDetail,
    /// 考评: every member's labels across the year.
    ShowYear,
    /// 考评: the 民意测评 walk through the village's households.
    OpenRatings,
    /// Rates the selected household (None clears its rating).
    Rate(Option<crate::domain::model::Rating>),
    /// 民意测评: to the next household not rated yet.
    NextUnrated,
    AddAdjustment,
    Finalize,
    Reopen,
    /// Writes the village's public board (公示, or 台账's pages) as a file.
    WriteBoard,
    /// 台账: the previous (next) month.
    PrevMonth,
    NextMonth,
    /// 红黑榜: propose the selected household for its list.
    Propose,
    /// 红黑榜: the village confirms the selected entry.
    ConfirmEntry,
    /// 红黑榜: the village drops the selected entry.
    DropEntry,
    /// 红黑榜: show or mask full names on the village's black list.
    ToggleFullNames,
    /// 台账: the previous (next) year.
    PrevYear,
    NextYear,
    /// 台账: the red and black lists.
    ShowRedBlack,
    /// 台账: the meetings and activities.
    ShowMeetings,
    /// 会议活动: who attended the selected event.
    Attendees,
    /// 会议活动: open a concern raised at the selected event.
    OpenConcern,
    /// 台账: each member's year (年终).
    ShowYearEnd,
    /// 年终: the selected member's 四员 duties.
    Duties,
    /// 年终: the selected member's WeChat group and who joined it.
    Wechat,
    /// 年终: the selected member's democratic appraisal (民主评议).
    Appraise,
    /// 台账: the 党员责任垃圾桶 and duty days (督导).
    ShowBins,
    /// 督导: log a duty day at the selected bin.
    LogDuty,
    /// 台账: 双报到 registrations.
    ShowUnits,
    /// 双报到: the community's evaluation of the selected member.
    Review,
    /// Back from a pane of a tab to its main view.
    Back,
    /// Link: households to the selected member, or a member to the household.
    Link,
    /// End the selected household's link.
    Unlink,
    /// Choose the leader of the selected member's patch.
    SetLeader,
    /// Write contact cards for the selected row's village.
    WriteCards,
    /// The selected household's or member's change history (audit).
    ShowHistory,
}
