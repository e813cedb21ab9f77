//! Overlays: windows drawn over the panes (help now; search, link cards later). They form a
//! stack; the top one sees keys first and may consume them.
//!
//! To add one: implement [`Overlay`] and push it with `app.overlays.push(Box::new(…))`
//! (for instance from a new `Action` arm in `App::update`).

use super::app::App;
use super::keymap::Keymap;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// What an overlay did with a key.
pub enum Outcome {
    /// Handled; nothing else sees the key.
    Consumed,
    /// Handled, and the overlay is done: it is popped.
    Close,
    /// Not for this overlay: the next layer (finally the panes) gets the key.
    Pass,
    /// Handled; run this on the app (open a document at a block, post a message, …).
    Run(Box<dyn FnOnce(&mut App)>),
    /// Like `Run`, and the overlay is popped first.
    CloseAndRun(Box<dyn FnOnce(&mut App)>),
}

pub trait Overlay {
    /// For tests and debugging: which overlay this is.
    fn name(&self) -> &'static str;
    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome;
    /// Draws over `area` (the whole screen); pure: reads the app, writes only the buffer.
    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer);
}

#[derive(Default)]
pub struct OverlayStack {
    layers: Vec<Box<dyn Overlay>>,
}

impl std::fmt::Debug for OverlayStack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.layers.iter().map(|l| l.name()))
            .finish()
    }
}

impl OverlayStack {
    pub fn push(&mut self, overlay: Box<dyn Overlay>) {
        self.layers.push(overlay);
    }

    pub fn pop(&mut self) -> Option<Box<dyn Overlay>> {
        self.layers.pop()
    }

    pub fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }

    pub fn top_name(&self) -> Option<&'static str> {
        self.layers.last().map(|l| l.name())
    }

    pub fn iter(&self) -> impl Iterator<Item = &dyn Overlay> {
        self.layers.iter().map(|l| l.as_ref())
    }

    pub(crate) fn top_mut(&mut self) -> Option<&mut Box<dyn Overlay>> {
        self.layers.last_mut()
    }
}
