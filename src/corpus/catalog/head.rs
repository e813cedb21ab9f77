//! A document's head: what the catalog keeps of it without its body (id, kind, title,
//! dates, languages, number of blocks, the fingerprint of its indexed text).

use crate::model::{DateRole, DocKind, Document, Lang, LangText, PartialDate};
use serde::{Deserialize, Serialize};

/// A document without its body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub id: String,
    pub kind: DocKind,
    pub title: LangText,
    pub date: Option<PartialDate>,
    /// Why `date` is inferred, when the document does not state it
    /// ([`Document::date_inferred`]).
    pub date_inferred: Option<String>,
    /// Every date of the document (what the list's filter and the timeline read).
    pub dates: Vec<HeadDate>,
    pub languages: Vec<Lang>,
    pub blocks: usize,
    /// Fingerprint of what the search index holds of the document
    /// ([`crate::search::store::doc_hash`]).
    pub index_hash: u64,
}

/// A date of a document, as its head keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadDate {
    pub role: DateRole,
    pub date: PartialDate,
    /// Set when the date is worked out, not stated: how.
    pub inferred: Option<String>,
}

impl Head {
    pub fn of(doc: &Document) -> Self {
        Self {
            id: doc.id.clone(),
            kind: doc.kind,
            title: doc.title.clone(),
            date: doc.date(),
            date_inferred: doc.date_inferred().map(str::to_string),
            dates: (doc.dates.iter())
                .map(|d| HeadDate {
                    role: d.role,
                    date: d.date,
                    inferred: d.inferred.clone(),
                })
                .collect(),
            languages: doc.languages(),
            blocks: doc.blocks.len(),
            index_hash: crate::fingerprint::doc_hash(doc),
        }
    }

    /// The title in the first of `prefs` it exists in, else any, else the id.
    pub fn display_title(&self, prefs: &[Lang]) -> &str {
        self.title.best(prefs).unwrap_or(&self.id)
    }
}
