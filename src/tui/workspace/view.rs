//! The workspace's overlays: the selection's key bar, the note editor, the find bar and the
//! picker (your notes, recent documents). Each turns keys into [`NotesMsg`]s; `ui` draws it from
//! the notes' state ([`FeatureWindow`]).

use super::select::Move;
use super::{Layer, Notes, NotesMsg};
use crate::text::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap, Mode};
use crate::tui::msg::Msg;
use crate::tui::overlay::OverlayContext;
use crate::tui::overlay::{FeatureWindow, Outcome, Overlay, window};
use crate::workspace::Colour;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

/// The overlay for a layer.
pub fn overlay(layer: Layer) -> Box<dyn Overlay> {
    match layer {
        Layer::Select => Box::new(SelectBar),
        Layer::NoteEditor => Box::new(NoteEditor),
        Layer::Find => Box::new(FindBar),
        Layer::Picker => Box::new(PickerWindow),
        Layer::Label => Box::new(super::label::LabelBar),
    }
}

fn send(m: NotesMsg) -> Outcome {
    Outcome::Send(Msg::Notes(m))
}

fn close_and_send(m: NotesMsg) -> Outcome {
    Outcome::CloseAndSend(Msg::Notes(m))
}

fn ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(c)
}

/// A bar of one line just above the status line.
pub(super) fn bar(app: &OverlayContext, area: Rect, text: &str, buf: &mut Buffer) {
    if area.height < 2 {
        return;
    }
    let row = Rect {
        y: area.bottom() - 2,
        height: 1,
        ..area
    };
    Clear.render(row, buf);
    buf.set_stringn(
        row.x,
        row.y,
        text,
        row.width as usize,
        app.theme.get("status_hint"),
    );
}

/// The colour a highlight action stands for.
fn colour_of(action: Action) -> Colour {
    match action {
        Action::HighlightGreen => Colour::Green,
        Action::HighlightBlue => Colour::Blue,
        Action::HighlightPink => Colour::Pink,
        Action::HighlightOrange => Colour::Orange,
        _ => Colour::Yellow,
    }
}

pub struct SelectBar;

impl SelectBar {
    pub const NAME: &'static str = "select";
}

impl Overlay for SelectBar {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    /// The keymap's `select` table, so every key here can be rebound.
    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome {
        // The concordance of what is selected (its key in the reader).
        if keymap.action(Mode::Reader, Key::from_event(key)) == Some(Action::Concordance) {
            use crate::tui::msg::ConcordanceMsg;
            return Outcome::CloseAndSend(Msg::Concordance(ConcordanceMsg::OfSelection));
        }
        let Some(action) = keymap.action(Mode::Select, Key::from_event(key)) else {
            return Outcome::Consumed;
        };
        let m = match action {
            Action::SelectLeft => Move::Left,
            Action::SelectRight => Move::Right,
            Action::SelectWordRight => Move::WordRight,
            Action::SelectWordLeft => Move::WordLeft,
            Action::SelectStart => Move::Start,
            Action::SelectEnd => Move::End,
            Action::SelectSwap => Move::Swap,
            Action::SelectOtherLanguage => Move::OtherLanguage,
            Action::HighlightYellow
            | Action::HighlightGreen
            | Action::HighlightBlue
            | Action::HighlightPink
            | Action::HighlightOrange => {
                return close_and_send(NotesMsg::Highlight(colour_of(action)));
            }
            Action::Annotate => return close_and_send(NotesMsg::StartNote),
            Action::CopyPassage => return close_and_send(NotesMsg::CopySelection),
            Action::Back => return close_and_send(NotesMsg::CancelSelection),
            Action::Quit => return Outcome::Pass,
            _ => return Outcome::Consumed,
        };
        send(NotesMsg::Move(m))
    }

    fn feature_window(&self) -> Option<FeatureWindow> {
        Some(FeatureWindow::Select)
    }
}

impl SelectBar {
    /// Draws the bar from the workspace's state (`ui` calls it for this [`FeatureWindow`]).
    pub fn draw_window(notes: &Notes, app: &OverlayContext<'_>, area: Rect, buf: &mut Buffer) {
        let n = notes.selection.map_or(0, |s| s.chars().len());
        let k = |a: Action| {
            (app.keymap.hint(Mode::Select, a)).map_or_else(|| "-".to_string(), |k| k.to_string())
        };
        let text = format!(
            " select ({n} chars): {}/{} {}/{} {}/{} extend · {} other end · {} language · {}-{} highlight · {} note · {} copy · {}",
            k(Action::SelectLeft),
            k(Action::SelectRight),
            k(Action::SelectWordRight),
            k(Action::SelectWordLeft),
            k(Action::SelectStart),
            k(Action::SelectEnd),
            k(Action::SelectSwap),
            k(Action::SelectOtherLanguage),
            k(Action::HighlightYellow),
            k(Action::HighlightOrange),
            k(Action::Annotate),
            k(Action::CopyPassage),
            k(Action::Back),
        );
        bar(app, area, &text, buf);
    }
}

pub struct NoteEditor;

impl NoteEditor {
    pub const NAME: &'static str = "note";
}

impl Overlay for NoteEditor {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    fn handle_key(&mut self, key: &KeyEvent, _: &Keymap) -> Outcome {
        if ctrl(key, 's') {
            return close_and_send(NotesMsg::SaveNote);
        }
        if key.code == KeyCode::Esc {
            return close_and_send(NotesMsg::CancelNote);
        }
        send(NotesMsg::NoteKey(*key))
    }

    fn feature_window(&self) -> Option<FeatureWindow> {
        Some(FeatureWindow::Note)
    }
}

impl NoteEditor {
    /// Draws the bar from the workspace's state (`ui` calls it for this [`FeatureWindow`]).
    pub fn draw_window(notes: &Notes, app: &OverlayContext<'_>, area: Rect, buf: &mut Buffer) {
        let inner = window(
            app.theme,
            area,
            70,
            12,
            " Note (Markdown) · ctrl-s save · esc leave ",
            buf,
        );
        let lines: Vec<&str> = notes.draft.split('\n').collect();
        let skip = lines.len().saturating_sub(inner.height as usize);
        for (i, line) in lines.iter().skip(skip).enumerate() {
            let shown = sanitize(line);
            let text = if skip + i + 1 == lines.len() {
                format!("{shown}▏")
            } else {
                shown.into_owned()
            };
            buf.set_stringn(
                inner.x,
                inner.y + i as u16,
                text,
                inner.width as usize,
                ratatui::style::Style::default(),
            );
        }
    }
}

pub struct FindBar;

impl FindBar {
    pub const NAME: &'static str = "find";
}

impl Overlay for FindBar {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    /// The keymap's `filter` table (the one for typing, as in the search window).
    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome {
        match keymap.action(Mode::Filter, Key::from_event(key)) {
            Some(Action::Back) => close_and_send(NotesMsg::FindClose),
            // Enter keeps the matches: n / N step through them in the reader.
            Some(Action::Open) => Outcome::Close,
            Some(Action::Down) => send(NotesMsg::FindStep(true)),
            Some(Action::Up) => send(NotesMsg::FindStep(false)),
            Some(Action::Quit) => Outcome::Pass,
            Some(_) => Outcome::Consumed,
            // The key that opened the find steps on, as in most editors.
            None if keymap.action(Mode::Reader, Key::from_event(key))
                == Some(Action::FindInDocument) =>
            {
                send(NotesMsg::FindStep(true))
            }
            None => send(NotesMsg::FindKey(*key)),
        }
    }

    fn feature_window(&self) -> Option<FeatureWindow> {
        Some(FeatureWindow::Find)
    }
}

impl FindBar {
    /// Draws the bar from the workspace's state (`ui` calls it for this [`FeatureWindow`]).
    pub fn draw_window(notes: &Notes, app: &OverlayContext<'_>, area: Rect, buf: &mut Buffer) {
        let f = &notes.find;
        let count = if f.active() { f.count() } else { String::new() };
        let text = format!(
            " find: {}▏  {count}   (enter keep · ↓↑ next/prev · esc)",
            sanitize(&f.query)
        );
        bar(app, area, &text, buf);
    }
}

pub struct PickerWindow;

impl PickerWindow {
    pub const NAME: &'static str = "picker";
}

impl Overlay for PickerWindow {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    /// The keymap's `filter` table (the one for typing).
    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome {
        match keymap.action(Mode::Filter, Key::from_event(key)) {
            Some(Action::Back) => Outcome::Close,
            Some(Action::Open) => close_and_send(NotesMsg::PickerOpen),
            Some(Action::Down) => send(NotesMsg::PickerStep(1)),
            Some(Action::Up) => send(NotesMsg::PickerStep(-1)),
            Some(Action::PageDown) => send(NotesMsg::PickerStep(10)),
            Some(Action::PageUp) => send(NotesMsg::PickerStep(-10)),
            Some(Action::Quit) => Outcome::Pass,
            Some(_) => Outcome::Consumed,
            None => send(NotesMsg::PickerKey(*key)),
        }
    }

    fn feature_window(&self) -> Option<FeatureWindow> {
        Some(FeatureWindow::Picker)
    }
}

impl PickerWindow {
    /// Draws the bar from the workspace's state (`ui` calls it for this [`FeatureWindow`]).
    pub fn draw_window(notes: &Notes, app: &OverlayContext<'_>, area: Rect, buf: &mut Buffer) {
        let p = &notes.picker;
        let inner = window(app.theme, area, 90, 20, p.title, buf);
        let mut y = inner.y;
        if let Some(q) = &p.query {
            let line = format!("{}▏  (words, note:, tag:, collection:)", sanitize(q));
            buf.set_stringn(
                inner.x,
                y,
                line,
                inner.width as usize,
                app.theme.get("filter"),
            );
            y += 1;
        }
        if p.items.is_empty() {
            buf.set_stringn(
                inner.x,
                y,
                "nothing yet",
                inner.width as usize,
                app.theme.get("panel_label"),
            );
            return;
        }
        let rows = (inner.bottom().saturating_sub(y)) as usize;
        let skip = p.selected.saturating_sub(rows.saturating_sub(1));
        for (i, item) in p.items.iter().enumerate().skip(skip).take(rows) {
            let style = if i == p.selected {
                app.theme.get("selected")
            } else {
                ratatui::style::Style::default()
            };
            buf.set_stringn(
                inner.x,
                y,
                sanitize(&item.label),
                inner.width as usize,
                style,
            );
            y += 1;
        }
    }
}
