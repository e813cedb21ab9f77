//! The list's filter on its own thread, for a large corpus: matching 100,000 titles takes
//! longer than a frame, so a keystroke only posts the query. The worker answers the latest
//! query it has (older ones still waiting are dropped unanswered) with
//! [`Msg::ListFiltered`], and the list takes only the answer to the query it sent last.
//! A query typed over while it is being answered is dropped at once (its ranking checks the
//! latest query's number), and a longer query looks only at the documents a shorter one left
//! ([`super::rank::Narrowing`]). The first rows of a ranking are sent before the rest when
//! they can be told without the fuzzy matcher ([`super::state::Request::first_rows`]).

use super::state::{Request, Seen};
use crate::tui::msg::Msg;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

#[derive(Debug)]
pub struct FilterWorker {
    to_worker: Sender<(u64, Job)>,
    /// The number of the latest query sent.
    latest: Arc<AtomicU64>,
}

/// What the worker is asked: to make the haystacks (and then to start a job of the caller's
/// on a thread of its own), or to answer a query.
enum Job {
    Warm(Request, Option<Then>),
    Filter(Request),
}

/// Work that waits for the haystacks: the reader's other background jobs after its first
/// screen, which would otherwise share the two cores (and rayon's pool) with them and hold
/// the first filter's answer back by seconds at 100k.
pub(super) type Then = Box<dyn FnOnce() + Send>;

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

impl FilterWorker {
    /// Starts the worker.
    pub(super) fn spawn(tx: Sender<Msg>) -> FilterWorker {
        let (to_worker, rx) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = latest.clone();
        std::thread::Builder::new()
            .name("list filter".into())
            .spawn(move || run(&rx, &tx, &newest))
            .map_or_else(
                |_| FilterWorker {
                    // No thread: requests are dropped, the list stays as it was.
                    to_worker: channel().0,
                    latest: Arc::default(),
                },
                |_| FilterWorker { to_worker, latest },
            )
    }

    pub(super) fn send(&self, generation: u64, request: Request) {
        self.latest.store(generation, Ordering::Relaxed);
        let _ = self.to_worker.send((generation, Job::Filter(request)));
    }

    /// Asks the worker to make the haystacks of `request` now, then to start `then` on a
    /// thread of its own.
    pub(super) fn warm(&self, request: Request, then: Option<Then>) {
        if let Err(unsent) = self.to_worker.send((0, Job::Warm(request, then))) {
            // No worker (it could not start): the jobs go on without waiting.
            if let (_, Job::Warm(_, Some(then))) = unsent.0 {
                std::thread::spawn(then);
            }
        }
    }
}

fn run(rx: &Receiver<(u64, Job)>, tx: &Sender<Msg>, latest: &AtomicU64) {
    let mut seen = Seen::default();
    // A warm-up's follow-up, started once the haystacks are made.
    let mut then: Option<Then> = None;
    while let Ok(mut next) = rx.recv() {
        // Only the latest query matters: the ones typed over are skipped (and a query makes
        // the haystacks anyway, so it goes before a request to make them).
        while let Ok(newer) = rx.try_recv() {
            let dropped = if matches!(newer.1, Job::Filter(_)) || matches!(next.1, Job::Warm(..)) {
                std::mem::replace(&mut next, newer)
            } else {
                newer
            };
            if let (_, Job::Warm(_, Some(follow))) = dropped {
                then = Some(follow);
            }
        }
        let (generation, request) = match next {
            (_, Job::Warm(request, follow)) => {
                request.prepare();
                if let Some(follow) = follow.or(then.take()) {
                    std::thread::spawn(follow);
                }
                continue;
            }
            (generation, Job::Filter(request)) => (generation, request),
        };
        crate::trace!("filter {generation} start {:?}", request.query);
        let stale = || latest.load(Ordering::Relaxed) != generation;
        // The rows on screen first, when they can be told cheaply; then the whole ranking.
        if let Some(shown) = request.first_rows(&seen, &stale) {
            crate::trace!("filter {generation} first rows");
            let first = Msg::ListFiltered {
                generation,
                shown,
                complete: false,
            };
            if tx.send(first).is_err() {
                break;
            }
        }
        let Some(shown) = request.answer_in(&mut seen, &stale) else {
            follow_up(&request, &mut then);
            continue; // typed over: the next query is already in the channel
        };
        crate::trace!("filter {generation} answered rows={}", shown.len());
        let answer = Msg::ListFiltered {
            generation,
            shown,
            complete: true,
        };
        if tx.send(answer).is_err() {
            break;
        }
        follow_up(&request, &mut then);
    }
}

/// A query that replaced the warm-up: after its answer, the haystacks (a query of labels
/// alone does not make them), then the warm-up's follow-up.
fn follow_up(request: &Request, then: &mut Option<Then>) {
    if let Some(follow) = then.take() {
        request.prepare();
        std::thread::spawn(follow);
    }
}
