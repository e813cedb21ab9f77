//! The reader's full check of a lazy corpus after its first screen, and the reload when files
//! changed on disk: the corpus is read again from the refreshed cache on a worker, sent back
//! as [`Msg::CorpusReloaded`] and swapped in here, keeping the list's filter, order and
//! selection and the open document by id. A document's index may move in a reload, so what
//! holds one (the list, the reader, the link history) is rebuilt from ids.

use super::app::App;
use super::list::List;
use super::msg::{Msg, Reloaded};
use crate::corpus::Corpus;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

/// How long a reload waits for the windows on top to close before it tries again.
const RETRY: Duration = Duration::from_millis(500);

impl App {
    /// A lazy corpus was opened trusting the cache (the `auto` mode of a large corpus): every
    /// file is checked on a worker now and the cache refreshed; if files changed, the corpus
    /// is read again and sent to the loop.
    pub fn check_corpus_in_full(&self) {
        if let Some(check) = self.full_check() {
            std::thread::spawn(check);
        }
    }

    /// The full check of [`App::check_corpus_in_full`], to run on a worker when the caller
    /// chooses (the reader starts it once the filter's haystacks are made); `None` when the
    /// corpus needs none.
    pub(crate) fn full_check(&self) -> Option<impl FnOnce() + Send + 'static> {
        let (Some(dir), true) = (self.corpus.dir.clone(), self.corpus.documents.is_lazy()) else {
            return None;
        };
        let old = Arc::clone(&self.corpus);
        let tx = self.sender();
        Some(move || {
            crate::trace!("full check start");
            let reloaded = reload_if_changed(&dir, &old);
            crate::trace!("full check done");
            if let Some(reloaded) = reloaded {
                let _ = tx.send(Msg::CorpusReloaded(reloaded));
            }
        })
    }

    /// Swaps in the corpus read again. While a window is on top (a note being written, a
    /// card, the search window), the reload waits for it to close, so nothing typed is lost
    /// and no window holds a document index of the old corpus.
    pub(super) fn corpus_reloaded(&mut self, reloaded: Result<Box<Reloaded>, String>) {
        let reloaded = match reloaded {
            Ok(r) => r,
            Err(why) => {
                self.status.error(format!(
                    "corpus changed on disk but could not be reloaded ({why}); reopen lectern \
                     to read the changes"
                ));
                return;
            }
        };
        if !self.overlays.is_empty() || self.search.open {
            let tx = self.sender();
            std::thread::spawn(move || {
                std::thread::sleep(RETRY);
                let _ = tx.send(Msg::CorpusReloaded(Ok(reloaded)));
            });
            return;
        }
        let Reloaded {
            corpus,
            changed,
            added,
            deleted,
        } = *reloaded;
        let id_of = |ix: Option<crate::model::DocIx>| {
            ix.and_then(|d| self.corpus.documents.id(d.0))
                .map(String::from)
        };
        let selected = id_of(self.list.selected_doc());
        let open = id_of(self.reader.as_ref().map(|r| r.doc));
        self.save_position();
        self.corpus = Arc::new(corpus);
        self.search.corpus_changed();
        self.rebuild_list(selected.as_deref());
        self.link.back.clear();
        self.link.forward.clear();
        let mut counts = vec![];
        for (n, what) in [(changed, "changed"), (added, "added"), (deleted, "deleted")] {
            if n > 0 {
                counts.push(format!("{n} {what}"));
            }
        }
        let mut line = match counts.is_empty() {
            true => "corpus changed on disk; list reloaded".to_string(),
            false => format!(
                "corpus changed on disk: {}; list reloaded",
                counts.join(", ")
            ),
        };
        if let Some(id) = open {
            self.reader = None;
            match self.corpus.ix(&id) {
                Some(ix) => {
                    let (screen, focus) = (self.screen, self.focus);
                    let panel = self.panel.focused;
                    self.open_document(ix);
                    (self.screen, self.focus, self.panel.focused) = (screen, focus, panel);
                }
                None => {
                    self.screen = super::focus::Screen::List;
                    self.focus = super::focus::Focus::List;
                    self.panel.focused = false;
                    line.push_str(&format!("; the open document {id} was deleted"));
                }
            }
        }
        self.status.info(line);
    }

    /// A new list over the corpus, with the old one's filter and order, selecting `selected`.
    fn rebuild_list(&mut self, selected: Option<&str>) {
        let mut list = List::new(&self.corpus.documents);
        list.query = std::mem::take(&mut self.list.query);
        list.editing = self.list.editing;
        list.order = self.list.order;
        list.height = self.list.height;
        list.filter_on_worker(self.sender());
        list.set_labels(&self.corpus, &self.notes.library);
        let ix = selected.and_then(|id| self.corpus.ix(id));
        if let Some(p) = ix.and_then(|d| list.shown.iter().position(|&s| s == d)) {
            list.selected = p;
            list.clamp();
        }
        self.list = list;
    }
}

/// Checks every file of `dir`; when documents changed, added or deleted, the corpus read
/// again from the refreshed cache, with how many of each (`None`: nothing changed, or the
/// check itself failed, which leaves the reader as it is). The ids are compared on the
/// checked catalog before a corpus is made of it: making one decodes every head again (tens
/// of MB at 100,000 documents, beside the reader's own), which an unchanged corpus never needs.
fn reload_if_changed(dir: &std::path::Path, old: &Corpus) -> Option<Result<Box<Reloaded>, String>> {
    let (catalog, refresh) = crate::corpus::cache::check_in_full(dir).ok()?;
    let gone_problems = old.problems.len().saturating_sub(catalog.problems.len());
    let before: HashSet<&str> = (0..old.documents.len())
        .filter_map(|i| old.documents.id(i))
        .collect();
    let now: HashSet<&str> = (0..catalog.len()).filter_map(|i| catalog.id(i)).collect();
    let added = now.difference(&before).count();
    let deleted = before.difference(&now).count();
    let changed = refresh.parsed.len().saturating_sub(added);
    drop((before, now));
    if changed + added + deleted + gone_problems == 0 {
        return None;
    }
    let corpus = match Corpus::lazy(catalog) {
        Ok(c) => c,
        Err(why) => return Some(Err(why)),
    };
    Some(Ok(Box::new(Reloaded {
        corpus,
        changed,
        added,
        deleted,
    })))
}
