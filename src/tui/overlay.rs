//! Overlays: windows drawn over the panes (help, search, cards, the timeline). They form a
//! stack; the top one sees keys first and may consume them. What an overlay asks of the rest
//! of the reader it says as a [`Msg`], which goes through `App::handle` like any other.
//!
//! An overlay draws from an [`OverlayContext`] (theme, keymap, corpus: read-only), never
//! from the app, so the overlays import nothing above them.
//!
//! To add one: implement [`Overlay`] and push it with `app.overlays.push(Box::new(…))`
//! (for instance from a new `Action` arm in `App::update`). [`list_keys`] moves a selection
//! the way every list overlay does, and [`window`] draws the bordered window.

use super::action::Action;
use super::keymap::Keymap;
use super::msg::Msg;
use super::theme::Theme;
use crate::corpus::Corpus;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

/// What an overlay did with a key.
pub enum Outcome {
    /// Handled; nothing else sees the key.
    Consumed,
    /// Handled, and the overlay is done: it is popped.
    Close,
    /// Not for this overlay: the next layer (finally the panes) gets the key.
    Pass,
    /// Handled; the reader is to carry out this message (edit the query, open a result).
    Send(Msg),
    /// Like `Send`, and the overlay is popped first.
    CloseAndSend(Msg),
}

/// What an overlay may read while it draws.
pub struct OverlayContext<'a> {
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub corpus: &'a Corpus,
    /// The workspace's state (`workspace::Notes`: selection, draft, find, picker), which its
    /// bars and windows downcast to draw. As `Any` so that the overlays' floor names no
    /// feature (features import the floor, never the other way).
    pub notes: &'a dyn std::any::Any,
    /// The concordance window's term and answer (`concordance::ConcordanceView`, downcast by
    /// its window, as `notes`).
    pub concordance: &'a dyn std::any::Any,
    /// The compare window's choice or comparison (`compare::CompareView`, downcast likewise).
    pub compare: &'a dyn std::any::Any,
}

pub trait Overlay {
    /// For tests and debugging: which overlay this is.
    fn name(&self) -> &'static str;
    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome;
    /// Draws over `area` (the whole screen); pure: reads the context, writes only the buffer.
    fn draw(&self, ctx: &OverlayContext<'_>, area: Rect, buf: &mut Buffer);
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

    pub fn len(&self) -> usize {
        self.layers.len()
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

/// The keys of a list overlay (cards, the timeline): moves `selected` among `len` items for
/// Up, Down, Page and Top/Bottom; returns whether the action was one of these.
pub fn list_keys(action: Action, selected: &mut usize, len: usize) -> bool {
    let last = len.saturating_sub(1);
    match action {
        Action::Down => *selected = (*selected + 1).min(last),
        Action::Up => *selected = selected.saturating_sub(1),
        Action::PageDown | Action::Bottom => *selected = last,
        Action::PageUp | Action::Top => *selected = 0,
        _ => return false,
    }
    true
}

/// Clears a `width` × `height` window centred in `area` (both clamped to it), draws its
/// border and title, and returns the inside to draw into.
pub fn window(
    theme: &Theme,
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
    buf: &mut Buffer,
) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.get("border"))
        .title(title.to_string());
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}
