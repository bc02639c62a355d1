//! The programme's numbers, from `assets/rules.toml` (embedded), optionally
//! overridden key by key by a township's own `rules.toml`.

use crate::domain::model::Role;
use serde::Deserialize;
use thiserror::Error;

pub const DEFAULT_RULES: &str = include_str!("../../assets/rules.toml");

#[derive(Debug, Error)]
pub enum RulesError {
    #[error("rules.toml: {0}")]
    Parse(String),
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Rules {
    pub visits: VisitRules,
    pub loads: Loads,
    pub quotas: Quotas,
    pub points: Points,
    pub board: BoardRules,
}

/// The public board's 公示期 and whom objections go to.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct BoardRules {
    pub notice_days: u32,
    pub contact_phone: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct VisitRules {
    pub difficult_interval_days: u32,
    pub difficult_due_window_days: u32,
    pub difficult_grace_days: u32,
    pub concern_stuck_days: u32,
}

/// Households a member of each role should take: `[min, max]`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Loads {
    pub cadre: [u32; 2],
    pub group_leader: [u32; 2],
    pub villager_group_leader: [u32; 2],
    pub member: [u32; 2],
    pub probationary: [u32; 2],
    pub activist: [u32; 2],
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Quotas {
    pub star_share: f64,
    pub warning_share: f64,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Points {
    pub compliance: f64,
    pub satisfaction: f64,
    pub unrated_satisfaction: f64,
    pub conversion: f64,
    pub conversion_max: f64,
    pub concern_resolved: f64,
    pub concern_resolved_max: f64,
}

impl Loads {
    pub fn range(&self, role: Role) -> (u32, u32) {
        let [lo, hi] = match role {
            Role::Cadre => self.cadre,
            Role::GroupLeader => self.group_leader,
            Role::VillagerGroupLeader => self.villager_group_leader,
            Role::Member => self.member,
            Role::Probationary => self.probationary,
            Role::Activist => self.activist,
        };
        (lo, hi)
    }
}

fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

impl Rules {
    /// The embedded defaults.
    pub fn defaults() -> Self {
        // The embedded file is checked by a unit test; a broken build is the only way to fail.
        Self::with_override("").unwrap_or_else(|e| panic!("embedded rules.toml is invalid: {e}"))
    }

    /// Defaults with the keys of `override_toml` replacing theirs.
    pub fn with_override(override_toml: &str) -> Result<Self, RulesError> {
        let mut base: toml::Table = DEFAULT_RULES.parse().map_err(|e: toml::de::Error| RulesError::Parse(e.to_string()))?;
        let over: toml::Table = override_toml.parse().map_err(|e: toml::de::Error| RulesError::Parse(e.to_string()))?;
        merge(&mut base, over);
        toml::Value::Table(base).try_into().map_err(|e: toml::de::Error| RulesError::Parse(e.to_string()))
    }

    /// Stars cap for a village of `members` members: floor(15% × members).
    pub fn star_cap(&self, members: usize) -> usize {
        cap(self.quotas.star_share, members)
    }

    /// Warnings cap: floor(10% × members).
    pub fn warning_cap(&self, members: usize) -> usize {
        cap(self.quotas.warning_share, members)
    }
}

fn cap(share: f64, members: usize) -> usize {
    // A small epsilon keeps 0.15 × 20 = 3 from flooring to 2.
    (share * members as f64 + 1e-9).floor() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_defaults_parse() {
        let r = Rules::defaults();
        assert_eq!(r.loads.range(Role::Cadre), (10, 20));
        assert_eq!(r.loads.range(Role::GroupLeader), (5, 10));
        assert_eq!(r.loads.range(Role::Member), (2, 5));
        assert_eq!(r.visits.difficult_interval_days, 14);
    }

    #[test]
    fn worked_example_caps() {
        // domain.md: 湖口村 has 23 members: 3 stars, 2 warnings.
        let r = Rules::defaults();
        assert_eq!(r.star_cap(23), 3);
        assert_eq!(r.warning_cap(23), 2);
        assert_eq!(r.star_cap(20), 3);
        assert_eq!(r.warning_cap(9), 0);
    }

    #[test]
    fn override_replaces_only_given_keys() {
        let r = Rules::with_override("[loads]\nmember = [3, 5]\n").unwrap();
        assert_eq!(r.loads.range(Role::Member), (3, 5));
        assert_eq!(r.loads.range(Role::Cadre), (10, 20));
        assert!(Rules::with_override("[loads]\nmember = \"x\"").is_err());
    }
}
