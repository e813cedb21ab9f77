//! The picker of the workspace: your notes and highlights found by words and `note:`,
//! `tag:`, `collection:` filters (`M`, over [`crate::workspace::search`]), and the documents
//! read last (`R`). Enter opens the document at the note's block.

use super::{Ctx, Effect, Layer, Notes};
use crate::model::Lang;
use crate::model::ids::{BlockNo, DocIx};
use crate::tui::status::Level;
use crate::workspace::Workspace;
use crossterm::event::KeyEvent;

/// One line of the picker: what it shows and where Enter goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickItem {
    pub label: String,
    pub doc: DocIx,
    pub block: BlockNo,
}

/// The picker's contents.
#[derive(Debug, Default)]
pub struct Picker {
    pub title: &'static str,
    /// Typed filter (the notes picker); `None` for the recent list.
    pub query: Option<String>,
    pub items: Vec<PickItem>,
    pub selected: usize,
}

impl Notes {
    pub(super) fn open_recent(&mut self, ctx: &Ctx) -> Vec<Effect> {
        let entries = match self.store.as_ref().map(Workspace::recent) {
            Some(Ok(e)) => e,
            Some(Err(p)) => return vec![Effect::Status(Level::Error, p.to_string())],
            None => Vec::new(),
        };
        let items = entries
            .iter()
            .filter_map(|e| {
                let doc = ctx.ids.get(&e.id)?;
                let title = ctx.docs.head(doc.0)?.display_title(&[Lang::En]);
                Some(PickItem {
                    label: format!("{}  {title}", e.at),
                    doc,
                    block: BlockNo::FIRST,
                })
            })
            .collect();
        self.picker = Picker {
            title: " Recent ",
            query: None,
            items,
            selected: 0,
        };
        vec![Effect::OpenLayer(Layer::Picker)]
    }

    pub(super) fn open_mine(&mut self, ctx: &Ctx, query: String) -> Vec<Effect> {
        let (docs, problems) = self
            .store
            .as_ref()
            .map(Workspace::documents)
            .unwrap_or_default();
        let items = crate::workspace::search::find(&docs, &self.library, &query)
            .into_iter()
            .filter_map(|h| {
                let doc = ctx.ids.get(&h.doc_id)?;
                let block = h.block.unwrap_or(BlockNo::FIRST);
                let text = if h.note.is_empty() { &h.quote } else { &h.note };
                let first = text.lines().next().unwrap_or("");
                Some(PickItem {
                    label: format!(
                        "{} {}  {first}",
                        h.doc_id,
                        crate::tui::pinpoint::block_pin(block)
                    ),
                    doc,
                    block,
                })
            })
            .collect();
        self.picker = Picker {
            title: " Your notes ",
            query: Some(query),
            items,
            selected: 0,
        };
        let mut effects = vec![Effect::OpenLayer(Layer::Picker)];
        effects.extend(
            problems
                .iter()
                .map(|p| Effect::Status(Level::Warn, p.to_string())),
        );
        effects
    }

    pub(super) fn picker_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Effect> {
        let Some(mut query) = self.picker.query.take() else {
            return Vec::new();
        };
        crate::tui::line_edit::edit(&mut query, &key);
        // Reopening refreshes the list; the overlay is already there.
        self.open_mine(ctx, query)
            .into_iter()
            .filter(|e| !matches!(e, Effect::OpenLayer(_)))
            .collect()
    }
}
