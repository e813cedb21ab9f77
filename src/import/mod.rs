//! Importers: raw source text → documents.
//!
//! Each source kind has its own importer, written as rules for that kind of page rather than
//! for one file: [`peoples_daily`] (bilingual newspaper dumps), [`wilson`] (Wilson Center
//! Digital Archive pages), [`unts`] (UN Treaty Series text in markdown), [`web`] (press
//! releases and blog posts, with site chrome cut away) and a generic fallback. The kind is
//! detected from the text unless given. A reviewed [`overlay`] may then add what needs
//! judgement (an inferred date, a better id).

mod align;
mod candidates;
pub mod chrome;
pub mod dates;
pub mod detect;
pub mod explain;
mod fields;
mod general;
pub mod html;
mod kinds;
pub mod overlay;
mod page;
mod pattern;
mod peoples_daily;
pub mod text;
mod unts;
mod web;
mod wilson;

pub use detect::{Detection, Family};
pub use explain::Explanation;

use crate::model::{DocKind, Document, Source};

/// The source kinds the importers know: the seeds' layouts, read by their own importers, and
/// the families the general importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    PeoplesDaily,
    Wilson,
    Unts,
    Web,
    News,
    ChinesePress,
    Treaty,
    Generic,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::PeoplesDaily,
        Format::Wilson,
        Format::Unts,
        Format::Web,
        Format::News,
        Format::ChinesePress,
        Format::Treaty,
        Format::Generic,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Format::PeoplesDaily => "peoples-daily",
            Format::Wilson => "wilson",
            Format::Unts => "unts",
            Format::Web => "web",
            Format::News => "news",
            Format::ChinesePress => "chinese-press",
            Format::Treaty => "treaty",
            Format::Generic => "generic",
        }
    }

    /// Recognises a source kind by the evidence of the page (see [`detect`]).
    pub fn detect(text: &str) -> Format {
        route(text, &detect::detect(text)).0
    }

    fn of_family(family: Family) -> Format {
        match family {
            Family::Wilson => Format::Wilson,
            Family::News => Format::News,
            Family::ChinesePress => Format::ChinesePress,
            Family::Treaty => Format::Treaty,
            Family::Generic => Format::Generic,
        }
    }
}

/// The layouts of the seed documents keep their own importers, so that the bundled corpus
/// re-imports byte for byte; every other page goes to the general importer of its family.
fn route(text: &str, d: &Detection) -> (Format, String) {
    let head: String = text.lines().take(12).collect::<Vec<_>>().join("\n");
    if head.contains("Title:") && head.contains("Date:") && text.contains("Original:") {
        (Format::PeoplesDaily, "People's Daily bilingual dump ('Title:/Date:' header and 'Original:' half): its own importer".into())
    } else if wilson_seed_layout(text) {
        (
            Format::Wilson,
            "Wilson Center page with a 'get citation' block: the archive importer".into(),
        )
    } else if unts::looks_like(text) && is_markdown(text) {
        (
            Format::Unts,
            "UN Treaty Series text in markdown: the Treaty Series importer".into(),
        )
    } else if web::looks_like(text)
        && d.scores.iter().all(|(_, s)| *s < STRONG)
        && opens_with_text(text)
    {
        (Format::Web, "web page with a comment form or a press-release title and no stronger evidence: the web importer".into())
    } else {
        let f = Format::of_family(d.family);
        (f, format!("general importer, family: {}", d.family.label()))
    }
}

/// Evidence from which a family outweighs the plain web-page layout.
const STRONG: i32 = 6;

/// The web importer takes its title from the first line: only pages that open with their own
/// text (not with site chrome) go to it.
fn opens_with_text(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| chrome::classify_line(l).is_none())
}

fn wilson_seed_layout(text: &str) -> bool {
    text.contains("Digital Archive") && text.contains("get citation")
}

/// The markdown conversion of the printed volumes: bold marks or rules on lines of their own.
fn is_markdown(text: &str) -> bool {
    text.lines().count() > 20 && (text.contains("**") || text.contains("<sup>"))
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.code() == s)
            .ok_or_else(|| {
                let all: Vec<_> = Format::ALL.iter().map(|f| f.code()).collect();
                format!(
                    "unknown source kind '{s}' (expected one of {})",
                    all.join(", ")
                )
            })
    }
}

/// Something the importer noticed and the user should check, at a line of the raw file.
pub use crate::diag::Warning;

/// The result of importing one raw file.
#[derive(Clone, Debug)]
pub struct Imported {
    pub format: Format,
    pub doc: Document,
    pub warnings: Vec<Warning>,
    pub explanation: Explanation,
}

/// Collects what an importer builds: the document and the warnings.
pub(crate) struct Draft {
    pub doc: Document,
    pub warnings: Vec<Warning>,
}

impl Draft {
    fn new(raw: &str) -> Self {
        let doc = Document {
            id: String::new(),
            kind: DocKind::Other,
            title: Default::default(),
            dates: Vec::new(),
            parties: Vec::new(),
            summary: None,
            source: Source {
                raw: raw.to_string(),
                ..Default::default()
            },
            texts: Vec::new(),
            notes: Vec::new(),
            inferred: Default::default(),
            blocks: Vec::new(),
            footnotes: Vec::new(),
        };
        Self {
            doc,
            warnings: Vec::new(),
        }
    }

    pub fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Warning {
            line,
            message: message.into(),
        });
    }
}

/// Imports the text of one raw file. `raw` is the file's path relative to the corpus
/// directory (`raw/000_….txt`), recorded as the document's source. HTML (by its name or its
/// first tag) is flattened to text first.
pub fn import(raw: &str, text: &str, format: Option<Format>) -> Result<Imported, Warning> {
    let flat = html::looks_like(raw, text).then(|| html::flatten(text));
    let text = flat.as_ref().map_or(text, |f| f.text.as_str());
    // A line over the limit is refused before any rule reads it (see `files::limits::LINE`).
    if let Some((line, bytes)) = crate::files::long_line(text, crate::files::limits::LINE) {
        return Err(Warning {
            line,
            message: crate::files::line_too_long(bytes),
        });
    }
    let detection = detect::detect(text);
    let (format, route_reason) = match format {
        Some(f) => (f, format!("source kind given: {}", f.code())),
        None => route(text, &detection),
    };
    let mut draft = Draft::new(raw);
    let hints: Vec<String> = flat
        .as_ref()
        .map(|f| f.headings.clone())
        .unwrap_or_default();
    let general = |family: Family, draft: &mut Draft| general::import(text, draft, family, &hints);
    let mut explanation = match format {
        Format::PeoplesDaily => legacy(peoples_daily::import(text, &mut draft))?,
        Format::Wilson if wilson_seed_layout(text) => legacy(wilson::import(text, &mut draft))?,
        Format::Wilson => general(Family::Wilson, &mut draft)?,
        Format::Unts if is_markdown(text) => legacy(unts::import(text, &mut draft))?,
        Format::Unts | Format::Treaty => general(Family::Treaty, &mut draft)?,
        Format::Web => legacy(web::import(text, &mut draft, false))?,
        Format::News => general(Family::News, &mut draft)?,
        Format::ChinesePress => general(Family::ChinesePress, &mut draft)?,
        Format::Generic => {
            draft.warn(
                1,
                "no source family recognised: imported by the general rules only; check the result",
            );
            general(Family::Generic, &mut draft)?
        }
    };
    refuse_long_paragraphs(text, &draft.doc)?;
    if draft.doc.blocks.is_empty() {
        return Err(Warning {
            line: 1,
            message: "no document text found".into(),
        });
    }
    if matches!(format, Format::PeoplesDaily | Format::Web | Format::Unts)
        || (format == Format::Wilson && wilson_seed_layout(text))
    {
        explanation.removed = explain::unaccounted(text, &draft.doc);
    }
    if let Some(flat) = flat {
        explanation
            .removed
            .extend(
                flat.removed
                    .into_iter()
                    .map(|(class, text)| explain::Removed {
                        line: 0,
                        class,
                        text,
                    }),
            );
    }
    explanation.detection = Some(detection);
    explanation.route = route_reason;
    draft.doc.id = make_id(&draft.doc);
    Ok(Imported {
        format,
        doc: draft.doc,
        warnings: draft.warnings,
        explanation,
    })
}

fn legacy(result: Result<(), Warning>) -> Result<Explanation, Warning> {
    result.map(|()| Explanation::default())
}

/// `{date}-{first significant words of the English title}`, e.g.
/// `1961-07-06-treaty-friendship-co-operation-mutual`.
pub fn make_id(doc: &Document) -> String {
    const SKIP: [&str; 14] = [
        "a", "an", "the", "of", "by", "and", "on", "in", "for", "to", "between", "at", "with",
        "from",
    ];
    let date = doc
        .date()
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let title = doc
        .title
        .best(&[crate::model::Lang::En])
        .unwrap_or_default();
    let words: Vec<String> = deunicode::deunicode(title)
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-').to_ascii_lowercase())
        .filter(|w| !w.is_empty() && !SKIP.contains(&w.as_str()))
        .take(4)
        .collect();
    if words.is_empty() {
        date
    } else {
        format!("{date}-{}", words.join("-"))
    }
}

/// The kind of document a title names, for the seed importers (the general importer uses
/// [`kinds`]).
pub fn kind_from_title(title: &str) -> Option<DocKind> {
    let t = title.to_lowercase();
    [
        ("journal", DocKind::Journal),
        ("diary", DocKind::Journal),
        ("communiqué", DocKind::Communique),
        ("communique", DocKind::Communique),
        ("treaty", DocKind::Treaty),
        ("agreement", DocKind::Agreement),
        ("declaration", DocKind::Declaration),
        ("press release", DocKind::PressRelease),
    ]
    .into_iter()
    .find(|(word, _)| t.starts_with(word) || t.contains(&format!(" {word}")))
    .map(|(_, kind)| kind)
}

/// Short lines joined into one paragraph can still make a line the corpus loader refuses:
/// refused here too, at the source line the paragraph starts on, so that `import` never writes
/// a document that `check` rejects.
fn refuse_long_paragraphs(text: &str, doc: &Document) -> Result<(), Warning> {
    let long = doc
        .blocks
        .iter()
        .flat_map(|b| b.text.0.values())
        .flat_map(|t| t.split('\n'))
        .find(|l| l.len() > crate::files::limits::LINE);
    let Some(long) = long else {
        return Ok(());
    };
    let mut head = long.len().min(60);
    while !long.is_char_boundary(head) {
        head -= 1;
    }
    let line = text
        .find(long[..head].trim())
        .map_or(1, |at| crate::diag::line_at(text, at));
    Err(Warning {
        line,
        message: format!(
            "a paragraph from here on joins into {}",
            crate::files::line_too_long(long.len())
        ),
    })
}

#[cfg(test)]
mod tests;
