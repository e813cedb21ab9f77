//! The real binary in a real terminal (see `tmux_support`): opens the People's Daily
//! communiqué by filtering and checks that a screen row holds Chinese and English side by side;
//! and that a broken user keymap is reported with its line while the default keys work.

mod tmux_support;

use tmux_support::{Lectern, tmux_or_skip};

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A row with Chinese text and, to its right, English words.
fn side_by_side_row(screen: &str) -> Option<&str> {
    screen.lines().find(|line| {
        let Some(last_han) = line
            .char_indices()
            .filter(|(_, c)| is_han(*c))
            .map(|(i, _)| i)
            .next_back()
        else {
            return false;
        };
        let right = &line[last_han..];
        right
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 3)
            .count()
            >= 3
    })
}

#[test]
fn lectern_in_tmux_shows_the_peoples_daily_chinese_and_english_side_by_side() {
    if !tmux_or_skip() {
        return;
    }
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let h = home.path();
    let lectern = Lectern::start(h, 160, 45);

    let list = lectern.wait_for("the document list", |s| {
        s.contains("documents") && s.contains("1956-07-14")
    });
    assert!(list.contains("Joint Communiqué"), "{list}");

    lectern.keys(&["f"]);
    lectern.type_text("joint communique");
    lectern.wait_for("the filter", |s| s.contains("/joint communique"));
    lectern.keys(&["Enter"]);

    let screen = lectern.wait_for("a row with Chinese and English side by side", |s| {
        side_by_side_row(s).is_some()
    });
    let row = side_by_side_row(&screen).unwrap_or_default();
    assert!(row.contains('│'), "the columns are separated: {row}");

    // q quits and the terminal comes back (the pane's process ends).
    lectern.keys(&["q"]);
    lectern.poll("lectern's exit", tmux_support::TIMEOUT, |l| {
        l.ended().then_some(())
    });
    // The reading position was saved in the isolated data dir, not the user's.
    let positions =
        std::fs::read_to_string(h.join("data/lectern/positions.toml")).unwrap_or_default();
    assert!(
        positions.contains("1956-07-14-joint-communique-issued-soviet"),
        "{positions:?}"
    );
}

#[test]
fn a_bad_keymap_line_is_named_with_its_line_and_the_other_keys_still_work() {
    if !tmux_or_skip() {
        return;
    }
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let h = home.path();
    let cfg = h.join("config/lectern");
    std::fs::create_dir_all(&cfg).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        cfg.join("keymap.toml"),
        "[reader]\nn = \"down\"\nx = \"fly\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let lectern = Lectern::start(h, 160, 45);
    let screen = lectern.wait_for("a message naming keymap.toml:3:", |s| {
        s.contains("keymap.toml:3:")
    });
    assert!(screen.contains("unknown action 'fly'"), "{screen}");
    assert!(screen.contains("line skipped"), "{screen}");
    // Only that line is skipped: the defaults it did not change are in force (j moves down the
    // list, ? opens the help); the good line's binding is checked in `keymap::tests`.
    lectern.keys(&["j"]);
    lectern.keys(&["?"]);
    lectern.wait_for("the help, opened with the default key", |s| {
        s.contains("Document list:")
    });
}

/// The reader starts itself again with no allocator purge delay (its peak at 100,000
/// documents, BENCHMARKS stop 26): the pane's process, the same pid, is lectern with
/// `MIMALLOC_PURGE_DELAY=0`.
#[cfg(target_os = "linux")]
#[test]
fn the_reader_returns_freed_memory_at_once_in_the_same_process() {
    if !tmux_or_skip() {
        return;
    }
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let lectern = Lectern::start(home.path(), 120, 30);
    lectern.wait_for("the document list", |s| s.contains("documents"));
    let panes = lectern.tmux(&["list-panes", "-a", "-F", "#{pane_pid}"]);
    let pid = String::from_utf8_lossy(&panes.stdout).trim().to_string();
    let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_else(|e| panic!("{e}"));
    let vars: Vec<&[u8]> = environ.split(|&b| b == 0).collect();
    assert!(
        vars.contains(&b"MIMALLOC_PURGE_DELAY=0".as_slice()),
        "{}",
        String::from_utf8_lossy(&environ)
    );
    let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_else(|e| panic!("{e}"));
    let built =
        std::fs::canonicalize(env!("CARGO_BIN_EXE_lectern")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(exe, built);
    lectern.keys(&["q"]);
    lectern.poll("lectern's exit", tmux_support::TIMEOUT, |l| {
        l.ended().then_some(())
    });
}
