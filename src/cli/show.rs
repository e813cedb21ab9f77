//! `lectern show ID`: a document as plain text (numbered blocks, footnotes, source), or JSON.
//! The id is found in the catalog and only that document's body is read.

use super::args::{LangChoice, ShowArgs};
use super::write_out;
use crate::cite::facts::is_inferred;
use crate::corpus::{Catalog, Corpus};
use crate::model::inline::{Segment, segments};
use crate::model::{Document, Lang, LangText, Origin};
use crate::output::{self, Safe};
use anyhow::Context as _;
use std::fmt::Write as _;
use std::process::ExitCode;

pub fn run(catalog: &Catalog, args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let at = catalog
        .position(&args.id)
        .with_context(|| no_such_head(catalog, &args.id))?;
    // The one file printed is stat'ed, whatever the cache trusted.
    let doc = &catalog.document_checked(at)?;
    if args.json {
        output::stdout(&Safe::json(doc)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let langs = wanted_langs(doc, args.lang);
    let has = doc.languages();
    if !langs.iter().any(|l| has.contains(l)) {
        let list: Vec<String> = has.iter().map(|l| l.code().to_string()).collect();
        anyhow::bail!(
            "{} has no {} text (its languages: {}); try --lang {}",
            doc.id,
            langs
                .iter()
                .map(|l| l.name())
                .collect::<Vec<_>>()
                .join(", "),
            list.join(", "),
            list.first().map(String::as_str).unwrap_or("both")
        );
    }
    write_out(&render(doc, langs))?;
    Ok(ExitCode::SUCCESS)
}

/// `lectern show ID --sentences`: the sentence pairs, which need the whole corpus.
pub fn sentences(corpus: &Corpus, args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let doc = corpus
        .get(&args.id)
        .with_context(|| no_such_document(corpus, &args.id))?;
    super::parallel::show_sentences(corpus, &doc.id, args.json)
}

/// "no document with id 'X'", with the ids that contain what was typed, or whose title does.
pub(super) fn no_such_document(corpus: &Corpus, id: &str) -> String {
    suggest(
        corpus.documents.iter().map(|d| (d.id.as_str(), &d.title)),
        id,
    )
}

fn no_such_head(catalog: &Catalog, id: &str) -> String {
    suggest(
        catalog.heads().iter().map(|h| (h.id.as_str(), &h.title)),
        id,
    )
}

fn suggest<'a>(docs: impl Iterator<Item = (&'a str, &'a LangText)>, id: &str) -> String {
    let want = id.trim().to_lowercase();
    let close: Vec<&str> = docs
        .filter(|(doc_id, title)| {
            !want.is_empty()
                && (doc_id.to_lowercase().contains(&want)
                    || title.0.values().any(|t| t.to_lowercase().contains(&want)))
        })
        .map(|(doc_id, _)| doc_id)
        .take(8)
        .collect();
    if close.is_empty() {
        format!("no document with id '{id}' (see `lectern list`)")
    } else {
        format!(
            "no document with id '{id}'; did you mean: {}?",
            close.join(", ")
        )
    }
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
    source(doc, &mut out);
    out.push('\n');
    for (i, block) in doc.blocks.iter().enumerate() {
        for lang in &langs {
            if let Some(text) = block.text.get(*lang) {
                let _ = writeln!(
                    out,
                    "[{}] {lang}: {}",
                    i + 1,
                    with_note_marks(text).replace('\n', "\n    ")
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
                    "{} (block {}) {}",
                    note_mark(&note.id),
                    note.block,
                    text
                );
            }
        }
    }
    out
}

/// Where the document comes from: author, publisher, archive signature, translators, each
/// marked when the corpus infers it rather than the source stating it.
fn source(doc: &Document, out: &mut String) {
    let s = &doc.source;
    let mark = |path: &str| match doc.inferred.get(path) {
        Some(why) => format!(" (inferred: {why})"),
        None if is_inferred(doc, path) => " (inferred)".to_string(),
        None => String::new(),
    };
    let mut line = |label: &str, value: &str, path: &str| {
        let _ = writeln!(out, "{label}: {}{}", value, mark(path));
    };
    if let Some(a) = &s.author {
        line("author", a, "source.author");
    }
    let name = match (&s.name, &s.name_original) {
        (Some(n), Some(o)) => Some(format!("{n} ({o})")),
        (Some(n), None) | (None, Some(n)) => Some(n.clone()),
        (None, None) => None,
    };
    if let Some(n) = name {
        line("source", &n, "source.name");
    }
    for (label, value, path) in [
        ("collection", &s.collection, "source.collection"),
        ("number", &s.number, "source.number"),
        ("page", &s.page, "source.page"),
        ("column", &s.column, "source.column"),
        ("url", &s.url, "source.url"),
    ] {
        if let Some(v) = value {
            line(label, v, path);
        }
    }
    if let Some(a) = &s.archive {
        line("archive", &a.verbatim, "source.archive");
    }
    for t in &doc.texts {
        let how = match t.origin {
            Origin::Original => "original".to_string(),
            Origin::Ocr => "original, by OCR".to_string(),
            Origin::Translation => "translation".to_string(),
            Origin::MachineTranslation => "machine translation".to_string(),
        };
        let from = t
            .from
            .map(|l| {
                format!(
                    " from {}{}",
                    l.name(),
                    mark(&format!("texts.{}.from", t.lang))
                )
            })
            .unwrap_or_default();
        let by = t
            .translator
            .as_deref()
            .map(|n| format!(" by {n}"))
            .unwrap_or_default();
        let _ = writeln!(out, "{} text: {how}{}{}", t.lang.name(), from, by);
    }
}

/// The text with each footnote reference `[^1]` written as a note mark (¹).
fn with_note_marks(text: &str) -> String {
    segments(text)
        .into_iter()
        .map(|seg| match seg {
            Segment::Text(t) | Segment::Editorial(t) => t.to_string(),
            Segment::FootnoteRef(id) => note_mark(id),
        })
        .collect()
}

/// A footnote's mark: superscript digits for a numbered note (¹²), `[note a]` otherwise.
fn note_mark(id: &str) -> String {
    const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
        id.chars()
            .filter_map(|c| c.to_digit(10).map(|d| SUPERSCRIPT[d as usize]))
            .collect()
    } else {
        format!("[note {id}]")
    }
}
