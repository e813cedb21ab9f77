//! The links' target index kept in the corpus cache (`corpus-<key>.targets`): a lazy corpus
//! answers which documents and blocks mention each target exactly as a fresh load does,
//! after any run of edits, additions, deletions and renames of files (the journal's quick
//! path and the full refresh alike), and one that is damaged or of another version is made
//! again with a notice.

mod corpus_support;

use corpus_support::{seeded_dir, synth_names, write_document};
use lectern::corpus::{Corpus, cache};
use lectern::model::Lang;
use lectern::refs::Target;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// Per target: its mentions as (document id, block, range), how many, the blocks it pins and
/// how many documents mention it.
type Answers = Vec<(
    Target,
    Vec<(String, usize, String)>,
    usize,
    Vec<(String, usize)>,
    usize,
)>;

fn answers(corpus: &Corpus) -> Answers {
    let id = |d: lectern::model::DocIx| corpus.documents.id(d.0).unwrap_or_default().to_string();
    let targets = (0..corpus.registry.instruments.len())
        .map(Target::Instrument)
        .chain((0..corpus.registry.entities.len()).map(Target::Entity));
    targets
        .map(|t| {
            let mentions = (corpus.links.of_target(t))
                .map(|m| (id(m.doc), m.block.0, format!("{:?}", m.range)))
                .collect();
            let blocks = (corpus.links.blocks_of_target(t).into_iter())
                .map(|(d, b)| (id(d), b.0))
                .collect();
            (
                t,
                mentions,
                corpus.links.count_of_target(t),
                blocks,
                corpus.links.documents_mentioning(t),
            )
        })
        .collect()
}

/// The lazy corpus of `dir` through the cache in `root` answers as a fresh load does.
fn same_as_fresh(dir: &Path, root: &Path) -> usize {
    let lazy = corpus_support::lazy(dir, root);
    let fresh = Corpus::load_dir(dir).expect("fresh load");
    let (a, b) = (answers(&lazy), answers(&fresh));
    assert_eq!(a, b, "lazy (cached target index) vs fresh load");
    a.iter().map(|x| x.2).sum()
}

fn targets_file(dir: &Path, root: &Path) -> PathBuf {
    cache::cache_file(root, dir).with_extension("targets")
}

/// Text that mentions two of the registry's names (bundled with the seeds).
const NAMES: &str = "Khrushchev met Bulganin and Kim Il Sung.";

fn synthetic(id: &str, seed: u64, mention: bool) -> lectern::model::Document {
    let mut doc = corpus_support::synthetic(id, 1200, seed);
    if mention && let Some(block) = doc.blocks.first_mut() {
        let text = block.text.get(Lang::En).unwrap_or_default().to_string();
        block.text.set(Lang::En, format!("{NAMES} {text}"));
    }
    doc
}

#[derive(Clone, Debug)]
enum Change {
    /// The `k`th synthetic file rewritten, with or without the registry's names.
    Edit(usize, bool),
    Add(u64),
    Delete(usize),
    Rename(usize),
}

fn apply(dir: &Path, change: &Change, step: usize) {
    let docs = dir.join("documents");
    let names = synth_names(dir);
    let pick = |k: usize| names[k % names.len()].clone();
    match change {
        Change::Edit(k, mention) => {
            let name = pick(*k);
            let id = name.trim_end_matches(".toml");
            write_document(dir, &synthetic(id, step as u64, *mention));
        }
        Change::Add(seed) => {
            write_document(dir, &synthetic(&format!("synth-added-{step}"), *seed, true));
        }
        Change::Delete(k) => {
            if names.len() > 2 {
                std::fs::remove_file(docs.join(pick(*k))).expect("delete");
            }
        }
        Change::Rename(k) => {
            let name = pick(*k);
            std::fs::rename(docs.join(&name), docs.join(format!("synth-r{step}-{name}")))
                .expect("rename");
        }
    }
}

#[test]
fn the_cached_target_index_is_written_with_the_cache_and_answers_as_a_fresh_load() {
    let dir = seeded_dir(20, 11);
    let root = tempfile::tempdir().expect("cache dir");
    let seen = same_as_fresh(dir.path(), root.path());
    assert!(seen > 0, "the seeds mention the registry");
    let file = targets_file(dir.path(), root.path());
    let bytes = std::fs::read(&file).expect("the target index is written with the cache");
    assert_eq!(&bytes[..8], b"LECTTARG");
}

#[test]
fn a_damaged_or_other_version_target_index_is_made_again_with_a_notice() {
    let dir = seeded_dir(10, 12);
    let root = tempfile::tempdir().expect("cache dir");
    let args = ["search", "mentions:khrushchev", "--limit", "1000", "--json"];
    let first = corpus_support::lectern(dir.path(), root.path(), &[], &args)
        .output()
        .expect("runs");
    assert!(first.status.success());
    let file = targets_file(dir.path(), root.path());
    let good = std::fs::read(&file).expect("written");
    let mut other_version = good.clone();
    other_version[8] = other_version[8].wrapping_add(1);
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    for (what, bytes, says) in [
        (
            "garbage",
            b"not a target index at all".to_vec(),
            "not a lectern",
        ),
        ("other version", other_version, "another version"),
        ("flipped byte", flipped, "checksum"),
        ("truncated", good[..good.len() / 2].to_vec(), "truncated"),
    ] {
        std::fs::write(&file, &bytes).expect("damage");
        let out = corpus_support::lectern(dir.path(), root.path(), &[], &args)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{what}: {stderr}");
        assert_eq!(out.stdout, first.stdout, "{what}: the same answer");
        assert!(
            stderr.contains("rebuilding it") && stderr.contains(says),
            "{what}: {stderr}"
        );
        assert_eq!(std::fs::read(&file).expect("made again"), good, "{what}");
    }
}

#[test]
fn a_current_target_index_is_read_not_made() {
    let dir = seeded_dir(10, 13);
    let root = tempfile::tempdir().expect("cache dir");
    let trace = root.path().join("trace");
    let args = ["search", "mentions:khrushchev", "--limit", "5"];
    corpus_support::lectern(dir.path(), root.path(), &[], &args)
        .output()
        .expect("runs");
    let env = [("LECTERN_TRACE", trace.to_str().expect("utf-8"))];
    let out = corpus_support::lectern(dir.path(), root.path(), &env, &args)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let trace = std::fs::read_to_string(&trace).unwrap_or_default();
    assert!(trace.contains("links targets read"), "{trace}");
}

#[test]
fn a_compaction_of_the_packs_keeps_the_target_index_current() {
    // Each run after an edit writes the edited file's blobs as a pack of its own; once the
    // table refers to 16 packs or more, a rewrite copies every blob into one.
    let dir = seeded_dir(60, 14);
    let root = tempfile::tempdir().expect("cache dir");
    let trace = root.path().join("trace");
    let env = [("LECTERN_TRACE", trace.to_str().expect("utf-8"))];
    let args = ["search", "mentions:khrushchev", "--limit", "5"];
    let run = || {
        let _ = std::fs::remove_file(&trace);
        let out = corpus_support::lectern(dir.path(), root.path(), &env, &args)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read_to_string(&trace).unwrap_or_default()
    };
    run();
    let names = synth_names(dir.path());
    let compacted = names.iter().enumerate().find_map(|(step, name)| {
        let id = name.trim_end_matches(".toml");
        write_document(
            dir.path(),
            &synthetic(id, 1000 + step as u64, step % 2 == 0),
        );
        let trace = run();
        trace
            .contains("corpus packs compacted")
            .then_some((step, trace))
    });
    let (step, trace) = compacted.expect("the packs were compacted");
    assert!(step >= 14, "compacted after {step} edits");
    assert!(trace.contains("links targets read"), "step {step}: {trace}");
    assert!(
        !trace.contains("links targets completed"),
        "step {step}: {trace}"
    );
    same_as_fresh(dir.path(), root.path());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// After every change of a random run the cached index answers as a fresh load.
    #[test]
    fn the_target_index_answers_as_a_fresh_load_after_random_changes(
        changes in prop::collection::vec(
            prop_oneof![
                (0usize..50, any::<bool>()).prop_map(|(k, m)| Change::Edit(k, m)),
                (0u64..1000).prop_map(Change::Add),
                (0usize..50).prop_map(Change::Delete),
                (0usize..50).prop_map(Change::Rename),
            ],
            1..5,
        ),
        seed in 0u64..100,
    ) {
        let dir = seeded_dir(8, seed);
        let root = tempfile::tempdir().expect("cache dir");
        same_as_fresh(dir.path(), root.path());
        for (step, change) in changes.iter().enumerate() {
            apply(dir.path(), change, step);
            same_as_fresh(dir.path(), root.path());
        }
    }
}
