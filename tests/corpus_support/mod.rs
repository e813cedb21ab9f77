//! Helpers shared by the corpus cache tests: corpus directories of synthetic documents (alone,
//! or beside the bundled seeds and registry), writing a document file, and ageing the files so
//! that the cache trusts them. Each test crate uses some of them.
#![allow(dead_code)]

use lectern::corpus::{Catalog, Corpus, cache, format};
use lectern::model::{Document, Lang, LangText};
use lectern::search::synth::Generator;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// A corpus directory of `n` synthetic documents (the generator's `bytes` and `seed`), each
/// titled "Probe ID original" so that a test can find it by title.
pub fn probes_dir(n: usize, bytes: usize, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("documents")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("raw")).expect("mkdir");
    std::fs::write(dir.path().join("raw/synthetic.txt"), "generated\n").expect("raw");
    for mut doc in Generator::new().documents(n, bytes, seed) {
        doc.source.raw = "raw/synthetic.txt".into();
        doc.title = LangText::one(Lang::En, format!("Probe {} original", doc.id));
        write_document(dir.path(), &doc);
    }
    dir
}

/// A corpus directory: the bundled seeds and registry plus `n` synthetic documents (1200
/// bytes, generated from `seed`).
pub fn seeded_dir(n: usize, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for sub in ["documents", "raw", "registry"] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        for entry in std::fs::read_dir(seeds.join(sub)).expect("seeds") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                let to = dir.path().join(sub).join(path.file_name().expect("name"));
                std::fs::copy(&path, to).expect("copy");
            }
        }
    }
    std::fs::write(dir.path().join("raw/synthetic.txt"), "generated\n").expect("raw");
    for mut doc in Generator::new().documents(n, 1200, seed) {
        doc.source.raw = "raw/synthetic.txt".into();
        write_document(dir.path(), &doc);
    }
    dir
}

/// One synthetic document (the generator's `bytes` and `seed`) with the id `id`, its source
/// the `raw/synthetic.txt` that [`probes_dir`] and [`seeded_dir`] write.
pub fn synthetic(id: &str, bytes: usize, seed: u64) -> Document {
    let mut doc = Generator::new()
        .documents(1, bytes, seed)
        .next()
        .expect("one document");
    doc.id = id.into();
    doc.source.raw = "raw/synthetic.txt".into();
    doc
}

/// Writes `doc` as `documents/ID.toml` under `dir`.
pub fn write_document(dir: &Path, doc: &Document) {
    write_text(dir, &doc.id, &format::to_toml(doc));
}

/// Writes `text` as `documents/ID.toml` under `dir` (a document, or a file that is not one).
pub fn write_text(dir: &Path, id: &str, text: &str) {
    std::fs::write(dir.join("documents").join(format!("{id}.toml")), text).expect("write");
}

/// The file names of the synthetic documents under `dir/documents`, sorted.
pub fn synth_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("documents"))
        .expect("docs")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("synth-"))
        .collect();
    names.sort();
    names
}

/// Sets the mtime of the documents directory and of every file in it `secs` seconds back, so
/// that the cache may trust them (a change within two seconds of a check is never trusted).
pub fn age(dir: &Path, secs: u64) {
    let then = SystemTime::now() - Duration::from_secs(secs);
    let docs = dir.join("documents");
    for entry in std::fs::read_dir(&docs).expect("docs") {
        let file = std::fs::File::options()
            .write(true)
            .open(entry.expect("entry").path())
            .expect("open");
        file.set_modified(then).expect("set mtime");
    }
    let d = std::fs::File::open(&docs).expect("open dir");
    d.set_modified(then).expect("set dir mtime");
}

/// The corpus of `dir` opened lazily through a cache in `root`, as the reader opens it: the
/// first refresh writes the table, the second opens from the catalog snapshot.
pub fn lazy(dir: &Path, root: &Path) -> Corpus {
    let file = cache::cache_file(root, dir);
    for _ in 0..2 {
        let (catalog, _): (Catalog, _) =
            cache::refresh(dir, &file, &mut |_, _| {}).expect("refresh");
        drop(catalog);
    }
    let (catalog, _) = cache::refresh(dir, &file, &mut |_, _| {}).expect("refresh");
    Corpus::lazy(catalog).expect("lazy")
}

/// `lectern --corpus DIR` with its caches in `cache`, no colour, and the extra environment
/// `env`: what the corpus cache's process tests run.
pub fn lectern(
    dir: &Path,
    cache: &Path,
    env: &[(&str, &str)],
    args: &[&str],
) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lectern"));
    cmd.arg("--corpus")
        .arg(dir)
        .args(args)
        .env("LECTERN_INDEX_DIR", cache)
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}
