//! The command line: `lectern` opens the reader; subcommands script the archive.
//! Output goes to stdout, errors to stderr with a non-zero exit; a closed pipe
//! (`lectern list | head -1`) ends the program quietly. Everything printed goes through
//! [`crate::output`], so no document text, file name or argument reaches the terminal as a
//! control sequence.

mod args;
mod check;
mod cite;
mod docs;
mod export;
mod import;
mod index;
mod list;
mod parallel;
mod reader_allocator;
mod refs;
mod search;
mod show;
mod workspace;

pub use args::{Args, Command};

use crate::corpus::Corpus;
use crate::output::{self, Safe};
use anyhow::Context as _;
use std::io;
use std::process::ExitCode;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let args = match <Args as clap::Parser>::try_parse() {
        Ok(args) => args,
        Err(err) => return usage_error(&err),
    };
    match run(args) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            crate::errln!("lectern: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// clap's message (usage errors, `--help`, `--version`), in plain text and neutralised: it
/// quotes the arguments it rejects.
fn usage_error(err: &clap::Error) -> ExitCode {
    let text = Safe::text(&err.render().to_string());
    if err.use_stderr() {
        output::stderr(&text);
    } else if let Err(e) = output::stdout(&text)
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        return ExitCode::FAILURE;
    }
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Args {
        corpus: corpus_dir,
        freshness,
        fresh,
        command,
    } = args;
    use crate::corpus::freshness::{self, Freshness};
    if fresh || matches!(command, Some(Command::Index(_) | Command::Check(_))) {
        freshness::set(Freshness::Full);
    } else if let Some(mode) = freshness {
        freshness::set(mode);
    }
    let open = || open_corpus(corpus_dir.as_deref());
    let catalog = || open_catalog(corpus_dir.as_deref());
    let Some(command) = command else {
        // Before the terminal is touched: without one, setting it up would print escape codes.
        use std::io::IsTerminal;
        if !(io::stdin().is_terminal() && output::stdout_is_terminal()) {
            anyhow::bail!(
                "the reader needs a terminal, and stdin or stdout is not one; \
                 for scripts use a subcommand (see `lectern --help`)"
            );
        }
        reader_allocator::purge_at_once();
        // Heads only: bodies and mentions are read as the reader shows them.
        crate::diag::timing("reader starts");
        let corpus = open_corpus_by(corpus_dir.as_deref(), Corpus::open_lazy)?;
        crate::diag::timing("corpus opened");
        return crate::tui::run(corpus).map(|()| ExitCode::SUCCESS);
    };
    match command {
        Command::List(a) => list::run(&leaked(catalog()?), &a),
        Command::Show(a) if a.sentences => show::sentences(&open()?, &a),
        Command::Show(a) => show::run(&leaked(catalog()?), &a),
        Command::Check(a) => check::run(&a, corpus_dir.as_deref()),
        Command::Import(a) => import::run(&a, corpus_dir.as_deref()),
        Command::Search(a) => search::run(catalog()?, &a),
        Command::Index(a) => index::run(&leaked(catalog()?), &a),
        Command::Cite(a) => cite::run(&open()?, &a),
        Command::Refs(a) => refs::run_refs(&open()?, &a),
        Command::Entity(a) => refs::run_entity(&open()?, &a),
        Command::Concordance(a) => parallel::concordance(&open()?, &a),
        Command::Compare(a) => parallel::compare(&open()?, &a),
        Command::Note(a) => workspace::note(&open()?, &a),
        Command::Notes(a) => workspace::notes(&open()?, &a),
        Command::Bookmark(a) => workspace::bookmark(&open()?, &a),
        Command::Collection(a) => workspace::collection(&open()?, &a),
        Command::Collections(a) => workspace::collections(&a),
        Command::Tag(a) => workspace::tag(&open()?, &a),
        Command::Recent(a) => workspace::recent(&a),
        Command::Export(a) => export::run(&open()?, &a),
        Command::Completions(a) => docs::completions(&a),
        Command::Man => docs::man(),
    }
}

/// Opens the corpus the arguments name and tells on stderr how many files were skipped.
fn open_corpus(dir: Option<&std::path::Path>) -> anyhow::Result<Corpus> {
    open_corpus_by(dir, Corpus::open_with_progress)
}

type OpenFn =
    fn(Option<&std::path::Path>, &mut (dyn FnMut(usize, usize) + Send)) -> std::io::Result<Corpus>;

/// [`open_corpus`] through `open` (whole, or lazy for the reader).
fn open_corpus_by(dir: Option<&std::path::Path>, open: OpenFn) -> anyhow::Result<Corpus> {
    let tty = output::stderr_is_terminal();
    let mut bar = None;
    let mut progress = |done: usize, all: usize| {
        if tty && all >= index::PROGRESS_FROM {
            index::progress_bar(&mut bar, "reading", done, all);
        }
    };
    let corpus = open(dir, &mut progress).context("cannot open the corpus")?;
    for notice in &corpus.notices {
        crate::errln!("lectern: {notice}");
    }
    if let Some(summary) = corpus.skipped_summary() {
        crate::errln!("lectern: {summary}");
    }
    Ok(corpus)
}

/// Opens the catalog of the corpus the arguments name (no document body read) and tells on
/// stderr what [`open_corpus`] tells.
fn open_catalog(dir: Option<&std::path::Path>) -> anyhow::Result<crate::corpus::Catalog> {
    let tty = output::stderr_is_terminal();
    let mut bar = None;
    let mut progress = |done: usize, all: usize| {
        if tty && all >= index::PROGRESS_FROM {
            index::progress_bar(&mut bar, "reading", done, all);
        }
    };
    let catalog =
        crate::corpus::Catalog::open(dir, &mut progress).context("cannot open the corpus")?;
    for notice in &catalog.notices {
        crate::errln!("lectern: {notice}");
    }
    if let Some(summary) = catalog.skipped_summary() {
        crate::errln!("lectern: {summary}");
    }
    Ok(catalog)
}

/// A value the command uses until the process ends: not dropped, because freeing 100,000
/// documents' heads one by one costs more than the command (the OS takes the memory back).
fn leaked<T>(value: T) -> std::mem::ManuallyDrop<T> {
    std::mem::ManuallyDrop::new(value)
}

/// Neutralises `text` and writes it to stdout.
pub(crate) fn write_out(text: &str) -> io::Result<()> {
    output::stdout(&Safe::text(text))
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
