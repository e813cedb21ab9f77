//! Translation concordance: every aligned block of the archive that contains a word or phrase,
//! the sentence that holds it beside its counterpart in the other language, grouped by how the
//! term was rendered there. Blocks come from the search index, so this works at the scale of
//! the index; only the blocks found are aligned, one block each.
//!
//! A rendering is found in two ways. When the term is a registry name, the counterpart's
//! mention of the same instrument or entity is the rendering (朝鲜停战 → "Korean armistice").
//! Otherwise the word sequence (characters, for Chinese) that recurs in the counterparts and is
//! rare in the other sentences of the same blocks is taken; a rendering seen once, or as often
//! outside the counterparts as in them, is no evidence, and the entry stays under "rendering
//! not found".

use super::{Aligner, language_pair, length_model};
use crate::model::{Document, Lang, PartialDate};
use crate::refs::{Registry, Target};
use crate::search::SearchIndex;
use crate::search::highlight::PlainText;
use crate::text::fold::fold;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

/// One place the term stands, with its counterpart.
#[derive(Clone, Debug, Serialize)]
pub struct Occurrence {
    pub doc: String,
    pub date: Option<PartialDate>,
    pub block: crate::model::BlockNo,
    pub lang: Lang,
    /// The sentence that holds the term, and the term's bytes in it.
    pub sentence: String,
    /// Where the sentence starts in the block's stored text (bytes): the sentence to open.
    pub sentence_at: usize,
    pub hit: Range<usize>,
    pub counterpart_lang: Lang,
    /// The sentence or sentences aligned with it (empty when the other side has none).
    pub counterpart: String,
    /// Where the rendering stands in the counterpart, when one was found.
    pub rendered_at: Option<Range<usize>>,
    /// Confidence of the sentence pair.
    pub confidence: f32,
    pub by_length_only: bool,
}

/// The occurrences that render the term one way.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// The rendering as first written; `None` for occurrences whose rendering was not found.
    pub rendering: Option<String>,
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
    pub occurrences: Vec<Occurrence>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Concordance {
    pub term: String,
    /// Blocks the index matched, and how many of them were read (`limit`).
    pub blocks_matching: usize,
    pub blocks_examined: usize,
    /// Most frequent rendering first; "not found" last.
    pub groups: Vec<Group>,
}

/// Where a concordance reads documents: by position (the index's slot, on a fresh build) and
/// by id. A lazy corpus reads only the bodies of the blocks the index names.
pub trait Documents {
    /// The id of document `i`, without its body where that is cheaper.
    fn id_at(&self, i: usize) -> Option<&str>;
    /// Document `i` with its body.
    fn body(&self, i: usize) -> Option<&Document>;
    /// The position of the document with this id.
    fn position(&self, id: &str) -> Option<usize>;
}

impl Documents for [Document] {
    fn id_at(&self, i: usize) -> Option<&str> {
        self.get(i).map(|d| d.id.as_str())
    }
    fn body(&self, i: usize) -> Option<&Document> {
        self.get(i)
    }
    fn position(&self, id: &str) -> Option<usize> {
        self.iter().position(|d| d.id == id)
    }
}

impl Documents for crate::corpus::Corpus {
    fn id_at(&self, i: usize) -> Option<&str> {
        self.documents.id(i)
    }
    fn body(&self, i: usize) -> Option<&Document> {
        self.documents.get(i)
    }
    fn position(&self, id: &str) -> Option<usize> {
        self.ids().get(id).map(|ix| ix.0)
    }
}

/// The concordance of `term` over `docs`, which must be the documents `index` was built from.
/// Only the documents of the blocks read (at most `limit`) are asked for their bodies.
pub fn find<D: Documents + ?Sized>(
    index: &SearchIndex,
    docs: &D,
    aligner: &Aligner,
    registry: &Registry,
    term: &str,
    limit: usize,
) -> anyhow::Result<Concordance> {
    let query = as_phrase(term);
    // Only (slot, block) of the blocks: they are read here, so no snippet, title or id is read.
    let results = index.matching_blocks(&query, limit)?;
    let matcher = &results.matcher;
    let mut occurrences: Vec<Occurrence> = Vec::new();
    let mut backgrounds: Vec<String> = Vec::new();
    let mut examined = 0;
    let typed = fold(term.trim().trim_matches('"'));
    for hit in &results.blocks {
        // The slot is the document's position on a fresh build; the index's state decides.
        let at_slot = (usize::try_from(hit.slot).ok()).filter(|&i| {
            docs.id_at(i)
                .is_some_and(|id| index.slot_of(id) == Some(hit.slot))
        });
        let Some(doc) = at_slot
            .or_else(|| docs.position(&index.stored_id(hit).ok()?))
            .and_then(|i| docs.body(i))
        else {
            continue;
        };
        let Ok((left, right)) = language_pair(doc) else {
            continue;
        };
        let Some(block) = doc.block(hit.block) else {
            continue;
        };
        let (Some(lt), Some(rt)) = (block.text.get(left), block.text.get(right)) else {
            continue;
        };
        examined += 1;
        let aligned = aligner.block(
            hit.block,
            (left, lt),
            (right, rt),
            length_model(doc, left, right),
        );
        // A pair the query matches on both sides (a name in both languages) is listed once:
        // pair → its entry from the left side.
        let mut from_left: HashMap<usize, usize> = HashMap::new();
        for (lang, text, is_left) in [(left, lt, true), (right, rt, false)] {
            let plain = PlainText::new(text);
            let (other_lang, other_text) = if is_left { (right, rt) } else { (left, lt) };
            let sentences = if is_left {
                &aligned.left
            } else {
                &aligned.right
            };
            let mut used_pairs = BTreeSet::new();
            for r in matcher.ranges(hit.block, lang, &plain.text) {
                let r = plain.to_source(r);
                let Some(s) = sentences.iter().position(|s| s.bytes.contains(&r.start)) else {
                    continue;
                };
                let Some((p, pair)) = aligned
                    .pairs
                    .iter()
                    .enumerate()
                    .find(|(_, p)| (if is_left { &p.left } else { &p.right }).contains(&s))
                else {
                    continue;
                };
                if !used_pairs.insert(p) {
                    continue;
                }
                let own = aligned.span(is_left, if is_left { &pair.left } else { &pair.right });
                let other = aligned.span(!is_left, if is_left { &pair.right } else { &pair.left });
                let seen_left = from_left.get(&p).copied();
                // From the side that holds the term as typed; else from the left.
                if let Some(i) = seen_left
                    && (holds(&occurrences[i].sentence, &typed)
                        || !holds(&text[own.clone()], &typed))
                {
                    continue;
                }
                if is_left {
                    from_left.insert(p, occurrences.len());
                }
                let occurrence = Occurrence {
                    doc: doc.id.clone(),
                    date: doc.date(),
                    block: hit.block,
                    lang,
                    sentence: text[own.clone()].to_string(),
                    sentence_at: own.start,
                    hit: r.start.saturating_sub(own.start)
                        ..r.end.min(own.end).saturating_sub(own.start),
                    counterpart_lang: other_lang,
                    counterpart: other_text.get(other.clone()).unwrap_or("").to_string(),
                    rendered_at: None,
                    confidence: pair.confidence,
                    by_length_only: pair.by_length_only(),
                };
                match seen_left {
                    Some(i) => occurrences[i] = occurrence,
                    None => occurrences.push(occurrence),
                }
            }
            // The other sentences of the block on the counterpart side: what is not a rendering.
            for (p, pair) in aligned.pairs.iter().enumerate() {
                if !used_pairs.contains(&p) {
                    let span =
                        aligned.span(!is_left, if is_left { &pair.right } else { &pair.left });
                    backgrounds.extend(other_text.get(span).map(str::to_string));
                }
            }
        }
    }
    let target = registry.find(term);
    render(aligner, target, &mut occurrences, &backgrounds);
    Ok(Concordance {
        term: term.to_string(),
        blocks_matching: results.total,
        blocks_examined: examined,
        groups: group(occurrences),
    })
}

/// Whether `text` holds the folded term `typed` (case and hyphens aside).
fn holds(text: &str, typed: &str) -> bool {
    !typed.is_empty() && fold(text).contains(typed)
}

/// Several words are looked for as one phrase.
fn as_phrase(term: &str) -> String {
    let t = term.trim();
    if t.contains(char::is_whitespace) && !t.starts_with('"') {
        format!("\"{}\"", t.replace('"', ""))
    } else {
        t.to_string()
    }
}

fn render(
    aligner: &Aligner,
    target: Option<Target>,
    occurrences: &mut [Occurrence],
    backgrounds: &[String],
) {
    if let Some(target) = target {
        for o in occurrences.iter_mut() {
            o.rendered_at = aligner
                .names(&o.counterpart)
                .into_iter()
                .find(|(t, _)| *t == target)
                .map(|(_, r)| r);
        }
    }
    let open: Vec<usize> = (0..occurrences.len())
        .filter(|i| occurrences[*i].rendered_at.is_none())
        .collect();
    if open.len() < 2 {
        return;
    }
    let lang = occurrences[open[0]].counterpart_lang;
    // Candidates are slices of the lowercased texts; where lowercasing changes a text's
    // length its offsets would not hold, and it is left out.
    let lower = |t: &str| Some(t.to_lowercase()).filter(|l| l.len() == t.len());
    let counterparts: Vec<Option<String>> = open
        .iter()
        .map(|i| lower(&occurrences[*i].counterpart))
        .collect();
    let others: Vec<String> = backgrounds.iter().filter_map(|b| lower(b)).collect();
    let grams: Vec<Vec<(&str, Range<usize>)>> = counterparts
        .iter()
        .map(|c| c.as_deref().map_or_else(Vec::new, |c| candidates(lang, c)))
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for g in &grams {
        let distinct: HashSet<&str> = g.iter().map(|(k, _)| *k).collect();
        for k in distinct {
            *seen.entry(k).or_default() += 1;
        }
    }
    // Only candidates seen in a counterpart are counted in the other sentences.
    let mut background: HashMap<&str, usize> = HashMap::new();
    let mut counted: HashSet<&str> = HashSet::new();
    for b in &others {
        counted.clear();
        for (k, _) in candidates(lang, b) {
            if let Some((key, _)) = seen.get_key_value(k)
                && counted.insert(key)
            {
                *background.entry(key).or_default() += 1;
            }
        }
    }
    let score = |k: &str| -> f64 {
        let hits = seen.get(k).copied().unwrap_or(0) as f64;
        let bg = background.get(k).copied().unwrap_or(0) as f64;
        let words = k.split(' ').count().max(k.chars().count() / 2) as f64;
        hits * hits / (hits + bg) + 0.01 * words
    };
    for (n, i) in open.iter().enumerate() {
        let best = grams[n]
            .iter()
            .filter(|(k, _)| {
                let hits = seen.get(k).copied().unwrap_or(0);
                let bg = background.get(k).copied().unwrap_or(0);
                hits >= 2 && hits as f64 >= MIN_PRECISION * (hits + bg) as f64
            })
            .max_by(|a, b| score(a.0).total_cmp(&score(b.0)));
        occurrences[*i].rendered_at = best.map(|(_, r)| r.clone());
    }
}

/// A rendering must stand in the counterparts more often than in the other sentences of the
/// same blocks: a common word does not, and is no rendering.
const MIN_PRECISION: f64 = 0.6;

/// English words a rendering does not start or end with.
const STOPWORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "that", "by", "is",
    "was", "be", "as", "at", "from", "its", "it", "their", "this", "these", "those", "which",
    "has", "have", "had", "are", "were", "will", "would", "all", "both", "two", "sides",
];

/// Sequences of up to four words, or two to six Han characters, of a lowercased text: each a
/// slice of it and its bytes.
fn candidates(lang: Lang, text: &str) -> Vec<(&str, Range<usize>)> {
    let mut out = Vec::new();
    if lang == Lang::Zh {
        let han: Vec<(usize, char)> = text.char_indices().collect();
        for start in 0..han.len() {
            for len in 2..=6 {
                let Some(run) = han.get(start..start + len) else {
                    break;
                };
                if !run.iter().all(|(_, c)| super::split::is_han(*c)) {
                    break;
                }
                let (a, z) = (run[0].0, run[len - 1].0 + run[len - 1].1.len_utf8());
                out.push((&text[a..z], a..z));
            }
        }
        return out;
    }
    let words: Vec<Range<usize>> = word_ranges(text);
    for start in 0..words.len() {
        for len in 1..=4 {
            let Some(run) = words.get(start..start + len) else {
                break;
            };
            let stop = |r: &Range<usize>| STOPWORDS.contains(&&text[r.clone()]);
            if stop(&run[0]) || stop(&run[len - 1]) {
                continue;
            }
            let range = run[0].start..run[len - 1].end;
            out.push((&text[range.clone()], range));
        }
    }
    out
}

fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inner = matches!(c, '-' | '\'' | '’') && start.is_some();
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Groups by the rendering folded (case, hyphens); the most frequent first.
fn group(occurrences: Vec<Occurrence>) -> Vec<Group> {
    let mut groups: BTreeMap<Option<String>, Group> = BTreeMap::new();
    for o in occurrences {
        let surface = o
            .rendered_at
            .clone()
            .and_then(|r| o.counterpart.get(r).map(str::to_string));
        let g = groups
            .entry(surface.as_deref().map(fold))
            .or_insert_with(|| Group {
                rendering: surface.clone(),
                first: None,
                last: None,
                occurrences: Vec::new(),
            });
        if let Some(d) = o.date {
            g.first = Some(g.first.map_or(d, |f| f.min(d)));
            g.last = Some(g.last.map_or(d, |l| l.max(d)));
        }
        g.occurrences.push(o);
    }
    let mut out: Vec<Group> = groups.into_values().collect();
    out.sort_by_key(|g| {
        (
            g.rendering.is_none(),
            std::cmp::Reverse(g.occurrences.len()),
        )
    });
    for g in &mut out {
        g.occurrences.sort_by(|a, b| {
            a.date
                .cmp(&b.date)
                .then_with(|| a.doc.cmp(&b.doc))
                .then(a.block.cmp(&b.block))
        });
    }
    out
}
