//! United Nations Treaty Series text (markdown as converted from the printed volumes): page
//! number, registration number, an English and a French registration header between rules,
//! `[TRANSLATION — TRADUCTION]`, the full title with `<sup>n</sup>` footnote calls, articles,
//! the testimonium, signatures, and the footnotes printed at the foot of each page.
//!
//! The page break a footnote sits in splits a paragraph in two; such halves are joined again.

use super::text::{Para, is_all_caps, paragraphs, script_lang, squeeze, title_case};
use super::{Draft, Warning, dates};
use crate::model::{
    Block, BlockKind, BlockNo, DateRole, DocDate, DocKind, Footnote, Lang, LangText, Origin,
    SourceKind, TextOrigin,
};
use regex::Regex;
use std::sync::LazyLock;

static SUP: LazyLock<Regex> = LazyLock::new(|| re(r"<sup>\s*(\w+)\s*</sup>"));
static FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| re(r"^<sup>\s*(\w+)\s*</sup>\s*(.*)$"));
static NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"^No\.\s*(\d+)$"));
static ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:Article|ARTICLE|Art\.)\s+[\dIVXLC]+\.?$"));
static SIGNED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:Signed|Done) at ([^,]+),\s*on\s+(.+?)\.?$"));
static SIGNE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)Signé à ([^,]+),\s*le\s+(.+?)\.?$"));
static REGISTERED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^Registered by (?:the )?(.+?) on (.+?)\.?$"));
static OFFICIAL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^Official texts?:\s*(.+?)\.?$"));
static IN_FORCE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:came|entered) into force on (\d{1,2} \w+ \d{4})"));
static SIGNATORY: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:By authorization of|For the|On behalf of|Pour l[ea']|Au nom d)"));

fn re(pattern: &str) -> Regex {
    super::pattern::built_in(pattern)
}

/// Marks of the Treaty Series that a page always carries.
pub fn looks_like(text: &str) -> bool {
    text.contains("[TRANSLATION — TRADUCTION]")
        || text.contains("Treaty Series")
        || (text.contains("Registered by") && text.contains("Signed at"))
}

/// Strips markdown emphasis and heading marks from one line.
fn clean(line: &str) -> String {
    let l = line.trim_start_matches('#').trim();
    let l = l.replace("**", "");
    l.trim_matches('*')
        .trim()
        .trim_end_matches('\\')
        .to_string()
}

pub fn import(text: &str, draft: &mut Draft) -> Result<(), Warning> {
    let paras: Vec<Para> = paragraphs(text, 0)
        .into_iter()
        .map(|p| Para {
            line: p.line,
            lines: p
                .lines
                .iter()
                .map(|l| clean(l))
                .filter(|l| !l.is_empty())
                .collect(),
        })
        .collect();
    let doc = &mut draft.doc;
    doc.kind = DocKind::Treaty;
    doc.source.kind = SourceKind::TreatySeries;
    doc.source.name = Some("United Nations Treaty Series".into());

    let mut sections: Vec<Vec<Para>> = vec![Vec::new()];
    let mut body: Vec<Para> = Vec::new();
    let mut notes: Vec<(Para, String, String)> = Vec::new();
    let mut translated = false;
    for p in paras {
        let joined = p.verse();
        if joined.chars().all(|c| c == '-' || c == '_' || c == '*') {
            if body.is_empty() {
                sections.push(Vec::new());
            }
        } else if joined.contains("TRANSLATION — TRADUCTION")
            || joined.contains("TRANSLATION - TRADUCTION")
        {
            translated = true;
        } else if let Some(c) = FOOTNOTE.captures(&p.prose()) {
            notes.push((p.clone(), c[1].to_string(), c[2].trim().to_string()));
        } else if body.is_empty() && !translated && !joined.starts_with("No. ")
            || body.is_empty() && is_header_line(&joined)
        {
            if let Some(section) = sections.last_mut() {
                section.push(p);
            }
        } else {
            body.push(p);
        }
    }

    read_header(&sections, draft);
    let doc = &mut draft.doc;
    doc.texts.push(TextOrigin {
        lang: Lang::En,
        origin: if translated { Origin::Translation } else { Origin::Original },
        from: None,
        translator: None,
        note: translated.then(|| {
            "the treaty text is the translation printed in the Treaty Series ([TRANSLATION — TRADUCTION]); the registration header is the Series' own".to_string()
        }),
    });
    if doc.blocks.iter().any(|b| b.text.get(Lang::Fr).is_some()) {
        doc.texts.push(TextOrigin {
            lang: Lang::Fr,
            origin: Origin::Original,
            from: None,
            translator: None,
            note: Some("the Treaty Series' French registration header".into()),
        });
    }
    read_body(&body, draft);
    for (para, id, text) in notes {
        attach_footnote(draft, &para, &id, &text);
    }
    if draft.doc.title.is_empty() {
        return Err(Warning {
            line: 1,
            message: "no treaty title ('… Signed at PLACE, on DATE') found".into(),
        });
    }
    Ok(())
}

fn is_header_line(text: &str) -> bool {
    NUMBER.is_match(text) || text.chars().all(|c| c.is_ascii_digit())
}

/// The registration header: page, number, then one section per language between rules.
fn read_header(sections: &[Vec<Para>], draft: &mut Draft) {
    let mut lang_sections: Vec<(Lang, Vec<String>)> = Vec::new();
    for section in sections {
        let mut texts = Vec::new();
        for p in section {
            let t = p.verse();
            if t.chars().all(|c| c.is_ascii_digit()) {
                draft.doc.source.page = Some(t.clone());
                draft.doc.inferred.insert(
                    "source.page".into(),
                    "a bare number at the head of the Treaty Series text, read as its printed page number".into(),
                );
            } else if let Some(c) = NUMBER.captures(&t) {
                draft.doc.source.number = Some(c[1].to_string());
                draft.doc.blocks.push(Block {
                    kind: BlockKind::Heading,
                    text: LangText::one(Lang::En, t.clone()),
                });
            } else {
                texts.push(t);
            }
        }
        if !texts.is_empty() {
            lang_sections.push((script_lang(&texts.join(" ")), texts));
        }
    }
    for (lang, texts) in &lang_sections {
        for t in texts {
            read_header_fact(*lang, t, draft);
        }
    }
    // Parallel sections (English and French) with the same shape are aligned paragraph by paragraph.
    let mut i = 0;
    while i < lang_sections.len() {
        let (lang, texts) = &lang_sections[i];
        let partner = lang_sections
            .get(i + 1)
            .filter(|(l, t)| l != lang && t.len() == texts.len());
        for (k, t) in texts.iter().enumerate() {
            let mut text = LangText::one(*lang, t.clone());
            if let Some((other, other_texts)) = partner {
                text.set(*other, other_texts[k].clone());
            }
            draft.doc.blocks.push(Block {
                kind: header_kind(t),
                text,
            });
        }
        i += if partner.is_some() { 2 } else { 1 };
    }
}

/// Parties printed in capitals, one per run of lines, joined by "and" / "et".
fn is_party_list(text: &str) -> bool {
    let is_and = |l: &str| ["and", "et"].contains(&l.trim().to_lowercase().as_str());
    text.lines().any(is_and) && text.lines().filter(|l| !is_and(l)).all(is_all_caps)
}

fn header_kind(text: &str) -> BlockKind {
    if is_party_list(text) || SIGNED.is_match(text) || SIGNE.is_match(text) {
        BlockKind::Heading
    } else {
        BlockKind::Editorial
    }
}

fn read_header_fact(lang: Lang, text: &str, draft: &mut Draft) {
    let doc = &mut draft.doc;
    let first_line = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_end_matches('.')
        .to_string();
    if let Some(c) = SIGNED.captures(text.lines().last().unwrap_or_default()) {
        doc.title.set(lang, first_line);
        if let Some(date) = dates::whole_date(&c[2])
            && !doc.dates.iter().any(|d| d.role == DateRole::Signed)
        {
            doc.dates.push(DocDate {
                role: DateRole::Signed,
                date,
                place: Some(c[1].trim().to_string()),
                inferred: None,
            });
        }
    } else if SIGNE.is_match(text) {
        doc.title.set(lang, first_line);
    } else if let Some(c) = REGISTERED.captures(text) {
        doc.source.registered_by = Some(c[1].trim().to_string());
        if let Some(date) = dates::whole_date(&c[2]) {
            doc.dates.push(DocDate {
                role: DateRole::Registered,
                date,
                place: None,
                inferred: None,
            });
        }
    } else if let Some(c) = OFFICIAL.captures(text) {
        doc.source.official_languages = c[1]
            .split([',', ' '])
            .filter_map(|w| w.trim().parse::<Lang>().ok())
            .collect();
    } else if lang == Lang::En && is_party_list(text) {
        doc.parties = split_parties(text);
    }
}

/// "UNION OF SOVIET\nSOCIALIST REPUBLICS\nand\nDEMOCRATIC …" → the two parties in title case.
fn split_parties(text: &str) -> Vec<String> {
    let mut parties = vec![String::new()];
    for line in text.lines().map(str::trim) {
        if line.eq_ignore_ascii_case("and") {
            parties.push(String::new());
        } else if let Some(last) = parties.last_mut() {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(line);
        }
    }
    parties
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| title_case(&p))
        .collect()
}

/// The treaty text: title, preamble, articles, testimonium and signatures.
fn read_body(paras: &[Para], draft: &mut Draft) {
    for p in paras {
        let verse = SUP.replace_all(&p.verse(), "[^$1]").to_string();
        let prose = squeeze(&verse.replace('\n', " "));
        let kind = if ARTICLE.is_match(&prose) {
            BlockKind::Article
        } else if SIGNATORY.is_match(&prose) {
            BlockKind::Signature
        } else if draft
            .doc
            .blocks
            .last()
            .is_some_and(|b| b.kind == BlockKind::Signature)
            && is_all_caps(&prose)
        {
            // The name under a signature line belongs to it.
            if let Some(t) = draft
                .doc
                .blocks
                .last_mut()
                .and_then(|b| b.text.0.get_mut(&Lang::En))
            {
                t.push('\n');
                t.push_str(&prose);
            }
            continue;
        } else if is_all_caps(&prose) && prose.len() > 40 {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        let text = if kind == BlockKind::Signature {
            verse
        } else {
            prose
        };
        if kind == BlockKind::Paragraph
            && let Some(last) = draft
                .doc
                .blocks
                .last_mut()
                .filter(|b| b.kind == BlockKind::Paragraph)
            && let Some(prev) = last
                .text
                .0
                .get_mut(&Lang::En)
                .filter(|prev| continues(prev, &text))
        {
            prev.push(' ');
            prev.push_str(&text);
            continue;
        }
        draft.doc.blocks.push(Block {
            kind,
            text: LangText::one(Lang::En, text),
        });
    }
}

/// A paragraph cut by a page break: the first half stops mid-sentence (on a letter or digit)
/// or the second half starts in lower case.
fn continues(prev: &str, next: &str) -> bool {
    prev.chars().last().is_some_and(char::is_alphanumeric)
        || next.chars().next().is_some_and(char::is_lowercase)
}

fn attach_footnote(draft: &mut Draft, para: &Para, id: &str, text: &str) {
    let marker = format!("[^{id}]");
    let Some(block) = draft
        .doc
        .blocks
        .iter()
        .position(|b| b.text.0.values().any(|t| t.contains(&marker)))
    else {
        draft.warn(
            para.line,
            format!("footnote {id} is called nowhere in the text; kept as a note"),
        );
        draft.doc.notes.push(format!("Footnote {id}: {text}"));
        return;
    };
    if let Some(c) = IN_FORCE.captures(text)
        && let Some(date) = dates::whole_date(&c[1])
    {
        draft.doc.dates.push(DocDate {
            role: DateRole::InForce,
            date,
            place: None,
            inferred: None,
        });
    }
    draft.doc.footnotes.push(Footnote {
        id: id.to_string(),
        block: BlockNo::from_index(block),
        text: LangText::one(Lang::En, text),
    });
}
