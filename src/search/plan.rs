//! Turns a parsed query into a tantivy query and the patterns that highlight its matches.
//!
//! Each term is analysed once per text field (and once per alias the [`AliasExpander`] gives);
//! a single token becomes a term query, several tokens a phrase at their exact relative
//! positions. A term matches when any field, any alternative, matches.

use super::analysis::{TextField, is_cjk};
use super::highlight::{Matcher, Pattern};
use super::query::{ParsedQuery, Term};
use super::schema::{self, Fields};
use super::{Hooks, Pin};
use std::collections::{BTreeSet, HashMap};
use std::ops::Bound;
use tantivy::collector::DocSetCollector;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term as TTerm};

mod narrow;
use narrow::{cover_and_left_out, narrowed};

/// The slot of a document in the index, by id (for `mentions:` pins).
pub type SlotOf<'a> = dyn Fn(&str) -> Option<u64> + 'a;

/// What a query string became.
pub struct Plan {
    pub query: Box<dyn Query>,
    pub matcher: Matcher,
    pub notes: Vec<String>,
    /// False when nothing can match (empty query, or only unsearchable terms).
    pub searchable: bool,
    /// True when counting the matches costs as much as ranking them, so that one pass that
    /// counts and ranks together is cheaper than two: a phrase (every match costs position
    /// checks), or an intersection or exclusion of clauses (filters: no block-max WAND, and
    /// counting walks the same documents ranking does).
    pub count_while_ranking: bool,
}

impl Plan {
    /// A plan that matches nothing, with what the notes say about why.
    fn nothing(matcher: Matcher, notes: Vec<String>) -> Self {
        Plan {
            query: Box::new(EmptyQuery),
            matcher,
            notes,
            searchable: false,
            count_while_ranking: false,
        }
    }
}

pub fn plan(
    parsed: &ParsedQuery,
    fields: &Fields,
    searcher: &Searcher,
    slot_of: &SlotOf<'_>,
    hooks: &Hooks,
) -> tantivy::Result<Plan> {
    let mut notes = parsed.notes.clone();
    let mut matcher = Matcher {
        langs: parsed.filters.langs.clone(),
        ..Matcher::default()
    };
    let text_fields: Vec<TextField> = if parsed.filters.langs.is_empty() {
        TextField::ALL.to_vec()
    } else {
        let set: BTreeSet<TextField> = parsed
            .filters
            .langs
            .iter()
            .map(|l| TextField::of(*l))
            .collect();
        set.into_iter().collect()
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let groups = join_names(&parsed.groups, hooks);
    let terms = Terms {
        text_fields: &text_fields,
        fields,
        searcher,
        hooks,
    };

    for group in &groups {
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        for term in group {
            match term_query(term, &terms, &mut matcher.body) {
                Some(q) => alternatives.push(q),
                None => notes.push(nothing_to_search(term)),
            }
        }
        if !alternatives.is_empty() {
            clauses.push((Occur::Must, union(alternatives)));
        }
    }
    let has_terms = !clauses.is_empty();
    // Words typed one after another (`Kim Il Sung`) rank higher where they stand together.
    let plain_words: Vec<&str> = groups
        .iter()
        .filter_map(|g| match g.as_slice() {
            [t] if !t.quoted => Some(t.text.as_str()),
            _ => None,
        })
        .collect();
    if plain_words.len() >= 2 && plain_words.len() == groups.len() {
        let together = Term {
            text: plain_words.join(" "),
            quoted: true,
        };
        let mut ignored = HashMap::new();
        if let Some(q) = term_query(&together, &terms, &mut ignored) {
            clauses.push((
                Occur::Should,
                Box::new(tantivy::query::BoostQuery::new(q, 2.0)),
            ));
        }
    }
    for term in &parsed.excluded {
        let mut ignored = HashMap::new();
        if let Some(q) = term_query(term, &terms, &mut ignored) {
            clauses.push((Occur::MustNot, q));
        }
    }
    if !has_terms && parsed.filters.is_empty() {
        if !parsed.excluded.is_empty() {
            notes.push(
                "a query needs at least one word to find, not only words to leave out".into(),
            );
        }
        return Ok(Plan::nothing(matcher, notes));
    }
    // Filters only: list each matching document once, by its title; `mentions:` pins blocks,
    // and those blocks are the answer; so does `lang:`, a property of blocks (a document's
    // title may not be in the language asked for at all): its blocks in that language.
    if !has_terms && parsed.filters.mentions.is_empty() && parsed.filters.langs.is_empty() {
        clauses.push((
            Occur::Must,
            filter(TermQuery::new(
                TTerm::from_field_u64(fields.block, 0),
                IndexRecordOption::Basic,
            )),
        ));
    }

    let f = &parsed.filters;
    if !f.kinds.is_empty() {
        let terms = f
            .kinds
            .iter()
            .map(|k| TTerm::from_field_text(fields.kind, k.code()));
        clauses.push((Occur::Must, filter(TermSetQuery::new(terms))));
    }
    if !f.langs.is_empty() {
        let terms = f
            .langs
            .iter()
            .map(|l| TTerm::from_field_text(fields.lang, l.code()));
        clauses.push((Occur::Must, filter(TermSetQuery::new(terms))));
    }
    if let Some(range) = f.date {
        let bound = |v: Option<i64>| match v {
            Some(v) => Bound::Included(TTerm::from_field_i64(fields.date, v)),
            None => Bound::Unbounded,
        };
        clauses.push((
            Occur::Must,
            filter(RangeQuery::new(bound(range.from), bound(range.to))),
        ));
    }
    if !f.title.is_empty() {
        let mut title_clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(TermQuery::new(
                TTerm::from_field_u64(fields.block, 0),
                IndexRecordOption::Basic,
            )),
        )];
        for term in &f.title {
            match term_query(term, &terms, &mut matcher.title) {
                Some(q) => title_clauses.push((Occur::Must, q)),
                None => notes.push(nothing_to_search(term)),
            }
        }
        let ordinals = matching_ordinals(searcher, &BooleanQuery::new(title_clauses))?;
        let terms = ordinals
            .into_iter()
            .map(|slot| TTerm::from_field_u64(fields.doc, slot));
        clauses.push((Occur::Must, filter(TermSetQuery::new(terms))));
    }
    for entity in &f.mentions {
        let Some(resolver) = hooks.mentions.as_ref() else {
            notes.push(format!(
                "'mentions:{entity}' needs the entity registry, which is not available; the filter was ignored"
            ));
            continue;
        };
        if let Some(pins) = resolver.mentions(entity) {
            clauses.push((Occur::Must, filter(pin_query(&pins, slot_of, fields))));
            continue;
        }
        // Not an id or a full name: the names it begins (`kim` → Kim Il Sung, Kim Jong Il, …),
        // as a name is looked up everywhere else.
        let close = resolver.close_matches(entity);
        if close.is_empty() {
            notes.push(format!(
                "'mentions:{entity}': the registry knows no such name or id; the filter was ignored"
            ));
            continue;
        }
        let pins: Vec<Pin> = close
            .iter()
            .filter_map(|(id, _)| resolver.mentions(id))
            .flatten()
            .collect();
        let names: Vec<String> = close.iter().map(|(id, n)| format!("{n} ({id})")).collect();
        notes.push(format!(
            "'mentions:{entity}' was read as any of: {}",
            names.join(", ")
        ));
        clauses.push((Occur::Must, filter(pin_query(&pins, slot_of, fields))));
    }
    if !f.tags.is_empty() || !f.collections.is_empty() {
        match hooks.own.as_ref() {
            Some(own) => {
                let pins: Vec<Pin> = own
                    .documents(&f.tags, &f.collections)
                    .into_iter()
                    .map(|doc| Pin { doc, block: None })
                    .collect();
                clauses.push((Occur::Must, filter(pin_query(&pins, slot_of, fields))));
            }
            None => notes.push(
                "'tag:' and 'collection:' need your workspace, which is not available; they were ignored".into(),
            ),
        }
    }
    // `note:` asks for the user's notes only (found by the workspace hook), no documents.
    if f.note.is_some() {
        return Ok(Plan::nothing(matcher, notes));
    }
    // Only `mentions:` filters that were ignored: nothing left to select by.
    if clauses.iter().all(|(o, _)| *o != Occur::Must) {
        return Ok(Plan::nothing(matcher, notes));
    }
    let has_phrase = matcher
        .body
        .values()
        .chain(matcher.title.values())
        .flatten()
        .any(|p| p.len() > 1);
    // A `Should` clause (words that rank higher together) is not walked by the count, so such a
    // query stays two passes.
    let intersection = clauses.len() > 1 && clauses.iter().all(|(o, _)| *o != Occur::Should);
    let count_while_ranking = has_phrase || intersection;
    // A lone required clause is searched as itself, so that tantivy sees a plain union of
    // terms and can skip blocks of documents that cannot make the top (block-max WAND).
    let query: Box<dyn Query> = if clauses.len() == 1 && clauses[0].0 == Occur::Must {
        match clauses.pop() {
            Some((_, q)) => q,
            None => Box::new(EmptyQuery),
        }
    } else {
        Box::new(BooleanQuery::new(clauses))
    };
    Ok(Plan {
        query,
        matcher,
        notes,
        searchable: true,
        count_while_ranking,
    })
}

fn nothing_to_search(term: &Term) -> String {
    format!(
        "'{}' has no letters or characters to search for; it was ignored",
        term.text
    )
}

/// Filters select but do not rank.
fn filter(q: impl Query) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(q), 0.0))
}

fn union(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1
        && let Some(q) = queries.pop()
    {
        return q;
    }
    Box::new(BooleanQuery::union(queries))
}

/// Words typed one after another that together are a name the alias hook knows
/// (`Kim Il Sung`) become one quoted term, so that the name's other spellings (金日成) are
/// searched too. The longest name wins; without an alias hook the groups are unchanged.
fn join_names(groups: &[Vec<Term>], hooks: &Hooks) -> Vec<Vec<Term>> {
    const LONGEST_NAME: usize = 8;
    let Some(aliases) = &hooks.aliases else {
        return groups.to_vec();
    };
    let plain = |g: &Vec<Term>| match g.as_slice() {
        [t] if !t.quoted => Some(t.text.clone()),
        _ => None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < groups.len() {
        let run: Vec<String> = groups[i..]
            .iter()
            .map_while(plain)
            .take(LONGEST_NAME)
            .collect();
        let name = (2..=run.len())
            .rev()
            .map(|n| run[..n].join(" "))
            .find(|words| !aliases.alternatives(words).is_empty());
        match name {
            Some(words) => {
                i += words.split(' ').count();
                out.push(vec![Term {
                    text: words,
                    quoted: true,
                }]);
            }
            None => {
                out.push(groups[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// Score weight of a match found through an alias rather than the words typed.
const ALIAS_WEIGHT: f32 = 0.5;

/// What every term of one query is looked up in: the text fields searched, the index's
/// fields and searcher (for term frequencies), and the hooks (aliases).
struct Terms<'a> {
    text_fields: &'a [TextField],
    fields: &'a Fields,
    searcher: &'a Searcher,
    hooks: &'a Hooks,
}

/// The query for one term over the given fields and its aliases; records its patterns.
/// `None` when the term yields no token in any field.
fn term_query(
    term: &Term,
    at: &Terms<'_>,
    patterns: &mut HashMap<TextField, Vec<Pattern>>,
) -> Option<Box<dyn Query>> {
    let Terms {
        text_fields,
        fields,
        searcher,
        hooks,
    } = *at;
    let mut texts = vec![term.text.clone()];
    if let Some(aliases) = &hooks.aliases {
        texts.extend(aliases.alternatives(&term.text));
    }
    let mut queries: Vec<Box<dyn Query>> = Vec::new();
    for &tf in text_fields {
        let field = fields.text(tf);
        let mut seen: BTreeSet<Pattern> = BTreeSet::new();
        for (k, text) in texts.iter().enumerate() {
            let (toks, left_out) = cover_and_left_out(tf, text);
            let Some(base) = toks.first().map(|t| t.pos) else {
                continue;
            };
            let pattern: Pattern = toks.into_iter().map(|t| (t.pos - base, t.text)).collect();
            if !seen.insert(pattern.clone()) {
                continue;
            }
            let query = narrowed(
                searcher,
                field,
                pattern_query(field, &pattern),
                &pattern,
                &left_out,
            );
            // What was typed ranks above the other spellings an alias hook added.
            queries.push(if k == 0 {
                query
            } else {
                Box::new(tantivy::query::BoostQuery::new(query, ALIAS_WEIGHT))
            });
            patterns.entry(tf).or_default().push(pattern);
        }
    }
    (!queries.is_empty()).then(|| union(queries))
}

pub(crate) fn pattern_query(field: tantivy::schema::Field, pattern: &Pattern) -> Box<dyn Query> {
    if let [(_, text)] = pattern.as_slice() {
        let term = Box::new(TermQuery::new(
            TTerm::from_field_text(field, text),
            IndexRecordOption::WithFreqs,
        ));
        return match inside_runs(field, text) {
            Some(inside) => union(vec![term, inside]),
            None => term,
        };
    }
    let terms = pattern
        .iter()
        .map(|(off, text)| (*off, TTerm::from_field_text(field, text)))
        .collect();
    Box::new(PhraseQuery::new_with_offset(terms))
}

/// Where a lone CJK character stands inside a run: the index keeps a character's own token
/// only at the two ends of its run, and inside one the character begins a bigram. `None` for
/// any other token.
fn inside_runs(field: tantivy::schema::Field, text: &str) -> Option<Box<dyn Query>> {
    let mut chars = text.chars();
    let c = chars
        .next()
        .filter(|c| is_cjk(*c) && chars.next().is_none())?;
    // A CJK character is never a regex metacharacter; `.` is the bigram's second character.
    let bigrams = tantivy::query::RegexQuery::from_pattern(&format!("{c}."), field).ok()?;
    Some(Box::new(bigrams))
}

/// Ordinals of the documents whose units match `query`.
fn matching_ordinals(searcher: &Searcher, query: &dyn Query) -> tantivy::Result<BTreeSet<u64>> {
    let addrs = searcher.search(query, &DocSetCollector)?;
    let mut out = BTreeSet::new();
    for addr in addrs {
        let unit = searcher
            .segment_reader(addr.segment_ord)
            .fast_fields()
            .u64("unit")?
            .first(addr.doc_id);
        if let Some(unit) = unit {
            out.insert(schema::split_unit(unit).0);
        }
    }
    Ok(out)
}

/// Selects the blocks (or whole documents) a resolver pinned.
fn pin_query(pins: &[Pin], slot_of: &SlotOf<'_>, fields: &Fields) -> TermSetQuery {
    let terms = pins.iter().filter_map(|p| {
        let slot = slot_of(p.doc.as_str())?;
        Some(match p.block {
            Some(b) => TTerm::from_field_u64(fields.unit, schema::unit(slot, b)),
            None => TTerm::from_field_u64(fields.doc, slot),
        })
    });
    TermSetQuery::new(terms)
}
