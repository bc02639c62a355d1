//! The demo township: a realistic synthetic programme (villages, groups,
//! households of every class, members of every role and status, links within
//! loads, years of visits at uneven compliance, ratings, concerns, class
//! changes). The same seed and "today" give the same data.

mod names;
mod programme;
mod random;

use crate::domain::model::{Class, ConcernStatus, Mode, Rating, Role, Sorting, Status};
use crate::domain::period::{Quarter, month_start, week_start};
use crate::store::bulk::{self, Bulk};
use crate::store::{Store, StoreError};
use chrono::{Days, NaiveDate};
use names::*;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use random::*;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct Options {
    pub households: usize,
    pub years: u32,
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub villages: usize,
    pub households: usize,
    pub members: usize,
    pub links: usize,
    pub visits: usize,
    pub concerns: usize,
    pub ratings: usize,
}

struct PlannedHousehold {
    id: i64,
    group: usize,
    since: NaiveDate,
    timeline: Timeline,
}

struct PlannedMember {
    id: i64,
    role: Role,
    group: usize,
    diligence: f64,
    capacity: usize,
}

/// Fills an empty database. Runs in one transaction.
pub fn generate(store: &mut Store, opts: &Options) -> Result<Summary, StoreError> {
    generate_with(store, opts, &crate::progress::SILENT)
}

/// As `generate`, telling `progress` the households written (village by village).
pub fn generate_with(store: &mut Store, opts: &Options, progress: &dyn crate::progress::Progress) -> Result<Summary, StoreError> {
    let today = store.today;
    let start = month_start(today - Days::new(u64::from(opts.years.max(1)) * 365));
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    // Millions of visits: the kept standings are computed once at the end.
    store.write(|tx, ctx| {
        crate::store::standing::in_bulk(tx, || {
            let bulk = Bulk::new(tx, &ctx.who);
            let mut sum = Summary::default();
            let n_villages = (opts.households / 40).clamp(1, VILLAGES.len());
            progress.stage(crate::i18n::t("progress.demo"), Some(opts.households as u64));
            let mut written = 0;
            for (vi, vname) in VILLAGES.iter().take(n_villages).enumerate() {
                let count = opts.households / n_villages + usize::from(vi < opts.households % n_villages);
                let plan = village(&bulk, &mut rng, &mut sum, vi, vname, count, start, today)?;
                // The programme's other instruments draw from a generator of their
                // own, so the township above stays as it was for the same seed.
                let mut more = ChaCha8Rng::seed_from_u64(opts.seed.wrapping_mul(1_000_003).wrapping_add(vi as u64 + 1));
                programme::village(&bulk, &mut more, &plan, start, today)?;
                written += count as u64;
                progress.done(written);
            }
            let summary = serde_json::to_value(&sum).unwrap_or_default();
            bulk.audit(ctx, &summary)?;
            Ok(sum)
        })
    })
}

#[allow(clippy::too_many_arguments)]
fn village(
    bulk: &Bulk<'_>,
    rng: &mut ChaCha8Rng,
    sum: &mut Summary,
    index: usize,
    village_name: &str,
    count: usize,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<Plan, StoreError> {
    let village = bulk.village(village_name)?;
    sum.villages += 1;
    let urban = village_name.ends_with("社区");
    let n_groups = (count / 25).clamp(1, NUMERALS.len());
    let mut groups = Vec::new();
    for numeral in NUMERALS.iter().take(n_groups) {
        let gname = if urban { format!("第{numeral}网格") } else { format!("第{numeral}组") };
        groups.push((bulk.group(village, &gname)?, gname));
    }
    // Households.
    let mut homes: Vec<PlannedHousehold> = Vec::with_capacity(count);
    for k in 0..count {
        let g = k % n_groups;
        let (group_id, gname) = &groups[g];
        let number = k / n_groups + 1;
        let (building, address) = if urban {
            // Six floors of four flats a building: 101..604, then the next building.
            let flat = number - 1;
            let b = flat / 24 + 1;
            let room = 100 * (flat % 24 / 4 + 1) + flat % 4 + 1;
            let bid = bulk.building(*group_id, &format!("{b}幢"))?;
            (bid, format!("{gname}{b}幢{room}室"))
        } else {
            (None, format!("{village_name}{gname}{number}号"))
        };
        let head = person(rng);
        let phone = if rng.random_bool(0.85) { mobile(rng) } else { String::new() };
        let since = if rng.random_bool(0.9) { start } else { day_between(rng, start, today - Days::new(30)) };
        let first = match rng.random_range(0..100) {
            0..70 => Class::General,
            70..90 => Class::Improving,
            _ => Class::Difficult,
        };
        let mut timeline = vec![(first, since)];
        let step = |from: Class, to: Class, p: f64, rng: &mut ChaCha8Rng, timeline: &mut Timeline| {
            let (last, last_since) = timeline[timeline.len() - 1];
            if last == from && rng.random_bool(p) && last_since + Days::new(40) < today {
                timeline.push((to, day_between(rng, last_since + Days::new(30), today - Days::new(5))));
            }
        };
        step(Class::Difficult, Class::Improving, 0.6, rng, &mut timeline);
        step(Class::Improving, Class::General, 0.4, rng, &mut timeline);
        step(Class::General, Class::Improving, 0.05, rng, &mut timeline);
        let id = bulk.household(&bulk::Household {
            village,
            group: *group_id,
            building,
            village_name,
            group_name: gname,
            address: &address,
            head: &head,
            phone: &phone,
            size: rng.random_range(1..=6),
            class: first,
            since,
        })?;
        for (class, since) in timeline.iter().skip(1) {
            bulk.class(id, *class, *since)?;
        }
        homes.push(PlannedHousehold { id, group: g, since, timeline });
    }
    sum.households += count;
    // Members: cadres, a leader per group, ordinary members to cover the rest,
    // a few probationary members and activists, and some exempt members.
    let mut roles: Vec<(Role, Status, usize)> = Vec::new();
    let cadres = 5.min(count / 12).max(1);
    roles.extend((0..cadres).map(|_| (Role::Cadre, Status::Normal, rng.random_range(10..=14))));
    for _ in 0..n_groups {
        let r = if urban || rng.random_bool(0.5) { Role::GroupLeader } else { Role::VillagerGroupLeader };
        roles.push((r, Status::Normal, rng.random_range(5..=7)));
    }
    let covered: usize = roles.iter().map(|r| r.2).sum();
    let ordinary = (count.saturating_sub(covered) * 10 / 35).max(2);
    roles.extend((0..ordinary).map(|_| (Role::Member, Status::Normal, rng.random_range(2..=5))));
    roles.push((Role::Probationary, Status::Normal, 2));
    roles.push((Role::Activist, Status::Normal, 2));
    let exempt = (roles.len() / 10).max(2);
    roles.extend((0..exempt).map(|i| (Role::Member, if i % 3 == 1 { Status::Migrant } else { Status::Frail }, 0)));
    let mut members: Vec<PlannedMember> = Vec::new();
    let mut names_used: Vec<String> = Vec::new();
    for (i, (role, status, capacity)) in roles.iter().enumerate() {
        // Every third village has two ordinary members of the same name.
        let name = if index.is_multiple_of(3) && *role == Role::Member && i == roles.len() - exempt - 3 {
            names_used.iter().rev().find(|n| n.chars().count() >= 2).cloned().unwrap_or_else(|| person(rng))
        } else {
            person(rng)
        };
        names_used.push(name.clone());
        let group = i % n_groups;
        let party_group = format!("第{}党小组", NUMERALS[group]);
        let id = bulk.member(&bulk::Member {
            village,
            village_name,
            name: &name,
            phone: &mobile(rng),
            role: *role,
            status: *status,
            unit: word(rng, UNITS),
            party_group: &party_group,
            since: start,
        })?;
        let diligence = if rng.random_bool(0.15) { rng.random_range(0.2..0.5) } else { rng.random_range(0.6..0.99) };
        members.push(PlannedMember { id, role: *role, group, diligence, capacity: *capacity });
    }
    sum.members += members.len();
    // Patches: ordinary members are led by a cadre (联户长).
    let cadre_ids: Vec<i64> = members.iter().filter(|m| m.role == Role::Cadre).map(|m| m.id).collect();
    for (i, m) in members.iter().filter(|m| m.role != Role::Cadre).enumerate() {
        bulk.set_leader(m.id, cadre_ids[i % cadre_ids.len()])?;
    }
    // Links: members take households of their own group first, cadres the rest.
    let mut free: Vec<Vec<usize>> = vec![Vec::new(); n_groups];
    for (k, h) in homes.iter().enumerate() {
        free[h.group].push(k);
    }
    for f in &mut free {
        f.shuffle(rng);
    }
    let mut owner: Vec<Option<usize>> = vec![None; homes.len()];
    for (mi, m) in members.iter().enumerate().filter(|(_, m)| m.role != Role::Cadre) {
        for _ in 0..m.capacity {
            if let Some(k) = free[m.group].pop() {
                owner[k] = Some(mi);
            }
        }
    }
    let mut rest: Vec<usize> = free.into_iter().flatten().collect();
    rest.sort_unstable();
    for (mi, m) in members.iter().enumerate().filter(|(_, m)| m.role == Role::Cadre) {
        for _ in 0..m.capacity {
            if let Some(k) = rest.pop() {
                owner[k] = Some(mi);
            }
        }
    }
    for (k, home) in homes.iter().enumerate() {
        let Some(mi) = owner[k] else { continue };
        let member = &members[mi];
        // One link in twenty was moved from another member part way through.
        let mut from = home.since;
        if rng.random_bool(0.05) && (today - home.since).num_days() > 120 {
            let other = &members[rng.random_range(0..members.len())];
            if other.id != member.id && other.capacity > 0 {
                let moved = day_between(rng, home.since + Days::new(60), today - Days::new(30));
                bulk.link(other.id, home.id, home.since, moved.pred_opt())?;
                visits(bulk, rng, sum, home, other, (home.since, moved.pred_opt().unwrap_or(moved)), today)?;
                sum.links += 1;
                from = moved;
            }
        }
        bulk.link(member.id, home.id, from, None)?;
        sum.links += 1;
        if rng.random_bool(0.1) {
            bulk.relation(member.id, home.id, if rng.random_bool(0.5) { "kin" } else { "acquaintance" })?;
        }
        visits(bulk, rng, sum, home, member, (from, today), today)?;
    }
    ratings(bulk, rng, sum, &homes, &members, &owner, start, today)?;
    Ok(Plan { village, urban, groups, homes, members, owner })
}

/// What a village was made of, for the programme's other instruments.
struct Plan {
    village: i64,
    urban: bool,
    groups: Vec<(Option<i64>, String)>,
    homes: Vec<PlannedHousehold>,
    members: Vec<PlannedMember>,
    /// The member (index) each household is linked to today.
    owner: Vec<Option<usize>>,
}

fn visits(
    bulk: &Bulk<'_>,
    rng: &mut ChaCha8Rng,
    sum: &mut Summary,
    home: &PlannedHousehold,
    member: &PlannedMember,
    (from, to): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Result<(), StoreError> {
    let mut day = from;
    while day <= to {
        let class = class_on(&home.timeline, day).unwrap_or(Class::General);
        let (period_end, next_day) = match class {
            Class::General => {
                let next = month_start(day).checked_add_months(chrono::Months::new(1)).unwrap_or(to);
                (next.pred_opt().unwrap_or(next), next)
            }
            Class::Improving => {
                let next = week_start(day) + Days::new(7);
                (next.pred_opt().unwrap_or(next), next)
            }
            Class::Difficult => {
                let next = day + Days::new(14);
                (next.pred_opt().unwrap_or(next), next)
            }
        };
        if rng.random_bool(member.diligence) {
            let date = day_between(rng, day, period_end.min(to));
            let mode = match rng.random_range(0..10) {
                0..7 => Mode::InPerson,
                7..9 => Mode::Phone,
                // Some of the rest was practical help (办实事).
                _ if chrono::Datelike::day(&date).is_multiple_of(4) => Mode::Help,
                _ => Mode::WeChat,
            };
            let sorting = match (class, rng.random_range(0..10)) {
                (Class::General, 0..8) | (Class::Improving, 0..2) => Sorting::Accurate,
                (Class::General, _) | (Class::Improving, 2..7) | (Class::Difficult, 0..3) => Sorting::MostlyAccurate,
                _ => Sorting::Inaccurate,
            };
            let concern = if rng.random_bool(0.03) { word(rng, CONCERNS) } else { "" };
            let next = (class == Class::Difficult).then(|| date + Days::new(14));
            let visit = bulk::Visit {
                household: home.id,
                member: member.id,
                date,
                mode,
                sorting: Some(sorting),
                note: word(rng, VISIT_NOTES),
                concern,
                suggestion: if rng.random_bool(0.2) { word(rng, SUGGESTIONS) } else { "" },
                next,
            };
            if let Some(concern) = bulk.visit(&visit)? {
                sum.concerns += 1;
                concern_flow(bulk, rng, concern, date, today)?;
            }
            sum.visits += 1;
        }
        day = next_day;
    }
    Ok(())
}

/// A concern follows the programme's flow: 待处理 → 村两委处理中 → 已解决,
/// or on to 上报乡党委 → 已办结. Old concerns are finished; recent ones may
/// still be under way, and a few of those are stuck.
fn concern_flow(bulk: &Bulk<'_>, rng: &mut ChaCha8Rng, concern: i64, raised: NaiveDate, today: NaiveDate) -> Result<(), StoreError> {
    let old = raised + Days::new(45) <= today;
    let mut on = raised + Days::new(rng.random_range(1..=3));
    if on > today || (!old && rng.random_bool(0.15)) {
        return Ok(());
    }
    bulk.concern_step(concern, ConcernStatus::Village, on)?;
    let (next, last) =
        if rng.random_bool(0.75) { (ConcernStatus::Resolved, None) } else { (ConcernStatus::Township, Some(ConcernStatus::Closed)) };
    on = on + Days::new(rng.random_range(2..=10));
    if on > today || (!old && rng.random_bool(0.3)) {
        return Ok(());
    }
    bulk.concern_step(concern, next, on)?;
    if let Some(last) = last {
        on = on + Days::new(rng.random_range(5..=20));
        if on <= today && (old || rng.random_bool(0.5)) {
            bulk.concern_step(concern, last, on)?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn ratings(
    bulk: &Bulk<'_>,
    rng: &mut ChaCha8Rng,
    sum: &mut Summary,
    homes: &[PlannedHousehold],
    members: &[PlannedMember],
    owner: &[Option<usize>],
    start: NaiveDate,
    today: NaiveDate,
) -> Result<(), StoreError> {
    let mut q = Quarter::of(start);
    let current = Quarter::of(today);
    while q <= current {
        // The current quarter's survey is under way: fewer households rated.
        let share = if q == current { 0.4 } else { 0.92 };
        let label = q.to_string();
        for (home, owner) in homes.iter().zip(owner) {
            let Some(mi) = owner else { continue };
            if home.since > q.last_day() || !rng.random_bool(share) {
                continue;
            }
            let d = members[*mi].diligence;
            let x: f64 = rng.random();
            let rating = if x < d * 0.85 {
                Rating::Satisfied
            } else if x < 0.93 {
                Rating::Basic
            } else {
                Rating::Unsatisfied
            };
            bulk.rating(home.id, &label, rating)?;
            sum.ratings += 1;
        }
        for m in members.iter().filter(|m| m.capacity > 0) {
            if q != current && rng.random_bool(0.05) {
                let (points, reason) = pick(rng, ADJUSTMENT_REASONS);
                bulk.adjustment(m.id, &label, *points, reason)?;
            }
        }
        q = q.next();
    }
    Ok(())
}
