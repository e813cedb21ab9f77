//! A damaged index never panics: a byte flipped anywhere in any index file ends in one rebuild
//! and the right answer. A cache dir that cannot be written still gives a working search, and
//! an index is opened for reading without taking a lock file.

use lectern::model::Document;
use lectern::search::store::{self, OpenIndex};
use lectern::search::synth::Generator;
use lectern::search::{BuildReason, Location, SearchIndex, guard};
use std::path::{Path, PathBuf};

fn corpus() -> Vec<Document> {
    Generator::new().corpus(40, 1500, 11)
}

const QUERIES: [&str; 4] = [
    "Soviet",
    "\"the Soviet Union\"",
    "金日成",
    "kind:treaty friendship",
];

type Answer = Vec<(usize, Vec<(String, usize)>)>;

/// Every query's total and hits, through the open-search-rebuild-retry path the CLI takes.
fn answers(loc: &Location, docs: &[Document]) -> anyhow::Result<(Answer, Option<BuildReason>)> {
    let (mut index, mut reason) = SearchIndex::open(loc, docs, &mut |_, _| {})?;
    let mut out = Vec::new();
    for q in QUERIES {
        let r = match index.search(q, 50) {
            Err(e) if guard::is_damaged(&e) => {
                let (open, why) = store::rebuild_damaged(
                    loc,
                    &index.open,
                    &store::Docs(docs),
                    guard::damage_of(&e),
                    &mut |_, _| {},
                )?;
                index.open = open;
                reason = Some(why);
                index.search(q, 50)?
            }
            r => r?,
        };
        out.push((
            r.total,
            r.hits.into_iter().map(|h| (h.doc_id, h.block.0)).collect(),
        ));
    }
    Ok((out, reason))
}

fn index_files(open: &OpenIndex) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(&open.dir)
        .expect("index dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn a_byte_flipped_in_any_index_file_means_one_rebuild_and_the_right_answer() {
    let docs = corpus();
    let tmp = tempfile::tempdir().expect("tempdir");
    let loc = Location::at(tmp.path());
    let (clean, _) = answers(&loc, &docs).expect("clean answers");
    assert!(
        clean.iter().all(|(total, _)| *total > 0),
        "queries match: {clean:?}"
    );
    let n_files = {
        let (index, _) = SearchIndex::open(&loc, &docs, &mut |_, _| {}).expect("open");
        index_files(&index.open).len()
    };
    assert!(n_files >= 5, "an index has several files");
    let mut cases = 0;
    for file_no in 0..n_files {
        for place in [0.0, 0.1, 0.35, 0.5, 0.75, 0.99] {
            // Rebuilds rename segment files: list them afresh each time.
            let (index, _) = SearchIndex::open(&loc, &docs, &mut |_, _| {}).expect("open");
            let files = index_files(&index.open);
            drop(index);
            let Some(file) = files.get(file_no) else {
                continue;
            };
            let mut bytes = std::fs::read(file).expect("read");
            if bytes.is_empty() {
                continue;
            }
            let at = ((bytes.len() - 1) as f64 * place) as usize;
            bytes[at] ^= 0xa5;
            std::fs::write(file, &bytes).expect("damage");
            cases += 1;
            let got = std::panic::catch_unwind(|| answers(&loc, &docs));
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            let (got, _reason) = match got {
                Ok(Ok(answer)) => answer,
                Ok(Err(e)) => panic!("{name:?} byte {at}: an error instead of a rebuild: {e:#}"),
                Err(_) => panic!("{name:?} byte {at}: a panic escaped"),
            };
            assert_eq!(
                got, clean,
                "{name:?} byte {at}: a wrong answer after the flip"
            );
        }
    }
    assert!(cases > 20, "only {cases} cases ran");
}

#[test]
fn an_unwritable_cache_dir_builds_in_memory_and_names_the_path() {
    let docs = corpus();
    let blocker = tempfile::NamedTempFile::new().expect("file");
    // A cache dir under a plain file can never be created, whoever runs the test.
    let root: PathBuf = blocker.path().join("lectern");
    let loc = Location::at(&root);
    let (got, reason) = answers(&loc, &docs).expect("search works without a cache dir");
    let tmp = tempfile::tempdir().expect("tempdir");
    let (clean, _) = answers(&Location::at(tmp.path()), &docs).expect("clean");
    assert_eq!(got, clean);
    let notice = reason.expect("a notice").notice();
    assert!(
        notice.contains(&root.display().to_string()) && notice.contains("in memory"),
        "{notice}"
    );
}

#[test]
fn an_index_whose_lock_file_cannot_be_created_is_still_opened_for_reading() {
    // Tests run as root, for whom chmod does not stop a write; a directory where the reader's
    // lock file would go stops its creation for anyone, as a read-only cache dir would.
    let docs = corpus();
    let tmp = tempfile::tempdir().expect("tempdir");
    let loc = Location::at(tmp.path());
    let dir = {
        let (index, _) = SearchIndex::open(&loc, &docs, &mut |_, _| {}).expect("build");
        index.open.dir.clone()
    };
    let lock = Path::new(&dir).join(".tantivy-meta.lock");
    let _ = std::fs::remove_file(&lock);
    std::fs::create_dir(&lock).expect("block the lock");
    let (index, reason) = SearchIndex::open(&loc, &docs, &mut |_, _| {}).expect("open");
    assert_eq!(reason, None, "the index was rebuilt instead of read");
    let results = index.search("Soviet", 5).expect("search");
    assert!(results.total > 0);
}
