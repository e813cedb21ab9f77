//! Named text styles, from `assets/theme.toml` with the user's `theme.toml` laid over them.
//!
//! Styles are looked up by name, so a new feature adds a name to `assets/theme.toml` and asks
//! for it with [`Theme::get`]. With `NO_COLOR` set every colour is dropped and the file's
//! `[no_color]` table applies, so bold, reverse and underline still mark what colour would.

use super::config::{ConfigError, Layered, with_user_file};
use ratatui::style::{Color, Modifier, Style};
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

const DEFAULT_THEME: &str = include_str!("../../assets/theme.toml");
const LIGHT_THEME: &str = include_str!("../../assets/theme-light.toml");

/// Which built-in colours to start from: for a dark or a light terminal background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Background {
    Dark,
    Light,
}

impl Background {
    /// The background to style for. `setting`: `LECTERN_THEME`, else the user theme's
    /// `background` (`light`, `dark`, `auto`); unset or `auto` asks the terminal (`ask`),
    /// and a terminal that does not answer gets the dark theme.
    pub fn choose(setting: Option<&str>, ask: impl FnOnce() -> Option<Background>) -> Background {
        match setting.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
            Some("light") => Background::Light,
            Some("dark") => Background::Dark,
            _ => ask().unwrap_or(Background::Dark),
        }
    }

    /// The terminal's reported background (OSC 11), when stdout and stdin are terminals.
    pub fn ask_terminal() -> Option<Background> {
        use std::io::IsTerminal;
        if !crate::output::stdout_is_terminal() || !std::io::stdin().is_terminal() {
            return None;
        }
        let mut options = terminal_colorsaurus::QueryOptions::default();
        options.timeout = std::time::Duration::from_millis(300);
        match terminal_colorsaurus::theme_mode(options).ok()? {
            terminal_colorsaurus::ThemeMode::Light => Some(Background::Light),
            terminal_colorsaurus::ThemeMode::Dark => Some(Background::Dark),
        }
    }
}

/// The `background` key of a user theme file, if it has one.
#[derive(serde::Deserialize)]
struct BackgroundKey {
    background: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Theme {
    styles: BTreeMap<String, Style>,
    no_color_overrides: BTreeMap<String, Style>,
    no_color: bool,
}

/// Unknown tables are reported, not ignored: a misspelt `[style]` would otherwise do nothing.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    #[serde(default)]
    styles: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    no_color: BTreeMap<String, Spanned<String>>,
    /// `light`, `dark` or `auto`: read by [`Theme::load`] before the file is laid.
    #[allow(dead_code)]
    background: Option<String>,
}

impl Theme {
    /// The built-in theme, with colours or without.
    pub fn builtin(no_color: bool) -> Theme {
        let mut theme = Theme {
            no_color,
            ..Theme::default()
        };
        // Compiled in and covered by a unit test; a failure is a bug in assets/theme.toml.
        if let Err(e) = theme.layer(Path::new("assets/theme.toml"), DEFAULT_THEME) {
            panic!("built-in theme is invalid: {e}");
        }
        theme
    }

    /// The built-in theme for `background`.
    pub fn builtin_for(background: Background, no_color: bool) -> Theme {
        let mut theme = Theme::builtin(no_color);
        if background == Background::Light {
            // Compiled in and covered by a unit test, like the dark one.
            if let Err(e) = theme.layer(Path::new("assets/theme-light.toml"), LIGHT_THEME) {
                panic!("built-in light theme is invalid: {e}");
            }
        }
        theme
    }

    /// The built-in theme for the terminal's background with the user's file over it;
    /// `NO_COLOR` and `LECTERN_THEME` read from the environment.
    pub fn load() -> (Theme, Option<ConfigError>) {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let from_file = super::config::user_config_path("theme.toml")
            .and_then(|p| super::config::read_user_file(&p).ok().flatten())
            .and_then(|text| toml::from_str::<BackgroundKey>(&text).ok())
            .and_then(|k| k.background);
        let setting = std::env::var("LECTERN_THEME").ok().or(from_file);
        let background = Background::choose(setting.as_deref(), Background::ask_terminal);
        with_user_file(Theme::builtin_for(background, no_color), "theme.toml")
    }

    /// Lays the styles of `text` over these; on any problem nothing is changed.
    pub fn layer(&mut self, file: &Path, text: &str) -> Result<(), ConfigError> {
        let raw: RawTheme =
            toml::from_str(text).map_err(|e| ConfigError::from_toml(file, text, &e))?;
        // Over the built-in theme, a name it does not know is a typo to report.
        let known = &self.styles;
        let parse_all = |table: BTreeMap<String, Spanned<String>>| {
            table
                .into_iter()
                .map(|(name, value)| {
                    if !known.is_empty() && !known.contains_key(&name) {
                        return Err(ConfigError::at(
                            file,
                            text,
                            value.span().start,
                            format!("unknown style '{name}' (see assets/theme.toml for the names)"),
                        ));
                    }
                    parse_style(value.get_ref())
                        .map(|style| (name, style))
                        .map_err(|m| ConfigError::at(file, text, value.span().start, m))
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let styles = parse_all(raw.styles)?;
        let overrides = parse_all(raw.no_color)?;
        self.styles.extend(styles);
        self.no_color_overrides.extend(overrides);
        Ok(())
    }

    /// The style called `name`; unknown names are plain text.
    pub fn get(&self, name: &str) -> Style {
        if self.no_color {
            if let Some(style) = self.no_color_overrides.get(name) {
                return strip_colour(*style);
            }
            return self
                .styles
                .get(name)
                .copied()
                .map(strip_colour)
                .unwrap_or_default();
        }
        self.styles.get(name).copied().unwrap_or_default()
    }

    pub fn no_color(&self) -> bool {
        self.no_color
    }
}

fn strip_colour(style: Style) -> Style {
    Style {
        fg: None,
        bg: None,
        underline_color: None,
        ..style
    }
}

/// Parses `bold yellow on #202020`.
pub fn parse_style(s: &str) -> Result<Style, String> {
    let mut style = Style::default();
    let mut words = s.split_whitespace();
    while let Some(word) = words.next() {
        let lower = word.to_ascii_lowercase();
        let modifier = match lower.as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underlined" | "underline" => Some(Modifier::UNDERLINED),
            "reversed" | "reverse" => Some(Modifier::REVERSED),
            "crossed_out" => Some(Modifier::CROSSED_OUT),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
        } else if lower == "on" {
            let colour = words
                .next()
                .ok_or_else(|| format!("'on' needs a colour in style '{s}'"))?;
            style = style.bg(parse_colour(colour)?);
        } else {
            style = style.fg(parse_colour(word)?);
        }
    }
    Ok(style)
}

fn parse_colour(word: &str) -> Result<Color, String> {
    word.parse::<Color>()
        .map_err(|_| format!("unknown colour or style word '{word}'"))
}

impl Layered for Theme {
    fn layer(&mut self, file: &Path, text: &str) -> Result<(), ConfigError> {
        Theme::layer(self, file, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_theme_parses_and_styles_headings() {
        let theme = Theme::builtin(false);
        assert_eq!(
            theme.get("heading"),
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(theme.get("no such style"), Style::default());
    }

    #[test]
    fn the_setting_overrides_the_terminal_and_silence_means_dark() {
        let light = || Some(Background::Light);
        assert_eq!(Background::choose(None, light), Background::Light);
        assert_eq!(Background::choose(Some("auto"), light), Background::Light);
        assert_eq!(Background::choose(Some("Dark"), light), Background::Dark);
        assert_eq!(
            Background::choose(Some("light"), || None),
            Background::Light
        );
        assert_eq!(Background::choose(None, || None), Background::Dark);
    }

    /// Relative luminance (0 black, 1 white) of an RGB colour.
    fn luminance(c: Option<Color>) -> f32 {
        match c {
            Some(Color::Rgb(r, g, b)) => {
                (0.2126 * r as f32 + 0.7152 * g as f32 + 0.0722 * b as f32) / 255.0
            }
            Some(Color::Black) => 0.0,
            Some(Color::White) => 1.0,
            other => panic!("the cursor needs a fixed colour, not {other:?}"),
        }
    }

    #[test]
    fn the_cursor_block_sets_both_colours_with_contrast_in_each_theme() {
        for (bg, dark_block) in [(Background::Dark, true), (Background::Light, false)] {
            let cursor = Theme::builtin_for(bg, false).get("cursor");
            let (fg, back) = (luminance(cursor.fg), luminance(cursor.bg));
            assert!((fg - back).abs() > 0.6, "{bg:?}: {cursor:?}");
            assert_eq!(
                back < 0.5,
                dark_block,
                "{bg:?}: the block suits the terminal"
            );
        }
        // The light theme changes colours only where it must.
        let light = Theme::builtin_for(Background::Light, false);
        assert_ne!(light.get("heading").fg, Some(Color::Yellow));
        assert_eq!(light.get("title"), Theme::builtin(false).get("title"));
    }

    #[test]
    fn no_color_drops_colours_but_keeps_emphasis() {
        let theme = Theme::builtin(true);
        assert_eq!(
            theme.get("heading"),
            Style::default().add_modifier(Modifier::BOLD)
        );
        assert_eq!(
            theme.get("search_hit"),
            Style::default().add_modifier(Modifier::REVERSED)
        );
        assert_eq!(
            theme.get("selected"),
            Style::default().add_modifier(Modifier::REVERSED)
        );
    }

    #[test]
    fn style_words_parse_colours_backgrounds_and_modifiers() {
        assert_eq!(
            parse_style("italic light_blue on #102030"),
            Ok(Style::default()
                .fg(Color::LightBlue)
                .bg(Color::Rgb(0x10, 0x20, 0x30))
                .add_modifier(Modifier::ITALIC))
        );
        assert!(parse_style("blod").is_err());
        assert!(parse_style("red on").is_err());
    }

    #[test]
    fn a_bad_user_theme_names_the_line() {
        let mut theme = Theme::builtin(false);
        let text = "[styles]\nheading = \"bold\"\n\narticle = \"purplish\"\n";
        let err = theme.layer(Path::new("/c/theme.toml"), text);
        assert!(
            err.as_ref()
                .is_err_and(|e| e.line == 4 && e.to_string().starts_with("/c/theme.toml:4: ")),
            "{err:?}"
        );
        // Nothing of the bad file was applied.
        assert_eq!(theme.get("heading").fg, Some(Color::Yellow));
    }
}
