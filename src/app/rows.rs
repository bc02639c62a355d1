//! Rows held in memory with a window over them: 考评's lists and each 台账
//! pane. A pane's rows remember what they were read for (village and period),
//! so switching back reads nothing, and a write forgets them all.

use super::list::ListView;

/// A list over rows held in memory: its window is their indexes.
pub fn window(l: &mut ListView<usize>, total: usize, height: usize) {
    l.total = total;
    l.clamp(height);
    l.rows = (l.top..total.min(l.top + height)).collect();
}

#[derive(Debug, Clone)]
pub struct Rows<T, K> {
    pub all: Vec<T>,
    /// The window: indexes into `all`.
    pub list: ListView<usize>,
    /// What `all` was read for; None: not read, or forgotten after a write.
    pub loaded: Option<K>,
}

impl<T, K> Default for Rows<T, K> {
    fn default() -> Self {
        Rows { all: Vec::new(), list: ListView::default(), loaded: None }
    }
}

impl<T, K: PartialEq> Rows<T, K> {
    pub fn current(&self) -> Option<&T> {
        self.list.current().and_then(|i| self.all.get(*i))
    }

    /// The rows on screen.
    pub fn shown(&self) -> impl Iterator<Item = &T> {
        self.list.rows.iter().filter_map(|i| self.all.get(*i))
    }

    /// The selected row's place on screen.
    pub fn selected_on_screen(&self) -> Option<usize> {
        self.list.selected.checked_sub(self.list.top)
    }

    /// Whether the rows must be read for `key`.
    pub fn needs(&self, key: &K) -> bool {
        self.loaded.as_ref() != Some(key)
    }

    /// Reads the rows for `key` unless they are already; the selection
    /// stays on the same row (by `id`) when it is still there.
    pub fn read<I: PartialEq, E>(&mut self, key: K, id: impl Fn(&T) -> I, read: impl FnOnce() -> Result<Vec<T>, E>) -> Result<(), E> {
        if !self.needs(&key) {
            return Ok(());
        }
        let was = self.current().map(&id);
        self.all = read()?;
        if let Some(i) = was.and_then(|w| self.all.iter().position(|r| id(r) == w)) {
            self.list.selected = i;
        }
        self.loaded = Some(key);
        Ok(())
    }

    pub fn window(&mut self, height: usize) {
        window(&mut self.list, self.all.len(), height);
    }
}
