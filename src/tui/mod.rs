//! The terminal interface.

use crate::corpus::Corpus;

pub fn run(_corpus: Corpus) -> anyhow::Result<()> {
    anyhow::bail!("the reader is not available yet")
}
