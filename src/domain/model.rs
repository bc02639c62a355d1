//! The programme's vocabulary (see `shared/domain.md`, glossary).

use serde::{Deserialize, Serialize};

/// Declares a closed list of values with a stable code (stored in SQL and JSON)
/// and its Chinese label (shown in the UI and used in files).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Stable code used in the database and in JSON.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Chinese label, as written in rosters and shown on screen.
            pub fn zh(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            /// English label.
            pub fn en(self) -> &'static str {
                match self { $($name::$variant => $en),+ }
            }

            /// Label in the given language.
            pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
                match lang {
                    crate::i18n::Lang::Zh => self.zh(),
                    crate::i18n::Lang::En => self.en(),
                }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }

            /// Accepts the Chinese label, the code or the English label.
            pub fn parse(text: &str) -> Option<Self> {
                let t = text.trim();
                Self::ALL.iter().copied().find(|v| {
                    v.zh() == t || v.code().eq_ignore_ascii_case(t) || v.en().eq_ignore_ascii_case(t)
                })
            }

            /// The next value in the list, wrapping round (for choice fields).
            pub fn cycle(self, forward: bool) -> Self {
                let all = Self::ALL;
                let i = all.iter().position(|v| *v == self).unwrap_or(0);
                let n = all.len();
                all[if forward { (i + 1) % n } else { (i + n - 1) % n }]
            }
        }
    };
}

vocabulary! {
    /// A household's class, which sets its visit schedule.
    Class {
        General => "general", "一般户", "general";
        Improving => "improving", "提升户", "improving";
        Difficult => "difficult", "难点户", "difficult";
    }
}

vocabulary! {
    /// A member's role, which sets the load range.
    Role {
        Cadre => "cadre", "两委干部", "cadre";
        GroupLeader => "group_leader", "党小组长", "group leader";
        VillagerGroupLeader => "villager_group_leader", "党员村民小组长", "villager group leader";
        Member => "member", "普通党员", "member";
        Probationary => "probationary", "预备党员", "probationary";
        Activist => "activist", "入党积极分子", "activist";
    }
}

vocabulary! {
    /// Whether a member takes part in linking.
    Status {
        Normal => "normal", "正常", "normal";
        Frail => "frail", "年老体弱", "elderly/frail";
        Migrant => "migrant", "流动", "migrant";
    }
}

vocabulary! {
    /// How a visit was made.
    Mode {
        InPerson => "in_person", "入户", "in person";
        Phone => "phone", "电话", "phone";
        WeChat => "wechat", "微信", "WeChat";
        // 办实事: practical help done for the household (it counts as a visit).
        Help => "help", "办实事", "practical help";
    }
}

vocabulary! {
    /// 红黑榜: which list a household is on.
    List {
        Red => "red", "红榜", "red list";
        Black => "black", "黑榜", "black list";
    }
}

vocabulary! {
    /// Where a red/black list entry stands.
    ListState {
        Proposed => "proposed", "已提名", "proposed";
        Confirmed => "confirmed", "已确认", "confirmed";
        Dropped => "dropped", "已撤下", "dropped";
    }
}

vocabulary! {
    /// 联户长座谈会 and the 五个载体 activities.
    EventKind {
        LeaderMeeting => "leader_meeting", "联户长座谈会", "link-leader meeting";
        Proposal => "proposal", "倡议书", "proposal letter";
        Launch => "launch", "启动仪式", "launch ceremony";
        Training => "training", "专题培训", "training";
        Campaign => "campaign", "入户走访", "door-to-door campaign";
        PartyDay => "party_day", "主题党日", "theme party day";
    }
}

vocabulary! {
    /// 四员: the duties a member may take on.
    Duty {
        Pioneer => "pioneer", "先锋员", "pioneer";
        Publicist => "publicist", "宣传员", "publicist";
        Exemplar => "exemplar", "示范员", "exemplar";
        Supervisor => "supervisor", "督导员", "supervisor";
    }
}

vocabulary! {
    /// 民主评议: the year-end democratic appraisal's result.
    Appraisal {
        Excellent => "excellent", "优秀", "excellent";
        Qualified => "qualified", "合格", "qualified";
        Basic => "basic", "基本合格", "basically qualified";
        Unqualified => "unqualified", "不合格", "unqualified";
    }
}

vocabulary! {
    /// 双报到: the community's yearly evaluation of a registered member.
    Review {
        Excellent => "excellent", "优秀", "excellent";
        Good => "good", "良好", "good";
        Fair => "fair", "一般", "fair";
        Poor => "poor", "较差", "poor";
    }
}

vocabulary! {
    /// How well the household sorted its waste, as observed on a visit.
    Sorting {
        Accurate => "accurate", "准确", "accurate";
        MostlyAccurate => "mostly_accurate", "基本准确", "mostly accurate";
        Inaccurate => "inaccurate", "不准确", "inaccurate";
    }
}

vocabulary! {
    /// A household's quarterly rating of its linked member (民意测评).
    Rating {
        Satisfied => "satisfied", "满意", "satisfied";
        Basic => "basic", "基本满意", "basically satisfied";
        Unsatisfied => "unsatisfied", "不满意", "unsatisfied";
    }
}

vocabulary! {
    /// Where a concern stands in its flow.
    ConcernStatus {
        Open => "open", "待处理", "open";
        Village => "village", "村两委处理中", "with village committee";
        Resolved => "resolved", "已解决", "resolved";
        Township => "township", "上报乡党委", "reported to township";
        Closed => "closed", "已办结", "closed";
    }
}

impl Status {
    /// Exempt members are neither linked by default nor ranked.
    pub fn is_exempt(self) -> bool {
        !matches!(self, Status::Normal)
    }
}

impl ConcernStatus {
    /// Where a concern can go from here: 待处理 → 村两委处理中 → 已解决, or
    /// 村两委处理中 → 上报乡党委 → 已办结. [004 §五(二)3]
    pub fn next_steps(self) -> &'static [ConcernStatus] {
        match self {
            ConcernStatus::Open => &[ConcernStatus::Village],
            ConcernStatus::Village => &[ConcernStatus::Resolved, ConcernStatus::Township],
            ConcernStatus::Township => &[ConcernStatus::Closed],
            ConcernStatus::Resolved | ConcernStatus::Closed => &[],
        }
    }

    /// Resolved or closed: nothing more to do.
    pub fn is_final(self) -> bool {
        self.next_steps().is_empty()
    }

    /// Whether a concern at this level since `since` has waited longer than
    /// `stuck_days` on `today`.
    pub fn is_stuck(self, since: chrono::NaiveDate, today: chrono::NaiveDate, stuck_days: u32) -> bool {
        !self.is_final() && (today - since).num_days() > i64::from(stuck_days)
    }
}

impl Rating {
    /// The satisfaction value of a rating (domain.md: 1.0, 0.6, 0.0).
    pub fn value(self) -> f64 {
        match self {
            Rating::Satisfied => 1.0,
            Rating::Basic => 0.6,
            Rating::Unsatisfied => 0.0,
        }
    }
}

/// A household, validated (names, not ids).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HouseholdInput {
    pub village: String,
    pub group: String,
    pub building: String,
    pub address: String,
    pub head: String,
    pub phone: String,
    pub size: Option<u32>,
    pub class: Class,
    pub note: String,
}

/// A member, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberInput {
    pub village: String,
    pub name: String,
    pub phone: String,
    pub role: Role,
    pub status: Status,
    pub unit: String,
    pub party_group: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for c in Class::ALL {
            assert_eq!(Class::parse(c.zh()), Some(*c));
            assert_eq!(Class::from_code(c.code()), Some(*c));
        }
        assert_eq!(Role::parse("党员村民小组长"), Some(Role::VillagerGroupLeader));
        assert_eq!(Role::parse(" 普通党员 "), Some(Role::Member));
        assert_eq!(Status::parse("流动"), Some(Status::Migrant));
        assert_eq!(Class::parse("二类户"), None);
    }

    #[test]
    fn cycling_wraps() {
        assert_eq!(Class::Difficult.cycle(true), Class::General);
        assert_eq!(Class::General.cycle(false), Class::Difficult);
    }

    #[test]
    fn concern_flow() {
        use ConcernStatus::*;
        assert_eq!(Open.next_steps(), &[Village]);
        assert_eq!(Village.next_steps(), &[Resolved, Township]);
        assert_eq!(Township.next_steps(), &[Closed]);
        assert!(Resolved.is_final() && Closed.is_final() && !Township.is_final());
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(!Open.is_stuck(d("2026-11-15"), d("2026-11-22"), 7), "7 days is not longer than 7");
        assert!(Open.is_stuck(d("2026-11-14"), d("2026-11-22"), 7));
        assert!(!Resolved.is_stuck(d("2026-01-01"), d("2026-11-22"), 7));
    }

    #[test]
    fn exemption() {
        assert!(Status::Frail.is_exempt());
        assert!(Status::Migrant.is_exempt());
        assert!(!Status::Normal.is_exempt());
    }
}
