//! The pinpoint of the current block: the document id and block number (and treaty
//! article). This section holds the panel's citation slot until the citation feature
//! replaces it with `Panel::add_section(SectionSlot::Citation, …)`.

use super::field;
use crate::model::ids::BlockNo;
use crate::tui::panel::state::{PanelSection, SectionContext};
use ratatui::text::Line;

pub struct Pinpoint;

impl PanelSection for Pinpoint {
    fn title(&self) -> String {
        "Pinpoint".into()
    }

    fn lines(&self, ctx: &SectionContext<'_>) -> Vec<Line<'static>> {
        let label = ctx.theme.get("panel_label");
        let n = BlockNo::from_index(ctx.cursor).0;
        let mut out = vec![field(
            "block",
            &format!("{} {}", ctx.doc.id, crate::tui::pinpoint::block_pin(n)),
            label,
        )];
        let heading = ctx.article_block.and_then(|b| ctx.doc.blocks.get(b));
        if let Some(article) = heading.and_then(|b| b.text.best(&[crate::model::Lang::En])) {
            out.push(field("article", article, label));
        }
        out
    }
}
