//! Text analysis for the index and for queries: the one place that decides what a token is.
//!
//! Every text field uses the same lexer. Runs of CJK characters (Han, kana, Hangul) become one
//! single-character token per character plus one bigram per pair of neighbours, each bigram at
//! the position of its first character; everything else is split into words. Whitespace between
//! two CJK characters does not end a run, in documents and in queries alike, so hard-wrapped
//! Chinese lines and `金 日成` typed with a space both read as one string.
//!
//! Why bigrams *with* positions: a query string of n ≥ 2 CJK characters becomes a phrase of
//! bigrams at their relative positions. Each character owns one position and each bigram fixes
//! the two characters at its position and the next, so bigrams that together span the string
//! can only match where the whole string stands in the text.
//! Every run is followed by a break token, so that a query such as `济、文化` (two runs) does
//! not match `经济文化` (one run).
//!
//! Why the index keeps a character's own token only at the two ends of its run: a query's
//! cover (below) never uses the unigram of a character inside a run of two or more, and a
//! one-character run of a query, next to other tokens, can only meet a document's run at one of
//! its ends (a word or a break token stands beside it). Inside a run a character begins a
//! bigram, so a one-character query is its unigram *or* any bigram it begins (see
//! `plan::pattern_query`). Queries and highlights are analysed in full ([`tokenize`]).
//!
//! Words are lowercased and folded (diacritics off Latin letters, `ё` → `е`, full-width forms to
//! ASCII) so that `Hŭngnam` meets `Hungnam`; hyphens and other punctuation split words without
//! using a position, so `Kim Il-sung` and `Kim Il Sung` are the same three-word sequence. English
//! and Russian fields then stem their words (Snowball).
//!
//! Why word pairs: each pair of neighbouring words is indexed once more as one token (`of the`,
//! a *shingle*) at the position of its first word. A quoted phrase of common words would
//! otherwise need the positions of every block holding both words checked; as pairs, a
//! two-word phrase is one term and a longer one a phrase of far rarer terms. Every pair, not
//! only those of stop words: in this corpus names (`kim`, `il`, `sung`, `soviet`) are as
//! frequent as stop words, and their phrases without pairs cost 3x at p99 (BENCHMARKS, open7).
//!
//! A query is the fewest index tokens that pin down every one of its positions (see [`cover`]):
//! `"of the"` is one shingle, `金日成` the bigrams 金日 and 日成, `朝鲜人民` the bigrams 朝鲜 and
//! 人民. Each token fixes what stands at the positions it spans, so matching the cover is
//! matching the whole string.

mod analyser;
mod lexer;
mod tokenizer;

use analyser::Analyser;
pub use lexer::{fold_word, is_cjk};
pub use tokenizer::{LecternTokenizer, register};

use crate::model::Lang;
use std::ops::Range;

/// The indexed text fields, one per analysis profile. Korean and French share `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextField {
    Zh,
    En,
    Ru,
    Other,
}

impl TextField {
    pub const ALL: [TextField; 4] = [
        TextField::Zh,
        TextField::En,
        TextField::Ru,
        TextField::Other,
    ];

    pub fn of(lang: Lang) -> TextField {
        match lang {
            Lang::Zh => TextField::Zh,
            Lang::En => TextField::En,
            Lang::Ru => TextField::Ru,
            Lang::Ko | Lang::Fr => TextField::Other,
        }
    }

    /// Schema field name; also the name the tokenizer is registered under (with a prefix).
    pub fn name(self) -> &'static str {
        match self {
            TextField::Zh => "zh",
            TextField::En => "en",
            TextField::Ru => "ru",
            TextField::Other => "other",
        }
    }

    pub fn tokenizer_name(self) -> &'static str {
        match self {
            TextField::Zh => "lectern_zh",
            TextField::En => "lectern_en",
            TextField::Ru => "lectern_ru",
            TextField::Other => "lectern_other",
        }
    }

    fn stemmer(self) -> Option<frostem::Stemmer> {
        match self {
            TextField::En => Some(frostem::Stemmer::new(frostem::Algorithm::English)),
            TextField::Ru => Some(frostem::Stemmer::new(frostem::Algorithm::Russian)),
            TextField::Zh | TextField::Other => None,
        }
    }
}

/// Documents get every token (unigrams, bigrams, words, word pairs); queries get only what
/// must match (see [`cover`]). The index leaves out unigrams inside runs (see the
/// module's doc).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Document,
    Query,
}

/// A token: normalized text, byte range in the analysed text (on char boundaries), the position
/// of its first character or word, and how many positions it spans (2 for bigrams and pairs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    pub text: String,
    pub range: Range<usize>,
    pub pos: usize,
    pub span: usize,
}

/// The token that ends a CJK run; no text can produce it.
pub const RUN_BREAK: &str = "\u{1}";

/// Joins the two words of a pair; words never contain it, so a pair never equals a word.
pub const PAIR_SEPARATOR: char = ' ';

/// Analyses `text` for `field`. Positions start at 0; offsets are byte ranges into `text`.
pub fn tokenize(field: TextField, mode: Mode, text: &str) -> Vec<Tok> {
    let toks = tokens_where(field, text, |_| true);
    match mode {
        Mode::Document => toks,
        Mode::Query => cover(toks),
    }
}

/// The document tokens of `text` whose text passes `keep`: finding a query's matches needs
/// only the tokens the query names, and most of a block's tokens are not.
pub fn tokens_where(field: TextField, text: &str, keep: impl Fn(&str) -> bool) -> Vec<Tok> {
    let mut toks = Vec::new();
    with_analyser(field, |analyser| {
        analyser.each_token(text, |text, range, pos, span| {
            if keep(text) {
                toks.push(Tok {
                    text: text.to_string(),
                    range,
                    pos,
                    span,
                })
            }
        })
    });
    toks
}

thread_local! {
    /// One analyser per field and thread, so that its stem cache serves every query and
    /// snippet the thread analyses.
    static ANALYSERS: std::cell::RefCell<[Option<Analyser>; 4]> = const {
        std::cell::RefCell::new([None, None, None, None])
    };
}

fn with_analyser<R>(field: TextField, f: impl FnOnce(&mut Analyser) -> R) -> R {
    ANALYSERS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut analysers) => {
            f(analysers[field as usize].get_or_insert_with(|| Analyser::new(field)))
        }
        // Only if `f` itself analysed again (it does not): use a fresh one.
        Err(_) => f(&mut Analyser::new(field)),
    })
}

/// The fewest of a query's tokens that together span every one of its positions, longest
/// first: a query matches where these tokens stand at their relative positions, and fewer,
/// rarer terms are cheaper to intersect. A break after the last run is not part of the query
/// (`金日成` also matches inside `金日成同志`).
pub fn cover(mut toks: Vec<Tok>) -> Vec<Tok> {
    if toks.last().is_some_and(|t| t.text == RUN_BREAK) {
        toks.pop();
    }
    toks.sort_by_key(|t| (t.pos, std::cmp::Reverse(t.span)));
    let end = toks.iter().map(|t| t.pos + t.span).max().unwrap_or(0);
    let mut chosen = Vec::new();
    let mut covered = 0;
    let mut next = 0;
    while covered < end {
        // Of the tokens starting at or before the first uncovered position, the one that
        // reaches furthest (the first such: the longest at the earliest position).
        let mut best: Option<usize> = None;
        while let Some(t) = toks.get(next)
            && t.pos <= covered
        {
            if best.is_none_or(|b| t.pos + t.span > toks[b].pos + toks[b].span) {
                best = Some(next);
            }
            next += 1;
        }
        match best.filter(|&b| toks[b].pos + toks[b].span > covered) {
            Some(b) => {
                covered = toks[b].pos + toks[b].span;
                chosen.push(b);
            }
            // No token starts here (cannot happen: positions are contiguous); move on.
            None => covered += 1,
        }
    }
    // `chosen` is in increasing order: one pass picks the tokens out.
    let mut chosen = chosen.into_iter().peekable();
    toks.into_iter()
        .enumerate()
        .filter_map(|(i, t)| chosen.next_if_eq(&i).map(|_| t))
        .collect()
}
