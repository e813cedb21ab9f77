//! The query language, parsed leniently: whatever the user types gives a query, and anything
//! that could not be understood becomes a note for the user instead of an error.
//!
//! ```text
//! query   := item*
//! item    := term | term ("OR" term)+ | "-" term | filter
//! term    := word | "\"" phrase "\""            (an unclosed quote runs to the end)
//! filter  := kind:K | lang:L | year:Y | year:Y..Y | date:D | date:D..D | title:term
//!          | mentions:ID | note: | note:WORD | tag:T | collection:NAME
//! ```
//! `note:`, `tag:` and `collection:` are about the user's own material (the workspace): `tag:`
//! and `collection:` narrow documents and notes alike, `note:` asks for notes only.
//! Words must all match (in any language of a block); a word that analyses to several tokens
//! (`Il-sung`, `朝鲜`) matches as a phrase. Words typed with spaces between CJK characters are
//! joined (`金 日成` = `金日成`).

use super::analysis::is_cjk;
use crate::model::{DocKind, Lang, PartialDate};

/// A word or a quoted phrase, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub quoted: bool,
}

/// Inclusive bounds on the document date as `yyyymmdd` keys (see `schema::date_key`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Any of these kinds (empty: any kind).
    pub kinds: Vec<DocKind>,
    /// Search only the text in these languages (empty: all).
    pub langs: Vec<Lang>,
    pub date: Option<DateRange>,
    /// Terms that must all appear in the document's title.
    pub title: Vec<Term>,
    /// Entity ids (`mentions:ID`): blocks that mention all of them. Resolved by a
    /// [`super::MentionResolver`] when one is installed.
    pub mentions: Vec<String>,
    /// `tag:T`: documents the user tagged with all of these (folded to lower case).
    pub tags: Vec<String>,
    /// `collection:NAME`: documents in all of these collections (folded to lower case).
    pub collections: Vec<String>,
    /// `note:` was typed: only the user's notes are asked for, with all of these words in
    /// the note's own text (`note:` alone: any note).
    pub note: Option<Vec<String>>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Every group must match; a group matches when any of its terms does (OR).
    pub groups: Vec<Vec<Term>>,
    /// No term here may match.
    pub excluded: Vec<Term>,
    pub filters: Filters,
    /// What was not understood and how it was read instead, one sentence each.
    pub notes: Vec<String>,
}

impl ParsedQuery {
    /// True when there is nothing to search for and no filter to list documents by.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.filters.is_empty()
    }
}

/// A lexical item of the query string.
#[derive(Debug)]
enum Item {
    Term(Term),
    Not(Term),
    Or,
}

pub fn parse(input: &str) -> ParsedQuery {
    WORK.set(0);
    let mut q = ParsedQuery::default();
    let items = lex(input, &mut q);
    group(items, &mut q);
    q
}

thread_local! {
    /// Characters and notes the last [`parse`] on this thread looked at: a deterministic
    /// measure of its work, which the property tests bound to prove the parser linear.
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn work(n: usize) {
    WORK.set(WORK.get() + n as u64);
}

/// The work [`parse`] does on `input` (see `WORK`).
#[doc(hidden)]
pub fn parse_cost(input: &str) -> u64 {
    parse(input);
    WORK.get()
}

/// At most this many notes: each is compared with those before it, and a user reads a few.
const MAX_NOTES: usize = 16;

const FILTERS: [&str; 9] = [
    "kind",
    "lang",
    "year",
    "date",
    "title",
    "mentions",
    "note",
    "tag",
    "collection",
];

fn lex(input: &str, q: &mut ParsedQuery) -> Vec<Item> {
    let chars: Vec<char> = input.chars().collect();
    let mut items = Vec::new();
    let mut i = 0;
    // Whether the previous item was a bare word directly followed by whitespace only.
    let mut prev_bare = false;
    while i < chars.len() {
        work(1);
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '(' || c == ')' {
            note(
                q,
                "parentheses are not supported: the words inside were searched as plain words",
            );
            i += 1;
            prev_bare = false;
            continue;
        }
        if c == '"' {
            let (text, next) = quoted(&chars, i + 1, q);
            i = next;
            if !text.trim().is_empty() {
                items.push(Item::Term(Term { text, quoted: true }));
            }
            prev_bare = false;
            continue;
        }
        if c == '-' {
            match chars.get(i + 1) {
                Some('"') => {
                    let (text, next) = quoted(&chars, i + 2, q);
                    i = next;
                    if !text.trim().is_empty() {
                        items.push(Item::Not(Term { text, quoted: true }));
                    }
                }
                Some(n) if !n.is_whitespace() => {
                    let (word, next) = bare(&chars, i + 1);
                    i = next;
                    items.push(Item::Not(Term {
                        text: word,
                        quoted: false,
                    }));
                }
                _ => {
                    note(
                        q,
                        "a '-' must stand right before the word to leave out; it was ignored",
                    );
                    i += 1;
                }
            }
            prev_bare = false;
            continue;
        }
        let (word, next) = bare(&chars, i);
        i = next;
        if word == "OR" {
            items.push(Item::Or);
            prev_bare = false;
            continue;
        }
        if word == "AND" {
            // Words are joined by AND already.
            prev_bare = false;
            continue;
        }
        if let Some((name, value)) = word.split_once(':') {
            let lname = name.to_lowercase();
            if FILTERS.contains(&lname.as_str()) {
                let (value, next) = if value.is_empty() && chars.get(i) == Some(&'"') {
                    quoted(&chars, i + 1, q)
                } else {
                    (value.to_string(), i)
                };
                i = next;
                filter(&lname, value.trim(), q);
                prev_bare = false;
                continue;
            }
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic()) {
                note(
                    q,
                    &format!(
                        "unknown filter '{name}:' (known: {}); '{word}' was searched as text",
                        FILTERS.map(|f| format!("{f}:")).join(" ")
                    ),
                );
            }
        }
        if word.contains(['*', '?']) {
            note(
                q,
                "wildcards (* ?) are not supported; the rest of the word was searched",
            );
        }
        // `金 日成`: CJK on both sides of a space is one string.
        let joins = prev_bare
            && word.chars().next().is_some_and(is_cjk)
            && matches!(items.last(), Some(Item::Term(t)) if !t.quoted && t.text.chars().last().is_some_and(is_cjk));
        if joins {
            if let Some(Item::Term(t)) = items.last_mut() {
                t.text.push_str(&word);
            }
        } else {
            items.push(Item::Term(Term {
                text: word,
                quoted: false,
            }));
        }
        prev_bare = true;
    }
    items
}

/// Reads up to the closing quote (or the end, with a note). Returns the text and the index
/// after the closing quote.
fn quoted(chars: &[char], start: usize, q: &mut ParsedQuery) -> (String, usize) {
    let found = chars[start.min(chars.len())..]
        .iter()
        .position(|&c| c == '"');
    work(found.map_or(chars.len().saturating_sub(start), |len| len + 1));
    match found {
        Some(len) => (chars[start..start + len].iter().collect(), start + len + 1),
        None => {
            note(
                q,
                "a quote was not closed: the phrase runs to the end of the query",
            );
            (
                chars[start.min(chars.len())..].iter().collect(),
                chars.len(),
            )
        }
    }
}

/// Reads a bare word: up to whitespace, a quote or a parenthesis.
fn bare(chars: &[char], start: usize) -> (String, usize) {
    let len = chars[start..]
        .iter()
        .position(|&c| c.is_whitespace() || c == '"' || c == '(' || c == ')')
        .unwrap_or(chars.len() - start);
    work(len + 1);
    (chars[start..start + len].iter().collect(), start + len)
}

fn filter(name: &str, value: &str, q: &mut ParsedQuery) {
    if name == "note" {
        let words = q.filters.note.get_or_insert_with(Vec::new);
        if !value.is_empty() {
            words.push(value.to_lowercase());
        }
        return;
    }
    if value.is_empty() {
        note(q, &format!("'{name}:' needs a value; it was ignored"));
        return;
    }
    match name {
        "kind" => match value.parse::<DocKind>() {
            Ok(k) => q.filters.kinds.push(k),
            Err(e) => note(q, &format!("{e}; 'kind:' was ignored")),
        },
        "lang" => match value.parse::<Lang>() {
            Ok(l) => q.filters.langs.push(l),
            Err(e) => note(q, &format!("{e}; 'lang:' was ignored")),
        },
        "year" | "date" => match date_range(value, name == "year", q) {
            Some(r) => {
                let d = q.filters.date.get_or_insert(DateRange {
                    from: None,
                    to: None,
                });
                // Several date filters narrow each other.
                d.from = d.from.max(r.from);
                d.to = match (d.to, r.to) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            None => note(
                q,
                &format!(
                    "'{name}:{value}' is not a date or range (1956, 1956-07-14, 1956..1961); it was ignored"
                ),
            ),
        },
        "title" => q.filters.title.push(Term {
            text: value.to_string(),
            quoted: true,
        }),
        "mentions" => q.filters.mentions.push(value.to_string()),
        "tag" => q.filters.tags.push(value.to_lowercase()),
        "collection" => q.filters.collections.push(value.to_lowercase()),
        _ => {}
    }
}

/// `1956`, `1956-07`, `1956-07-14`, or a range `A..B` with either side open.
fn date_range(value: &str, year_only: bool, q: &mut ParsedQuery) -> Option<DateRange> {
    let bound = |s: &str, upper: bool| -> Option<Option<i64>> {
        if s.is_empty() {
            return Some(None);
        }
        let d: PartialDate = s.parse().ok()?;
        if year_only && d.month.is_some() {
            return None;
        }
        let key = super::schema::date_key(d);
        Some(Some(if upper {
            // The whole of a year or month: up to its last possible key.
            match (d.month, d.day) {
                (None, _) => key + 9999,
                (Some(_), None) => key + 99,
                _ => key,
            }
        } else {
            key
        }))
    };
    let (from, to) = match value.split_once("..") {
        Some((a, b)) => {
            let (from, to) = (bound(a.trim(), false)?, bound(b.trim(), true)?);
            match (from, to) {
                // Written backwards (1961..1956): the same range the other way round.
                (Some(f), Some(t)) if f > t => {
                    let swapped = (bound(b.trim(), false)?, bound(a.trim(), true)?);
                    note(
                        q,
                        &format!(
                            "'{value}' runs backwards; it was read as {}..{}",
                            b.trim(),
                            a.trim()
                        ),
                    );
                    swapped
                }
                other => other,
            }
        }
        None => (bound(value, false)?, bound(value, true)?),
    };
    if from.is_none() && to.is_none() {
        return None;
    }
    Some(DateRange { from, to })
}

/// Turns the item sequence into AND-ed OR-groups and exclusions.
fn group(items: Vec<Item>, q: &mut ParsedQuery) {
    let mut pending_or = false;
    for item in items {
        match item {
            Item::Or => {
                if pending_or || q.groups.is_empty() {
                    note(q, "'OR' needs a word on each side; it was ignored");
                }
                pending_or = !q.groups.is_empty();
            }
            Item::Term(t) => {
                match q.groups.last_mut() {
                    Some(g) if pending_or => g.push(t),
                    _ => q.groups.push(vec![t]),
                }
                pending_or = false;
            }
            Item::Not(t) => {
                if pending_or {
                    note(q, "'OR' needs a word on each side; it was ignored");
                    pending_or = false;
                }
                q.excluded.push(t);
            }
        }
    }
    if pending_or {
        note(q, "'OR' needs a word on each side; it was ignored");
    }
}

fn note(q: &mut ParsedQuery, text: &str) {
    work(q.notes.len());
    if q.notes.len() < MAX_NOTES && !q.notes.iter().any(|n| n == text) {
        q.notes.push(text.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &ParsedQuery) -> Vec<Vec<&str>> {
        q.groups
            .iter()
            .map(|g| g.iter().map(|t| t.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn a_range_written_backwards_is_swapped_and_said_so() {
        let q = parse("date:1961..1956");
        assert_eq!(q.filters.date, parse("date:1956..1961").filters.date);
        assert!(
            q.notes.iter().any(|n| n.contains("backwards")),
            "{:?}",
            q.notes
        );
    }

    #[test]
    fn and_in_capitals_is_the_default_operator() {
        let q = parse("Kim AND treaty");
        assert_eq!(words(&q), vec![vec!["Kim"], vec!["treaty"]]);
        assert!(q.notes.is_empty());
        // Lower case "and" is a word like any other.
        assert_eq!(words(&parse("war and peace")).len(), 3);
    }

    #[test]
    fn words_phrases_or_and_exclusions() {
        let q = parse(r#"treaty "mutual aid" Moscow OR Pyongyang -draft"#);
        assert_eq!(
            words(&q),
            vec![
                vec!["treaty"],
                vec!["mutual aid"],
                vec!["Moscow", "Pyongyang"]
            ]
        );
        assert!(q.groups[1][0].quoted);
        assert_eq!(q.excluded[0].text, "draft");
        assert!(q.notes.is_empty());
    }

    #[test]
    fn filters_are_read() {
        let q = parse(
            "kind:treaty lang:zh date:1956..1961 title:\"joint communiqué\" mentions:kim-il-sung 朝鲜",
        );
        assert_eq!(q.filters.kinds, vec![DocKind::Treaty]);
        assert_eq!(q.filters.langs, vec![Lang::Zh]);
        assert_eq!(
            q.filters.date,
            Some(DateRange {
                from: Some(19560000),
                to: Some(19619999)
            })
        );
        assert_eq!(q.filters.title[0].text, "joint communiqué");
        assert_eq!(q.filters.mentions, vec!["kim-il-sung"]);
        assert_eq!(words(&q), vec![vec!["朝鲜"]]);
        let y = parse("year:1956");
        assert_eq!(
            y.filters.date,
            Some(DateRange {
                from: Some(19560000),
                to: Some(19569999)
            })
        );
    }

    #[test]
    fn spaces_between_chinese_characters_join_words() {
        assert_eq!(words(&parse("金 日 成")), vec![vec!["金日成"]]);
        assert_eq!(
            words(&parse("金日成 Kim")),
            vec![vec!["金日成"], vec!["Kim"]]
        );
    }

    #[test]
    fn broken_queries_still_parse_with_one_note_each() {
        let q = parse(r#"treaty "mutual aid"#);
        assert_eq!(words(&q), vec![vec!["treaty"], vec!["mutual aid"]]);
        assert_eq!(q.notes.len(), 1);

        let q = parse("OR");
        assert!(q.groups.is_empty());
        assert_eq!(q.notes.len(), 1);

        let q = parse("a OR OR b OR");
        assert_eq!(words(&q), vec![vec!["a", "b"]]);
        assert_eq!(q.notes.len(), 1, "{:?}", q.notes);

        let q = parse("- treaty -");
        assert_eq!(words(&q), vec![vec!["treaty"]]);
        assert!(q.excluded.is_empty());
        assert_eq!(q.notes.len(), 1);

        let q = parse("foo:bar treaty");
        assert_eq!(words(&q), vec![vec!["foo:bar"], vec!["treaty"]]);
        assert!(
            q.notes[0].contains("unknown filter 'foo:'"),
            "{:?}",
            q.notes
        );

        let q = parse("kind:novel year:19x6 lang:klingon date:");
        assert!(q.filters.is_empty());
        assert_eq!(q.notes.len(), 4, "{:?}", q.notes);

        let q = parse("(a OR b) \"\" \"");
        assert_eq!(words(&q), vec![vec!["a", "b"]]);
        assert_eq!(q.notes.len(), 2, "{:?}", q.notes);
    }
}
