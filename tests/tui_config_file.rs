//! The user's `config.toml` as the reader loads it: `max_measure` sets the longest line, and a
//! bad value is reported with its file and line while the default stays in force.
//!
//! Its own test binary, because it points the XDG directories at a temporary directory.

// Setting the environment is `unsafe` in edition 2024; the crate denies `unsafe` elsewhere.
#![allow(unsafe_code)]

mod tui_support;

use lectern::corpus::Corpus;
use lectern::text::wrap::str_width;
use lectern::tui::{App, Settings};
use tui_support::*;

fn longest_line(app: &App) -> usize {
    let reader = app.reader.as_ref().unwrap_or_else(|| panic!("open"));
    let layout = &reader.layout;
    (layout.rows.iter())
        .flat_map(|r| r.parts.iter().flatten())
        .filter_map(|p| layout.text(p).map(|(_, s)| str_width(s)))
        .max()
        .unwrap_or(0)
}

fn reader_at_200(mut app: App) -> App {
    open(&mut app, "1960-09-14-journal-soviet-ambassador-dprk");
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    press(&mut app, "p");
    render(&mut app, &mut term);
    assert!(
        !app.panel.open,
        "the panel closed: 200 columns for the text"
    );
    app
}

#[test]
fn max_measure_in_config_toml_sets_the_longest_line_and_a_bad_one_is_reported() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let config = home.path().join("config");
    let dir = config.join("lectern");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    // SAFETY: this test binary has this one test, so no other thread reads the environment.
    unsafe {
        std::env::set_var("XDG_CONFIG_HOME", &config);
        std::env::set_var("XDG_DATA_HOME", home.path().join("data"));
        std::env::set_var("XDG_CACHE_HOME", home.path().join("cache"));
        std::env::set_var("LECTERN_THEME", "dark");
    }
    let file = dir.join("config.toml");

    std::fs::write(&file, "# narrower lines\nmax_measure = 60\n").unwrap_or_else(|e| panic!("{e}"));
    let settings = Settings::load();
    assert!(settings.problems.is_empty(), "{:?}", settings.problems);
    assert_eq!(settings.reader.max_measure, 60);
    let longest = longest_line(&reader_at_200(App::new(Corpus::bundled(), settings)));
    assert!((50..=60).contains(&longest), "{longest}");

    std::fs::write(&file, "\nmax_measure = 7\n").unwrap_or_else(|e| panic!("{e}"));
    let settings = Settings::load();
    let problem = settings.problems.join("\n");
    let want = format!("{}:2: max_measure = 7", file.display());
    assert!(problem.contains(&want), "{problem}");
    assert_eq!(settings.reader.max_measure, 90, "the default stays");
    let app = App::new(Corpus::bundled(), settings);
    assert!(status_text(&app).contains(&want), "{}", status_text(&app));
    let app = reader_at_200(app);
    let longest = longest_line(&app);
    assert!((80..=90).contains(&longest), "{longest}");
}
