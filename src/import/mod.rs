//! Importers: raw source text → documents.
//!
//! Each source kind has its own importer, written as rules for that kind of page rather than
//! for one file: [`peoples_daily`] (bilingual newspaper dumps), [`wilson`] (Wilson Center
//! Digital Archive pages), [`unts`] (UN Treaty Series text in markdown), [`web`] (press
//! releases and blog posts, with site chrome cut away) and a generic fallback. The kind is
//! detected from the text unless given. A reviewed [`overlay`] may then add what needs
//! judgement (an inferred date, a better id).

mod align;
pub mod dates;
pub mod overlay;
mod peoples_daily;
pub mod text;
mod unts;
mod web;
mod wilson;

use crate::model::{DocKind, Document, Source};

/// The source kinds the importers know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    PeoplesDaily,
    Wilson,
    Unts,
    Web,
    Generic,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::PeoplesDaily,
        Format::Wilson,
        Format::Unts,
        Format::Web,
        Format::Generic,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Format::PeoplesDaily => "peoples-daily",
            Format::Wilson => "wilson",
            Format::Unts => "unts",
            Format::Web => "web",
            Format::Generic => "generic",
        }
    }

    /// Recognises a source kind by marks its pages always carry.
    pub fn detect(text: &str) -> Format {
        let head: String = text.lines().take(12).collect::<Vec<_>>().join("\n");
        if head.contains("Title:") && head.contains("Date:") && text.contains("Original:") {
            Format::PeoplesDaily
        } else if text.contains("Digital Archive")
            && (text.contains("get citation") || text.contains("Document Information"))
        {
            Format::Wilson
        } else if unts::looks_like(text) {
            Format::Unts
        } else if web::looks_like(text) {
            Format::Web
        } else {
            Format::Generic
        }
    }
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
/// directory (`raw/000_….txt`), recorded as the document's source.
pub fn import(raw: &str, text: &str, format: Option<Format>) -> Result<Imported, Warning> {
    let format = format.unwrap_or_else(|| Format::detect(text));
    let mut draft = Draft::new(raw);
    match format {
        Format::PeoplesDaily => peoples_daily::import(text, &mut draft)?,
        Format::Wilson => wilson::import(text, &mut draft)?,
        Format::Unts => unts::import(text, &mut draft)?,
        Format::Web => web::import(text, &mut draft, false)?,
        Format::Generic => {
            draft.warn(1, "unknown source format: imported generically (title = first line); check the result");
            web::import(text, &mut draft, true)?
        }
    }
    if draft.doc.blocks.is_empty() {
        return Err(Warning {
            line: 1,
            message: "no document text found".into(),
        });
    }
    draft.doc.id = make_id(&draft.doc);
    Ok(Imported {
        format,
        doc: draft.doc,
        warnings: draft.warnings,
    })
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

/// The kind of document a title names, for sources that do not say it otherwise.
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

#[cfg(test)]
mod tests;
