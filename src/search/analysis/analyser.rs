//! The document analysis of one field as a stream of tokens, with its buffers kept between
//! texts: indexing analyses hundreds of millions of tokens, and an allocation per token was a
//! large share of the build.

use super::lexer::{Piece, each_piece, fold_word};
use super::{PAIR_SEPARATOR, RUN_BREAK, TextField};
use std::collections::HashMap;
use std::ops::Range;

/// Analyses texts of one field; keep one per thread and reuse it.
#[derive(Clone)]
pub struct Analyser {
    stemmer: Option<frostem::Stemmer>,
    stems: StemCache,
    /// Whether every CJK character gets its own token, or (for the index) only the first and
    /// last of each run: inside a run a character is the first of a bigram (see [`super`]).
    every_unigram: bool,
    /// The current word, folded, and the word before it (for the pair).
    word: String,
    previous: String,
    /// A CJK unigram, bigram or word pair being emitted.
    scratch: String,
    /// The CJK run being lexed.
    run: Vec<(char, Range<usize>)>,
}

impl Analyser {
    /// The whole analysis: what queries and highlighting match against.
    pub fn new(field: TextField) -> Self {
        Self {
            every_unigram: true,
            stemmer: field.stemmer(),
            stems: StemCache::default(),
            word: String::new(),
            previous: String::new(),
            scratch: String::new(),
            run: Vec::new(),
        }
    }

    /// What the index stores: the whole analysis less the unigrams inside CJK runs.
    pub fn for_index(field: TextField) -> Self {
        Self {
            every_unigram: false,
            ..Self::new(field)
        }
    }

    /// Calls `emit(text, byte range, position, span)` for every document token of `text`, in
    /// order of position (a word pair right after its second word).
    pub fn each_token(
        &mut self,
        text: &str,
        mut emit: impl FnMut(&str, Range<usize>, usize, usize),
    ) {
        let mut pos = 0;
        // Where the previous word started, while nothing but punctuation or spaces followed it.
        let mut previous_start: Option<usize> = None;
        let Self {
            stemmer,
            stems,
            every_unigram,
            word,
            previous,
            scratch,
            run,
        } = self;
        each_piece(text, run, |piece| match piece {
            Piece::Word(range) => {
                word.clear();
                fold_word(&text[range.clone()], word);
                let word = match stemmer {
                    Some(s) => stems.stem(s, word),
                    None => word.as_str(),
                };
                emit(word, range.clone(), pos, 1);
                if let Some(start) = previous_start {
                    scratch.clear();
                    scratch.push_str(previous);
                    scratch.push(PAIR_SEPARATOR);
                    scratch.push_str(word);
                    emit(scratch, start..range.end, pos - 1, 2);
                }
                previous.clear();
                previous.push_str(word);
                previous_start = Some(range.start);
                pos += 1;
            }
            Piece::Run(chars) => {
                previous_start = None;
                let last = chars.len() - 1;
                for (k, (c, range)) in chars.iter().enumerate() {
                    scratch.clear();
                    scratch.push(*c);
                    if *every_unigram || k == 0 || k == last {
                        emit(scratch, range.clone(), pos + k, 1);
                    }
                    if let Some((next, next_range)) = chars.get(k + 1) {
                        scratch.push(*next);
                        emit(scratch, range.start..next_range.end, pos + k, 2);
                    }
                }
                // A break token after each run: a query that breaks a run (`济、文化`) then
                // needs the break in the text too, not only its two sides (`经济文化` has
                // none).
                let end = chars.last().map_or(0, |(_, r)| r.end);
                emit(RUN_BREAK, end..end, pos + chars.len(), 1);
                pos += chars.len() + 1;
            }
        });
    }
}

/// Stems already computed: words follow Zipf's law, so while indexing most words were seen
/// before and a lookup is much cheaper than running the Snowball stemmer again.
#[derive(Clone, Debug, Default)]
struct StemCache(HashMap<String, String, rustc_hash::FxBuildHasher>);

impl StemCache {
    /// Bounds memory on corpora with a huge vocabulary.
    const MAX: usize = 200_000;

    fn stem<'a>(&'a mut self, stemmer: &frostem::Stemmer, folded: &'a str) -> &'a str {
        if !self.0.contains_key(folded) {
            if self.0.len() >= Self::MAX {
                self.0.clear();
            }
            let stemmed = stemmer.stem(folded).into_owned();
            self.0.insert(folded.to_string(), stemmed);
        }
        self.0.get(folded).map_or(folded, String::as_str)
    }
}
