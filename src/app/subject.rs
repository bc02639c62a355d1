//! What a form is about, typed: the record it changes (with the version it
//! had when the form opened), or what it acts on. A draft stores it as
//! (kind, target, ids), the shape drafts have always had.

/// What kind of form it is (its title, and how a draft names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FormKind {
    Household,
    Member,
    Import,
    /// Log a visit (`target` None) or correct one.
    Visit,
    /// The 走访 tab's filters.
    VisitFilter,
    /// Move a concern on (`target` is the concern).
    Step,
    /// A score adjustment (`target` is the member).
    Adjustment,
    /// Reopen a finalised quarter, with the reason.
    Reopen,
    /// Link households (`ids`) to a member (`target`) from a date.
    Link,
    /// End a household's (`target`) link on a date.
    Unlink,
    /// Record a link-leader meeting or an activity (`target` when changing one).
    Event,
    /// Open a concern about a household (`ids[0]`) raised at an event (`target`).
    EventConcern,
    /// Name a member's (`target`) WeChat group.
    Wechat,
    /// A member's (`target`) democratic appraisal for the year shown.
    Appraisal,
    /// A 党员责任垃圾桶 (`target` when changing one).
    Bin,
    /// A duty day at a bin (`target`).
    DutyDay,
    /// 双报到: a member (`ids[0]`) registered from a unit (`target` when changing).
    Registration,
    /// 双报到: the community's evaluation of a registration (`target`).
    Review,
}

/// A row id.
pub type Id = i64;
/// A row's version when the form opened (saving checks it).
pub type Existing = Option<(Id, i64)>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Household(Existing),
    Member(Existing),
    Import,
    /// Log a visit (None) or correct one.
    Visit(Existing),
    /// The 走访 tab's filters.
    VisitFilter,
    /// Move a concern on.
    Step {
        concern: Id,
        version: i64,
    },
    /// A score adjustment for a member.
    Adjustment {
        member: Id,
    },
    /// Reopen the finalised quarter on screen.
    Reopen,
    /// Link households to a member from a date.
    Link {
        member: Id,
        households: Vec<Id>,
    },
    /// End a household's link on a date.
    Unlink {
        household: Id,
    },
    /// A link-leader meeting or an activity.
    Event(Existing),
    /// A concern about a household raised at an event.
    EventConcern {
        event: Id,
        household: Id,
    },
    /// Name a member's WeChat group.
    Wechat {
        member: Id,
    },
    /// A member's democratic appraisal for the year shown.
    Appraisal {
        member: Id,
    },
    /// A 党员责任垃圾桶.
    Bin(Existing),
    /// A duty day at a bin.
    DutyDay {
        bin: Id,
    },
    /// 双报到: a member registered from a unit.
    Registration {
        member: Id,
        existing: Existing,
    },
    /// 双报到: the community's evaluation of a registration.
    Review {
        registration: Id,
    },
}

impl Subject {
    pub fn kind(&self) -> FormKind {
        match self {
            Subject::Household(_) => FormKind::Household,
            Subject::Member(_) => FormKind::Member,
            Subject::Import => FormKind::Import,
            Subject::Visit(_) => FormKind::Visit,
            Subject::VisitFilter => FormKind::VisitFilter,
            Subject::Step { .. } => FormKind::Step,
            Subject::Adjustment { .. } => FormKind::Adjustment,
            Subject::Reopen => FormKind::Reopen,
            Subject::Link { .. } => FormKind::Link,
            Subject::Unlink { .. } => FormKind::Unlink,
            Subject::Event(_) => FormKind::Event,
            Subject::EventConcern { .. } => FormKind::EventConcern,
            Subject::Wechat { .. } => FormKind::Wechat,
            Subject::Appraisal { .. } => FormKind::Appraisal,
            Subject::Bin(_) => FormKind::Bin,
            Subject::DutyDay { .. } => FormKind::DutyDay,
            Subject::Registration { .. } => FormKind::Registration,
            Subject::Review { .. } => FormKind::Review,
        }
    }

    /// The record a form changes and its version, for forms that change one.
    pub fn existing(&self) -> Existing {
        match self {
            Subject::Household(e) | Subject::Member(e) | Subject::Visit(e) | Subject::Event(e) | Subject::Bin(e) => *e,
            Subject::Registration { existing, .. } => *existing,
            Subject::Step { concern, version } => Some((*concern, *version)),
            _ => None,
        }
    }

    /// After a conflict: the merge saves over the version now stored.
    pub fn set_version(&mut self, v: i64) {
        match self {
            Subject::Household(Some(e))
            | Subject::Member(Some(e))
            | Subject::Visit(Some(e))
            | Subject::Event(Some(e))
            | Subject::Bin(Some(e))
            | Subject::Registration { existing: Some(e), .. } => e.1 = v,
            Subject::Step { version, .. } => *version = v,
            _ => {}
        }
    }

    /// As a draft stores it: kind, target (id, version), other ids.
    pub fn parts(&self) -> (FormKind, Existing, Vec<Id>) {
        let one = |id: Id| Some((id, 0));
        let (target, ids) = match self {
            Subject::Adjustment { member } | Subject::Wechat { member } | Subject::Appraisal { member } => (one(*member), Vec::new()),
            Subject::Link { member, households } => (one(*member), households.clone()),
            Subject::Unlink { household } => (one(*household), Vec::new()),
            Subject::EventConcern { event, household } => (one(*event), vec![*household]),
            Subject::DutyDay { bin } => (one(*bin), Vec::new()),
            Subject::Registration { member, existing } => (*existing, vec![*member]),
            Subject::Review { registration } => (one(*registration), Vec::new()),
            other => (other.existing(), Vec::new()),
        };
        (self.kind(), target, ids)
    }

    /// Back from a draft's parts; None when they do not make a subject.
    pub fn from_parts(kind: FormKind, target: Existing, ids: &[Id]) -> Option<Subject> {
        let id = target.map(|t| t.0);
        Some(match kind {
            FormKind::Household => Subject::Household(target),
            FormKind::Member => Subject::Member(target),
            FormKind::Import => Subject::Import,
            FormKind::Visit => Subject::Visit(target),
            FormKind::VisitFilter => Subject::VisitFilter,
            FormKind::Step => Subject::Step { concern: id?, version: target?.1 },
            FormKind::Adjustment => Subject::Adjustment { member: id? },
            FormKind::Reopen => Subject::Reopen,
            FormKind::Link => Subject::Link { member: id?, households: ids.to_vec() },
            FormKind::Unlink => Subject::Unlink { household: id? },
            FormKind::Event => Subject::Event(target),
            FormKind::EventConcern => Subject::EventConcern { event: id?, household: *ids.first()? },
            FormKind::Wechat => Subject::Wechat { member: id? },
            FormKind::Appraisal => Subject::Appraisal { member: id? },
            FormKind::Bin => Subject::Bin(target),
            FormKind::DutyDay => Subject::DutyDay { bin: id? },
            FormKind::Registration => Subject::Registration { member: *ids.first()?, existing: target },
            FormKind::Review => Subject::Review { registration: id? },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subject_comes_back_from_its_draft_parts() {
        let all = [
            Subject::Household(Some((3, 2))),
            Subject::Member(None),
            Subject::Import,
            Subject::Visit(Some((9, 1))),
            Subject::VisitFilter,
            Subject::Step { concern: 4, version: 7 },
            Subject::Adjustment { member: 5 },
            Subject::Reopen,
            Subject::Link { member: 5, households: vec![1, 2] },
            Subject::Unlink { household: 8 },
            Subject::Event(None),
            Subject::EventConcern { event: 2, household: 6 },
            Subject::Wechat { member: 5 },
            Subject::Appraisal { member: 5 },
            Subject::Bin(Some((1, 1))),
            Subject::DutyDay { bin: 1 },
            Subject::Registration { member: 5, existing: Some((2, 3)) },
            Subject::Review { registration: 2 },
        ];
        for s in all {
            let (kind, target, ids) = s.parts();
            assert_eq!(Subject::from_parts(kind, target, &ids), Some(s));
        }
        assert_eq!(Subject::from_parts(FormKind::Step, None, &[]), None, "a step with no concern is no subject");
    }
}
