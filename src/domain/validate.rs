//! One validation for every way in: the same rules in forms and in imports.
//! Each problem names its field by a stable key (`village`, `head`, …) that
//! forms map to their fields and imports to their columns.

use crate::domain::model::{Class, HouseholdInput, MemberInput, Mode, Role, Sorting, Status};
use crate::domain::text::{self, TextError};
use chrono::NaiveDate;

/// A field key and what is wrong with its value.
pub type Problems = Vec<(&'static str, TextError)>;

/// A household as typed or read from a file: every field as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HouseholdText {
    pub village: String,
    pub group: String,
    pub building: String,
    pub address: String,
    pub head: String,
    pub phone: String,
    pub size: String,
    pub class: String,
    pub note: String,
}

/// A member as typed or read from a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberText {
    pub village: String,
    pub name: String,
    pub phone: String,
    pub role: String,
    pub status: String,
    pub unit: String,
    pub party_group: String,
}

pub(crate) fn take<T>(problems: &mut Problems, field: &'static str, r: Result<T, TextError>) -> Option<T> {
    r.map_err(|e| problems.push((field, e))).ok()
}

/// Labels of a closed list, for "choose one of" messages.
pub fn choices<T: Copy>(all: &[T], zh: impl Fn(T) -> &'static str) -> String {
    all.iter().map(|v| zh(*v)).collect::<Vec<_>>().join("/")
}

pub(crate) fn choice<T: Copy>(
    text: &str,
    parse: impl Fn(&str) -> Option<T>,
    all: &[T],
    zh: impl Fn(T) -> &'static str,
) -> Result<T, TextError> {
    if text.trim().is_empty() {
        return Err(TextError::Required);
    }
    parse(text).ok_or_else(|| TextError::Choice(choices(all, zh)))
}

impl HouseholdText {
    pub fn validate(&self) -> Result<HouseholdInput, Problems> {
        let mut p = Problems::new();
        let village = take(&mut p, "village", text::name(&self.village));
        let group = take(&mut p, "group", text::optional_name(&self.group));
        let building = take(&mut p, "building", text::optional_name(&self.building));
        let address = take(&mut p, "address", text::required_text(&self.address));
        let head = take(&mut p, "head", text::name(&self.head));
        let phone = take(&mut p, "phone", text::phone(&self.phone));
        let size = take(&mut p, "size", text::optional_count(&self.size));
        let class = take(&mut p, "class", choice(&self.class, Class::parse, Class::ALL, Class::zh));
        let note = take(&mut p, "note", text::note_text(&self.note));
        if let (Some(group), Some(building)) = (&group, &building)
            && group.is_empty()
            && !building.is_empty()
        {
            p.push(("group", TextError::Required));
        }
        match (village, group, building, address, head, phone, size, class, note) {
            (Some(village), Some(group), Some(building), Some(address), Some(head), Some(phone), Some(size), Some(class), Some(note))
                if p.is_empty() =>
            {
                Ok(HouseholdInput { village, group, building, address, head, phone, size, class, note })
            }
            _ => Err(p),
        }
    }
}

impl From<&HouseholdInput> for HouseholdText {
    fn from(h: &HouseholdInput) -> Self {
        HouseholdText {
            village: h.village.clone(),
            group: h.group.clone(),
            building: h.building.clone(),
            address: h.address.clone(),
            head: h.head.clone(),
            phone: h.phone.clone(),
            size: h.size.map(|n| n.to_string()).unwrap_or_default(),
            class: h.class.zh().to_string(),
            note: h.note.clone(),
        }
    }
}

impl MemberText {
    pub fn validate(&self) -> Result<MemberInput, Problems> {
        let mut p = Problems::new();
        let village = take(&mut p, "village", text::name(&self.village));
        let name = take(&mut p, "name", text::name(&self.name));
        let phone = take(&mut p, "phone", text::phone(&self.phone));
        let role = take(&mut p, "role", choice(&self.role, Role::parse, Role::ALL, Role::zh));
        let status = if self.status.trim().is_empty() {
            Some(Status::Normal)
        } else {
            take(&mut p, "status", choice(&self.status, Status::parse, Status::ALL, Status::zh))
        };
        let unit = take(&mut p, "unit", text::optional_name(&self.unit));
        let party_group = take(&mut p, "party_group", text::optional_name(&self.party_group));
        match (village, name, phone, role, status, unit, party_group) {
            (Some(village), Some(name), Some(phone), Some(role), Some(status), Some(unit), Some(party_group)) => {
                Ok(MemberInput { village, name, phone, role, status, unit, party_group })
            }
            _ => Err(p),
        }
    }
}

impl From<&MemberInput> for MemberText {
    fn from(m: &MemberInput) -> Self {
        MemberText {
            village: m.village.clone(),
            name: m.name.clone(),
            phone: m.phone.clone(),
            role: m.role.zh().to_string(),
            status: m.status.zh().to_string(),
            unit: m.unit.clone(),
            party_group: m.party_group.clone(),
        }
    }
}

/// A visit as typed or read from a file. Who made it and where are chosen
/// or matched apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitText {
    pub date: String,
    pub mode: String,
    pub sorting: String,
    pub note: String,
    pub concern: String,
    pub suggestion: String,
    pub next: String,
}

/// A visit's own fields, validated (also what the store writes and reads).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VisitFields {
    pub date: NaiveDate,
    pub mode: Mode,
    pub sorting: Option<Sorting>,
    pub note: String,
    pub concern: String,
    pub suggestion: String,
    pub next: Option<NaiveDate>,
}

impl VisitText {
    /// Dates may not lie after `today`; the next planned visit must come
    /// after the visit. Mode defaults to 入户, sorting to not observed.
    pub fn validate(&self, today: NaiveDate) -> Result<VisitFields, Problems> {
        let mut p = Problems::new();
        let date = take(&mut p, "date", text::past_date(&self.date, today));
        let mode = if self.mode.trim().is_empty() {
            Some(Mode::InPerson)
        } else {
            take(&mut p, "mode", choice(&self.mode, Mode::parse, Mode::ALL, Mode::zh))
        };
        let sorting = if self.sorting.trim().is_empty() {
            Some(None)
        } else {
            take(&mut p, "sorting", choice(&self.sorting, Sorting::parse, Sorting::ALL, Sorting::zh).map(Some))
        };
        let note = take(&mut p, "note", text::note_text(&self.note));
        let concern = take(&mut p, "concern", text::note_text(&self.concern));
        let suggestion = take(&mut p, "suggestion", text::note_text(&self.suggestion));
        let next = match self.next.trim() {
            "" => Some(None),
            s => match (text::date(s), date) {
                (Ok(n), Some(d)) if n <= d => take(&mut p, "next", Err(TextError::NotAfterVisit)),
                (r, _) => take(&mut p, "next", r.map(Some)),
            },
        };
        match (date, mode, sorting, note, concern, suggestion, next) {
            (Some(date), Some(mode), Some(sorting), Some(note), Some(concern), Some(suggestion), Some(next)) => {
                Ok(VisitFields { date, mode, sorting, note, concern, suggestion, next })
            }
            _ => Err(p),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn household() -> HouseholdText {
        HouseholdText {
            village: "湖口村".into(),
            group: "三组".into(),
            address: "湖口村三组12号".into(),
            head: "张三丰".into(),
            phone: "13812345678".into(),
            size: "4".into(),
            class: "提升户".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_household_validates() {
        let h = household().validate().unwrap();
        assert_eq!(h.class, Class::Improving);
        assert_eq!(h.size, Some(4));
        assert_eq!(HouseholdText::from(&h).validate().unwrap(), h);
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut h = household();
        h.head = String::new();
        h.phone = "12345".into();
        h.class = "二类户".into();
        h.building = "1幢".into();
        h.group = String::new();
        let p = h.validate().unwrap_err();
        let fields: Vec<_> = p.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["head", "phone", "class", "group"]);
        assert_eq!(p[2].1, TextError::Choice("一般户/提升户/难点户".into()));
    }

    #[test]
    fn member_status_defaults_to_normal() {
        let m =
            MemberText { village: "湖口村".into(), name: "李四".into(), role: "普通党员".into(), ..Default::default() }.validate().unwrap();
        assert_eq!(m.status, Status::Normal);
        let bad = MemberText { village: "湖口村".into(), name: "李四".into(), role: "群众".into(), ..Default::default() };
        assert_eq!(bad.validate().unwrap_err()[0].0, "role");
    }

    #[test]
    fn visits_refuse_future_dates_and_a_plan_before_the_visit() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let v = VisitText { date: "2026-11-20".into(), note: "分类较好".into(), ..Default::default() }.validate(today).unwrap();
        assert_eq!((v.mode, v.sorting, v.next), (Mode::InPerson, None, None));
        let bad = VisitText { date: "2026-11-23".into(), sorting: "很好".into(), ..Default::default() };
        let fields: Vec<_> = bad.validate(today).unwrap_err().iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["date", "sorting"]);
        let early = VisitText { date: "2026-11-20".into(), next: "2026-11-20".into(), ..Default::default() };
        assert_eq!(early.validate(today).unwrap_err(), vec![("next", TextError::NotAfterVisit)]);
    }
}
