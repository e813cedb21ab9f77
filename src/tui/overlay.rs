//! Overlays: windows drawn over the panes (help, search, cards, the timeline). They form a
//! stack; the top one sees keys first and may consume them. What an overlay asks of the rest
//! of the reader it says as a [`Msg`], which goes through `App::handle` like any other.
//!
//! An overlay draws from an [`OverlayContext`] (theme, keymap, corpus: read-only), never
//! from the app, so the overlays import nothing above them. A window that shows a feature's
//! state (the workspace's bars, the concordance, the comparison: their answers arrive while
//! they show, so the feature keeps it) names itself as a [`FeatureWindow`] instead, and
//! `ui`, which reads every feature, draws it from that state, typed, in stack order.
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
}

/// A window drawn from a feature's state, which `ui` passes to that feature's `draw_window`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeatureWindow {
    /// The workspace's selection bar (`workspace::view::SelectBar`).
    Select,
    /// The note editor (`workspace::view::NoteEditor`).
    Note,
    /// The find bar (`workspace::view::FindBar`).
    Find,
    /// The picker of notes and recent documents (`workspace::view::PickerWindow`).
    Picker,
    /// The tag and collection line (`workspace::label::LabelBar`).
    Label,
    /// The translation concordance (`concordance::view::ConcordanceWindow`).
    Concordance,
    /// The comparison of two documents (`compare::view::CompareWindow`).
    Compare,
}

pub trait Overlay {
    /// For tests and debugging: which overlay this is.
    fn name(&self) -> &'static str;
    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome;
    /// Draws over `area` (the whole screen); pure: reads the context, writes only the buffer.
    /// A [`FeatureWindow`] draws nothing here.
    fn draw(&self, _ctx: &OverlayContext<'_>, _area: Rect, _buf: &mut Buffer) {}
    /// `Some` for a window that `ui` draws from a feature's state instead of [`Overlay::draw`].
    fn feature_window(&self) -> Option<FeatureWindow> {
        None
    }
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
/// Up, Down, Page (to the end or the top) and Top/Bottom; returns whether the action was one
/// of these.
pub fn list_keys(action: Action, selected: &mut usize, len: usize) -> bool {
    list_keys_by(action, selected, len, len)
}

/// [`list_keys`] where Page moves `page` items (compare's lists move by ten).
pub fn list_keys_by(action: Action, selected: &mut usize, len: usize, page: usize) -> bool {
    let last = len.saturating_sub(1);
    match action {
        Action::Down => *selected = (*selected + 1).min(last),
        Action::Up => *selected = selected.saturating_sub(1),
        Action::PageDown => *selected = (*selected + page).min(last),
        Action::PageUp => *selected = selected.saturating_sub(page),
        Action::Bottom => *selected = last,
        Action::Top => *selected = 0,
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
