//! The list's filter on its own thread, for a large corpus: matching 100,000 titles takes
//! longer than a frame, so a keystroke only posts the query. The worker answers the latest
//! query it has (older ones still waiting are dropped unanswered) with
//! [`Msg::ListFiltered`], and the list takes only the answer to the query it sent last.

use super::state::Request;
use crate::tui::msg::Msg;
use std::sync::mpsc::{Receiver, Sender, channel};

#[derive(Debug)]
pub struct FilterWorker {
    to_worker: Sender<(u64, RequestBox)>,
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
        let warm = RequestBox(warm);
        std::thread::Builder::new()
            .name("list filter".into())
            .spawn(move || {
                warm.0.prepare();
                drop(warm);
                run(&rx, &tx)
            })
            .map_or_else(
                |_| FilterWorker {
                    // No thread: requests are dropped, the list stays as it was.
                    to_worker: channel().0,
                },
                |_| FilterWorker { to_worker },
            )
    }

    pub(super) fn send(&self, generation: u64, request: Request) {
        let _ = self.to_worker.send((generation, RequestBox(request)));
    }
}

fn run(rx: &Receiver<(u64, RequestBox)>, tx: &Sender<Msg>) {
    while let Ok(mut next) = rx.recv() {
        // Only the latest query matters: the ones typed over are skipped.
        while let Ok(newer) = rx.try_recv() {
            next = newer;
        }
        let (generation, RequestBox(request)) = next;
        let shown = request.answer();
        if tx.send(Msg::ListFiltered { generation, shown }).is_err() {
            break;
        }
    }
}
