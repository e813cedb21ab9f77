//! `lectern cite`.

use super::args::CiteArgs;
use crate::corpus::Corpus;
use std::process::ExitCode;

pub fn run(_corpus: &Corpus, _args: &CiteArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'cite' is not available yet")
}
