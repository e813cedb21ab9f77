//! The workspace's files on disk: read bounded and checked, replaced atomically under a lock.
//!
//! Every file is TOML with a `schema` number. Reading never changes a file: a file that does
//! not parse, or that a newer lectern wrote, is reported as a [`Problem`] at its line. Writing
//! (always read-modify-write, under `.lock` in the workspace directory, so two lecterns do not
//! lose each other's changes) first moves such a file aside to a name no earlier copy has
//! (`<name>.bak-<UTC time>`, see [`crate::files::keep_aside`]), says where it went, and only
//! then writes the new file: the bytes the user wrote are never overwritten.

use super::SCHEMA;
use crate::diag::Problem;
use crate::files;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fs::File;
use std::path::{Path, PathBuf};

/// A workspace file's contents: it says which schema it was written in.
pub trait Versioned: Serialize + DeserializeOwned + Default {
    fn schema(&self) -> u32;
}

/// Why a change was not saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{}: cannot take the workspace lock: {err}", .path.display())]
    Lock { path: PathBuf, err: std::io::Error },
    #[error("{}: cannot save: {err}", .path.display())]
    Write { path: PathBuf, err: std::io::Error },
    #[error("{problem}; it could not be moved aside ({err}), so it was not replaced")]
    CannotKeepAside {
        problem: Problem,
        err: std::io::Error,
    },
    #[error("{0}")]
    Serialize(String),
}

/// What the user must hear after a save that succeeded: a file kept aside on the way.
#[derive(Debug, Default)]
pub struct Saved {
    pub notices: Vec<String>,
}

/// The contents of `path`; `Ok(None)` when it does not exist.
pub fn read<T: Versioned>(path: &Path) -> Result<Option<T>, Problem> {
    let text = match files::read_text(path, files::limits::STATE) {
        Ok(text) => text,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(Problem::new(path, e.line(), e.to_string())),
    };
    let value: T = toml::from_str(&text).map_err(|e| Problem::from_toml(path, &text, &e))?;
    let schema = value.schema();
    if schema == 0 || schema > SCHEMA {
        return Err(Problem::new(
            path,
            crate::diag::line_of_key(&text, "schema"),
            format!(
                "schema {schema} is not one this lectern reads (it reads 1 to {SCHEMA}); \
                 the file is left as it is"
            ),
        ));
    }
    Ok(Some(value))
}

/// Reads `path` (a missing or kept-aside file starts from `T::default()`), lets `change` edit
/// it, and writes it back atomically, all under the workspace lock in `dir`. `change` returns
/// whether anything changed; when nothing did, nothing is written.
pub fn update<T: Versioned, R>(
    dir: &Path,
    path: &Path,
    change: impl FnOnce(&mut T) -> (bool, R),
) -> Result<(R, Saved), SaveError> {
    let _lock = lock(dir)?;
    files::sweep_temporaries(path);
    let mut saved = Saved::default();
    let mut value = match read::<T>(path) {
        Ok(v) => v.unwrap_or_default(),
        Err(problem) => match files::keep_aside(path) {
            Ok(aside) => {
                saved.notices.push(format!(
                    "{problem}; the file was kept as {} and a new one started \
                     (fix it and merge it back by hand: nothing in it is lost)",
                    aside.display()
                ));
                T::default()
            }
            Err(err) => return Err(SaveError::CannotKeepAside { problem, err }),
        },
    };
    let (changed, result) = change(&mut value);
    if changed {
        let text = toml::to_string_pretty(&value)
            .map_err(|e| SaveError::Serialize(format!("{}: {e}", path.display())))?;
        files::replace_atomically(path, text.as_bytes()).map_err(|err| SaveError::Write {
            path: path.to_path_buf(),
            err,
        })?;
    }
    Ok((result, saved))
}

/// The workspace lock: an exclusive lock on `dir/.lock`, held until the file is dropped.
fn lock(dir: &Path) -> Result<File, SaveError> {
    let path = dir.join(".lock");
    let fail = |err| SaveError::Lock {
        path: path.clone(),
        err,
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(fail)?;
    file.lock().map_err(fail)?;
    Ok(file)
}

/// The file name for a document id: characters outside `[A-Za-z0-9._-]` (and a leading dot)
/// are written `%XX`, so that no id can name a path outside the folder.
pub fn file_name(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 5);
    for (i, byte) in id.bytes().enumerate() {
        let plain =
            byte.is_ascii_alphanumeric() || b"_-".contains(&byte) || (byte == b'.' && i > 0);
        if plain {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out.push_str(".toml");
    out
}

/// The document id a [`file_name`] encodes; `None` for a name it cannot have made.
pub fn id_of(file_name: &str) -> Option<String> {
    let stem = file_name.strip_suffix(".toml")?.as_bytes();
    let mut out = Vec::with_capacity(stem.len());
    let mut i = 0;
    while i < stem.len() {
        if stem[i] == b'%' {
            let hex = std::str::from_utf8(stem.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(stem[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_cannot_escape_the_folder() {
        assert_eq!(file_name("1961-07-06-treaty"), "1961-07-06-treaty.toml");
        assert_eq!(file_name("../x"), "%2E.%2Fx.toml");
        assert_eq!(file_name("a/b"), "a%2Fb.toml");
        for id in ["1961-07-06-treaty", "../x", "a/b", "朝鲜", ".hidden"] {
            assert_eq!(id_of(&file_name(id)).as_deref(), Some(id));
        }
    }
}
