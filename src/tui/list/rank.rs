//! How well a filter word matches a document's haystack (titles in every language, id, kind,
//! dates). A word found whole at the start of a word ranks first, then found whole anywhere,
//! then a fuzzy match that is still mostly contiguous or made of word starts (a typo, an
//! acronym). Letters scattered across the title match nothing: `armistice` must not find a
//! title that lacks the word just because its letters occur in order.

use nucleo_matcher::chars;
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// A haystack prepared for matching: folded characters (lower case, Latin accents removed)
/// and, per character, whether a word starts there.
#[derive(Debug, Default, Clone)]
pub struct Haystack {
    folded: Vec<char>,
    word_start: Vec<bool>,
    /// One bit per character present (ASCII) or class of characters (the rest, by code point
    /// mod 64): a word with a character the haystack lacks cannot match, found without
    /// looking further. ASCII apart, so that the Chinese of a title does not fill the bits a
    /// Latin word is checked against.
    mask: Mask,
}

impl Haystack {
    pub fn new(text: &str) -> Haystack {
        let folded: Vec<char> = text.chars().map(fold).collect();
        let word_start = folded
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                // Each Han character is a word of its own for this purpose.
                let prev = i.checked_sub(1).map(|p| folded[p]);
                is_han(c) || (c.is_alphanumeric() && !prev.is_some_and(char::is_alphanumeric))
            })
            .collect();
        let mask = mask_of(&folded);
        Haystack {
            folded,
            word_start,
            mask,
        }
    }
}

/// See [`Haystack`]'s `mask`: (ASCII characters, classes of the others).
#[derive(Debug, Default, Clone, Copy)]
struct Mask(u128, u64);

impl Mask {
    /// Whether `self` has every character of `other`.
    fn covers(self, other: Mask) -> bool {
        other.0 & !self.0 == 0 && other.1 & !self.1 == 0
    }
}

fn mask_of(chars: &[char]) -> Mask {
    chars
        .iter()
        .fold(Mask::default(), |Mask(a, o), &c| match c as u32 {
            n @ 0..128 => Mask(a | 1 << n, o),
            n => Mask(a, o | 1 << (n % 64)),
        })
}

/// A filter word folded once for every haystack it is matched against.
pub struct Needle {
    chars: Vec<char>,
    mask: Mask,
}

/// The words of a filter, folded.
pub fn needles(words: &[&str]) -> Vec<Needle> {
    words
        .iter()
        .map(|w| {
            let chars: Vec<char> = w.chars().map(fold).collect();
            let mask = mask_of(&chars);
            Needle { chars, mask }
        })
        .collect()
}

fn fold(c: char) -> char {
    chars::normalize(chars::to_lower_case(c))
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Score tiers: a better tier always ranks above a worse one, whatever the fuzzy score.
const WORD_START: u32 = 3 << 16;
const CONTIGUOUS: u32 = 2 << 16;
const FUZZY: u32 = 1 << 16;

/// The score of every filter word against a haystack (all must match), or `None`.
#[cfg(test)]
pub fn score(words: &[&str], hay: &Haystack, matcher: &mut Matcher) -> Option<u32> {
    score_needles(&needles(words), hay, matcher)
}

/// [`score`] of words already folded ([`needles`]).
pub fn score_needles(words: &[Needle], hay: &Haystack, matcher: &mut Matcher) -> Option<u32> {
    words.iter().try_fold(0u32, |sum, w| {
        Some(sum.saturating_add(word_score(w, hay, matcher)?))
    })
}

fn word_score(word: &Needle, hay: &Haystack, matcher: &mut Matcher) -> Option<u32> {
    let needle = &word.chars;
    if needle.is_empty() {
        return Some(0);
    }
    // Every character of the word must be in the haystack, whole or fuzzy.
    if !hay.mask.covers(word.mask) {
        return None;
    }
    let len = needle.len() as u32;
    let mut found = false;
    for s in substring_starts(&hay.folded, needle) {
        if hay.word_start[s] {
            return Some(WORD_START + len);
        }
        found = true;
    }
    if found {
        return Some(CONTIGUOUS + len);
    }
    let mut indices = Vec::new();
    let fuzzy = matcher.fuzzy_indices(
        Utf32Str::Unicode(&hay.folded),
        Utf32Str::Unicode(needle),
        &mut indices,
    )?;
    strong_enough(&indices, hay, needle.len()).then_some(FUZZY + u32::from(fuzzy))
}

/// Where `needle` occurs in `hay` (char offsets), in order.
fn substring_starts<'a>(hay: &'a [char], needle: &'a [char]) -> impl Iterator<Item = usize> + 'a {
    let last = (hay.len() + 1).saturating_sub(needle.len());
    // The first character compared alone first: most places fail there.
    let first = needle.first().copied();
    (0..last).filter(move |&i| Some(hay[i]) == first && hay[i..i + needle.len()] == *needle)
}

/// A fuzzy match counts when its matched characters are mostly one run (a typo: two thirds
/// of the word contiguous, at most three pieces), or when every piece begins a word (an
/// acronym such as `jsa` for "Journal of Soviet Ambassador").
fn strong_enough(indices: &[u32], hay: &Haystack, needle_len: usize) -> bool {
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
    let acronym = runs
        .iter()
        .all(|&(start, _)| hay.word_start.get(start).copied().unwrap_or(false));
    typo || acronym
}

pub fn matcher() -> Matcher {
    Matcher::new(Config::DEFAULT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(word: &str, text: &str) -> bool {
        score(&[word], &Haystack::new(text), &mut matcher()).is_some()
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
    }

    #[test]
    fn a_word_start_ranks_above_the_same_letters_inside_a_word() {
        let m = &mut matcher();
        let start = score(&["art"], &Haystack::new("article one"), m);
        let inside = score(&["art"], &Haystack::new("the party"), m);
        assert!(start > inside, "{start:?} {inside:?}");
    }
}
