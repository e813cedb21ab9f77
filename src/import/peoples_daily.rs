//! People's Daily (人民日报) bilingual dumps: a `Title:/Author:/Date:/Page:` header, the English
//! translation, `<hr />`, `Original:`, and the Chinese OCR text with its headline (`### …`),
//! date, page (`第5版()`) and column (`专栏：`) lines, one paragraph per indented line.
//!
//! The English of this archive is a machine (language-model) translation of the OCR text, not
//! checked by a person; the Chinese is OCR text. Both facts are recorded on every document.

use super::align::align;
use super::text::{Para, paragraphs, squeeze};
use super::{Draft, Warning, dates};
use crate::model::{
    Block, BlockKind, DateRole, DocDate, DocKind, Lang, LangText, Origin, SourceKind, TextOrigin,
};

const NEWSPAPER: &str = "People's Daily";
const NEWSPAPER_ZH: &str = "人民日报";

pub fn import(text: &str, draft: &mut Draft) -> Result<(), Warning> {
    let (english, original, original_line) = split_halves(text)?;
    let header = Header::read(english);
    let title_en = header.title.clone().ok_or(Warning {
        line: 1,
        message: "no 'Title:' line".into(),
    })?;
    let body: String = english
        .lines()
        .skip(header.last_line)
        .collect::<Vec<_>>()
        .join("\n");
    let en_paras: Vec<Para> = paragraphs(&body, header.last_line);

    let zh = Chinese::read(original, original_line, draft);
    let doc = &mut draft.doc;
    doc.kind = DocKind::Article;
    doc.title.set(Lang::En, squeeze(&title_en));
    if !zh.headline.is_empty() {
        doc.title.set(Lang::Zh, zh.headline.join(" "));
    }
    if let Some(date) = header.date.or(zh.date) {
        doc.dates.push(DocDate {
            role: DateRole::Published,
            date,
            place: None,
            inferred: None,
        });
    }
    doc.source.kind = SourceKind::Newspaper;
    doc.source.name = Some(NEWSPAPER.into());
    doc.source.name_original = Some(NEWSPAPER_ZH.into());
    doc.source.page = header.page.or(zh.page);
    doc.source.column = zh.column;
    doc.source.author = header.author;
    doc.texts = vec![
        TextOrigin {
            lang: Lang::Zh,
            origin: Origin::Ocr,
            from: None,
            translator: None,
            note: Some("OCR text of the printed newspaper, not proofread".into()),
        },
        TextOrigin {
            lang: Lang::En,
            origin: Origin::MachineTranslation,
            from: Some(Lang::Zh),
            translator: None,
            note: Some(
                "machine (language-model) translation of the OCR text, not checked by a person"
                    .into(),
            ),
        },
    ];

    let mut heading = LangText::one(Lang::En, squeeze(&title_en));
    if !zh.headline.is_empty() {
        heading.set(Lang::Zh, zh.headline.join("\n"));
    }
    doc.blocks.push(Block {
        kind: BlockKind::Heading,
        text: heading,
    });

    let en_texts: Vec<String> = en_paras.iter().map(Para::prose).collect();
    if en_texts.len() != zh.paragraphs.len() {
        draft.warn(
            original_line,
            format!(
                "{} English paragraphs but {} Chinese ones: aligned by length, check the pairs",
                en_texts.len(),
                zh.paragraphs.len()
            ),
        );
    }
    let en_len: Vec<usize> = en_texts.iter().map(|t| t.chars().count()).collect();
    let zh_len: Vec<usize> = zh.paragraphs.iter().map(|t| t.chars().count()).collect();
    for (en_range, zh_range) in align(&en_len, &zh_len) {
        let mut text = LangText::default();
        if !en_range.is_empty() {
            text.set(Lang::En, en_texts[en_range].join(" "));
        }
        if !zh_range.is_empty() {
            text.set(Lang::Zh, zh.paragraphs[zh_range].concat());
        }
        draft.doc.blocks.push(Block {
            kind: BlockKind::Paragraph,
            text,
        });
    }
    Ok(())
}

/// The English half, the Chinese half, and the raw line where the Chinese half starts.
fn split_halves(text: &str) -> Result<(&str, &str, usize), Warning> {
    let hr = text.find("<hr").ok_or(Warning {
        line: 1,
        message: "no '<hr />' between translation and original".into(),
    })?;
    let after_hr = &text[hr..];
    let original_at = after_hr
        .find("Original:")
        .map(|i| hr + i + "Original:".len())
        .ok_or(Warning {
            line: super::text::paragraphs(&text[..hr], 0).len(),
            message: "no 'Original:' section".into(),
        })?;
    let line = text[..original_at].lines().count();
    Ok((&text[..hr], &text[original_at..], line.saturating_sub(1)))
}

#[derive(Default)]
struct Header {
    title: Option<String>,
    author: Option<String>,
    date: Option<crate::model::PartialDate>,
    page: Option<String>,
    /// Line number of the last header line.
    last_line: usize,
}

impl Header {
    fn read(english: &str) -> Self {
        let mut header = Header::default();
        for (i, line) in english.lines().enumerate() {
            let Some((key, value)) = line.split_once(':') else {
                break;
            };
            let value = value.trim();
            let some = || (!value.is_empty()).then(|| value.to_string());
            match key.trim() {
                "Title" => header.title = some(),
                "Author" => header.author = some(),
                "Date" => header.date = dates::whole_date(value),
                "Page" => header.page = some(),
                _ => break,
            }
            header.last_line = i + 1;
        }
        header
    }
}

#[derive(Default)]
struct Chinese {
    headline: Vec<String>,
    date: Option<crate::model::PartialDate>,
    page: Option<String>,
    column: Option<String>,
    paragraphs: Vec<String>,
}

impl Chinese {
    /// Reads the original: `### headline`, then date / page / column lines, then the body, in
    /// which the headline is repeated line by line before one paragraph per line.
    fn read(original: &str, line_offset: usize, draft: &mut Draft) -> Self {
        let mut zh = Chinese::default();
        let mut body: Vec<(usize, String)> = Vec::new();
        for (i, raw) in original.lines().enumerate() {
            let line = raw.trim_matches(|c: char| c.is_whitespace());
            if line.is_empty() {
                continue;
            }
            if let Some(headline) = line
                .strip_prefix('#')
                .map(|l| l.trim_start_matches('#').trim())
            {
                zh.headline = headline
                    .split("  ")
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect();
            } else if zh.date.is_none() && body.is_empty() && dates::whole_date(line).is_some() {
                zh.date = dates::whole_date(line);
            } else if let Some(page) = page_line(line) {
                zh.page = Some(page);
            } else if let Some(column) = line.strip_prefix("专栏") {
                let column = column.trim_start_matches(['：', ':']).trim();
                zh.column = (!column.is_empty()).then(|| column.to_string());
            } else {
                body.push((line_offset + i + 1, line.to_string()));
            }
        }
        // The body repeats the headline, one line per part, before the first paragraph.
        let repeated = body
            .iter()
            .zip(&zh.headline)
            .take_while(|((_, l), h)| squeeze(l) == squeeze(h))
            .count();
        if zh.headline.is_empty() {
            // No `###` line: the leading lines without sentence punctuation are the headline.
            let n = body
                .iter()
                .take_while(|(_, l)| !l.contains(['。', '，']))
                .count();
            zh.headline = body[..n].iter().map(|(_, l)| l.clone()).collect();
            body.drain(..n);
        } else {
            if repeated < zh.headline.len()
                && let Some((line, _)) = body.first()
            {
                draft.warn(
                    *line,
                    "the body does not repeat the '###' headline; kept the body as it is",
                );
            }
            body.drain(..repeated);
        }
        zh.paragraphs = body.into_iter().map(|(_, l)| l).collect();
        zh
    }
}

/// `第5版()` → "5".
fn page_line(line: &str) -> Option<String> {
    let rest = line.strip_prefix('第')?;
    let end = rest.find('版')?;
    let page = &rest[..end];
    (!page.is_empty() && page.chars().all(|c| c.is_ascii_digit())).then(|| page.to_string())
}
