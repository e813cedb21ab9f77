//! A corpus: the documents of an archive, loaded from a directory or from the copy embedded in
//! the binary, with every file that could not be read reported and skipped.
//!
//! Layout of a corpus directory:
//! - `documents/<id>.toml`: one document each, written by the importer (see [`format`]);
//! - `raw/`: the sources as received, verbatim;
//! - `overlays/<raw stem>.toml`: reviewed corrections applied on import;
//! - `registry/*.toml`: the instruments and entities the documents name (see [`crate::refs`]).

mod embedded;
pub mod format;

pub use crate::diag::Problem;

use crate::files::{limits, read_text};
use crate::model::Document;
use crate::refs::{Links, Registry};
use std::path::{Path, PathBuf};

/// Environment variable naming a corpus directory to open instead of the bundled one.
pub const CORPUS_ENV: &str = "LECTERN_CORPUS";

#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Valid documents, in date order (undated last), then by id.
    pub documents: Vec<Document>,
    /// Files that were skipped, each with why.
    pub problems: Vec<Problem>,
    /// The directory it was read from; `None` for the bundled corpus.
    pub dir: Option<PathBuf>,
    /// The instruments and entities the documents name.
    pub registry: Registry,
    /// Every mention of the registry in the documents, found once at load.
    pub links: Links,
}

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

    /// Opens `dir`, or the directory named by `LECTERN_CORPUS`, or the bundled corpus.
    pub fn open(dir: Option<&Path>) -> std::io::Result<Self> {
        match dir
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os(CORPUS_ENV).map(PathBuf::from))
        {
            Some(dir) => Self::load_dir(&dir),
            None => Ok(Self::bundled()),
        }
    }

    /// Reads every `documents/*.toml` under `dir`. Only a missing or unreadable directory is an
    /// error; a bad file is recorded in `problems` and the rest still load.
    pub fn load_dir(dir: &Path) -> std::io::Result<Self> {
        let docs_dir = dir.join("documents");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&docs_dir)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", docs_dir.display())))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        paths.sort();
        let mut unreadable = Vec::new();
        let files: Vec<(PathBuf, String)> = paths
            .into_iter()
            .filter_map(|path| match read_text(&path, limits::DOCUMENT) {
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
            documents,
            ..Default::default()
        };
        corpus.links = Links::build(&corpus.documents, &corpus.registry);
        corpus
    }

    fn from_files(
        files: impl IntoIterator<Item = (PathBuf, String)>,
        registry_files: Vec<(PathBuf, String)>,
        dir: Option<PathBuf>,
    ) -> Self {
        let mut documents: Vec<Document> = Vec::new();
        let mut problems = Vec::new();
        for (path, text) in files {
            match format::parse(&path, &text) {
                Ok(doc) => {
                    if let Some(raw_dir) = &dir
                        && !raw_dir.join(&doc.source.raw).is_file()
                    {
                        let line = crate::diag::line_of_key(&text, "raw");
                        problems.push(Problem::new(
                            &path,
                            line,
                            format!("raw source '{}' not found in the corpus", doc.source.raw),
                        ));
                    }
                    if let Some(first) = documents.iter().find(|d| d.id == doc.id) {
                        problems.push(Problem::new(
                            &path,
                            1,
                            format!("duplicate id '{}' (already used by another file)", first.id),
                        ));
                        continue;
                    }
                    documents.push(doc);
                }
                Err(problem) => problems.push(problem),
            }
        }
        documents.sort_by(|a, b| match (a.date(), b.date()) {
            (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.id.cmp(&b.id)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.id.cmp(&b.id),
        });
        let (registry, registry_problems) = crate::refs::load(&registry_files, &documents);
        problems.extend(registry_problems);
        let links = Links::build(&documents, &registry);
        Self {
            documents,
            problems,
            dir,
            registry,
            links,
        }
    }

    pub fn get(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// One line for the user when files were skipped, e.g. "2 files skipped (lectern check)".
    pub fn skipped_summary(&self) -> Option<String> {
        match self.problems.len() {
            0 => None,
            n => Some(format!(
                "{n} problem{} in the corpus, affected files skipped: {} (run `lectern check` for all)",
                if n == 1 { "" } else { "s" },
                self.problems[0]
            )),
        }
    }
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
