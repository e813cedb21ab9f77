//! Where each [`Effect`] is carried out: [`App::apply`], one match over every effect a
//! feature can return, each handed to the feature that owns it (most through `routing.rs`
//! and `parallel_routing.rs`). Part of the top layer, beside the router in `app.rs`.

use super::action::Action;
use super::app::App;
use super::effect::Effect;
use super::focus::{Focus, Screen};

impl App {
    /// Carries out what a feature asked for, each by the feature that owns it.
    pub fn apply(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::OpenDocument(i) => self.open_document(i),
                Effect::OpenAt(i, block) => self.open_at(i, block),
                Effect::ReturnTo(place) => self.return_to(place),
                Effect::CloseReader => self.close_reader(),
                Effect::ShowReader => {
                    if self.reader.is_some() {
                        self.screen = Screen::Reader;
                        self.focus = Focus::Reader;
                    }
                }
                Effect::OpenTimeline => self.open_timeline(),
                Effect::ShowCard(target) => self.show_card(target),
                Effect::ShowBacklinks(doc) => self.show_backlinks(doc),
                Effect::FocusPanel(on) => self.focus_panel(on),
                Effect::NextFootnote => self.reader_action(Action::NextFootnote),
                Effect::PrevFootnote => self.reader_action(Action::PrevFootnote),
                Effect::ShowFootnote(id) => self.panel.show_footnote(id),
                Effect::ShowPanel(open) => self.panel.open = open,
                Effect::ViewChanged => self.view_changed(),
                Effect::SentenceClicked { block, lang, at } => {
                    let effects = self.parallel.click(block, lang, at, &self.theme);
                    self.apply(effects);
                }
                Effect::MoveCursor(block) => {
                    if let Some(reader) = self.reader.as_mut() {
                        reader.cursor = block;
                        reader.reveal_cursor();
                    }
                }
                Effect::Highlight { doc, owner, marks } => self.highlight(doc, owner, marks),
                Effect::Quit => self.update(Action::Quit),
                Effect::Info(text) => self.status.info(text),
                Effect::Status(level, text) => self.status.post(level, text),
                Effect::WriteTerminal(bytes) => self.after_frame.extend(bytes),
                Effect::Highlights(owner, ranges) => {
                    if let Some(reader) = self.reader.as_mut() {
                        reader.set_highlights(owner, ranges);
                    }
                }
                Effect::OpenLayer(layer) => {
                    self.overlays.push(super::workspace::view::overlay(layer));
                }
                Effect::CopyPassage(text) => {
                    let reader = self.reader.as_ref();
                    let effects = (self.citation).copy_passage(
                        text,
                        &self.corpus.documents,
                        reader,
                        &self.tx,
                    );
                    self.apply(effects);
                }
                Effect::JumpTo(doc, block) => self.jump_to(doc, block),
                Effect::LibraryChanged => (self.list).set_labels(&self.corpus, &self.notes.library),
                Effect::SentenceAt { .. }
                | Effect::Concordance { .. }
                | Effect::CopyCitationAt(..)
                | Effect::CloseOverlay(_) => self.apply_parallel(effect),
            }
        }
    }
}
