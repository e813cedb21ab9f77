//! The list's filter on its own thread, for a large corpus: matching 100,000 titles takes
//! longer than a frame, so a keystroke only posts the query. The worker answers the latest
//! query it has (older ones still waiting are dropped unanswered) with
//! [`Msg::ListFiltered`], and the list takes only the answer to the query it sent last.
//! A query typed over while it is being answered is dropped at once (its ranking checks the
//! latest query's number), and a longer query looks only at the documents a shorter one left
//! ([`super::rank::Narrowing`]).

use super::state::{Request, Seen};
use crate::tui::msg::Msg;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

#[derive(Debug)]
pub struct FilterWorker {
    to_worker: Sender<(u64, RequestBox)>,
    /// The number of the latest query sent.
    latest: Arc<AtomicU64>,
}

/// A request, boxed to cross the channel.
struct RequestBox(Request);

impl std::fmt::Debug for RequestBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Request")
    }
}

impl FilterWorker {
    /// Starts the worker; it first makes the haystacks of `warm`.
    pub(super) fn spawn(tx: Sender<Msg>, warm: Request) -> FilterWorker {
        let (to_worker, rx) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = latest.clone();
        let warm = RequestBox(warm);
        std::thread::Builder::new()
            .name("list filter".into())
            .spawn(move || {
                warm.0.prepare();
                drop(warm);
                run(&rx, &tx, &newest)
            })
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
        let _ = self.to_worker.send((generation, RequestBox(request)));
    }
}

fn run(rx: &Receiver<(u64, RequestBox)>, tx: &Sender<Msg>, latest: &AtomicU64) {
    let mut seen = Seen::default();
    while let Ok(mut next) = rx.recv() {
        // Only the latest query matters: the ones typed over are skipped.
        while let Ok(newer) = rx.try_recv() {
            next = newer;
        }
        let (generation, RequestBox(request)) = next;
        let stale = || latest.load(Ordering::Relaxed) != generation;
        let Some(shown) = request.answer_in(&mut seen, &stale) else {
            continue; // typed over: the next query is already in the channel
        };
        if tx.send(Msg::ListFiltered { generation, shown }).is_err() {
            break;
        }
    }
}
