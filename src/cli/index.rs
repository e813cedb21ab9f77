//! `lectern index [--rebuild]`: builds the search index now (it is otherwise built on first
//! use) and says where it is and how big.

use super::args::IndexArgs;
use super::write_out;
use crate::corpus::Catalog;
use crate::output;
use crate::search::{Location, SearchIndex, store};
use std::process::ExitCode;

/// Corpora this large get a progress line while their index is built.
pub(super) const PROGRESS_FROM: usize = 2000;

pub fn run(catalog: &Catalog, args: &IndexArgs) -> anyhow::Result<ExitCode> {
    let mut progress = progress_printer(catalog.len());
    let index = open_index(catalog, args.rebuild, &mut progress)?;
    let open = &index.open;
    let searcher = open.reader.searcher();
    write_out(&format!(
        "{}\n{} documents, {} blocks indexed, {:.1} MB\n",
        open.dir.display(),
        catalog.len(),
        searcher.num_docs(),
        store::dir_size(&open.dir) as f64 / 1e6
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the index of the catalog's corpus in the user's cache, building or updating it if
/// needed (an update reads only the bodies of the documents that changed); a build is told in
/// one line on stderr.
pub(super) fn open_index(
    catalog: &Catalog,
    rebuild: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<SearchIndex> {
    let loc = Location::user_cache()?;
    let key = store::corpus_key(catalog.dir.as_deref());
    let (open, reason) = store::open_source(&loc, &key, catalog, rebuild, progress)?;
    index_opened(open, reason)
}

/// [`open_index`] for a corpus already in memory (the commands that need every body anyway).
pub(super) fn open_corpus_index(
    corpus: &crate::corpus::Corpus,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<SearchIndex> {
    let loc = Location::user_cache()?;
    let key = store::corpus_key(corpus.dir.as_deref());
    let docs = store::Docs(&corpus.documents);
    let (open, reason) = store::open_source(&loc, &key, &docs, false, progress)?;
    index_opened(open, reason)
}

fn index_opened(
    open: store::OpenIndex,
    reason: Option<crate::search::BuildReason>,
) -> anyhow::Result<SearchIndex> {
    if let Some(reason) = reason {
        crate::errln!("lectern: {}", reason.notice());
    }
    Ok(SearchIndex {
        open,
        hooks: Default::default(),
    })
}

/// Prints build progress on stderr for large corpora: a progress bar on a terminal, a line
/// per tenth otherwise.
pub(super) fn progress_printer(total: usize) -> impl FnMut(usize, usize) {
    let tty = output::stderr_is_terminal();
    let mut last_tenth = 0;
    let mut bar = None;
    move |done, all| {
        if total < PROGRESS_FROM {
            return;
        }
        if tty {
            progress_bar(&mut bar, "indexing", done, all);
            return;
        }
        if done * 10 / all.max(1) > last_tenth || done == all {
            last_tenth = done * 10 / all.max(1);
            crate::errln!("lectern: indexing {done}/{all} documents");
        }
    }
}

/// Draws `done` of `all` on a progress bar on stderr (created on first use, cleared when
/// done). For terminals only: the caller checks.
pub(super) fn progress_bar(
    bar: &mut Option<indicatif::ProgressBar>,
    what: &str,
    done: usize,
    all: usize,
) {
    let bar = bar.get_or_insert_with(|| {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(all as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "lectern: {msg} {wide_bar} {pos}/{len} documents ({eta})",
        ) {
            bar.set_style(style);
        }
        bar.set_message(what.to_string());
        bar
    });
    bar.set_position(done as u64);
    if done >= all {
        bar.finish_and_clear();
    }
}
