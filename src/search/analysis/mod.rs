//! Text analysis for the index and for queries: the one place that decides what a token is.
//!
//! Every text field uses the same lexer. Runs of CJK characters (Han, kana, Hangul) become one
//! single-character token per character plus one bigram per pair of neighbours, each bigram at
//! the position of its first character; everything else is split into words. Whitespace between
//! two CJK characters does not end a run, in documents and in queries alike, so hard-wrapped
//! Chinese lines and `金 日成` typed with a space both read as one string.
//!
//! Why bigrams *with* positions: a query string of n ≥ 2 CJK characters becomes the phrase of
//! its n−1 bigrams at consecutive positions. Each character owns one position, so two bigrams at
//! positions p and p+1 share the character at p+1 and the phrase can only match where the whole
//! string stands in the text. A one-character query is a plain term query on the unigram.
//! Every run is followed by a break token, so that a query such as `济、文化` (two runs) does
//! not match `经济文化` (one run).
//!
//! Words are lowercased and folded (diacritics off Latin letters, `ё` → `е`, full-width forms to
//! ASCII) so that `Hŭngnam` meets `Hungnam`; hyphens and other punctuation split words without
//! using a position, so `Kim Il-sung` and `Kim Il Sung` are the same three-word sequence. English
//! and Russian fields then stem their words (Snowball).

use crate::model::Lang;
use std::ops::Range;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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

/// Documents get unigrams and bigrams; queries get only what must match: the unigram for a
/// one-character run, the bigrams otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Document,
    Query,
}

/// A token: normalized text, byte range in the analysed text (on char boundaries), position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    pub text: String,
    pub range: Range<usize>,
    pub pos: usize,
}

/// The token that ends a CJK run; no text can produce it.
pub const RUN_BREAK: &str = "\u{1}";

/// Scripts written without spaces between words, analysed by characters.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x3134F  // extensions B–G
        | 0x3005..=0x3007    // 々 〆 〇
        | 0x3040..=0x30FF    // hiragana, katakana
        | 0x1100..=0x11FF    // Hangul jamo
        | 0x3130..=0x318F    // Hangul compatibility jamo
        | 0xAC00..=0xD7AF    // Hangul syllables
    )
}

/// Letters and digits outside CJK, plus combining marks that continue a word.
fn is_word_char(c: char) -> bool {
    !is_cjk(c) && (c.is_alphanumeric() || is_combining_mark(c))
}

/// A lexical piece of text: a CJK run (each char with its byte range) or a word (byte range).
#[derive(Debug)]
pub enum Piece {
    Run(Vec<(char, Range<usize>)>),
    Word(Range<usize>),
}

/// Splits text into CJK runs and words; everything else separates them.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    // True while only whitespace has followed the last CJK run, which may then continue.
    let mut run_open = false;
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if is_word_char(c) {
            run_open = false;
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            out.push(Piece::Word(start..i));
        }
        if is_cjk(c) {
            match out.last_mut() {
                Some(Piece::Run(chars)) if run_open => chars.push((c, i..end)),
                _ => out.push(Piece::Run(vec![(c, i..end)])),
            }
            run_open = true;
        } else if !c.is_whitespace() {
            run_open = false;
        }
    }
    if let Some(start) = word_start {
        out.push(Piece::Word(start..text.len()));
    }
    out
}

/// Lowercases and folds a word so that spelling variants of a name meet.
pub fn fold_word(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in word.chars() {
        for lower in c.to_lowercase() {
            fold_char(lower, out);
        }
    }
}

fn fold_char(c: char, out: &mut String) {
    match c {
        c if c.is_ascii() => out.push(c),
        // Full-width ASCII forms (ＫＩＭ, １９５６) as typed with a CJK input method.
        '\u{FF01}'..='\u{FF5E}' => {
            if let Some(a) = char::from_u32(c as u32 - 0xFEE0) {
                out.extend(a.to_lowercase());
            }
        }
        'ё' => out.push('е'),
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'ø' => out.push('o'),
        'ł' => out.push('l'),
        'đ' | 'ð' => out.push('d'),
        'þ' => out.push_str("th"),
        'ı' => out.push('i'),
        // Latin letters with diacritics (Hŭngnam, Pyŏngyang, Corée): decompose, drop the marks.
        // Only Latin: the same treatment would turn Russian й into и.
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
            out.extend(std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)))
        }
        c if is_combining_mark(c) => {}
        c => out.push(c),
    }
}

/// Analyses `text` for `field`. Positions start at 0; offsets are byte ranges into `text`.
pub fn tokenize(field: TextField, mode: Mode, text: &str) -> Vec<Tok> {
    tokenize_with(field, mode, text, &mut StemCache::default())
}

/// Stems already computed: words follow Zipf's law, so while indexing most words were seen
/// before and a lookup is much cheaper than running the Snowball stemmer again.
#[derive(Clone, Debug, Default)]
pub struct StemCache(std::collections::HashMap<String, String>);

impl StemCache {
    /// Bounds memory on corpora with a huge vocabulary.
    const MAX: usize = 200_000;

    fn stem(&mut self, stemmer: &frostem::Stemmer, folded: String) -> String {
        if let Some(s) = self.0.get(&folded) {
            return s.clone();
        }
        let stemmed = stemmer.stem(&folded).into_owned();
        if self.0.len() >= Self::MAX {
            self.0.clear();
        }
        self.0.insert(folded, stemmed.clone());
        stemmed
    }
}

fn tokenize_with(field: TextField, mode: Mode, text: &str, cache: &mut StemCache) -> Vec<Tok> {
    let stemmer = field.stemmer();
    let mut toks = Vec::new();
    let mut pos = 0;
    let pieces = pieces(text);
    let n_pieces = pieces.len();
    for (k_piece, piece) in pieces.into_iter().enumerate() {
        match piece {
            Piece::Word(range) => {
                let mut folded = String::with_capacity(range.len());
                fold_word(&text[range.clone()], &mut folded);
                let text = match &stemmer {
                    Some(s) => cache.stem(s, folded),
                    None => folded,
                };
                toks.push(Tok { text, range, pos });
                pos += 1;
            }
            Piece::Run(chars) => {
                let n = chars.len();
                for (k, (c, range)) in chars.iter().enumerate() {
                    if mode == Mode::Document || n == 1 {
                        toks.push(Tok {
                            text: c.to_string(),
                            range: range.clone(),
                            pos: pos + k,
                        });
                    }
                    if let Some((next, next_range)) = chars.get(k + 1) {
                        let mut bigram = String::with_capacity(8);
                        bigram.push(*c);
                        bigram.push(*next);
                        toks.push(Tok {
                            text: bigram,
                            range: range.start..next_range.end,
                            pos: pos + k,
                        });
                    }
                }
                // A break token after each run: a query that breaks a run (`济、文化`) then
                // needs the break in the text too, not only its two sides (`经济文化` has none).
                // A query needs it only between its own pieces.
                if mode == Mode::Document || k_piece + 1 < n_pieces {
                    let end = chars.last().map_or(0, |(_, r)| r.end);
                    toks.push(Tok {
                        text: RUN_BREAK.to_string(),
                        range: end..end,
                        pos: pos + n,
                    });
                }
                pos += n + 1;
            }
        }
    }
    toks
}

/// The document-mode analyser as a tantivy tokenizer, registered once per text field.
#[derive(Clone)]
pub struct LecternTokenizer {
    field: TextField,
    cache: StemCache,
}

impl LecternTokenizer {
    pub fn new(field: TextField) -> Self {
        Self {
            field,
            cache: StemCache::default(),
        }
    }
}

pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for LecternTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let tokens = tokenize_with(self.field, Mode::Document, text, &mut self.cache)
            .into_iter()
            .map(|t| Token {
                offset_from: t.range.start,
                offset_to: t.range.end,
                position: t.pos,
                text: t.text,
                position_length: 1,
            })
            .collect();
        VecTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Registers the analysers of every text field with an index.
pub fn register(index: &tantivy::Index) {
    for field in TextField::ALL {
        index
            .tokenizers()
            .register(field.tokenizer_name(), LecternTokenizer::new(field));
    }
}
