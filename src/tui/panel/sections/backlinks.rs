//! "Mentioned in": for a document that holds an instrument's text, the blocks of other
//! documents that mention the instrument. Worked out for a document when it is first shown
//! (not for every document when the reader starts: at 100,000 documents that reads every
//! mention), then kept; only the first few are kept as lines, with the
//! count, so that a document mentioned 30,000 times costs the panel a few lines a frame. The
//! whole list is a window of the links feature (`b`, `Action::Backlinks`), where Enter
//! follows a mention.

use crate::corpus::Corpus;
use crate::model::{DocIx, Lang};
use crate::refs::mentions::words_at;
use crate::text::sanitize::sanitize;
use crate::tui::panel::state::{PanelSection, SectionContext};
use ratatui::text::Line;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How many backlinks the panel shows before it says how many more there are.
pub const SHOWN: usize = 8;

/// The first [`SHOWN`] backlinks of a document as lines, and how many it has.
#[derive(Default)]
struct Shown {
    first: Vec<String>,
    total: usize,
}

pub struct Backlinks {
    corpus: Arc<Corpus>,
    /// Worked out for a document the first time it is shown (a lazy corpus reads the
    /// mentions then), and kept: the corpus does not change while the reader runs.
    by_doc: Mutex<HashMap<DocIx, Arc<Shown>>>,
    /// "b lists them all (enter opens)", from the keymap.
    hint: String,
}

impl Backlinks {
    pub fn new(corpus: Arc<Corpus>, hint: String) -> Backlinks {
        Backlinks {
            corpus,
            by_doc: Mutex::default(),
            hint,
        }
    }

    /// The backlinks of document `doc`: mentions elsewhere of the instruments it holds.
    fn of(&self, doc: DocIx) -> Arc<Shown> {
        if let Some(shown) = self.by_doc.lock().ok().and_then(|m| m.get(&doc).cloned()) {
            return shown;
        }
        let corpus = &self.corpus;
        // The count is the links' index's; only the first few mentions are read.
        let list = crate::corpus::MentionList::backlinks(corpus, doc);
        let mut shown = Shown {
            first: Vec::new(),
            total: list.len(),
        };
        for m in (0..list.len().min(SHOWN)).filter_map(|i| list.get(corpus, i)) {
            let words = (corpus.documents.get(m.doc.0))
                .and_then(|d| words_at(d, m.block, m.lang, m.range.clone()))
                .unwrap_or_default();
            // A reader knows a document by its title; the id is for files.
            let title =
                (corpus.documents.head(m.doc.0)).map_or("", |h| h.display_title(&[Lang::En]));
            shown.first.push(format!(
                "{} {} ({}): “{}”",
                sanitize(title),
                crate::tui::pinpoint::block_pin(m.block),
                m.lang,
                sanitize(words)
            ));
        }
        let shown = Arc::new(shown);
        if let Ok(mut map) = self.by_doc.lock() {
            map.insert(doc, shown.clone());
        }
        shown
    }
}

impl PanelSection for Backlinks {
    fn title(&self) -> String {
        "Mentioned in".into()
    }

    fn lines(&self, ctx: &SectionContext<'_>) -> Vec<Line<'static>> {
        let shown = self.of(ctx.ix);
        if shown.total == 0 {
            return Vec::new();
        }
        let mut lines: Vec<Line<'static>> =
            shown.first.iter().map(|l| Line::from(l.clone())).collect();
        let more = shown.total - shown.first.len();
        let hint = match more {
            0 => self.hint.clone(),
            n => format!("… {n} more · {}", self.hint),
        };
        if !hint.is_empty() {
            lines.push(Line::styled(hint, ctx.theme.get("panel_label")));
        }
        lines
    }
}
