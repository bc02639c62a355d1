//! Linking rules (shared/domain.md, "Linking"): a member's load against the
//! range for their role, and suggestions for unlinked households by
//! 就亲就近就熟 — a recorded kin or acquaintance relation first, then the same
//! building, the same group, the same village — never beyond a member's load.

use super::model::{Role, Status};
use super::rules::Loads;
use serde::Serialize;
use std::collections::HashMap;

/// Where a member's load stands against their role's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LoadState {
    Under,
    Within,
    Over,
}

/// The state of `load` households for a member of `role` and `status`.
/// Exempt members (年老体弱, 流动) may carry nothing: only too many is off.
pub fn load_state(loads: &Loads, role: Role, status: Status, load: u32) -> LoadState {
    let (min, max) = loads.range(role);
    if load > max {
        LoadState::Over
    } else if load < min && !status.is_exempt() {
        LoadState::Under
    } else {
        LoadState::Within
    }
}

/// A load against its range as the tables show it: `3/2–5`, marked `↑`
/// over or `↓` under (`3/2-5+`, `3/2-5-` with ASCII only).
pub fn load_label(loads: &Loads, role: Role, status: Status, load: u32, ascii: bool) -> String {
    let (min, max) = loads.range(role);
    // In ASCII the range is 2~5 and the marks > (over) and < (under), so
    // that nothing reads as another range.
    let (dash, over, under) = if ascii { ("~", ">", "<") } else { ("–", "↑", "↓") };
    let mark = match load_state(loads, role, status, load) {
        LoadState::Over => over,
        LoadState::Under => under,
        LoadState::Within => "",
    };
    format!("{load}/{min}{dash}{max}{mark}")
}

/// A recorded relation between a member and a household.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Kin,
    Acquaintance,
}

/// Why a member was proposed, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Kin,
    Acquaintance,
    /// The member already has a household in the same building.
    Building,
    /// … in the same group (村民小组 / 小区 / 网格).
    Group,
    Village,
}

impl Reason {
    pub fn label_key(self) -> &'static str {
        match self {
            Reason::Kin => "link.reason_kin",
            Reason::Acquaintance => "link.reason_acquaintance",
            Reason::Building => "link.reason_building",
            Reason::Group => "link.reason_group",
            Reason::Village => "link.reason_village",
        }
    }
}

/// An unlinked household and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Open {
    pub id: i64,
    pub village: i64,
    pub group: Option<i64>,
    pub building: Option<i64>,
}

/// A member who may take households: where their households are, and room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taker {
    pub id: i64,
    pub village: i64,
    /// Households linked today.
    pub load: u32,
    pub min: u32,
    pub max: u32,
    /// Groups and buildings of the households linked today.
    pub groups: Vec<i64>,
    pub buildings: Vec<i64>,
}

/// One proposal: the household, the member, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    pub household: i64,
    /// None: no member of the village has room.
    pub member: Option<(i64, Reason)>,
}

/// Proposes a member for each open household; the result follows the order
/// given. Exempt members must not be among the takers. Stronger reasons are
/// served first across all households: every kin match, then acquaintance,
/// building, group and village, so a household's nearest member is not
/// used up by a household with a weaker claim. Among members with the same
/// reason, the one furthest below their minimum wins (then the fewest
/// households, then the lowest id). Loads count the proposals already made,
/// so nobody goes past their maximum.
pub fn suggest(open: &[Open], takers: &[Taker], relations: &HashMap<(i64, i64), Relation>) -> Vec<Suggestion> {
    let mut load: HashMap<i64, u32> = takers.iter().map(|t| (t.id, t.load)).collect();
    let mut by_village: HashMap<i64, Vec<&Taker>> = HashMap::new();
    for t in takers {
        by_village.entry(t.village).or_default().push(t);
    }
    // Where each member's proposed households are, as they are proposed.
    let mut near: HashMap<i64, (Vec<i64>, Vec<i64>)> = takers.iter().map(|t| (t.id, (t.groups.clone(), t.buildings.clone()))).collect();
    let reason = |near: &HashMap<i64, (Vec<i64>, Vec<i64>)>, t: &Taker, h: &Open| {
        let (groups, buildings) = near.get(&t.id).map(|(g, b)| (g.as_slice(), b.as_slice())).unwrap_or_default();
        match relations.get(&(t.id, h.id)) {
            Some(Relation::Kin) => Reason::Kin,
            Some(Relation::Acquaintance) => Reason::Acquaintance,
            None if h.building.is_some_and(|b| buildings.contains(&b)) => Reason::Building,
            None if h.group.is_some_and(|g| groups.contains(&g)) => Reason::Group,
            None => Reason::Village,
        }
    };
    let mut out: Vec<Suggestion> = open.iter().map(|h| Suggestion { household: h.id, member: None }).collect();
    for tier in [Reason::Kin, Reason::Acquaintance, Reason::Building, Reason::Group, Reason::Village] {
        for (h, s) in open.iter().zip(out.iter_mut()).filter(|(_, s)| s.member.is_none()) {
            let best = by_village
                .get(&h.village)
                .into_iter()
                .flatten()
                .filter(|t| load[&t.id] < t.max)
                .map(|t| (reason(&near, t, h), t))
                .filter(|(r, _)| *r <= tier)
                .map(|(r, t)| {
                    let n = load[&t.id];
                    (r, std::cmp::Reverse(t.min.saturating_sub(n)), n, t.id)
                })
                .min();
            if let Some((r, _, _, id)) = best {
                *load.entry(id).or_default() += 1;
                let (groups, buildings) = near.entry(id).or_default();
                groups.extend(h.group);
                buildings.extend(h.building);
                s.member = Some((id, r));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::Rules;

    fn taker(id: i64, load: u32, groups: &[i64], buildings: &[i64]) -> Taker {
        Taker { id, village: 1, load, min: 2, max: 5, groups: groups.to_vec(), buildings: buildings.to_vec() }
    }

    fn open(id: i64, group: Option<i64>, building: Option<i64>) -> Open {
        Open { id, village: 1, group, building }
    }

    #[test]
    fn loads_follow_the_role_range_and_exempt_members_are_never_under() {
        let loads = Rules::defaults().loads;
        assert_eq!(load_state(&loads, Role::Cadre, Status::Normal, 9), LoadState::Under);
        assert_eq!(load_state(&loads, Role::Cadre, Status::Normal, 20), LoadState::Within);
        assert_eq!(load_state(&loads, Role::Cadre, Status::Normal, 21), LoadState::Over);
        assert_eq!(load_state(&loads, Role::Member, Status::Normal, 1), LoadState::Under);
        assert_eq!(load_state(&loads, Role::Activist, Status::Normal, 2), LoadState::Within);
        assert_eq!(load_state(&loads, Role::Member, Status::Frail, 0), LoadState::Within);
        assert_eq!(load_state(&loads, Role::Member, Status::Migrant, 6), LoadState::Over);
    }

    #[test]
    fn kin_beats_acquaintance_beats_building_beats_group_beats_village() {
        let takers =
            [taker(1, 3, &[], &[]), taker(2, 3, &[10], &[]), taker(3, 3, &[10], &[100]), taker(4, 3, &[], &[]), taker(5, 3, &[], &[])];
        let mut rel = HashMap::new();
        rel.insert((4, 7), Relation::Acquaintance);
        rel.insert((5, 8), Relation::Kin);
        rel.insert((4, 8), Relation::Acquaintance);
        let s = suggest(
            &[
                open(7, Some(10), Some(100)),
                open(8, Some(10), Some(100)),
                open(9, Some(10), Some(100)),
                open(6, Some(10), None),
                open(5, Some(11), None),
            ],
            &takers,
            &rel,
        );
        let got: Vec<Option<(i64, Reason)>> = s.iter().map(|s| s.member).collect();
        assert_eq!(
            got,
            vec![
                Some((4, Reason::Acquaintance)),
                Some((5, Reason::Kin)),
                Some((3, Reason::Building)),
                Some((2, Reason::Group)),
                // Same village only: the member furthest below minimum, then fewest households.
                Some((1, Reason::Village)),
            ]
        );
    }

    #[test]
    fn nobody_goes_past_their_maximum_and_the_emptiest_member_comes_first() {
        let takers = [taker(1, 4, &[10], &[]), taker(2, 0, &[], &[])];
        let homes: Vec<Open> = (1..=8).map(|i| open(i, Some(10), None)).collect();
        let s = suggest(&homes, &takers, &HashMap::new());
        let members: Vec<Option<i64>> = s.iter().map(|s| s.member.map(|(m, _)| m)).collect();
        // Member 1 (same group) has room for one; then member 2 takes five; two are left.
        assert_eq!(members, vec![Some(1), Some(2), Some(2), Some(2), Some(2), Some(2), None, None]);
        // Below the minimum, a same-village member is still second to a same-group one.
        let s = suggest(&[open(1, Some(10), None)], &[taker(1, 3, &[10], &[]), taker(2, 0, &[], &[])], &HashMap::new());
        assert_eq!(s[0].member, Some((1, Reason::Group)));
    }

    #[test]
    fn members_of_another_village_are_never_proposed() {
        let mut far = taker(1, 0, &[], &[]);
        far.village = 2;
        let s = suggest(&[open(1, None, None)], &[far], &HashMap::new());
        assert_eq!(s[0].member, None);
    }
}
