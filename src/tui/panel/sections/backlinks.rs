//! "Mentioned in": for a document that holds an instrument's text, the blocks of other
//! documents that mention the instrument. Worked out once when the reader starts, since the
//! corpus does not change while it runs; only the first few are kept as lines, with the
//! count, so that a document mentioned 30,000 times costs the panel a few lines a frame. The
//! whole list is a window of the links feature (`b`, `Action::Backlinks`), where Enter
//! follows a mention.

use crate::corpus::Corpus;
use crate::model::{DocIx, Lang};
use crate::text::sanitize::sanitize;
use crate::tui::panel::state::{PanelSection, SectionContext};
use ratatui::text::Line;
use std::collections::HashMap;

/// How many backlinks the panel shows before it says how many more there are.
pub const SHOWN: usize = 8;

/// The first [`SHOWN`] backlinks of a document as lines, and how many it has.
#[derive(Default)]
struct Shown {
    first: Vec<String>,
    total: usize,
}

pub struct Backlinks {
    by_doc: HashMap<DocIx, Shown>,
    /// "b lists them all (enter opens)", from the keymap.
    hint: String,
}

impl Backlinks {
    pub fn new(corpus: &Corpus, hint: String) -> Backlinks {
        let mut by_doc: HashMap<DocIx, Shown> = HashMap::new();
        for (i, inst) in corpus.registry.instruments.iter().enumerate() {
            let Some(holder) = inst.text.as_ref().and_then(|t| corpus.ix(&t.doc)) else {
                continue;
            };
            let target = crate::refs::Target::Instrument(i);
            for m in corpus.links.of_target(target).filter(|m| m.doc != holder) {
                let shown = by_doc.entry(holder).or_default();
                shown.total += 1;
                if shown.first.len() < SHOWN {
                    let words =
                        crate::refs::mentions::words(&corpus.documents, m).unwrap_or_default();
                    // A reader knows a document by its title; the id is for files.
                    let title = corpus.documents[m.doc].display_title(&[Lang::En]);
                    shown.first.push(format!(
                        "{} ¶{} ({}): “{}”",
                        sanitize(title),
                        m.block,
                        m.lang,
                        sanitize(words)
                    ));
                }
            }
        }
        Backlinks { by_doc, hint }
    }
}

impl PanelSection for Backlinks {
    fn title(&self) -> String {
        "Mentioned in".into()
    }

    fn lines(&self, ctx: &SectionContext<'_>) -> Vec<Line<'static>> {
        let Some(shown) = self.by_doc.get(&ctx.ix) else {
            return Vec::new();
        };
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
