//! The compare window's state: first the choice of the second document (a filtered list),
//! then the comparison of the two, the pair selected and the side `y` cites. Plain data; the
//! update is in [`super`].

use crate::model::ids::DocIx;
use crate::parallel::compare::{Comparison, Pair, Side};

/// Choosing the document to compare the open one with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picking {
    /// The document compared (the open one).
    pub first: DocIx,
    /// The filter line as typed (words of the id or the title).
    pub filter: String,
    /// The documents that match the filter, in corpus order; the open one left out.
    pub matches: Vec<DocIx>,
    pub selected: usize,
}

/// The two documents side by side.
#[derive(Clone, Debug)]
pub struct Showing {
    pub a: DocIx,
    pub b: DocIx,
    pub comparison: Comparison,
    /// Index into `comparison.pairs`.
    pub selected: usize,
    /// The side `y` cites and Enter opens: the second document (right), else the first.
    pub right: bool,
}

impl Showing {
    pub fn pair(&self) -> Option<&Pair> {
        self.comparison.pairs.get(self.selected)
    }

    /// The selected side of the selected pair, with its document.
    pub fn side(&self) -> Option<(DocIx, &Side)> {
        let pair = self.pair()?;
        if self.right {
            Some((self.b, pair.b.as_ref()?))
        } else {
            Some((self.a, pair.a.as_ref()?))
        }
    }
}

#[derive(Clone, Debug, Default)]
pub enum CompareView {
    #[default]
    Closed,
    Picking(Picking),
    Showing(Box<Showing>),
}

impl Picking {
    /// Every document but `first` whose id or title holds each word of `filter` (any case).
    pub fn refilter(&mut self, docs: &[crate::corpus::Head]) {
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        self.matches = docs
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != self.first.0)
            .filter(|(_, d)| {
                let hay = format!(
                    "{} {}",
                    d.id,
                    d.title.0.values().cloned().collect::<Vec<_>>().join(" ")
                )
                .to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .map(|(i, _)| DocIx(i))
            .collect();
        self.selected = self.selected.min(self.matches.len().saturating_sub(1));
    }
}
