//! The concordance window's state: the term line, the answer of the search worker to the
//! latest term sent, and the entry selected. Plain data; the update is in [`super`].

use crate::parallel::Aligner;
use crate::parallel::concordance::{Concordance, Occurrence};
use std::sync::{Arc, OnceLock};

/// Where the answer for the term shown is.
#[derive(Clone, Debug, Default)]
pub enum Answer {
    /// No term asked yet.
    #[default]
    None,
    /// Sent to the search worker; waiting.
    Waiting,
    Ready(Concordance),
    /// The index could not answer: its one line.
    Failed(String),
}

#[derive(Default)]
pub struct ConcordanceView {
    /// The term line as typed.
    pub term: String,
    /// The term of the latest request (what `answer` answers, or will).
    pub asked: String,
    /// Generation of the latest request; an answer with another one is stale.
    pub generation: u64,
    pub answer: Answer,
    /// Index into [`ConcordanceView::entries`].
    pub selected: usize,
    /// The registry names of the sentence under the sentence cursor: Tab asks the next one.
    pub suggestions: Vec<String>,
    /// Built once on the worker's thread, on first use (the registry's name matcher).
    pub aligner: Arc<OnceLock<Aligner>>,
}

impl std::fmt::Debug for ConcordanceView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConcordanceView")
            .field("term", &self.term)
            .field("asked", &self.asked)
            .field("generation", &self.generation)
            .field("answer", &self.answer)
            .field("selected", &self.selected)
            .field("suggestions", &self.suggestions)
            .finish()
    }
}

impl ConcordanceView {
    /// The concordance shown, once it came.
    pub fn ready(&self) -> Option<&Concordance> {
        match &self.answer {
            Answer::Ready(c) => Some(c),
            _ => None,
        }
    }

    /// Every entry in display order: (group, occurrence) indices.
    pub fn entries(&self) -> Vec<(usize, usize)> {
        self.ready().map_or_else(Vec::new, |c| {
            c.groups
                .iter()
                .enumerate()
                .flat_map(|(g, group)| (0..group.occurrences.len()).map(move |o| (g, o)))
                .collect()
        })
    }

    /// The selected occurrence.
    pub fn selected_occurrence(&self) -> Option<&Occurrence> {
        let (g, o) = *self.entries().get(self.selected)?;
        self.ready()?.groups.get(g)?.occurrences.get(o)
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        let last = self.entries().len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}
