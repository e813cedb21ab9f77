//! `lectern refs` and `lectern entity`.

use super::args::{EntityArgs, RefsArgs};
use crate::corpus::Corpus;
use std::process::ExitCode;

pub fn run_refs(_corpus: &Corpus, _args: &RefsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'refs' is not available yet")
}

pub fn run_entity(_corpus: &Corpus, _args: &EntityArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'entity' is not available yet")
}
