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

/// Where an entry comes from: the head of document `i`, or instrument `i` of the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Document(usize),
    Instrument(usize),
}

/// The timeline's order, sorted once from the dates and labels; each [`Entry`] is made when
/// asked for ([`Timeline::entry`]), so a timeline of 100,000 documents holds one small value
/// per row and a window makes only the rows it shows.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    order: Vec<Source>,
}

impl Timeline {
    /// Documents and instruments in date order, then by label; undated ones last. A document
    /// that holds an instrument's text is listed once, as the instrument (which opens at its
    /// text's block). Made from the documents' heads: no body is read.
    pub fn new(heads: &[Head], registry: &Registry) -> Timeline {
        let held: std::collections::HashSet<&str> = (registry.instruments.iter())
            .filter_map(|i| Some(i.text.as_ref()?.doc.as_str()))
            .collect();
        let mut keyed: Vec<(Option<PartialDate>, &str, Source)> = Vec::new();
        for (i, doc) in heads.iter().enumerate() {
            if !held.contains(doc.id.as_str()) {
                keyed.push((doc.date, doc_label(doc), Source::Document(i)));
            }
        }
        for (i, inst) in registry.instruments.iter().enumerate() {
            let date = inst.dates.first().map(|d| d.date);
            keyed.push((date, inst.title.as_str(), Source::Instrument(i)));
        }
        // Stable: equal dates and labels keep documents first, each in corpus order.
        keyed.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => x.cmp(&y).then(a.1.cmp(b.1)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.1.cmp(b.1),
        });
        Timeline {
            order: keyed.into_iter().map(|(_, _, source)| source).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Where row `i` comes from.
    pub fn source(&self, i: usize) -> Option<Source> {
        self.order.get(i).copied()
    }

    /// Row `i`, made now from the heads and registry the timeline was sorted from.
    pub fn entry(&self, i: usize, heads: &[Head], registry: &Registry) -> Option<Entry> {
        match self.source(i)? {
            Source::Document(d) => {
                let doc = heads.get(d)?;
                let first = doc.dates.iter().find(|x| Some(x.date) == doc.date);
                Some(Entry {
                    date: doc.date,
                    role: first.map_or("", |x| x.role.label()),
                    label: doc_label(doc).to_string(),
                    kind: doc.kind.label(),
                    item: Item::Document(doc.id.clone()),
                    in_archive: true,
                    inferred: first.and_then(|x| x.inferred.clone()),
                })
            }
            Source::Instrument(n) => {
                let inst = registry.instruments.get(n)?;
                let date = inst.dates.first();
                Some(Entry {
                    date: date.map(|x| x.date),
                    role: date.map_or("", |x| x.role.label()),
                    label: inst.title.clone(),
                    kind: inst.kind.label(),
                    item: Item::Registry(Target::Instrument(n)),
                    in_archive: inst.text.is_some(),
                    inferred: date.and_then(|x| x.inferred.clone()),
                })
            }
        }
    }
}

/// A document's label on the timeline.
fn doc_label(doc: &Head) -> &str {
    doc.display_title(&[crate::model::Lang::En])
}

/// Every entry of the [`Timeline`], made at once.
pub fn timeline(heads: &[Head], registry: &Registry) -> Vec<Entry> {
    let line = Timeline::new(heads, registry);
    (0..line.len())
        .filter_map(|i| line.entry(i, heads, registry))
        .collect()
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
