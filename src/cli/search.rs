//! `lectern search`.

use super::args::SearchArgs;
use crate::corpus::Corpus;
use std::process::ExitCode;

pub fn run(_corpus: &Corpus, _args: &SearchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'search' is not available yet")
}
