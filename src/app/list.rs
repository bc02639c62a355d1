//! A scrolling list: the window of rows on screen, out of `total`, the
//! selection kept inside it, and the ordered ids a filter narrows.

/// A scrolling list: the window of rows on screen, out of `total`.
#[derive(Debug, Clone)]
pub struct ListView<T> {
    pub rows: Vec<T>,
    pub total: usize,
    /// Absolute index of the selected row.
    pub selected: usize,
    /// Absolute index of the first row on screen (= offset of `rows`).
    pub top: usize,
    pub filter: String,
    pub show_archived: bool,
    /// Whether `total` is still right: cleared by writes and filter changes,
    /// so that moving through a list never recounts it.
    pub counted: bool,
    /// Every matching row in order, as indexes into `keyed` (households,
    /// members): the window is read by id, so a move reads only the rows on
    /// screen.
    pub kept: Vec<usize>,
    /// The filter `kept` was made for: typing more narrows `kept` itself.
    pub kept_for: Option<String>,
    /// Every row's (id, search key) in order, before the filter: typing
    /// narrows it in memory. Fetched again after writes and sort changes.
    pub keyed: Vec<(i64, String)>,
    pub keyed_fresh: bool,
    /// The row to keep selected when the rows are read again after a write.
    pub follow: Option<i64>,
}

impl<T> Default for ListView<T> {
    fn default() -> Self {
        ListView {
            rows: Vec::new(),
            total: 0,
            selected: 0,
            top: 0,
            filter: String::new(),
            show_archived: false,
            counted: false,
            kept: Vec::new(),
            kept_for: None,
            keyed: Vec::new(),
            keyed_fresh: false,
            follow: None,
        }
    }
}

impl<T> ListView<T> {
    pub fn current(&self) -> Option<&T> {
        self.selected.checked_sub(self.top).and_then(|i| self.rows.get(i))
    }

    /// Keeps the selection inside the list and on screen (`height` rows).
    pub fn clamp(&mut self, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(self.total.saturating_sub(1));
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + height {
            self.top = self.selected + 1 - height;
        }
        self.top = self.top.min(self.total.saturating_sub(height));
    }

    /// A new quick filter: back to the first row, counted again.
    pub fn set_filter(&mut self, filter: String) {
        self.filter = filter;
        self.selected = 0;
        self.top = 0;
        self.counted = false;
    }

    /// Read the ordered ids again after a write; the selection stays on
    /// the row it is on.
    pub fn forget(&mut self) {
        if self.keyed_fresh {
            self.follow = self.kept.get(self.selected).and_then(|i| self.keyed.get(*i)).map(|(id, _)| *id);
        }
        self.counted = false;
        self.keyed_fresh = false;
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = self.selected.saturating_add_signed(delta);
    }

    /// The ids of the rows on screen (`height` of them). The ordered
    /// (id, search key) list is fetched with `fetch(show_archived)` only
    /// when stale, and narrowed by the filter only when the filter changed.
    pub fn window_ids(
        &mut self,
        height: usize,
        fetch: impl FnOnce(bool) -> Result<Vec<(i64, String)>, crate::store::StoreError>,
    ) -> Result<Vec<i64>, crate::store::StoreError> {
        // After a write the rows are read again in their new order: the
        // selection stays on the row it was on (a concern moved on, a
        // household renamed), wherever that row now sorts.
        let was = self.follow.take();
        if !self.keyed_fresh {
            self.keyed = fetch(self.show_archived)?;
            self.keyed_fresh = true;
            self.counted = false;
            self.kept_for = None;
        }
        if !self.counted {
            use crate::domain::search::{Matcher, narrows};
            let m = Matcher::new(&self.filter);
            let keyed = &self.keyed;
            let found = |i: &usize| keyed.get(*i).is_some_and(|(_, key)| m.matches(key));
            self.kept = match &self.kept_for {
                Some(old) if narrows(old, &self.filter) => self.kept.iter().copied().filter(found).collect(),
                _ => (0..keyed.len()).filter(found).collect(),
            };
            self.kept_for = Some(self.filter.clone());
            self.total = self.kept.len();
            self.counted = true;
            if let Some(at) = was.and_then(|id| self.kept.iter().position(|i| self.keyed.get(*i).is_some_and(|(k, _)| *k == id))) {
                self.selected = at;
            }
        }
        self.clamp(height);
        Ok(self.kept.iter().skip(self.top).take(height).filter_map(|i| self.keyed.get(*i).map(|(id, _)| *id)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::ListView;
    use crate::domain::search::key;

    #[test]
    fn typing_narrows_the_kept_rows_and_deleting_widens_them_again() {
        let names = ["张三丰", "张三", "赵四", "周树人", "李四"];
        let mut l: ListView<()> = ListView::default();
        let fetch = |_| Ok(names.iter().enumerate().map(|(i, n)| (i as i64, key(&[n]))).collect());
        let ids = |l: &mut ListView<()>, filter: &str| {
            l.filter = filter.to_string();
            l.counted = false;
            l.window_ids(10, fetch).unwrap()
        };
        assert_eq!(ids(&mut l, "z"), vec![0, 1, 2, 3]);
        assert_eq!(ids(&mut l, "zs"), vec![0, 1, 2, 3]);
        assert_eq!(ids(&mut l, "zsf"), vec![0]);
        assert_eq!(ids(&mut l, "zs"), vec![0, 1, 2, 3], "back to what zs finds among all");
        assert_eq!(ids(&mut l, "四"), vec![2, 4]);
        assert_eq!(ids(&mut l, ""), vec![0, 1, 2, 3, 4]);
    }

    /// A list of `total` rows at `height` rows a screen, moved as the keys
    /// move it (move_by, then clamp, as `update` does).
    fn list(total: usize) -> ListView<()> {
        ListView { total, ..ListView::default() }
    }

    fn moved(l: &mut ListView<()>, delta: isize, height: usize) -> (usize, usize) {
        l.move_by(delta);
        l.clamp(height);
        (l.selected, l.top)
    }

    #[test]
    fn page_down_home_end_and_the_clamp() {
        let mut l = list(100);
        assert_eq!(moved(&mut l, 17, 17), (17, 1), "one page down: the selection on the last row shown");
        assert_eq!(moved(&mut l, 17, 17), (34, 18));
        assert_eq!(moved(&mut l, isize::MAX / 2, 17), (99, 83), "End: the last row, the window full");
        assert_eq!(moved(&mut l, -17, 17), (82, 82));
        assert_eq!(moved(&mut l, isize::MIN / 2, 17), (0, 0), "Home");
        assert_eq!(moved(&mut l, -1, 17), (0, 0), "never above the first");
    }

    #[test]
    fn a_short_list_and_an_empty_one_stay_put() {
        let mut l = list(5);
        assert_eq!(moved(&mut l, 17, 17), (4, 0), "the window never scrolls past a list shorter than it");
        let mut e = list(0);
        assert_eq!(moved(&mut e, 1, 17), (0, 0));
        assert!(e.current().is_none());
    }

    #[test]
    fn a_shrinking_list_pulls_the_selection_back() {
        let mut l = list(100);
        moved(&mut l, 90, 10);
        l.total = 20;
        l.clamp(10);
        assert_eq!((l.selected, l.top), (19, 10));
    }
}
