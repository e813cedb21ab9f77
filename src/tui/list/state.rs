//! The document list: which documents the filter lets through, in what order, and which one
//! is selected.

use super::rank::{self, Haystack};
use crate::model::ids::DocIx;
use crate::model::{Document, TITLE_LANGS};

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
    /// dates.
    haystacks: Vec<Haystack>,
    /// Language codes per document ("zh en"), computed once: counting them walks every block.
    pub langs: Vec<String>,
    /// `tag:x` and `collection:name` per document (lower case), from the workspace's
    /// library: filter words of that form must be among them.
    labels: Vec<Vec<String>>,
    /// The order chosen for the unfiltered list.
    pub order: Order,
    /// Per document: its title and kind as the orders compare them, computed once.
    sort_keys: Vec<(String, &'static str)>,
}

impl List {
    pub fn new(docs: &[Document]) -> List {
        let haystacks = docs.iter().map(|d| Haystack::new(&haystack(d))).collect();
        let langs = docs
            .iter()
            .map(|d| {
                let codes: Vec<&str> = d.languages().iter().map(|l| l.code()).collect();
                codes.join(" ")
            })
            .collect();
        let sort_keys = docs
            .iter()
            .map(|d| (title_key(d.display_title(&TITLE_LANGS)), d.kind.label()))
            .collect();
        let mut state = List {
            haystacks,
            langs,
            sort_keys,
            ..List::default()
        };
        state.refilter();
        state
    }

    /// Takes the tags and collections of each document from the workspace's library.
    pub fn set_labels(&mut self, docs: &[Document], library: &crate::workspace::Library) {
        self.labels = docs
            .iter()
            .map(|d| {
                let tags = library.tags_of(&d.id).iter().map(|t| format!("tag:{t}"));
                let cols = library
                    .collections_of(&d.id)
                    .into_iter()
                    .map(|c| format!("collection:{c}"));
                tags.chain(cols).map(|l| l.to_lowercase()).collect()
            })
            .collect();
        self.refilter();
    }

    /// The corpus index of the selected document.
    pub fn selected_doc(&self) -> Option<DocIx> {
        self.shown.get(self.selected).copied()
    }

    /// Recomputes the shown documents after the query changed; the best match is selected
    /// (with no query, the selection stays on the same document).
    pub fn refilter(&mut self) {
        let keep = self.selected_doc().filter(|_| self.query.trim().is_empty());
        // `tag:` and `collection:` words restrict; the rest is matched as typed.
        let (labels, words): (Vec<&str>, Vec<&str>) = self
            .query
            .split_whitespace()
            .partition(|w| w.starts_with("tag:") || w.starts_with("collection:"));
        let labels: Vec<String> = labels.iter().map(|l| l.to_lowercase()).collect();
        let allowed = |i: usize| {
            labels
                .iter()
                .all(|l| self.labels.get(i).is_some_and(|have| have.contains(l)))
        };
        if words.is_empty() {
            let mut shown: Vec<usize> = (0..self.haystacks.len()).filter(|&i| allowed(i)).collect();
            // Stable sorts over the corpus order, which is date order: ties stay by date.
            let keys = &self.sort_keys;
            match self.order {
                Order::Date => {}
                Order::Title => shown.sort_by(|&a, &b| keys[a].0.cmp(&keys[b].0)),
                Order::Kind => shown.sort_by(|&a, &b| keys[a].1.cmp(keys[b].1)),
            }
            self.shown = shown.into_iter().map(DocIx).collect();
        } else {
            let mut matcher = rank::matcher();
            let mut scored: Vec<(u32, usize)> = self
                .haystacks
                .iter()
                .enumerate()
                .filter(|(i, _)| allowed(*i))
                .filter_map(|(i, h)| rank::score(&words, h, &mut matcher).map(|s| (s, i)))
                .collect();
            // Best first; equal scores in date order (the corpus order).
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            self.shown = scored.into_iter().map(|(_, i)| DocIx(i)).collect();
        }
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

/// A title as the title order compares it: lower case, without leading quotes or brackets.
fn title_key(title: &str) -> String {
    title
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn haystack(doc: &Document) -> String {
    let mut parts: Vec<String> = doc.title.0.values().cloned().collect();
    parts.push(doc.id.clone());
    parts.push(doc.kind.label().to_string());
    parts.extend(doc.dates.iter().map(|d| d.date.to_string()));
    parts.join(" ")
}
