//! The document list: which documents the filter lets through, in what order, and which one
//! is selected. Made from the documents' heads (no body is read). A large corpus is filtered
//! on a worker thread (see [`super::worker`]): a keystroke posts the query, and the answer to
//! the latest query replaces the list when it comes back.

use super::rank::Haystacks;
pub(super) use super::request::{MIN_ROWS, Request, Seen};
use super::worker::FilterWorker;
use crate::corpus::{Corpus, Docs, Head};
use crate::model::TITLE_LANGS;
use crate::model::ids::DocIx;
use std::sync::{Arc, OnceLock};

/// The order of the list when no filter words rank it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// By the date that places each document in time, undated last (the corpus order).
    #[default]
    Date,
    /// By title, ignoring case and leading quotes; equal titles by date.
    Title,
    /// By kind (article, journal, treaty …), then date.
    Kind,
}

impl Order {
    /// The next order `s` gives: date → title → kind → date.
    pub fn next(self) -> Order {
        match self {
            Order::Date => Order::Title,
            Order::Title => Order::Kind,
            Order::Kind => Order::Date,
        }
    }

    /// As the list header says it: "by date".
    pub fn label(self) -> &'static str {
        match self {
            Order::Date => "by date",
            Order::Title => "by title",
            Order::Kind => "by kind",
        }
    }
}

#[derive(Debug, Default)]
pub struct List {
    /// The filter as typed.
    pub query: String,
    /// Whether keys go into the filter.
    pub editing: bool,
    /// Indices into the corpus of the documents shown, best match first (date order when the
    /// filter is empty).
    pub shown: Vec<DocIx>,
    /// Index into `shown`.
    pub selected: usize,
    /// First row of `shown` on screen.
    pub offset: usize,
    /// Rows on screen, from the last frame (for paging).
    pub height: usize,
    /// What the filter matches against, per document: titles in every language, id, kind,
    /// dates. Made on first use (on the worker's thread for a large corpus).
    haystacks: Arc<OnceLock<Haystacks>>,
    /// Makes the haystacks from the heads.
    heads: Option<Made<Haystacks>>,
    /// How many documents.
    count: usize,
    /// The worker a large corpus is filtered on, and the number of the latest query sent.
    worker: Option<FilterWorker>,
    pub(super) generation: u64,
    /// The number of the query whose answer the list shows.
    answered: u64,
    /// Whether the list shows only the first rows of that answer (the worker sends them
    /// first, then the whole ranking).
    partial: bool,
    /// `tag:x` and `collection:name` per document (lower case), from the workspace's
    /// library: filter words of that form must be among them.
    labels: Arc<Vec<Vec<String>>>,
    /// The order chosen for the unfiltered list.
    pub order: Order,
    /// Per document: its title and kind as the orders compare them, made when first sorted.
    sort_keys: Arc<OnceLock<Vec<SortKey>>>,
    /// The heads the sort keys are made from.
    keys_from: Option<Made<Vec<SortKey>>>,
}

/// A document's title (as [`title_key`] makes it) and kind, as the orders compare them.
pub(super) type SortKey = (String, &'static str);

/// Makes what the list needs of every head, from the heads, when first asked for.
pub(super) struct Made<T>(pub(super) Arc<dyn Fn() -> T + Send + Sync>);

impl<T> Clone for Made<T> {
    fn clone(&self) -> Self {
        Made(self.0.clone())
    }
}

impl<T> std::fmt::Debug for Made<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Made")
    }
}

impl List {
    /// The list of `docs`, in date order. A large lazy corpus's heads are not all needed
    /// for it: the first screen reads its rows' heads, and the filter's haystacks are made on
    /// its worker ([`List::warm`]).
    pub fn new(docs: &Docs) -> List {
        let mut state = List {
            count: docs.len(),
            ..List::default()
        };
        if docs.len() >= FILTER_ON_WORKER_FROM {
            // Made when first filtered, from the heads (shared, not copied).
            let heads = docs.shared_heads();
            state.heads = Some(Made(Arc::new(move || {
                Haystacks::build(heads.get(), haystack)
            })));
        } else {
            let _ = (state.haystacks).set(Haystacks::build(docs.heads(), haystack));
        }
        let heads = docs.shared_heads();
        state.keys_from = Some(Made(Arc::new(move || {
            (heads.get().iter())
                .map(|h| (title_key(h.display_title(&TITLE_LANGS)), h.kind.label()))
                .collect()
        })));
        state.refilter();
        state
    }

    /// Filters on a worker thread from now on (a large corpus): answers come back to `tx`
    /// as [`crate::tui::msg::Msg::ListFiltered`]. A small corpus is filtered as it is typed.
    pub fn filter_on_worker(&mut self, tx: std::sync::mpsc::Sender<crate::tui::msg::Msg>) {
        if self.count >= FILTER_ON_WORKER_FROM {
            self.worker = Some(FilterWorker::spawn(tx));
        }
    }

    /// Has the worker make the haystacks now, while the user reads the first screen (asked
    /// once it is drawn, so that the two do not share the cores).
    pub fn warm(&self) {
        if let Some(worker) = &self.worker {
            worker.warm(self.request(), None);
        }
    }

    /// [`List::warm`], then `then` on a thread of its own once the haystacks are made (at
    /// once when the list has no worker): background work that should not hold the first
    /// filter's answer back.
    pub fn warm_then(&self, then: Box<dyn FnOnce() + Send>) {
        match &self.worker {
            Some(worker) => worker.warm(self.request(), Some(then)),
            None => {
                std::thread::spawn(then);
            }
        }
    }

    /// Whether the list waits for the worker's answer to the latest query.
    pub fn waiting(&self) -> bool {
        self.answered != self.generation
    }

    fn request(&self) -> Request {
        Request {
            query: self.query.clone(),
            count: self.count,
            haystacks: self.haystacks.clone(),
            texts: self.heads.clone(),
            labels: self.labels.clone(),
            order: self.order,
            sort_keys: self.sort_keys.clone(),
            keys_from: self.keys_from.clone(),
            rows: (self.height.max(MIN_ROWS)) * 2,
        }
    }

    /// Takes the tags and collections of each document from the workspace's library: from
    /// the library's entries, so that a corpus of 100,000 documents and a few labels costs a
    /// few look-ups (none at all without labels).
    pub fn set_labels(&mut self, corpus: &Corpus, library: &crate::workspace::Library) {
        let mut labels: Vec<Vec<String>> = Vec::new();
        let mut label = |id: &str, label: String| {
            if let Some(ix) = corpus.ix(id) {
                if labels.is_empty() {
                    labels = vec![Vec::new(); self.count];
                }
                if let Some(have) = labels.get_mut(ix.0) {
                    have.push(label.to_lowercase());
                }
            }
        };
        for (id, tags) in &library.tags {
            for t in tags {
                label(id, format!("tag:{t}"));
            }
        }
        for (name, ids) in &library.collections {
            for id in ids {
                label(id, format!("collection:{name}"));
            }
        }
        self.labels = Arc::new(labels);
        self.refilter();
    }

    /// The corpus index of the selected document.
    pub fn selected_doc(&self) -> Option<DocIx> {
        self.shown.get(self.selected).copied()
    }

    /// Recomputes the shown documents after the query changed; the best match is selected
    /// (with no query, the selection stays on the same document). With a worker, a query of
    /// words is sent to it and the list changes when [`List::filtered`] gets the answer.
    pub fn refilter(&mut self) {
        self.generation += 1;
        let request = self.request();
        if let Some(worker) = &self.worker
            && !self.query.trim().is_empty()
        {
            worker.send(self.generation, request);
            return;
        }
        let shown = request.answer();
        self.answered = self.generation;
        self.partial = false;
        self.show(shown);
    }

    /// The worker's answer to query number `generation`: taken if it is the latest.
    /// `complete` false: only its first rows (the whole ranking follows, with the same
    /// first rows, and then keeps the selection the user moved meanwhile).
    pub fn filtered(&mut self, generation: u64, shown: Vec<DocIx>, complete: bool) {
        if generation != self.generation {
            return;
        }
        if self.answered == generation && self.partial {
            self.shown = shown;
            self.partial = !complete;
            self.clamp();
            return;
        }
        self.answered = generation;
        self.partial = !complete;
        self.show(shown);
    }

    /// Whether the list shows only the first rows of the latest answer, the rest to come.
    pub fn partial(&self) -> bool {
        self.partial && !self.waiting()
    }

    fn show(&mut self, shown: Vec<DocIx>) {
        let keep = self.selected_doc().filter(|_| self.query.trim().is_empty());
        self.shown = shown;
        self.selected = keep
            .and_then(|d| self.shown.iter().position(|&s| s == d))
            .unwrap_or(0);
        self.offset = 0;
        self.clamp();
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = self.selected.saturating_add_signed(delta);
        self.clamp();
    }

    pub fn to_top(&mut self) {
        self.selected = 0;
        self.clamp();
    }

    pub fn to_bottom(&mut self) {
        self.selected = self.shown.len().saturating_sub(1);
        self.clamp();
    }

    pub fn page(&self) -> isize {
        self.height.saturating_sub(1).max(1) as isize
    }

    /// Keeps the selection inside the list and on screen.
    pub fn clamp(&mut self) {
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        let h = self.height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
        self.offset = self.offset.min(self.shown.len().saturating_sub(h));
    }

    /// Sorts the list by the next order (date → title → kind), keeping the selection.
    pub fn cycle_order(&mut self) {
        self.order = self.order.next();
        let keep = self.selected_doc();
        self.refilter();
        if let Some(at) = keep.and_then(|d| self.shown.iter().position(|&s| s == d)) {
            self.selected = at;
            self.clamp();
        }
    }

    /// Whether filter words rank the list (best match first) instead of [`List::order`].
    pub fn ranked(&self) -> bool {
        self.query
            .split_whitespace()
            .any(|w| !(w.starts_with("tag:") || w.starts_with("collection:")))
    }

    pub fn clear_filter(&mut self) {
        self.query.clear();
        self.editing = false;
        self.refilter();
    }
}

/// A document's language codes as the list shows them ("zh en").
pub fn langs_label(head: &Head) -> String {
    let codes: Vec<&str> = head.languages.iter().map(|l| l.code()).collect();
    codes.join(" ")
}

/// A title as the title order compares it: lower case, without leading quotes or brackets.
fn title_key(title: &str) -> String {
    title
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// From this many documents the filter runs on a worker thread: below it, matching every
/// title takes well under a frame.
pub const FILTER_ON_WORKER_FROM: usize = 5_000;

/// Writes what the filter matches a document against: its titles in every language, id,
/// kind and dates, a space between.
fn haystack(doc: &Head, out: &mut String) {
    use std::fmt::Write;
    for title in doc.title.0.values() {
        out.push_str(title);
        out.push(' ');
    }
    out.push_str(&doc.id);
    out.push(' ');
    out.push_str(doc.kind.label());
    for d in &doc.dates {
        let _ = write!(out, " {}", d.date);
    }
}
