//! The parallel-text commands: `show ID --sentences`, `check --translations [ID]`,
//! `concordance TERM` and `compare A B`. Everything they print is assembled here from
//! sanitized document text and leaves through [`emit`], the one place that writes.

use super::args::{CompareArgs, ConcordanceArgs};
use super::index::{open_corpus_index, progress_printer};
use super::write_out;
use crate::corpus::Corpus;
use crate::model::{Document, Lang};
use crate::parallel::checks::{Question, check_document};
use crate::parallel::compare::{self, Comparison};
use crate::parallel::concordance::{self, Concordance};
use crate::parallel::{Aligner, BlockAlignment, DocAlignment, SentencePair};
use crate::text::sanitize::sanitize;
use anyhow::Context as _;
use serde_json::json;
use std::fmt::Write as _;
use std::process::ExitCode;

/// Writes what a parallel command prints (the one exit for its output).
fn emit(text: &str) -> anyhow::Result<ExitCode> {
    write_out(text)?;
    Ok(ExitCode::SUCCESS)
}

/// The `--json` form: controls inside strings leave as `\u` escapes, not as placeholders.
fn emit_json<T: serde::Serialize + ?Sized>(value: &T) -> anyhow::Result<ExitCode> {
    crate::output::stdout(&crate::output::Safe::json(value)?)?;
    Ok(ExitCode::SUCCESS)
}

/// Document text on one line, safe for a terminal.
fn one_line(text: &str) -> String {
    sanitize(text).replace('\n', " ")
}

fn find<'a>(corpus: &'a Corpus, id: &str) -> anyhow::Result<&'a Document> {
    corpus
        .get(id)
        .with_context(|| format!("no document with id '{id}' (see `lectern list`)"))
}

/// `lectern show ID --sentences [--json]`.
pub fn show_sentences(corpus: &Corpus, id: &str, as_json: bool) -> anyhow::Result<ExitCode> {
    let doc = find(corpus, id)?;
    let alignment = match Aligner::new(&corpus.registry).document(doc) {
        Ok(a) => a,
        Err(why) if as_json => {
            let value = json!({ "doc": doc.id, "parallel": false, "reason": why.to_string() });
            return emit_json(&value);
        }
        Err(why) => return emit(&format!("{}\n", one_line(&why.to_string()))),
    };
    if as_json {
        return emit_json(&sentences_json(doc, &alignment));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n{} ↔ {}, {} blocks in both; each pair: shape, confidence, and what decided it\n",
        one_line(doc.display_title(&[alignment.left, alignment.right])),
        alignment.left,
        alignment.right,
        alignment.blocks.len()
    );
    for block in &alignment.blocks {
        let texts = &doc.blocks[block.block.index()].text;
        let (l, r) = (
            texts.get(alignment.left).unwrap_or(""),
            texts.get(alignment.right).unwrap_or(""),
        );
        for (n, pair) in block.pairs.iter().enumerate() {
            let _ = writeln!(
                out,
                "¶{}.{}  {}:{}  {:.2}  {}",
                block.block,
                n + 1,
                pair.left.len(),
                pair.right.len(),
                pair.confidence,
                basis_label(pair)
            );
            for (lang, text, side) in [(alignment.left, l, true), (alignment.right, r, false)] {
                let span = block.span(side, if side { &pair.left } else { &pair.right });
                let shown = if span.is_empty() {
                    "(no counterpart)".to_string()
                } else {
                    one_line(&text[span])
                };
                let _ = writeln!(out, "    {lang}  {shown}");
            }
        }
    }
    emit(&out)
}

fn basis_label(pair: &SentencePair) -> &'static str {
    match pair.basis {
        crate::parallel::Basis::Block => "one sentence each side",
        crate::parallel::Basis::Anchors => "length and shared anchors",
        crate::parallel::Basis::Length => "length only",
    }
}

fn side_json(
    text: &str,
    block: &BlockAlignment,
    left: bool,
    run: &std::ops::Range<usize>,
) -> serde_json::Value {
    let span = block.span(left, run);
    let sentences = if left { &block.left } else { &block.right };
    let chars = match (
        sentences.get(run.start),
        run.end.checked_sub(1).and_then(|e| sentences.get(e)),
    ) {
        (Some(a), Some(b)) if !run.is_empty() => vec![a.chars.start, b.chars.end],
        _ => vec![0, 0],
    };
    json!({
        "sentences": run.clone().collect::<Vec<_>>(),
        "bytes": [span.start, span.end],
        "chars": chars,
        "text": text.get(span).unwrap_or(""),
    })
}

fn sentences_json(doc: &Document, alignment: &DocAlignment) -> serde_json::Value {
    let blocks: Vec<serde_json::Value> = alignment
        .blocks
        .iter()
        .map(|b| {
            let texts = &doc.blocks[b.block.index()].text;
            let (l, r) = (
                texts.get(alignment.left).unwrap_or(""),
                texts.get(alignment.right).unwrap_or(""),
            );
            let pairs: Vec<serde_json::Value> = b
                .pairs
                .iter()
                .map(|p| {
                    json!({
                        alignment.left.code(): side_json(l, b, true, &p.left),
                        alignment.right.code(): side_json(r, b, false, &p.right),
                        "confidence": p.confidence,
                        "basis": p.basis,
                        "by_length_only": p.by_length_only(),
                    })
                })
                .collect();
            json!({ "block": b.block, "pairs": pairs })
        })
        .collect();
    json!({
        "doc": doc.id,
        "parallel": true,
        "left": alignment.left,
        "right": alignment.right,
        "blocks": blocks,
    })
}

/// `lectern check --translations [ID]`: questions about translations, `doc#block: …` each.
pub fn check_translations(corpus: &Corpus, id: Option<&str>) -> anyhow::Result<ExitCode> {
    let aligner = Aligner::new(&corpus.registry);
    let docs: Vec<&Document> = match id {
        Some(id) => vec![find(corpus, id)?],
        None => corpus.documents.iter().collect(),
    };
    let mut out = String::new();
    let (mut questions, mut bilingual) = (0, 0);
    for doc in &docs {
        let alignment = match aligner.document(doc) {
            Ok(a) => a,
            Err(why) => {
                if id.is_some() {
                    let _ = writeln!(out, "{}", one_line(&why.to_string()));
                }
                continue;
            }
        };
        bilingual += 1;
        for q in check_document(&aligner, &corpus.registry, doc, &alignment) {
            questions += 1;
            out.push_str(&question_text(doc, &q));
        }
    }
    let _ = writeln!(
        out,
        "{questions} question{} in {bilingual} bilingual document{} (each a place to read both sides, not a verdict)",
        if questions == 1 { "" } else { "s" },
        if bilingual == 1 { "" } else { "s" }
    );
    emit(&out)
}

fn question_text(doc: &Document, q: &Question) -> String {
    let side =
        |lang: Lang, other: Lang, found: &[crate::parallel::checks::Unmatched]| -> Option<String> {
            (!found.is_empty()).then(|| {
                let items: Vec<String> = found
                    .iter()
                    .map(|u| format!("“{}” ({})", one_line(&u.text), one_line(&u.meaning)))
                    .collect();
                format!("{lang} has {}, not found in {other}", items.join(", "))
            })
        };
    let parts: Vec<String> = [
        side(q.left_lang, q.right_lang, &q.left),
        side(q.right_lang, q.left_lang, &q.right),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut out = format!(
        "{}#{}: {}? {}\n",
        doc.id,
        q.block,
        q.concern.label(),
        parts.join("; ")
    );
    let texts = &doc.blocks[q.block.index()].text;
    for (l, r) in &q.quotes {
        for (lang, span) in [(q.left_lang, l), (q.right_lang, r)] {
            let text = texts
                .get(lang)
                .and_then(|t| t.get(span.clone()))
                .unwrap_or("");
            let _ = writeln!(out, "    {lang}: “{}”", one_line(text));
        }
    }
    out
}

/// `lectern concordance TERM [--json]`.
pub fn concordance(corpus: &Corpus, args: &ConcordanceArgs) -> anyhow::Result<ExitCode> {
    let term = args.term.join(" ");
    let mut progress = progress_printer(corpus.documents.len());
    let index = open_corpus_index(corpus, &mut progress)?;
    let aligner = Aligner::new(&corpus.registry);
    let found = concordance::find(
        &index,
        corpus,
        &aligner,
        &corpus.registry,
        &term,
        args.limit,
    )?;
    if args.json {
        return emit_json(&found);
    }
    emit(&concordance_text(&found))
}

fn concordance_text(c: &Concordance) -> String {
    let mut out = String::new();
    if c.groups.is_empty() {
        let _ = writeln!(
            out,
            "“{}” is in no block with a parallel text",
            one_line(&c.term)
        );
        return out;
    }
    for g in &c.groups {
        let dates = match (&g.first, &g.last) {
            (Some(a), Some(b)) if a == b => format!(", {a}"),
            (Some(a), Some(b)) => format!(", {a} – {b}"),
            _ => String::new(),
        };
        let label = g
            .rendering
            .as_deref()
            .map_or("(rendering not found)".to_string(), |r| {
                format!("“{}”", one_line(r))
            });
        let _ = writeln!(
            out,
            "{} → {label}: {}{dates}",
            one_line(&c.term),
            g.occurrences.len()
        );
        for o in &g.occurrences {
            let date = o.date.map_or("undated".to_string(), |d| d.to_string());
            let s = &o.sentence;
            let _ = writeln!(
                out,
                "  {}#{} ({date}, {:.2})\n    {}  {}«{}»{}\n    {}  {}",
                o.doc,
                o.block,
                o.confidence,
                o.lang,
                one_line(&s[..o.hit.start]),
                one_line(&s[o.hit.clone()]),
                one_line(&s[o.hit.end..]),
                o.counterpart_lang,
                one_line(&o.counterpart)
            );
        }
    }
    let shown: usize = c.groups.iter().map(|g| g.occurrences.len()).sum();
    let _ = writeln!(
        out,
        "{shown} occurrence{} in {} aligned block{}{}",
        if shown == 1 { "" } else { "s" },
        c.blocks_examined,
        if c.blocks_examined == 1 { "" } else { "s" },
        if c.blocks_matching > c.blocks_examined {
            format!(
                " (the first {} of {} matching blocks; --limit)",
                c.blocks_examined, c.blocks_matching
            )
        } else {
            String::new()
        }
    );
    out
}

/// `lectern compare A B [--json]`.
pub fn compare(corpus: &Corpus, args: &CompareArgs) -> anyhow::Result<ExitCode> {
    let (a, b) = (find(corpus, &args.a)?, find(corpus, &args.b)?);
    let cmp = compare::compare(a, b);
    if args.json {
        return emit_json(&cmp);
    }
    emit(&comparison_text(&cmp))
}

fn comparison_text(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ↔ {}, paired {}\n", c.a, c.b, c.by.label());
    for p in &c.pairs {
        let label = |x: &Option<compare::Side>| {
            x.as_ref()
                .map_or("—".to_string(), |s| match s.label.starts_with('¶') {
                    true => s.label.clone(),
                    false => format!("{} (¶{})", one_line(&s.label), s.block),
                })
        };
        let score = match (&p.a, &p.b) {
            (Some(_), Some(_)) => format!("similarity {:.2}", p.similarity),
            _ => "no counterpart".to_string(),
        };
        let _ = writeln!(out, "{}  ↔  {}  {score}", label(&p.a), label(&p.b));
        if let Some(diff) = &p.diff {
            let mut line = String::new();
            for piece in diff {
                let text = one_line(&piece.text);
                match piece.change {
                    compare::Change::Same => line.push_str(&text),
                    compare::Change::Removed => {
                        let _ = write!(line, "[-{text}-]");
                    }
                    compare::Change::Added => {
                        let _ = write!(line, "{{+{text}+}}");
                    }
                }
            }
            let _ = writeln!(out, "    {line}");
        }
    }
    out
}
