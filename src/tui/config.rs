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

/// The reader's own settings, from the user's `config.toml`: what is neither a key nor a
/// colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReaderConfig {
    /// The longest line in cells (see `reader::geometry`).
    pub max_measure: u16,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig {
            max_measure: crate::tui::reader::layout::DEFAULT_MAX_MEASURE,
        }
    }
}

/// A measure narrower than this cannot hold two readable columns.
const MIN_MAX_MEASURE: i64 = 20;
/// Wider than any terminal: a number past it is a typo.
const MAX_MAX_MEASURE: i64 = 1000;

/// A misspelt key is reported, not ignored: `max_mesure = 70` would otherwise do nothing.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReaderConfig {
    max_measure: Option<toml::Spanned<i64>>,
}

impl ReaderConfig {
    /// Reads `text` (the contents of `file`). `max_measure` absent or 0 is the default.
    pub fn parse(file: &Path, text: &str) -> Result<ReaderConfig, ConfigError> {
        let raw: RawReaderConfig =
            toml::from_str(text).map_err(|e| ConfigError::from_toml(file, text, &e))?;
        let mut out = ReaderConfig::default();
        if let Some(m) = raw.max_measure {
            match *m.get_ref() {
                0 => {}
                n if (MIN_MAX_MEASURE..=MAX_MAX_MEASURE).contains(&n) => out.max_measure = n as u16,
                n => {
                    return Err(ConfigError::at(
                        file,
                        text,
                        m.span().start,
                        format!(
                            "max_measure = {n}: the longest line must be {MIN_MAX_MEASURE} to \
                             {MAX_MAX_MEASURE} cells (or 0 for the default, {})",
                            crate::tui::reader::layout::DEFAULT_MAX_MEASURE
                        ),
                    ));
                }
            }
        }
        Ok(out)
    }

    /// The user's `config.toml`; a missing file is the defaults, a bad one the defaults and
    /// its problem.
    pub fn load() -> (ReaderConfig, Option<ConfigError>) {
        let Some(path) = user_config_path("config.toml") else {
            return (ReaderConfig::default(), None);
        };
        match read_user_file(&path) {
            Ok(None) => (ReaderConfig::default(), None),
            Ok(Some(text)) => match ReaderConfig::parse(&path, &text) {
                Ok(c) => (c, None),
                Err(e) => (ReaderConfig::default(), Some(e)),
            },
            Err(e) => (ReaderConfig::default(), Some(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_measure_is_read_defaulted_and_checked_with_file_and_line() {
        let f = Path::new("/home/u/.config/lectern/config.toml");
        let ok = |t: &str| ReaderConfig::parse(f, t).map(|c| c.max_measure);
        assert_eq!(ok(""), Ok(90));
        assert_eq!(ok("max_measure = 0"), Ok(90));
        assert_eq!(ok("max_measure = 72\n"), Ok(72));
        let err = |t: &str| ReaderConfig::parse(f, t).expect_err(t).to_string();
        let e = err("# mine\n\nmax_measure = 5\n");
        assert!(
            e.starts_with("/home/u/.config/lectern/config.toml:3: "),
            "{e}"
        );
        assert!(
            e.contains("max_measure = 5") && e.contains("20 to 1000"),
            "{e}"
        );
        assert!(err("max_measure = -4").contains(":1: "));
        let e = err("\nmax_measure = \"wide\"");
        assert!(e.contains(":2: "), "{e}");
        let e = err("\n\nmax_mesure = 70");
        assert!(e.contains(":3: ") && e.contains("max_mesure"), "{e}");
    }
}
