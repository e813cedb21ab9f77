//! `lectern import FILE…`.

use super::args::ImportArgs;
use std::path::Path;
use std::process::ExitCode;

pub fn run(_args: &ImportArgs, _corpus_flag: Option<&Path>) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'import' is not available yet")
}
