//! The corpus cache's lifecycle: a stale cache refreshes only the changed files, a corrupt one
//! is rebuilt with a notice, two processes at once both work, a killed build leaves a working
//! cache, and a corpus opened through the cache equals a fresh load (list, links, search).

mod cli_support;
mod corpus_support;

use corpus_support::{seeded_dir, write_document};
use lectern::corpus::{Corpus, cache};
use lectern::search::{Location, SearchIndex};
use std::path::{Path, PathBuf};
use std::process::Command;

fn cache_of(dir: &Path, root: &Path) -> PathBuf {
    cache::cache_file(root, dir)
}

fn open(dir: &Path, root: &Path) -> (Corpus, cache::Refresh) {
    cache::open(dir, &cache_of(dir, root), &mut |_, _| {}).expect("open through the cache")
}

/// What the user sees of a corpus: documents in order, problems, every link.
fn assert_same(cached: &Corpus, fresh: &Corpus) {
    let ids = |c: &Corpus| c.documents.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(cached), ids(fresh), "list order");
    assert!(cached.documents == fresh.documents, "documents differ");
    assert_eq!(cached.problems, fresh.problems, "problems");
    assert_eq!(cached.registry, fresh.registry, "registry");
    assert_eq!(cached.links.mentions, fresh.links.mentions, "links");
    for (i, doc) in fresh.documents.iter().enumerate() {
        let ix = lectern::model::DocIx(i);
        assert_eq!(
            cached
                .links
                .backlinks(&cached.registry, &cached.documents, ix),
            fresh.links.backlinks(&fresh.registry, &fresh.documents, ix),
            "backlinks of {}",
            doc.id
        );
    }
}

/// Make a file's mtime old enough that the cache trusts size and mtime alone.
fn age_all(dir: &Path) {
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for entry in std::fs::read_dir(dir.join("documents")).expect("docs") {
        let file = std::fs::File::options()
            .write(true)
            .open(entry.expect("entry").path())
            .expect("open");
        file.set_modified(old).expect("set mtime");
    }
}

#[test]
fn a_stale_cache_reparses_only_the_changed_added_files_and_equals_a_fresh_load() {
    let dir = seeded_dir(40, 3);
    let root = tempfile::tempdir().expect("cache dir");
    age_all(dir.path());
    let (first, refresh) = open(dir.path(), root.path());
    assert_eq!(refresh.parsed.len(), 45, "a first open parses every file");
    assert_eq!(refresh.notice, None, "a first use is not a damaged cache");
    assert_same(&first, &Corpus::load_dir(dir.path()).expect("fresh"));

    let (_, again) = open(dir.path(), root.path());
    assert!(
        again.parsed.is_empty(),
        "nothing changed: {:?}",
        again.parsed
    );

    // Change one (a mention of Kim Il-sung added, so links change), add one, delete one.
    let changed = first
        .documents
        .iter()
        .find(|d| d.id.starts_with("synth-"))
        .expect("synth");
    let mut edited = changed.clone();
    edited.blocks[0].text.set(
        lectern::model::Lang::En,
        "Kim Il-sung received the ambassador.",
    );
    write_document(dir.path(), &edited);
    let mut added = edited.clone();
    added.id = "added-document".into();
    write_document(dir.path(), &added);
    std::fs::remove_file(dir.path().join("documents/synth-000007.toml")).expect("delete");

    let (cached, refresh) = open(dir.path(), root.path());
    let mut parsed = refresh.parsed.clone();
    parsed.sort();
    assert_eq!(
        parsed,
        vec![
            "added-document.toml".to_string(),
            format!("{}.toml", edited.id)
        ],
        "only the changed and added files are parsed"
    );
    let fresh = Corpus::load_dir(dir.path()).expect("fresh");
    assert_same(&cached, &fresh);
    assert!(
        cached.get("synth-000007").is_none(),
        "the deleted document is gone"
    );
    assert!(
        (cached.ix("added-document")).is_some_and(|ix| cached.links.in_document(ix).count() > 0),
        "the added document's mention is linked"
    );

    // Search answers the same over both.
    let index_root = tempfile::tempdir().expect("index dir");
    let loc = Location::at(index_root.path());
    let (a, _) = SearchIndex::open(&loc, &cached.documents, &mut |_, _| {}).expect("index");
    let (b, _) = SearchIndex::open(&loc, &fresh.documents, &mut |_, _| {}).expect("index");
    for q in [
        "ambassador",
        "\"Soviet Union\"",
        "金日成",
        "kind:treaty friendship",
    ] {
        let x = a.search(q, 20).expect("search");
        let y = b.search(q, 20).expect("search");
        let hits = |r: &lectern::search::SearchResults| {
            r.hits
                .iter()
                .map(|h| (h.doc_id.clone(), h.block))
                .collect::<Vec<_>>()
        };
        assert_eq!((x.total, hits(&x)), (y.total, hits(&y)), "query {q}");
    }
}

#[test]
fn a_file_touched_without_a_change_is_read_but_not_parsed() {
    let dir = seeded_dir(5, 3);
    let root = tempfile::tempdir().expect("cache dir");
    age_all(dir.path());
    open(dir.path(), root.path());
    let path = dir.path().join("documents/synth-000002.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text).expect("touch");
    let (_, refresh) = open(dir.path(), root.path());
    assert!(refresh.parsed.is_empty(), "{:?}", refresh.parsed);
}

#[test]
fn a_corrupt_cache_is_rebuilt_with_a_notice() {
    let dir = seeded_dir(10, 3);
    let root = tempfile::tempdir().expect("cache dir");
    open(dir.path(), root.path());
    let file = cache_of(dir.path(), root.path());
    let good = std::fs::read(&file).expect("cache");
    let fresh = Corpus::load_dir(dir.path()).expect("fresh");
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("garbage", b"not a cache at all".to_vec()),
        ("flipped in the table", flip(&good, 40)),
        ("flipped in a blob", flip(&good, good.len() - 10)),
        ("other version", {
            let mut b = good.clone();
            b[8] ^= 0x7f;
            b
        }),
    ];
    for (what, bytes) in damages {
        std::fs::write(&file, &bytes).expect("damage");
        let (corpus, refresh) = open(dir.path(), root.path());
        let notice = refresh.notice.unwrap_or_default();
        assert!(
            notice.contains("corpus cache") && notice.contains("rebuilding"),
            "{what}: {notice:?}"
        );
        // A cache from an older lectern is not damage, and the notice must not alarm.
        assert_eq!(
            notice.contains("damaged"),
            what != "other version",
            "{what}: {notice:?}"
        );
        assert_same(&corpus, &fresh);
        let (_, next) = open(dir.path(), root.path());
        assert_eq!(next.notice, None, "{what}: rebuilt once, then trusted");
    }
}

fn flip(bytes: &[u8], at: usize) -> Vec<u8> {
    let mut b = bytes.to_vec();
    b[at] ^= 0x55;
    b
}

#[test]
fn two_processes_building_the_cache_at_once_both_answer() {
    let dir = seeded_dir(300, 3);
    let root = tempfile::tempdir().expect("cache dir");
    let expected = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("--corpus")
        .arg(dir.path())
        .arg("list")
        .env("LECTERN_INDEX_DIR", "/nonexistent/never-written")
        .output()
        .expect("list");
    for out in cli_support::run_at_once(2, || {
        corpus_support::lectern(dir.path(), root.path(), &[], &["list"])
    }) {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, expected.stdout);
    }
    let (_, refresh) = open(dir.path(), root.path());
    assert_eq!(refresh.notice, None, "the cache the two left is whole");
}

#[test]
fn a_killed_build_leaves_a_working_cache() {
    let dir = seeded_dir(400, 3);
    let root = tempfile::tempdir().expect("cache dir");
    let fresh = Corpus::load_dir(dir.path()).expect("fresh");
    // Kill builds at different moments; whatever each left, the next open must be right.
    for delay_ms in [5, 40, 150] {
        let _ = std::fs::remove_file(cache_of(dir.path(), root.path()));
        let mut child = corpus_support::lectern(dir.path(), root.path(), &[], &["list"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let (corpus, refresh) = open(dir.path(), root.path());
        assert_eq!(
            refresh.notice, None,
            "killed after {delay_ms} ms: no half cache"
        );
        assert_same(&corpus, &fresh);
    }
}

#[test]
fn an_unwritable_cache_dir_still_opens_the_corpus_and_says_which_path() {
    let dir = seeded_dir(3, 3);
    let blocker = tempfile::NamedTempFile::new().expect("file");
    // A cache root that is a file cannot hold a cache.
    let root = blocker.path().join("sub");
    let (corpus, refresh) =
        cache::open(dir.path(), &cache_of(dir.path(), &root), &mut |_, _| {}).expect("open");
    assert_eq!(corpus.documents.len(), 8);
    let why = refresh.unwritable.unwrap_or_default();
    assert!(why.contains(&root.display().to_string()), "{why}");
}
