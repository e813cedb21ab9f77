//! The general importer: one pipeline for every family's pages that the seed importers do not
//! claim. Labels are read, chrome is marked, and title, date and kind are chosen among scored
//! candidates from the whole page; what is left is the body, every line of it.

use super::candidates::{self, Chosen};
use super::detect::Family;
use super::explain::{Explanation, Removed, Used};
use super::fields::{self, Labels};
use super::page::{self, Line, Role};
use super::pattern::built_in;
use super::text::{ends_sentence, is_all_caps, script_lang, squeeze};
use super::{Draft, Warning, wilson};
use crate::model::{
    ArchiveRef, Block, BlockKind, DocDate, Lang, LangText, Origin, SourceKind, TextOrigin,
};
use regex::Regex;
use std::sync::LazyLock;

static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"^(?:(?:Article|ARTICLE|Art\.)\s+[\dIVXLC]+\.?|SECTION\s+[IVXLC\d]+\.?|(?:Статья|СТАТЬЯ)\s+\d+|第[一二三四五六七八九十百\d]+[条條](?:\s|$))",
    )
});
static SUPPORT: LazyLock<Regex> = LazyLock::new(|| {
    built_in(r"(?i)^This document was made possible with support from\s+(.+?)\.?$")
});
static OFFICIAL: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"(?i)^Official texts?\s*:\s*(.+?)\.?$"));
static REGISTERED: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"(?i)^Registered by (?:the )?(.+?) on (.+?)\.?$"));
static SERIES_NUMBER: LazyLock<Regex> = LazyLock::new(|| built_in(r"^No\.\s*(\d+)\.?$"));
static RUNNING_HEAD_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"Treaty Series.{0,12}\bNo\.\s*(\d+)\.?$"));
static KANA: LazyLock<Regex> = LazyLock::new(|| built_in(r"[\p{Hiragana}\p{Katakana}]"));

pub fn import(
    text: &str,
    draft: &mut Draft,
    family: Family,
    hints: &[String],
) -> Result<Explanation, Warning> {
    let mut lines = page::lines(text);
    let labels = fields::read(&mut lines);
    mark_support(&mut lines, draft);
    if family == Family::Treaty {
        read_registration(&mut lines, draft);
    }
    super::chrome::mark(&mut lines);
    if family == Family::Treaty {
        let vocab = page::vocabulary(&lines);
        for l in lines
            .iter_mut()
            .filter(|l| l.is_body() && is_all_caps(&l.text))
        {
            l.text = page::repair_ocr(&l.text, &vocab);
        }
    }
    let chosen = candidates::choose(&mut lines, &labels, family, hints);
    if !lines.iter().any(Line::is_body) {
        return Err(Warning {
            line: 1,
            message:
                "no document text found: every line is site chrome or metadata (see --explain)"
                    .into(),
        });
    }
    apply_metadata(draft, &labels, &chosen, family);
    draft.doc.blocks = blocks(&lines);
    record_languages(draft, &labels, family, &lines);
    if family == Family::Wilson {
        read_archive_source(draft, &labels);
    }
    for w in &chosen.warnings {
        draft.warn(w.0, w.1.clone());
    }
    Ok(Explanation {
        candidates: chosen.candidates,
        removed: lines
            .iter()
            .filter_map(|l| match l.role {
                Role::Chrome(class) => Some(Removed {
                    line: l.no,
                    class,
                    text: l.text.clone(),
                }),
                _ => None,
            })
            .collect(),
        used: lines
            .iter()
            .filter_map(|l| match l.role {
                Role::Field(field) => Some(Used {
                    line: l.no,
                    field,
                    text: l.text.clone(),
                }),
                _ => None,
            })
            .collect(),
        ..Default::default()
    })
}

fn mark_support(lines: &mut [Line], draft: &mut Draft) {
    for l in lines.iter_mut().filter(|l| l.is_body()) {
        if let Some(c) = SUPPORT.captures(&l.text) {
            draft.doc.source.support = Some(c[1].to_string());
            l.role = Role::Field("support");
        }
    }
}

/// The Treaty Series' registration header: its number, the authentic languages, who
/// registered the treaty and when.
fn read_registration(lines: &mut [Line], draft: &mut Draft) {
    for l in lines.iter_mut().filter(|l| l.is_body()) {
        let text = l.text.clone();
        if let Some(c) = OFFICIAL.captures(&text) {
            draft.doc.source.official_languages = c[1]
                .split([',', ' '])
                .filter_map(|w| w.trim().parse::<Lang>().ok())
                .collect();
            l.role = Role::Field("official texts");
        } else if let Some(c) = REGISTERED.captures(&text) {
            draft.doc.source.registered_by = Some(c[1].trim().to_string());
            if let Some(date) = super::dates::whole_date(&c[2]) {
                draft.doc.dates.push(DocDate {
                    role: crate::model::DateRole::Registered,
                    date,
                    place: None,
                    inferred: None,
                });
            }
            l.role = Role::Field("registration");
        } else if text.starts_with("[TRANSLATION") && text.ends_with(']') {
            draft.doc.texts.push(TextOrigin {
                lang: Lang::En,
                origin: Origin::Translation,
                from: None,
                translator: None,
                note: Some(
                    "the translation printed in the Treaty Series ([TRANSLATION — TRADUCTION])"
                        .into(),
                ),
            });
            l.role = Role::Field("translation mark");
        } else if let Some(c) = SERIES_NUMBER.captures(&text) {
            draft.doc.source.number = Some(c[1].to_string());
            l.role = Role::Field("number");
        } else if let Some(c) = RUNNING_HEAD_NUMBER.captures(&text) {
            // "1962 United Nations — Treaty Series 154 No. 6100.": the number ends the head.
            draft.doc.source.number = Some(c[1].to_string());
        }
    }
}

fn apply_metadata(draft: &mut Draft, labels: &Labels, chosen: &Chosen, family: Family) {
    let doc = &mut draft.doc;
    doc.kind = chosen.kind;
    if let Some(title) = &chosen.title {
        doc.title.set(lang_of(title), title.clone());
    }
    if let Some((date, inferred)) = &chosen.date {
        doc.dates.push(DocDate {
            role: candidates::date_role(family),
            date: *date,
            place: None,
            inferred: inferred.clone(),
        });
    }
    let (kind, name) = source_of(family, &labels.source, &chosen.publisher);
    doc.source.kind = kind;
    doc.source.name = name;
    doc.source.author = labels.author.clone();
    doc.source.column = labels.column.clone();
    doc.source.page = labels.page.clone();
    doc.source.url = labels.url.clone();
    if doc.source.number.is_none() {
        doc.source.number = labels.record_id.clone().or(labels.issue.clone());
    }
    doc.summary = labels.summary.clone();
    if let Some(citation) = &labels.citation {
        doc.source.citation = Some(citation.clone());
    } else if let Some(citation) = &chosen.citation {
        doc.source.citation = Some(citation.clone());
    }
    if let Some(archive) = &labels.archive {
        doc.source.archive = Some(ArchiveRef {
            archive: archive.clone(),
            verbatim: archive.clone(),
            ..Default::default()
        });
    }
    if family == Family::Wilson && labels.source.is_some() {
        doc.source.collection = labels.source.clone();
    }
    if let Some(rights) = &labels.rights {
        doc.notes.push(format!("Rights: {rights}"));
    }
    doc.notes.extend(labels.notes.iter().cloned());
}

/// The portal's "Source" field: an archival signature, a translator's credit, or the
/// collection. Read by the archive importer's own rules.
fn read_archive_source(draft: &mut Draft, labels: &Labels) {
    let credit_in = |t: &str| {
        wilson::CREDIT
            .captures(t)
            .map(|c| c["who"].trim().to_string())
    };
    let citation = draft.doc.source.citation.clone().unwrap_or_default();
    let source = labels.source.clone().unwrap_or_default();
    let translator = labels
        .translator
        .clone()
        .or(credit_in(&source))
        .or(credit_in(&citation));
    let signature = wilson::CREDIT
        .replace(&source, "")
        .trim()
        .trim_end_matches('.')
        .to_string();
    if wilson::SIGNATURE.is_match(&signature) {
        wilson::set_archive(draft, &signature);
        draft.doc.source.collection = None;
    }
    if translator.is_some()
        || draft
            .doc
            .source
            .archive
            .as_ref()
            .is_some_and(|a| a.fond.is_some())
    {
        draft.doc.texts.retain(|t| {
            t.lang != Lang::En
                || draft
                    .doc
                    .blocks
                    .iter()
                    .all(|b| b.text.get(Lang::En).is_none())
        });
        if draft
            .doc
            .blocks
            .iter()
            .any(|b| b.text.get(Lang::En).is_some())
        {
            wilson::set_translation(draft, translator);
        }
    }
    if let Some(lang) = labels.language.as_deref().and_then(|l| {
        l.split([',', ';', '/', ' '])
            .find_map(|w| w.trim().parse::<Lang>().ok())
    }) && lang != Lang::En
    {
        wilson::set_original(draft, lang);
    }
}

/// The kind of source and its name: a "Source:" label wins, then a publisher the page names.
fn source_of(
    family: Family,
    label: &Option<String>,
    named: &Option<String>,
) -> (SourceKind, Option<String>) {
    let kind = match family {
        Family::Wilson => SourceKind::Archive,
        Family::ChinesePress => SourceKind::Newspaper,
        Family::Treaty if named.as_deref() == Some("United Nations Treaty Series") => {
            SourceKind::TreatySeries
        }
        _ => SourceKind::Web,
    };
    let name = match family {
        Family::Wilson => Some("Wilson Center Digital Archive".to_string()),
        _ => label
            .clone()
            .filter(|s| s.chars().count() <= 80)
            .or(named.clone()),
    };
    (kind, name)
}

/// The body: each remaining line a paragraph, pieces of one OCR line joined again, lines of a
/// hard-wrapped paragraph joined, article headings kept apart.
fn blocks(lines: &[Line]) -> Vec<Block> {
    let mut paras: Vec<(usize, String)> = Vec::new();
    let mut last_no = 0;
    let mut blank_since = true;
    for l in lines {
        if l.text.is_empty() {
            blank_since = true;
            continue;
        }
        if !l.is_body() {
            blank_since = true;
            continue;
        }
        let article = ARTICLE.is_match(&l.text);
        let joins = !blank_since
            && !article
            && paras.last().is_some_and(|(_, p)| {
                let prev_article = ARTICLE.is_match(p) && p.chars().count() < 20;
                !prev_article && ((l.no == last_no) || (!ends_sentence(p) && starts_lower(&l.text)))
            });
        match paras.last_mut() {
            Some((_, p)) if joins => {
                p.push(' ');
                p.push_str(&l.text);
            }
            _ => paras.push((l.no, l.text.clone())),
        }
        last_no = l.no;
        blank_since = false;
    }
    paras
        .into_iter()
        .map(|(_, text)| {
            let text = squeeze(&text);
            Block {
                kind: block_kind(&text),
                text: LangText::one(lang_of(&text), text),
            }
        })
        .collect()
}

/// The language of a text by its script; kana (Japanese) counts as Chinese script until
/// lectern has a Japanese language (the importer warns).
fn lang_of(text: &str) -> Lang {
    if KANA.is_match(text) {
        Lang::Zh
    } else {
        script_lang(text)
    }
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

fn block_kind(text: &str) -> BlockKind {
    let lower = text.to_lowercase();
    if ARTICLE.is_match(text) && text.chars().count() < 40 {
        BlockKind::Article
    } else if text.starts_with('[') && text.ends_with(']') {
        if lower.starts_with("[handwritten") || lower.contains("stamp") {
            BlockKind::Annotation
        } else {
            BlockKind::Editorial
        }
    } else if text.chars().count() < 80 && super::dates::whole_date(text).is_some() {
        BlockKind::Dateline
    } else if text.chars().count() < 60 && !ends_sentence(text) && !text.contains(['，', ',']) {
        BlockKind::Heading
    } else {
        BlockKind::Paragraph
    }
}

/// How each language of the body came to be: a translation where the page credits a
/// translator or names another original language, otherwise the original.
fn record_languages(draft: &mut Draft, labels: &Labels, family: Family, lines: &[Line]) {
    let langs = draft.doc.languages();
    let original: Option<Lang> = labels.language.as_deref().and_then(|l| {
        l.split([',', ';', '/', ' '])
            .find_map(|w| w.trim().parse().ok())
    });
    let translated = family == Family::Wilson
        && (labels.translator.is_some()
            || draft
                .doc
                .source
                .citation
                .as_deref()
                .is_some_and(|c| c.contains("ranslated by")));
    for lang in langs {
        if draft.doc.texts.iter().any(|t| t.lang == lang) {
            continue;
        }
        let is_translation = translated || original.is_some_and(|o| o != lang);
        draft.doc.texts.push(TextOrigin {
            lang,
            origin: if is_translation {
                Origin::Translation
            } else {
                Origin::Original
            },
            from: if is_translation {
                original.filter(|o| *o != lang)
            } else {
                None
            },
            translator: if is_translation {
                labels.translator.clone()
            } else {
                None
            },
            note: None,
        });
    }
    if let Some(l) = lines.iter().find(|l| l.is_body() && KANA.is_match(&l.text)) {
        draft.warn(
            l.no,
            "the text is Japanese; lectern has no Japanese language yet, so it is stored as zh",
        );
    }
}
