//! `lectern index`.

use super::args::IndexArgs;
use crate::corpus::Corpus;
use std::process::ExitCode;

pub fn run(_corpus: &Corpus, _args: &IndexArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'index' is not available yet")
}
