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

/// A configuration that a user's file is laid over (the keymap, the theme).
pub trait Layered: Clone {
    /// Lays the entries of `text` over these; on any problem nothing is changed.
    fn layer(&mut self, file: &Path, text: &str) -> Result<(), ConfigError>;
}

/// `defaults` with the user's file `name` (in the XDG config dir) laid over them. A missing
/// file is not a problem; on any other the defaults stay, and the problem is returned.
pub fn with_user_file<T: Layered>(defaults: T, name: &str) -> (T, Option<ConfigError>) {
    let Some(path) = user_config_path(name) else {
        return (defaults, None);
    };
    match read_user_file(&path) {
        Ok(None) => (defaults, None),
        Ok(Some(text)) => {
            let mut layered = defaults.clone();
            match layered.layer(&path, &text) {
                Ok(()) => (layered, None),
                Err(e) => (defaults, Some(e)),
            }
        }
        Err(e) => (defaults, Some(e)),
    }
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
        Err(e) => Err(ConfigError::new(path, e.line(), e.to_string())),
    }
}
