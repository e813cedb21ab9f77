//! `lectern refs ID` (what a document mentions, and what mentions it) and `lectern entity
//! NAME` (what the registry knows of a person, place, organization or instrument, with the
//! document and block behind every fact).

use super::args::{EntityArgs, RefsArgs};
use super::write_out;
use crate::corpus::Corpus;
use crate::output::{self, Safe};
use crate::refs::{Mention, Registry, Target};
use anyhow::Context as _;
use std::fmt::Write as _;
use std::process::ExitCode;

pub fn run_refs(corpus: &Corpus, args: &RefsArgs) -> anyhow::Result<ExitCode> {
    let doc = corpus
        .get(&args.id)
        .with_context(|| super::show::no_such_document(corpus, &args.id))?;
    let reg = &corpus.registry;
    let ix = corpus
        .ix(&doc.id)
        .context("the document has no place in the corpus")?;
    let outgoing: Vec<&Mention> = corpus.links.in_document(ix).collect();
    let incoming = corpus.links.backlinks(reg, &corpus.documents, ix);
    if args.json {
        let json = serde_json::json!({
            "id": doc.id,
            "outgoing": outgoing.iter().map(|m| mention_json(corpus, m)).collect::<Vec<_>>(),
            "incoming": incoming.iter().map(|m| mention_json(corpus, m)).collect::<Vec<_>>(),
        });
        output::stdout(&Safe::json(&json)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = format!("{}\n\nMentions ({}):\n", doc.id, outgoing.len());
    for m in &outgoing {
        let _ = writeln!(
            out,
            "  ¶{} {}  {} → {}{}",
            m.block,
            m.lang,
            quote(corpus, m),
            target_label(reg, m.target),
            destination(corpus, m.target)
        );
    }
    let _ = writeln!(out, "\nMentioned by ({}):", incoming.len());
    for m in &incoming {
        out.push_str(&mention_line(corpus, m));
    }
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_entity(corpus: &Corpus, args: &EntityArgs) -> anyhow::Result<ExitCode> {
    let reg = &corpus.registry;
    let target = reg.find(&args.name).with_context(|| {
        let close: Vec<String> = reg
            .close_matches(&args.name)
            .into_iter()
            .take(8)
            .map(|t| format!("{} ({})", reg.target_name(t), reg.target_id(t)))
            .collect();
        let hint = if close.is_empty() {
            "try an id, or a name in any language".to_string()
        } else {
            format!("did you mean: {}?", close.join(", "))
        };
        format!("the registry knows no '{}'; {hint}", args.name)
    })?;
    let mentions: Vec<&Mention> = corpus.links.of_target(target).collect();
    if args.json {
        let card = match target {
            Target::Instrument(i) => serde_json::to_value(&reg.instruments[i])?,
            Target::Entity(i) => serde_json::to_value(&reg.entities[i])?,
        };
        let json = serde_json::json!({
            "card": card,
            "mentions": mentions.iter().map(|m| mention_json(corpus, m)).collect::<Vec<_>>(),
        });
        output::stdout(&Safe::json(&json)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({})",
        target_label(reg, target),
        reg.target_id(target)
    );
    for (lang, names) in reg.names_of(target) {
        let _ = writeln!(out, "  {lang}: {}", names.join(" · "));
    }
    for (label, text) in crate::refs::card::facts(reg, target) {
        let _ = writeln!(out, "{label}: {text}");
    }
    let _ = writeln!(out, "\nMentioned in ({}):", mentions.len());
    for m in &mentions {
        out.push_str(&mention_line(corpus, m));
    }
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn target_label(reg: &Registry, target: Target) -> String {
    format!(
        "{} [{}]",
        reg.target_name(target),
        crate::refs::card::kind_label(reg, target)
    )
}

/// Where following the link leads: the document that holds the instrument's text, if any.
fn destination(corpus: &Corpus, target: Target) -> String {
    match target {
        Target::Instrument(i) => corpus.registry.instruments[i]
            .text
            .as_ref()
            .map(|t| format!("  (text: {t})"))
            .unwrap_or_default(),
        Target::Entity(_) => String::new(),
    }
}

/// `  doc#block lang  “words”`: one place that mentions something.
fn mention_line(corpus: &Corpus, m: &Mention) -> String {
    format!(
        "  {}#{} {}  {}\n",
        doc_id(corpus, m),
        m.block,
        m.lang,
        quote(corpus, m)
    )
}

/// The id of the mention's document: how the command line names it.
fn doc_id<'a>(corpus: &'a Corpus, m: &Mention) -> &'a str {
    corpus.documents.get(m.doc.0).map_or("", |d| d.id.as_str())
}

/// The words of the mention, as they stand in the text.
fn quote(corpus: &Corpus, m: &Mention) -> String {
    let text = crate::refs::mentions::words(&corpus.documents, m).unwrap_or_default();
    format!("“{text}”")
}

fn mention_json(corpus: &Corpus, m: &Mention) -> serde_json::Value {
    serde_json::json!({
        "target": corpus.registry.target_id(m.target),
        "doc": doc_id(corpus, m),
        "block": m.block,
        "lang": m.lang,
        "start": m.range.start,
        "end": m.range.end,
        "text": quote(corpus, m).trim_matches(['“', '”']),
        "description": m.description.is_some(),
    })
}
