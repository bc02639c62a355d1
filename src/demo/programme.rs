//! The demo township's other instruments: 四员 duties, a responsibility bin
//! per group with its 督导员's duty days, link-leader meetings every quarter
//! and the 五个载体 activities, WeChat groups, the red and black lists of the
//! last three months, past years' appraisals, and dual registration in the
//! urban communities.

use super::{Plan, day_between, word};
use crate::domain::model::{Appraisal, Duty, EventKind, List, Review, Role};
use crate::domain::period::{Month, Quarter};
use crate::store::StoreError;
use crate::store::bulk::Bulk;
use crate::store::programme::bulk::Event;
use chrono::{Datelike, Days, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

const DIFFICULTIES: &[&str] = &["部分农户分类不准确", "垃圾桶数量不足", "外出务工户难以联系", "老人不会用分类桶", "混投现象有反弹"];
const DECISIONS: &[&str] = &["增设分类桶", "联户长每周抽查", "提升户加密走访", "发放分类指南", "请保洁员协助指导"];
const DUTY_NOTES: &[&str] = &["劝导混投", "桶边清理", "指导分类投放", ""];

fn titled(kind: EventKind) -> &'static str {
    match kind {
        EventKind::LeaderMeeting => "",
        EventKind::Proposal => "致全体党员的一封信",
        EventKind::Launch => "垃圾分类齐参与启动仪式",
        EventKind::Training => "垃圾分类知识培训",
        EventKind::Campaign => "进门入户宣讲",
        EventKind::PartyDay => "联学联做主题党日",
    }
}

pub(super) fn village(bulk: &Bulk<'_>, rng: &mut ChaCha8Rng, plan: &Plan, start: NaiveDate, today: NaiveDate) -> Result<(), StoreError> {
    let leads = |r: Role| matches!(r, Role::Cadre | Role::GroupLeader | Role::VillagerGroupLeader);
    // 四员: cadres lead, group leaders supervise, some members take a duty.
    let mut supervisors: Vec<Vec<i64>> = vec![Vec::new(); plan.groups.len()];
    for m in plan.members.iter().filter(|m| m.capacity > 0) {
        let duty = match m.role {
            Role::Cadre => Some(Duty::Pioneer),
            Role::GroupLeader | Role::VillagerGroupLeader => Some(Duty::Supervisor),
            _ => match rng.random_range(0..10) {
                0..2 => Some(Duty::Exemplar),
                2..4 => Some(Duty::Publicist),
                4 => Some(Duty::Supervisor),
                _ => None,
            },
        };
        if let Some(d) = duty {
            bulk.duty(m.id, d, start)?;
            if d == Duty::Supervisor {
                supervisors[m.group].push(m.id);
            }
        }
    }
    // A bin per group, with its 督导员's duty days over the last year.
    for (g, (group, name)) in plan.groups.iter().enumerate() {
        let Some(&holder) = supervisors[g].first() else { continue };
        let location = if plan.urban { format!("{name}1幢楼下") } else { format!("{name}村口") };
        let bin = bulk.bin(plan.village, *group, &location, holder)?;
        let from = (today - Days::new(365)).max(start);
        for _ in 0..rng.random_range(6..=24) {
            bulk.duty_day(holder, day_between(rng, from, today), bin, word(rng, DUTY_NOTES))?;
        }
    }
    // Meetings every quarter, the five carriers in the first year and some after.
    let leaders: Vec<i64> = plan.members.iter().filter(|m| leads(m.role)).map(|m| m.id).collect();
    let everyone: Vec<i64> = plan.members.iter().filter(|m| m.capacity > 0).map(|m| m.id).collect();
    let mut q = Quarter::of(start);
    while q.first_day() <= today {
        let date = day_between(rng, q.first_day(), q.last_day().min(today));
        let came: Vec<i64> = leaders.iter().copied().filter(|_| rng.random_bool(0.85)).collect();
        let e = Event {
            village: plan.village,
            kind: EventKind::LeaderMeeting,
            date,
            title: "",
            difficulties: word(rng, DIFFICULTIES),
            decisions: word(rng, DECISIONS),
            others: 0,
        };
        bulk.event(&e, &came)?;
        q = q.next();
    }
    for year in start.year()..=today.year() {
        let first = year == start.year();
        for kind in &EventKind::ALL[1..] {
            if !(first || matches!(kind, EventKind::Training | EventKind::PartyDay) || rng.random_bool(0.3)) {
                continue;
            }
            let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(start).max(start);
            let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today).min(today);
            if from > to {
                continue;
            }
            let came: Vec<i64> = everyone.iter().copied().filter(|_| rng.random_bool(0.6)).collect();
            let e = Event {
                village: plan.village,
                kind: *kind,
                date: day_between(rng, from, to),
                title: titled(*kind),
                difficulties: "",
                decisions: "",
                others: rng.random_range(10..80),
            };
            bulk.event(&e, &came)?;
        }
    }
    // WeChat groups: most members, with most of their households in them.
    for (mi, m) in plan.members.iter().enumerate().filter(|(_, m)| m.capacity > 0) {
        if !rng.random_bool(0.65) {
            continue;
        }
        let joined: Vec<i64> = plan
            .owner
            .iter()
            .zip(&plan.homes)
            .filter(|(o, _)| **o == Some(mi))
            .map(|(_, h)| h.id)
            .filter(|_| rng.random_bool(0.75))
            .collect();
        let name = format!("{}联户群{}", plan.groups[m.group].1, mi + 1);
        bulk.wechat(m.id, &name, day_between(rng, start, today), &joined)?;
    }
    // The red and black lists of the last three months, from what the rules
    // suggest (the visits above): every black one confirmed, a third of the
    // red ones, at the month's end.
    let cadre = plan.members.iter().find(|m| m.role == Role::Cadre).map(|m| m.id);
    let mut month = Month::of(today).prev().prev();
    while month <= Month::of(today) {
        let end = month.last_day().min(today);
        for (household, list) in bulk.suggested(plan.village, month, today)? {
            if list == List::Black || rng.random_bool(0.33) {
                bulk.listed(household, &month.to_string(), list, cadre, end)?;
            }
        }
        month = month.next();
    }
    // Past years' democratic appraisals, following each member's diligence.
    for year in start.year()..today.year() {
        let on = NaiveDate::from_ymd_opt(year, 12, 28).unwrap_or(today);
        for m in plan.members.iter().filter(|m| m.capacity > 0) {
            let result = match m.diligence {
                d if d > 0.9 && rng.random_bool(0.5) => Appraisal::Excellent,
                d if d < 0.3 && rng.random_bool(0.3) => Appraisal::Basic,
                _ => Appraisal::Qualified,
            };
            bulk.appraisal(m.id, year, result, on)?;
        }
    }
    // 双报到 in the urban communities: members of outside units.
    if plan.urban {
        const UNITS: &[&str] = &["县供电公司", "县人民医院", "县教育局", "县税务局"];
        for m in plan.members.iter().filter(|m| m.role == Role::Member && m.capacity > 0) {
            if !rng.random_bool(0.3) {
                continue;
            }
            let reg = bulk.registration(m.id, word(rng, UNITS), day_between(rng, start, today))?;
            for year in start.year()..today.year() {
                let rating = if m.diligence > 0.8 {
                    Review::Excellent
                } else if m.diligence > 0.5 {
                    Review::Good
                } else {
                    Review::Fair
                };
                bulk.review(reg, year, rating, NaiveDate::from_ymd_opt(year, 12, 28).unwrap_or(today))?;
            }
        }
    }
    Ok(())
}
