//! The app's glue to the search and links components: it builds their read-only contexts
//! ([`SearchContext`], [`LinkContext`], the reader's [`ReaderAt`]), hands them the action or
//! message, and applies the effects they return. No decision of search or links is made
//! here; this is routing, kept apart from `app.rs` so that file stays short.

use super::action::Action;
use super::app::App;
use super::context::ReaderAt;
use super::effect::{Mark, Place};
use super::focus::{Focus, Screen};
use super::ids::{BlockNo, DocIx};
use super::links::backlinks::BacklinksOverlay;
use super::links::card::CardOverlay;
use super::links::timeline::TimelineOverlay;
use super::links::{LinkContext, Stop};
use super::reader::layout::View;
use super::reader::state::Highlight;
use super::search::SearchContext;
use super::workers::WorkerKind;
use crate::refs::Target;
use crossterm::event::KeyEvent;

/// The search component's context, borrowing the app's fields one by one (so the component,
/// another field, can be borrowed mutably beside it).
macro_rules! search_ctx {
    ($app:ident, $at:expr) => {
        SearchContext {
            corpus: &$app.corpus,
            ids: &$app.ids,
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
            ids: &$app.ids,
            reader: $at,
        }
    };
}

impl App {
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
        let effects = self.search.action(action, &search_ctx!(self, None));
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
        let timeline = TimelineOverlay::new(&self.corpus, &self.ids);
        self.overlays.push(Box::new(timeline));
    }

    pub(super) fn show_card(&mut self, target: Target) {
        let card = CardOverlay::new(&self.corpus, &self.ids, target);
        self.overlays.push(Box::new(card));
    }

    pub(super) fn show_backlinks(&mut self, doc: DocIx) {
        let list = BacklinksOverlay::new(&self.corpus, &self.ids, doc);
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
                block: m.block.index(),
                lang: m.lang,
                range: m.range,
                style: theme.get(m.style),
            })
            .collect();
        reader.set_highlights(owner, ranges);
    }
}

// The concordance and compare windows (parallel text): their components decide, this opens
// their windows, hands them keys and messages, and carries out the effects only they ask for.

use super::compare::view::CompareWindow;
use super::concordance::view::ConcordanceWindow;
use super::concordance::{self, ConcordanceMsg};
use super::effect::Effect;

impl App {
    /// `K` / `=` in the reader: the concordance window or the compare window.
    pub(super) fn open_parallel_window(&mut self, action: Action) {
        let Some(ix) = self.reader.as_ref().map(|r| r.doc) else {
            return;
        };
        match action {
            Action::Concordance => {
                let doc = self.corpus.documents.get(ix.0);
                let names = doc.map(|d| self.parallel.cursor_terms(d));
                self.concordance.suggestions = names.unwrap_or_default();
                let term = self.concordance.suggestions.first().cloned();
                self.show_concordance(term);
            }
            Action::Compare => {
                let effects = self.compare.open(ix, &self.corpus.documents);
                self.overlays.push(Box::new(CompareWindow));
                self.apply(effects);
            }
            _ => {}
        }
    }

    /// The concordance window on `term` (asked at once), or on the term line as it was.
    pub fn show_concordance(&mut self, term: Option<String>) {
        let effects = self.concordance.open(term);
        if self.overlays.top_name() != Some(concordance::view::NAME) {
            self.overlays.push(Box::new(ConcordanceWindow));
        }
        self.apply(effects);
    }

    pub(super) fn concordance_msg(&mut self, m: ConcordanceMsg) {
        if let ConcordanceMsg::OfSelection = m {
            let doc = self.reader.as_ref().and_then(|r| self.doc(r.doc));
            let term = (self.notes.selection)
                .zip(doc)
                .map(|(s, d)| s.quote(d).to_string());
            self.concordance.suggestions.clear();
            self.route_notes(|notes, ctx| {
                notes.handle(super::workspace::NotesMsg::CancelSelection, ctx)
            });
            return self.show_concordance(term);
        }
        let effects = self.concordance.update(m, &self.ids);
        self.apply(effects);
    }

    pub(super) fn compare_key(&mut self, key: KeyEvent) {
        let effects = self.compare.key(&key, &self.keymap, &self.corpus.documents);
        self.apply(effects);
    }

    /// The effects of the parallel-text windows.
    pub(super) fn apply_parallel(&mut self, effect: Effect) {
        match effect {
            Effect::SentenceAt { block, lang, at } => {
                let effects = self.parallel.click(block.index(), lang, at, &self.theme);
                self.apply(effects);
            }
            Effect::Concordance { term, generation } => {
                let aligner = std::sync::Arc::clone(&self.concordance.aligner);
                let job = concordance::job(term, generation, aligner, self.tx.clone());
                let effects = self.search.run_job(job, &search_ctx!(self, None));
                self.apply(effects);
            }
            Effect::CopyCitationAt(doc, block) => {
                let Some(d) = self.corpus.documents.get(doc.0) else {
                    return;
                };
                let effects = self.citation.copy_at(d, block, &self.tx);
                self.apply(effects);
            }
            Effect::CloseOverlay(name) if self.overlays.top_name() == Some(name) => {
                self.overlays.pop();
            }
            _ => {}
        }
    }
}
