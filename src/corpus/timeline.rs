//! The archive on one time line: every document by its date, and every instrument of the
//! registry by the date it was signed or held, marked by whether the archive holds its text.

use super::Head;
use crate::model::PartialDate;
use crate::refs::{Registry, Target};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub date: Option<PartialDate>,
    /// What the date is: "signed", "published", …
    pub role: &'static str,
    pub label: String,
    pub kind: &'static str,
    pub item: Item,
    /// Whether the archive holds the text itself (a document always does).
    pub in_archive: bool,
    /// Set when the date is inferred, with the reason.
    pub inferred: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Document(String),
    Registry(Target),
}

/// Documents and instruments in date order; undated ones last. A document that holds an
/// instrument's text is listed once, as the instrument (which opens at its text's block).
/// Made from the documents' heads: no body is read.
pub fn timeline(heads: &[Head], registry: &Registry) -> Vec<Entry> {
    let held: std::collections::HashSet<&str> = (registry.instruments.iter())
        .filter_map(|i| Some(i.text.as_ref()?.doc.as_str()))
        .collect();
    let mut entries: Vec<Entry> = Vec::new();
    for doc in heads.iter().filter(|d| !held.contains(d.id.as_str())) {
        let first = doc.dates.iter().find(|d| Some(d.date) == doc.date);
        entries.push(Entry {
            date: doc.date,
            role: first.map_or("", |d| d.role.label()),
            label: doc.display_title(&[crate::model::Lang::En]).to_string(),
            kind: doc.kind.label(),
            item: Item::Document(doc.id.clone()),
            in_archive: true,
            inferred: first.and_then(|d| d.inferred.clone()),
        });
    }
    for (i, inst) in registry.instruments.iter().enumerate() {
        let date = inst.dates.first();
        entries.push(Entry {
            date: date.map(|d| d.date),
            role: date.map_or("", |d| d.role.label()),
            label: inst.title.clone(),
            kind: inst.kind.label(),
            item: Item::Registry(Target::Instrument(i)),
            in_archive: inst.text.is_some(),
            inferred: date.and_then(|d| d.inferred.clone()),
        });
    }
    entries.sort_by(|a, b| match (a.date, b.date) {
        (Some(x), Some(y)) => x.cmp(&y).then(a.label.cmp(&b.label)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.label.cmp(&b.label),
    });
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn documents_and_instruments_are_in_date_order_with_undated_last() {
        let corpus = Corpus::bundled();
        let line = timeline(corpus.documents.heads(), &corpus.registry);
        let held = (corpus.documents.iter())
            .filter(|d| {
                (corpus.registry.instruments.iter())
                    .any(|i| i.text.as_ref().is_some_and(|t| t.doc == d.id))
            })
            .count();
        assert!(held > 0, "the treaty's text is in the archive");
        assert_eq!(
            line.len(),
            corpus.documents.len() - held + corpus.registry.instruments.len()
        );
        let dated: Vec<PartialDate> = line.iter().filter_map(|e| e.date).collect();
        assert!(dated.windows(2).all(|w| w[0] <= w[1]));
        assert!(
            line.last().is_some_and(|e| e.date.is_none()),
            "the armistice has no date in the sources"
        );
        let treaty = line
            .iter()
            .find(|e| e.label.starts_with("Treaty of Friendship, Co-operation"))
            .expect("1961 treaty");
        assert!(treaty.in_archive);
        let declaration = line
            .iter()
            .find(|e| e.label.starts_with("DPRK–Russia Moscow"))
            .expect("2001 declaration");
        assert!(!declaration.in_archive);
    }

    #[test]
    fn the_1961_treaty_is_listed_once_as_the_instrument_that_opens_its_text() {
        let corpus = Corpus::bundled();
        let line = timeline(corpus.documents.heads(), &corpus.registry);
        let treaty: Vec<&Entry> = line
            .iter()
            .filter(|e| e.date.is_some_and(|d| d.to_string().starts_with("1961")))
            .filter(|e| e.label.to_lowercase().contains("treaty of friendship"))
            .collect();
        assert_eq!(treaty.len(), 1, "the 1961 treaty once: {treaty:#?}");
        assert!(treaty[0].in_archive);
        assert!(
            matches!(treaty[0].item, Item::Registry(_)),
            "listed as the instrument, which opens at its text"
        );
    }
}
