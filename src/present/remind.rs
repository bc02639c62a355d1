//! Whom to remind: the due list grouped by member (their overdue and due
//! households and their whole phone number — the clerk must call), and the
//! reminder a clerk sends (to the member, or to a WeChat group).

use crate::domain::schedule::DueStatus;
use crate::i18n::{t, tf};
use crate::store::due::DueRow;
use std::collections::HashMap;

/// One member's households to visit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reminder {
    pub member_id: i64,
    pub member: String,
    pub phone: String,
    pub village: String,
    /// (head, address, status) of each, overdue first.
    pub households: Vec<(String, String, DueStatus)>,
}

impl Reminder {
    pub fn count(&self, status: DueStatus) -> usize {
        self.households.iter().filter(|h| h.2 == status).count()
    }

    /// The reminder text: 朱文同志：您联系的 3 户本月尚未走访：张三（逾期）、李四。
    pub fn text(&self) -> String {
        let names: Vec<String> = self
            .households
            .iter()
            .map(|(head, _, s)| if *s == DueStatus::Overdue { format!("{head}（{}）", t(s.label_key())) } else { head.clone() })
            .collect();
        tf("remind.text", &[("member", &self.member), ("count", &self.households.len().to_string()), ("households", &names.join("、"))])
    }
}

/// The due rows grouped by their member, the most overdue first (then by
/// name as a clerk counts); rows with no member are not anyone's to remind.
pub fn by_member(rows: &[&DueRow], phones: &HashMap<i64, String>) -> Vec<Reminder> {
    let mut out: Vec<Reminder> = Vec::new();
    for r in rows.iter().filter(|r| matches!(r.status, DueStatus::Overdue | DueStatus::Due)) {
        let (Some(id), Some(name)) = (r.member_id, r.member.as_ref()) else { continue };
        let at = match out.iter().position(|m| m.member_id == id) {
            Some(i) => i,
            None => {
                let phone = phones.get(&id).cloned().unwrap_or_default();
                out.push(Reminder { member_id: id, member: name.clone(), phone, village: r.village.clone(), households: Vec::new() });
                out.len() - 1
            }
        };
        out[at].households.push((r.head.clone(), r.address.clone(), r.status));
    }
    for m in &mut out {
        m.households.sort_by_key(|h| h.2 != DueStatus::Overdue);
    }
    out.sort_by(|a, b| {
        b.count(DueStatus::Overdue)
            .cmp(&a.count(DueStatus::Overdue))
            .then(b.households.len().cmp(&a.households.len()))
            .then_with(|| crate::domain::order::natural(&a.member, &b.member))
    });
    out
}
