//! Copying a citation from the real binary inside tmux: lectern runs in a private tmux server
//! (`-L`, no config file, `set-clipboard on`) with its own HOME and XDG directories; the test
//! opens the 1961 treaty, moves into Article 2, presses `y`, and tmux's paste buffer must hold
//! exactly what `lectern cite <id> --style <the style shown> --pin "art. 2"` prints, while the
//! status line says it was copied to tmux's buffer.
//!
//! Without tmux the test is skipped with a message, except under CI (`CI` set), where a
//! missing tmux is a failure.

use crossterm::event::{KeyCode, KeyModifiers};
use lectern::cite::Style;
use lectern::corpus::Corpus;
use lectern::model::{BlockKind, Lang};
use lectern::tui::Action;
use lectern::tui::keymap::{Keymap, Mode};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const TREATY: &str = "1961-07-06-treaty-friendship-co-operation-mutual";
const TIMEOUT: Duration = Duration::from_secs(20);

/// A tmux server of its own, killed when the test ends however it ends.
struct Server {
    socket: String,
}

impl Server {
    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("tmux {args:?}: {e}"))
    }

    fn capture(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-t", "cite"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls `probe` until it gives a value, for at most `TIMEOUT`; else the last screen.
    fn wait<T>(&self, mut probe: impl FnMut(&Server) -> Option<T>) -> Result<T, String> {
        let start = Instant::now();
        loop {
            if let Some(v) = probe(self) {
                return Ok(v);
            }
            if start.elapsed() > TIMEOUT {
                return Err(self.capture());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_screen(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        self.wait(|s| Some(s.capture()).filter(|screen| pred(screen)))
            .unwrap_or_else(|screen| panic!("{what} did not show:\n{screen}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The environment lectern runs in: HOME and XDG dirs under `h`; no display, no SSH, no
/// corpus from the user's environment.
fn isolated(cmd: &mut Command, h: &Path) {
    for var in [
        "LECTERN_CORPUS",
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "SSH_TTY",
        "SSH_CONNECTION",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("HOME", h)
        .env("XDG_CONFIG_HOME", h.join("config"))
        .env("XDG_DATA_HOME", h.join("data"))
        .env("XDG_CACHE_HOME", h.join("cache"))
        .env("XDG_STATE_HOME", h.join("state"));
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The character the keymap binds to `action` in `mode` (a plain key that `send-keys -l`
/// can type), so the test follows keymap changes.
fn plain_key(keymap: &Keymap, mode: Mode, action: Action) -> String {
    keymap
        .keys_for(mode, action)
        .into_iter()
        .find_map(|k| match k.code {
            KeyCode::Char(c) if !k.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                Some(c.to_string())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no plain key for {action:?} in {mode:?}"))
}

/// The style the panel's title names: "Citation · <label> (n/m)".
fn shown_style(screen: &str) -> Option<Style> {
    let rest = screen.split("Citation · ").nth(1)?;
    Style::ALL
        .into_iter()
        .filter(|s| rest.starts_with(&format!("{} (", s.label())))
        .max_by_key(|s| s.label().len())
}

#[test]
fn y_in_tmux_puts_the_treaty_citation_at_article_2_in_the_paste_buffer() {
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
    let bin = env!("CARGO_BIN_EXE_lectern");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let server = Server {
        socket: format!("lectern-cite-{}-{nanos}", std::process::id()),
    };

    // lectern in a 200×50 window, through `env` so the pane gets the isolated environment.
    let dir = |p: &str| shell_quote(&h.join(p).display().to_string());
    let command = format!(
        "env -u LECTERN_CORPUS -u DISPLAY -u WAYLAND_DISPLAY -u SSH_TTY -u SSH_CONNECTION \
         HOME={home} XDG_CONFIG_HOME={cfg} XDG_DATA_HOME={data} XDG_CACHE_HOME={cache} \
         XDG_STATE_HOME={state} TERM=xterm-256color {bin}",
        home = shell_quote(&h.display().to_string()),
        cfg = dir("config"),
        data = dir("data"),
        cache = dir("cache"),
        state = dir("state"),
        bin = shell_quote(bin),
    );
    let out = server.tmux(&[
        "new-session",
        "-d",
        "-s",
        "cite",
        "-x",
        "200",
        "-y",
        "50",
        &command,
    ]);
    assert!(
        out.status.success(),
        "tmux new-session: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = server.tmux(&["set", "-g", "set-clipboard", "on"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Open the treaty by filtering the list with whatever key the keymap gives the filter.
    let keymap = Keymap::default();
    server.wait_screen("the document list", |s| s.contains("1961-07-06"));
    let filter = plain_key(&keymap, Mode::List, Action::Filter);
    server.tmux(&["send-keys", "-t", "cite", "-l", &filter]);
    server.tmux(&["send-keys", "-t", "cite", "-l", "treaty friendship"]);
    server.wait_screen("the filter", |s| s.contains("treaty friendship"));
    server.tmux(&["send-keys", "-t", "cite", "Enter"]);
    server.wait_screen("the treaty's citation", |s| {
        s.contains("Citation ·") && s.contains("pinpoint: ¶ 1")
    });

    // Down to the first paragraph of Article 2.
    let corpus = Corpus::bundled();
    let doc = corpus
        .documents
        .iter()
        .find(|d| d.id == TREATY)
        .unwrap_or_else(|| panic!("{TREATY} is bundled"));
    let heading = doc
        .blocks
        .iter()
        .position(|b| {
            b.kind == BlockKind::Article && b.text.get(Lang::En).map(str::trim) == Some("Article 2")
        })
        .unwrap_or_else(|| panic!("the treaty has an Article 2"));
    let down = plain_key(&keymap, Mode::Reader, Action::Down);
    let presses = vec![down.as_str(); heading + 1];
    let mut args = vec!["send-keys", "-t", "cite"];
    args.extend(presses);
    server.tmux(&args);
    let screen = server.wait_screen("the Article 2 pinpoint", |s| {
        s.contains("pinpoint: Article 2")
    });

    // Another style than the document's default, with the key that cycles them.
    let first = shown_style(&screen);
    let cycle = plain_key(&keymap, Mode::Reader, Action::CycleStyle);
    server.tmux(&["send-keys", "-t", "cite", "-l", &cycle]);
    let screen = server.wait_screen("the next style", |s| {
        s.contains("pinpoint: Article 2") && shown_style(s) != first
    });
    let label = shown_style(&screen).unwrap_or_else(|| panic!("no style named:\n{screen}"));
    let mut cli = Command::new(bin);
    cli.args(["cite", TREATY, "--style", label.code(), "--pin", "art. 2"]);
    isolated(&mut cli, h);
    let cli = cli.output().unwrap_or_else(|e| panic!("lectern cite: {e}"));
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let expected = String::from_utf8_lossy(&cli.stdout)
        .trim_end_matches('\n')
        .to_string();
    assert!(expected.contains("Mutual Assistance"), "{expected}");

    let copy = plain_key(&keymap, Mode::Reader, Action::CopyCitation);
    server.tmux(&["send-keys", "-t", "cite", "-l", &copy]);
    let buffer = server.wait(|s| {
        let out = s.tmux(&["show-buffer"]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        (out.status.success() && !text.is_empty()).then_some(text)
    });
    let buffer = buffer.unwrap_or_else(|screen| panic!("the paste buffer stayed empty:\n{screen}"));
    assert_eq!(buffer, expected);

    let said = format!(
        "{} citation at Article 2 copied to tmux buffer",
        label.label()
    );
    server.wait_screen("the status message", |s| s.contains(&said));
}
