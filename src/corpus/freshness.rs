//! How the corpus cache decides that its catalog is current: the stat of every document file
//! (`full`), or the modification time of the `documents/` directory alone (`directory`), which
//! a 100,000-file corpus checks in one system call instead of 100,000. The default, `auto`, is
//! `full` below [`FULL_BELOW`] files (where stat'ing them all costs tens of milliseconds) and
//! `directory` from there; `show` then stats the one file it prints, and the reader and
//! `lectern check` check in full.
//!
//! A directory's mtime changes when a file in it is created, deleted or renamed, so the
//! `directory` mode sees additions, deletions and every save by rename (sed -i, vim's default,
//! emacs, most editors and tools that write a temporary file and rename it over the old one).
//! It does not see a file rewritten in place (`>` in a shell, `truncate`, editors set to write
//! in place): only `full` does. `lectern index` and `lectern check` always check in full.

use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Environment variable choosing the mode: `auto`, `full` or `directory`.
pub const ENV: &str = "LECTERN_FRESHNESS";

/// Environment variable setting the number of files from which `auto` trusts the directory.
pub const FULL_BELOW_ENV: &str = "LECTERN_FRESHNESS_FULL_BELOW";

/// Below this many document files, `auto` stats every file (about 70 ms at 20,000 files on
/// the 2-core benchmark machine); from it, it trusts the directory's mtime.
pub const FULL_BELOW: usize = 20_000;

/// How the cache checks that it is current.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Freshness {
    /// `full` below 20,000 document files, `directory` from there (the default).
    Auto,
    /// Stat every document file: sees every change, including edits written in place.
    Full,
    /// Trust the `documents/` directory's mtime: sees additions, deletions and saves by
    /// rename, not edits written in place.
    Directory,
}

/// 0: not chosen (read [`ENV`]); 1: full; 2: directory; 3: auto.
static CHOSEN: AtomicU8 = AtomicU8::new(0);

/// Chooses the mode for this process (the command line's `--freshness`, or `full` for the
/// commands that always check everything), over [`ENV`].
pub fn set(mode: Freshness) {
    let v = match mode {
        Freshness::Full => 1,
        Freshness::Directory => 2,
        Freshness::Auto => 3,
    };
    CHOSEN.store(v, Ordering::Relaxed);
}

/// The mode chosen: [`set`]'s, else [`ENV`]'s (`full`, `directory`; anything else is `auto`).
pub fn chosen() -> Freshness {
    match CHOSEN.load(Ordering::Relaxed) {
        1 => Freshness::Full,
        2 => Freshness::Directory,
        3 => Freshness::Auto,
        _ => match std::env::var(ENV) {
            Ok(v) if v.eq_ignore_ascii_case("directory") => Freshness::Directory,
            Ok(v) if v.eq_ignore_ascii_case("full") => Freshness::Full,
            _ => Freshness::Auto,
        },
    }
}

/// The mode in force for a corpus of `files` document files (as the cache last saw them):
/// `auto` resolved by [`full_below`].
pub fn for_files(files: usize) -> Freshness {
    match chosen() {
        Freshness::Auto if files < full_below() => Freshness::Full,
        Freshness::Auto => Freshness::Directory,
        mode => mode,
    }
}

/// [`FULL_BELOW`], or [`FULL_BELOW_ENV`]'s number.
pub fn full_below() -> usize {
    std::env::var(FULL_BELOW_ENV)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(FULL_BELOW)
}

/// The mtime of directory `dir` when it can be trusted to tell a later change: `None` when it
/// is unreadable or so recent (within [`super::cache_file::RACY_NS`] of now) that a change in
/// the same clock tick would leave it unchanged.
pub(super) fn directory_mtime(dir: &Path) -> Option<u64> {
    let mtime = mtime_ns(&std::fs::metadata(dir).ok()?);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    (mtime != 0 && mtime.saturating_add(super::cache_file::RACY_NS) < now).then_some(mtime)
}

pub(super) fn mtime_ns(m: &std::fs::Metadata) -> u64 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

/// A document file's name, size and mtime.
pub(super) struct Stat {
    pub(super) name: String,
    pub(super) size: u64,
    pub(super) mtime_ns: u64,
    /// The inode its directory entry names: a save by rename gives the name a new one.
    pub(super) ino: u64,
}

/// The `*.toml` files of `dir` with their size and mtime, sorted by name: stat'ed relative to
/// the directory (no path lookup per file), on every core.
pub(super) fn stat_documents(dir: &Path) -> std::io::Result<Vec<Stat>> {
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| {
            Path::new(&e.file_name())
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .collect();
    let mut stats: Vec<Stat> = entries
        .par_iter()
        .map(|e| {
            // A symlink is followed, as reading it will.
            let meta = match e.metadata() {
                Ok(m) if m.file_type().is_symlink() => std::fs::metadata(e.path()),
                m => m,
            };
            let (size, mtime_ns) = meta.map_or((0, 0), |m| (m.len(), mtime_ns(&m)));
            Stat {
                name: e.file_name().to_string_lossy().into_owned(),
                size,
                mtime_ns,
                ino: std::os::unix::fs::DirEntryExt::ino(e),
            }
        })
        .collect();
    stats.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    Ok(stats)
}

/// The `*.toml` names of `dir` with the inode each entry names, sorted by name: the directory
/// read alone, no file stat'ed (what a `directory` check needs to tell which names changed).
pub(super) fn list_documents(dir: &Path) -> std::io::Result<Vec<(String, u64)>> {
    let mut names: Vec<(String, u64)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| {
            Path::new(&e.file_name())
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .map(|e| {
            let ino = std::os::unix::fs::DirEntryExt::ino(&e);
            (e.file_name().to_string_lossy().into_owned(), ino)
        })
        .collect();
    names.sort_unstable();
    Ok(names)
}
