//! Web pages: press releases and blog posts as copied from a browser, and the generic
//! fallback for text of unknown origin.
//!
//! The first line is the title ("Press release – …" marks a press release). The body runs
//! until the page's comment form or sharing widgets; postal address blocks become source
//! metadata; datelines (Juche years included) date the document.

use super::pattern::built_in;
use super::text::{Para, paragraphs, script_lang, squeeze};
use super::{Draft, Warning, dates};
use crate::model::{
    Block, BlockKind, DateRole, DocDate, DocKind, LangText, Origin, SourceKind, TextOrigin,
};
use regex::Regex;
use std::sync::LazyLock;

/// Lines that open a page's comment or sharing section: the body ends before them.
const END_OF_BODY: [&str; 12] = [
    "Leave a Reply",
    "Leave a comment",
    "Leave a Comment",
    "You can comment this article",
    "Оставить комментарий",
    "Добавить комментарий",
    "Share this:",
    "Like this:",
    "Fill in your details below or click an icon to log in",
    "%d bloggers like this",
    "Related posts",
    "Comments are closed",
];

/// Page furniture that may stand anywhere and is never document text.
const CHROME_LINES: [&str; 8] = [
    "WordPress.com Logo",
    "Twitter picture",
    "Facebook photo",
    "Google photo",
    "Connecting to %s",
    "Log Out /",
    "Change )",
    "Skip to content",
];

static PRESS_RELEASE: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"(?i)^press release\s*[–—:\-]\s*"));
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    built_in(r"(?i)^(?:\d{5,6},|тел\.|факс|tel\.?|fax|phone|e-?mail:|ул\.|str\.)")
});

/// Marks of a web page dump: a comment form or a press-release title.
pub fn looks_like(text: &str) -> bool {
    END_OF_BODY.iter().any(|m| text.contains(m))
        || text
            .lines()
            .next()
            .is_some_and(|l| PRESS_RELEASE.is_match(l.trim()))
}

fn ends_body(line: &str) -> bool {
    END_OF_BODY.iter().any(|m| line.starts_with(m))
}

fn is_chrome(line: &str) -> bool {
    CHROME_LINES
        .iter()
        .any(|m| line.starts_with(m) || line.ends_with(m))
}

pub fn import(text: &str, draft: &mut Draft, generic: bool) -> Result<(), Warning> {
    let paras = paragraphs(text, 0);
    let Some((first, rest)) = paras.split_first() else {
        return Err(Warning {
            line: 1,
            message: "the file is empty".into(),
        });
    };
    let first_line = first.lines[0].as_str();
    let doc = &mut draft.doc;
    doc.source.kind = SourceKind::Web;
    let title = match PRESS_RELEASE.find(first_line) {
        Some(m) => {
            doc.kind = DocKind::PressRelease;
            &first_line[m.end()..]
        }
        None => {
            doc.kind = if generic {
                DocKind::Other
            } else {
                super::kind_from_title(first_line)
                    .filter(|k| *k == DocKind::PressRelease)
                    .unwrap_or(DocKind::Post)
            };
            first_line
        }
    };
    let title_lang = script_lang(title);
    doc.title.set(title_lang, squeeze(title));
    // A title paragraph of several lines keeps its other lines as body text.
    let title_rest = Para {
        line: first.line + 1,
        lines: first.lines[1..].to_vec(),
    };

    let mut address: Vec<String> = Vec::new();
    let mut langs = Vec::new();
    for para in std::iter::once(&title_rest).chain(rest) {
        if para.lines.first().is_some_and(|l| ends_body(l)) {
            break;
        }
        let lines: Vec<&str> = para
            .lines
            .iter()
            .map(String::as_str)
            .filter(|l| !is_chrome(l))
            .collect();
        if lines.is_empty() {
            continue;
        }
        if lines.iter().any(|l| ADDRESS.is_match(l)) {
            address.extend(lines.iter().map(|l| squeeze(l)));
            continue;
        }
        let text = squeeze(&lines.join(" "));
        let lang = script_lang(&text);
        let kind = match dates::find_date(&text) {
            Some(found) if text.chars().count() < 100 && !text.ends_with('.') => {
                if let Some(w) = found.warning {
                    draft.warn(para.line, w);
                }
                if !draft
                    .doc
                    .dates
                    .iter()
                    .any(|d| d.role == DateRole::Published)
                {
                    draft.doc.dates.push(DocDate {
                        role: DateRole::Published,
                        date: found.date,
                        place: None,
                        inferred: None,
                    });
                }
                BlockKind::Dateline
            }
            _ => BlockKind::Paragraph,
        };
        if !langs.contains(&lang) {
            langs.push(lang);
        }
        draft.doc.blocks.push(Block {
            kind,
            text: LangText::one(lang, text),
        });
    }
    if !address.is_empty() {
        draft.doc.source.address = Some(address.join(", "));
    }
    for lang in langs {
        draft.doc.texts.push(TextOrigin {
            lang,
            origin: Origin::Original,
            from: None,
            translator: None,
            note: None,
        });
    }
    if draft.doc.texts.iter().all(|t| t.lang != title_lang) {
        draft.doc.texts.push(TextOrigin {
            lang: title_lang,
            origin: Origin::Original,
            from: None,
            translator: None,
            note: None,
        });
    }
    Ok(())
}
