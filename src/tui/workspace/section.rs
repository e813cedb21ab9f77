//! The panel section "Your notes": the highlights and notes of the blocks on screen, and the
//! orphaned ones (whose text a re-import removed), which are listed, never dropped.

use crate::model::ids::BlockNo;
use crate::text::sanitize::sanitize;
use crate::tui::panel::state::{PanelSection, SectionContext};
use crate::workspace::Mark;
use ratatui::text::{Line, Span};
use std::cell::RefCell;
use std::rc::Rc;

/// One mark as the panel lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Where it is now (block from 1); `None`: orphaned.
    pub block: Option<usize>,
    pub colour: String,
    pub quote: String,
    pub note: String,
}

impl Entry {
    pub fn of(m: &Mark, block: Option<usize>) -> Entry {
        Entry {
            block,
            colour: m.colour.map_or_else(|| "note".into(), |c| c.to_string()),
            quote: m
                .anchor
                .as_ref()
                .map(|a| a.quote.clone())
                .unwrap_or_default(),
            note: m.note.clone(),
        }
    }
}

/// What the section shows of the open document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    pub entries: Vec<Entry>,
    /// `tags: a, b · collections: c`; empty when it has none.
    pub labels: String,
}

/// Shared between the component (which writes it when marks change) and the section.
pub type Listed = Rc<RefCell<Listing>>;

pub struct NotesSection {
    pub listed: Listed,
}

impl PanelSection for NotesSection {
    fn title(&self) -> String {
        "Your notes".into()
    }

    fn lines(&self, ctx: &SectionContext<'_>) -> Vec<Line<'static>> {
        let label = ctx.theme.get("panel_label");
        let mut out = Vec::new();
        let listing = self.listed.borrow();
        if !listing.labels.is_empty() {
            out.push(Line::styled(sanitize(&listing.labels).into_owned(), label));
        }
        for e in listing.entries.iter() {
            let on_screen = e
                .block
                .is_some_and(|b| ctx.visible.contains(&BlockNo(b).index()));
            if !(on_screen || e.block.is_none()) {
                continue;
            }
            let place = e
                .block
                .map_or_else(|| "orphaned".to_string(), crate::tui::pinpoint::block_pin);
            let quote: String = e.quote.chars().take(60).collect();
            out.push(Line::from(vec![
                Span::styled(format!("{place} {} ", e.colour), label),
                Span::raw(format!("“{}”", sanitize(&quote))),
            ]));
            for line in e.note.lines() {
                out.push(Line::from(format!("  {}", sanitize(line))));
            }
        }
        out
    }
}
