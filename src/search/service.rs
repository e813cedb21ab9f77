//! Search off the UI thread: a worker that opens (or builds) the index once and answers
//! queries, posting each answer back as an [`Event`] through a callback.
//!
//! The UI calls [`Service::submit`] on every keystroke with a rising generation number and
//! keeps only the answer whose generation is the latest it sent. The worker coalesces: when
//! several queries wait, only the newest runs, so typing fast never queues stale searches.
//! Render code never touches the index; it only reads the results it was sent.

use super::{BlockHits, Hooks, Location, SearchIndex, SearchResults};
use crate::corpus::Corpus;
use crate::model::DocIx;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

/// What the worker reports.
#[derive(Debug)]
pub enum Event {
    /// Building the index: documents done of total (only when a build is needed).
    Progress { done: usize, total: usize },
    /// The index is open. `notice` is one line to show when it had to be built or rebuilt.
    Ready { notice: Option<String> },
    /// The index could not be opened or built; searches will fail with this message.
    Unavailable { message: String },
    /// The answer to `submit(…, generation)`.
    Results {
        generation: u64,
        results: SearchResults,
    },
    /// Every hit of a query in one document (for the reader), for `document_hits(…, generation)`.
    DocumentHits {
        generation: u64,
        doc: DocIx,
        hits: Vec<BlockHits>,
    },
    /// A query failed (I/O error inside the index).
    Failed { generation: u64, message: String },
}

/// Work of another feature that reads the index itself on the worker's thread (the
/// translation concordance): a named value, not a closure, so it can be logged and followed
/// by reading its type. It runs once with the open index, or with the reason it could not be
/// opened, and the corpus, and posts its own answer; the worker only runs it in turn with the
/// searches.
pub trait IndexWork: Send + std::fmt::Debug {
    fn run(self: Box<Self>, index: Result<&SearchIndex, &str>, corpus: &Corpus);
}

/// One piece of [`IndexWork`] on its way to the worker.
pub type Job = Box<dyn IndexWork>;

enum Request {
    Job(Job),
    Search {
        query: String,
        generation: u64,
        limit: usize,
    },
    DocumentHits {
        query: String,
        doc: DocIx,
        generation: u64,
    },
}

/// Handle to the search worker. Dropping it stops the worker once its current job ends.
pub struct Service {
    tx: Sender<Request>,
    _worker: JoinHandle<()>,
}

impl Service {
    /// Starts the worker. `notify` is called on the worker thread for every event; a TUI
    /// typically forwards it into its own event channel and wakes its loop. Fails only when
    /// the OS cannot start a thread; the caller says so and goes on without search.
    pub fn start(
        corpus: Arc<Corpus>,
        location: Location,
        hooks: Hooks,
        notify: impl Fn(Event) + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("lectern-search".into())
            .spawn(move || run(corpus, location, hooks, rx, notify))?;
        Ok(Self {
            tx,
            _worker: worker,
        })
    }

    /// Like [`Service::start`], with the events delivered on a channel.
    pub fn start_with_channel(
        corpus: Arc<Corpus>,
        location: Location,
        hooks: Hooks,
    ) -> std::io::Result<(Self, Receiver<Event>)> {
        let (tx, rx) = mpsc::channel();
        let service = Self::start(corpus, location, hooks, move |e| {
            let _ = tx.send(e);
        })?;
        Ok((service, rx))
    }

    /// Asks for the `limit` best hits of `query`; answered by `Event::Results` with the same
    /// generation, unless a newer query arrives first (then only the newer one is answered).
    pub fn submit(&self, query: impl Into<String>, generation: u64, limit: usize) {
        let _ = self.tx.send(Request::Search {
            query: query.into(),
            generation,
            limit,
        });
    }

    /// Runs `job` on the worker's thread with the index, after what was asked before it.
    pub fn run(&self, job: Job) {
        let _ = self.tx.send(Request::Job(job));
    }

    /// Asks for every hit of `query` in the corpus's document `doc`; answered by
    /// `Event::DocumentHits`.
    pub fn document_hits(&self, query: impl Into<String>, doc: DocIx, generation: u64) {
        let _ = self.tx.send(Request::DocumentHits {
            query: query.into(),
            doc,
            generation,
        });
    }
}

fn run(
    corpus: Arc<Corpus>,
    location: Location,
    hooks: Hooks,
    rx: Receiver<Request>,
    notify: impl Fn(Event),
) {
    // The corpus's own documents: a lazy corpus reads a body only if the index needs it.
    let docs = &corpus.documents;
    let key = super::store::corpus_key(corpus.dir.as_deref());
    let opened = SearchIndex::open_source(&location, &key, docs, &mut |done, total| {
        notify(Event::Progress { done, total })
    });
    let mut index = match opened {
        Ok((mut index, reason)) => {
            index.hooks = hooks;
            notify(Event::Ready {
                notice: reason.map(|r| r.notice()),
            });
            index
        }
        Err(e) => {
            let message = format!("search is unavailable: {e:#}");
            notify(Event::Unavailable {
                message: message.clone(),
            });
            // Answer every later request with the same failure, so the UI never waits.
            for req in rx {
                let generation = match req {
                    Request::Search { generation, .. }
                    | Request::DocumentHits { generation, .. } => generation,
                    Request::Job(job) => {
                        job.run(Err(&message), &corpus);
                        continue;
                    }
                };
                notify(Event::Failed {
                    generation,
                    message: message.clone(),
                });
            }
            return;
        }
    };
    let mut rebuilt = false;
    while let Ok(first) = rx.recv() {
        // Coalesce: of the searches waiting now, only the newest is worth running.
        let mut pending = vec![first];
        pending.extend(rx.try_iter());
        let newest_search = pending
            .iter()
            .rposition(|r| matches!(r, Request::Search { .. }));
        for (i, req) in pending.into_iter().enumerate() {
            match req {
                Request::Job(job) => job.run(Ok(&index), &corpus),
                Request::Search {
                    query,
                    generation,
                    limit,
                } => {
                    if Some(i) != newest_search {
                        continue;
                    }
                    let mut answer = index.search(&query, limit);
                    // Damage the checks on open missed: rebuild once, tell, ask again.
                    if let Err(e) = &answer
                        && super::guard::is_damaged(e)
                        && !rebuilt
                    {
                        rebuilt = true;
                        let why = super::guard::damage_of(e);
                        let progress = &mut |done, total| notify(Event::Progress { done, total });
                        match super::store::rebuild_damaged(
                            &location,
                            &index.open,
                            docs,
                            why,
                            progress,
                        ) {
                            Ok((open, reason)) => {
                                index.open = open;
                                notify(Event::Ready {
                                    notice: Some(reason.notice()),
                                });
                                answer = index.search(&query, limit);
                            }
                            Err(e) => answer = Err(e),
                        }
                    }
                    notify(match answer {
                        Ok(results) => Event::Results {
                            generation,
                            results,
                        },
                        Err(e) => Event::Failed {
                            generation,
                            message: format!("{e:#}"),
                        },
                    });
                }
                Request::DocumentHits {
                    query,
                    doc,
                    generation,
                } => {
                    let hits = match (index.matcher(&query), corpus.documents.get(doc.0)) {
                        (Ok(m), Some(doc)) => m.document_hits(doc),
                        (Ok(_), None) => Vec::new(),
                        (Err(e), _) => {
                            notify(Event::Failed {
                                generation,
                                message: format!("{e:#}"),
                            });
                            continue;
                        }
                    };
                    notify(Event::DocumentHits {
                        generation,
                        doc,
                        hits,
                    });
                }
            }
        }
    }
}
