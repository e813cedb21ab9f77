//! The app's glue to the reader, search and links components, and the mouse: it builds their
//! read-only contexts ([`ReaderContext`], [`SearchContext`], [`LinkContext`], the reader's
//! [`ReaderAt`]), hands them the action or message, and applies the effects they return. No
//! decision of a feature is made here; this is routing, kept apart from `app.rs` so that file
//! stays short. Opening and closing documents lives here because it touches several features
//! at once (the reader, positions, parallel text, the panel, links, the workspace).

use super::action::Action;
use super::app::App;
use super::context::ReaderAt;
use super::effect::{Mark, Place};
use super::focus::{Focus, Screen};
use super::links::backlinks::BacklinksOverlay;
use super::links::card::CardOverlay;
use super::links::timeline::TimelineOverlay;
use super::links::{LinkContext, Stop};
use super::positions::Position;
use super::reader::ReaderContext;
use super::reader::layout::View;
use super::reader::state::Highlight;
use super::reader::state::ReaderState;
use super::search::SearchContext;
use super::workers::WorkerKind;
use crate::model::ids::{BlockNo, DocIx};
use crate::refs::Target;
use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position as Cell, Rect};

/// The search component's context, borrowing the app's fields one by one (so the component,
/// another field, can be borrowed mutably beside it).
macro_rules! search_ctx {
    ($app:ident, $at:expr) => {
        SearchContext {
            corpus: &$app.corpus,
            ids: $app.corpus.ids(),
            keymap: &$app.keymap,
            reader: $at,
            tx: &$app.tx,
        }
    };
}

macro_rules! link_ctx {
    ($app:ident, $at:expr) => {
        LinkContext {
            corpus: &$app.corpus,
            ids: $app.corpus.ids(),
            reader: $at,
        }
    };
}

/// The reader's context, borrowing the app's fields one by one (so the reader, another field,
/// can be borrowed mutably beside it).
macro_rules! reader_ctx {
    ($app:ident, $doc:expr, $wide:expr) => {
        ReaderContext {
            doc: $doc,
            wide: $wide,
            panel_open: $app.panel.open,
            selected_footnote: $app.panel.selected_footnote.as_deref(),
        }
    };
}

impl App {
    // The reader.

    /// An action for the reader component, with its context; its effects carried out.
    pub(super) fn reader_action(&mut self, action: Action) {
        let wide = self.wide();
        let Some(reader) = self.reader.as_mut() else {
            self.focus = Focus::List;
            return;
        };
        let Some(doc) = self.corpus.documents.get(reader.doc.0) else {
            return;
        };
        let effects = reader.update(action, &reader_ctx!(self, doc, wide));
        self.apply(effects);
    }

    /// A click inside the reader's body, at (`x`, `y`) from its corner.
    fn reader_click(&mut self, x: u16, y: u16) {
        let wide = self.wide();
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        let Some(doc) = self.corpus.documents.get(reader.doc.0) else {
            return;
        };
        let effects = reader.click(x, y, &reader_ctx!(self, doc, wide));
        self.apply(effects);
    }

    /// Opens document `i` of the corpus at its remembered position.
    pub fn open_document(&mut self, i: DocIx) {
        let corpus = std::sync::Arc::clone(&self.corpus);
        let Some(doc) = corpus.documents.get(i.0) else {
            return;
        };
        let opened = self.reader.as_ref().is_none_or(|r| r.doc != i);
        if opened {
            self.save_position();
            let mut reader = ReaderState::open(i, doc);
            reader.max_measure = self.reader_config.max_measure;
            if let Some(pos) = self.positions.get(&doc.id) {
                reader.restore_later(pos.block, pos.top);
            }
            self.reader = Some(reader);
            let effects = self.parallel.open(i, doc, &corpus.registry);
            self.apply(effects);
            self.panel.scroll = 0;
            self.panel.selected_footnote = None;
        }
        self.screen = Screen::Reader;
        self.focus = Focus::Reader;
        self.panel.focused = false;
        self.after_document_change();
        if opened {
            self.route_notes(|notes, ctx| notes.opened(ctx));
        }
    }

    /// Opens document `i` with the cursor on `block`, shown at the top: for search hits,
    /// cross-references and citations that point into a document.
    pub fn open_at(&mut self, i: DocIx, block: BlockNo) {
        self.open_document(i);
        if let Some(reader) = self.reader.as_mut().filter(|r| r.doc == i) {
            reader.restore_later(block, block);
        }
    }

    pub(super) fn close_reader(&mut self) {
        self.save_position();
        self.screen = Screen::List;
        self.focus = Focus::List;
        self.panel.focused = false;
        // Keep the list's selection on the document just read.
        if let Some(r) = &self.reader
            && let Some(p) = self.list.shown.iter().position(|&d| d == r.doc)
        {
            self.list.selected = p;
            self.list.clamp();
        }
    }

    /// Remembers where the reader is in the open document (and writes it to disk).
    pub fn save_position(&mut self) {
        let Some(reader) = &self.reader else { return };
        if reader.layout.key.is_none() {
            return; // never shown: nothing new to remember
        }
        let Some(doc) = self.corpus.documents.get(reader.doc.0) else {
            return;
        };
        let pos = Position {
            block: reader.cursor,
            top: reader.top_block(),
        };
        if let Err(e) = self.positions.set(&doc.id, pos) {
            self.status
                .error(format!("reading position not saved: {e}"));
        }
    }

    /// The open document as the reader shows it, for components that may not hold the reader.
    pub fn reader_at(&self) -> Option<ReaderAt> {
        let r = self.reader.as_ref()?;
        let doc = self.doc(r.doc)?;
        let langs = match r.view {
            View::Single(l) => vec![l],
            _ => {
                let mut langs = r.pair.clone();
                langs.extend(doc.languages().into_iter().filter(|l| !r.pair.contains(l)));
                langs
            }
        };
        Some(ReaderAt {
            doc: r.doc,
            cursor: r.cursor,
            scroll: r.scroll,
            visible: r.layout.visible_blocks(r.scroll, r.height),
            langs,
            on_screen: self.screen == Screen::Reader,
        })
    }

    /// The window on top: the search window while it shows, else the top overlay's name.
    pub fn top_window(&self) -> Option<&'static str> {
        if self.search.open {
            Some("search")
        } else {
            self.overlays.top_name()
        }
    }

    // Search.

    /// `/`: the search window, starting the index worker if needed.
    pub fn open_search(&mut self) {
        let effects = self.search.open_window(&search_ctx!(self, None));
        self.apply(effects);
    }

    pub(super) fn search_key(&mut self, key: KeyEvent) {
        let at = self.reader_at();
        let effects = self.search.key(&key, &search_ctx!(self, at.as_ref()));
        self.apply(effects);
    }

    /// An action for the search window (as the window's keys give).
    pub fn search_action(&mut self, action: Action) {
        let effects = self.search.action(action);
        self.apply(effects);
    }

    /// A report of the search worker.
    pub fn search_event(&mut self, ev: crate::search::Event) {
        let effects = self.search.event(ev, &search_ctx!(self, None));
        self.apply(effects);
    }

    /// `n` / `N` in the reader.
    pub fn step_search_hit(&mut self, forward: bool) {
        let at = self.reader_at();
        let effects = self
            .search
            .step_hit(forward, &search_ctx!(self, at.as_ref()));
        self.apply(effects);
    }

    /// A worker thread panicked: its owner says how to retry, and the reader goes on.
    pub(super) fn worker_stopped(&mut self, worker: WorkerKind, message: String) {
        match worker {
            WorkerKind::Search | WorkerKind::Debounce => {
                let effects = self.search.stopped(worker, &message, &self.keymap);
                self.apply(effects);
            }
            WorkerKind::Copy => self
                .status
                .error(format!("{} stopped: {message}", worker.label())),
        }
    }

    // Links.

    /// A link action (Tab, back, forward, the timeline, the backlinks list).
    pub(super) fn link_action(&mut self, action: Action) {
        let at = self.reader_at();
        let effects = self.link.update(action, &link_ctx!(self, at.as_ref()));
        self.apply(effects);
    }

    /// Tab / Shift-Tab in the reader.
    pub fn step_link(&mut self, forward: bool) {
        self.link_action(if forward {
            Action::NextLink
        } else {
            Action::PrevLink
        });
    }

    /// Back / forward through the places links led to.
    pub fn history_step(&mut self, back: bool) {
        self.link_action(if back {
            Action::HistoryBack
        } else {
            Action::HistoryForward
        });
    }

    /// The open document's Tab stops in the view shown.
    pub fn link_stops(&self) -> Vec<Stop> {
        let at = self.reader_at();
        self.link.stops_of(&link_ctx!(self, at.as_ref()))
    }

    /// The target of the selected link.
    pub fn selected_link_target(&self) -> Option<Target> {
        let at = self.reader_at();
        self.link.selected_target(&link_ctx!(self, at.as_ref()))
    }

    /// Follows the selected link; false when none is selected on the cursor block.
    pub fn follow_selected_link(&mut self) -> bool {
        let at = self.reader_at();
        match (self.link).follow_selected(&link_ctx!(self, at.as_ref())) {
            Some(effects) => {
                self.apply(effects);
                true
            }
            None => false,
        }
    }

    /// Goes where a registry target leads (its text, or its card).
    pub fn follow(&mut self, target: Target) {
        let at = self.reader_at();
        let effects = self.link.follow(target, &link_ctx!(self, at.as_ref()));
        self.apply(effects);
    }

    /// Opens document `doc` at `block`, remembering where the reader was.
    pub fn jump_to(&mut self, doc: DocIx, block: BlockNo) {
        let at = self.reader_at();
        let effects = self.link.jump(doc, block, &link_ctx!(self, at.as_ref()));
        self.apply(effects);
    }

    /// Lays the open document's links over its text, the selected one in its own style.
    pub fn refresh_link_highlights(&mut self) {
        let at = self.reader_at();
        let effects = self.link.highlights(&link_ctx!(self, at.as_ref()));
        self.apply(effects);
    }

    /// The reader's view changed: its links laid again, none selected.
    pub(super) fn view_changed(&mut self) {
        let at = self.reader_at();
        let effects = self.link.document_changed(&link_ctx!(self, at.as_ref()));
        self.apply(effects);
    }

    /// A document was opened or returned to: its links, none selected.
    pub fn after_document_change(&mut self) {
        self.focus = Focus::Reader;
        let at = self.reader_at();
        let effects = self.link.document_changed(&link_ctx!(self, at.as_ref()));
        self.apply(effects);
    }

    pub(super) fn return_to(&mut self, there: Place) {
        self.open_document(there.doc);
        if let Some(reader) = self.reader.as_mut() {
            reader.restore_scroll_later(there.cursor, there.scroll);
        }
        self.after_document_change();
    }

    /// `t`: every document and instrument by date, in an overlay.
    pub(crate) fn open_timeline(&mut self) {
        let timeline = TimelineOverlay::new(self.corpus.clone());
        self.overlays.push(Box::new(timeline));
    }

    pub(super) fn show_card(&mut self, target: Target) {
        let card = CardOverlay::new(self.corpus.clone(), target);
        self.overlays.push(Box::new(card));
    }

    pub(super) fn show_backlinks(&mut self, doc: DocIx) {
        let list = BacklinksOverlay::new(self.corpus.clone(), doc);
        if list.rows.is_empty() {
            self.status
                .info("no other document mentions what this one holds");
        } else {
            self.overlays.push(Box::new(list));
        }
    }

    /// Lays `owner`'s marks over the open document, if it is still `doc`.
    pub(super) fn highlight(&mut self, doc: DocIx, owner: &'static str, marks: Vec<Mark>) {
        let theme = &self.theme;
        let Some(reader) = self.reader.as_mut().filter(|r| r.doc == doc) else {
            return;
        };
        let ranges = marks
            .into_iter()
            .map(|m| Highlight {
                block: m.block,
                lang: m.lang,
                range: m.range,
                style: theme.get(m.style),
            })
            .collect();
        reader.set_highlights(owner, ranges);
    }
}

impl App {
    // The mouse.

    /// The block, language and char under a cell of the reader's body.
    fn text_point(&self, x: u16, y: u16) -> Option<(BlockNo, crate::model::Lang, usize)> {
        let r = self.reader.as_ref()?;
        super::workspace::select::point_at(r, self.doc(r.doc)?, x, y)
    }

    /// Routing of a mouse event: to the pane under it (nothing while an overlay shows, but
    /// a drag that is making a selection goes on).
    pub fn mouse(&mut self, m: MouseEvent) {
        let selecting = self.overlays.top_name() == Some(super::workspace::view::SelectBar::NAME)
            && matches!(m.kind, MouseEventKind::Drag(_));
        if (!self.overlays.is_empty() || self.search.open) && !selecting {
            return;
        }
        let a = self.areas();
        let at = Cell {
            x: m.column,
            y: m.row,
        };
        let inside = |r: Rect| r.contains(at);
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d: isize = if m.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                if self.screen == Screen::List && inside(a.list) {
                    self.list.move_by(d.signum());
                } else if a.panel.is_some_and(inside) {
                    self.panel.scroll = self.panel.scroll.saturating_add_signed(d);
                } else if inside(a.body)
                    && let Some(r) = self.reader.as_mut()
                {
                    r.scroll_by(d);
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if self.screen == Screen::List && inside(a.list) {
                    let effects = self.list.click(m.row - a.list.y);
                    self.apply(effects);
                } else if a.panel.is_some_and(inside) {
                    self.focus_panel(true);
                } else if self.screen == Screen::Reader && inside(a.body) {
                    self.focus_panel(false);
                    self.reader_click(m.column - a.body.x, m.row - a.body.y);
                    let at = self.text_point(m.column - a.body.x, m.row - a.body.y);
                    self.notes.press(at);
                }
            }
            MouseEventKind::Drag(MouseButton::Left)
                if self.screen == Screen::Reader && inside(a.body) =>
            {
                let at = self.text_point(m.column - a.body.x, m.row - a.body.y);
                self.route_notes(|notes, ctx| notes.drag(at, ctx));
            }
            _ => {}
        }
    }
}
