//! The app's glue to the concordance and compare windows (parallel text), kept apart from
//! `routing.rs` as it is: their components decide; this opens their windows, hands them keys
//! and messages, and carries out the effects only they ask for.

use super::action::Action;
use super::app::App;
use super::compare::view::CompareWindow;
use super::concordance::view::ConcordanceWindow;
use super::concordance::{self, ConcordanceMsg};
use super::effect::Effect;
use super::search::SearchContext;
use crossterm::event::KeyEvent;

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
        let effects = self.concordance.update(m, self.corpus.ids());
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
                let effects = self.parallel.click(block, lang, at, &self.theme);
                self.apply(effects);
            }
            Effect::Concordance { term, generation } => {
                let aligner = std::sync::Arc::clone(&self.concordance.aligner);
                let job =
                    concordance::ConcordanceJob::job(term, generation, aligner, self.tx.clone());
                let ctx = SearchContext {
                    corpus: &self.corpus,
                    ids: self.corpus.ids(),
                    keymap: &self.keymap,
                    reader: None,
                    tx: &self.tx,
                };
                let effects = self.search.run_job(job, &ctx);
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
