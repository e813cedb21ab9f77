//! Footnotes from the reader: the next one from the cursor, the one of the cursor's block, a
//! click on a marker. Each is shown in the panel, the cursor on its block.

use crate::tui::app::App;
use crate::tui::ids::BlockNo;

impl App {
    /// Jumps to the next footnote at or after the current block and shows it in the panel.
    pub(crate) fn next_footnote(&mut self) {
        let (Some(reader), Some(doc)) = (self.reader.as_ref(), self.document()) else {
            return;
        };
        let cursor = BlockNo::from_index(reader.cursor).0;
        let current = self.panel.selected_footnote.as_deref();
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
            Some((id, block)) => self.show_footnote(id, block),
            None => self.status.info("no footnote from here to the end"),
        }
    }

    /// The first footnote of the current block, if it has one.
    pub(crate) fn footnote_of_cursor(&mut self) {
        let Some(doc) = self.document() else { return };
        let cursor = BlockNo::from_index(self.reader.as_ref().map_or(0, |r| r.cursor));
        match doc.footnotes.iter().find(|f| f.block == cursor.0) {
            Some(f) => {
                let (id, block) = (f.id.clone(), BlockNo(f.block));
                self.show_footnote(id, block);
            }
            None => self.status.info(format!("block {cursor} has no footnote")),
        }
    }

    /// A footnote marker was clicked.
    pub(crate) fn footnote_clicked(&mut self, id: String) {
        let block = self
            .document()
            .and_then(|d| d.footnotes.iter().find(|f| f.id == id))
            .map(|f| BlockNo(f.block));
        match block.filter(|b| b.0 > 0) {
            Some(block) => self.show_footnote(id, block),
            None => self.status.warn(format!(
                "footnote {id} is referenced but not in the document"
            )),
        }
    }

    pub(crate) fn show_footnote(&mut self, id: String, block: BlockNo) {
        if let Some(reader) = self.reader.as_mut() {
            reader.cursor = block.index();
            reader.reveal_cursor();
        }
        self.status.info(format!("footnote {id} (block {block})"));
        self.panel.show_footnote(id);
        if !self.wide() {
            self.focus_panel(true);
        }
    }
}
