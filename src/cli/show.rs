//! `lectern show ID`: a document as plain text (numbered blocks, footnotes, source), or JSON.

use super::args::{LangChoice, ShowArgs};
use super::write_out;
use crate::corpus::Corpus;
use crate::model::{Document, Lang};
use crate::output::{self, Safe};
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
    if args.json {
        output::stdout(&Safe::json(doc)?)?;
    } else {
        write_out(&render(doc, wanted_langs(doc, args.lang)))?;
    }
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
    let _ = writeln!(out, "{}", doc.display_title(&langs));
    for d in &doc.dates {
        let when = crate::model::dated(d.date, d.place.as_deref(), d.inferred.as_deref());
        let _ = writeln!(out, "{}: {when}", d.role.label());
    }
    out.push('\n');
    for (i, block) in doc.blocks.iter().enumerate() {
        for lang in &langs {
            if let Some(text) = block.text.get(*lang) {
                let _ = writeln!(out, "[{}] {lang}: {}", i + 1, text.replace('\n', "\n    "));
            }
        }
    }
    if !doc.footnotes.is_empty() {
        out.push_str("\nNotes\n");
        for note in &doc.footnotes {
            if let Some(text) = note.text.best(&langs) {
                let _ = writeln!(out, "[^{}] (block {}) {}", note.id, note.block, text);
            }
        }
    }
    out
}
