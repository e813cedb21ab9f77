//! `lectern list`: one line per document, tab-separated, in date order. It reads the catalog
//! only (no document body) and writes as it goes, so `lectern list | head` ends at once.

use super::args::ListArgs;
use super::write_out;
use crate::corpus::{Catalog, Head};
use crate::model::Lang;
use crate::output::{self, Safe};
use std::process::ExitCode;

/// Lines written per call: small enough that a reader closing early stops the rest.
const LINES_PER_WRITE: usize = 256;

pub fn run(catalog: &Catalog, args: &ListArgs) -> anyhow::Result<ExitCode> {
    if args.json {
        let rows: Vec<serde_json::Value> = catalog.heads().iter().map(summary_json).collect();
        output::stdout(&Safe::json(&rows)?)?;
    } else {
        // Heads are read as they are written: `list | head` reads only what it prints.
        let mut lines = String::new();
        let mut count = 0;
        catalog.each_head(|head| {
            lines.push_str(&summary_line(head));
            count += 1;
            if count % LINES_PER_WRITE == 0 {
                write_out(&lines)?;
                lines.clear();
            }
            Ok(())
        })?;
        write_out(&lines)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `date<TAB>kind<TAB>languages<TAB>id<TAB>title`: stable for scripts (`cut -f4`).
fn summary_line(doc: &Head) -> String {
    let date = doc
        .date
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let langs: Vec<&str> = doc.languages.iter().map(|l| l.code()).collect();
    format!(
        "{date}\t{}\t{}\t{}\t{}\n",
        doc.kind.code(),
        langs.join(","),
        doc.id,
        doc.display_title(&[Lang::En]).replace('\n', " ")
    )
}

fn summary_json(doc: &Head) -> serde_json::Value {
    serde_json::json!({
        "id": doc.id,
        "date": doc.date.map(|d| d.to_string()),
        // A date the corpus works out rather than the source states, and why.
        "date_inferred": doc.date_inferred.is_some(),
        "date_inferred_reason": doc.date_inferred,
        "kind": doc.kind.code(),
        "languages": doc.languages,
        "title": doc.title,
        "blocks": doc.blocks,
    })
}
