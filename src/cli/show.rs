//! `lectern show ID`: a document as plain text (numbered blocks, footnotes, source), or JSON.

use super::args::{LangChoice, ShowArgs};
use super::write_out;
use crate::corpus::Corpus;
use crate::model::{Document, Lang};
use crate::text::sanitize::sanitize;
use anyhow::Context as _;
use std::fmt::Write as _;
use std::process::ExitCode;

pub fn run(corpus: &Corpus, args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let doc = corpus
        .get(&args.id)
        .with_context(|| format!("no document with id '{}' (see `lectern list`)", args.id))?;
    if args.sentences {
        return super::parallel::show_sentences(corpus, &doc.id, args.json);
    }
    let out = if args.json {
        serde_json::to_string_pretty(doc)? + "\n"
    } else {
        render(doc, wanted_langs(doc, args.lang))
    };
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn wanted_langs(doc: &Document, choice: LangChoice) -> Vec<Lang> {
    let one = match choice {
        LangChoice::Both => return doc.languages(),
        LangChoice::En => Lang::En,
        LangChoice::Zh => Lang::Zh,
        LangChoice::Ru => Lang::Ru,
        LangChoice::Fr => Lang::Fr,
        LangChoice::Ko => Lang::Ko,
    };
    vec![one]
}

fn render(doc: &Document, langs: Vec<Lang>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", sanitize(doc.display_title(&langs)));
    for d in &doc.dates {
        let inferred = d
            .inferred
            .as_deref()
            .map(|r| format!(" (inferred: {r})"))
            .unwrap_or_default();
        let place = d
            .place
            .as_deref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default();
        let _ = writeln!(out, "{}: {}{place}{inferred}", d.role.label(), d.date);
    }
    out.push('\n');
    for (i, block) in doc.blocks.iter().enumerate() {
        for lang in &langs {
            if let Some(text) = block.text.get(*lang) {
                let _ = writeln!(
                    out,
                    "[{}] {lang}: {}",
                    i + 1,
                    sanitize(text).replace('\n', "\n    ")
                );
            }
        }
    }
    if !doc.footnotes.is_empty() {
        out.push_str("\nNotes\n");
        for note in &doc.footnotes {
            if let Some(text) = note.text.best(&langs) {
                let _ = writeln!(
                    out,
                    "[^{}] (block {}) {}",
                    note.id,
                    note.block,
                    sanitize(text)
                );
            }
        }
    }
    out
}
