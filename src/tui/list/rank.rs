//! How well a filter word matches a document's haystack (titles in every language, id, kind,
//! dates). A word found whole at the start of a word ranks first, then found whole anywhere,
//! then a fuzzy match that is still mostly contiguous or made of word starts (a typo, an
//! acronym). Letters scattered across the title match nothing: `armistice` must not find a
//! title that lacks the word just because its letters occur in order.
//!
//! Fast at 100,000 documents: every haystack is folded once into one contiguous buffer
//! ([`Haystacks`], UTF-8, a byte or three per character); a word is looked for with `memmem`;
//! the fuzzy matcher (nucleo) runs only where a cheap test says its answer could count (the
//! word's letters in order, and either a long piece of it whole or a path through word
//! starts). Whether a word's letters occur in order at all is monotone in the query, so the
//! worker narrows a longer query to the documents that passed a shorter one ([`Narrowing`]).

use memchr::memmem::Finder;
use nucleo_matcher::chars;
use nucleo_matcher::{Config, Matcher, Utf32Str};
use rayon::prelude::*;

/// Every document's haystack, folded (lower case, Latin accents removed), one after another
/// in one buffer, with a character mask per document.
#[derive(Debug, Default)]
pub struct Haystacks {
    text: String,
    /// Where haystack `i` ends in `text` (it starts where `i - 1` ends).
    ends: Vec<u32>,
    masks: Vec<Mask>,
}

/// One document's folded haystack.
#[derive(Clone, Copy)]
pub struct Hay<'a> {
    text: &'a str,
    mask: Mask,
}

impl Haystacks {
    /// The haystacks of `items`, `write` putting each one's text (unfolded) into the string
    /// it is given. Folded on every core, a slice at a time, so that no copy per document
    /// stays behind.
    pub fn build<T: Sync>(items: &[T], write: impl Fn(&T, &mut String) + Sync) -> Haystacks {
        let parts: Vec<Haystacks> = items
            .par_chunks(4096)
            .map(|chunk| {
                let mut part = Haystacks::default();
                let mut raw = String::new();
                for item in chunk {
                    raw.clear();
                    write(item, &mut raw);
                    let start = part.text.len();
                    part.text.extend(raw.chars().map(fold));
                    part.masks.push(mask_of(part.text[start..].chars()));
                    part.ends.push(part.text.len() as u32);
                }
                part
            })
            .collect();
        let mut all = Haystacks {
            text: String::with_capacity(parts.iter().map(|p| p.text.len()).sum()),
            ends: Vec::with_capacity(items.len()),
            masks: Vec::with_capacity(items.len()),
        };
        for part in parts {
            let base = all.text.len() as u32;
            all.text.push_str(&part.text);
            all.ends.extend(part.ends.iter().map(|e| e + base));
            all.masks.extend(part.masks);
        }
        all.text.shrink_to_fit();
        all
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Haystack `i` (empty past the end).
    pub fn get(&self, i: usize) -> Hay<'_> {
        let (Some(&end), Some(&mask)) = (self.ends.get(i), self.masks.get(i)) else {
            return Hay {
                text: "",
                mask: Mask::default(),
            };
        };
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        Hay {
            text: &self.text[start as usize..end as usize],
            mask,
        }
    }
}

/// One bit per character present (ASCII) or class of characters (the rest, by code point
/// mod 64): a word with a character the haystack lacks cannot match, found without looking
/// further. ASCII apart, so that the Chinese of a title does not fill the bits a Latin word
/// is checked against.
#[derive(Debug, Default, Clone, Copy)]
struct Mask(u128, u64);

impl Mask {
    /// Whether `self` has every character of `other`.
    fn covers(self, other: Mask) -> bool {
        other.0 & !self.0 == 0 && other.1 & !self.1 == 0
    }
}

fn mask_of(chars: impl Iterator<Item = char>) -> Mask {
    chars.fold(Mask::default(), |Mask(a, o), c| match c as u32 {
        n @ 0..128 => Mask(a | 1 << n, o),
        n => Mask(a, o | 1 << (n % 64)),
    })
}

/// A filter word folded once for every haystack it is matched against.
pub struct Needle {
    chars: Vec<char>,
    /// Each character, UTF-8, to find it in a haystack.
    encoded: Vec<Finder<'static>>,
    whole: Finder<'static>,
    /// Every piece as long as a typo's longest run must be (two thirds of the word).
    pieces: Vec<Finder<'static>>,
    mask: Mask,
}

/// The words of a filter, folded.
pub fn needles(words: &[&str]) -> Vec<Needle> {
    words
        .iter()
        .map(|w| {
            let chars: Vec<char> = w.chars().map(fold).collect();
            let text: String = chars.iter().collect();
            let piece = (chars.len() * 2).div_ceil(3).max(1);
            let pieces = chars
                .windows(piece)
                .map(|p| Finder::new(p.iter().collect::<String>().as_bytes()).into_owned())
                .collect();
            let encoded = (chars.iter())
                .map(|c| Finder::new(c.to_string().as_bytes()).into_owned())
                .collect();
            Needle {
                mask: mask_of(chars.iter().copied()),
                whole: Finder::new(text.as_bytes()).into_owned(),
                encoded,
                pieces,
                chars,
            }
        })
        .collect()
}

fn fold(c: char) -> char {
    chars::normalize(chars::to_lower_case(c))
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Whether a word starts with character `c`, after `prev`. Each Han character is a word of
/// its own for this purpose.
fn starts_word(c: char, prev: Option<char>) -> bool {
    is_han(c) || (alphanumeric(c) && !prev.is_some_and(alphanumeric))
}

/// `char::is_alphanumeric`, without the table look-up for ASCII.
fn alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Score tiers: a better tier always ranks above a worse one, whatever the fuzzy score.
const WORD_START: u32 = 3 << 16;
const CONTIGUOUS: u32 = 2 << 16;
const FUZZY: u32 = 1 << 16;

/// A document's haystack against the filter words: `None` when some word's letters are not
/// in it in order (then no longer query with these words matches it either); else its score
/// if every word matches.
pub fn score_needles(words: &[Needle], hay: Hay<'_>, matcher: &mut Scratch) -> Option<Option<u32>> {
    let mut sum = Some(0u32);
    for w in words {
        let score = word_score(w, hay, matcher)?;
        sum = sum.zip(score).map(|(a, b)| a.saturating_add(b));
    }
    Some(sum)
}

/// Whether `hay` has the highest score any document can have for `words` (every word whole
/// at a word start), told by `memmem` alone: the test that lets the first rows of a ranking
/// come without the fuzzy matcher (see `Request::first_rows`).
pub fn has_best_score(words: &[Needle], hay: Hay<'_>) -> bool {
    words.iter().all(|w| {
        let Some(&first) = w.chars.first() else {
            return true;
        };
        hay.mask.covers(w.mask)
            && (w.whole.find_iter(hay.text.as_bytes()))
                .any(|at| starts_word(first, hay.text[..at].chars().next_back()))
    })
}

/// The score of all `words` (all must match), or `None`.
#[cfg(test)]
pub fn score(words: &[&str], hay: Hay<'_>, matcher: &mut Scratch) -> Option<u32> {
    score_needles(&needles(words), hay, matcher).flatten()
}

fn word_score(word: &Needle, hay: Hay<'_>, matcher: &mut Scratch) -> Option<Option<u32>> {
    let needle = &word.chars;
    let Some(&first) = needle.first() else {
        return Some(Some(0));
    };
    // Every character of the word must be in the haystack, whole or fuzzy.
    if !hay.mask.covers(word.mask) {
        return None;
    }
    let len = needle.len() as u32;
    let bytes = hay.text.as_bytes();
    let mut found = false;
    for at in word.whole.find_iter(bytes) {
        if starts_word(first, hay.text[..at].chars().next_back()) {
            return Some(Some(WORD_START + len));
        }
        found = true;
    }
    if found {
        return Some(Some(CONTIGUOUS + len));
    }
    if !in_order(word, bytes) {
        return None;
    }
    // The matcher's answer counts only with a long run or runs at word starts: if neither
    // can exist, it is not asked.
    let could = word.pieces.iter().any(|p| p.find(bytes).is_some())
        || through_word_starts(needle, hay.text);
    if !could {
        return Some(None);
    }
    let Scratch {
        matcher,
        chars: folded,
        indices,
    } = matcher;
    folded.clear();
    folded.extend(hay.text.chars());
    indices.clear();
    let fuzzy = matcher.fuzzy_indices(
        Utf32Str::Unicode(folded),
        Utf32Str::Unicode(needle),
        indices,
    );
    Some(
        fuzzy
            .filter(|_| strong_enough(indices, folded, needle.len()))
            .map(|f| FUZZY + u32::from(f)),
    )
}

/// Whether the word's characters occur in `hay` in order (UTF-8 is self-synchronising, so a
/// character's bytes found are that character).
fn in_order(word: &Needle, hay: &[u8]) -> bool {
    let mut at = 0;
    word.encoded.iter().all(|c| match c.find(&hay[at..]) {
        Some(p) => {
            at += p + c.needle().len();
            true
        }
        None => false,
    })
}

/// Whether `needle` can be matched in `hay` as runs that each begin a word (the acronym
/// rule of [`strong_enough`]), by bit-parallel reachability: bit `j` of `reach` says the
/// first `j` characters are matched before here, of `ending` that they end just before here.
fn through_word_starts(needle: &[char], hay: &str) -> bool {
    let n = needle.len();
    if n >= 64 {
        return true; // not worth a wider state: let the matcher decide
    }
    let (mut reach, mut ending) = (1u64, 0u64);
    let mut prev = None;
    for c in hay.chars() {
        let eq = (needle.iter().enumerate())
            .filter(|(_, nc)| **nc == c)
            .fold(0u64, |m, (j, _)| m | 1 << j);
        // Most characters are none of the word's: nothing to extend, no word start to test.
        ending = if eq == 0 {
            0
        } else {
            let from = ending | if starts_word(c, prev) { reach } else { 0 };
            (from & eq) << 1
        };
        reach |= ending;
        if reach >> n & 1 == 1 {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// A fuzzy match counts when its matched characters are mostly one run (a typo: two thirds
/// of the word contiguous, at most three pieces), or when every piece begins a word (an
/// acronym such as `jsa` for "Journal of Soviet Ambassador").
fn strong_enough(indices: &[u32], hay: &[char], needle_len: usize) -> bool {
    let mut runs: Vec<(usize, usize)> = Vec::new(); // (start, length)
    for &i in indices {
        let i = i as usize;
        match runs.last_mut() {
            Some((start, len)) if *start + *len == i => *len += 1,
            _ => runs.push((i, 1)),
        }
    }
    let longest = runs.iter().map(|r| r.1).max().unwrap_or(0);
    let typo = runs.len() <= 3 && longest * 3 >= needle_len * 2;
    let acronym = runs.iter().all(|&(start, _)| {
        let prev = start.checked_sub(1).and_then(|p| hay.get(p)).copied();
        hay.get(start).is_some_and(|&c| starts_word(c, prev))
    });
    typo || acronym
}

/// The fuzzy matcher and its buffers, one per thread of a filtering.
pub struct Scratch {
    matcher: Matcher,
    chars: Vec<char>,
    indices: Vec<u32>,
}

pub fn matcher() -> Scratch {
    Scratch {
        matcher: Matcher::new(Config::DEFAULT),
        chars: Vec::new(),
        indices: Vec::new(),
    }
}

/// What the filter worker remembers of the queries it answered lately: for each, the
/// documents in which every word's letters occur in order. That is a superset of the
/// query's matches and of those of any query whose words hold these words' letters in
/// order (typing on, or adding a word), so such a query looks only at those documents.
/// `S` names what the documents were matched against (the haystacks and labels): an answer
/// over other haystacks is never used.
pub struct Narrowing<S> {
    seen: Vec<Seen<S>>,
}

struct Seen<S> {
    source: S,
    words: Vec<Vec<char>>,
    labels: Vec<String>,
    docs: Vec<u32>,
}

impl<S> Default for Narrowing<S> {
    fn default() -> Self {
        Narrowing { seen: Vec::new() }
    }
}

/// How many queries are remembered (each holds up to 4 bytes per document).
const REMEMBERED: usize = 8;

impl<S: PartialEq> Narrowing<S> {
    /// The fewest documents a query of `words` and `labels` over `source` must be looked
    /// for in, when an earlier query narrows it; `None`: all of them.
    pub fn candidates(&self, source: &S, words: &[Needle], labels: &[String]) -> Option<&[u32]> {
        self.seen
            .iter()
            .filter(|s| s.source == *source)
            .filter(|s| s.labels.iter().all(|l| labels.contains(l)))
            .filter(|s| {
                s.words.iter().all(|old| {
                    words.iter().any(|w| {
                        let mut them = w.chars.iter();
                        old.iter().all(|c| them.any(|o| o == c))
                    })
                })
            })
            .min_by_key(|s| s.docs.len())
            .map(|s| s.docs.as_slice())
    }

    /// Remembers the documents that held the letters of every word of a query in order.
    pub fn remember(&mut self, source: S, words: &[Needle], labels: Vec<String>, docs: Vec<u32>) {
        // Other haystacks (the list was reloaded): what was seen of the old ones is useless.
        self.seen.retain(|s| s.source == source);
        if self.seen.len() >= REMEMBERED {
            self.seen.remove(0);
        }
        let words = words.iter().map(|w| w.chars.clone()).collect();
        self.seen.push(Seen {
            source,
            words,
            labels,
            docs,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Haystacks {
        Haystacks::build(&[text], |t, s| s.push_str(t))
    }

    fn matches(word: &str, text: &str) -> bool {
        score(&[word], one(text).get(0), &mut matcher()).is_some()
    }

    #[test]
    fn whole_words_typos_and_acronyms_match_but_scattered_letters_do_not() {
        let treaty = "Treaty of friendship, co-operation and mutual assistance";
        assert!(matches("friendship", treaty));
        assert!(matches("friendshp", treaty));
        assert!(matches("tfc", treaty));
        assert!(!matches("armistice", treaty));
        assert!(matches("communique", "Joint Communiqué"));
        assert!(matches("联合公报", "苏朝两国政府发表联合公报"));
        assert!(matches("jsa", "Journal of Soviet Ambassador"));
        assert!(matches("sovam", "Journal of Soviet Ambassador"));
    }

    #[test]
    fn a_word_start_ranks_above_the_same_letters_inside_a_word() {
        let m = &mut matcher();
        let start = score(&["art"], one("article one").get(0), m);
        let inside = score(&["art"], one("the party").get(0), m);
        assert!(start > inside, "{start:?} {inside:?}");
    }

    #[test]
    fn haystacks_share_one_buffer_and_keep_their_bounds() {
        let texts = ["Ärger über", "", "苏朝 Treaty"];
        let all = Haystacks::build(&texts, |t, s| s.push_str(t));
        assert_eq!(all.len(), 3);
        assert_eq!(all.get(0).text, "arger uber");
        assert_eq!(all.get(1).text, "");
        assert_eq!(all.get(2).text, "苏朝 treaty");
        assert_eq!(all.get(3).text, "");
    }

    #[test]
    fn a_document_without_a_words_letters_in_order_is_out_for_every_longer_query() {
        let hay = one("Treaty of friendship");
        let m = &mut matcher();
        // "fz": no z at all; "fiy": the letters, not in this order.
        assert_eq!(score_needles(&needles(&["fz"]), hay.get(0), m), None);
        assert_eq!(score_needles(&needles(&["hit"]), hay.get(0), m), None);
        // In order but scattered: not a match, still a candidate for a longer query.
        assert_eq!(
            score_needles(&needles(&["tyoi"]), hay.get(0), m),
            Some(None)
        );
    }

    #[test]
    fn narrowing_only_uses_queries_whose_words_are_in_order_in_the_new_ones() {
        let mut seen: Narrowing<u8> = Narrowing::default();
        seen.remember(1, &needles(&["fri"]), vec![], vec![3, 5]);
        seen.remember(1, &needles(&["fr"]), vec![], vec![1, 3, 5]);
        let got = |s: &Narrowing<u8>, src: u8, w: &[&str], l: &[String]| {
            s.candidates(&src, &needles(w), l).map(<[u32]>::to_vec)
        };
        assert_eq!(got(&seen, 1, &["frie"], &[]), Some(vec![3, 5]));
        assert_eq!(got(&seen, 1, &["x", "fxr"], &[]), Some(vec![1, 3, 5]));
        assert_eq!(got(&seen, 1, &["f"], &[]), None);
        assert_eq!(got(&seen, 2, &["frie"], &[]), None);
        seen.remember(1, &needles(&["fr"]), vec!["tag:a".into()], vec![3]);
        assert_eq!(got(&seen, 1, &["fri"], &[]), Some(vec![3, 5]));
        assert_eq!(got(&seen, 1, &["fri"], &["tag:a".into()]), Some(vec![3]));
    }
}
