//! Footnotes from the reader: the next one from the cursor, the one of the cursor's block, a
//! click on a marker. Each puts the cursor on its block and asks the panel to show it.

use super::ReaderContext;
use super::state::ReaderState;
use crate::model::ids::BlockNo;
use crate::tui::effect::Effect;
use crate::tui::status::Level;

impl ReaderState {
    /// The next footnote at or after the current block, shown in the panel.
    pub(crate) fn next_footnote(&mut self, ctx: &ReaderContext<'_>) -> Vec<Effect> {
        let doc = ctx.doc;
        let cursor = BlockNo::from_index(self.cursor).0;
        let current = ctx.selected_footnote;
        let after_current = doc
            .footnotes
            .iter()
            .position(|f| Some(f.id.as_str()) == current && f.block == cursor);
        let next = doc
            .footnotes
            .iter()
            .enumerate()
            .filter(|(i, f)| f.block >= cursor && after_current.is_none_or(|c| *i > c))
            .min_by_key(|(i, f)| (f.block, *i))
            .map(|(_, f)| (f.id.clone(), BlockNo(f.block)));
        match next {
            Some((id, block)) => self.show_footnote(id, block, ctx),
            None => vec![Effect::Info("no footnote from here to the end".into())],
        }
    }

    /// The first footnote of the current block, if it has one.
    pub(crate) fn footnote_of_cursor(&mut self, ctx: &ReaderContext<'_>) -> Vec<Effect> {
        let cursor = BlockNo::from_index(self.cursor);
        match ctx.doc.footnotes.iter().find(|f| f.block == cursor.0) {
            Some(f) => self.show_footnote(f.id.clone(), BlockNo(f.block), ctx),
            None => vec![Effect::Info(format!("block {cursor} has no footnote"))],
        }
    }

    /// A footnote marker was clicked.
    pub(crate) fn footnote_clicked(&mut self, id: String, ctx: &ReaderContext<'_>) -> Vec<Effect> {
        let block = (ctx.doc.footnotes.iter().find(|f| f.id == id)).map(|f| BlockNo(f.block));
        match block.filter(|b| b.0 > 0) {
            Some(block) => self.show_footnote(id, block, ctx),
            None => vec![Effect::Status(
                Level::Warn,
                format!("footnote {id} is referenced but not in the document"),
            )],
        }
    }

    fn show_footnote(
        &mut self,
        id: String,
        block: BlockNo,
        ctx: &ReaderContext<'_>,
    ) -> Vec<Effect> {
        self.cursor = block.index();
        self.reveal_cursor();
        let mut effects = vec![
            Effect::Info(format!("footnote {id} (block {block})")),
            Effect::ShowFootnote(id),
        ];
        if !ctx.wide {
            effects.push(Effect::FocusPanel(true));
        }
        effects
    }
}
