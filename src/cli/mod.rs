//! The command line: `lectern` opens the reader; subcommands script the archive.
//! Output goes to stdout, errors to stderr with a non-zero exit; a closed pipe
//! (`lectern list | head -1`) ends the program quietly.

mod args;
mod check;
mod cite;
mod import;
mod index;
mod list;
mod refs;
mod search;
mod show;

pub use args::{Args, Command};

use crate::corpus::Corpus;
use anyhow::Context as _;
use std::io::{self, Write};
use std::process::ExitCode;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let args = <Args as clap::Parser>::parse();
    match run(args) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("lectern: {err:#}");
            ExitCode::FAILURE
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Args {
        corpus: corpus_dir,
        command,
    } = args;
    let open = || open_corpus(corpus_dir.as_deref());
    let Some(command) = command else {
        let corpus = open()?;
        return crate::tui::run(corpus).map(|()| ExitCode::SUCCESS);
    };
    match command {
        Command::List(a) => list::run(&open()?, &a),
        Command::Show(a) => show::run(&open()?, &a),
        Command::Check(a) => check::run(&a, corpus_dir.as_deref()),
        Command::Import(a) => import::run(&a, corpus_dir.as_deref()),
        Command::Search(a) => search::run(&open()?, &a),
        Command::Index(a) => index::run(&open()?, &a),
        Command::Cite(a) => cite::run(&open()?, &a),
        Command::Refs(a) => refs::run_refs(&open()?, &a),
        Command::Entity(a) => refs::run_entity(&open()?, &a),
    }
}

/// Opens the corpus the arguments name and tells on stderr how many files were skipped.
fn open_corpus(dir: Option<&std::path::Path>) -> anyhow::Result<Corpus> {
    let tty = io::IsTerminal::is_terminal(&io::stderr());
    let mut bar = None;
    let mut progress = |done: usize, all: usize| {
        if tty && all >= index::PROGRESS_FROM {
            index::progress_bar(&mut bar, "reading", done, all);
        }
    };
    let corpus =
        Corpus::open_with_progress(dir, &mut progress).context("cannot open the corpus")?;
    for notice in &corpus.notices {
        eprintln!("lectern: {notice}");
    }
    if let Some(summary) = corpus.skipped_summary() {
        eprintln!("lectern: {summary}");
    }
    Ok(corpus)
}

/// Writes to stdout; a reader that went away is not an error worth a message.
pub(crate) fn write_out(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
