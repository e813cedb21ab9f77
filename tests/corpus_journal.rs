//! The corpus cache's journal: a refresh that finds a few edited files writes them to the
//! journal and leaves the table and the snapshot as they were; the next command reads the
//! journal over them; the reader's full load folds it into the table; a damaged journal is
//! rebuilt with a notice; two processes editing at once both answer; and after any sequence
//! of edits, additions and deletions the catalog equals a fresh load.

mod corpus_support;

use corpus_support::{age, seeded_dir, synth_names, write_document};
use lectern::corpus::{Corpus, Head, cache};
use lectern::model::{Lang, LangText};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn files(root: &Path, dir: &Path) -> (PathBuf, PathBuf) {
    let table = cache::cache_file(root, dir);
    let journal = table.with_extension("journal");
    (table, journal)
}

/// The catalog as a command sees it equals a fresh load: heads in order, bodies, problems.
fn assert_catalog_fresh(dir: &Path, root: &Path) -> cache::Refresh {
    let (table, _) = files(root, dir);
    let (catalog, refresh) = cache::refresh(dir, &table, &mut |_, _| {}).expect("refresh");
    let fresh = Corpus::load_dir(dir).expect("fresh");
    let heads: Vec<Head> = fresh.documents.iter().map(Head::of).collect();
    assert_eq!(catalog.heads(), heads.as_slice(), "heads in order");
    assert_eq!(catalog.problems, fresh.problems, "problems");
    for (i, doc) in fresh.documents.iter().enumerate() {
        assert_eq!(catalog.position(&doc.id), Some(i), "position of {}", doc.id);
        assert_eq!(
            &catalog.document(i).expect("body"),
            doc,
            "body of {}",
            doc.id
        );
    }
    refresh
}

/// The reader's whole load (which folds the journal) equals a fresh load, links included.
fn assert_corpus_fresh(dir: &Path, root: &Path) {
    let (table, _) = files(root, dir);
    let (cached, _) = cache::open(dir, &table, &mut |_, _| {}).expect("open");
    let fresh = Corpus::load_dir(dir).expect("fresh");
    assert!(cached.documents == fresh.documents, "documents");
    assert_eq!(cached.problems, fresh.problems, "problems");
    assert_eq!(cached.registry, fresh.registry, "registry");
    assert_eq!(cached.links.mentions, fresh.links.mentions, "links");
}

/// Document `k` of the synthetic ones (in name order) with a new title: same id, same blocks.
fn retitle(dir: &Path, k: usize, title: &str) -> String {
    let fresh = Corpus::load_dir(dir).expect("fresh");
    let mut synth: Vec<_> = fresh
        .documents
        .into_iter()
        .filter(|d| d.id.starts_with("synth-"))
        .collect();
    synth.sort_by(|a, b| a.id.cmp(&b.id));
    let mut doc = synth.swap_remove(k % synth.len());
    doc.title = LangText::one(Lang::En, title.to_string());
    write_document(dir, &doc);
    format!("{}.toml", doc.id)
}

#[test]
fn an_edit_is_journaled_read_over_the_table_and_folded_by_the_full_load() {
    let dir = seeded_dir(30, 7);
    let root = tempfile::tempdir().expect("cache dir");
    age(dir.path(), 60);
    let (table, journal) = files(root.path(), dir.path());
    assert_eq!(
        assert_catalog_fresh(dir.path(), root.path()).parsed.len(),
        35
    );
    let before = std::fs::read(&table).expect("table");
    assert!(!journal.exists(), "a first build writes no journal");

    // One edit: parsed alone, journaled; the table is not written again.
    let name = retitle(dir.path(), 3, "Journaled title one");
    assert_eq!(assert_catalog_fresh(dir.path(), root.path()).parsed, [name]);
    assert!(journal.exists(), "the edit went to the journal");
    assert_eq!(
        std::fs::read(&table).expect("table"),
        before,
        "table untouched"
    );

    // A second edit joins the first; an open with nothing changed reads the journal over both.
    let second = retitle(dir.path(), 9, "Journaled title two");
    assert_eq!(
        assert_catalog_fresh(dir.path(), root.path()).parsed,
        [second]
    );
    age(dir.path(), 60);
    assert!(
        assert_catalog_fresh(dir.path(), root.path())
            .parsed
            .is_empty()
    );
    assert_eq!(
        std::fs::read(&table).expect("table"),
        before,
        "table untouched"
    );

    // The reader's full load folds the journal into a table written whole.
    assert_corpus_fresh(dir.path(), root.path());
    assert_ne!(std::fs::read(&table).expect("table"), before, "folded");
    let r = assert_catalog_fresh(dir.path(), root.path());
    assert!(r.parsed.is_empty() && r.notice.is_none(), "{r:?}");
}

#[test]
fn a_damaged_or_torn_journal_is_rebuilt_with_one_notice() {
    for damage in ["flip", "tear"] {
        let dir = seeded_dir(20, 11);
        let root = tempfile::tempdir().expect("cache dir");
        age(dir.path(), 60);
        let (_, journal) = files(root.path(), dir.path());
        assert_catalog_fresh(dir.path(), root.path());
        retitle(dir.path(), 2, "Before the damage");
        assert_catalog_fresh(dir.path(), root.path());
        let mut bytes = std::fs::read(&journal).expect("journal");
        match damage {
            "flip" => {
                let at = bytes.len() - 5;
                bytes[at] ^= 0x5a;
            }
            _ => bytes.truncate(bytes.len() / 2),
        }
        std::fs::write(&journal, bytes).expect("damage");
        let notice = assert_catalog_fresh(dir.path(), root.path())
            .notice
            .unwrap_or_default();
        assert!(
            notice.contains("damaged") && notice.contains("rebuilding"),
            "{damage}: {notice}"
        );
        let r = assert_catalog_fresh(dir.path(), root.path());
        assert_eq!(r.notice, None, "{damage}: one notice");
        assert_corpus_fresh(dir.path(), root.path());
    }
}

#[test]
fn directory_mode_finds_a_save_by_rename_from_the_listing_and_two_processes_both_answer() {
    let dir = seeded_dir(30, 5);
    let root = tempfile::tempdir().expect("cache dir");
    age(dir.path(), 60);
    let env = [("LECTERN_FRESHNESS", "directory")];
    let out = corpus_support::lectern(dir.path(), root.path(), &env, &["list"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let (table, journal) = files(root.path(), dir.path());
    let before = std::fs::read(&table).expect("table");
    // Saved by rename, as sed -i and most editors do: a new inode under the same name.
    for (k, title) in [(1, "Renamed save alpha"), (4, "Renamed save beta")] {
        let name = retitle(dir.path(), k, title);
        let path = dir.path().join("documents").join(&name);
        let tmp = path.with_extension("tmp");
        std::fs::copy(&path, &tmp).expect("copy");
        std::fs::rename(&tmp, &path).expect("rename");
    }
    // Two processes at once: both answer with both edits.
    let children: Vec<_> = (0..2)
        .map(|_| {
            corpus_support::lectern(dir.path(), root.path(), &env, &["list"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("Renamed save alpha") && text.contains("Renamed save beta"));
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(journal.exists(), "the edits went to the journal");
    assert_eq!(
        std::fs::read(&table).expect("table"),
        before,
        "table untouched"
    );
    let out = corpus_support::lectern(
        dir.path(),
        root.path(),
        &env,
        &["search", "beta", "--limit", "50"],
    )
    .output()
    .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Renamed save beta"));
    assert_catalog_fresh(dir.path(), root.path());
}

#[derive(Clone, Debug)]
enum Op {
    /// A new title for synthetic document k (same id and blocks): the journal's case.
    Retitle(usize),
    /// A new synthetic document.
    Add(u64),
    /// Synthetic document k removed.
    Delete(usize),
    /// Synthetic document k written as a file that fails validation.
    Break(usize),
    /// Synthetic document k copied under a name before its own (`true`: it takes the id's
    /// place) or after it (a duplicate).
    Copy(usize, bool),
    /// Synthetic document k renamed (a delete and an add of the same id).
    Rename(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..40).prop_map(Op::Retitle),
        1 => (0u64..1000).prop_map(Op::Add),
        1 => (0usize..40).prop_map(Op::Delete),
        1 => (0usize..40).prop_map(Op::Break),
        1 => (0usize..40, any::<bool>()).prop_map(|(k, before)| Op::Copy(k, before)),
        1 => (0usize..40).prop_map(Op::Rename),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn any_sequence_of_edits_adds_and_deletes_equals_a_fresh_load(
        ops in prop::collection::vec(op(), 1..8)
    ) {
        let dir = seeded_dir(12, 3);
        let root = tempfile::tempdir().expect("cache dir");
        age(dir.path(), 60);
        assert_catalog_fresh(dir.path(), root.path());
        for (step, op) in ops.iter().enumerate() {
            let names = synth_names(dir.path());
            match op {
                Op::Retitle(k) if !names.is_empty() => {
                    retitle(dir.path(), *k, &format!("Step {step} title"));
                }
                Op::Add(seed) => {
                    let mut doc = lectern::search::synth::Generator::new()
                        .documents(1, 900, 5000 + seed)
                        .next()
                        .expect("one document");
                    doc.id = format!("synth-added-{step}-{seed}");
                    doc.source.raw = "raw/synthetic.txt".into();
                    write_document(dir.path(), &doc);
                }
                Op::Delete(k) if !names.is_empty() => {
                    std::fs::remove_file(dir.path().join("documents").join(&names[k % names.len()]))
                        .expect("delete");
                }
                Op::Break(k) if !names.is_empty() => {
                    std::fs::write(
                        dir.path().join("documents").join(&names[k % names.len()]),
                        "id = \"broken\"\nnot toml [[[\n",
                    )
                    .expect("break");
                }
                Op::Copy(k, before) if !names.is_empty() => {
                    let docs = dir.path().join("documents");
                    let to = match before {
                        true => format!("a-copy-{step}.toml"),
                        false => format!("zz-copy-{step}.toml"),
                    };
                    std::fs::copy(docs.join(&names[k % names.len()]), docs.join(to))
                        .expect("copy");
                }
                Op::Rename(k) if !names.is_empty() => {
                    let docs = dir.path().join("documents");
                    let from = &names[k % names.len()];
                    std::fs::rename(docs.join(from), docs.join(format!("{from}.{step}.toml")))
                        .expect("rename");
                }
                _ => {}
            }
            assert_catalog_fresh(dir.path(), root.path());
        }
        assert_corpus_fresh(dir.path(), root.path());
        assert_catalog_fresh(dir.path(), root.path());
    }
}
