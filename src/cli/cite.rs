//! `lectern cite`: a document's citation in a style, with a pinpoint, or the export of one
//! document or the whole corpus as BibTeX, RIS or CSL-JSON.

use super::args::CiteArgs;
use super::write_out;
use crate::cite::{self, Facts, Format, Pinpoint, Style};
use crate::corpus::Corpus;
use crate::model::Document;
use crate::output::{self, Safe};
use anyhow::{Context as _, bail};
use std::process::ExitCode;

pub fn run(corpus: &Corpus, args: &CiteArgs) -> anyhow::Result<ExitCode> {
    let format: Format = args.format.parse().map_err(anyhow::Error::msg)?;
    let style: Option<Style> = args.style.as_deref().map(str::parse).transpose()?;
    let docs: Vec<&Document> = match (&args.id, args.all) {
        (Some(id), _) => vec![
            corpus
                .get(id)
                .with_context(|| format!("no document with id '{id}' (see `lectern list`)"))?,
        ],
        (None, true) => corpus.documents.iter().collect(),
        (None, false) => bail!("name a document id, or --all"),
    };
    if args.all && args.pin.is_some() {
        bail!("--pin points into one document; it cannot go with --all");
    }
    if format != Format::Text {
        if style.is_some() {
            bail!("--style applies to --format text only");
        }
        // CSL-JSON is JSON: its strings get `\u` escapes, the value intact; the others are text.
        let export = cite::export(&docs, format);
        match format {
            Format::CslJson => output::stdout(&Safe::json_text(&export))?,
            _ => write_out(&export)?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut entries: Vec<String> = Vec::new();
    for doc in docs {
        let facts = Facts::of(doc);
        let pin = match &args.pin {
            Some(p) => Some(p.parse::<Pinpoint>()?.resolve(doc)?),
            None => None,
        };
        let style = style.unwrap_or_else(|| Style::default_for(&facts));
        let text = match cite::render_facts(&facts, style, pin.as_ref()) {
            Ok(text) => text,
            // With --all, a style that has no form for some documents skips them, saying so.
            Err(e @ cite::CiteError::NotApplicable { .. }) if args.all => {
                crate::errln!("lectern: {e}");
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        entries.push(text);
    }
    // A list of reference entries reads as a bibliography: alphabetical, as the styles sort
    // by author or, lacking one, by title (leading quotation marks ignored).
    if style.is_some_and(Style::is_reference_entry) {
        entries.sort_by_cached_key(|e| {
            e.trim_start_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        });
    }
    let out: String = entries
        .iter()
        .map(|e| format!("{e}\n"))
        .collect::<Vec<_>>()
        .join("\n");
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}
