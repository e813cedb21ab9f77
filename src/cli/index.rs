//! `lectern index [--rebuild]`: builds the search index now (it is otherwise built on first
//! use) and says where it is and how big.

use super::args::IndexArgs;
use super::write_out;
use crate::corpus::Corpus;
use crate::output::{self, Markup, Safe};
use crate::search::{Location, SearchIndex, store};
use std::process::ExitCode;

/// Corpora this large get a progress line while their index is built.
const PROGRESS_FROM: usize = 2000;

pub fn run(corpus: &Corpus, args: &IndexArgs) -> anyhow::Result<ExitCode> {
    let mut progress = progress_printer(corpus.documents.len());
    let index = open_index(corpus, args.rebuild, &mut progress)?;
    let open = &index.open;
    let searcher = open.reader.searcher();
    write_out(&format!(
        "{}\n{} documents, {} blocks indexed, {:.1} MB\n",
        open.dir.display(),
        corpus.documents.len(),
        searcher.num_docs(),
        store::dir_size(&open.dir) as f64 / 1e6
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the index of `corpus` in the user's cache, building it if needed; a build is told
/// in one line on stderr.
pub(super) fn open_index(
    corpus: &Corpus,
    rebuild: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<SearchIndex> {
    let loc = Location::user_cache()?;
    let (open, reason) = store::open_or_build(&loc, &corpus.documents, rebuild, progress)?;
    if let Some(reason) = reason {
        crate::errln!("lectern: {}", reason.notice());
    }
    Ok(SearchIndex {
        open,
        hooks: Default::default(),
    })
}

/// Prints build progress on stderr for large corpora: one updating line on a terminal,
/// a line per tenth otherwise.
pub(super) fn progress_printer(total: usize) -> impl FnMut(usize, usize) {
    let tty = output::stderr_is_terminal();
    let mut last_tenth = 0;
    move |done, all| {
        if total < PROGRESS_FROM {
            return;
        }
        if tty {
            let mut line = Safe::markup(Markup::CarriageReturn);
            line.push_text(&format!("lectern: indexing {done}/{all} documents"));
            if done == all {
                line.push_text("\n");
            }
            output::stderr(&line);
        } else if done * 10 / all.max(1) > last_tenth || done == all {
            last_tenth = done * 10 / all.max(1);
            crate::errln!("lectern: indexing {done}/{all} documents");
        }
    }
}
