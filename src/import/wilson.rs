//! Wilson Center Digital Archive pages, in both layouts the site has used: the one with a
//! "Citation … get citation" block before the text, and the one with a "Document Information"
//! block (Source, Rights, Original Language, Contents) after it.
//!
//! The archive's own citation line gives the title, the date, the collection, the archival
//! signature and the translator. The body is classified by rules for archival documents:
//! stamps, handwritten annotations, datelines, signatures, distribution lists.

use super::pattern::built_in;
use super::text::{Para, ends_sentence, paragraphs, squeeze};
use super::{Draft, Warning, dates, kind_from_title};
use crate::model::{
    ArchiveRef, Block, BlockKind, DateRole, DocDate, DocKind, Document, Lang, LangText, Origin,
    SourceKind, TextOrigin,
};
use regex::Regex;
use std::sync::LazyLock;

const PUBLISHER: &str = "Wilson Center Digital Archive";

/// Lines of the site's page furniture, never part of a document.
const CHROME: [&str; 12] = [
    "Search in",
    "Digital Archive International History Declassified",
    "Citation",
    "get citation",
    "share document",
    "English HTML",
    "English PDF",
    "Original HTML",
    "Original PDF",
    "Download",
    "Print",
    "Document Information",
];

pub(crate) static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r#"^["“](?P<title>.+?),?["”],?\s*(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}),\s*(?P<collection>[^,]*Digital Archive),\s*(?P<rest>.*)$"#,
    )
});
pub(crate) static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"(?i)\.?\s*(?:Obtained and translated|Translated|Translation) (?:for \S+ )?by (?P<who>[^.]+(?:\.[A-Z]\.?[^.]*)?)\.?\s*$",
    )
});
pub(crate) static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"(?i)^(?P<archive>[^,]+?),?\s+(?:fond|f\.)\s*(?P<fond>[\w-]+),?\s*(?:opis|op\.)\s*(?P<opis>[\w-]+),?\s*(?:delo|d\.)\s*(?P<delo>[\w-]+)(?:,?\s*(?:pp?\.|ll?\.|listy?)\s*(?P<pages>[\d][\d\s,\-–]*))?",
    )
});
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| built_in(r"^\d{1,3}\s*[-–.)]\s+\S"));
static NUMBER_MARK: LazyLock<Regex> = LazyLock::new(|| built_in(r"^(?:N[º°o]|№)\s*\d+"));

pub fn import(text: &str, draft: &mut Draft) -> Result<(), Warning> {
    let lines: Vec<&str> = text.lines().collect();
    let info_at = lines
        .iter()
        .position(|l| l.trim() == "Document Information");
    let front_end = info_at.unwrap_or(lines.len());

    let citation_at = lines[..front_end]
        .iter()
        .position(|l| CITATION.is_match(l.trim()));
    let body_start = lines[..front_end]
        .iter()
        .rposition(|l| is_chrome(l) || citation_at.is_some_and(|c| l.trim() == lines[c].trim()))
        .map_or(0, |i| i + 1);

    draft.doc.source.kind = SourceKind::Archive;
    draft.doc.source.name = Some(PUBLISHER.into());
    let mut date = None;
    let mut summary = Vec::new();
    let mut in_summary = false;
    for (i, raw) in lines[..body_start].iter().enumerate() {
        let line = raw.trim();
        if let Some(rest) = line.strip_prefix("This document was made possible with support from") {
            draft.doc.source.support = Some(rest.trim().trim_end_matches('.').to_string());
        } else if line.trim_start_matches('•').trim() == "get citation" {
            in_summary = true;
        } else if Some(i) == citation_at {
            in_summary = false;
            read_citation(line, draft);
        } else if in_summary && !line.is_empty() && !is_chrome(line) {
            summary.push(line);
        } else if date.is_none() {
            date = dates::whole_date(line);
        }
    }
    let doc = &mut draft.doc;
    if !summary.is_empty() {
        doc.summary = Some(summary.join(" "));
    }
    if let Some(info) = info_at {
        read_information(&lines[info + 1..], info + 1, draft, &mut date);
    }
    let body_end = info_at.unwrap_or(lines.len());
    let mut body: Vec<Para> = paragraphs(&lines[body_start..body_end].join("\n"), body_start);

    if draft.doc.title.is_empty() {
        // The layout without a citation block opens with the title, then the date.
        if body.is_empty() {
            return Err(Warning {
                line: 1,
                message: "no title found".into(),
            });
        }
        let title = body.remove(0);
        draft.doc.title.set(Lang::En, squeeze(&title.prose()));
        if date.is_none()
            && let Some(d) = body.first().and_then(|p| dates::whole_date(&p.prose()))
        {
            date = Some(d);
            body.remove(0);
        }
    }
    let doc = &mut draft.doc;
    if let Some(date) = date
        && !doc.dates.iter().any(|d| d.role == DateRole::Written)
    {
        doc.dates.push(DocDate {
            role: DateRole::Written,
            date,
            place: None,
            inferred: None,
        });
    }
    doc.kind =
        kind_from_title(doc.title.best(&[Lang::En]).unwrap_or_default()).unwrap_or(DocKind::Other);
    let title = doc.title.best(&[Lang::En]).unwrap_or_default().to_string();
    let paras: Vec<Para> = body
        .into_iter()
        .filter(|p| squeeze(&p.verse()) != title)
        .collect();
    doc.blocks = classify(&paras);
    set_author(doc);
    Ok(())
}

/// The author of a report or journal is the person who signs it: the name in brackets in the
/// signature block ("(A. Puzanov)"), given with the fuller initials the title has for the same
/// surname ("A.M. Puzanov" → "A. M. Puzanov"). Stated in the text, so not marked inferred; a
/// note says where it was read.
fn set_author(doc: &mut Document) {
    let Some(signature) = doc
        .blocks
        .iter()
        .rev()
        .find(|b| b.kind == BlockKind::Signature)
        .and_then(|b| b.text.get(Lang::En))
    else {
        return;
    };
    let Some(signed) = signature
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(name, _)| name.trim().to_string())
    else {
        return;
    };
    let words: Vec<&str> = signed.split_whitespace().collect();
    let is_name = words.len() >= 2
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && words
            .last()
            .is_some_and(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic));
    let Some(surname) = words.last().filter(|_| is_name) else {
        return;
    };
    let title = doc.title.get(Lang::En).unwrap_or_default().to_string();
    let title_words: Vec<&str> = title.split_whitespace().collect();
    // Initials standing right before the surname in the title ("A.M." or "A. M.").
    let initials: Vec<String> = title_words
        .iter()
        .position(|w| w == surname)
        .map(|at| {
            let mut before: Vec<&str> = title_words[..at]
                .iter()
                .rev()
                .take_while(|w| is_initials(w))
                .copied()
                .collect();
            before.reverse();
            before
                .iter()
                .flat_map(|w| w.split_inclusive('.'))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let (author, where_) = if initials.is_empty() {
        (signed.clone(), "the signature block".to_string())
    } else {
        (
            format!("{} {surname}", initials.join(" ")),
            "the signature block and the title".to_string(),
        )
    };
    doc.source.author = Some(author);
    doc.notes.push(format!(
        "author: stated in {where_} (the signature reads \"({signed})\")"
    ));
}

/// "A.", "A.M.": a word of capital initials, each followed by a full stop.
fn is_initials(word: &str) -> bool {
    !word.is_empty()
        && word.split_inclusive('.').all(|p| {
            p.chars().count() == 2 && p.starts_with(char::is_uppercase) && p.ends_with('.')
        })
}

fn is_chrome(line: &str) -> bool {
    let l = line.trim().trim_start_matches('•').trim();
    CHROME.contains(&l)
}

/// The archive's citation line: title, date, collection, signature and translator.
fn read_citation(line: &str, draft: &mut Draft) {
    let Some(c) = CITATION.captures(line) else {
        return;
    };
    let doc = &mut draft.doc;
    doc.source.citation = Some(line.to_string());
    doc.title.set(Lang::En, c["title"].trim().to_string());
    if let Some(date) = dates::whole_date(&c["date"]) {
        doc.dates.push(DocDate {
            role: DateRole::Written,
            date,
            place: None,
            inferred: None,
        });
    }
    doc.source.collection = Some(c["collection"].trim().to_string());
    let rest = c["rest"].trim();
    let (signature, translator) = match CREDIT.captures(rest) {
        Some(credit) => {
            let at = credit.get(0).map_or(rest.len(), |m| m.start());
            (rest[..at].trim(), Some(credit["who"].trim().to_string()))
        }
        None => (rest, None),
    };
    set_archive(draft, signature.trim_end_matches('.'));
    set_translation(draft, translator);
}

/// The "Document Information" block: Source, Rights, Original Language, … one heading per line
/// followed by its value.
fn read_information(
    lines: &[&str],
    offset: usize,
    draft: &mut Draft,
    date: &mut Option<crate::model::PartialDate>,
) {
    let mut section = "";
    let mut translator = None;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        match line {
            "Source"
            | "Rights"
            | "Original Language"
            | "Contents"
            | "Citation"
            | "Subjects Discussed"
            | "Geographic Subjects"
            | "Related Documents"
            | "Record ID"
            | "Document Type"
            | "Date" => {
                section = line;
                continue;
            }
            _ => {}
        }
        match section {
            "Source" => {
                if let Some(c) = CREDIT.captures(line) {
                    translator = Some(c["who"].trim().to_string());
                }
                if draft.doc.source.archive.is_none() && SIGNATURE.is_match(line) {
                    let sig = CREDIT.replace(line, "");
                    set_archive(draft, sig.trim().trim_end_matches('.'));
                } else if draft.doc.source.collection.is_none() {
                    draft.doc.source.collection = Some(line.to_string());
                }
            }
            "Rights" => draft.doc.notes.push(format!("Rights: {line}")),
            "Original Language" => match line.parse::<Lang>() {
                Ok(lang) => set_original(draft, lang),
                Err(_) => draft.warn(
                    offset + i + 1,
                    format!("original language '{line}' is not one the archive knows"),
                ),
            },
            "Date" if date.is_none() => *date = dates::whole_date(line),
            "Citation" if draft.doc.source.citation.is_none() && CITATION.is_match(line) => {
                read_citation(line, draft)
            }
            _ => {}
        }
    }
    if translator.is_some() && !draft.doc.texts.iter().any(|t| t.translator.is_some()) {
        set_translation(draft, translator);
    }
}

pub(crate) fn set_original(draft: &mut Draft, lang: Lang) {
    for t in draft.doc.texts.iter_mut().filter(|t| t.lang == Lang::En) {
        t.from = Some(lang);
    }
    if draft.doc.texts.is_empty() {
        draft.doc.texts.push(TextOrigin {
            lang: Lang::En,
            origin: Origin::Translation,
            from: Some(lang),
            translator: None,
            note: None,
        });
    }
    draft.doc.inferred.remove("texts.en.from");
}

pub(crate) fn set_archive(draft: &mut Draft, signature: &str) {
    let mut archive = ArchiveRef {
        verbatim: signature.to_string(),
        ..Default::default()
    };
    match SIGNATURE.captures(signature) {
        Some(c) => {
            archive.archive = c["archive"].trim().to_string();
            archive.fond = Some(c["fond"].to_string());
            archive.opis = Some(c["opis"].to_string());
            archive.delo = Some(c["delo"].to_string());
            archive.pages = c
                .name("pages")
                .map(|p| p.as_str().trim().trim_end_matches(',').to_string());
        }
        None => archive.archive = signature.to_string(),
    }
    draft.doc.source.archive = Some(archive);
}

/// Records the English text as a translation; a fond/opis/delo signature means a Russian
/// (Soviet) archive, so the original is taken to be Russian, marked as inferred.
pub(crate) fn set_translation(draft: &mut Draft, translator: Option<String>) {
    let russian_archive = draft
        .doc
        .source
        .archive
        .as_ref()
        .is_some_and(|a| a.fond.is_some());
    let known_from = draft
        .doc
        .texts
        .iter()
        .find(|t| t.lang == Lang::En)
        .and_then(|t| t.from);
    draft.doc.texts.retain(|t| t.lang != Lang::En);
    let from = known_from.or(russian_archive.then_some(Lang::Ru));
    if known_from.is_none() && russian_archive {
        draft.doc.inferred.insert(
            "texts.en.from".into(),
            "the archival signature is in the Russian fond/opis/delo system, so the original is taken to be Russian".into(),
        );
    }
    draft.doc.texts.push(TextOrigin {
        lang: Lang::En,
        origin: Origin::Translation,
        from,
        translator,
        note: None,
    });
}

/// Classifies the paragraphs of an archival document into blocks.
fn classify(paras: &[Para]) -> Vec<Block> {
    let merged = merge_open_brackets(paras);
    let mut blocks: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < merged.len() {
        let text = &merged[i];
        // A run of numbered lines is one list, with a short lead-in line before it.
        if LIST_ITEM.is_match(text)
            || (is_label(text) && merged.get(i + 1).is_some_and(|n| LIST_ITEM.is_match(n)))
        {
            let mut lines = vec![text.clone()];
            i += 1;
            while let Some(next) = merged.get(i).filter(|n| LIST_ITEM.is_match(n)) {
                lines.push(next.clone());
                i += 1;
            }
            blocks.push(block(BlockKind::List, lines.join("\n")));
            continue;
        }
        let kind = kind_of(text);
        match blocks.last_mut() {
            Some(last) if kind == BlockKind::Heading && last.kind == BlockKind::Heading => {
                if let Some(t) = last.text.0.get_mut(&Lang::En) {
                    t.push('\n');
                    t.push_str(text);
                }
            }
            _ => blocks.push(block(kind, text.clone())),
        }
        i += 1;
    }
    blocks
}

fn block(kind: BlockKind, text: String) -> Block {
    Block {
        kind,
        text: LangText::one(Lang::En, text),
    }
}

fn kind_of(text: &str) -> BlockKind {
    let lower = text.to_lowercase();
    if text.starts_with('[') && bracket_depth(text) <= 0 && text.trim_end().ends_with(']') {
        if lower.starts_with("[handwritten") || lower.contains("stamp") {
            BlockKind::Annotation
        } else {
            BlockKind::Editorial
        }
    } else if lower
        .split(':')
        .next()
        .is_some_and(|head| head.ends_with("stamp"))
        || NUMBER_MARK.is_match(text)
    {
        BlockKind::Stamp
    } else if dates::whole_date(text).is_some() {
        BlockKind::Dateline
    } else if text.contains("[signature]") {
        BlockKind::Signature
    } else if is_label(text) {
        BlockKind::Heading
    } else {
        BlockKind::Paragraph
    }
}

/// A short line that does not end a sentence: a heading or a list's lead-in.
fn is_label(text: &str) -> bool {
    text.chars().count() < 90 && !ends_sentence(text) && !text.contains('\n')
}

fn bracket_depth(text: &str) -> i32 {
    text.chars().fold(0, |d, c| match c {
        '[' => d + 1,
        ']' => d - 1,
        _ => d,
    })
}

/// An insertion in brackets may run over a blank line: join paragraphs until it closes.
fn merge_open_brackets(paras: &[Para]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for p in paras {
        let text = squeeze_lines(p);
        if open {
            if let Some(last) = out.last_mut() {
                last.push(' ');
                last.push_str(&text);
            }
        } else {
            out.push(text);
        }
        let current = out.last().map_or(0, |t| bracket_depth(t));
        open = current > 0 && out.last().is_some_and(|t| t.starts_with('['));
    }
    out
}

/// A paragraph's lines joined by spaces, runs of spaces squeezed.
fn squeeze_lines(p: &Para) -> String {
    squeeze(&p.prose())
}
