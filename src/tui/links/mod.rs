//! Cross-references in the reader: links are highlighted where the text names an instrument
//! or an entity; Tab / Shift-Tab select them in reading order, Enter follows the selected one
//! (to the document that holds the instrument's text, or to a card), and a history of
//! positions takes the reader back and forward with cursor and scroll as they were.

pub mod card;
pub mod timeline;

use super::app::App;
use super::focus::{Focus, Screen};
use super::ids::{BlockNo, DocIx};
use super::links::card::CardOverlay;
use super::reader::layout::View;
use super::reader::state::Highlight;
use crate::model::Lang;
use crate::refs::{Mention, Target};

/// Where the reader was: document, cursor block and first row on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub doc: DocIx,
    /// The cursor's block, from 0 (the reader's index).
    pub cursor: usize,
    pub scroll: usize,
}

/// The selected link and the way back and forward.
#[derive(Debug, Default)]
pub struct LinkState {
    /// Index into the open document's mentions (as `App::doc_mentions` lists them).
    pub selected: Option<usize>,
    pub back: Vec<Location>,
    pub forward: Vec<Location>,
}

impl App {
    /// The links of the open document that the current view shows, in reading order.
    pub fn doc_mentions(&self) -> Vec<&Mention> {
        let (Some(doc), Some(reader)) = (self.document(), self.reader.as_ref()) else {
            return Vec::new();
        };
        let shown = |lang: Lang| match reader.view {
            View::Single(l) => l == lang,
            _ => true,
        };
        let order = |lang: Lang| {
            reader
                .pair
                .iter()
                .position(|l| *l == lang)
                .unwrap_or(usize::MAX)
        };
        let mut mentions: Vec<&Mention> = self
            .corpus
            .links
            .in_document(&doc.id)
            .filter(|m| shown(m.lang))
            .collect();
        mentions.sort_by_key(|m| (m.block, order(m.lang), m.range.start));
        mentions
    }

    /// Lays the open document's links over its text, the selected one in its own style.
    pub fn refresh_link_highlights(&mut self) {
        let (link, selected_style) = (self.theme.get("link"), self.theme.get("link_selected"));
        let selected = self.link.selected;
        let ranges: Vec<Highlight> = self
            .doc_mentions()
            .into_iter()
            .enumerate()
            .map(|(i, m)| Highlight {
                block: BlockNo(m.block).index(),
                lang: m.lang,
                range: m.range.clone(),
                style: if Some(i) == selected {
                    selected_style
                } else {
                    link
                },
            })
            .collect();
        if let Some(reader) = self.reader.as_mut() {
            reader.set_highlights("links", ranges);
        }
    }

    /// Selects the next (or previous) link from the selected one, or from the first block on
    /// screen, and brings it into view.
    pub fn step_link(&mut self, forward: bool) {
        let mentions: Vec<(usize, usize)> = self
            .doc_mentions()
            .iter()
            .map(|m| (BlockNo(m.block).index(), m.range.start))
            .collect();
        if mentions.is_empty() {
            self.status.info("no links in this document");
            return;
        }
        let Some(reader) = self.reader.as_ref() else {
            return;
        };
        let next = match self.link.selected.filter(|&s| s < mentions.len()) {
            Some(s) if forward => (s + 1) % mentions.len(),
            Some(s) => (s + mentions.len() - 1) % mentions.len(),
            None => {
                let top = reader.top_block();
                let from = mentions.iter().position(|(b, _)| *b >= top).unwrap_or(0);
                if forward {
                    from
                } else {
                    from.checked_sub(1).unwrap_or(mentions.len() - 1)
                }
            }
        };
        self.link.selected = Some(next);
        if let Some(reader) = self.reader.as_mut() {
            reader.cursor = mentions[next].0;
            reader.reveal_cursor();
        }
        self.refresh_link_highlights();
        if let Some(m) = self.doc_mentions().get(next) {
            let name = self.corpus.registry.target_name(m.target).to_string();
            self.status.info(format!(
                "link {} of {}: {name} (enter follows)",
                next + 1,
                mentions.len()
            ));
        }
    }

    /// Follows the selected link; returns false when no link is selected on the cursor block.
    pub fn follow_selected_link(&mut self) -> bool {
        let cursor = self.reader.as_ref().map_or(usize::MAX, |r| r.cursor);
        let target = self.link.selected.and_then(|s| {
            self.doc_mentions()
                .get(s)
                .filter(|m| BlockNo(m.block).index() == cursor)
                .map(|m| m.target)
        });
        match target {
            Some(target) => {
                self.follow(target);
                true
            }
            None => false,
        }
    }

    /// Goes where a registry target leads: the document holding an instrument's text, at its
    /// block; otherwise the target's card.
    pub fn follow(&mut self, target: Target) {
        let text = match target {
            Target::Instrument(i) => self.corpus.registry.instruments[i].text.clone(),
            Target::Entity(_) => None,
        };
        match text.and_then(|t| self.find_document(&t.doc).map(|d| (d, BlockNo(t.block)))) {
            Some((doc, block)) => {
                let name = self.corpus.registry.target_name(target).to_string();
                self.jump_to(doc, block);
                self.status.info(format!("→ {name} (backspace returns)"));
            }
            None => {
                let card = CardOverlay::new(self, target);
                self.overlays.push(Box::new(card));
            }
        }
    }

    /// Opens document `doc` at `block`, remembering where the reader was.
    pub fn jump_to(&mut self, doc: DocIx, block: BlockNo) {
        if let Some(here) = self.location() {
            self.link.back.push(here);
            self.link.forward.clear();
        }
        self.open_at(doc, block);
        self.after_document_change();
    }

    /// Back (or forward) through the places links led to; back from the first one closes
    /// the reader.
    pub fn history_step(&mut self, back: bool) {
        let here = self.location();
        let (from, to) = if back {
            (&mut self.link.back, &mut self.link.forward)
        } else {
            (&mut self.link.forward, &mut self.link.back)
        };
        let Some(there) = from.pop() else {
            if back {
                self.update(super::action::Action::Back);
            } else {
                self.status.info("nothing to go forward to");
            }
            return;
        };
        to.extend(here);
        self.open_document(there.doc);
        if let Some(reader) = self.reader.as_mut() {
            reader.restore_scroll_later(there.cursor, there.scroll);
        }
        self.after_document_change();
    }

    fn location(&self) -> Option<Location> {
        let reader = self
            .reader
            .as_ref()
            .filter(|_| self.screen == Screen::Reader)?;
        Some(Location {
            doc: reader.doc,
            cursor: reader.cursor,
            scroll: reader.scroll,
        })
    }

    /// `t`: every document and instrument by date, in an overlay.
    pub(crate) fn open_timeline(&mut self) {
        let timeline = super::links::timeline::TimelineOverlay::new(self);
        self.overlays.push(Box::new(timeline));
    }

    /// A document was opened or returned to: its links, none selected.
    pub fn after_document_change(&mut self) {
        self.link.selected = None;
        self.focus = Focus::Reader;
        self.refresh_link_highlights();
    }
}
