//! A parsed query as a query of the own-material index, and its units in document and mark
//! order (the order of the `M` list and of the scan this index replaced).
//!
//! - each `OR` group: any of its words or `"phrases"` in the quote or the note, analysed per
//!   profile as the documents' search analyses them ([`crate::search::plan::pattern_query`]);
//! - `-word`: in neither; `note:WORD`: in the note's own text; `note:` alone: has a note;
//! - `lang:`: anchored in one of those languages;
//! - the document filters (`tag:`, `collection:`, `kind:`, `year:`, `title:`) arrive as the
//!   ids of the documents that pass them.

use super::{Fields, Opened};
use crate::search::analysis::{Mode, TextField, tokenize};
use crate::search::query::ParsedQuery;
use anyhow::Context as _;
use std::collections::BTreeMap;
use tantivy::collector::DocSetCollector;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::{Field, IndexRecordOption, Value as _};
use tantivy::{DocAddress, TantivyDocument, Term};

/// One highlight or note the index found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub doc_id: String,
    pub mark_id: String,
    pub block: Option<crate::model::BlockNo>,
    pub quote: String,
    pub note: String,
}

/// The query for `q`; `docs` are the documents its document filters leave (`None`: it has
/// none). `None` when nothing can match.
pub fn build(q: &ParsedQuery, f: &Fields, docs: Option<&[String]>) -> Option<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for group in &q.groups {
        let alternatives: Vec<Box<dyn Query>> = (group.iter())
            .filter_map(|t| text_query(&t.text, &f.all))
            .collect();
        if !alternatives.is_empty() {
            clauses.push((Occur::Must, union(alternatives)));
        }
    }
    for t in &q.excluded {
        if let Some(query) = text_query(&t.text, &f.all) {
            clauses.push((Occur::MustNot, query));
        }
    }
    if let Some(words) = &q.filters.note {
        clauses.push((Occur::Must, term(f.has_note, "yes")));
        for w in words {
            match text_query(w, &f.note_text) {
                Some(query) => clauses.push((Occur::Must, query)),
                None => return None,
            }
        }
    }
    if !q.filters.langs.is_empty() {
        let langs = (q.filters.langs.iter()).map(|l| Term::from_field_text(f.lang, l.code()));
        clauses.push((Occur::Must, Box::new(TermSetQuery::new(langs))));
    }
    if let Some(docs) = docs {
        if docs.is_empty() {
            return None;
        }
        let ids = docs.iter().map(|d| Term::from_field_text(f.doc, d));
        clauses.push((Occur::Must, Box::new(TermSetQuery::new(ids))));
    }
    if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// `text` in any of `fields` (one per profile): a term, or a phrase of its tokens.
fn text_query(text: &str, fields: &[Field; 4]) -> Option<Box<dyn Query>> {
    let mut queries = Vec::new();
    for tf in TextField::ALL {
        let toks = tokenize(tf, Mode::Query, text);
        let Some(base) = toks.first().map(|t| t.pos) else {
            continue;
        };
        let pattern: Vec<(usize, String)> =
            toks.into_iter().map(|t| (t.pos - base, t.text)).collect();
        queries.push(crate::search::plan::pattern_query(
            fields[tf as usize],
            &pattern,
        ));
    }
    (!queries.is_empty()).then(|| union(queries))
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

fn union(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1
        && let Some(q) = queries.pop()
    {
        return q;
    }
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// How many units `query` matches and the first `limit` in document and mark order.
pub fn run(open: &Opened, query: &dyn Query, limit: usize) -> anyhow::Result<(usize, Vec<Unit>)> {
    let searcher = open.reader.searcher();
    let found = searcher.search(query, &DocSetCollector)?;
    let total = found.len();
    let mut by_segment: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for addr in found {
        by_segment
            .entry(addr.segment_ord)
            .or_default()
            .push(addr.doc_id);
    }
    // Within a segment, term ordinals sort as the ids do: order there, name only the first
    // `limit`, then order those across segments.
    let mut keyed: Vec<(String, u64, DocAddress)> = Vec::new();
    for (segment, docs) in by_segment {
        let reader = searcher.segment_reader(segment);
        let ids = (reader.fast_fields().str("doc")?).context("the index lacks document ids")?;
        let seqs = reader.fast_fields().u64("seq")?;
        let mut rows: Vec<(u64, u64, u32)> = docs
            .into_iter()
            .map(|d| {
                let ord = ids.term_ords(d).next().unwrap_or(u64::MAX);
                (ord, seqs.first(d).unwrap_or(0), d)
            })
            .collect();
        rows.sort_unstable();
        rows.truncate(limit);
        let mut name = String::new();
        for (ord, seq, d) in rows {
            name.clear();
            ids.ord_to_str(ord, &mut name)?;
            keyed.push((name.clone(), seq, DocAddress::new(segment, d)));
        }
    }
    keyed.sort();
    keyed.truncate(limit);
    let f = &open.fields;
    let mut units = Vec::with_capacity(keyed.len());
    for (doc_id, _, addr) in keyed {
        let d: TantivyDocument = searcher.doc(addr)?;
        let text = |field| {
            d.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let block = d.get_first(f.block).and_then(|v| v.as_u64()).unwrap_or(0);
        units.push(Unit {
            doc_id,
            mark_id: text(f.mark),
            block: (block > 0).then_some(crate::model::BlockNo(block as usize)),
            quote: text(f.quote),
            note: text(f.note),
        });
    }
    Ok((total, units))
}
