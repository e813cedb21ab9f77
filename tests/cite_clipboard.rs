//! Copying: the OSC 52 bytes a terminal receives carry the text (base64), wrapped for tmux's
//! passthrough inside tmux; tmux's paste buffer receives the text; a missing tmux or display
//! costs its channel only, never the copy, and nothing waits on an absent display.
// Tests print only their own notes (a skipped run).
#![allow(clippy::disallowed_macros)]

use base64::Engine as _;
use lectern::clipboard::{Channel, Copier, Env};
use std::process::Command;
use std::time::Duration;

const CITATION: &str = "\"Su Chao liangguo zhengfu fabiao lianhe gongbao 苏朝两国政府发表联合公报,\" Renmin ribao 人民日报, July 14, 1956.";

fn copier(env: Env, tmux_command: &[&str]) -> Copier {
    Copier {
        env,
        tmux_command: tmux_command.iter().map(|s| s.to_string()).collect(),
        timeout: Duration::from_secs(2),
    }
}

/// The text inside an OSC 52 sequence `ESC ] 52 ; c ; <base64> BEL`, decoded.
fn decode_osc52(bytes: &[u8]) -> String {
    let s = String::from_utf8(bytes.to_vec()).expect("OSC 52 bytes are ASCII");
    let start = s.find("]52;c;").expect("an OSC 52 sequence") + "]52;c;".len();
    let end = s[start..].find('\u{7}').expect("ended by BEL") + start;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(&s[start..end])
        .expect("valid base64");
    String::from_utf8(raw).expect("UTF-8 text")
}

#[test]
fn over_ssh_the_terminal_receives_osc52_with_the_text() {
    let env = Env {
        tmux: false,
        ssh: true,
        display: false,
    };
    let mut term: Vec<u8> = Vec::new();
    let report = copier(env, &["tmux"])
        .copy(CITATION, Some(&mut term))
        .expect("copied");
    assert!(term.starts_with(b"\x1b]52;c;"), "{term:?}");
    assert!(term.ends_with(b"\x07"));
    assert_eq!(decode_osc52(&term), CITATION);
    assert_eq!(report.via, vec![Channel::Osc52 { passthrough: false }]);
    assert_eq!(report.summary(), "copied via OSC 52");
    // Without a display the native clipboard is not even tried, so it cannot hang.
    assert!(report.failed.is_empty(), "{:?}", report.failed);
}

#[test]
fn inside_tmux_osc52_is_wrapped_for_passthrough() {
    let env = Env {
        tmux: true,
        ssh: false,
        display: false,
    };
    let mut term: Vec<u8> = Vec::new();
    // A tmux that cannot be run: the buffer fails, OSC 52 still goes out.
    let report = copier(env, &["/nonexistent/tmux"])
        .copy(CITATION, Some(&mut term))
        .expect("OSC 52 alone is a copy");
    assert!(term.starts_with(b"\x1bPtmux;\x1b\x1b]52;c;"), "{term:?}");
    assert!(term.ends_with(b"\x07\x1b\\"));
    // Inside the passthrough every ESC is doubled; the payload is the same.
    assert_eq!(decode_osc52(&term), CITATION);
    assert_eq!(report.via, vec![Channel::Osc52 { passthrough: true }]);
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].0, Channel::TmuxBuffer);
}

#[test]
fn with_no_channel_at_all_the_copy_fails_and_says_why() {
    let env = Env {
        tmux: true,
        ssh: false,
        display: false,
    };
    let err = copier(env, &["/nonexistent/tmux"])
        .copy(CITATION, None)
        .expect_err("nothing took the text");
    let msg = err.to_string();
    assert!(msg.contains("tmux buffer failed"), "{msg}");
    assert!(msg.contains("OSC 52 failed"), "{msg}");
}

/// A private tmux server on its own socket, killed when dropped.
struct TmuxServer {
    socket: String,
}

impl TmuxServer {
    fn start() -> Option<TmuxServer> {
        let socket = format!("lectern-cite-test-{}", std::process::id());
        let ok = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "80",
                "-y",
                "24",
            ])
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            assert!(
                std::env::var_os("CI").is_none(),
                "tmux is required in CI (Debian package `tmux`)"
            );
            eprintln!("SKIPPED: tmux is not available");
            return None;
        }
        Some(TmuxServer { socket })
    }

    fn show_buffer(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "show-buffer"])
            .output()
            .expect("tmux show-buffer");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for TmuxServer {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

#[test]
fn inside_tmux_the_paste_buffer_holds_the_text() {
    let Some(server) = TmuxServer::start() else {
        return;
    };
    let env = Env {
        tmux: true,
        ssh: false,
        display: false,
    };
    let mut term: Vec<u8> = Vec::new();
    let report = copier(env, &["tmux", "-L", &server.socket])
        .copy(CITATION, Some(&mut term))
        .expect("copied");
    assert_eq!(server.show_buffer(), CITATION);
    assert_eq!(
        report.via,
        vec![Channel::TmuxBuffer, Channel::Osc52 { passthrough: true }]
    );
    assert_eq!(report.summary(), "copied to tmux buffer and via OSC 52");
    assert_eq!(decode_osc52(&term), CITATION);
}
