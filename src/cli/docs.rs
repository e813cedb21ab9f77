//! `lectern completions SHELL` and `lectern man`: generated from the argument definitions
//! (clap_complete, clap_mangen), so they never drift from what the binary accepts.

use super::args::{Args, CompletionsArgs};
use clap::CommandFactory;
use std::process::ExitCode;

pub fn completions(args: &CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut cmd = Args::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "lectern", &mut out);
    super::write_out(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

pub fn man() -> anyhow::Result<ExitCode> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Args::command()).render(&mut out)?;
    super::write_out(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}
