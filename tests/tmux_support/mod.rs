//! lectern in a real terminal, for the end-to-end tests: the real binary runs in a detached
//! session of a private tmux server (its own socket, no user tmux config) with HOME and the XDG
//! directories in a temporary directory; keys go in with `send-keys`, screens come out with
//! `capture-pane`. The server is killed when the test ends, however it ends.
//!
//! Without tmux a test is skipped with a message, except under CI (`CI` set), where a missing
//! tmux is a failure: see [`tmux_or_skip`].
// Tests print only their own notes (a skipped run).
#![allow(clippy::disallowed_macros)]
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long a screen may take to show what a step expects.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Whether tmux is there to run the test; in CI its absence fails the test.
pub fn tmux_or_skip() -> bool {
    let there = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !there {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required in CI (CI is set)"
        );
        println!("skipped: tmux is not installed (set CI to make this a failure)");
    }
    there
}

/// Variables of the user's environment that must not reach lectern: another corpus or index,
/// and the display and SSH variables that would send the clipboard elsewhere.
const UNSET: [&str; 7] = [
    "LECTERN_CORPUS",
    "LECTERN_INDEX_DIR",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "SSH_TTY",
    "SSH_CONNECTION",
    // The reader sets its allocator's purge delay itself unless it is given
    // (src/cli/reader_allocator.rs).
    "MIMALLOC_PURGE_DELAY",
];

/// The variables that put lectern's config, data, cache and state under `home`.
fn home_vars(home: &Path) -> Vec<(&'static str, std::path::PathBuf)> {
    vec![
        ("HOME", home.to_path_buf()),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_CACHE_HOME", home.join("cache")),
        ("XDG_STATE_HOME", home.join("state")),
    ]
}

/// Gives a command (a CLI run beside the terminal one) the same isolated environment.
pub fn isolated(cmd: &mut Command, home: &Path) {
    for var in UNSET {
        cmd.env_remove(var);
    }
    for (var, value) in home_vars(home) {
        cmd.env(var, value);
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// lectern running in tmux.
pub struct Lectern {
    socket: String,
    session: String,
}

impl Lectern {
    /// Starts lectern in a `cols`×`rows` window with its HOME and XDG dirs under `home`.
    pub fn start(home: &Path, cols: u16, rows: u16) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let name = format!("lectern-e2e-{}-{nanos}", std::process::id());
        let lectern = Self {
            socket: name.clone(),
            session: name,
        };
        // Through `env`, so that the pane gets the isolated environment and not the server's.
        let mut command = String::from("env");
        for var in UNSET {
            command.push_str(&format!(" -u {var}"));
        }
        for (var, value) in home_vars(home) {
            command.push_str(&format!(
                " {var}={}",
                shell_quote(&value.display().to_string())
            ));
        }
        command.push_str(" LANG=C.UTF-8 TERM=xterm-256color ");
        command.push_str(&shell_quote(env!("CARGO_BIN_EXE_lectern")));
        let (cols, rows) = (cols.to_string(), rows.to_string());
        let out = lectern.tmux(&[
            "new-session",
            "-d",
            "-s",
            &lectern.session,
            "-x",
            &cols,
            "-y",
            &rows,
            &command,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        lectern
    }

    /// Runs a tmux command on this server.
    pub fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("tmux {args:?}: {e}"))
    }

    /// Presses keys, named as tmux names them (`Enter`, `C-e`, `BSpace`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend_from_slice(keys);
        let out = self.tmux(&args);
        assert!(out.status.success(), "send-keys {keys:?} failed");
    }

    /// Types `text` literally (UTF-8 included).
    pub fn type_text(&self, text: &str) {
        self.keys(&["-l", text]);
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.capture(false)
    }

    /// The screen with the SGR sequences of each cell's style.
    pub fn styled_screen(&self) -> String {
        self.capture(true)
    }

    fn capture(&self, styles: bool) -> String {
        let mut args = vec!["capture-pane", "-p", "-t", &self.session];
        if styles {
            args.push("-e");
        }
        String::from_utf8_lossy(&self.tmux(&args).stdout).into_owned()
    }

    /// Polls `probe` until it gives a value; after `timeout`, fails naming `what` with the
    /// last screen.
    pub fn poll<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl FnMut(&Self) -> Option<T>,
    ) -> T {
        let start = Instant::now();
        loop {
            if let Some(v) = probe(self) {
                return v;
            }
            assert!(
                start.elapsed() < timeout,
                "{what} did not happen; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The first screen that satisfies `pred`, within [`TIMEOUT`].
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        self.poll(what, TIMEOUT, |l| Some(l.screen()).filter(|s| pred(s)))
    }

    /// The first styled screen that satisfies `pred`, within `timeout`.
    pub fn wait_for_styled(
        &self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> String {
        self.poll(what, timeout, |l| {
            Some(l.styled_screen()).filter(|s| pred(s))
        })
    }

    /// Whether lectern has exited (its pane, and with it the session, is gone).
    pub fn ended(&self) -> bool {
        let session = self.tmux(&["has-session", "-t", &self.session]);
        let panes = self.tmux(&["list-panes", "-t", &self.session, "-F", "#{pane_dead}"]);
        !session.status.success() || String::from_utf8_lossy(&panes.stdout).contains('1')
    }

    /// The screen once two reads 50 ms apart agree: no frame is being drawn.
    pub fn settled(&self) -> String {
        let mut last = self.screen();
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let now = self.screen();
            if now == last {
                return now;
            }
            last = now;
        }
    }
}

impl Drop for Lectern {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}
