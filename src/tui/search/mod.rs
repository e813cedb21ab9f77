//! Search in the TUI, a component: its state ([`state::SearchState`]: the query, the
//! results, the hits in the open document, the worker), its update (the methods below, each
//! returning [`Effect`]s) and its view ([`view`]: the `/` window, drawn from the state alone).
//!
//! - `/` ([`SearchState::open_window`]) starts the worker on first use (it opens or builds
//!   the index on its own thread) and shows the window with the query kept from last time;
//!   while it shows, it takes every key ([`SearchState::key`]);
//! - every edit of the query line is debounced ([`DEBOUNCE`]) on a small timer thread, then
//!   sent to the worker with a new generation; answers come back as [`Msg::Search`]
//!   ([`SearchState::event`]) and only the answer to the latest query sent is kept;
//! - Enter opens the selected hit ([`Effect::OpenAt`]) and asks the worker for every hit of
//!   the query in that document, which the reader highlights ([`Effect::Highlight`]);
//!   `n`/`N` ([`SearchState::step_hit`]) move between the hit blocks, and past the last (or
//!   first) one go on to the next (previous) document of the results, saying so when they
//!   go round;
//! - the worker shares the reader's corpus (`Arc`); if it panics, [`Msg::WorkerStopped`]
//!   says so in the status line, and the next `/` starts a new one.
//!
//! It reads the rest (corpus, ids, keymap, where the reader is) from a [`SearchContext`] and
//! imports neither the app nor the reader. Nothing here runs on the render path, and nothing
//! on the UI thread touches the index.

mod debounce;
pub mod state;
pub mod view;

use super::action::Action;
use super::context::ReaderAt;
use super::effect::{Effect, Mark};
use super::keymap::{Key, Keymap, Mode};
use super::line_edit::{Edit, edit};
use super::msg::Msg;
use super::search::state::{IndexStatus, ReaderHits, SearchState};
use super::status::Level;
use super::workers::{StopReport, WorkerKind};
use crate::corpus::Corpus;
use crate::model::ids::{BlockNo, DocIds, DocIx};
use crate::search::{Event, Location, Service};
use crossterm::event::KeyEvent;
use debounce::spawn_debouncer;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How long the query line must stay unchanged before it is searched.
pub const DEBOUNCE: Duration = Duration::from_millis(150);
/// How many results are fetched (with snippets) for the list.
pub const RESULT_LIMIT: usize = 100;
/// The owner name of the reader highlights set by search.
pub const HIGHLIGHT_OWNER: &str = "search";

/// The worker and the debounce timer, started on first use.
pub struct Worker {
    service: Service,
    debounce: Sender<u64>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Worker")
    }
}

/// What search reads: the corpus it shares with its worker, the id map, the keys (for the
/// window and its hints), where the reader is, and where threads post their answers.
pub struct SearchContext<'a> {
    pub corpus: &'a Arc<Corpus>,
    pub ids: &'a DocIds,
    pub keymap: &'a Keymap,
    pub reader: Option<&'a ReaderAt>,
    pub tx: &'a Sender<Msg>,
}

fn info(text: impl Into<String>) -> Vec<Effect> {
    vec![Effect::Info(text.into())]
}

impl SearchState {
    /// Shows the `/` window (query kept), starting the index worker if needed.
    pub fn open_window(&mut self, ctx: &SearchContext<'_>) -> Vec<Effect> {
        self.open = true;
        self.ensure_worker(ctx)
    }

    /// Starts the worker that opens or builds the index, unless it runs already.
    fn ensure_worker(&mut self, ctx: &SearchContext<'_>) -> Vec<Effect> {
        if self.worker.is_some() {
            return Vec::new();
        }
        let location = match self.location.clone() {
            Some(l) => Ok(l),
            None => Location::user_cache(),
        };
        let location = match location {
            Ok(l) => l,
            Err(e) => return self.unavailable(format!("search is unavailable: {e:#}")),
        };
        // The worker shares the corpus; the registry lets a name typed in one language find
        // the others (as in the CLI).
        let mut hooks = match &self.hooks.0 {
            Some(h) => h.clone(),
            None => crate::search::registry_hooks::shared_hooks(Arc::clone(ctx.corpus)),
        };
        // The user's notes are searched too, through their index (brought up to the files
        // before each query).
        if hooks.own.is_none()
            && let Some(ws) = &self.workspace
        {
            let own =
                crate::workspace::search::Own::of_catalog(ws.clone(), ctx.corpus.documents.heads())
                    .indexed(&location);
            hooks.own = Some(Arc::new(own));
        }
        // The report lives in the worker's callback: if the worker panics, it says so.
        let report = StopReport::new(WorkerKind::Search, ctx.tx.clone());
        let started = Service::start(Arc::clone(ctx.corpus), location, hooks, move |ev| {
            report.send(Msg::Search(ev));
        })
        .and_then(|service| Ok((service, spawn_debouncer(ctx.tx.clone())?)));
        match started {
            Ok((service, debounce)) => {
                self.index = IndexStatus::Opening;
                self.worker = Some(Worker { service, debounce });
                Vec::new()
            }
            Err(e) => {
                self.unavailable(format!("search is unavailable: cannot start a thread: {e}"))
            }
        }
    }

    /// Runs `job` on the search worker (started if needed) with the index, after what was
    /// asked before: work of another feature that reads the index (the concordance).
    pub fn run_job(
        &mut self,
        job: crate::search::service::Job,
        ctx: &SearchContext<'_>,
    ) -> Vec<Effect> {
        let effects = self.ensure_worker(ctx);
        match &self.worker {
            Some(w) => w.service.run(job),
            None => job.run(Err("search is unavailable"), ctx.corpus),
        }
        effects
    }

    fn unavailable(&mut self, message: String) -> Vec<Effect> {
        self.index = IndexStatus::Unavailable(message.clone());
        vec![Effect::Status(Level::Error, message)]
    }

    /// The corpus was read again (files changed on disk): the worker holds the old corpus
    /// and its index, so it is dropped and the next search starts one over the new corpus,
    /// which brings the index up to date with the changed documents. Results and hits that
    /// name documents by their old position go too.
    pub fn corpus_changed(&mut self) {
        self.worker = None;
        self.index = IndexStatus::NotStarted;
        self.clear_results();
        self.reader_hits = None;
    }

    /// The search worker or its timer panicked: say which and how to retry, and go on
    /// without it.
    pub fn stopped(&mut self, worker: WorkerKind, message: &str, keymap: &Keymap) -> Vec<Effect> {
        let key = keymap
            .hint(Mode::List, Action::Search)
            .map_or_else(|| "search".to_string(), |k| k.to_string());
        let line = format!(
            "{} stopped: {message}; press {key} to retry",
            worker.label()
        );
        // Dropping the worker lets the next `/` start a new one.
        self.worker = None;
        self.unavailable(line)
    }

    /// A key while the window shows: the keymap's `filter` table (the one for typing), so
    /// the same keys move and open as in the list's filter; other keys edit the query.
    pub fn key(&mut self, key: &KeyEvent, ctx: &SearchContext<'_>) -> Vec<Effect> {
        match ctx.keymap.action(Mode::Filter, Key::from_event(key)) {
            // The query stays for the next `/`.
            Some(Action::Back) => {
                self.open = false;
                Vec::new()
            }
            Some(action) => self.action(action),
            None => self.type_key(*key),
        }
    }

    /// A key of the window that is not bound to an action there: text editing.
    pub fn type_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if edit(&mut self.query, &key) == Edit::Changed {
            self.query_edited();
        }
        Vec::new()
    }

    /// An action from the keymap while the window shows.
    pub fn action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-10),
            Action::PageDown => self.move_selection(10),
            Action::Top => self.move_selection(isize::MIN / 2),
            Action::Bottom => self.move_selection(isize::MAX / 2),
            Action::Open => return self.open_selected(),
            Action::Quit => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    /// The query line changed: search it once it has stayed unchanged for [`DEBOUNCE`].
    fn query_edited(&mut self) {
        let edit = self.edited();
        if self.query.trim().is_empty() {
            // Nothing to search; an answer still on its way is for an older query.
            let generation = self.next_generation();
            self.sending(generation, "");
            self.clear_results();
            return;
        }
        match &self.worker {
            Some(w) => {
                let _ = w.debounce.send(edit);
            }
            None => self.due(edit),
        }
    }

    /// The debounce timer fired for edit `edit`: search, unless the query changed since.
    pub fn due(&mut self, edit: u64) {
        if edit != self.edit {
            return;
        }
        let query = self.query.trim().to_string();
        if query.is_empty() {
            return;
        }
        let generation = self.next_generation();
        self.sending(generation, &query);
        if let Some(w) = &self.worker {
            w.service.submit(query, generation, RESULT_LIMIT);
        }
    }

    /// A report of the search worker.
    pub fn event(&mut self, ev: Event, ctx: &SearchContext<'_>) -> Vec<Effect> {
        match ev {
            Event::Progress { done, total } => {
                self.index = IndexStatus::Building { done, total };
                self.index.describe().map(info).unwrap_or_default()
            }
            Event::Ready { notice } => {
                self.index = IndexStatus::Ready;
                notice.map(info).unwrap_or_default()
            }
            Event::Unavailable { message } => self.unavailable(message),
            Event::Results {
                generation,
                results,
            } => {
                self.accept_results(generation, results, ctx.ids);
                Vec::new()
            }
            Event::Failed {
                generation,
                message,
            } => {
                let for_reader =
                    (self.reader_hits.as_ref()).is_some_and(|h| h.generation == generation);
                if for_reader {
                    return vec![Effect::Status(
                        Level::Error,
                        format!("search hits not found: {message}"),
                    )];
                }
                self.accept_failure(generation, message);
                Vec::new()
            }
            Event::DocumentHits {
                generation,
                doc,
                hits,
            } => {
                let Some(rh) = self.reader_hits.as_mut() else {
                    return Vec::new();
                };
                if rh.generation != generation || doc != rh.doc {
                    return Vec::new();
                }
                rh.set_hits(hits);
                // The hit opened is the current one (unless it was in the title). Not the
                // reader's cursor: it moves to the hit only at the next frame.
                rh.current = rh
                    .opened
                    .and_then(|o| rh.blocks.iter().position(|&b| b == o));
                let count = match (rh.current, rh.blocks.len()) {
                    (_, 0) => "the hit is in the title only".to_string(),
                    (Some(i), n) => format!("hit {} of {n} · n next, N previous", i + 1),
                    (None, 1) => "1 block with hits · n goes there".to_string(),
                    (None, n) => format!("{n} blocks with hits · n next, N previous"),
                };
                let line = match rh.note.take() {
                    Some(note) => format!("{note} · {count}"),
                    None => count,
                };
                let mut effects = self.highlights();
                effects.push(Effect::Info(line));
                effects
            }
        }
    }

    /// Opens the selected result at its block, and asks for every hit in that document.
    fn open_selected(&mut self) -> Vec<Effect> {
        let Some(results) = &self.results else {
            return info("no result to open");
        };
        let Some(hit) = results.hits.get(self.selected) else {
            return self.open_own();
        };
        // The query that found this hit: the line may have changed since (its answer pending).
        let query = results.query.clone();
        let block = hit.block;
        let Some(doc) = self.hit_doc(self.selected) else {
            let line = format!("document {} is not in the corpus", hit.doc_id);
            return vec![Effect::Status(Level::Error, line)];
        };
        let trail = self.trail();
        self.open = false;
        self.open_hit(doc, block, query, trail, None)
    }

    /// Opens the selected note of the user's at its block (the top for a note on the whole
    /// document), remembering where the reader was.
    fn open_own(&mut self) -> Vec<Effect> {
        let Some(results) = &self.results else {
            return info("no result to open");
        };
        let own = (self.selected.checked_sub(results.hits.len())).and_then(|i| results.own.get(i));
        let Some(own) = own else {
            return info("no result to open");
        };
        let Some(doc) = self.hit_doc(self.selected) else {
            let line = format!("document {} is not in the corpus", own.doc_id);
            return vec![Effect::Status(Level::Error, line)];
        };
        let block = own.block.unwrap_or(BlockNo::FIRST);
        let what = if own.note.is_empty() {
            "highlight"
        } else {
            "note"
        };
        self.open = false;
        vec![
            Effect::JumpTo(doc, block),
            Effect::Info(format!(
                "your {what} {} · {}",
                own.mark_id,
                crate::tui::pinpoint::block_pin(block)
            )),
        ]
    }

    /// Opens `doc` at `block` (from a result) and asks the worker for every hit of `query`
    /// in it; `note` is said first when they arrive.
    fn open_hit(
        &mut self,
        doc: DocIx,
        block: BlockNo,
        query: String,
        trail: Vec<(DocIx, Vec<BlockNo>)>,
        note: Option<String>,
    ) -> Vec<Effect> {
        let generation = self.next_generation();
        let opened = Some(block).filter(|&b| b != BlockNo::TITLE);
        let mut rh = ReaderHits::new(doc, query.clone(), generation, opened);
        rh.trail = trail;
        rh.note = note.clone();
        self.reader_hits = Some(rh);
        if let Some(w) = &self.worker {
            w.service.document_hits(query, doc, generation);
        }
        // A title hit opens at the top.
        let at = block.place();
        let line = match note {
            Some(note) => format!("{note} · {at} · finding every hit…"),
            None => format!("{at} · finding every hit…"),
        };
        vec![Effect::OpenAt(doc, block), Effect::Info(line)]
    }

    /// `n` / `N` in the reader: the cursor goes to the next / previous block with a hit;
    /// past the last (first) one, to the next (previous) document of the results.
    pub fn step_hit(&mut self, forward: bool, ctx: &SearchContext<'_>) -> Vec<Effect> {
        let Some(at) = ctx.reader else {
            return Vec::new();
        };
        let Some(rh) = self.reader_hits.as_mut().filter(|h| h.doc == at.doc) else {
            return info("no search hits in this document (/ searches)");
        };
        if rh.hits.is_none() {
            return info("still finding the hits…");
        }
        let n = rh.blocks.len();
        let within = if forward {
            Some(rh.blocks.partition_point(|&b| b <= at.cursor)).filter(|&i| i < n)
        } else {
            rh.blocks.partition_point(|&b| b < at.cursor).checked_sub(1)
        };
        let others = rh.trail.iter().any(|(d, _)| *d != rh.doc);
        let (i, round) = match within {
            Some(i) => (i, ""),
            None if others => return self.next_document(forward),
            None if n == 0 => return info("no hit in the text of this document"),
            None if forward => (0, " · wrapped to the first hit"),
            None => (n - 1, " · wrapped to the last hit"),
        };
        rh.current = Some(i);
        let mut effects = vec![Effect::MoveCursor(rh.blocks[i])];
        effects.extend(self.highlights());
        effects.push(Effect::Info(format!("hit {} of {n}{round}", i + 1)));
        effects
    }

    /// On to the next (previous) document of the results, at its first (last) result block.
    fn next_document(&mut self, forward: bool) -> Vec<Effect> {
        let Some(rh) = self.reader_hits.take() else {
            return Vec::new();
        };
        let len = rh.trail.len();
        let here = rh.trail.iter().position(|(d, _)| *d == rh.doc);
        let (next, round) = match (here, forward) {
            (Some(p), true) if p + 1 < len => (p + 1, ""),
            (Some(_), true) => (0, " · wrapped to the first result"),
            (None, true) => (0, ""),
            (Some(p), false) if p > 0 => (p - 1, ""),
            (Some(_), false) => (len - 1, " · wrapped to the last result"),
            (None, false) => (len - 1, ""),
        };
        let (doc, blocks) = rh.trail[next].clone();
        let block = if forward {
            blocks.first()
        } else {
            blocks.last()
        };
        let note = format!("result document {} of {len}{round}", next + 1);
        let block = block.copied().unwrap_or(BlockNo::TITLE);
        self.open_hit(doc, block, rh.query, rh.trail, Some(note))
    }

    /// The hits over the open document, the current hit block in its own style.
    fn highlights(&self) -> Vec<Effect> {
        let Some(rh) = &self.reader_hits else {
            return Vec::new();
        };
        let current = rh.current.and_then(|i| rh.blocks.get(i)).copied();
        let marks = (rh.hits.iter().flatten())
            .filter(|bh| bh.block != BlockNo::TITLE)
            .flat_map(|bh| {
                let block = bh.block;
                let style = if Some(block) == current {
                    "search_hit_current"
                } else {
                    "search_hit"
                };
                bh.ranges.iter().map(move |r| Mark {
                    block,
                    lang: bh.lang,
                    range: r.clone(),
                    style,
                })
            })
            .collect();
        vec![Effect::Highlight {
            doc: rh.doc,
            owner: HIGHLIGHT_OWNER,
            marks,
        }]
    }
}
