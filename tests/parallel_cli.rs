//! The parallel-text commands on the real binary: `show --sentences`, `check --translations`,
//! `concordance`, `compare`.

mod cli_support;
use cli_support::{repo, stdout};

use assert_cmd::Command;
use std::path::Path;

const SEED: &str = "1956-07-14-joint-communique-issued-soviet";

/// The binary with no corpus from the environment and its index in `index`.
fn lectern(index: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lectern").expect("binary is built");
    cmd.env_remove("LECTERN_CORPUS")
        .env("LECTERN_INDEX_DIR", index);
    cmd
}

/// The corpus folders these tests change or read.
fn corpus_copy() -> tempfile::TempDir {
    cli_support::corpus_copy(&["documents", "raw", "registry"])
}

#[test]
fn show_sentences_prints_each_pair_with_its_shape_and_confidence() {
    let index = tempfile::tempdir().expect("tmp");
    let out = stdout(lectern(index.path()).args(["show", SEED, "--sentences"]));
    assert!(out.contains("zh ↔ en"), "{out}");
    // Block 4: the second Chinese sentence is two English ones.
    let at = out.find("¶4.2  1:2").expect("a 1:2 pair in block 4");
    let pair = &out[at..];
    assert!(
        pair.contains("公报宣布") && pair.contains("The communiqué announced"),
        "{pair}"
    );
    assert!(out.contains("length only"), "pairs without anchors say so");
}

#[test]
fn show_sentences_json_gives_offsets_that_cut_the_block_text() {
    let index = tempfile::tempdir().expect("tmp");
    let out = stdout(lectern(index.path()).args(["show", SEED, "--sentences", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let doc_json = stdout(lectern(index.path()).args(["show", SEED, "--json"]));
    let doc: serde_json::Value = serde_json::from_str(&doc_json).expect("doc json");
    assert_eq!(v["left"], "zh");
    let blocks = v["blocks"].as_array().expect("blocks");
    assert_eq!(blocks.len(), 10);
    for b in blocks {
        let n = b["block"].as_u64().expect("n") as usize;
        for pair in b["pairs"].as_array().expect("pairs") {
            assert!(
                pair["confidence"]
                    .as_f64()
                    .is_some_and(|c| (0.0..=1.0).contains(&c))
            );
            for lang in ["zh", "en"] {
                let text = doc["blocks"][n - 1]["text"][lang].as_str().expect("text");
                let side = &pair[lang];
                let (s, e) = (
                    side["bytes"][0].as_u64().expect("s") as usize,
                    side["bytes"][1].as_u64().expect("e") as usize,
                );
                assert_eq!(&text[s..e], side["text"].as_str().expect("text"));
                let (cs, ce) = (
                    side["chars"][0].as_u64().expect("cs") as usize,
                    side["chars"][1].as_u64().expect("ce") as usize,
                );
                let by_chars: String = text.chars().skip(cs).take(ce - cs).collect();
                assert_eq!(by_chars, side["text"].as_str().expect("text"));
            }
        }
    }
}

#[test]
fn a_document_in_one_language_says_it_has_no_parallel_text() {
    let index = tempfile::tempdir().expect("tmp");
    let out = stdout(lectern(index.path()).args([
        "show",
        "1960-09-14-journal-soviet-ambassador-dprk",
        "--sentences",
    ]));
    assert!(
        out.contains("one language only") && out.contains("no parallel text"),
        "{out}"
    );
    let json = stdout(lectern(index.path()).args([
        "show",
        "1960-09-14-journal-soviet-ambassador-dprk",
        "--sentences",
        "--json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["parallel"], false);
}

#[test]
fn the_seed_corpus_raises_no_translation_question() {
    let index = tempfile::tempdir().expect("tmp");
    let out = stdout(lectern(index.path()).args(["check", "--translations"]));
    assert!(out.starts_with("0 questions"), "{out}");
    let one = stdout(lectern(index.path()).args(["check", "--translations", SEED]));
    assert!(
        one.starts_with("0 questions in 1 bilingual document"),
        "{one}"
    );
}

#[test]
fn a_changed_number_date_and_name_are_asked_about_at_exactly_their_blocks() {
    let dir = corpus_copy();
    let path = dir.path().join("documents").join(format!("{SEED}.toml"));
    let text = std::fs::read_to_string(&path).expect("seed");
    let changed = text
        // block 2: a date
        .replacen("issued on July 12th", "issued on July 11th", 1)
        // block 4: a name
        .replacen(
            "Premier of the Korean Cabinet Kim Il-sung.",
            "Premier of the Korean Cabinet Kim Jong-il.",
            1,
        )
        // block 8: a number
        .replacen("the two parts of Korea", "the three parts of Korea", 1);
    assert_eq!(changed.matches("July 11th").count(), 1);
    assert!(changed.contains("Kim Jong-il") && changed.contains("three parts"));
    std::fs::write(&path, changed).expect("write");
    let index = tempfile::tempdir().expect("tmp");
    let out = stdout(lectern(index.path()).arg("--corpus").arg(dir.path()).args([
        "check",
        "--translations",
        SEED,
    ]));
    let flagged: Vec<&str> = out.lines().filter(|l| l.starts_with(SEED)).collect();
    let blocks: Vec<&str> = flagged
        .iter()
        .map(|l| l[SEED.len() + 1..].split(':').next().expect("block"))
        .collect();
    assert_eq!(blocks, vec!["2", "4", "8"], "{out}");
    assert!(
        flagged[0].contains("“11th” (day 11)") && flagged[0].contains("十二日"),
        "{}",
        flagged[0]
    );
    assert!(flagged[1].contains("Kim Jong-il"), "{}", flagged[1]);
    assert!(flagged[2].contains("“three” (number 3)"), "{}", flagged[2]);
    // Both sides of the sentence pair are quoted under each question.
    assert!(
        out.contains("    zh: “这个联合公报")
            && out.contains("    en: “The joint communiqué was signed"),
        "{out}"
    );
    assert!(out.contains("3 questions"), "{out}");
}

#[test]
fn the_concordance_of_korean_armistice_groups_both_occurrences_under_one_rendering() {
    let index = tempfile::tempdir().expect("tmp");
    let out = stdout(lectern(index.path()).args(["concordance", "朝鲜停战"]));
    assert!(
        out.starts_with("朝鲜停战 → “Korean armistice”: 2, 1956-07-14"),
        "{out}"
    );
    assert_eq!(out.matches(&format!("{SEED}#2")).count(), 2, "{out}");
    assert!(
        out.contains("«朝鲜停战»在缓和") && out.contains("把«朝鲜停战»变为"),
        "{out}"
    );
    let json = stdout(lectern(index.path()).args(["concordance", "朝鲜停战", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["groups"].as_array().expect("groups").len(), 1);
    assert_eq!(v["groups"][0]["rendering"], "Korean armistice");
    assert_eq!(
        v["groups"][0]["occurrences"].as_array().expect("occ").len(),
        2
    );
}

#[test]
fn the_concordance_works_from_english_too() {
    let index = tempfile::tempdir().expect("tmp");
    let out = stdout(lectern(index.path()).args(["concordance", "Korean", "armistice"]));
    assert!(out.starts_with("Korean armistice → “朝鲜停战”: 2"), "{out}");
}

#[test]
fn two_treaties_are_compared_article_by_article_and_a_changed_word_is_shown() {
    let index = tempfile::tempdir().expect("tmp");
    let corpus = repo().join("tests/fixtures/parallel/treaties");
    let out = stdout(lectern(index.path()).arg("--corpus").arg(&corpus).args([
        "compare",
        "treaty-aster-borea",
        "treaty-aster-calyx",
    ]));
    assert!(out.contains("paired article by article"), "{out}");
    // Article 3 and 4 stand in the other order in the second treaty: paired by number.
    assert!(
        out.contains("Article 3 (¶7)  ↔  Article 3 (¶9)  similarity 1.00"),
        "{out}"
    );
    assert!(out.contains("[-immediately-]{+promptly+}"), "{out}");
    assert!(out.contains("[-twenty-]{+ten+}"), "{out}");
    assert!(
        out.contains("—  ↔  Article 6 (¶13)  no counterpart"),
        "{out}"
    );
    let json = stdout(lectern(index.path()).arg("--corpus").arg(&corpus).args([
        "compare",
        "treaty-aster-borea",
        "treaty-aster-calyx",
        "--json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["by"], "article_number");
    let article2 = &v["pairs"][2];
    assert_eq!(article2["a"]["label"], "Article 2");
    assert!(article2["similarity"].as_f64().expect("sim") < 1.0);
}

#[test]
fn document_text_reaches_the_terminal_without_control_sequences() {
    let dir = corpus_copy();
    let path = dir.path().join("documents").join(format!("{SEED}.toml"));
    let text = std::fs::read_to_string(&path).expect("seed");
    std::fs::write(
        &path,
        text.replacen("Both sides stated", "Both \\u001b[31msides stated", 1),
    )
    .expect("write");
    let index = tempfile::tempdir().expect("tmp");
    for args in [
        vec!["show", SEED, "--sentences"],
        vec!["concordance", "朝鲜停战"],
    ] {
        let out = stdout(
            lectern(index.path())
                .arg("--corpus")
                .arg(dir.path())
                .args(&args),
        );
        assert!(!out.contains('\u{1b}'), "{args:?}: {out}");
        assert!(out.contains("␛[31m"), "{args:?}: {out}");
    }
}

#[test]
fn documents_without_articles_are_paired_by_content_and_chinese_is_diffed_by_character() {
    let dir = corpus_copy();
    let text = std::fs::read_to_string(dir.path().join("documents").join(format!("{SEED}.toml")))
        .expect("seed");
    let copy = text
        .replacen(&format!("id = \"{SEED}\""), "id = \"seed-variant\"", 1)
        .replacen("双方满意地指出", "双方高兴地指出", 1);
    std::fs::write(dir.path().join("documents/seed-variant.toml"), copy).expect("write");
    let index = tempfile::tempdir().expect("tmp");
    let out = stdout(lectern(index.path()).arg("--corpus").arg(dir.path()).args([
        "compare",
        SEED,
        "seed-variant",
    ]));
    assert!(
        out.contains("paired block by block, by content similarity"),
        "{out}"
    );
    assert!(out.contains("¶2  ↔  ¶2  similarity 0.9"), "{out}");
    assert!(out.contains("双方[-满意-]{+高兴+}地指出"), "{out}");
    assert!(out.contains("¶3  ↔  ¶3  similarity 1.00"), "{out}");
}
