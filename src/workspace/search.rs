//! Searching the user's own material: highlights and notes found by their words and by
//! filters, in memory over the workspace files (a few thousand marks at most, so a scan is
//! instant and needs no index of its own).
//!
//! A query is words and filters, all of which must hold:
//! - a plain word: in the quote or the note (case folded);
//! - `note:WORD`: in the note's text; `note:` alone: marks that have a note;
//! - `tag:X`, `collection:NAME`: the document is tagged X, is in collection NAME.

use super::{DocNotes, Library, Mark};

/// One mark that matched, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub doc_id: String,
    pub mark_id: String,
    /// Block from 1, as stored; `None` for a note on the whole document.
    pub block: Option<usize>,
    pub quote: String,
    pub note: String,
}

/// The marks of `docs` that `query` matches, in document and mark order.
pub fn find(docs: &[DocNotes], library: &Library, query: &str) -> Vec<Hit> {
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut hits = Vec::new();
    for d in docs {
        let tags: Vec<String> = library
            .tags_of(&d.id)
            .iter()
            .map(|t| t.to_lowercase())
            .collect();
        let collections: Vec<String> = library
            .collections_of(&d.id)
            .iter()
            .map(|c| c.to_lowercase())
            .collect();
        for m in &d.marks {
            if terms.iter().all(|t| holds(t, m, &tags, &collections)) {
                hits.push(Hit {
                    doc_id: d.id.clone(),
                    mark_id: m.id.clone(),
                    block: m.anchor.as_ref().map(|a| a.block),
                    quote: m
                        .anchor
                        .as_ref()
                        .map(|a| a.quote.clone())
                        .unwrap_or_default(),
                    note: m.note.clone(),
                });
            }
        }
    }
    hits
}

fn holds(term: &str, m: &Mark, tags: &[String], collections: &[String]) -> bool {
    let quote = m
        .anchor
        .as_ref()
        .map_or(String::new(), |a| a.quote.to_lowercase());
    let note = m.note.to_lowercase();
    if let Some(word) = term.strip_prefix("note:") {
        !note.is_empty() && note.contains(word)
    } else if let Some(tag) = term.strip_prefix("tag:") {
        tags.iter().any(|t| t == tag)
    } else if let Some(name) = term.strip_prefix("collection:") {
        collections.iter().any(|c| c == name)
    } else {
        quote.contains(term) || note.contains(term)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::workspace::{Anchor, SCHEMA};

    fn mark(id: &str, quote: &str, note: &str) -> Mark {
        Mark {
            id: id.into(),
            created: String::new(),
            colour: None,
            note: note.into(),
            anchor: Some(Anchor {
                block: 2,
                lang: Lang::En,
                start: 0,
                end: quote.chars().count(),
                quote: quote.into(),
                prefix: String::new(),
                suffix: String::new(),
                whole_block: false,
            }),
        }
    }

    #[test]
    fn words_and_filters_must_all_hold() {
        let docs = vec![
            DocNotes {
                schema: SCHEMA,
                id: "a".into(),
                marks: vec![
                    mark("m1", "Mutual assistance", "See *Article 2*"),
                    mark("m2", "友好合作", ""),
                ],
                bookmarks: vec![],
            },
            DocNotes {
                schema: SCHEMA,
                id: "b".into(),
                marks: vec![mark("m1", "mutual trade", "")],
                bookmarks: vec![],
            },
        ];
        let mut lib = Library::default();
        lib.tags.insert("a".into(), vec!["Treaty".into()]);
        lib.collections.insert("thesis".into(), vec!["b".into()]);
        let ids = |q: &str| -> Vec<(String, String)> {
            find(&docs, &lib, q)
                .into_iter()
                .map(|h| (h.doc_id, h.mark_id))
                .collect()
        };
        let p = |d: &str, m: &str| (d.to_string(), m.to_string());
        assert_eq!(ids("mutual"), vec![p("a", "m1"), p("b", "m1")]);
        assert_eq!(ids("note:article"), vec![p("a", "m1")]);
        assert_eq!(ids("note:"), vec![p("a", "m1")]);
        assert_eq!(ids("tag:treaty"), vec![p("a", "m1"), p("a", "m2")]);
        assert_eq!(ids("collection:thesis mutual"), vec![p("b", "m1")]);
        assert_eq!(ids("友好"), vec![p("a", "m2")]);
        assert_eq!(ids("tag:treaty trade"), Vec::<(String, String)>::new());
    }
}
