//! The workspace's overlays: the selection's key bar, the note editor, the find bar and the
//! picker (your notes, recent documents). Each turns keys into [`NotesMsg`]s and draws from
//! the notes' state in the [`OverlayContext`] only.

use super::select::Move;
use super::{Layer, NotesMsg};
use crate::text::sanitize::sanitize;
use crate::tui::keymap::{Key, Keymap, Mode};
use crate::tui::msg::Msg;
use crate::tui::overlay::OverlayContext;
use crate::tui::overlay::{Outcome, Overlay, window};
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
fn bar(app: &OverlayContext, area: Rect, text: &str, buf: &mut Buffer) {
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

pub struct SelectBar;

impl SelectBar {
    pub const NAME: &'static str = "select";
}

impl Overlay for SelectBar {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome {
        if ctrl(key, 'c') {
            return Outcome::Pass;
        }
        // The concordance of what is selected (its key in the reader).
        let reader_key = keymap.action(Mode::Reader, Key::from_event(key));
        if reader_key == Some(crate::tui::action::Action::Concordance) {
            use crate::tui::concordance::ConcordanceMsg;
            return Outcome::CloseAndSend(Msg::Concordance(ConcordanceMsg::OfSelection));
        }
        let m = match key.code {
            KeyCode::Left | KeyCode::Char('h') => Move::Left,
            KeyCode::Right | KeyCode::Char('l') => Move::Right,
            KeyCode::Char('w') => Move::WordRight,
            KeyCode::Char('b') => Move::WordLeft,
            KeyCode::Char('0') | KeyCode::Home => Move::Start,
            KeyCode::Char('$') | KeyCode::End => Move::End,
            KeyCode::Char('o') => Move::Swap,
            KeyCode::Tab => Move::OtherLanguage,
            KeyCode::Char(c @ '1'..='5') => {
                let colour = Colour::ALL[(c as u8 - b'1') as usize];
                return close_and_send(NotesMsg::Highlight(colour));
            }
            KeyCode::Char('a') | KeyCode::Enter => return close_and_send(NotesMsg::StartNote),
            KeyCode::Char('C') => return close_and_send(NotesMsg::CopySelection),
            KeyCode::Esc | KeyCode::Char('q') => return close_and_send(NotesMsg::CancelSelection),
            _ => return Outcome::Consumed,
        };
        send(NotesMsg::Move(m))
    }

    fn draw(&self, app: &OverlayContext, area: Rect, buf: &mut Buffer) {
        let n = app.notes.selection.map_or(0, |s| s.chars().len());
        let text = format!(
            " select ({n} chars): h/l w/b 0/$ extend · o other end · tab language · 1-5 highlight · a note · C copy · esc"
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

    fn draw(&self, app: &OverlayContext, area: Rect, buf: &mut Buffer) {
        let inner = window(
            app.theme,
            area,
            70,
            12,
            " Note (Markdown) · ctrl-s save · esc leave ",
            buf,
        );
        let lines: Vec<&str> = app.notes.draft.split('\n').collect();
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

    fn handle_key(&mut self, key: &KeyEvent, _: &Keymap) -> Outcome {
        match key.code {
            KeyCode::Esc => close_and_send(NotesMsg::FindClose),
            // Enter keeps the matches: n / N step through them in the reader.
            KeyCode::Enter => Outcome::Close,
            KeyCode::Down => send(NotesMsg::FindStep(true)),
            KeyCode::Up => send(NotesMsg::FindStep(false)),
            _ if ctrl(key, 'n') || ctrl(key, 'f') => send(NotesMsg::FindStep(true)),
            _ if ctrl(key, 'p') => send(NotesMsg::FindStep(false)),
            _ if ctrl(key, 'c') => Outcome::Pass,
            _ => send(NotesMsg::FindKey(*key)),
        }
    }

    fn draw(&self, app: &OverlayContext, area: Rect, buf: &mut Buffer) {
        let f = &app.notes.find;
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

    fn handle_key(&mut self, key: &KeyEvent, _: &Keymap) -> Outcome {
        match key.code {
            KeyCode::Esc => Outcome::Close,
            KeyCode::Enter => close_and_send(NotesMsg::PickerOpen),
            KeyCode::Down => send(NotesMsg::PickerStep(1)),
            KeyCode::Up => send(NotesMsg::PickerStep(-1)),
            KeyCode::PageDown => send(NotesMsg::PickerStep(10)),
            KeyCode::PageUp => send(NotesMsg::PickerStep(-10)),
            _ if ctrl(key, 'n') => send(NotesMsg::PickerStep(1)),
            _ if ctrl(key, 'p') => send(NotesMsg::PickerStep(-1)),
            _ if ctrl(key, 'c') => Outcome::Pass,
            _ => send(NotesMsg::PickerKey(*key)),
        }
    }

    fn draw(&self, app: &OverlayContext, area: Rect, buf: &mut Buffer) {
        let p = &app.notes.picker;
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
