//! `lectern export notes [ID…]|collection NAME --format markdown|json|bibtex|csl-json`: what
//! the user kept, for Obsidian, Zotero or a script (see [`crate::workspace::export`]).

use super::workspace::{document, workspace};
use super::write_out;
use crate::cite::{self, Format, Style};
use crate::corpus::Corpus;
use crate::model::Document;
use crate::output::{self, Safe};
use crate::workspace::export::{self, Item};
use crate::workspace::{DocNotes, store};
use anyhow::{Context as _, bail};
use clap::ValueEnum;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    /// Notes and highlights: of the documents named, else of every document that has some.
    Notes,
    /// The documents of one collection, with their notes.
    Collection,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
    Bibtex,
    CslJson,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to export.
    #[arg(value_enum)]
    pub what: ExportWhat,
    /// Document ids (notes) or the collection's name (collection).
    pub names: Vec<String>,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ExportFormat,
    /// Citation style for the citations in the notes (where it applies to a document).
    #[arg(long, value_parser = super::args::style_names(), ignore_case = true)]
    pub style: Option<String>,
    /// Where to write: a folder (Markdown, one file per document) or a file; default stdout.
    #[arg(long, value_name = "DIR|FILE")]
    pub out: Option<PathBuf>,
    /// Markdown: all documents in one file (always so on stdout).
    #[arg(long)]
    pub one_file: bool,
}

pub fn run(corpus: &Corpus, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let ws = workspace()?;
    let style: Option<Style> = args.style.as_deref().map(str::parse).transpose()?;
    let library = ws.library()?;
    let (ids, title): (Vec<String>, String) = match args.what {
        ExportWhat::Collection => {
            let [name] = args.names.as_slice() else {
                bail!("name one collection: lectern export collection NAME");
            };
            let ids = library.collections.get(name).with_context(|| {
                format!("no collection is named '{name}' (see `lectern collections`)")
            })?;
            (ids.clone(), name.clone())
        }
        ExportWhat::Notes if args.names.is_empty() => {
            let (docs, problems) = ws.documents();
            for p in &problems {
                crate::errln!("lectern: {p}");
            }
            let ids = docs
                .into_iter()
                .filter(|d| !d.is_empty())
                .map(|d| d.id)
                .collect();
            (ids, "lectern notes".to_string())
        }
        ExportWhat::Notes => (args.names.clone(), "lectern notes".to_string()),
    };
    let mut docs: Vec<&Document> = Vec::new();
    let mut notes: Vec<DocNotes> = Vec::new();
    for id in &ids {
        match document(corpus, id) {
            Ok(doc) => {
                notes.push(ws.document(&doc.id)?);
                docs.push(doc);
            }
            // A collection may name a document this corpus lacks: say so, export the rest.
            Err(e) if args.what == ExportWhat::Collection || args.names.is_empty() => {
                crate::errln!("lectern: {e:#}; skipped");
            }
            Err(e) => return Err(e),
        }
    }
    let items: Vec<Item> = docs
        .iter()
        .zip(&notes)
        .map(|(doc, notes)| Item { doc, notes })
        .collect();
    if style.is_some() && matches!(args.format, ExportFormat::Bibtex | ExportFormat::CslJson) {
        bail!("--style applies to markdown and json exports only");
    }
    match args.format {
        ExportFormat::Markdown if args.out.is_some() && !args.one_file => {
            let dir = args.out.as_deref().unwrap_or(Path::new("."));
            for item in &items {
                let name = store::file_name(&item.doc.id).replace(".toml", ".md");
                let text = export::markdown_document(item, &library, style);
                write_file(&dir.join(name), &text)?;
            }
            write_out(&format!(
                "wrote {} files to {}\n",
                items.len(),
                dir.display()
            ))?;
        }
        ExportFormat::Markdown => {
            let text = export::markdown_all(&items, &library, style, &title);
            emit(args.out.as_deref(), &text, false)?;
        }
        ExportFormat::Json => {
            let value = export::json(&items, &library, style);
            emit(
                args.out.as_deref(),
                &serde_json::to_string_pretty(&value)?,
                true,
            )?;
        }
        ExportFormat::Bibtex => emit(
            args.out.as_deref(),
            &cite::export(&docs, Format::Bibtex),
            false,
        )?,
        ExportFormat::CslJson => {
            emit(
                args.out.as_deref(),
                &cite::export(&docs, Format::CslJson),
                true,
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// To `out` when given, else to stdout (JSON escaped there, so no control byte reaches it).
fn emit(out: Option<&Path>, text: &str, is_json: bool) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            write_file(path, text)?;
            write_out(&format!("wrote {}\n", path.display()))?;
        }
        None if is_json => output::stdout(&Safe::json_text(&format!("{}\n", text.trim_end())))?,
        None => write_out(text)?,
    }
    Ok(())
}

fn write_file(path: &Path, text: &str) -> anyhow::Result<()> {
    crate::files::replace_atomically(path, text.as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))
}
