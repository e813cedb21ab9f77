//! The index lifecycle: built on first use, reused when current, rebuilt when the corpus
//! changes or the files are damaged, and safe with several readers and builders at once.

use lectern::model::{Document, Lang};
use lectern::search::store::{self, open_or_build};
use lectern::search::synth::Generator;
use lectern::search::{BuildReason, Location, SearchIndex};
use std::path::Path;

fn corpus() -> Vec<Document> {
    Generator::new().corpus(30, 1200, 3)
}

fn open(loc: &Location, docs: &[Document]) -> (SearchIndex, Option<BuildReason>) {
    SearchIndex::open(loc, docs, &mut |_, _| {}).expect("the index opens")
}

fn hits(index: &SearchIndex, _docs: &[Document], q: &str) -> Vec<(String, usize)> {
    index
        .search(q, 1000)
        .expect("search runs")
        .hits
        .into_iter()
        .map(|h| (h.doc_id, h.block.0))
        .collect()
}

fn dir_name(index: &SearchIndex) -> String {
    index
        .open
        .dir
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .into_owned()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn built_on_first_use_then_reused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let loc = Location::at(tmp.path());
    let docs = corpus();
    let (_, reason) = open(&loc, &docs);
    assert_eq!(reason, Some(BuildReason::FirstUse));
    let (index, reason) = open(&loc, &docs);
    assert_eq!(reason, None);
    assert!(!hits(&index, &docs, "朝鲜").is_empty());
    assert_eq!(
        entries(tmp.path()),
        vec![dir_name(&index)],
        "no temporary directory is left"
    );
}

#[test]
fn a_changed_corpus_updates_the_index_in_place() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let loc = Location::at(tmp.path());
    let mut docs = corpus();
    let _ = open(&loc, &docs);
    docs[3].blocks[0]
        .text
        .set(Lang::En, "a freshly edited paragraph about zyxwvut");
    let (index, reason) = open(&loc, &docs);
    assert_eq!(reason, None, "an update is not a build");
    assert_eq!(
        index.open.updated,
        Some(store::Update {
            added: 0,
            replaced: 1,
            removed: 0
        })
    );
    assert_eq!(
        hits(&index, &docs, "zyxwvut"),
        vec![(docs[3].id.clone(), 1)]
    );
    let want: usize = docs.iter().map(|d| d.blocks.len() + 1).sum();
    assert_eq!(index.open.reader.searcher().num_docs() as usize, want);
}

#[test]
fn an_index_of_other_documents_without_its_state_is_rebuilt() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let loc = Location::at(tmp.path());
    let docs = corpus();
    let other = Generator::new().corpus(5, 1200, 99);
    // Another corpus's index sitting under this corpus's name, its state file lost.
    let dir = loc.index_dir(store::DOCUMENTS_KEY);
    store::write_index(&dir, &other, &mut |_, _| {}).expect("write");
    for e in std::fs::read_dir(&dir).expect("dir").flatten() {
        if e.file_name()
            .to_string_lossy()
            .starts_with("lectern-state-")
        {
            std::fs::remove_file(e.path()).expect("remove state");
        }
    }
    let (index, reason) = open(&loc, &docs);
    assert_eq!(reason, Some(BuildReason::Stale), "{reason:?}");
    let want: usize = docs.iter().map(|d| d.blocks.len() + 1).sum();
    assert_eq!(index.open.reader.searcher().num_docs() as usize, want);
}

#[test]
fn corrupted_or_missing_files_are_rebuilt() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let loc = Location::at(tmp.path());
    let docs = corpus();
    let (index, _) = open(&loc, &docs);
    let expected = hits(&index, &docs, "\"Soviet Union\" OR 苏联");
    assert!(!expected.is_empty());
    let dir = index.open.dir.clone();
    drop(index);

    // Garbage over the middle of every segment file.
    for name in entries(&dir) {
        let path = dir.join(&name);
        if name.ends_with(".json") || name.starts_with('.') {
            continue;
        }
        let mut bytes = std::fs::read(&path).expect("read");
        let mid = bytes.len() / 2;
        for b in bytes.iter_mut().skip(mid).take(64) {
            *b ^= 0x5a;
        }
        std::fs::write(&path, bytes).expect("write");
    }
    let (index, reason) = open(&loc, &docs);
    assert!(
        matches!(reason, Some(BuildReason::Damaged(_))),
        "{reason:?}"
    );
    assert_eq!(hits(&index, &docs, "\"Soviet Union\" OR 苏联"), expected);

    // A truncated file, then a missing meta.json.
    let victim = entries(&dir)
        .into_iter()
        .find(|n| n.ends_with(".idx"))
        .expect("a postings file");
    std::fs::write(dir.join(victim), b"").expect("truncate");
    let (_, reason) = open(&loc, &docs);
    assert!(
        matches!(reason, Some(BuildReason::Damaged(_))),
        "{reason:?}"
    );
    std::fs::remove_file(dir.join("meta.json")).expect("remove meta");
    let (index, reason) = open(&loc, &docs);
    assert!(
        matches!(reason, Some(BuildReason::Damaged(_))),
        "{reason:?}"
    );
    assert_eq!(hits(&index, &docs, "\"Soviet Union\" OR 苏联"), expected);
}

#[test]
fn several_builders_and_readers_at_once_all_work() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let loc = Location::at(tmp.path());
    let docs = corpus();
    let results: Vec<Vec<(String, usize)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let (index, _) =
                        open_or_build(&loc, &docs, false, &mut |_, _| {}).expect("opens");
                    let index = SearchIndex {
                        open: index,
                        hooks: Default::default(),
                    };
                    hits(&index, &docs, "合作")
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    assert!(!results[0].is_empty());
    assert!(results.iter().all(|r| *r == results[0]));
    let dir = loc.index_dir(store::DOCUMENTS_KEY);
    assert_eq!(
        entries(tmp.path()),
        vec![
            dir.file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        ],
        "losers removed their copies"
    );
}

#[test]
fn a_rebuild_does_not_disturb_a_reader_already_open() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let loc = Location::at(tmp.path());
    let docs = corpus();
    let (first, _) = open(&loc, &docs);
    let before = hits(&first, &docs, "朝鲜");
    let (second, reason) = open_or_build(&loc, &docs, true, &mut |_, _| {}).expect("rebuild");
    assert_eq!(reason, Some(BuildReason::Requested));
    assert_eq!(hits(&first, &docs, "朝鲜"), before);
    let second = SearchIndex {
        open: second,
        hooks: Default::default(),
    };
    assert_eq!(hits(&second, &docs, "朝鲜"), before);
}
