//! What keeps a damaged or read-only index from taking lectern down: a directory that opens an
//! index for reading without writing a lock file, and a fence that turns a panic inside tantivy
//! (which some corrupt files still reach before any checksum is read) into an error.

use std::path::Path;
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// An index directory opened for reading only. A committed index is never written again (builds
/// go to a directory of their own), so the reader's meta lock guards nothing, and taking it
/// would need a writable cache dir.
#[derive(Clone, Debug)]
pub struct ReadOnly(MmapDirectory);

impl ReadOnly {
    pub fn open(dir: &Path) -> tantivy::Result<Self> {
        Ok(Self(MmapDirectory::open(dir)?))
    }
}

impl Directory for ReadOnly {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }
    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }
    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}

/// The error of a panic caught by [`contain`]: the index is damaged in a way its checks missed.
#[derive(Debug, thiserror::Error)]
#[error("the search index is damaged ({0})")]
pub struct Damaged(pub String);

/// Runs `f`, turning a panic raised inside a dependency (tantivy reading a corrupt file, or
/// the standard library on its behalf) into [`Damaged`]. Its message is kept for the error and
/// not printed: the caller says in one line what it does about it. A panic raised in lectern's
/// own code is a bug, not damage: it goes on unwinding, seen by the usual hook, so that a
/// worker reports it instead of rebuilding an index that is fine.
pub fn contain<T>(f: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    thread_local! {
        static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        static OWN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Cargo names the crate's own files by relative paths (`src/…`, `tests/…`), and
            // dependencies and the standard library by absolute ones.
            let own = info
                .location()
                .is_some_and(|at| std::path::Path::new(at.file()).is_relative());
            OWN.with(|o| o.set(own));
            if own || !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    match result {
        Ok(r) => r,
        Err(payload) if OWN.with(std::cell::Cell::get) => std::panic::resume_unwind(payload),
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic while reading it".into());
            Err(Damaged(why.lines().next().unwrap_or_default().to_string()).into())
        }
    }
}

/// Whether `err` says the index is damaged (a contained panic).
pub fn is_damaged(err: &anyhow::Error) -> bool {
    err.downcast_ref::<Damaged>().is_some()
}

/// What was damaged, for a notice: the caught panic's message.
pub fn damage_of(err: &anyhow::Error) -> String {
    err.downcast_ref::<Damaged>()
        .map_or_else(|| format!("{err:#}"), |d| d.0.clone())
}
