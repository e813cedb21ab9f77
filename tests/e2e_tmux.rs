//! The real binary in a real terminal: lectern runs in a detached tmux session of a fixed
//! size with its own HOME and XDG directories; keys are sent with `send-keys` and the screen
//! read with `capture-pane`. Opens the People's Daily communiqué by filtering and checks that
//! a screen row holds Chinese and English side by side.
//!
//! Without tmux the test is skipped with a message, except under CI (`CI` set), where a
//! missing tmux is a failure.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

struct Session {
    name: String,
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .output();
    }
}

fn tmux(args: &[&str]) -> Output {
    Command::new("tmux")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("tmux {args:?}: {e}"))
}

fn capture(session: &str) -> String {
    let out = tmux(&["capture-pane", "-p", "-t", session]);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Polls the screen until `pred` holds, for at most `timeout`; returns the last screen.
fn wait_for(
    session: &str,
    timeout: Duration,
    pred: impl Fn(&str) -> bool,
) -> Result<String, String> {
    let start = Instant::now();
    loop {
        let screen = capture(session);
        if pred(&screen) {
            return Ok(screen);
        }
        if start.elapsed() > timeout {
            return Err(screen);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

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

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn lectern_in_tmux_shows_the_peoples_daily_chinese_and_english_side_by_side() {
    if !tmux_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required in CI (CI is set)"
        );
        println!("skipped: tmux is not installed (set CI to make this a failure)");
        return;
    }
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let h = home.path();
    let session = start(h, "side");
    let t = &session.name;
    let timeout = Duration::from_secs(20);

    let list = wait_for(t, timeout, |s| {
        s.contains("documents") && s.contains("1956-07-14")
    });
    let list = list.unwrap_or_else(|s| panic!("the document list did not appear:\n{s}"));
    assert!(list.contains("Joint Communiqué"), "{list}");

    tmux(&["send-keys", "-t", t, "f"]);
    tmux(&["send-keys", "-t", t, "-l", "joint communique"]);
    wait_for(t, timeout, |s| s.contains("/joint communique"))
        .unwrap_or_else(|s| panic!("the filter did not show:\n{s}"));
    tmux(&["send-keys", "-t", t, "Enter"]);

    let screen = wait_for(t, timeout, |s| side_by_side_row(s).is_some())
        .unwrap_or_else(|s| panic!("no row with Chinese and English side by side:\n{s}"));
    let row = side_by_side_row(&screen).unwrap_or_default();
    assert!(row.contains('│'), "the columns are separated: {row}");

    // q quits and the terminal comes back (the pane's process ends).
    tmux(&["send-keys", "-t", t, "q"]);
    let start = Instant::now();
    while start.elapsed() < timeout {
        let alive = tmux(&["has-session", "-t", t]).status.success()
            && !String::from_utf8_lossy(
                &tmux(&["list-panes", "-t", t, "-F", "#{pane_dead}"]).stdout,
            )
            .contains('1');
        if !alive {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // The reading position was saved in the isolated data dir, not the user's.
    let positions =
        std::fs::read_to_string(h.join("data/lectern/positions.toml")).unwrap_or_default();
    assert!(
        positions.contains("1956-07-14-joint-communique-issued-soviet"),
        "{positions:?}"
    );
}

/// Starts lectern in a detached 160×45 tmux session with HOME and the XDG dirs under `h`.
fn start(h: &Path, tag: &str) -> Session {
    let bin = env!("CARGO_BIN_EXE_lectern");
    let dir = |p: &str| h.join(p).display().to_string();
    let name = format!("lectern-e2e-{tag}-{}", std::process::id());
    // A clean environment: the user's config, positions and corpus must not leak in.
    let command = format!(
        "env -u LECTERN_CORPUS HOME={home} XDG_CONFIG_HOME={cfg} XDG_DATA_HOME={data} \
         XDG_CACHE_HOME={cache} XDG_STATE_HOME={state} TERM=xterm-256color {bin}",
        home = h.display(),
        cfg = dir("config"),
        data = dir("data"),
        cache = dir("cache"),
        state = dir("state"),
        bin = shell_quote(Path::new(bin)),
    );
    let out = tmux(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        &name,
        "-x",
        "160",
        "-y",
        "45",
        &command,
    ]);
    assert!(
        out.status.success(),
        "tmux new-session: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Session { name }
}

#[test]
fn a_bad_user_keymap_is_named_with_its_line_and_the_default_keys_still_work() {
    if !tmux_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required in CI (CI is set)"
        );
        println!("skipped: tmux is not installed (set CI to make this a failure)");
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
    let session = start(h, "badkeys");
    let t = &session.name;
    let timeout = Duration::from_secs(20);
    let screen = wait_for(t, timeout, |s| s.contains("keymap.toml:3:"))
        .unwrap_or_else(|s| panic!("no message naming keymap.toml:3:\n{s}"));
    assert!(screen.contains("unknown action 'fly'"), "{screen}");
    assert!(screen.contains("using the default keys"), "{screen}");
    // The defaults are in force: j moves down the list.
    tmux(&["send-keys", "-t", t, "j"]);
    tmux(&["send-keys", "-t", t, "?"]);
    wait_for(t, timeout, |s| s.contains("Document list:"))
        .unwrap_or_else(|s| panic!("help did not open with the default key:\n{s}"));
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}
