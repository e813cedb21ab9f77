//! The catalog (the corpus cache read without bodies) and the index updated in place: after a
//! file is changed, added and deleted, both answer as a fresh load and a fresh build do; a
//! damaged pack is rebuilt; the command line picks up an edit on its next run.

mod corpus_support;

use corpus_support::{seeded_dir, write_document};
use lectern::corpus::{Catalog, Corpus, Head, cache};
use lectern::model::{DocIx, Lang};
use lectern::search::store::{self, Docs, Update};
use lectern::search::{Location, SearchIndex, SearchResults};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn catalog(dir: &Path, root: &Path) -> (Catalog, cache::Refresh) {
    let file = cache::cache_file(root, dir);
    cache::refresh(dir, &file, &mut |_, _| {}).expect("refresh")
}

/// Change one document (a mention of Kim Il-sung added), add one, delete one.
fn change_add_delete(dir: &Path, fresh: &Corpus) {
    let mut edited = fresh
        .documents
        .iter()
        .find(|d| d.id.starts_with("synth-"))
        .expect("a synthetic document")
        .clone();
    edited.blocks[0]
        .text
        .set(Lang::En, "Kim Il-sung received the ambassador of zyxwvut.");
    write_document(dir, &edited);
    let mut added = edited.clone();
    added.id = "added-document".into();
    added.blocks[1]
        .text
        .set(Lang::En, "A new paragraph about qwertzuiop.");
    write_document(dir, &added);
    let victim = fresh
        .documents
        .iter()
        .rev()
        .find(|d| d.id.starts_with("synth-") && d.id != edited.id)
        .expect("another synthetic document");
    std::fs::remove_file(dir.join(format!("documents/{}.toml", victim.id))).expect("delete");
}

/// What the list, filters and links see of a catalog, against a fresh load.
fn assert_catalog_is(catalog: &Catalog, fresh: &Corpus) {
    let heads: Vec<Head> = fresh.documents.iter().map(Head::of).collect();
    assert_eq!(catalog.heads(), heads.as_slice(), "heads in list order");
    assert_eq!(catalog.problems, fresh.problems, "problems");
    assert_eq!(catalog.registry(), &*fresh.registry, "registry");
    assert_eq!(catalog.links().mentions, fresh.links.mentions, "links");
    for (i, doc) in fresh.documents.iter().enumerate() {
        assert_eq!(
            &catalog.document(i).expect("body"),
            doc,
            "body of {}",
            doc.id
        );
    }
}

#[test]
fn a_refreshed_catalog_equals_a_fresh_load_after_a_change_an_addition_and_a_deletion() {
    let dir = seeded_dir(30, 5);
    let root = tempfile::tempdir().expect("cache dir");
    let (first, refresh) = catalog(dir.path(), root.path());
    assert_eq!(refresh.parsed.len(), 35, "a first open parses every file");
    let fresh = Corpus::load_dir(dir.path()).expect("fresh");
    assert_catalog_is(&first, &fresh);

    change_add_delete(dir.path(), &fresh);
    let (second, refresh) = catalog(dir.path(), root.path());
    let fresh = Corpus::load_dir(dir.path()).expect("fresh");
    assert_eq!(refresh.parsed.len(), 2, "{:?}", refresh.parsed);
    assert_catalog_is(&second, &fresh);
    assert!(
        (second.position("added-document")).is_some_and(|i| second
            .links()
            .in_document(DocIx(i))
            .next()
            .is_some()),
        "the added document's mention is linked"
    );
    // Opened again, the cache is trusted as it is and still the same.
    let (third, refresh) = catalog(dir.path(), root.path());
    assert_eq!(refresh.notice, None);
    assert_catalog_is(&third, &fresh);
}

/// Every hit of `q` (total, and the set of hits with their snippets' text).
fn answer(index: &SearchIndex, q: &str) -> (usize, BTreeSet<(String, usize, Vec<String>)>) {
    let r: SearchResults = index.search(q, 100_000).expect("search");
    let hits = r
        .hits
        .into_iter()
        .map(|h| {
            let snippets = h.snippets.iter().map(|s| s.text.clone()).collect();
            (h.doc_id, h.block.0, snippets)
        })
        .collect();
    (r.total, hits)
}

const QUERIES: [&str; 7] = [
    "ambassador",
    "zyxwvut",
    "qwertzuiop",
    "\"Soviet Union\"",
    "金日成",
    "kind:treaty friendship",
    "mentions:kim-il-sung",
];

#[test]
fn the_index_updated_in_place_answers_as_a_fresh_build() {
    let dir = seeded_dir(30, 5);
    let root = tempfile::tempdir().expect("cache dir");
    let loc = Location::at(root.path());
    let key = store::corpus_key(Some(dir.path()));
    let (before, _) = catalog(dir.path(), root.path());
    let (_, reason) = SearchIndex::open_source(&loc, &key, &before, &mut |_, _| {}).expect("build");
    assert!(reason.is_some(), "the first open builds");
    let fresh = Corpus::load_dir(dir.path()).expect("fresh");
    change_add_delete(dir.path(), &fresh);

    let (after, _) = catalog(dir.path(), root.path());
    let (mut updated, reason) =
        SearchIndex::open_source(&loc, &key, &after, &mut |_, _| {}).expect("update");
    assert_eq!(reason, None, "an update, not a build");
    assert_eq!(
        updated.open.updated,
        Some(Update {
            added: 1,
            replaced: 1,
            removed: 1
        })
    );
    let after = std::sync::Arc::new(after);
    updated.hooks = lectern::search::registry_hooks::catalog_hooks(after.clone());

    let fresh = std::sync::Arc::new(Corpus::load_dir(dir.path()).expect("fresh"));
    let other = tempfile::tempdir().expect("other cache dir");
    let (mut built, _) = SearchIndex::open_source(
        &Location::at(other.path()),
        "fresh",
        &Docs(&fresh.documents),
        &mut |_, _| {},
    )
    .expect("fresh build");
    built.hooks = lectern::search::registry_hooks::shared_hooks(fresh.clone());
    for q in QUERIES {
        let (a, b) = (answer(&updated, q), answer(&built, q));
        assert_eq!(a, b, "query {q}");
        assert!(a.0 > 0, "query {q} finds something");
    }
    // The edited document and the one added as its copy.
    assert_eq!(answer(&updated, "zyxwvut").1.len(), 2);
    let units: usize = fresh.documents.iter().map(|d| d.blocks.len() + 1).sum();
    assert_eq!(
        updated.open.reader.searcher().num_docs() as usize,
        units,
        "no unit of a replaced or deleted document is left"
    );

    // Nothing changed since: opened as it is.
    let (again, reason) =
        SearchIndex::open_source(&loc, &key, &*after, &mut |_, _| {}).expect("reopen");
    assert_eq!((reason, again.open.updated), (None, None));
}

#[test]
fn a_damaged_pack_is_read_from_the_files_and_the_cache_rebuilt() {
    let dir = seeded_dir(10, 5);
    let root = tempfile::tempdir().expect("cache dir");
    let _ = catalog(dir.path(), root.path());
    let pack = std::fs::read_dir(root.path())
        .expect("cache dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "pack"))
        .expect("a pack");
    let mut bytes = std::fs::read(&pack).expect("pack");
    for b in bytes.iter_mut().step_by(97) {
        *b ^= 0x5a;
    }
    std::fs::write(&pack, bytes).expect("damage");
    let fresh = Corpus::load_dir(dir.path()).expect("fresh");

    // A body is read from its own file when its blob fails its checksum.
    let (lazy, _) = catalog(dir.path(), root.path());
    for (i, doc) in fresh.documents.iter().enumerate() {
        assert_eq!(&lazy.document(i).expect("body"), doc);
    }
    // The reader's whole load rebuilds the cache, with a notice, and then trusts it.
    let file = cache::cache_file(root.path(), dir.path());
    let (corpus, refresh) = cache::open(dir.path(), &file, &mut |_, _| {}).expect("open");
    let notice = refresh.notice.unwrap_or_default();
    assert!(
        notice.contains("damaged") && notice.contains("rebuilding"),
        "{notice}"
    );
    assert!(corpus.documents == fresh.documents);
    let (_, next) = cache::open(dir.path(), &file, &mut |_, _| {}).expect("open");
    assert_eq!(next.notice, None);
}

fn lectern(dir: &Path, cache: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("--corpus")
        .arg(dir)
        .args(args)
        .env("LECTERN_INDEX_DIR", cache)
        .env("NO_COLOR", "1")
        .output()
        .expect("lectern runs")
}

#[test]
fn the_next_command_sees_a_document_edited_in_place() {
    let dir = seeded_dir(20, 5);
    let root = tempfile::tempdir().expect("cache dir");
    let out = lectern(dir.path(), root.path(), &["search", "plughxyzzy"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("no matches"));
    let mut doc = Corpus::load_dir(dir.path())
        .expect("fresh")
        .documents
        .into_iter()
        .find(|d| d.id.starts_with("synth-"))
        .expect("synthetic");
    doc.blocks[0].text.set(Lang::En, "The plughxyzzy treaty.");
    // Written in place (same file, same size class), as an editor that does not rename does.
    write_document(dir.path(), &doc);
    let search = lectern(dir.path(), root.path(), &["search", "plughxyzzy"]);
    let text = String::from_utf8_lossy(&search.stdout);
    assert!(text.contains(&doc.id) && text.contains("1 match"), "{text}");
    let show = lectern(dir.path(), root.path(), &["show", &doc.id]);
    assert!(String::from_utf8_lossy(&show.stdout).contains("plughxyzzy"));
    let list = lectern(dir.path(), root.path(), &["list"]);
    assert!(String::from_utf8_lossy(&list.stdout).contains(&doc.id));
}

#[test]
fn list_into_a_closed_pipe_ends_quietly() {
    let dir = seeded_dir(3000, 5);
    let root = tempfile::tempdir().expect("cache dir");
    let _ = lectern(dir.path(), root.path(), &["list"]);
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' --corpus '{}' list | head -n 1",
            env!("CARGO_BIN_EXE_lectern"),
            dir.path().display()
        ))
        .env("LECTERN_INDEX_DIR", root.path())
        .output()
        .expect("sh");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}
