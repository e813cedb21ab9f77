//! "Mentioned in": for a document that holds an instrument's text, every block of every other
//! document that mentions the instrument. Worked out once when the reader starts, since the
//! corpus does not change while it runs.

use crate::corpus::Corpus;
use crate::text::sanitize::sanitize;
use crate::tui::panel::state::{PanelSection, SectionContext};
use ratatui::text::Line;
use std::collections::HashMap;

pub struct Backlinks {
    /// Document id → one line per mention elsewhere.
    by_doc: HashMap<String, Vec<String>>,
}

impl Backlinks {
    pub fn new(corpus: &Corpus) -> Backlinks {
        let mut by_doc: HashMap<String, Vec<String>> = HashMap::new();
        for doc in &corpus.documents {
            let lines: Vec<String> = corpus
                .links
                .backlinks(&corpus.registry, &doc.id)
                .into_iter()
                .map(|m| {
                    let words =
                        crate::refs::mentions::words(corpus.get(&m.doc), m).unwrap_or_default();
                    format!("{} ¶{} ({}): “{}”", m.doc, m.block, m.lang, sanitize(words))
                })
                .collect();
            if !lines.is_empty() {
                by_doc.insert(doc.id.clone(), lines);
            }
        }
        Backlinks { by_doc }
    }
}

impl PanelSection for Backlinks {
    fn title(&self) -> String {
        "Mentioned in".into()
    }

    fn lines(&self, ctx: &SectionContext<'_>) -> Vec<Line<'static>> {
        self.by_doc
            .get(&ctx.doc.id)
            .map(|lines| lines.iter().map(|l| Line::from(l.clone())).collect())
            .unwrap_or_default()
    }
}
