//! Following a cross-reference in a real terminal: lectern runs in tmux (a private server,
//! its own HOME and XDG dirs); the 1960 journal is opened, its mention of the treaty to come
//! is followed to the 1961 treaty text, and backspace brings back the very same screen.
//!
//! Without tmux the test is skipped with a message, except under CI, where it fails.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

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

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    /// Polls the screen until `pred` holds; the last screen either way.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{what} did not happen; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

/// The screen without its last two rows (status and hints), which name what just happened.
fn body(screen: &str) -> Vec<&str> {
    let lines: Vec<&str> = screen.lines().collect();
    lines[..lines.len().saturating_sub(2)].to_vec()
}

#[test]
fn the_journals_treaty_mention_leads_to_the_treaty_and_back_to_the_same_screen() {
    if !Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
        println!("skipped: tmux is not installed (set CI to make this a failure)");
        return;
    }
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let h = home.path().display().to_string();
    let server = Server {
        socket: format!("lectern-links-{}", std::process::id()),
    };
    let command = format!(
        "env -u LECTERN_CORPUS HOME={h} XDG_CONFIG_HOME={h}/config XDG_DATA_HOME={h}/data \
         XDG_CACHE_HOME={h}/cache TERM=xterm-256color '{}'",
        env!("CARGO_BIN_EXE_lectern")
    );
    let out = server.tmux(&[
        "new-session",
        "-d",
        "-s",
        "main",
        "-x",
        "120",
        "-y",
        "30",
        &command,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    server.wait_for("the document list", |s| s.contains("1960-09-14"));
    // The list is in date order: the journal is the second document.
    server.keys(&["j", "Enter"]);
    server.wait_for("the journal", |s| s.contains("I visited Kim Il Sung"));
    // Scroll a little so that "the same place" is not simply the top.
    server.keys(&["C-e", "C-e", "C-e"]);
    let mut screen = String::new();
    for _ in 0..60 {
        server.keys(&["Tab"]);
        screen = server.wait_for("a link selection", |s| s.contains("link "));
        if screen.contains("Treaty of Friendship, Co-operation") {
            break;
        }
    }
    assert!(
        screen.contains("Treaty of Friendship, Co-operation"),
        "no link to the treaty:\n{screen}"
    );
    let before = screen.clone();

    server.keys(&["Enter"]);
    let treaty = server.wait_for("the treaty text", |s| s.contains("TREATY OF FRIENDSHIP"));
    assert!(!treaty.contains("I visited Kim Il Sung"));

    server.keys(&["BSpace"]);
    // Back lands on the journal, row for row as it was left.
    let after = server.wait_for("the journal again", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("Journal of Soviet Ambassador"))
    });
    assert_eq!(body(&after), body(&before), "back lands on the same screen");
    server.keys(&["q"]);
}
