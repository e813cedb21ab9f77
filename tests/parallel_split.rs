//! Sentence splitting on open-ended input: random text from a pool of the characters that
//! matter (marks, quotes, spaces, digits, Han, Latin, Cyrillic, footnote markers). Whatever
//! the text, the sentences are in order, do not overlap, start and end on character
//! boundaries without white space, and together hold every non-blank character once.

use lectern::model::Lang;
use lectern::parallel::split::sentences;
use lectern::search::synth::Rng;

const POOL: &[&str] = &[
    "。",
    "！",
    "？",
    "；",
    "．",
    ".",
    "!",
    "?",
    ";",
    "…",
    "”",
    "」",
    "）",
    ")",
    "\"",
    "'",
    " ",
    " ",
    "\u{3000}",
    "\n",
    "\t",
    "1",
    "9",
    "日",
    "月",
    "朝鲜",
    "停战",
    "Kim",
    "Il-sung",
    "A",
    "M",
    "No",
    "Art",
    "U.S.S.R",
    "e.g",
    "the",
    "Тов",
    "Пузанов",
    "«",
    "»",
    "[^1]",
    "[^",
    "]",
    "é",
];

#[test]
fn every_non_blank_character_is_in_exactly_one_sentence() {
    let mut rng = Rng::new(2026);
    for case in 0..3000 {
        let len = rng.below(40);
        let text: String = (0..len).map(|_| POOL[rng.below(POOL.len())]).collect();
        let lang = [Lang::Zh, Lang::En, Lang::Ru, Lang::Fr][case % 4];
        let ranges = sentences(lang, &text);
        let mut at = 0;
        for r in &ranges {
            assert!(
                r.start >= at && r.start < r.end,
                "{case} {text:?}: {ranges:?}"
            );
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "{text:?}"
            );
            let s = &text[r.clone()];
            assert_eq!(
                s.trim_matches(|c: char| c.is_whitespace()),
                s,
                "{text:?}: {s:?}"
            );
            assert!(
                !text[at..r.start].chars().any(|c| !c.is_whitespace()),
                "{text:?}: lost {:?}",
                &text[at..r.start]
            );
            at = r.end;
        }
        assert!(
            !text[at..].chars().any(|c| !c.is_whitespace()),
            "{text:?}: lost the tail"
        );
    }
}
