//! A list to pick from, filtered as you type (text or pinyin initials):
//! households for a member, a member for a household, a patch's leader, or
//! the suggestions to accept. One row or several (Space), Enter to confirm.

use super::list::ListView;
use crate::domain::search;
use crate::store::linking::SuggestRow;

/// What the pick is for.
#[derive(Debug, Clone, PartialEq)]
pub enum PickKind {
    /// Households to link to this member (several).
    Households { member: i64, name: String },
    /// The member to link this household to (one).
    Member { household: i64, head: String },
    /// The link leader of this member's patch (one; "none" first).
    Leader { member: i64, name: String },
    /// Suggested links to accept (several, all chosen at first).
    Suggestions(Vec<SuggestRow>),
    /// The members who attended an event (several).
    Attendees { event: i64 },
    /// The household a concern raised at an event is about (one).
    EventHousehold { event: i64 },
    /// A member's 四员 duties (several; ids 1–4 in the notice's order).
    Duties { member: i64 },
    /// The member's households that joined the WeChat group `group`.
    Joined { member: i64, group: String },
    /// 双报到: the member who registers (one).
    Register,
    /// The village every tab opens on (one; "every village" first).
    Village,
}

/// One row: its id, the cells shown, the text the filter matches, whether
/// it carries a warning (an exempt member, a move), and whether it shows
/// only when the filter names it (exempt members are not offered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    pub id: i64,
    pub cells: Vec<String>,
    pub search: String,
    pub warn: bool,
    pub hidden: bool,
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub kind: PickKind,
    pub title: String,
    /// Column header keys and widths.
    pub columns: Vec<(&'static str, usize)>,
    pub items: Vec<PickItem>,
    pub filter: String,
    /// Indexes into `items` the filter keeps.
    pub kept: Vec<usize>,
    /// The window: indexes into `kept`.
    pub list: ListView<usize>,
    pub chosen: Vec<i64>,
    pub multi: bool,
}

/// Rows a picker shows at once.
pub const PICK_ROWS: usize = 12;

impl Picker {
    pub fn new(kind: PickKind, title: String, columns: Vec<(&'static str, usize)>, items: Vec<PickItem>, multi: bool) -> Picker {
        let mut p = Picker {
            kind,
            title,
            columns,
            items,
            filter: String::new(),
            kept: Vec::new(),
            list: ListView::default(),
            chosen: Vec::new(),
            multi,
        };
        p.refilter();
        p
    }

    /// Applies the filter and puts the window back at the top.
    pub fn refilter(&mut self) {
        let typed = !self.filter.trim().is_empty();
        let m = search::Matcher::new(&self.filter);
        self.kept =
            self.items.iter().enumerate().filter(|(_, it)| (typed || !it.hidden) && m.matches(&it.search)).map(|(i, _)| i).collect();
        self.list.selected = 0;
        self.list.top = 0;
        self.settle();
    }

    /// Keeps the selection on screen and the window's rows current.
    pub fn settle(&mut self) {
        self.list.total = self.kept.len();
        self.list.clamp(PICK_ROWS);
        self.list.rows = (self.list.top..self.kept.len().min(self.list.top + PICK_ROWS)).collect();
    }

    pub fn current(&self) -> Option<&PickItem> {
        self.kept.get(self.list.selected).and_then(|i| self.items.get(*i))
    }

    pub fn is_chosen(&self, id: i64) -> bool {
        self.chosen.contains(&id)
    }

    /// Space: chooses or drops the current row (several-row pickers).
    pub fn toggle(&mut self) {
        let Some(id) = self.current().map(|it| it.id) else { return };
        if !self.multi {
            return;
        }
        match self.chosen.iter().position(|c| *c == id) {
            Some(i) => {
                self.chosen.remove(i);
            }
            None => self.chosen.push(id),
        }
        self.list.move_by(1);
        self.settle();
    }

    /// Chooses every row the filter keeps, or drops them all when all are chosen.
    pub fn toggle_all(&mut self) {
        if !self.multi {
            return;
        }
        let shown: Vec<i64> = self.kept.iter().filter_map(|i| self.items.get(*i)).map(|it| it.id).collect();
        if shown.iter().all(|id| self.chosen.contains(id)) {
            self.chosen.retain(|id| !shown.contains(id));
        } else {
            for id in shown {
                if !self.chosen.contains(&id) {
                    self.chosen.push(id);
                }
            }
        }
    }

    /// What Enter takes: the chosen rows, or the current one when none is.
    pub fn taken(&self) -> Vec<i64> {
        if self.multi && !self.chosen.is_empty() {
            return self.items.iter().map(|it| it.id).filter(|id| self.chosen.contains(id)).collect();
        }
        self.current().map(|it| vec![it.id]).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, name: &str, key: &str) -> PickItem {
        PickItem { id, cells: vec![name.into()], search: format!("{name} {key}"), warn: false, hidden: false }
    }

    #[test]
    fn filtering_choosing_and_taking() {
        let items = vec![item(1, "张三丰", "zsf"), item(2, "李四", "ls"), item(3, "张飞", "zf")];
        let kind = PickKind::Households { member: 9, name: "王芳".into() };
        let mut p = Picker::new(kind, String::new(), vec![("col.head", 8)], items, true);
        assert_eq!(p.taken(), vec![1], "nothing chosen: the current row");
        p.filter = "z".into();
        p.refilter();
        assert_eq!(p.kept, vec![0, 2]);
        p.toggle();
        p.toggle();
        assert_eq!(p.taken(), vec![1, 3]);
        p.toggle_all();
        assert!(p.chosen.is_empty(), "all shown were chosen: all dropped");
        p.toggle_all();
        assert_eq!(p.taken(), vec![1, 3]);
    }
}
