//! The document model: everything a source states about a document, and nothing it does not.
//!
//! One `Document` is one file under `corpus/`. Its body is a list of blocks whose text is held
//! per language, so that an original and its translation stay aligned block by block. Blocks
//! are numbered from 1 in order; that number is the pinpoint used by the reader, search hits,
//! citations and cross-references.

mod date;
pub mod ids;
pub mod inline;
mod lang;

pub use date::{BadDate, MONTHS, PartialDate, Precision, dated};
pub use ids::{BlockNo, DocIds, DocIx};
pub use lang::{Lang, LangText};

/// Title preference for one-line display (the list, search results, the index).
pub const TITLE_LANGS: [Lang; 5] = [Lang::En, Lang::Zh, Lang::Ru, Lang::Fr, Lang::Ko];

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier, e.g. `1956-07-14-joint-communique`; file name of the document.
    pub id: String,
    pub kind: DocKind,
    /// The title in each language the source gives one.
    pub title: LangText,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DocDate>,
    /// Parties to a treaty, agreement or communiqué, as the text names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub source: Source,
    /// How each language of the body came to be: original, translated by whom, OCR, machine.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<TextOrigin>,
    /// Notes of the editor or the importer about the document as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Facts that are inferred rather than stated: field path (`source.page`) → reason.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub inferred: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<Footnote>,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Treaty,
    Agreement,
    Declaration,
    Communique,
    Journal,
    PressRelease,
    Article,
    Post,
    Telegram,
    Memorandum,
    RecordOfConversation,
    Minutes,
    Letter,
    Report,
    Speech,
    Statement,
    NewsItem,
    #[default]
    Other,
}

impl DocKind {
    pub const ALL: [DocKind; 18] = [
        DocKind::Treaty,
        DocKind::Agreement,
        DocKind::Declaration,
        DocKind::Communique,
        DocKind::Journal,
        DocKind::PressRelease,
        DocKind::Article,
        DocKind::Post,
        DocKind::Telegram,
        DocKind::Memorandum,
        DocKind::RecordOfConversation,
        DocKind::Minutes,
        DocKind::Letter,
        DocKind::Report,
        DocKind::Speech,
        DocKind::Statement,
        DocKind::NewsItem,
        DocKind::Other,
    ];

    /// The name used in files, on the command line and in queries (`kind:treaty`).
    pub fn code(self) -> &'static str {
        match self {
            DocKind::Treaty => "treaty",
            DocKind::Agreement => "agreement",
            DocKind::Declaration => "declaration",
            DocKind::Communique => "communique",
            DocKind::Journal => "journal",
            DocKind::PressRelease => "press_release",
            DocKind::Article => "article",
            DocKind::Post => "post",
            DocKind::Telegram => "telegram",
            DocKind::Memorandum => "memorandum",
            DocKind::RecordOfConversation => "record_of_conversation",
            DocKind::Minutes => "minutes",
            DocKind::Letter => "letter",
            DocKind::Report => "report",
            DocKind::Speech => "speech",
            DocKind::Statement => "statement",
            DocKind::NewsItem => "news_item",
            DocKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DocKind::Treaty => "treaty",
            DocKind::Agreement => "agreement",
            DocKind::Declaration => "declaration",
            DocKind::Communique => "communiqué",
            DocKind::Journal => "journal",
            DocKind::PressRelease => "press release",
            DocKind::Article => "article",
            DocKind::Post => "post",
            DocKind::Telegram => "telegram",
            DocKind::Memorandum => "memorandum",
            DocKind::RecordOfConversation => "conversation",
            DocKind::Minutes => "minutes",
            DocKind::Letter => "letter",
            DocKind::Report => "report",
            DocKind::Speech => "speech",
            DocKind::Statement => "statement",
            DocKind::NewsItem => "news item",
            DocKind::Other => "other",
        }
    }
}

impl std::str::FromStr for DocKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let wanted = s.trim().to_lowercase().replace(['-', ' '], "_");
        DocKind::ALL
            .into_iter()
            .find(|k| k.code() == wanted || k.label() == s.trim().to_lowercase())
            .ok_or_else(|| {
                let all: Vec<_> = DocKind::ALL.iter().map(|k| k.code()).collect();
                format!("unknown kind '{s}' (expected one of {})", all.join(", "))
            })
    }
}

/// A date of the document with what it dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDate {
    pub role: DateRole,
    pub date: PartialDate,
    /// Where it happened, when the source says (signed at Moscow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Set when the date is not stated but worked out; says how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRole {
    Written,
    Published,
    Signed,
    InForce,
    Registered,
}

impl DateRole {
    pub fn label(self) -> &'static str {
        match self {
            DateRole::Written => "written",
            DateRole::Published => "published",
            DateRole::Signed => "signed",
            DateRole::InForce => "in force",
            DateRole::Registered => "registered",
        }
    }
}

/// Where the document comes from: enough to find it again and to cite it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub kind: SourceKind,
    /// Newspaper, website, archive portal or treaty series, in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The same name in the source's own script (人民日报).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_original: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Programme or collection the document is published in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<ArchiveRef>,
    /// Number in a series: the UN Treaty Series registration number, a document's own number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Who registered a treaty with the series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_by: Option<String>,
    /// Languages whose texts are authentic (treaties), which may not be in the archive.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub official_languages: Vec<Lang>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Postal address of the publisher, where the page printed one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Acknowledged funder or supporter of the publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<String>,
    /// The source's own suggested citation, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// The raw file the document was imported from, relative to the corpus directory.
    pub raw: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Newspaper,
    Archive,
    TreatySeries,
    #[default]
    Web,
}

/// An archival signature: Russian archives file by fond / opis / delo (collection, inventory,
/// file) with the pages (listy) of the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveRef {
    pub archive: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fond: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// The signature as the source writes it.
    pub verbatim: String,
}

/// How the text in one language came to be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextOrigin {
    pub lang: Lang,
    pub origin: Origin,
    /// The language it was translated from, for translations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Lang>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The text as written or published.
    Original,
    /// The original as recovered by optical character recognition, unchecked.
    Ocr,
    /// A translation made by a person.
    Translation,
    /// A translation made by a machine (language model), not checked by a person.
    MachineTranslation,
}

/// One unit of the body: a paragraph and its translation, a heading, a signature, …
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Text per language. Lines inside a block are separated by `\n`; footnote references are
    /// written `[^id]` (see [`inline`]).
    pub text: LangText,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    /// The heading of a treaty article ("Article 1"): a pinpoint for citations.
    Article,
    Paragraph,
    /// A place and date line ("г. Хабаровск, «05» августа …", "14 September 1960").
    Dateline,
    Signature,
    /// Lines that form a list, such as a distribution list.
    List,
    /// Stamps and registration marks on an archival document.
    Stamp,
    /// Handwritten or other marks on the original, as described by the translator.
    Annotation,
    /// Words the editor or translator put in, standing alone.
    Editorial,
}

/// A footnote of the source, anchored by a `[^id]` marker in the text of block `block`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footnote {
    pub id: String,
    /// The block that holds the marker (0 in a file that gives none: the note has no place).
    pub block: BlockNo,
    pub text: LangText,
}

impl Document {
    /// The searchable units of a document: its title as block 0, then its blocks from 1.
    pub fn units(&self) -> impl Iterator<Item = (BlockNo, &LangText)> {
        std::iter::once((BlockNo::TITLE, &self.title)).chain(
            self.blocks
                .iter()
                .enumerate()
                .map(|(i, b)| (BlockNo::from_index(i), &b.text)),
        )
    }

    /// The languages of the body, the language with most blocks first; ties in `Lang` order.
    pub fn languages(&self) -> Vec<Lang> {
        let mut counts: BTreeMap<Lang, usize> = BTreeMap::new();
        for block in &self.blocks {
            for lang in block.text.langs() {
                *counts.entry(lang).or_default() += 1;
            }
        }
        let mut langs: Vec<(Lang, usize)> = counts.into_iter().collect();
        langs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        langs.into_iter().map(|(l, _)| l).collect()
    }

    /// The date that places the document in time: signed, else written, else published, else
    /// whatever date it has.
    pub fn date(&self) -> Option<PartialDate> {
        [DateRole::Signed, DateRole::Written, DateRole::Published]
            .iter()
            .find_map(|role| self.date_of(*role))
            .or_else(|| self.dates.first().map(|d| d.date))
    }

    /// Why the date that places the document in time ([`Document::date`]) is inferred, when
    /// the document does not state it: the date's own reason, or one for its `dates.N` path.
    pub fn date_inferred(&self) -> Option<&str> {
        let i = [DateRole::Signed, DateRole::Written, DateRole::Published]
            .iter()
            .find_map(|role| self.dates.iter().position(|d| d.role == *role))
            .or(if self.dates.is_empty() { None } else { Some(0) })?;
        self.dates[i]
            .inferred
            .as_deref()
            .or_else(|| self.inferred.get(&format!("dates.{i}")).map(String::as_str))
    }

    pub fn date_of(&self, role: DateRole) -> Option<PartialDate> {
        self.dates.iter().find(|d| d.role == role).map(|d| d.date)
    }

    /// The title for one-line display, in the first preferred language it has.
    pub fn display_title(&self, prefs: &[Lang]) -> &str {
        self.title.best(prefs).unwrap_or(&self.id)
    }

    /// The origin of the text in `lang`, if the document records one.
    pub fn origin_of(&self, lang: Lang) -> Option<&TextOrigin> {
        self.texts.iter().find(|t| t.lang == lang)
    }

    /// Block by its number.
    pub fn block(&self, number: BlockNo) -> Option<&Block> {
        number.checked_index().and_then(|i| self.blocks.get(i))
    }

    /// The article a block belongs to in a treaty: the nearest article heading at or above it.
    pub fn article_of(&self, number: BlockNo) -> Option<&str> {
        let upto = number.count_through().min(self.blocks.len());
        self.blocks[..upto]
            .iter()
            .rev()
            .find(|b| b.kind == BlockKind::Article)
            .and_then(|b| b.text.best(&[Lang::En]))
    }
}
