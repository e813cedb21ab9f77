//! User configuration files: where they live and how their problems are reported.
//!
//! Defaults are compiled in from `assets/`; a user's `keymap.toml` or `theme.toml` in the XDG
//! config dir (`~/.config/lectern/`) is laid over them. A file that cannot be used is named
//! with the line of the problem, and the defaults stay in force.

use std::path::{Path, PathBuf};

/// A problem in a configuration file: the one diagnostic type of [`crate::diag`].
pub type ConfigError = crate::diag::Problem;

/// Kept for callers written before the line helpers moved to [`crate::diag`].
pub use crate::diag::line_at as line_of;

/// `~/.config/lectern/<name>` (honouring `XDG_CONFIG_HOME`).
pub fn user_config_path(name: &str) -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("lectern").join(name))
}

/// Reads a user file if it exists. A missing file is not a problem; an unreadable one is.
pub fn read_user_file(path: &Path) -> Result<Option<String>, ConfigError> {
    match crate::files::read_text(path, crate::files::limits::CONFIG) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(ConfigError::new(path, e.line(), e.to_string())),
    }
}
