//! `lectern list`: one line per document, tab-separated, in date order.

use super::args::ListArgs;
use super::write_out;
use crate::corpus::Corpus;
use crate::model::{Document, Lang};
use crate::output::{self, Safe};
use std::process::ExitCode;

pub fn run(corpus: &Corpus, args: &ListArgs) -> anyhow::Result<ExitCode> {
    if args.json {
        let rows: Vec<serde_json::Value> = corpus.documents.iter().map(summary_json).collect();
        output::stdout(&Safe::json(&rows)?)?;
    } else {
        write_out(
            &corpus
                .documents
                .iter()
                .map(summary_line)
                .collect::<String>(),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `date<TAB>kind<TAB>languages<TAB>id<TAB>title`: stable for scripts (`cut -f4`).
fn summary_line(doc: &Document) -> String {
    let date = doc
        .date()
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let langs: Vec<&str> = doc.languages().into_iter().map(Lang::code).collect();
    format!(
        "{date}\t{}\t{}\t{}\t{}\n",
        doc.kind.code(),
        langs.join(","),
        doc.id,
        doc.display_title(&[Lang::En]).replace('\n', " ")
    )
}

fn summary_json(doc: &Document) -> serde_json::Value {
    serde_json::json!({
        "id": doc.id,
        "date": doc.date().map(|d| d.to_string()),
        "kind": doc.kind.code(),
        "languages": doc.languages(),
        "title": doc.title,
        "blocks": doc.blocks.len(),
    })
}
