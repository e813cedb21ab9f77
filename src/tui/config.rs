//! User configuration files: where they live and how their problems are reported.
//!
//! Defaults are compiled in from `assets/`; a user's `keymap.toml` or `theme.toml` in the XDG
//! config dir (`~/.config/lectern/`) is laid over them. A file that cannot be used is named
//! with the line of the problem, and the defaults stay in force.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem in a configuration file, written for the person who edits it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is not on one line (an unreadable file).
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file.display(), self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    pub fn at(file: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            line: line_of(text, offset),
            message: message.into(),
        }
    }

    /// From a TOML parse error, with the line its span points at.
    pub fn from_toml(file: &Path, text: &str, err: &toml::de::Error) -> Self {
        let line = err.span().map_or(0, |s| line_of(text, s.start));
        Self {
            file: file.to_path_buf(),
            line,
            message: err.message().trim().to_string(),
        }
    }
}

/// 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// `~/.config/lectern/<name>` (honouring `XDG_CONFIG_HOME`).
pub fn user_config_path(name: &str) -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("lectern").join(name))
}

/// Reads a user file if it exists. A missing file is not a problem; an unreadable one is.
pub fn read_user_file(path: &Path) -> Result<Option<String>, ConfigError> {
    match crate::files::read_text(path, crate::files::limits::CONFIG) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(ConfigError {
            file: path.to_path_buf(),
            line: e.line(),
            message: e.to_string(),
        }),
    }
}
