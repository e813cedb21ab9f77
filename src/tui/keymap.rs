//! Keys to actions, per mode, and back again.
//!
//! The defaults come from `assets/keymap.toml`; a user file is laid over them. The reverse
//! map (action → keys) is what the help overlay and the status-line hints show, so they can
//! never disagree with what the keys really do. Keys are matched here and nowhere else.

use super::action::Action;
use super::config::{ConfigError, Layered, read_user_file, user_config_path};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;
use toml::Spanned;

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Which table of the keymap applies: where the focus is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// Applies in every mode except `Filter` (where characters are text) and `Help`.
    Global,
    List,
    Filter,
    Reader,
    Panel,
    Help,
    /// While a span is being selected (after `select`): extend it, highlight, note, copy.
    Select,
}

impl Mode {
    pub const ALL: [Mode; 7] = [
        Mode::Global,
        Mode::List,
        Mode::Filter,
        Mode::Reader,
        Mode::Panel,
        Mode::Help,
        Mode::Select,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::List => "list",
            Mode::Filter => "filter",
            Mode::Reader => "reader",
            Mode::Panel => "panel",
            Mode::Help => "help",
            Mode::Select => "select",
        }
    }

    fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Whether the global table is consulted after this one.
    fn falls_back_to_global(self) -> bool {
        matches!(self, Mode::List | Mode::Reader | Mode::Panel)
    }
}

/// A key with its modifiers, normalised so that `G` and `shift-g` are the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            // The character already says whether shift was held.
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Self { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> Self {
        Self::new(ev.code, ev.modifiers)
    }

    /// Parses `j`, `G`, `ctrl-d`, `pagedown`, `shift-tab`, `f1`.
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, m) = if lower.starts_with("ctrl-") {
                ("ctrl-", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                ("alt-", KeyModifiers::ALT)
            } else if lower.starts_with("shift-") {
                ("shift-", KeyModifiers::SHIFT)
            } else {
                break;
            };
            if rest.len() == prefix.len() {
                break;
            }
            mods |= m;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => return Err(format!("unknown key '{s}'")),
            },
        };
        Ok(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::Delete => f.write_str("del"),
            KeyCode::Insert => f.write_str("ins"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The key bindings of every mode.
#[derive(Clone, Debug)]
pub struct Keymap {
    /// Per mode: key → (action, rank); the rank is the binding's place in its file, so help
    /// and hints list keys in the order the keymap gives them.
    bindings: BTreeMap<Mode, HashMap<Key, (Action, usize)>>,
    layers: usize,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut map = Keymap {
            bindings: BTreeMap::new(),
            layers: 0,
        };
        // The defaults are compiled in and covered by a unit test; a failure here is a bug in
        // assets/keymap.toml, caught before release.
        if let Err(e) = map.layer(Path::new("assets/keymap.toml"), DEFAULT_KEYMAP) {
            panic!("built-in keymap is invalid: {e}");
        }
        map
    }
}

impl Keymap {
    /// Defaults with the user's `keymap.toml` over them, and its problems: every good line of
    /// the file is used, each bad one is reported (`file:line: why`) and skipped.
    pub fn load() -> (Keymap, Vec<ConfigError>) {
        let mut map = Keymap::default();
        let Some(path) = user_config_path("keymap.toml") else {
            return (map, Vec::new());
        };
        match read_user_file(&path) {
            Ok(None) => (map, Vec::new()),
            Ok(Some(text)) => {
                let mut problems = map.layer_lines(&path, &text);
                for p in &mut problems {
                    p.message
                        .push_str(" (line skipped; the rest of the file is used)");
                }
                (map, problems)
            }
            Err(mut e) => {
                e.message.push_str(" (using the default keys)");
                (map, vec![e])
            }
        }
    }

    /// Lays the bindings of `text` over these; on any problem nothing is changed.
    pub fn layer(&mut self, file: &Path, text: &str) -> Result<(), ConfigError> {
        let mut next = self.clone();
        match next.layer_lines(file, text).into_iter().next() {
            Some(first) => Err(first),
            None => {
                *self = next;
                Ok(())
            }
        }
    }

    /// Lays every good line of `text` over these and returns one problem per bad line. The
    /// format is line-based (`[mode]` headers, `key = "action"` bindings), so each line is
    /// read on its own: a typo costs that line, not the user's whole keymap. The lines under
    /// an unknown `[mode]` are skipped with it.
    pub fn layer_lines(&mut self, file: &Path, text: &str) -> Vec<ConfigError> {
        let mut problems = Vec::new();
        // The mode of the lines below; `Err` after a header that could not be used.
        let mut mode: Result<Option<Mode>, ()> = Ok(None);
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let body = line.trim();
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            let problem = |message: String| ConfigError::at(file, text, start, message);
            if body.starts_with('[') {
                mode = match header(line) {
                    Ok(m) => Ok(Some(m)),
                    Err(message) => {
                        problems.push(problem(message));
                        Err(())
                    }
                };
                continue;
            }
            let current = match mode {
                Ok(Some(m)) => m,
                Ok(None) => {
                    problems.push(problem("a binding needs a [mode] header above it".into()));
                    continue;
                }
                Err(()) => continue,
            };
            let entries: BTreeMap<String, Spanned<String>> = match toml::from_str(line) {
                Ok(entries) => entries,
                Err(e) => {
                    problems.push(problem(e.message().trim().to_string()));
                    continue;
                }
            };
            for (key_name, action_name) in entries {
                if let Err(message) = self.bind(current, &key_name, &action_name, start) {
                    problems.push(problem(message));
                }
            }
        }
        self.layers += 1;
        problems
    }

    /// One binding, ranked by its place in the file (user files after the defaults).
    fn bind(
        &mut self,
        mode: Mode,
        key_name: &str,
        action_name: &Spanned<String>,
        line_start: usize,
    ) -> Result<(), String> {
        let key = Key::parse(key_name)?;
        let name = action_name.get_ref().trim();
        let bindings = self.bindings.entry(mode).or_default();
        if name == "none" {
            bindings.remove(&key);
            return Ok(());
        }
        let action = Action::from_name(name)
            .ok_or_else(|| format!("unknown action '{name}' for key '{key_name}'"))?;
        let rank = self.layers * 1_000_000 + line_start + action_name.span().start;
        bindings.insert(key, (action, rank));
        Ok(())
    }

    /// The action bound to `key` in `mode` (or globally, where the mode allows).
    pub fn action(&self, mode: Mode, key: Key) -> Option<Action> {
        let lookup = |m: Mode| self.bindings.get(&m)?.get(&key).map(|(a, _)| *a);
        lookup(mode).or_else(|| {
            mode.falls_back_to_global()
                .then(|| lookup(Mode::Global))
                .flatten()
        })
    }

    /// The keys bound to `action` in `mode` (not counting global ones), in keymap order.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<Key> {
        let mut keys: Vec<(usize, Key)> = self
            .bindings
            .get(&mode)
            .into_iter()
            .flat_map(|b| b.iter())
            .filter(|(_, (a, _))| *a == action)
            .map(|(k, (_, rank))| (*rank, *k))
            .collect();
        keys.sort_by_key(|(rank, _)| *rank);
        keys.into_iter().map(|(_, k)| k).collect()
    }

    /// The first key for `action` in `mode`, falling back to global: for hints.
    pub fn hint(&self, mode: Mode, action: Action) -> Option<Key> {
        self.keys_for(mode, action).into_iter().next().or_else(|| {
            mode.falls_back_to_global()
                .then(|| self.keys_for(Mode::Global, action).into_iter().next())
                .flatten()
        })
    }

    /// Every action bound in `mode`, with its keys, in the order actions are declared: what
    /// the help overlay lists.
    pub fn reverse(&self, mode: Mode) -> Vec<(Action, Vec<Key>)> {
        let mut actions: Vec<Action> = self
            .bindings
            .get(&mode)
            .into_iter()
            .flat_map(|b| b.values().map(|(a, _)| *a))
            .collect();
        actions.sort();
        actions.dedup();
        actions
            .into_iter()
            .map(|a| (a, self.keys_for(mode, a)))
            .collect()
    }
}

/// The mode a `[mode]` header line names.
fn header(line: &str) -> Result<Mode, String> {
    let table: toml::Table = toml::from_str(line).map_err(|e| e.message().trim().to_string())?;
    let name = table.keys().next().cloned().unwrap_or_default();
    match (table.len(), table.get(&name)) {
        (1, Some(toml::Value::Table(t))) if t.is_empty() => {}
        _ => return Err(format!("'{}' is not a [mode] header", line.trim())),
    }
    Mode::from_name(&name).ok_or_else(|| {
        let known: Vec<_> = Mode::ALL.iter().map(|m| m.name()).collect();
        format!(
            "unknown mode [{name}] (expected one of {}); its lines were skipped",
            known.join(", ")
        )
    })
}

impl Layered for Keymap {
    fn layer(&mut self, file: &Path, text: &str) -> Result<(), ConfigError> {
        Keymap::layer(self, file, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_builtin_keymap_parses_and_binds_vim_and_arrow_keys() {
        let map = Keymap::default();
        assert_eq!(map.action(Mode::Reader, key("j")), Some(Action::Down));
        assert_eq!(map.action(Mode::Reader, key("down")), Some(Action::Down));
        assert_eq!(map.action(Mode::Reader, key("G")), Some(Action::Bottom));
        assert_eq!(map.action(Mode::Reader, key("q")), Some(Action::Quit));
        assert_eq!(map.action(Mode::List, key("?")), Some(Action::Help));
    }

    #[test]
    fn typing_a_filter_does_not_trigger_global_keys() {
        let map = Keymap::default();
        assert_eq!(map.action(Mode::Filter, key("q")), None);
        assert_eq!(map.action(Mode::Filter, key("?")), None);
    }

    #[test]
    fn shift_is_implied_by_the_character() {
        let from_terminal = Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(from_terminal, key("G"));
        assert_eq!(
            Key::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            key("shift-tab")
        );
    }

    #[test]
    fn reverse_map_lists_the_real_keys() {
        let map = Keymap::default();
        let keys = map.keys_for(Mode::Reader, Action::CycleView);
        assert_eq!(keys, vec![key("v")]);
        assert!(
            map.reverse(Mode::Reader)
                .iter()
                .any(|(a, k)| *a == Action::Back && k.contains(&key("esc")))
        );
    }

    #[test]
    fn user_bindings_override_add_and_remove() {
        let mut map = Keymap::default();
        let text = "[reader]\nn = \"down\"\nv = \"none\"\n";
        map.layer(Path::new("k.toml"), text)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(map.action(Mode::Reader, key("n")), Some(Action::Down));
        assert_eq!(map.action(Mode::Reader, key("v")), None);
        assert_eq!(map.action(Mode::Reader, key("j")), Some(Action::Down));
    }

    #[test]
    fn a_bad_user_file_names_the_file_and_line_and_changes_nothing() {
        let mut map = Keymap::default();
        let text = "[reader]\nn = \"down\"\nx = \"fly\"\n";
        let err = map.layer(Path::new("/cfg/keymap.toml"), text);
        let err = err.err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("/cfg/keymap.toml:3: unknown action 'fly' for key 'x'")
        );
        // `n` keeps its default binding: the bad file changed nothing.
        assert_eq!(map.action(Mode::Reader, key("n")), Some(Action::NextHit));

        let err = map.layer(Path::new("k.toml"), "[reader]\n\nj = down\n");
        assert!(err.is_err_and(|e| e.line == 3));
        let err = map.layer(Path::new("k.toml"), "[nowhere]\nj = \"down\"\n");
        assert!(err.is_err_and(|e| e.line == 1 && e.message.contains("unknown mode")));
    }

    #[test]
    fn one_bad_line_costs_that_line_not_the_user_keymap() {
        let mut map = Keymap::default();
        let text = "# mine\n[reader]\nn = \"down\"\nx = fly\nz = \"fly\"\nctrl-q-q = \"quit\"\n\
                    [nowhere]\nj = \"up\"\n[list]\nw = \"down\"\n";
        let problems = map.layer_lines(Path::new("/cfg/keymap.toml"), text);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![4, 5, 6, 7], "{problems:?}");
        assert!(
            problems[1]
                .to_string()
                .starts_with("/cfg/keymap.toml:5: unknown action 'fly'")
        );
        // The good lines above and below the bad ones are in force.
        assert_eq!(map.action(Mode::Reader, key("n")), Some(Action::Down));
        assert_eq!(map.action(Mode::List, key("w")), Some(Action::Down));
        // A line under the unknown mode binds nothing anywhere.
        assert_eq!(map.action(Mode::Reader, key("j")), Some(Action::Down));
    }
}
