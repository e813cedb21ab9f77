//! What the workspace lays over the reader's text: the marks of the open document (one style
//! per colour, notes underlined), the selection being made, and find's matches.

use super::select::byte_range;
use super::{FIND, FIND_CURRENT, MARKS, Notes, SELECTION, find, section};
use crate::model::Document;
use crate::tui::effect::Effect;
use crate::tui::reader::state::Highlight;
use crate::tui::theme::Theme;
use crate::workspace::Colour;

impl Notes {
    /// The reader highlights of the open document's marks, and the panel's list of them.
    pub(super) fn marks(&self, theme: &Theme, doc: &Document) -> Effect {
        let mut out = Vec::new();
        let mut listed = Vec::new();
        for m in self.open.iter().flat_map(|(_, n)| &n.marks) {
            let Some(anchor) = &m.anchor else { continue };
            let located = anchor.locate(doc);
            listed.push(section::Entry::of(m, located.map(|l| l.block)));
            let Some(at) = located else { continue };
            let block = at.block;
            let text = doc
                .block(block)
                .and_then(|b| b.text.get(anchor.lang))
                .unwrap_or("");
            let mut style = theme.get(&format!("mark_{}", m.colour.unwrap_or(Colour::Yellow)));
            if !m.note.is_empty() {
                style = theme.get("mark_note");
            }
            out.push(Highlight {
                block,
                lang: anchor.lang,
                range: byte_range(text, at.start..at.end),
                style,
            });
        }
        *self.listed.borrow_mut() = section::Listing {
            entries: listed,
            labels: self.labels_line(&doc.id),
        };
        Effect::Highlights(MARKS, out)
    }

    pub(super) fn selection_highlight(&self, theme: &Theme, doc: &Document) -> Effect {
        let ranges = self
            .selection
            .map(|s| Highlight {
                block: s.block,
                lang: s.lang,
                range: byte_range(s.text(doc), s.chars()),
                style: theme.get("selection"),
            })
            .into_iter()
            .collect();
        Effect::Highlights(SELECTION, ranges)
    }

    pub(super) fn find_effects(&self, theme: &Theme) -> Vec<Effect> {
        let hit = |m: &find::Match, style| Highlight {
            block: m.block,
            lang: m.lang,
            range: m.range.clone(),
            style,
        };
        let all = self
            .find
            .matches
            .iter()
            .map(|m| hit(m, theme.get("find_hit")))
            .collect();
        let current = self.find.current.and_then(|i| self.find.matches.get(i));
        let mut effects = vec![
            Effect::Highlights(FIND, all),
            Effect::Highlights(
                FIND_CURRENT,
                current
                    .map(|m| hit(m, theme.get("find_current")))
                    .into_iter()
                    .collect(),
            ),
        ];
        if let Some(m) = current {
            effects.push(Effect::MoveCursor(m.block));
        }
        if self.find.active() {
            effects.push(Effect::Info(format!(
                "find “{}”: {}",
                self.find.query,
                self.find.count()
            )));
        }
        effects
    }
}
