//! Drawing: a pure function of a read-only [`View`] of the state, which `App::view` builds (so
//! drawing never imports the app). One file per pane; [`super::layout`] says where each goes.
//! Nothing here wraps documents or touches files: `App::prepare` has done that.

mod header;
mod status;

use super::compare::view::CompareWindow;
use super::concordance::view::ConcordanceWindow;
use super::focus::Screen;
use super::keymap::{Keymap, Mode};
use super::layout;
use super::list::List;
use super::list::view as list;
use super::overlay::{FeatureWindow, OverlayContext, OverlayStack};
use super::panel::Panel;
use super::panel::view as panel;
use super::parallel::Parallel;
use super::reader::state::ReaderState;
use super::reader::view as reader;
use super::search::state::SearchState;
use super::search::view as search;
use super::status::StatusLine;
use super::theme::Theme;
use super::workspace::Notes;
use super::workspace::label::LabelBar;
use super::workspace::view::{FindBar, NoteEditor, PickerWindow, SelectBar};
use crate::corpus::Corpus;
use crate::model::{BlockNo, Document};
use ratatui::Frame;

/// What drawing reads: every feature's state, borrowed read-only for one frame.
pub struct View<'a> {
    pub screen: Screen,
    pub mode: Mode,
    pub corpus: &'a Corpus,
    pub list: &'a List,
    pub reader: Option<&'a ReaderState>,
    pub panel: &'a Panel,
    pub search: &'a SearchState,
    pub parallel: &'a Parallel,
    pub notes: &'a Notes,
    pub concordance: &'a super::concordance::ConcordanceView,
    pub compare: &'a super::compare::CompareView,
    pub overlays: &'a OverlayStack,
    pub status: &'a StatusLine,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
}

impl View<'_> {
    /// The documents of the corpus, in list order.
    pub fn docs(&self) -> &crate::corpus::Docs {
        &self.corpus.documents
    }

    /// The open document.
    pub fn document(&self) -> Option<&Document> {
        self.reader.and_then(|r| self.corpus.documents.get(r.doc.0))
    }

    /// The keymap table that applies now.
    pub fn mode(&self) -> Mode {
        self.mode
    }
}

/// Draws the whole screen.
pub fn draw(app: &View<'_>, frame: &mut Frame<'_>) {
    let area = frame.area();
    let a = layout::areas(area, app.screen, app.panel.open, app.panel.focused);
    let buf = frame.buffer_mut();
    header::draw(app, a.header, buf);
    match app.screen {
        Screen::List => list::draw(app.list, app.docs(), app.theme, a.list, buf),
        Screen::Reader => {
            if let (Some(r), Some(doc)) = (app.reader, app.document()) {
                let flagged = |n: BlockNo| app.parallel.flagged(n);
                let v = reader::ReaderView {
                    doc,
                    theme: app.theme,
                    flagged: &flagged,
                };
                reader::draw(r, &v, a.body, buf);
            }
            if let Some(p) = a.panel {
                panel::draw(app.panel, app.theme, p, buf);
            }
        }
    }
    status::draw(app, a.status, buf);
    let ctx = OverlayContext {
        theme: app.theme,
        keymap: app.keymap,
        corpus: app.corpus,
    };
    for overlay in app.overlays.iter() {
        match overlay.feature_window() {
            None => overlay.draw(&ctx, area, buf),
            Some(FeatureWindow::Select) => SelectBar::draw_window(app.notes, &ctx, area, buf),
            Some(FeatureWindow::Note) => NoteEditor::draw_window(app.notes, &ctx, area, buf),
            Some(FeatureWindow::Find) => FindBar::draw_window(app.notes, &ctx, area, buf),
            Some(FeatureWindow::Picker) => PickerWindow::draw_window(app.notes, &ctx, area, buf),
            Some(FeatureWindow::Label) => LabelBar::draw_window(app.notes, &ctx, area, buf),
            Some(FeatureWindow::Concordance) => {
                ConcordanceWindow::draw_window(app.concordance, &ctx, area, buf)
            }
            Some(FeatureWindow::Compare) => {
                CompareWindow::draw_window(app.compare, &ctx, area, buf)
            }
        }
    }
    if app.search.open {
        search::draw(app.search, app.theme, area, buf);
    }
}
