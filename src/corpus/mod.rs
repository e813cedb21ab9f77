//! A corpus: the documents of an archive, loaded from a directory or from the copy embedded in
//! the binary, with every file that could not be read reported and skipped.
//!
//! Layout of a corpus directory:
//! - `documents/<id>.toml`: one document each, written by the importer (see [`format`]);
//! - `raw/`: the sources as received, verbatim;
//! - `overlays/<raw stem>.toml`: reviewed corrections applied on import;
//! - `registry/*.toml`: the instruments and entities the documents name (see [`crate::refs`]).

pub mod cache;
mod cache_file;
pub mod catalog;
pub mod docs;
mod embedded;
pub mod format;
pub mod freshness;
pub mod links;
mod mention_list;
mod snapshot;
mod target_index;
pub mod timeline;

pub use crate::diag::Problem;
pub use catalog::{Catalog, Head, HeadDate};
pub use docs::Docs;
pub use links::CorpusLinks;
pub use mention_list::MentionList;

use crate::files::{limits, read_text};
use crate::model::{DocIds, DocIx, Document};
use crate::refs::{Links, Registry};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Environment variable naming a corpus directory to open instead of the bundled one.
pub const CORPUS_ENV: &str = "LECTERN_CORPUS";

#[derive(Debug, Default)]
pub struct Corpus {
    /// Valid documents, in date order (undated last), then by id; in memory, or read from
    /// the cache when asked for (see [`docs`]).
    pub documents: Docs,
    /// Files that were skipped, each with why.
    pub problems: Vec<Problem>,
    /// The directory it was read from; `None` for the bundled corpus.
    pub dir: Option<PathBuf>,
    /// The instruments and entities the documents name; shared (never copied) with the
    /// catalog it came from and the search hooks.
    pub registry: Arc<Registry>,
    /// Every mention of the registry in the documents, found once at load (read from the
    /// cache when asked for in a lazy corpus, see [`links`]).
    pub links: CorpusLinks,
    /// One-line notices from opening it (a cache rebuilt, a cache that could not be written).
    pub notices: Vec<String>,
    /// id → place in `documents`, built on first use (see [`Corpus::ix`]).
    pub by_id: IdIndex,
}

/// The id → [`DocIx`] map behind [`Corpus::ix`]; public only so that `..Corpus::default()`
/// works outside this module.
#[derive(Clone, Debug, Default)]
pub struct IdIndex(OnceLock<DocIds>);

impl Corpus {
    /// The corpus compiled into the binary.
    pub fn bundled() -> Self {
        let files = embedded::DOCUMENTS
            .iter()
            .map(|(name, text)| (PathBuf::from(name), text.to_string()));
        let registry = embedded::REGISTRY
            .iter()
            .map(|(name, text)| (PathBuf::from(name), text.to_string()))
            .collect();
        Self::from_files(files, registry, None)
    }

    /// Opens `dir`, or the directory named by `LECTERN_CORPUS`, or the bundled corpus. A
    /// directory is opened through the corpus cache (see [`cache`]); without a cache directory
    /// it is read in full.
    pub fn open(dir: Option<&Path>) -> std::io::Result<Self> {
        Self::open_with_progress(dir, &mut |_, _| {})
    }

    /// [`Corpus::open`], telling `progress(done, total)` how far the files are.
    pub fn open_with_progress(
        dir: Option<&Path>,
        progress: &mut (dyn FnMut(usize, usize) + Send),
    ) -> std::io::Result<Self> {
        let Some(dir) = dir
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os(CORPUS_ENV).map(PathBuf::from))
        else {
            return Ok(Self::bundled());
        };
        let Ok(loc) = crate::paths::Location::user_cache() else {
            return Self::load_dir(&dir);
        };
        let file = cache::cache_file(&loc.root, &dir);
        let (mut corpus, refresh) = cache::open(&dir, &file, progress)?;
        corpus.notices.extend(refresh.notice);
        if let Some(why) = refresh.unwritable {
            corpus.notices.push(format!(
                "cannot write the corpus cache ({why}); the corpus will be read in full next time"
            ));
        }
        Ok(corpus)
    }

    /// [`Corpus::open_with_progress`] for the reader: a cached corpus is opened from its
    /// catalog, with only the heads decoded; bodies and mentions are read when asked for
    /// ([`Docs`], [`CorpusLinks`]). The bundled corpus and one read without a cache are whole.
    pub fn open_lazy(
        dir: Option<&Path>,
        progress: &mut (dyn FnMut(usize, usize) + Send),
    ) -> std::io::Result<Self> {
        Self::lazy(Catalog::open(dir, progress)?).map_err(std::io::Error::other)
    }

    /// The corpus of a catalog: lazy when it was read from the cache (see [`Corpus::open_lazy`]),
    /// whole otherwise.
    pub fn lazy(catalog: Catalog) -> Result<Self, String> {
        if !catalog.is_cached() {
            return catalog.into_corpus();
        }
        let registry = catalog.shared_registry();
        let mut catalog = catalog;
        let problems = std::mem::take(&mut catalog.problems);
        let notices = std::mem::take(&mut catalog.notices);
        let dir = catalog.dir.clone();
        let catalog = std::sync::Arc::new(catalog);
        // Every head is decoded on a thread (on every core), not before the first screen: a
        // screen of the list reads its rows' heads one by one ([`Docs::head`]) meanwhile, and
        // whatever needs them all waits for that thread.
        let decoding = catalog.clone();
        std::thread::spawn(move || decoding.heads().len());
        Ok(Self {
            documents: Docs::lazy(catalog.clone()),
            links: CorpusLinks::lazy(catalog),
            problems,
            dir,
            registry,
            notices,
            by_id: IdIndex::default(),
        })
    }

    /// Reads every `documents/*.toml` under `dir`. Only a missing or unreadable directory is an
    /// error; a bad file is recorded in `problems` and the rest still load.
    pub fn load_dir(dir: &Path) -> std::io::Result<Self> {
        let docs_dir = dir.join("documents");
        let paths = toml_files(&docs_dir)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", docs_dir.display())))?;
        let read: Vec<(PathBuf, Result<String, crate::files::ReadError>)> = paths
            .into_par_iter()
            .map(|path| {
                let text = read_text(&path, limits::DOCUMENT);
                (path, text)
            })
            .collect();
        let mut unreadable = Vec::new();
        let files: Vec<(PathBuf, String)> = read
            .into_iter()
            .filter_map(|(path, text)| match text {
                Ok(text) => Some((path, text)),
                Err(e) => {
                    unreadable.push(Problem::new(&path, e.line(), e.to_string()));
                    None
                }
            })
            .collect();
        let registry = read_toml_files(&dir.join("registry"), &mut unreadable);
        let mut corpus = Self::from_files(files, registry, Some(dir.to_path_buf()));
        corpus.problems.splice(0..0, unreadable);
        Ok(corpus)
    }

    /// A corpus of documents already in memory, with an empty registry (tests, generated corpora).
    pub fn from_documents(documents: Vec<Document>) -> Self {
        let mut corpus = Self {
            documents: documents.into(),
            ..Default::default()
        };
        corpus.links = Links::build(&corpus.documents, &corpus.registry).into();
        corpus
    }

    fn from_files(
        files: impl IntoIterator<Item = (PathBuf, String)>,
        registry_files: Vec<(PathBuf, String)>,
        dir: Option<PathBuf>,
    ) -> Self {
        let files: Vec<(PathBuf, String)> = files.into_iter().collect();
        // Parse on every core; the checks that follow keep the files' order.
        let parsed: Vec<Result<Document, Problem>> = files
            .par_iter()
            .map(|(path, text)| format::parse(path, text))
            .collect();
        let mut documents: Vec<Document> = Vec::new();
        let mut problems = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for ((path, text), parsed) in files.iter().zip(parsed) {
            let (path, text) = (path.as_path(), text.as_str());
            match parsed {
                Ok(doc) => {
                    if let Some(raw_dir) = &dir
                        && !raw_dir.join(&doc.source.raw).is_file()
                    {
                        let line = crate::diag::line_of_key(text, "raw");
                        problems.push(Problem::new(
                            path,
                            line,
                            format!("raw source '{}' not found in the corpus", doc.source.raw),
                        ));
                    }
                    if !seen.insert(doc.id.clone()) {
                        problems.push(Problem::new(
                            path,
                            1,
                            format!("duplicate id '{}' (already used by another file)", doc.id),
                        ));
                        continue;
                    }
                    documents.push(doc);
                }
                Err(problem) => problems.push(problem),
            }
        }
        documents.sort_by(date_order);
        let (registry, registry_problems) = crate::refs::load(&registry_files, &documents);
        problems.extend(registry_problems);
        let links = Links::build_parallel(&documents, &registry);
        Self {
            documents: documents.into(),
            problems,
            dir,
            registry: Arc::new(registry),
            links: links.into(),
            ..Self::default()
        }
    }

    /// The document with this id (see [`Corpus::ix`]).
    pub fn get(&self, id: &str) -> Option<&Document> {
        self.ix(id).map(|i| &self.documents[i])
    }

    /// The place of the document with this id, through the id → [`DocIx`] map built on first
    /// use. A map that no longer matches `documents` (changed since) is not trusted: a scan
    /// answers.
    pub fn ix(&self, id: &str) -> Option<DocIx> {
        if let Some(found) = self.documents.lazy_position(id) {
            return found.map(DocIx);
        }
        let ids = self.ids();
        match ids.get(id) {
            Some(i) if self.documents.get(i.0).is_some_and(|d| d.id == id) => Some(i),
            None if ids.len() == self.documents.len() => None,
            _ => self.documents.iter().position(|d| d.id == id).map(DocIx),
        }
    }

    /// The id → [`DocIx`] map of `documents`, built once.
    pub fn ids(&self) -> &DocIds {
        let docs = &self.documents;
        (self.by_id.0).get_or_init(|| DocIds::of_ids((0..docs.len()).map(|i| docs.id(i))))
    }

    /// One line for the user when files were skipped, e.g. "2 files skipped (lectern check)".
    pub fn skipped_summary(&self) -> Option<String> {
        skipped_summary(&self.problems)
    }
}

fn skipped_summary(problems: &[Problem]) -> Option<String> {
    match problems.len() {
        0 => None,
        n => Some(format!(
            "{n} problem{} in the corpus, affected files skipped: {} (run `lectern check` for all)",
            if n == 1 { "" } else { "s" },
            problems[0]
        )),
    }
}

/// Date order (undated last), then by id: the order of [`Corpus::documents`].
fn date_order(a: &Document, b: &Document) -> std::cmp::Ordering {
    match (a.date(), b.date()) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
    }
}

/// The `*.toml` files of `dir`, sorted by name.
fn toml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Reads `dir/*.toml`, sorted by name; a missing directory is an empty list.
fn read_toml_files(dir: &Path, problems: &mut Vec<Problem>) -> Vec<(PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| match read_text(&path, limits::REGISTRY) {
            Ok(text) => Some((path, text)),
            Err(e) => {
                problems.push(Problem::new(&path, e.line(), e.to_string()));
                None
            }
        })
        .collect()
}
