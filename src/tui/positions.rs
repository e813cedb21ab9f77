//! Reading positions remembered across runs, per document, in
//! `$XDG_DATA_HOME/lectern/positions.toml` (`~/.local/share/lectern/`).
//!
//! Saving re-reads the file and changes only the one document's entry, so two lecterns
//! running at once do not erase each other's positions; the new file is written beside the
//! old and renamed over it, so a crash never leaves half a file. A file that cannot be read is
//! reported, copied to `positions.toml.bak`, and not trusted.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Where a reader was in a document: blocks from 1, as shown on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The current block.
    pub block: usize,
    /// The block at the top of the screen.
    pub top: usize,
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
        let (entries, warning) = match read(&path) {
            Ok(entries) => (entries, None),
            Err(problem) => (BTreeMap::new(), Some(problem)),
        };
        (
            PositionStore {
                path: Some(path),
                entries,
            },
            warning,
        )
    }

    pub fn get(&self, id: &str) -> Option<Position> {
        self.entries.get(id).copied()
    }

    /// Records `pos` for `id` and writes it to disk.
    pub fn set(&mut self, id: &str, pos: Position) -> Result<(), String> {
        self.entries.insert(id.to_string(), pos);
        let Some(path) = &self.path else {
            return Ok(());
        };
        // Others may have written since we read: start from what is on disk now.
        let mut on_disk = read(path).unwrap_or_default();
        on_disk.insert(id.to_string(), pos);
        write_atomically(path, &on_disk).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// The entries in `path`; an empty map when it does not exist. A corrupt file is copied to
/// `.bak` (once: an existing backup is not overwritten) and described.
fn read(path: &Path) -> Result<BTreeMap<String, Position>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
    };
    match toml::from_str::<PositionsFile>(&text) {
        Ok(file) => Ok(file.positions),
        Err(e) => {
            let line = e
                .span()
                .map_or(0, |s| super::config::line_of(&text, s.start));
            let backup = backup_path(path);
            let kept = if backup.exists() {
                format!("an older copy is in {}", backup.display())
            } else {
                match std::fs::copy(path, &backup) {
                    Ok(_) => format!("a copy was kept as {}", backup.display()),
                    Err(e) => format!("no copy could be kept ({e})"),
                }
            };
            Err(format!(
                "{}:{line}: {}; reading positions were not restored, {kept}",
                path.display(),
                e.message().trim()
            ))
        }
    }
}

fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

fn write_atomically(path: &Path, entries: &BTreeMap<String, Position>) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let text = toml::to_string(&PositionsFile {
        positions: entries.clone(),
    })
    .map_err(std::io::Error::other)?;
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"))
    }

    #[test]
    fn positions_survive_a_reopen() {
        let dir = temp();
        let path = dir.path().join("lectern/positions.toml");
        let (mut store, warning) = PositionStore::open(path.clone());
        assert!(warning.is_none());
        assert_eq!(store.set("a", Position { block: 3, top: 2 }), Ok(()));
        let (store, _) = PositionStore::open(path);
        assert_eq!(store.get("a"), Some(Position { block: 3, top: 2 }));
    }

    #[test]
    fn saving_keeps_entries_written_by_another_instance() {
        let dir = temp();
        let path = dir.path().join("positions.toml");
        let (mut first, _) = PositionStore::open(path.clone());
        let (mut second, _) = PositionStore::open(path.clone());
        assert_eq!(first.set("a", Position { block: 1, top: 1 }), Ok(()));
        assert_eq!(second.set("b", Position { block: 5, top: 4 }), Ok(()));
        let (store, _) = PositionStore::open(path);
        assert_eq!(store.get("a"), Some(Position { block: 1, top: 1 }));
        assert_eq!(store.get("b"), Some(Position { block: 5, top: 4 }));
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
        assert!(warning.contains("positions.toml.bak"), "{warning}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("positions.toml.bak"))
                .ok()
                .as_deref(),
            Some(garbage)
        );
        assert_eq!(store.set("b", Position { block: 2, top: 1 }), Ok(()));
        let (store, warning) = PositionStore::open(path);
        assert!(warning.is_none());
        assert_eq!(store.get("b"), Some(Position { block: 2, top: 1 }));
        // The backup still holds the original bytes.
        assert_eq!(
            std::fs::read_to_string(dir.path().join("positions.toml.bak"))
                .ok()
                .as_deref(),
            Some(garbage)
        );
    }
}
