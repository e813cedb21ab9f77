//! Search in the TUI: the glue between the app, the search overlay and the worker that owns the
//! index ([`crate::search::Service`]).
//!
//! - `/` ([`App::open_search`]) starts the worker on first use (it opens or builds the index on
//!   its own thread) and shows the overlay with the query kept from last time;
//! - every edit of the query line is debounced ([`DEBOUNCE`]) on a small timer thread, then sent
//!   to the worker with a new generation; answers come back as [`Msg::Search`] and only the
//!   answer to the latest query sent is kept (see [`state`]);
//! - Enter opens the selected hit and asks the worker for every hit of the query in that
//!   document, which the reader highlights; `n`/`N` move between the hit blocks.
//!
//! - the worker shares the reader's corpus (`Arc`); if it panics, [`Msg::WorkerStopped`]
//!   says so in the status line, and the next `/` starts a new one.
//!
//! Nothing here runs on the render path, and nothing on the UI thread touches the index.

pub mod state;
pub mod view;

use super::action::Action;
use super::app::App;
use super::ids::BlockNo;
use super::keymap::Mode;
use super::line_edit::{Edit, edit};
use super::msg::Msg;
use super::reader::state::Highlight;
use super::search::state::{IndexStatus, ReaderHits};
use super::search::view::SearchOverlay;
use super::workers::{StopReport, WorkerKind};
use crate::search::{Event, Location, Service};
use crossterm::event::KeyEvent;
use std::sync::Arc;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
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

impl App {
    /// Shows the search overlay (query kept), starting the index worker if needed.
    pub fn open_search(&mut self) {
        if self.overlays.top_name() != Some(SearchOverlay::NAME) {
            self.overlays.push(Box::new(SearchOverlay));
        }
        self.ensure_search_worker();
    }

    /// Starts the worker that opens or builds the index, unless it runs already.
    fn ensure_search_worker(&mut self) {
        if self.search.worker.is_some() {
            return;
        }
        let location = match self.search.location.clone() {
            Some(l) => Ok(l),
            None => Location::user_cache(),
        };
        let location = match location {
            Ok(l) => l,
            Err(e) => {
                let message = format!("search is unavailable: {e:#}");
                self.status.error(message.clone());
                self.search.index = IndexStatus::Unavailable(message);
                return;
            }
        };
        // The worker shares the corpus; the registry lets a name typed in one language find
        // the others (as in the CLI).
        let hooks = match &self.search.hooks.0 {
            Some(h) => h.clone(),
            None => crate::search::registry_hooks::shared_hooks(Arc::clone(&self.corpus)),
        };
        // The report lives in the worker's callback: if the worker panics, it says so.
        let report = StopReport::new(WorkerKind::Search, self.sender());
        let started = Service::start(Arc::clone(&self.corpus), location, hooks, move |ev| {
            report.send(Msg::Search(ev));
        })
        .and_then(|service| Ok((service, spawn_debouncer(self.sender())?)));
        let (service, debounce) = match started {
            Ok(both) => both,
            Err(e) => {
                let message = format!("search is unavailable: cannot start a thread: {e}");
                self.status.error(message.clone());
                self.search.index = IndexStatus::Unavailable(message);
                return;
            }
        };
        self.search.index = IndexStatus::Opening;
        self.search.worker = Some(Worker { service, debounce });
    }

    /// A worker thread panicked: say which and how to retry, and go on without it.
    pub(super) fn worker_stopped(&mut self, worker: WorkerKind, message: String) {
        match worker {
            WorkerKind::Search | WorkerKind::Debounce => {
                let key = self
                    .keymap
                    .hint(Mode::List, Action::Search)
                    .map_or_else(|| "search".to_string(), |k| k.to_string());
                let line = format!(
                    "{} stopped: {message}; press {key} to retry",
                    worker.label()
                );
                // Dropping the worker lets the next `/` start a new one.
                self.search.worker = None;
                self.search.index = IndexStatus::Unavailable(line.clone());
                self.status.error(line);
            }
            WorkerKind::Copy => self
                .status
                .error(format!("{} stopped: {message}", worker.label())),
        }
    }

    /// A key for the search overlay that is not bound to an action there: text editing.
    pub fn search_type(&mut self, key: KeyEvent) {
        if edit(&mut self.search.query, &key) == Edit::Changed {
            self.query_edited();
        }
    }

    /// An action from the keymap while the search overlay is on top.
    pub fn search_action(&mut self, action: Action) {
        match action {
            Action::Up => self.search.move_selection(-1),
            Action::Down => self.search.move_selection(1),
            Action::PageUp => self.search.move_selection(-10),
            Action::PageDown => self.search.move_selection(10),
            Action::Top => self.search.move_selection(isize::MIN / 2),
            Action::Bottom => self.search.move_selection(isize::MAX / 2),
            Action::Open => self.open_selected_hit(),
            Action::Quit => self.update(Action::Quit),
            _ => {}
        }
    }

    /// The query line changed: search it once it has stayed unchanged for [`DEBOUNCE`].
    fn query_edited(&mut self) {
        let edit = self.search.edited();
        if self.search.query.trim().is_empty() {
            // Nothing to search; an answer still on its way is for an older query.
            let generation = self.search.next_generation();
            self.search.sending(generation, "");
            self.search.clear_results();
            return;
        }
        match &self.search.worker {
            Some(w) => {
                let _ = w.debounce.send(edit);
            }
            None => self.search_due(edit),
        }
    }

    /// The debounce timer fired for edit `edit`: search, unless the query changed since.
    pub fn search_due(&mut self, edit: u64) {
        if edit != self.search.edit {
            return;
        }
        let query = self.search.query.trim().to_string();
        if query.is_empty() {
            return;
        }
        let generation = self.search.next_generation();
        self.search.sending(generation, &query);
        if let Some(w) = &self.search.worker {
            w.service.submit(query, generation, RESULT_LIMIT);
        }
    }

    /// Handles a report of the search worker.
    pub fn search_event(&mut self, ev: Event) {
        match ev {
            Event::Progress { done, total } => {
                self.search.index = IndexStatus::Building { done, total };
                if let Some(line) = self.search.index.describe() {
                    self.status.info(line);
                }
            }
            Event::Ready { notice } => {
                self.search.index = IndexStatus::Ready;
                if let Some(notice) = notice {
                    self.status.info(notice);
                }
            }
            Event::Unavailable { message } => {
                self.status.error(message.clone());
                self.search.index = IndexStatus::Unavailable(message);
            }
            Event::Results {
                generation,
                results,
            } => {
                self.search.accept_results(generation, results);
            }
            Event::Failed {
                generation,
                message,
            } => {
                let for_reader = self
                    .search
                    .reader_hits
                    .as_ref()
                    .is_some_and(|h| h.generation == generation);
                if for_reader {
                    self.status
                        .error(format!("search hits not found: {message}"));
                } else {
                    self.search.accept_failure(generation, message);
                }
            }
            Event::DocumentHits {
                generation,
                doc_id,
                hits,
            } => {
                let Some(rh) = self.search.reader_hits.as_mut() else {
                    return;
                };
                if rh.generation != generation || self.ids.get(&doc_id) != Some(rh.doc) {
                    return;
                }
                rh.set_hits(hits);
                // The hit opened is the current one (unless it was in the title). Not the
                // reader's cursor: it moves to the hit only at the next frame.
                rh.current = rh
                    .opened
                    .and_then(|o| rh.blocks.iter().position(|&b| b == o));
                let message = match (rh.current, rh.blocks.len()) {
                    (_, 0) => "the hit is in the title only".to_string(),
                    (Some(i), n) => format!("hit {} of {n} · n next, N previous", i + 1),
                    (None, 1) => "1 block with hits · n goes there".to_string(),
                    (None, n) => format!("{n} blocks with hits · n next, N previous"),
                };
                self.apply_search_highlights();
                self.status.info(message);
            }
        }
    }

    /// Opens the selected result at its block, and asks for every hit in that document.
    fn open_selected_hit(&mut self) {
        let Some(hit) = self
            .search
            .results
            .as_ref()
            .and_then(|r| r.hits.get(self.search.selected))
        else {
            self.status.info("no result to open");
            return;
        };
        // The query that found this hit: the line may have changed since (its answer pending).
        let query = self
            .search
            .results
            .as_ref()
            .map_or_else(String::new, |r| r.query.clone());
        // The one place a hit's document id becomes the reader's identity.
        let (doc_id, block) = (hit.doc_id.clone(), BlockNo(hit.block));
        let Some(i) = self.ids.get(&doc_id) else {
            self.status
                .error(format!("document {doc_id} is not in the corpus"));
            return;
        };
        if self.overlays.top_name() == Some(SearchOverlay::NAME) {
            self.overlays.pop();
        }
        // Search numbers blocks from 1 with the title as 0: a title hit opens at the top.
        self.open_at(i, block);
        let generation = self.search.next_generation();
        self.search.reader_hits = Some(ReaderHits::new(
            i,
            query.clone(),
            generation,
            block.checked_index(),
        ));
        if let Some(w) = &self.search.worker {
            w.service.document_hits(query, doc_id, generation);
        }
        let at = if block.0 == 0 {
            "title".to_string()
        } else {
            format!("¶{block}")
        };
        self.status.info(format!("{at} · finding every hit…"));
    }

    /// `n` / `N` in the reader: the cursor goes to the next / previous block with a hit.
    pub fn step_search_hit(&mut self, forward: bool) {
        let Some(reader) = self.reader.as_ref() else {
            return;
        };
        let Some(rh) = self
            .search
            .reader_hits
            .as_mut()
            .filter(|h| h.doc == reader.doc)
        else {
            self.status
                .info("no search hits in this document (/ searches)");
            return;
        };
        if rh.hits.is_none() {
            self.status.info("still finding the hits…");
            return;
        }
        let Some(i) = rh.step(reader.cursor, forward) else {
            self.status.info("no hit in the text of this document");
            return;
        };
        rh.current = Some(i);
        let (block, n) = (rh.blocks[i], rh.blocks.len());
        if let Some(r) = self.reader.as_mut() {
            r.cursor = block;
            r.reveal_cursor();
        }
        self.apply_search_highlights();
        self.status.info(format!("hit {} of {n}", i + 1));
    }

    /// Lays the hits over the open document, the current hit block in its own style.
    fn apply_search_highlights(&mut self) {
        let Some(rh) = &self.search.reader_hits else {
            return;
        };
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        if reader.doc != rh.doc {
            return;
        }
        let hit = self.theme.get("search_hit");
        let current = self.theme.get("search_hit_current");
        let current_block = rh.current.and_then(|i| rh.blocks.get(i)).copied();
        let highlights = rh
            .hits
            .iter()
            .flatten()
            .filter_map(|bh| Some((BlockNo(bh.block).checked_index()?, bh)))
            .flat_map(|(block, bh)| {
                let style = if Some(block) == current_block {
                    current
                } else {
                    hit
                };
                bh.ranges.iter().map(move |r| Highlight {
                    block,
                    lang: bh.lang,
                    range: r.clone(),
                    style,
                })
            })
            .collect();
        reader.set_highlights(HIGHLIGHT_OWNER, highlights);
    }
}

/// A timer thread: after each edit generation it receives, waits until [`DEBOUNCE`] passes
/// without a newer one, then posts [`Msg::SearchDue`] for the last.
fn spawn_debouncer(tx: Sender<Msg>) -> std::io::Result<Sender<u64>> {
    let (edits, rx) = channel::<u64>();
    let report = StopReport::new(WorkerKind::Debounce, tx);
    std::thread::Builder::new()
        .name("lectern-debounce".into())
        .spawn(move || {
            while let Ok(mut edit) = rx.recv() {
                loop {
                    match rx.recv_timeout(DEBOUNCE) {
                        Ok(newer) => edit = newer,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                if !report.send(Msg::SearchDue(edit)) {
                    return;
                }
            }
        })?;
    Ok(edits)
}
