//! `lectern check [DIR]`: validates a corpus directory (the bundled corpus by default), printing every problem as
//! `file:line: message`, and the user's workspace against it (see [`crate::workspace`]); exits
//! non-zero when there is a problem.

use super::args::CheckArgs;
use super::write_out;
use crate::corpus::Corpus;
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: &CheckArgs, corpus_flag: Option<&Path>) -> anyhow::Result<ExitCode> {
    if let Some(id) = &args.translations {
        let corpus = super::open_corpus(args.dir.as_deref().or(corpus_flag))?;
        return super::parallel::check_translations(
            &corpus,
            Some(id.as_str()).filter(|i| !i.is_empty()),
        );
    }
    let dir = args
        .dir
        .clone()
        .or_else(|| corpus_flag.map(Path::to_path_buf))
        .or_else(|| std::env::var_os(crate::corpus::CORPUS_ENV).map(Into::into));
    // Like every other command: the bundled corpus unless a directory is named.
    let (corpus, name) = match &dir {
        Some(dir) => (Corpus::load_dir(dir)?, dir.display().to_string()),
        None => (Corpus::bundled(), "bundled corpus".to_string()),
    };
    for problem in &corpus.problems {
        crate::errln!("{problem}");
    }
    write_out(&format!(
        "{name}: {} documents valid, {} problem{}\n",
        corpus.documents.len(),
        corpus.problems.len(),
        if corpus.problems.len() == 1 { "" } else { "s" }
    ))?;
    let workspace_problems = super::workspace::check(&corpus);
    Ok(if corpus.problems.is_empty() && workspace_problems == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
