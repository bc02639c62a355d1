//! Moving around: switching tabs, and stepping through whatever is on top
//! (the report box, help, the conflict screen, a picker, else the tab's
//! pane).

use super::App;
use super::overlay::Overlay;
use super::reload::reload;
use super::screen::Tab;
use crate::store::{Store, StoreError};

pub(super) fn switch(app: &mut App, store: &mut Store, tab: Tab) -> Result<(), StoreError> {
    app.tab = tab;
    // A filter being typed belongs to the tab left.
    app.overlays.retain(|o| !matches!(o, Overlay::Filter(_)));
    reload(app, store)
}

/// Moves by `delta` in what is on top; the tab's pane only when nothing
/// that scrolls by itself lies over it.
pub(super) fn step(app: &mut App, store: &mut Store, delta: isize) -> Result<(), StoreError> {
    match app.overlays.last_mut() {
        Some(Overlay::Report(r)) => r.offset = r.offset.saturating_add_signed(delta.clamp(-100_000, 100_000)),
        Some(Overlay::Help(h)) => *h = h.saturating_add_signed(delta.clamp(-1000, 1000)),
        Some(Overlay::Conflict(c)) => c.step(delta.signum()),
        Some(Overlay::Picker(p)) => {
            p.list.move_by(delta);
            p.settle();
        }
        Some(Overlay::Form(_) | Overlay::Confirm(_) | Overlay::Coverage(_) | Overlay::Welcome) => {}
        None | Some(Overlay::Filter(_)) => {
            app.tabs.get_mut(app.tab).step(delta);
            return reload(app, store);
        }
    }
    Ok(())
}
