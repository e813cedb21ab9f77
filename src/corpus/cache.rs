//! The corpus cache: every document of a corpus directory already parsed and validated, in
//! the user's cache, so that a large corpus opens without parsing every TOML file and finding
//! every link again. Its files are described in [`super::cache_file`].
//!
//! - **Incremental.** Each entry records its file's size, mtime and CRC-32. A file whose size
//!   and mtime match is reused without being read; one whose mtime is too close to the cache's
//!   own writing to be trusted (a change within the same tick) is read and its CRC compared.
//!   Only files that changed are parsed again, and only their blobs are written (into a new
//!   pack). A changed registry re-finds every mention.
//! - **Lazy.** Opening reads the catalog only: the heads of the documents ([`Catalog`]). Bodies,
//!   mentions and the registry are read from the packs when asked for.
//! - **Robust like the index.** The catalog is written to a unique temporary file and renamed
//!   over the old one, so a reader sees the old catalog or the new one, never half of one, and
//!   two processes at once each write a whole one (the last rename wins); packs are never
//!   changed once written. A catalog or blob that fails its magic, version, checksum or
//!   decoding is rebuilt from the files with a one-line notice.

use super::cache_file::{self as file, Blob, Entry, Outcome, PackWriter, Packs, Table};
use super::catalog::{Catalog, Head};
use super::freshness::{self, Freshness};
use super::snapshot;
use super::{Corpus, Problem, format};
use crate::model::Document;
use crate::refs::{Found, Registry};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

mod assemble;
pub(super) mod journal;
mod quick;
mod rewrite;
use assemble::assemble;
use rewrite::{read_file, rewrite};

/// A refresh that leaves more packs than this rewrites every blob into one.
const MAX_PACKS: usize = 16;

/// One document file as this open sees it.
enum Fresh {
    /// Unchanged: its entry in the old table.
    Cached(Outcome),
    /// Parsed now.
    New {
        doc: Box<Document>,
        raw_missing: Option<(usize, String)>,
    },
    Failed {
        line: usize,
        message: String,
    },
    Unreadable(String),
}

struct FileState {
    path: PathBuf,
    name: String,
    size: u64,
    mtime_ns: u64,
    ino: u64,
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

/// Opens corpus directory `dir` through the cache file `cache` and reads it whole (the reader).
/// A blob that cannot be read has the cache rebuilt once, with a notice.
pub fn open(
    dir: &Path,
    cache: &Path,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> std::io::Result<(Corpus, Refresh)> {
    let (catalog, refresh) = refresh_with(dir, cache, false, progress, None)?;
    match catalog.into_corpus() {
        Ok(corpus) => Ok((corpus, refresh)),
        Err(why) => {
            let _ = std::fs::remove_file(cache);
            let (catalog, mut again) = refresh_with(dir, cache, false, progress, None)?;
            again.notice = Some(format!(
                "the corpus cache was damaged ({why}); rebuilding it"
            ));
            match catalog.into_corpus() {
                Ok(corpus) => Ok((corpus, again)),
                // Not even a fresh cache reads back (a disk that loses writes): read the files.
                Err(_) => Ok((Corpus::load_dir(dir)?, again)),
            }
        }
    }
}

/// The snapshot of the catalog at `cache` (see [`super::snapshot`]).
pub fn snapshot_file(cache: &Path) -> PathBuf {
    cache.with_extension("heads")
}

/// Brings the cache of `dir` up to date with its files and returns its catalog: reuses every
/// unchanged entry, parses the rest, and writes the catalog (and a pack of the new blobs)
/// back when anything changed. A current snapshot answers without the table.
pub fn refresh(
    dir: &Path,
    cache: &Path,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> std::io::Result<(Catalog, Refresh)> {
    refresh_with(dir, cache, true, progress, None)
}

/// The catalog from the table, whatever the snapshot says.
pub(super) fn refresh_table(dir: &Path, cache: &Path) -> std::io::Result<Catalog> {
    refresh_with(dir, cache, false, &mut |_, _| {}, None).map(|(c, _)| c)
}

/// Brings the cache of `dir` up to date by a full check (every file stat'ed, whatever the
/// mode), as the reader does on a worker after its first screen; returns the refreshed
/// catalog and what was read again, for the reader to reload from.
pub fn check_in_full(dir: &Path) -> std::io::Result<(Catalog, Refresh)> {
    let loc = crate::paths::Location::user_cache().map_err(std::io::Error::other)?;
    let cache = cache_file(&loc.root, dir);
    refresh_with(dir, &cache, true, &mut |_, _| {}, Some(Freshness::Full))
}

/// [`refresh`]; `use_snapshot` false reads the table whatever the snapshot says (the reader,
/// which decodes every blob anyway).
fn refresh_with(
    dir: &Path,
    cache: &Path,
    use_snapshot: bool,
    progress: &mut (dyn FnMut(usize, usize) + Send),
    forced: Option<Freshness>,
) -> std::io::Result<(Catalog, Refresh)> {
    let mode_for = |files: usize| forced.unwrap_or_else(|| freshness::for_files(files));
    let mut refresh = Refresh::default();
    crate::diag::timing("start");
    let docs_dir = dir.join("documents");
    // Read before the files are listed, so that a change made while they are is seen next time.
    let docs_mtime = freshness::directory_mtime(&docs_dir);
    let mut registry_problems = Vec::new();
    let registry_files = super::read_toml_files(&dir.join("registry"), &mut registry_problems);
    let registry_crc = registry_files.iter().fold(0u32, |acc, (path, text)| {
        let mut h = crc32fast::Hasher::new_with_initial(acc);
        h.update(path.to_string_lossy().as_bytes());
        h.update(text.as_bytes());
        h.finalize()
    });
    let journal = journal::read_journal(&journal::journal_file(cache));
    let mut early_stats = None;
    // A damaged journal is the table's to rebuild from, with its notice.
    if use_snapshot && journal.is_ok() {
        let inputs = quick::Inputs {
            dir,
            cache,
            docs_mtime,
            registry_crc,
            mode: Freshness::Auto,
            stats: None,
            registry_files: &registry_files,
            registry_problems: &registry_problems,
        };
        let journal = journal.as_ref().ok().and_then(Option::as_ref);
        match quick::open(inputs, &mode_for, journal)? {
            quick::Opened::Done(catalog, r) => return Ok((*catalog, r)),
            quick::Opened::Table { stats, notice } => {
                early_stats = stats;
                refresh.notice = notice;
            }
        }
    }
    let old = match file::read_table(cache) {
        Ok(table) => table,
        Err(why) => {
            refresh.notice = Some(if why.starts_with(file::OTHER_VERSION) {
                format!("the corpus cache was {why}; rebuilding it")
            } else {
                format!("the corpus cache was damaged ({why}); rebuilding it")
            });
            None
        }
    };
    // The journal over the table is folded into it now; a damaged one has every file checked.
    let (mut folded, mut journal_damaged) = (false, false);
    let old = old.map(|mut table| {
        match journal {
            Ok(Some(j)) if j.base == table.written_ns => {
                journal::apply_to_table(&mut table, j);
                folded = true;
            }
            Err(why) => {
                let _ = std::fs::remove_file(journal::journal_file(cache));
                refresh.notice = Some(format!(
                    "the corpus cache was damaged ({why}); rebuilding it"
                ));
                journal_damaged = true;
            }
            _ => {}
        }
        table
    });
    crate::diag::timing("catalog read");
    let packs = Packs::of(cache);
    let directory_unchanged = !journal_damaged
        && old.as_ref().is_some_and(|t| {
            docs_mtime.is_some()
                && t.docs_mtime_ns == docs_mtime
                && mode_for(t.entries.len()) == Freshness::Directory
        });
    let stats = match early_stats {
        _ if directory_unchanged => Vec::new(),
        Some(stats) => stats,
        None => stat_all(&docs_dir)?,
    };
    crate::diag::timing("files stat'ed");
    let written_ns = old.as_ref().map_or(0, |t| t.written_ns);
    let old_docs_mtime = old.as_ref().and_then(|t| t.docs_mtime_ns);
    let (before, mut old_entries) = match old {
        Some(t) => {
            let before = Before {
                registry_crc: t.registry_crc,
                registry: t.registry,
                registry_problems: t.registry_problems,
                heads: heads_digest(t.entries.iter().filter_map(|e| match &e.outcome {
                    Outcome::Parsed { head, .. } => Some((head.id.as_str(), head.blocks)),
                    Outcome::Failed { .. } => None,
                })),
            };
            (Some(before), t.entries)
        }
        None => (None, Vec::new()),
    };
    let first_build = before.is_none();
    let same_registry_files = before
        .as_ref()
        .is_some_and(|b| b.registry_crc == registry_crc);
    // The catalog's mtime of `documents/` is one a later run can trust: rewrite it once.
    let mut changed = !same_registry_files
        || (docs_mtime.is_some() && docs_mtime != old_docs_mtime)
        || folded
        || journal_damaged;
    let mut files: Vec<FileState> = Vec::with_capacity(stats.len().max(old_entries.len()));
    if directory_unchanged {
        // No file was added, removed or renamed over: every entry stands as it is.
        files.extend(old_entries.into_iter().map(|e| FileState {
            path: docs_dir.join(&e.name),
            name: e.name,
            size: e.size,
            mtime_ns: e.mtime_ns,
            ino: e.ino,
            crc: e.crc,
            fresh: Fresh::Cached(e.outcome),
        }));
        old_entries = Vec::new();
    }
    // Match each file with its old entry (both sorted by name), moving the entries.
    changed |= !directory_unchanged && stats.len() != old_entries.len();
    let mut olds = old_entries.into_iter().peekable();
    let mut pending: Vec<(usize, Option<Entry>)> = Vec::new();
    for st in stats {
        while olds.peek().is_some_and(|e| e.name < st.name) {
            olds.next();
            changed = true;
        }
        let old = olds.next_if(|e| e.name == st.name);
        let trusted = old.as_ref().is_some_and(|e| {
            e.size == st.size
                && e.mtime_ns == st.mtime_ns
                && st.mtime_ns.saturating_add(file::RACY_NS) < written_ns
        });
        let (crc, fresh) = match old {
            Some(e) if trusted => (e.crc, Fresh::Cached(e.outcome)),
            old => {
                pending.push((files.len(), old));
                (0, Fresh::Unreadable(String::new()))
            }
        };
        files.push(FileState {
            path: docs_dir.join(&st.name),
            name: st.name,
            size: st.size,
            mtime_ns: st.mtime_ns,
            ino: st.ino,
            crc,
            fresh,
        });
    }
    changed |= olds.next().is_some();
    // Read (and parse, when changed) the files whose size and mtime cannot be trusted.
    let done = std::sync::atomic::AtomicUsize::new(0);
    let total = pending.len();
    let progress = std::sync::Mutex::new(progress);
    let read: Vec<(usize, u32, Fresh, bool)> = pending
        .into_par_iter()
        .map(|(i, old)| {
            let f = &files[i];
            let (crc, fresh) = read_file(dir, &f.path, f.size, old.as_ref());
            let same = old
                .as_ref()
                .is_some_and(|e| e.crc == crc && e.size == f.size && e.mtime_ns == f.mtime_ns);
            let fresh = match (fresh, old) {
                (None, Some(e)) => Fresh::Cached(e.outcome),
                (Some(fresh), _) => fresh,
                (None, None) => Fresh::Unreadable("vanished while read".into()),
            };
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            // Progress only for a build from nothing: a refresh is too quick to show.
            if first_build
                && (n.is_multiple_of(1000) || n == total)
                && let Ok(mut p) = progress.lock()
            {
                p(n, total);
            }
            (i, crc, fresh, same)
        })
        .collect();
    // The reader's full check (forced `full`, on every start of a large corpus): a file read
    // again only because its mtime was too close to the table's writing (racy) and found the
    // same still gets a new table, whose stamp makes it trusted next time. Without it every
    // later check would read the whole table and rewrite the snapshot again (hundreds of MB
    // at 100,000 documents, beside the reader's own).
    changed |= total > 0 && forced == Some(Freshness::Full);
    for (i, crc, fresh, same) in read {
        changed |= !same;
        if !matches!(fresh, Fresh::Cached(_)) {
            refresh.parsed.push(files[i].name.clone());
        }
        files[i].crc = crc;
        files[i].fresh = fresh;
    }
    crate::diag::timing("files matched");
    // What the snapshot of this catalog will say of the files (none while one is unreadable:
    // it is read again next time).
    let stats_key = (!files
        .iter()
        .any(|f| matches!(f.fresh, Fresh::Unreadable(_))))
    .then(|| snapshot::stats_digest(files.iter().map(|f| (f.name.as_str(), f.size, f.mtime_ns))));
    let snapshot_key = |written_ns: u64| {
        stats_key.map(|stats| snapshot::Key {
            docs_mtime_ns: docs_mtime,
            registry_crc,
            written_ns,
            stats,
        })
    };
    if !changed && let Some(before) = before {
        let listing = journal::listing_of(&files, written_ns);
        let mut catalog = assemble(
            dir,
            files,
            before.registry,
            &before.registry_problems,
            packs,
        );
        catalog.written_ns = Some(written_ns);
        crate::diag::timing("catalog assembled");
        if use_snapshot && let Some(key) = snapshot_key(written_ns) {
            // Only a quicker next open is lost when it cannot be written.
            if catalog.write_snapshot(&snapshot_file(cache), key).is_ok() {
                let _ = journal::write_listing(&journal::listing_file(cache), &listing);
            }
            crate::diag::timing("snapshot written");
        }
        return Ok((catalog, refresh));
    }
    match rewrite(
        cache,
        before.as_ref(),
        files,
        &registry_files,
        registry_problems,
        registry_crc,
        docs_mtime,
        &packs,
    ) {
        Ok((files, table, targets)) => {
            crate::diag::timing("catalog written");
            let written_ns = table.written_ns;
            let listing = journal::listing_of(&files, written_ns);
            let mut catalog = assemble(dir, files, table.registry, &table.registry_problems, packs);
            catalog.written_ns = Some(written_ns);
            crate::diag::timing("catalog assembled");
            catalog.write_target_index(&targets);
            crate::diag::timing("links targets written");
            match snapshot_key(written_ns) {
                Some(key) => {
                    if catalog.write_snapshot(&snapshot_file(cache), key).is_ok() {
                        let _ = journal::write_listing(&journal::listing_file(cache), &listing);
                    }
                    crate::diag::timing("snapshot written");
                }
                // A snapshot of the files before would still look current to a full check
                // of files it no longer describes only if their stats matched; remove it anyway.
                None => {
                    let _ = std::fs::remove_file(snapshot_file(cache));
                }
            }
            Ok((catalog, refresh))
        }
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            // An old blob fails its check: built again from the files.
            let _ = std::fs::remove_file(cache);
            let progress = progress.into_inner().unwrap_or_else(|p| p.into_inner());
            let (catalog, mut again) = refresh_with(dir, cache, use_snapshot, progress, forced)?;
            again.notice = Some(format!("the corpus cache was damaged ({e}); rebuilding it"));
            Ok((catalog, again))
        }
        Err(e) => {
            // Nowhere to put the cache: read the corpus in full for this run.
            refresh.unwritable = Some(format!("{}: {e}", cache.display()));
            Ok((Catalog::from_corpus(Corpus::load_dir(dir)?), refresh))
        }
    }
}

/// The document files of `docs_dir` with their stats, the error naming the directory.
fn stat_all(docs_dir: &Path) -> std::io::Result<Vec<freshness::Stat>> {
    freshness::stat_documents(docs_dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", docs_dir.display())))
}

/// What the old table said, once its entries have moved on.
struct Before {
    registry_crc: u32,
    registry: Option<Blob>,
    registry_problems: Vec<(PathBuf, usize, String)>,
    /// [`heads_digest`] of its documents.
    heads: u64,
}

/// An order-independent digest of (id, blocks) pairs: whether the registry must be validated
/// again (its references name documents and blocks).
fn heads_digest<'a>(heads: impl Iterator<Item = (&'a str, usize)>) -> u64 {
    heads.fold(0u64, |acc, (id, blocks)| {
        let mut h = crc32fast::Hasher::new();
        h.update(id.as_bytes());
        h.update(&(blocks as u64).to_le_bytes());
        let lo = u64::from(h.finalize());
        let mut h2 = crc32fast::Hasher::new_with_initial(0x9e37_79b9);
        h2.update(id.as_bytes());
        h2.update(&(blocks as u64).to_le_bytes());
        acc.wrapping_add((u64::from(h2.finalize()) << 32) | lo)
    })
}
