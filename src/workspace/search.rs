//! Searching the user's own material: highlights and notes found by their words and by
//! filters, with the query language of the main search ([`crate::search::query`]), so that
//! `/` in the reader, `lectern search` and `M` (your notes) read a query the same way.
//!
//! A mark matches when every part of the query holds:
//! - words and `"phrases"` (each `OR` group): in the quote or the note, folded as names are
//!   ([`crate::text::fold`]: case, hyphens, diacritics); `-word`: in neither;
//! - `note:WORD`: in the note's own text; `note:` alone: marks that have a note;
//! - `tag:X`, `collection:NAME`: the document is tagged X, is in collection NAME;
//! - `kind:`, `year:`/`date:`, `title:`: of the mark's document; `lang:`: the language the
//!   mark is anchored in. `mentions:` is not applied to notes (said in the results).
//!
//! # Indexed, and the scan behind it
//! [`Own`], the hook of the main search (`lectern search`, `/` in the reader), asks the index
//! of the user's material ([`super::index`]): kept current file by file before each query, so
//! a note saved a second ago is found and a deleted one is not. Words match there as they
//! match documents (whole words, stemmed; CJK strings anywhere; traditional = simplified).
//! When that index cannot be used, the files are scanned with [`find_parsed`]: folded
//! substrings, the rule of the `M` list, which filters as the user types. Figures at 5 000 and
//! 50 000 notes are in BENCHMARKS.md ("The workspace").

use super::index::{OwnIndex, query as indexed};
use super::{DocNotes, Library, Mark, Workspace};
use crate::model::{DocKind, PartialDate};
use crate::search::query::{ParsedQuery, Term};
use crate::search::{OwnHit, OwnMaterial};
use crate::text::fold::fold;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// One mark that matched, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub doc_id: String,
    pub mark_id: String,
    /// Block from 1, as stored; `None` for a note on the whole document.
    pub block: Option<crate::model::BlockNo>,
    pub quote: String,
    pub note: String,
}

/// What a query may ask of a mark's document besides its tags and collections.
#[derive(Clone, Debug)]
pub struct DocInfo {
    pub title: String,
    pub kind: DocKind,
    pub date: Option<PartialDate>,
}

/// The marks of `docs` that `query` matches, in document and mark order (an empty query
/// matches every mark: the `M` list before anything is typed).
pub fn find(docs: &[DocNotes], library: &Library, query: &str) -> Vec<Hit> {
    find_parsed(docs, library, &crate::search::parse(query), &HashMap::new())
}

/// [`find`] for a parsed query; `info` answers `kind:`, `year:`, `date:` and `title:` (a
/// document it lacks fails those filters).
pub fn find_parsed(
    docs: &[DocNotes],
    library: &Library,
    query: &ParsedQuery,
    info: &HashMap<String, DocInfo>,
) -> Vec<Hit> {
    let fold_terms = |terms: &[Term]| terms.iter().map(|t| fold(&t.text)).collect::<Vec<_>>();
    let groups: Vec<Vec<String>> = query.groups.iter().map(|g| fold_terms(g)).collect();
    let excluded = fold_terms(&query.excluded);
    let note_words: Option<Vec<String>> =
        (query.filters.note.as_ref()).map(|w| w.iter().map(|w| fold(w)).collect());
    let title_terms = fold_terms(&query.filters.title);
    let mut hits = Vec::new();
    for d in docs {
        if !document_holds(&d.id, library, query, info, &title_terms) {
            continue;
        }
        for m in &d.marks {
            let quote = m.anchor.as_ref().map_or("", |a| a.quote.as_str());
            let (fq, fnote) = (fold(quote), fold(&m.note));
            let has = |t: &String| fq.contains(t.as_str()) || fnote.contains(t.as_str());
            let holds = groups.iter().all(|g| g.iter().any(has))
                && !excluded.iter().any(has)
                && note_words.as_ref().is_none_or(|words| {
                    !m.note.trim().is_empty() && words.iter().all(|w| fnote.contains(w.as_str()))
                })
                && (query.filters.langs.is_empty()
                    || m.anchor
                        .as_ref()
                        .is_some_and(|a| query.filters.langs.contains(&a.lang)));
            if holds {
                hits.push(hit(&d.id, m));
            }
        }
    }
    hits
}

fn hit(doc_id: &str, m: &Mark) -> Hit {
    Hit {
        doc_id: doc_id.to_string(),
        mark_id: m.id.clone(),
        block: m.anchor.as_ref().map(|a| a.block),
        quote: m
            .anchor
            .as_ref()
            .map(|a| a.quote.clone())
            .unwrap_or_default(),
        note: m.note.clone(),
    }
}

/// Whether document `id` passes the query's document filters.
pub(super) fn document_holds(
    id: &str,
    library: &Library,
    query: &ParsedQuery,
    info: &HashMap<String, DocInfo>,
    title_terms: &[String],
) -> bool {
    let f = &query.filters;
    let tags: Vec<String> = library.tags_of(id).iter().map(|t| fold(t)).collect();
    let collections: Vec<String> = (library.collections_of(id).iter())
        .map(|c| fold(c))
        .collect();
    if !f.tags.iter().all(|t| tags.contains(&fold(t)))
        || !f.collections.iter().all(|c| collections.contains(&fold(c)))
    {
        return false;
    }
    if f.kinds.is_empty() && f.date.is_none() && title_terms.is_empty() {
        return true;
    }
    let Some(doc) = info.get(id) else {
        return false;
    };
    let date_ok = f.date.is_none_or(|r| {
        doc.date.is_some_and(|d| {
            let key = crate::search::schema::date_key(d);
            r.from.is_none_or(|from| key >= from) && r.to.is_none_or(|to| key <= to)
        })
    });
    let title = fold(&doc.title);
    (f.kinds.is_empty() || f.kinds.contains(&doc.kind))
        && date_ok
        && title_terms.iter().all(|t| title.contains(t.as_str()))
}

/// The workspace as the main search's [`OwnMaterial`]. With [`Own::indexed`], queries go to
/// the index of the user's material, brought up to the files first; without it (or when the
/// index fails) the files are listed and scanned, each re-read only when its size or
/// modification time changed.
pub struct Own {
    pub workspace: Workspace,
    /// Title, kind and date of each document of the corpus, by id.
    pub info: HashMap<String, DocInfo>,
    /// Each file as last parsed, with the size and time it had then (the scan).
    parsed: Mutex<HashMap<PathBuf, (Stamp, DocNotes)>>,
    index: Option<OwnIndex>,
    /// The index once opened; `None` until the first query (or after it failed).
    opened: Mutex<Option<super::index::Opened>>,
}

/// What tells that a file changed: its size and modification time (writes replace the file
/// by a rename, so a change also gives it a new time).
type Stamp = (u64, Option<std::time::SystemTime>);

impl Own {
    /// Over the documents whose title, kind and date `info` gives; scans the files.
    pub fn new(workspace: Workspace, info: HashMap<String, DocInfo>) -> Own {
        Own {
            workspace,
            info,
            parsed: Mutex::new(HashMap::new()),
            index: None,
            opened: Mutex::new(None),
        }
    }

    /// Queries through the index of the user's material in cache dir `loc`.
    pub fn indexed(mut self, loc: &crate::paths::Location) -> Own {
        self.index = Some(OwnIndex::new(loc, self.workspace.clone()));
        self
    }

    /// Every document file that reads, and one line for each that does not.
    fn documents(&self) -> (Vec<DocNotes>, Vec<String>) {
        let mut parsed = self.parsed.lock().unwrap_or_else(|e| e.into_inner());
        let files = self.workspace.document_files();
        parsed.retain(|path, _| files.contains(path));
        let (mut docs, mut problems) = (Vec::new(), Vec::new());
        for path in files {
            let stamp: Stamp = match std::fs::metadata(&path) {
                Ok(m) => (m.len(), m.modified().ok()),
                Err(_) => continue,
            };
            if let Some((s, d)) = parsed.get(&path)
                && *s == stamp
            {
                docs.push(d.clone());
                continue;
            }
            match super::store::read::<DocNotes>(&path) {
                Ok(Some(d)) => {
                    parsed.insert(path, (stamp, d.clone()));
                    docs.push(d);
                }
                Ok(None) => {}
                Err(p) => {
                    parsed.remove(&path);
                    problems.push(p.to_string());
                }
            }
        }
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        (docs, problems)
    }

    /// The documents `query`'s document filters leave; `None` when it has none.
    fn passing(&self, query: &ParsedQuery, library: &Library) -> Option<Vec<String>> {
        let f = &query.filters;
        if f.tags.is_empty()
            && f.collections.is_empty()
            && f.kinds.is_empty()
            && f.date.is_none()
            && f.title.is_empty()
        {
            return None;
        }
        let title_terms: Vec<String> = f.title.iter().map(|t| fold(&t.text)).collect();
        let mut ids: std::collections::BTreeSet<&String> = library.tags.keys().collect();
        ids.extend(library.collections.values().flatten());
        ids.extend(self.info.keys());
        Some(
            ids.into_iter()
                .filter(|id| document_holds(id, library, query, &self.info, &title_terms))
                .cloned()
                .collect(),
        )
    }

    /// `query` through the index: how many match, the first `limit`, and what to say.
    fn find_indexed(
        &self,
        index: &OwnIndex,
        query: &ParsedQuery,
        docs: Option<&[String]>,
        limit: usize,
        notes: &mut Vec<String>,
    ) -> anyhow::Result<(usize, Vec<indexed::Unit>)> {
        let mut opened = self.opened.lock().unwrap_or_else(|e| e.into_inner());
        let mut damaged = None;
        for _attempt in 0..2 {
            let open = match opened.take() {
                Some(open) => open,
                None => {
                    let (open, notice) = match damaged.take() {
                        Some(why) => index.build(Some(why))?,
                        None => index.open()?,
                    };
                    notes.extend(notice);
                    open
                }
            };
            let mut open = open;
            let answer = crate::search::guard::contain(|| {
                index.refresh(&mut open)?;
                match indexed::build(query, &open.fields, docs) {
                    Some(q) => indexed::run(&open, &*q, limit),
                    None => Ok((0, Vec::new())),
                }
            });
            match answer {
                Ok(found) => {
                    let problems = open.state.files.values();
                    notes.extend(problems.filter_map(|f| f.problem.clone()));
                    *opened = Some(open);
                    return Ok(found);
                }
                // Damaged under the checks on open: build it again, once.
                Err(e) => damaged = Some(format!("{e:#}")),
            }
        }
        anyhow::bail!("{}", damaged.unwrap_or_default())
    }

    fn own_hit(&self, h: indexed::Unit) -> OwnHit {
        OwnHit {
            title: (self.info.get(&h.doc_id)).map_or_else(|| h.doc_id.clone(), |i| i.title.clone()),
            doc_id: h.doc_id,
            mark_id: h.mark_id,
            block: h.block,
            quote: h.quote,
            note: h.note,
        }
    }
}

impl Own {
    /// Over the documents of a corpus.
    pub fn of_corpus(workspace: Workspace, docs: &[crate::model::Document]) -> Own {
        let info = docs
            .iter()
            .map(|d| {
                let title = d.display_title(&crate::model::TITLE_LANGS).to_string();
                (
                    d.id.clone(),
                    DocInfo {
                        title,
                        kind: d.kind,
                        date: d.date(),
                    },
                )
            })
            .collect();
        Own::new(workspace, info)
    }

    /// Over the heads of a catalog (no document body is read).
    pub fn of_catalog(workspace: Workspace, heads: &[crate::corpus::Head]) -> Own {
        let info = heads
            .iter()
            .map(|h| {
                let title = h.display_title(&crate::model::TITLE_LANGS).to_string();
                (
                    h.id.clone(),
                    DocInfo {
                        title,
                        kind: h.kind,
                        date: h.date,
                    },
                )
            })
            .collect();
        Own::new(workspace, info)
    }
}

impl OwnMaterial for Own {
    fn documents(&self, tags: &[String], collections: &[String]) -> Vec<String> {
        let Ok(library) = self.workspace.library() else {
            return Vec::new();
        };
        self.info
            .keys()
            .filter(|id| {
                let has_tags: Vec<String> = library.tags_of(id).iter().map(|t| fold(t)).collect();
                let in_cols: Vec<String> =
                    library.collections_of(id).iter().map(|c| fold(c)).collect();
                tags.iter().all(|t| has_tags.contains(&fold(t)))
                    && collections.iter().all(|c| in_cols.contains(&fold(c)))
            })
            .cloned()
            .collect()
    }

    fn find(&self, query: &ParsedQuery, limit: usize) -> (Vec<OwnHit>, Vec<String>) {
        if query.is_empty() && query.filters.note.is_none() {
            return (Vec::new(), Vec::new());
        }
        let mut notes = Vec::new();
        if !query.filters.mentions.is_empty() {
            if !self.workspace.document_files().is_empty() {
                notes.push("your notes are not searched with 'mentions:'".into());
            }
            return (Vec::new(), notes);
        }
        let library = self.workspace.library().unwrap_or_else(|p| {
            notes.push(p.to_string());
            Library::default()
        });
        let docs = self.passing(query, &library);
        let (total, hits) = match &self.index {
            Some(index) => {
                match self.find_indexed(index, query, docs.as_deref(), limit, &mut notes) {
                    Ok((total, units)) => {
                        (total, units.into_iter().map(|u| self.own_hit(u)).collect())
                    }
                    Err(e) => {
                        notes.push(format!(
                        "the index of your notes failed ({e:#}); your files were scanned instead"
                    ));
                        self.scan(query, &library, &mut notes, limit)
                    }
                }
            }
            None => self.scan(query, &library, &mut notes, limit),
        };
        if total > hits.len() {
            notes.push(format!(
                "{total} of your notes and highlights match; the first {} are shown",
                hits.len()
            ));
        }
        (hits, notes)
    }
}

impl Own {
    /// `query` over the files themselves: how many match and the first `limit`.
    fn scan(
        &self,
        query: &ParsedQuery,
        library: &Library,
        notes: &mut Vec<String>,
        limit: usize,
    ) -> (usize, Vec<OwnHit>) {
        let (docs, problems) = self.documents();
        notes.extend(problems);
        let found = find_parsed(&docs, library, query, &self.info);
        let total = found.len();
        let hits = (found.into_iter().take(limit))
            .map(|h| {
                self.own_hit(indexed::Unit {
                    doc_id: h.doc_id,
                    mark_id: h.mark_id,
                    block: h.block,
                    quote: h.quote,
                    note: h.note,
                })
            })
            .collect();
        (total, hits)
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
                block: crate::model::BlockNo(2),
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
