//! Cross-references on the seed corpus: the expected links of each seed, in each language, no
//! link on common words, every registry fact sourced, and `lectern check` on a broken entry.

use assert_cmd::Command;
use lectern::corpus::Corpus;
use lectern::model::{BlockNo, Lang};
use lectern::refs::{Mention, Target};
use predicates::prelude::*;
use std::collections::BTreeSet;

const COMMUNIQUE: &str = "1956-07-14-joint-communique-issued-soviet";
const JOURNAL: &str = "1960-09-14-journal-soviet-ambassador-dprk";
const TREATY: &str = "1961-07-06-treaty-friendship-co-operation-mutual";
const POST: &str = "2021-historic-event-propelling-dprk-russia";
const PRESS: &str = "2022-08-05-historic-declaration-demonstrating-strong";

/// (target id, language) pairs linked in a document.
fn links(corpus: &Corpus, doc: &str) -> BTreeSet<(String, Lang)> {
    corpus
        .links
        .in_document(corpus.ix(doc).expect("bundled"))
        .map(|m| (corpus.registry.target_id(m.target).to_string(), m.lang))
        .collect()
}

fn linked_text<'a>(corpus: &'a Corpus, m: &Mention) -> &'a str {
    lectern::refs::mentions::words(&corpus.documents, m).unwrap_or_default()
}

#[test]
fn each_seed_links_what_it_names_in_each_of_its_languages() {
    let corpus = Corpus::bundled();
    let expect = [
        (
            COMMUNIQUE,
            vec![
                ("kim-il-sung", Lang::Zh),
                ("kim-il-sung", Lang::En),
                ("bulganin", Lang::Zh),
                ("bulganin", Lang::En),
                ("moscow", Lang::Zh),
                ("moscow", Lang::En),
                ("hungnam", Lang::Zh),
                ("hungnam", Lang::En),
                ("korean-armistice", Lang::Zh),
                ("korean-armistice", Lang::En),
                ("communique-1956", Lang::Zh),
                ("communique-1956", Lang::En),
            ],
        ),
        (
            JOURNAL,
            vec![
                ("kim-il-sung", Lang::En),
                ("khrushchev", Lang::En),
                ("puzanov", Lang::En),
                ("moscow", Lang::En),
                ("pyongyang", Lang::En),
                ("treaty-1961", Lang::En),
                ("repatriation-agreement", Lang::En),
                ("moscow-conference-1960", Lang::En),
            ],
        ),
        (
            TREATY,
            vec![
                ("treaty-1961", Lang::En),
                ("treaty-1961", Lang::Fr),
                ("khrushchev", Lang::En),
                ("kim-il-sung", Lang::En),
                ("moscow", Lang::En),
                ("moscow", Lang::Fr),
                ("pyongyang", Lang::En),
            ],
        ),
        (
            POST,
            vec![
                ("agreement-1949-economic-cultural", Lang::En),
                ("kim-il-sung", Lang::En),
                ("kim-jong-un", Lang::En),
                ("putin", Lang::En),
                ("vladivostok-summit-2019", Lang::En),
            ],
        ),
        (
            PRESS,
            vec![
                ("moscow-declaration-2001", Lang::En),
                ("pyongyang-declaration-2000", Lang::En),
                ("treaty-2000", Lang::En),
                ("kim-jong-il", Lang::En),
                ("kim-jong-un", Lang::En),
                ("putin", Lang::En),
                ("vladivostok", Lang::En),
                ("vladivostok-summit-2019", Lang::En),
                ("khabarovsk", Lang::Ru),
            ],
        ),
    ];
    for (doc, wanted) in expect {
        let found = links(&corpus, doc);
        for (id, lang) in wanted {
            assert!(
                found.contains(&(id.to_string(), lang)),
                "{doc}: no {lang} link to {id}; found {found:?}"
            );
        }
    }
}

#[test]
fn the_journals_descriptive_treaty_mention_leads_to_the_1961_treaty_text() {
    let corpus = Corpus::bundled();
    let m = corpus
        .links
        .in_document(corpus.ix(JOURNAL).expect("bundled"))
        .find(|m| corpus.registry.target_id(m.target) == "treaty-1961")
        .expect("the journal mentions the 1961 treaty");
    assert_eq!(m.block, BlockNo(9));
    assert_eq!(
        linked_text(&corpus, m),
        "a bilateral treaty of friendship, cooperation, and mutual aid"
    );
    assert!(m.description.is_some());
    let Target::Instrument(i) = m.target else {
        panic!("an instrument")
    };
    assert_eq!(
        corpus.registry.instruments[i]
            .text
            .as_ref()
            .map(|t| t.doc.as_str()),
        Some(TREATY)
    );
    // …and the treaty's backlinks list the journal.
    let treaty = corpus.ix(TREATY).expect("bundled");
    let back = corpus
        .links
        .backlinks(&corpus.registry, &corpus.documents, treaty);
    let journal = corpus.ix(JOURNAL);
    assert!(
        back.iter()
            .any(|m| Some(m.doc) == journal && m.block == BlockNo(9))
    );
}

#[test]
fn romanization_variants_and_capitals_link_to_one_person() {
    let corpus = Corpus::bundled();
    let kim = corpus.registry.find("Kim Il Sung").expect("known");
    let spellings: BTreeSet<&str> = corpus
        .links
        .of_target(kim)
        .map(|m| linked_text(&corpus, m))
        .collect();
    for s in ["Kim Il Sung", "Kim Il-sung", "KIM IL SUNG", "金日成"] {
        assert!(spellings.contains(s), "{s} not linked: {spellings:?}");
    }
    assert_eq!(corpus.registry.find("金日成"), Some(kim));
    assert_eq!(
        corpus.registry.find("hŭngnam"),
        corpus.registry.find("Hungnam")
    );
}

#[test]
fn common_words_are_never_links() {
    let corpus = Corpus::bundled();
    let common = [
        "the treaty",
        "treaty",
        "agreement",
        "Agreement",
        "Korea",
        "Soviet",
        "the",
        "Declaration",
        "summit",
        "draft treaty",
        "DPRK",
        "Russia",
    ];
    for m in &corpus.links.mentions {
        let text = linked_text(&corpus, m);
        assert!(
            !common.contains(&text),
            "{}#{}: common word {text:?} linked",
            corpus.documents[m.doc].id,
            m.block
        );
        // A name is never cut out of a longer word.
        let block = corpus.documents[m.doc]
            .block(m.block)
            .and_then(|b| b.text.get(m.lang))
            .unwrap_or_default();
        let before = block[..m.range.start].chars().next_back();
        let after = block[m.range.end..].chars().next();
        if m.lang != Lang::Zh {
            assert!(
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric),
                "{}#{}: {text:?} inside a word",
                corpus.documents[m.doc].id,
                m.block
            );
        }
    }
    // The 1956 communiqué's "cultural cooperation agreement to be signed" is not the 1949 one.
    assert!(
        !links(&corpus, COMMUNIQUE)
            .iter()
            .any(|(id, _)| id == "agreement-1949-economic-cultural")
    );
}

#[test]
fn every_registry_fact_names_an_existing_document_and_block() {
    let corpus = Corpus::bundled();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let mut refs = Vec::new();
    for i in &corpus.registry.instruments {
        refs.extend(i.text.iter().cloned());
        refs.extend(i.parties.iter().map(|p| p.source.clone()));
        refs.extend(i.dates.iter().map(|d| d.source.clone()));
        refs.extend(i.relations.iter().map(|r| r.source.clone()));
        refs.extend(i.descriptions.iter().map(|d| d.at.clone()));
    }
    for e in &corpus.registry.entities {
        assert!(!e.facts.is_empty(), "{} has no sourced fact", e.id);
        refs.extend(e.facts.iter().map(|f| f.source.clone()));
    }
    assert!(refs.len() > 30);
    for r in refs {
        assert!(
            corpus.get(&r.doc).and_then(|d| d.block(r.block)).is_some(),
            "{r} does not exist"
        );
    }
}

#[test]
fn check_rejects_a_registry_entry_with_a_broken_reference_naming_file_and_line() {
    let dir = tempfile::tempdir().expect("temp");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for sub in ["documents", "raw", "registry"] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        for e in std::fs::read_dir(root.join(sub)).expect("dir") {
            let p = e.expect("entry").path();
            std::fs::copy(&p, dir.path().join(sub).join(p.file_name().expect("name")))
                .expect("copy");
        }
    }
    let path = dir.path().join("registry/instruments.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    let broken = text.replacen("2022-08-05-historic-declaration-demonstrating-strong#4\" },\n]\n\n[[instrument]]\nid = \"pyongyang", "2022-08-05-historic-declaration-demonstrating-strong#99\" },\n]\n\n[[instrument]]\nid = \"pyongyang", 1);
    assert_ne!(text, broken, "the fixture edit applies");
    std::fs::write(&path, &broken).expect("write");
    let line = broken
        .lines()
        .position(|l| l.contains("#99"))
        .expect("line")
        + 1;
    Command::cargo_bin("lectern")
        .expect("binary")
        .arg("check")
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("instruments.toml:{line}: '2022-08-05-historic-declaration-demonstrating-strong#99': the document has 12 blocks")));
}

#[test]
fn entity_command_shows_names_sourced_facts_and_mentions() {
    Command::cargo_bin("lectern")
        .expect("binary")
        .env_remove("LECTERN_CORPUS")
        .args(["entity", "Hŭngnam"])
        .assert()
        .success()
        .stdout(predicate::str::contains("zh: 兴南"))
        .stdout(predicate::str::contains(format!("[{COMMUNIQUE}#9]")))
        .stdout(predicate::str::contains(format!(
            "{COMMUNIQUE}#9 zh  “兴南”"
        )));
}

#[test]
fn refs_command_lists_outgoing_and_incoming_links() {
    Command::cargo_bin("lectern")
        .expect("binary")
        .env_remove("LECTERN_CORPUS")
        .args(["refs", TREATY])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{JOURNAL}#9 en  “a bilateral treaty of friendship, cooperation, and mutual aid”"
        )));
}

/// `lectern search` with an isolated cache, as JSON.
fn search_json(query: &str) -> serde_json::Value {
    let cache = tempfile::tempdir().expect("temp cache");
    let out = Command::cargo_bin("lectern")
        .expect("binary")
        .env_remove("LECTERN_CORPUS")
        .env("XDG_CACHE_HOME", cache.path())
        .args(["search", "--json", query])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("JSON")
}

fn hit_has_snippet_in(
    results: &serde_json::Value,
    doc: &str,
    block: u64,
    lang: &str,
    text: &str,
) -> bool {
    results["hits"].as_array().into_iter().flatten().any(|h| {
        h["doc_id"] == doc
            && h["block"] == block
            && h["snippets"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|s| s["lang"] == lang && s["text"].as_str().is_some_and(|t| t.contains(text)))
    })
}

#[test]
fn a_name_in_one_language_finds_its_mentions_in_the_others() {
    let hungnam = search_json("Hungnam");
    assert!(
        hit_has_snippet_in(&hungnam, COMMUNIQUE, 9, "zh", "兴南"),
        "{hungnam:#}"
    );
    let kim = search_json("\"Kim Il Sung\"");
    assert!(
        hit_has_snippet_in(&kim, COMMUNIQUE, 4, "zh", "金日成"),
        "{kim:#}"
    );
    let chinese = search_json("金日成");
    assert!(
        hit_has_snippet_in(&chinese, TREATY, 14, "en", "Kim Il Sung"),
        "{chinese:#}"
    );
}

#[test]
fn mentions_filter_narrows_results_to_the_blocks_that_mention_an_instrument() {
    let all = search_json("mentions:treaty-1961");
    let places: BTreeSet<(String, u64)> = all["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            (
                h["doc_id"].as_str().unwrap_or_default().to_string(),
                h["block"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    let corpus = Corpus::bundled();
    let target = corpus.registry.find("treaty-1961").expect("known");
    let expected: BTreeSet<(String, u64)> = corpus
        .links
        .of_target(target)
        .map(|m| (corpus.documents[m.doc].id.clone(), m.block.0 as u64))
        .collect();
    assert_eq!(places, expected);
    // With words: only mentioning blocks that also hold the words.
    let narrowed = search_json("mentions:treaty-1961 Khrushchev");
    let docs: Vec<&str> = narrowed["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["doc_id"].as_str())
        .collect();
    assert_eq!(docs, [JOURNAL]);
}
