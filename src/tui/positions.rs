//! Reading positions remembered across runs, per document, in
//! `$XDG_DATA_HOME/lectern/positions.toml` (`~/.local/share/lectern/`).
//!
//! Saving re-reads the file and changes only the one document's entry, so two lecterns
//! running at once do not erase each other's positions; the new file is written beside the
//! old and renamed over it, so a crash never leaves half a file. A file that cannot be read or
//! parsed is reported and moved aside to `positions.toml.bak-<time>` before anything replaces
//! it; an earlier copy is never overwritten (see [`crate::files`]).

use crate::model::BlockNo;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a reader was in a document, in block numbers as shown on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The current block.
    pub block: BlockNo,
    /// The block at the top of the screen.
    pub top: BlockNo,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct PositionsFile {
    #[serde(default)]
    positions: BTreeMap<String, Position>,
}

#[derive(Debug, Default)]
pub struct PositionStore {
    /// `None`: kept in memory only (tests, or no data dir).
    path: Option<PathBuf>,
    entries: BTreeMap<String, Position>,
    /// Why the last save failed, if it did: told on stderr once the terminal is restored.
    failed_save: Option<String>,
}

impl PositionStore {
    /// Positions in memory only.
    pub fn in_memory() -> PositionStore {
        PositionStore::default()
    }

    /// The default file, or memory only when there is no data directory.
    pub fn open_default() -> (PositionStore, Option<String>) {
        match dirs::data_dir() {
            Some(dir) => PositionStore::open(dir.join("lectern").join("positions.toml")),
            None => (PositionStore::in_memory(), None),
        }
    }

    /// Reads `path`; a missing file is an empty store. A corrupt one is backed up and reported.
    pub fn open(path: PathBuf) -> (PositionStore, Option<String>) {
        crate::files::sweep_temporaries(&path);
        let (entries, warning) = match read(&path) {
            Ok(entries) => (entries, None),
            Err(problem) => (BTreeMap::new(), Some(problem)),
        };
        (
            PositionStore {
                path: Some(path),
                entries,
                failed_save: None,
            },
            warning,
        )
    }

    pub fn get(&self, id: &str) -> Option<Position> {
        self.entries.get(id).copied()
    }

    /// Why the last save did not reach the disk, if it did not.
    pub fn failed_save(&self) -> Option<&str> {
        self.failed_save.as_deref()
    }

    /// Records `pos` for `id` and writes it to disk. `Err` says what the user must hear: the
    /// save failed, or it succeeded in a new file after the old one was moved aside.
    pub fn set(&mut self, id: &str, pos: Position) -> Result<(), String> {
        let saved = self.save(id, pos);
        self.failed_save = saved.as_ref().err().cloned();
        match saved {
            Ok(None) => Ok(()),
            Ok(Some(moved_aside)) | Err(moved_aside) => Err(moved_aside),
        }
    }

    /// `Ok(Some(note))` when the file on disk had to be moved aside first.
    fn save(&mut self, id: &str, pos: Position) -> Result<Option<String>, String> {
        self.entries.insert(id.to_string(), pos);
        let Some(path) = &self.path else {
            return Ok(None);
        };
        // Others may have written since we read: start from what is on disk now.
        // A file that became unreadable since is moved aside by `read`, never overwritten;
        // one that could not be moved aside is not replaced either.
        let (mut on_disk, moved_aside) = match read(path) {
            Ok(entries) => (entries, None),
            Err(problem) if path.exists() => return Err(problem),
            Err(problem) => (BTreeMap::new(), Some(problem)),
        };
        on_disk.insert(id.to_string(), pos);
        let text = toml::to_string(&PositionsFile { positions: on_disk })
            .map_err(|e| format!("{}: {e}", path.display()))?;
        crate::files::replace_atomically(path, text.as_bytes())
            .map_err(|e| format!("{}: cannot save: {e}", path.display()))?;
        // Saved, in a new file: the user still hears where the old one went.
        Ok(moved_aside)
    }
}

/// The entries in `path`; an empty map when it does not exist. A file that cannot be read or
/// parsed is moved aside under a new name (see [`crate::files::keep_aside`]) and described.
fn read(path: &Path) -> Result<BTreeMap<String, Position>, String> {
    let problem = match crate::files::read_text(path, crate::files::limits::STATE) {
        Err(e) if e.is_not_found() => return Ok(BTreeMap::new()),
        Err(e) => e.describe(path),
        Ok(text) => match toml::from_str::<PositionsFile>(&text) {
            Ok(file) => return Ok(file.positions),
            Err(e) => {
                let line = e
                    .span()
                    .map_or(0, |s| super::config::line_of(&text, s.start));
                format!("{}:{line}: {}", path.display(), e.message().trim())
            }
        },
    };
    let kept = match crate::files::keep_aside(path) {
        Ok(aside) => format!("the file was kept as {}", aside.display()),
        Err(e) => format!("it could not be moved aside ({e}) and will not be replaced"),
    };
    Err(format!(
        "{problem}; reading positions were not restored, {kept}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(block: usize, top: usize) -> Position {
        Position {
            block: BlockNo(block),
            top: BlockNo(top),
        }
    }

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"))
    }

    #[test]
    fn positions_survive_a_reopen() {
        let dir = temp();
        let path = dir.path().join("lectern/positions.toml");
        let (mut store, warning) = PositionStore::open(path.clone());
        assert!(warning.is_none());
        assert_eq!(store.set("a", at(3, 2)), Ok(()));
        let (store, _) = PositionStore::open(path);
        assert_eq!(store.get("a"), Some(at(3, 2)));
    }

    #[test]
    fn saving_keeps_entries_written_by_another_instance() {
        let dir = temp();
        let path = dir.path().join("positions.toml");
        let (mut first, _) = PositionStore::open(path.clone());
        let (mut second, _) = PositionStore::open(path.clone());
        assert_eq!(first.set("a", at(1, 1)), Ok(()));
        assert_eq!(second.set("b", at(5, 4)), Ok(()));
        let (store, _) = PositionStore::open(path);
        assert_eq!(store.get("a"), Some(at(1, 1)));
        assert_eq!(store.get("b"), Some(at(5, 4)));
    }

    #[test]
    fn a_corrupt_file_is_reported_backed_up_and_not_trusted() {
        let dir = temp();
        let path = dir.path().join("positions.toml");
        let garbage = "[positions.a]\nblock = 1\ntop = \n";
        std::fs::write(&path, garbage).unwrap_or_else(|e| panic!("{e}"));
        let (mut store, warning) = PositionStore::open(path.clone());
        let warning = warning.unwrap_or_default();
        assert!(warning.contains("positions.toml:3:"), "{warning}");
        let backup = kept_copies(dir.path());
        assert_eq!(backup.len(), 1);
        assert!(
            warning.contains(&backup[0].display().to_string()),
            "{warning}"
        );
        assert_eq!(
            std::fs::read_to_string(&backup[0]).ok().as_deref(),
            Some(garbage)
        );
        assert_eq!(store.set("b", at(2, 1)), Ok(()));
        let (store, warning) = PositionStore::open(path);
        assert!(warning.is_none());
        assert_eq!(store.get("b"), Some(at(2, 1)));
        // The backup still holds the original bytes.
        assert_eq!(
            std::fs::read_to_string(&backup[0]).ok().as_deref(),
            Some(garbage)
        );
    }

    fn kept_copies(dir: &Path) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().contains("positions.toml.bak-"))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn a_file_that_turns_corrupt_again_gets_a_second_copy_not_an_overwrite() {
        let dir = temp();
        let path = dir.path().join("positions.toml");
        std::fs::write(&path, "first = \n").unwrap_or_else(|e| panic!("{e}"));
        let (mut store, _) = PositionStore::open(path.clone());
        // Not valid UTF-8: unreadable as text, and still kept.
        std::fs::write(&path, b"[positions.a]\nblock = \xff\n").unwrap_or_else(|e| panic!("{e}"));
        let saved = store.set("b", at(2, 1));
        let message = saved.err().unwrap_or_default();
        assert!(
            message.contains("positions.toml:2: not valid UTF-8"),
            "{message}"
        );
        let copies = kept_copies(dir.path());
        assert_eq!(copies.len(), 2, "{copies:?}");
        let contents: Vec<Vec<u8>> = copies
            .iter()
            .map(|c| std::fs::read(c).unwrap_or_default())
            .collect();
        assert!(contents.contains(&b"first = \n".to_vec()));
        assert!(contents.contains(&b"[positions.a]\nblock = \xff\n".to_vec()));
        let (store, warning) = PositionStore::open(path);
        assert!(warning.is_none(), "{warning:?}");
        assert_eq!(store.get("b"), Some(at(2, 1)));
    }

    #[test]
    fn a_failed_save_is_remembered_for_the_report_at_quit() {
        let dir = temp();
        // The parent is a file: no directory can be made there.
        std::fs::write(dir.path().join("f"), "").unwrap_or_else(|e| panic!("{e}"));
        let (mut store, _) = PositionStore::open(dir.path().join("f/positions.toml"));
        assert!(store.set("a", at(1, 1)).is_err());
        let failure = store.failed_save().unwrap_or_default();
        assert!(failure.contains("cannot save"), "{failure}");
    }

    #[test]
    fn temporaries_of_dead_runs_are_swept_at_open() {
        let dir = temp();
        let path = dir.path().join("positions.toml");
        // PIDs above the kernel's maximum (4194304) belong to no process.
        let dead = dir.path().join("positions.toml.4294967295.tmp");
        let mine = dir
            .path()
            .join(format!("positions.toml.{}.tmp", std::process::id()));
        let other = dir.path().join("other.toml.4294967295.tmp");
        for f in [&dead, &mine, &other] {
            std::fs::write(f, "x").unwrap_or_else(|e| panic!("{e}"));
        }
        let _ = PositionStore::open(path);
        assert!(!dead.exists());
        assert!(mine.exists(), "a live run's temporary is left alone");
        assert!(other.exists(), "only this file's temporaries are swept");
    }
}
