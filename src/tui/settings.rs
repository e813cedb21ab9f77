//! What the reader starts with: keys, styles, remembered positions, the workspace, and the
//! problems met while loading them.

use super::keymap::Keymap;
use super::positions::PositionStore;
use super::theme::Theme;

/// What the app is started with: keys, styles, remembered positions, and problems met while
/// loading them (shown in the status line).
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    pub positions: PositionStore,
    /// Where highlights, notes and bookmarks are kept; `None` keeps nothing (tests).
    pub workspace: Option<crate::workspace::Workspace>,
    /// The user's `config.toml`: the reader's measure.
    pub reader: super::config::ReaderConfig,
    pub problems: Vec<String>,
}

impl Settings {
    /// Built-in keys and colours, positions in memory: for tests and benchmarks.
    pub fn defaults() -> Settings {
        Settings {
            keymap: Keymap::default(),
            theme: Theme::builtin(false),
            positions: PositionStore::in_memory(),
            workspace: None,
            reader: Default::default(),
            problems: Vec::new(),
        }
    }

    /// The user's configuration (XDG config dir), `NO_COLOR`, and saved positions.
    pub fn load() -> Settings {
        let mut problems = Vec::new();
        let (keymap, e) = Keymap::load();
        problems.extend(e.iter().map(ToString::to_string));
        let (theme, e) = Theme::load();
        problems.extend(e.map(|e| format!("{e} (using the default theme)")));
        let (positions, e) = PositionStore::open_default();
        problems.extend(e);
        let (reader, e) = super::config::ReaderConfig::load();
        problems.extend(e.map(|e| format!("{e} (using the default)")));
        Settings {
            keymap,
            theme,
            positions,
            workspace: crate::workspace::Workspace::open_default(),
            reader,
            problems,
        }
    }
}
