//! Sentence alignment on the People's Daily seed article: every Chinese sentence of blocks
//! 2–10 against the English sentence or sentences that translate it, written by hand from the
//! text (each sentence named by its opening words).
// Tests and benches print their figures for the reader of the output.
#![allow(clippy::disallowed_macros)]

use lectern::corpus::Corpus;
use lectern::model::{BlockNo, Lang};
use lectern::parallel::{Aligner, Basis, DocAlignment, ZH_EN, language_pair};

const SEED: &str = "1956-07-14-joint-communique-issued-soviet";

/// (block, Chinese sentences, English sentences) of each pair, by opening words.
const EXPECTED: &[(usize, &[&str], &[&str])] = &[
    (2, &["新华社莫斯科13日电"], &["Xinhua News Agency"]),
    (2, &["双方表示"], &["Both sides stated"]),
    (3, &["鉴于关心朝鲜问题"], &["Given that the concern"]),
    (4, &["这个联合公报"], &["The joint communiqué was signed"]),
    (
        4,
        &["公报宣布"],
        &["The communiqué announced", "The two sides extensively"],
    ),
    (5, &["公报说"], &["The communiqué stated"]),
    (5, &["双方在对"], &["The two sides share"]),
    (5, &["双方重申"], &["Both sides reaffirmed"]),
    (6, &["双方相信"], &["Both sides believe"]),
    (7, &["双方肯定地指出"], &["Both sides affirmatively"]),
    (8, &["双方就朝鲜"], &["The two sides exchanged"]),
    (8, &["双方遗憾地"], &["Both sides regret"]),
    (8, &["两国政府认为"], &["The two governments believe"]),
    (9, &["公报接着说"], &["The communiqué continued"]),
    (9, &["苏联决定"], &["The Soviet Union decided"]),
    (9, &["例如"], &["For example"]),
    (9, &["在补充供应"], &["Most of the supplementary"]),
    (
        10,
        &["苏联政府和朝鲜政府满意地"],
        &["The Soviet and Korean governments"],
    ),
    (10, &["双方今后"], &["In the future", "To this end"]),
];

fn seed_alignment() -> (Corpus, DocAlignment) {
    let corpus = Corpus::bundled();
    let doc = corpus.get(SEED).expect("seed document");
    let alignment = Aligner::new(&corpus.registry)
        .document(doc)
        .expect("the seed is bilingual");
    (corpus, alignment)
}

/// The opening words of each sentence of a pair's side.
fn texts<'a>(
    text: &'a str,
    sentences: &[lectern::parallel::Sentence],
    run: &std::ops::Range<usize>,
) -> Vec<&'a str> {
    sentences[run.clone()]
        .iter()
        .map(|s| &text[s.bytes.clone()])
        .collect()
}

fn matches(sentences: &[&str], openings: &[&str]) -> bool {
    sentences.len() == openings.len()
        && sentences
            .iter()
            .zip(openings)
            .all(|(s, o)| s.starts_with(o))
}

#[test]
fn every_chinese_sentence_of_blocks_2_to_10_is_paired_with_its_translation() {
    let (corpus, alignment) = seed_alignment();
    let doc = corpus.get(SEED).expect("seed");
    assert_eq!((alignment.left, alignment.right), (Lang::Zh, Lang::En));
    let mut right = 0;
    let mut wrong = Vec::new();
    for (block, zh, en) in EXPECTED {
        let text = &doc.block(BlockNo(*block)).expect("block").text;
        let (zh_text, en_text) = (
            text.get(Lang::Zh).expect("zh"),
            text.get(Lang::En).expect("en"),
        );
        let b = alignment.block(BlockNo(*block)).expect("aligned block");
        let found = b.pairs.iter().any(|p| {
            matches(&texts(zh_text, &b.left, &p.left), zh)
                && matches(&texts(en_text, &b.right, &p.right), en)
        });
        if found {
            right += 1;
        } else {
            wrong.push(format!("block {block}: {zh:?} ↔ {en:?}"));
        }
    }
    // Every Chinese sentence of blocks 2–10 is in exactly one expected pair.
    let zh_sentences: usize = (2..=10)
        .map(|b| alignment.block(BlockNo(b)).expect("block").left.len())
        .sum();
    let expected_zh: usize = EXPECTED.iter().map(|(_, zh, _)| zh.len()).sum();
    let pairs_made: usize = (2..=10)
        .map(|b| alignment.block(BlockNo(b)).expect("block").pairs.len())
        .sum();
    println!(
        "sentence alignment, seed blocks 2–10: {right}/{} expected pairs found ({:.1}% accuracy); {pairs_made} pairs made",
        EXPECTED.len(),
        100.0 * right as f64 / EXPECTED.len() as f64
    );
    assert_eq!(
        zh_sentences, expected_zh,
        "Chinese sentences split differently from the hand count"
    );
    assert!(wrong.is_empty(), "pairs not found:\n{}", wrong.join("\n"));
    assert_eq!(pairs_made, EXPECTED.len(), "extra pairs were made");
}

#[test]
fn pairs_carry_a_confidence_and_say_when_lengths_alone_decided() {
    let (_, alignment) = seed_alignment();
    let b2 = alignment.block(BlockNo(2)).expect("block 2");
    // The dateline sentence shares 13, 7 and 12 with its translation.
    assert_eq!(b2.pairs[0].basis, Basis::Anchors);
    let b3 = alignment.block(BlockNo(3)).expect("block 3");
    assert_eq!(b3.pairs[0].basis, Basis::Block);
    assert_eq!(b3.pairs[0].confidence, 1.0);
    let b6 = alignment.block(BlockNo(10)).expect("block 10");
    assert!(
        b6.pairs.iter().all(|p| p.by_length_only()),
        "{:?}",
        b6.pairs
    );
    for b in &alignment.blocks {
        for p in &b.pairs {
            assert!((0.0..=1.0).contains(&p.confidence), "{p:?}");
        }
    }
}

#[test]
fn the_zh_en_length_ratio_is_the_one_the_seed_shows() {
    let corpus = Corpus::bundled();
    let doc = corpus.get(SEED).expect("seed");
    let count = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count() as f64;
    let (mut zh, mut en) = (0.0, 0.0);
    for n in 2..=10 {
        let t = &doc.block(BlockNo(n)).expect("block").text;
        zh += count(t.get(Lang::Zh).expect("zh"));
        en += count(t.get(Lang::En).expect("en"));
    }
    let ratio = en / zh;
    println!("seed zh→en ratio: {ratio:.3} English characters per Chinese character");
    assert!(
        (ratio - ZH_EN.ratio).abs() < 0.02,
        "measured {ratio}, constant {}",
        ZH_EN.ratio
    );
}

#[test]
fn a_document_in_one_language_has_no_parallel_text() {
    let corpus = Corpus::bundled();
    let journal = corpus
        .get("1960-09-14-journal-soviet-ambassador-dprk")
        .expect("journal");
    let err = language_pair(journal).expect_err("English only");
    assert!(err.to_string().contains("one language only"), "{err}");
}

#[test]
fn offsets_are_on_character_boundaries_and_cover_every_sentence_once() {
    let (corpus, alignment) = seed_alignment();
    let doc = corpus.get(SEED).expect("seed");
    for b in &alignment.blocks {
        let text = &doc.block(b.block).expect("block").text;
        for (lang, side) in [(alignment.left, &b.left), (alignment.right, &b.right)] {
            let t = text.get(lang).expect("text");
            for s in side {
                assert!(t.is_char_boundary(s.bytes.start) && t.is_char_boundary(s.bytes.end));
                assert_eq!(t[s.bytes.clone()].chars().count(), s.chars.len());
                assert_eq!(
                    t.chars()
                        .skip(s.chars.start)
                        .take(s.chars.len())
                        .collect::<String>(),
                    &t[s.bytes.clone()]
                );
            }
        }
        let left: usize = b.pairs.iter().map(|p| p.left.len()).sum();
        let right: usize = b.pairs.iter().map(|p| p.right.len()).sum();
        assert_eq!((left, right), (b.left.len(), b.right.len()));
    }
}

/// The hand-paired sentences of the seed, shuffled into new blocks of two to six pairs: the
/// aligner must find the pairs again without the help of the block boundaries they came in.
#[test]
fn hand_pairs_shuffled_into_new_blocks_are_found_again() {
    use lectern::parallel::split::sentences;
    let corpus = Corpus::bundled();
    let doc = corpus.get(SEED).expect("seed");
    let pick = |lang: Lang, block: usize, openings: &[&str]| -> String {
        let text = doc
            .block(BlockNo(block))
            .expect("block")
            .text
            .get(lang)
            .expect("text");
        let found: Vec<&str> = sentences(lang, text)
            .into_iter()
            .map(|r| &text[r])
            .filter(|s| openings.iter().any(|o| s.starts_with(o)))
            .collect();
        assert_eq!(found.len(), openings.len(), "{openings:?}");
        found.join(if lang == Lang::Zh { "" } else { " " })
    };
    let pairs: Vec<(String, String, usize, usize)> = EXPECTED
        .iter()
        .map(|(b, zh, en)| {
            (
                pick(Lang::Zh, *b, zh),
                pick(Lang::En, *b, en),
                zh.len(),
                en.len(),
            )
        })
        .collect();
    let aligner = Aligner::new(&corpus.registry);
    let mut rng = lectern::search::synth::Rng::new(56);
    let (mut found, mut total) = (0, 0);
    for n in 0..300 {
        let k = 2 + rng.below(5);
        let chosen: Vec<&(String, String, usize, usize)> =
            (0..k).map(|_| &pairs[rng.below(pairs.len())]).collect();
        let zh: String = chosen.iter().map(|p| p.0.as_str()).collect();
        let en: Vec<&str> = chosen.iter().map(|p| p.1.as_str()).collect();
        let b = aligner.block(
            BlockNo(n),
            (Lang::Zh, &zh),
            (Lang::En, &en.join(" ")),
            ZH_EN,
        );
        let (mut i, mut j) = (0, 0);
        for p in &chosen {
            let truth = (i..i + p.2, j..j + p.3);
            found += usize::from(
                b.pairs
                    .iter()
                    .any(|q| (q.left.clone(), q.right.clone()) == truth),
            );
            total += 1;
            (i, j) = (i + p.2, j + p.3);
        }
    }
    let accuracy = found as f64 / total as f64;
    println!(
        "shuffled seed pairs: {found}/{total} pairs found ({:.1}% accuracy)",
        100.0 * accuracy
    );
    assert!(accuracy >= 0.9, "accuracy {accuracy}");
}
