//! The corpus cache: every document of a corpus directory already parsed and validated, with
//! its mentions of the registry, in one file of the user's cache (`corpus-<key>.cache`), so that
//! a large corpus opens without parsing every TOML file and finding every link again.
//!
//! - **Incremental.** Each entry records its file's size, mtime and CRC-32. A file whose size
//!   and mtime match is reused without being read; one whose mtime is too close to the cache's
//!   own writing to be trusted (a change within the same tick) is read and its CRC compared.
//!   Only files that changed are parsed again; a changed registry re-finds every mention.
//! - **Robust like the index.** The cache is written to a unique temporary file and renamed over
//!   the old one, so a reader sees the old cache or the new one, never half of one, and two
//!   processes at once each write a whole cache (the last rename wins). A cache that fails its
//!   magic, version, checksum or decoding is rebuilt from the files with a one-line notice.
//! - **Format.** A small header (magic, version, CRC-32 of the rest), then a CBOR table of
//!   entries, then one CBOR blob per document and one per document's mentions. Blobs are
//!   decoded in parallel, and unchanged ones are copied into the next cache as bytes, never
//!   re-encoded. CBOR because it is self-describing: `Document` skips empty fields when it is
//!   serialized, which formats without field names (bincode, postcard) cannot read back.

use super::cache_file::{self as file, Entry, Outcome, Table};
use super::{Corpus, Problem, format};
use crate::model::Document;
use crate::refs::{Links, Mention};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// One document file as this open sees it.
enum Fresh {
    Doc {
        doc: Box<Document>,
        raw_missing: Option<usize>,
        /// Mentions from the cache, when the file and the registry are unchanged.
        mentions: Option<Vec<Mention>>,
        /// The document's bytes in the old cache, to copy as they are.
        old_blob: Option<Range<usize>>,
    },
    Failed {
        line: usize,
        message: String,
    },
    Unreadable(String),
}

struct FileState {
    /// Taken from the old cache rather than parsed now.
    reused: bool,
    path: PathBuf,
    name: String,
    size: u64,
    mtime_ns: u64,
    crc: u32,
    fresh: Fresh,
}

/// What opening through the cache did, for tests and notices.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refresh {
    /// Document files read and parsed again (not reused from the cache).
    pub parsed: Vec<String>,
    /// One line for the user when the cache had to be rebuilt whole; `None` otherwise.
    pub notice: Option<String>,
    /// Set when the refreshed cache could not be written: which path and why.
    pub unwritable: Option<String>,
}

/// The cache file of corpus directory `dir` under `root`.
pub fn cache_file(root: &Path, dir: &Path) -> PathBuf {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let key = crc32fast::hash(canonical.to_string_lossy().as_bytes());
    root.join(format!("corpus-{key:08x}.cache"))
}

/// Opens corpus directory `dir` through the cache file `cache`: reuses every unchanged entry,
/// parses the rest, and writes the refreshed cache back when anything changed.
pub fn open(
    dir: &Path,
    cache: &Path,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> std::io::Result<(Corpus, Refresh)> {
    let mut refresh = Refresh::default();
    let bytes = std::fs::read(cache).ok();
    let old = match bytes.as_deref().map(file::decode_table) {
        None => None,
        Some(Ok(table)) => Some(table),
        Some(Err(why)) => {
            refresh.notice = Some(format!(
                "the corpus cache was damaged ({why}); rebuilding it"
            ));
            None
        }
    };
    let blobs = bytes
        .as_deref()
        .and_then(|b| file::blob_area(b, old.as_ref()));
    let docs_dir = dir.join("documents");
    let paths = super::toml_files(&docs_dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", docs_dir.display())))?;
    let mut registry_problems = Vec::new();
    let registry_files = super::read_toml_files(&dir.join("registry"), &mut registry_problems);
    let registry_crc = registry_files.iter().fold(0u32, |acc, (path, text)| {
        let mut h = crc32fast::Hasher::new_with_initial(acc);
        h.update(path.to_string_lossy().as_bytes());
        h.update(text.as_bytes());
        h.finalize()
    });
    let by_name: HashMap<&str, &Entry> = old
        .iter()
        .flat_map(|t| t.entries.iter())
        .map(|e| (e.name.as_str(), e))
        .collect();
    let written_ns = old.as_ref().map_or(0, |t| t.written_ns);
    let same_registry = old.as_ref().is_some_and(|t| t.registry_crc == registry_crc);
    let first_build = old.is_none();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let total = paths.len();
    let progress = std::sync::Mutex::new(progress);
    let files: Vec<FileState> = paths
        .into_par_iter()
        .map(|path| {
            let state = file_state(dir, path, &by_name, blobs, written_ns, same_registry);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            // Progress only for a build from nothing: a refresh is too quick to show.
            if first_build
                && (n.is_multiple_of(1000) || n == total)
                && let Ok(mut p) = progress.lock()
            {
                p(n, total);
            }
            state
        })
        .collect();
    let changed = old.as_ref().is_none_or(|t| {
        !same_registry
            || t.entries.len() != files.len()
            || files.iter().zip(&t.entries).any(|(f, e)| {
                f.name != e.name || f.size != e.size || f.mtime_ns != e.mtime_ns || f.crc != e.crc
            })
    });
    refresh.parsed = files
        .iter()
        .filter(|f| !f.reused)
        .map(|f| f.name.clone())
        .collect();

    // Assemble the corpus in file order (the duplicate check keeps the first), then sort.
    // Documents move out of `files`; what the cache needs of them stays.
    let mut problems = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut documents: Vec<(Document, Option<Vec<Mention>>, usize)> = Vec::new();
    let mut files = files;
    for (i, f) in files.iter_mut().enumerate() {
        match &mut f.fresh {
            Fresh::Unreadable(e) => problems.push(Problem::new(&f.path, 0, e.clone())),
            Fresh::Failed { line, message } => {
                problems.push(Problem::new(&f.path, *line, message.clone()))
            }
            Fresh::Doc {
                doc,
                raw_missing,
                mentions,
                ..
            } => {
                if let Some(line) = raw_missing {
                    problems.push(Problem::new(
                        &f.path,
                        *line,
                        format!("raw source '{}' not found in the corpus", doc.source.raw),
                    ));
                }
                if !seen.insert(doc.id.clone()) {
                    problems.push(Problem::new(
                        &f.path,
                        1,
                        format!("duplicate id '{}' (already used by another file)", doc.id),
                    ));
                    continue;
                }
                let doc = std::mem::replace(&mut **doc, placeholder());
                documents.push((doc, mentions.take(), i));
            }
        }
    }
    documents.sort_by(|a, b| super::date_order(&a.0, &b.0));
    // Cached mentions and file position of each document, beside the documents.
    type Meta = (Option<Vec<Mention>>, usize);
    let (docs, meta): (Vec<Document>, Vec<Meta>) =
        documents.into_iter().map(|(d, m, i)| (d, (m, i))).unzip();
    let (registry, more) = crate::refs::load(&registry_files, &docs);
    registry_problems.extend(more);
    problems.splice(0..0, registry_problems.drain(..));
    let matcher = crate::refs::mentions::Matcher::new(&registry);
    let found: Vec<Vec<Mention>> = docs
        .par_iter()
        .zip(meta.par_iter())
        .map(|(doc, (cached, _))| match cached {
            Some(m) => m.clone(),
            None => crate::refs::mentions::find_in_document(doc, &registry, &matcher),
        })
        .collect();
    // The cache keeps new documents' bytes: encode them before the documents move on.
    let mut new_blobs: HashMap<usize, Vec<u8>> = HashMap::new();
    if changed {
        for (doc, (_, file)) in docs.iter().zip(&meta) {
            if matches!(&files[*file].fresh, Fresh::Doc { old_blob: None, .. }) {
                let mut bytes = Vec::new();
                if ciborium::into_writer(doc, &mut bytes).is_ok() {
                    new_blobs.insert(*file, bytes);
                }
            }
        }
    }
    // Mentions by file, for the cache.
    let mut mentions_of: HashMap<usize, &Vec<Mention>> = HashMap::new();
    for ((_, file), m) in meta.iter().zip(&found) {
        mentions_of.insert(*file, m);
    }
    if changed {
        let table_and_blobs = encode(&files, &new_blobs, &mentions_of, blobs, registry_crc);
        if let Err(e) = file::write_atomically(cache, &table_and_blobs) {
            refresh.unwritable = Some(format!("{}: {e}", cache.display()));
        }
    }
    let links = Links::from_mentions(found.into_iter().flatten().collect());
    let corpus = Corpus {
        documents: docs,
        problems,
        dir: Some(dir.to_path_buf()),
        registry,
        links,
        ..Corpus::default()
    };
    Ok((corpus, refresh))
}

fn file_state(
    dir: &Path,
    path: PathBuf,
    by_name: &HashMap<&str, &Entry>,
    blobs: Option<&[u8]>,
    written_ns: u64,
    same_registry: bool,
) -> FileState {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (size, mtime_ns) = std::fs::metadata(&path).map_or((0, 0), |m| {
        let mtime = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        (m.len(), mtime)
    });
    let old = by_name.get(name.as_str()).copied();
    let reuse = |entry: &Entry, blobs: &[u8]| -> Option<Fresh> {
        Some(match &entry.outcome {
            Outcome::Failed { line, message } => Fresh::Failed {
                line: *line,
                message: message.clone(),
            },
            Outcome::Parsed {
                doc,
                mentions,
                raw_missing,
            } => Fresh::Doc {
                doc: Box::new(ciborium::from_reader(blobs.get(doc.clone())?).ok()?),
                raw_missing: *raw_missing,
                mentions: if same_registry {
                    Some(ciborium::from_reader(blobs.get(mentions.clone())?).ok()?)
                } else {
                    None
                },
                old_blob: Some(doc.clone()),
            },
        })
    };
    // Unchanged by size and mtime, and written long enough before the cache to be trusted.
    if let (Some(entry), Some(blobs)) = (old, blobs)
        && entry.size == size
        && entry.mtime_ns == mtime_ns
        && mtime_ns.saturating_add(file::RACY_NS) < written_ns
        && let Some(fresh) = reuse(entry, blobs)
    {
        return FileState {
            reused: true,
            path,
            name,
            size,
            mtime_ns,
            crc: entry.crc,
            fresh,
        };
    }
    let text = match crate::files::read_text(&path, crate::files::limits::DOCUMENT) {
        Ok(text) => text,
        Err(e) => {
            return FileState {
                reused: false,
                path,
                name,
                size,
                mtime_ns,
                crc: 0,
                fresh: Fresh::Unreadable(e.to_string()),
            };
        }
    };
    let crc = crc32fast::hash(text.as_bytes());
    // Touched but not changed: the cached entry still holds.
    if let (Some(entry), Some(blobs)) = (old, blobs)
        && entry.crc == crc
        && entry.size == size
        && let Some(fresh) = reuse(entry, blobs)
    {
        return FileState {
            reused: true,
            path,
            name,
            size,
            mtime_ns,
            crc,
            fresh,
        };
    }
    let fresh = match format::parse(&path, &text) {
        Ok(doc) => Fresh::Doc {
            raw_missing: (!dir.join(&doc.source.raw).is_file())
                .then(|| crate::diag::line_of_key(&text, "raw")),
            doc: Box::new(doc),
            mentions: None,
            old_blob: None,
        },
        Err(p) => Fresh::Failed {
            line: p.line,
            message: p.message,
        },
    };
    FileState {
        reused: false,
        path,
        name,
        size,
        mtime_ns,
        crc,
        fresh,
    }
}

/// The whole cache file: header, table, blobs (old ones copied, new ones encoded).
fn encode(
    files: &[FileState],
    new_blobs: &HashMap<usize, Vec<u8>>,
    mentions_of: &HashMap<usize, &Vec<Mention>>,
    old_blobs: Option<&[u8]>,
    registry_crc: u32,
) -> Vec<u8> {
    let mut blobs: Vec<u8> = Vec::new();
    let mut entries = Vec::with_capacity(files.len());
    for (i, f) in files.iter().enumerate() {
        let outcome = match &f.fresh {
            Fresh::Unreadable(_) => continue,
            Fresh::Failed { line, message } => Outcome::Failed {
                line: *line,
                message: message.clone(),
            },
            Fresh::Doc {
                raw_missing,
                old_blob,
                ..
            } => {
                let start = blobs.len();
                let bytes = match (old_blob, old_blobs) {
                    (Some(r), Some(old)) => old.get(r.clone()),
                    _ => new_blobs.get(&i).map(Vec::as_slice),
                };
                // A duplicate id is not in the corpus: it is parsed again next time.
                let Some(bytes) = bytes else { continue };
                blobs.extend_from_slice(bytes);
                let mid = blobs.len();
                let empty = Vec::new();
                let m = mentions_of.get(&i).copied().unwrap_or(&empty);
                if ciborium::into_writer(m, &mut blobs).is_err() {
                    blobs.truncate(start);
                    continue;
                }
                Outcome::Parsed {
                    doc: start..mid,
                    mentions: mid..blobs.len(),
                    raw_missing: *raw_missing,
                }
            }
        };
        entries.push(Entry {
            name: f.name.clone(),
            size: f.size,
            mtime_ns: f.mtime_ns,
            crc: f.crc,
            outcome,
        });
    }
    let written_ns = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let table = Table {
        written_ns,
        registry_crc,
        entries,
    };
    let mut table_bytes = Vec::new();
    // Encoding plain structs into a Vec cannot fail; an empty table is only a slower cache.
    let _ = ciborium::into_writer(&table, &mut table_bytes);
    file::frame(&table_bytes, &blobs)
}

/// What a document leaves behind in the cache's file list once it has moved into the corpus.
fn placeholder() -> Document {
    Document {
        id: String::new(),
        kind: crate::model::DocKind::Other,
        title: Default::default(),
        dates: Vec::new(),
        parties: Vec::new(),
        summary: None,
        source: Default::default(),
        texts: Vec::new(),
        notes: Vec::new(),
        inferred: Default::default(),
        blocks: Vec::new(),
        footnotes: Vec::new(),
    }
}
