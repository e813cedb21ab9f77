//! The translation concordance in the reader, a component: every aligned block of the archive
//! that holds a word or phrase, keyword in context in its language beside the counterpart
//! sentence, grouped by how the term was rendered, with counts and dates.
//!
//! - opened by [`Action::Concordance`] for the selection (from the select bar), else the
//!   first registry name of the sentence under the sentence cursor (Tab asks the next one),
//!   else the last term; the term line takes typing, Enter asks for what is typed;
//! - the work runs on the search worker's thread ([`job`]: `concordance::find` over the index,
//!   through [`Effect::Concordance`]), never on the UI thread; the answer comes back as
//!   [`ConcordanceMsg::Answer`] and only the answer to the latest term asked is kept;
//! - Enter on an entry opens its document at the block ([`Effect::JumpTo`], so the link
//!   history can go back) with the sentence cursor on the sentence ([`Effect::SentenceAt`]).
//!
//! [`state`] holds the data, [`view`] draws the window from it.

pub mod state;
pub mod view;

pub use state::{Answer, ConcordanceView};

use crate::corpus::Corpus;
use crate::model::ids::DocIds;
use crate::parallel::Aligner;
use crate::parallel::concordance;
use crate::search::SearchIndex;
use crate::search::service::{IndexWork, Job};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::line_edit::{Edit, edit};
use crate::tui::msg::Msg;
use std::sync::mpsc::Sender;
use std::sync::{Arc, OnceLock};

/// How many matching blocks are read, best first (as `lectern concordance`'s default).
pub const LIMIT: usize = 200;

pub use crate::tui::msg::ConcordanceMsg;

impl ConcordanceView {
    /// Opens on `term` (asked at once) or, without one, on the term line as it was.
    pub fn open(&mut self, term: Option<String>) -> Vec<Effect> {
        if let Some(t) = term.map(|t| one_line(&t)).filter(|t| !t.is_empty()) {
            self.term = t;
        }
        let same = self.asked == self.term.trim() && !matches!(self.answer, Answer::Failed(_));
        if self.term.trim().is_empty() || same {
            return Vec::new();
        }
        self.ask()
    }

    /// Sends the term line to the worker as a new request.
    fn ask(&mut self) -> Vec<Effect> {
        let term = self.term.trim().to_string();
        if term.is_empty() {
            return vec![Effect::Info(
                "type a word or phrase in either language".into(),
            )];
        }
        self.generation += 1;
        self.asked = term.clone();
        self.answer = Answer::Waiting;
        self.selected = 0;
        vec![Effect::Concordance {
            term,
            generation: self.generation,
        }]
    }

    pub fn update(&mut self, msg: ConcordanceMsg, ids: &DocIds) -> Vec<Effect> {
        match msg {
            ConcordanceMsg::Key(key) => {
                // Only the line changes; Enter asks for it.
                let _: Edit = edit(&mut self.term, &key);
                Vec::new()
            }
            ConcordanceMsg::Answer { generation, result } => {
                if generation == self.generation {
                    self.answer = match result {
                        Ok(c) => Answer::Ready(c),
                        Err(e) => Answer::Failed(e),
                    };
                    self.selected = 0;
                }
                Vec::new()
            }
            ConcordanceMsg::Action(action) => self.action(action, ids),
            // The app takes the selection's text and calls `open`.
            ConcordanceMsg::OfSelection => Vec::new(),
            ConcordanceMsg::NextSuggestion => {
                let n = self.suggestions.len();
                if n == 0 {
                    return vec![Effect::Info(
                        "no other name in the sentence under the sentence cursor".into(),
                    )];
                }
                let at = self.suggestions.iter().position(|s| *s == self.term.trim());
                self.term = self.suggestions[at.map_or(0, |i| (i + 1) % n)].clone();
                self.ask()
            }
        }
    }

    fn action(&mut self, action: Action, ids: &DocIds) -> Vec<Effect> {
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-10),
            Action::PageDown => self.move_by(10),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Back => return vec![Effect::CloseOverlay(view::NAME)],
            Action::Quit => return vec![Effect::Quit],
            Action::Open if self.term.trim() != self.asked || self.ready().is_none() => {
                return self.ask();
            }
            Action::Open => return self.open_selected(ids),
            _ => {}
        }
        Vec::new()
    }

    /// The document of the selected entry at its block, the sentence cursor on its sentence.
    fn open_selected(&self, ids: &DocIds) -> Vec<Effect> {
        let Some(o) = self.selected_occurrence() else {
            return vec![Effect::Info(format!(
                "no aligned block holds “{}”",
                self.asked
            ))];
        };
        let Some(doc) = ids.get(&o.doc) else {
            return vec![Effect::Info(format!(
                "document {} is not in the corpus",
                o.doc
            ))];
        };
        vec![
            Effect::CloseOverlay(view::NAME),
            Effect::JumpTo(doc, o.block),
            Effect::SentenceAt {
                block: o.block,
                lang: o.lang,
                at: o.sentence_at,
            },
        ]
    }
}

/// The work for the search worker: the concordance of `term` over the index, posted back as
/// [`ConcordanceMsg::Answer`] with `generation`.
pub struct ConcordanceJob {
    pub term: String,
    pub generation: u64,
    aligner: Arc<OnceLock<Aligner>>,
    tx: Sender<Msg>,
}

impl ConcordanceJob {
    /// The job, boxed for [`crate::search::service::Service::run`].
    pub fn job(
        term: String,
        generation: u64,
        aligner: Arc<OnceLock<Aligner>>,
        tx: Sender<Msg>,
    ) -> Job {
        Box::new(ConcordanceJob {
            term,
            generation,
            aligner,
            tx,
        })
    }
}

impl std::fmt::Debug for ConcordanceJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConcordanceJob")
            .field("term", &self.term)
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

impl IndexWork for ConcordanceJob {
    fn run(self: Box<Self>, index: Result<&SearchIndex, &str>, corpus: &Corpus) {
        let result = match index {
            Ok(index) => {
                let aligner = self.aligner.get_or_init(|| Aligner::new(&corpus.registry));
                // The corpus, not its slice: only the bodies of the blocks read are loaded.
                concordance::find(index, corpus, aligner, &corpus.registry, &self.term, LIMIT)
                    .map_err(|e| format!("{e:#}"))
            }
            Err(why) => Err(why.to_string()),
        };
        // The loop may have ended meanwhile; then nobody needs the answer.
        let _ = self.tx.send(Msg::Concordance(ConcordanceMsg::Answer {
            generation: self.generation,
            result,
        }));
    }
}

/// The term on one line: a selection across lines is asked as one phrase.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
