//! Footnotes from the reader: the next or previous one from the cursor (round the ends), the one of the cursor's block, a
//! click on a marker. Each puts the cursor on its block and asks the panel to show it.

use super::ReaderContext;
use super::state::ReaderState;
use crate::model::ids::BlockNo;
use crate::tui::effect::Effect;
use crate::tui::status::Level;

impl ReaderState {
    /// The next footnote: after the one shown, else the first at or after the current block;
    /// from the last, round to the first, saying so.
    pub(crate) fn next_footnote(&mut self, ctx: &ReaderContext<'_>) -> Vec<Effect> {
        self.step_footnote(ctx, true)
    }

    /// The previous footnote: before the one shown, else the last before the current block;
    /// from the first, round to the last, saying so.
    pub(crate) fn prev_footnote(&mut self, ctx: &ReaderContext<'_>) -> Vec<Effect> {
        self.step_footnote(ctx, false)
    }

    fn step_footnote(&mut self, ctx: &ReaderContext<'_>, forward: bool) -> Vec<Effect> {
        let notes = &ctx.doc.footnotes;
        // In reading order: by block, then as listed. A note without a block has no place.
        let mut order: Vec<usize> = (0..notes.len())
            .filter(|&i| notes[i].block >= BlockNo::FIRST)
            .collect();
        order.sort_by_key(|&i| (notes[i].block, i));
        let (Some(&first), Some(&last)) = (order.first(), order.last()) else {
            return vec![Effect::Info("this document has no footnotes".into())];
        };
        let cursor = self.cursor;
        // The note shown, when the cursor is still on its block.
        let shown = order.iter().position(|&i| {
            Some(notes[i].id.as_str()) == ctx.selected_footnote && notes[i].block == cursor
        });
        let step = match (shown, forward) {
            (Some(p), true) => order.get(p + 1).copied(),
            (Some(p), false) => p.checked_sub(1).map(|p| order[p]),
            (None, true) => order.iter().copied().find(|&i| notes[i].block >= cursor),
            (None, false) => order
                .iter()
                .rev()
                .copied()
                .find(|&i| notes[i].block < cursor),
        };
        let (at, wrapped) = match (step, forward) {
            (Some(i), _) => (i, None),
            (None, true) => (first, Some("wrapped to the first footnote")),
            (None, false) => (last, Some("wrapped to the last footnote")),
        };
        let note = &notes[at];
        let mut effects = self.show_footnote(note.id.clone(), note.block, ctx);
        if let (Some(wrapped), Some(Effect::Info(text))) = (wrapped, effects.first_mut()) {
            text.push_str(&format!(" · {wrapped}"));
        }
        effects
    }

    /// The first footnote of the current block, if it has one.
    pub(crate) fn footnote_of_cursor(&mut self, ctx: &ReaderContext<'_>) -> Vec<Effect> {
        let cursor = self.cursor;
        match ctx.doc.footnotes.iter().find(|f| f.block == cursor) {
            Some(f) => self.show_footnote(f.id.clone(), f.block, ctx),
            None => vec![Effect::Info(format!("block {cursor} has no footnote"))],
        }
    }

    /// A footnote marker was clicked.
    pub(crate) fn footnote_clicked(&mut self, id: String, ctx: &ReaderContext<'_>) -> Vec<Effect> {
        let block = (ctx.doc.footnotes.iter().find(|f| f.id == id)).map(|f| f.block);
        match block.filter(|&b| b >= BlockNo::FIRST) {
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
        self.cursor = block;
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
