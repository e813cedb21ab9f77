//! Copying text to the user's clipboard wherever their terminal runs: inside tmux (tmux's paste
//! buffer and OSC 52 passed through to the outer terminal), over SSH and anywhere else (OSC 52,
//! which the terminal itself carries out on the user's machine), and on a local desktop (the
//! native clipboard, only when a display is present, and never waiting on it for long).
//!
//! [`copy`] writes OSC 52 to `/dev/tty`; while the reader runs, [`copy_via`] writes it through
//! the reader's own terminal output instead, so the sequence does not land inside a frame.

pub mod native;
pub mod osc52;
pub mod tmux;

use std::fmt;
use std::io::Write;
use std::time::Duration;

/// What the environment offers, read from the variables terminals and tmux set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Env {
    /// `TMUX` is set: the program runs inside tmux.
    pub tmux: bool,
    /// `SSH_TTY` or `SSH_CONNECTION` is set: the terminal is on another machine.
    pub ssh: bool,
    /// `DISPLAY` or `WAYLAND_DISPLAY` is set: a native clipboard may answer.
    pub display: bool,
}

impl Env {
    pub fn detect() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Env {
            tmux: set("TMUX"),
            ssh: set("SSH_TTY") || set("SSH_CONNECTION"),
            display: set("DISPLAY") || set("WAYLAND_DISPLAY"),
        }
    }
}

/// One way the text was handed on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Channel {
    /// tmux's paste buffer (`tmux load-buffer -w`).
    TmuxBuffer,
    /// OSC 52 written to the terminal, wrapped for tmux's passthrough when `passthrough`.
    Osc52 { passthrough: bool },
    /// The desktop's clipboard.
    Native,
}

impl Channel {
    fn phrase(&self) -> &'static str {
        match self {
            Channel::TmuxBuffer => "to tmux buffer",
            Channel::Osc52 { .. } => "via OSC 52",
            Channel::Native => "to the system clipboard",
        }
    }
}

/// How a copy went: the channels that took the text and what failed on the way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CopyReport {
    pub via: Vec<Channel>,
    /// Channels that were tried and failed, with why (for a log or a detail line).
    pub failed: Vec<(Channel, String)>,
}

impl CopyReport {
    /// For the status line: "copied to tmux buffer and via OSC 52".
    pub fn summary(&self) -> String {
        let phrases: Vec<&str> = self.via.iter().map(Channel::phrase).collect();
        match phrases.as_slice() {
            [] => "nothing was copied".to_string(),
            [one] => format!("copied {one}"),
            [init @ .., last] => format!("copied {} and {last}", init.join(", ")),
        }
    }
}

impl fmt::Display for CopyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("could not copy: {}", .0.iter().map(|(c, e)| format!("{} failed ({e})", c.phrase())).collect::<Vec<_>>().join("; "))]
pub struct CopyError(pub Vec<(Channel, String)>);

/// A configured copier: which environment, which tmux command and how long to wait.
#[derive(Clone, Debug)]
pub struct Copier {
    pub env: Env,
    /// The tmux command line (`["tmux"]`); tests add `-L socket` for a private server.
    pub tmux_command: Vec<String>,
    /// How long tmux or a display may take before the copy goes on without them.
    pub timeout: Duration,
}

impl Default for Copier {
    fn default() -> Self {
        Copier {
            env: Env::detect(),
            tmux_command: vec!["tmux".to_string()],
            timeout: Duration::from_millis(700),
        }
    }
}

impl Copier {
    /// Copies `text` by every channel the environment offers; the OSC 52 sequence goes to
    /// `terminal` (or nowhere when `None`, e.g. without a terminal). Succeeds when at least one
    /// channel took the text.
    pub fn copy(
        &self,
        text: &str,
        terminal: Option<&mut dyn Write>,
    ) -> Result<CopyReport, CopyError> {
        // What is copied is pasted, often into a terminal: it passes the output layer's
        // neutralisation like everything lectern prints (issue 11).
        let safe = crate::output::Safe::text(text);
        let text = safe.as_str();
        let mut report = CopyReport::default();
        if self.env.tmux {
            match tmux::load_buffer(&self.tmux_command, text, self.timeout) {
                Ok(()) => report.via.push(Channel::TmuxBuffer),
                Err(e) => report.failed.push((Channel::TmuxBuffer, e)),
            }
        }
        // OSC 52 always: locally it is harmless where unsupported, over SSH it is the only way
        // to the user's clipboard.
        let channel = Channel::Osc52 {
            passthrough: self.env.tmux,
        };
        match terminal {
            Some(term) => {
                let bytes = osc52::for_terminal(text, self.env.tmux);
                match term.write_all(&bytes).and_then(|()| term.flush()) {
                    Ok(()) => report.via.push(channel),
                    Err(e) => report.failed.push((channel, e.to_string())),
                }
            }
            None => report
                .failed
                .push((channel, "no terminal to write to".into())),
        }
        if self.env.display {
            match native::set_text(text, self.timeout) {
                Ok(()) => report.via.push(Channel::Native),
                Err(e) => report.failed.push((Channel::Native, e)),
            }
        }
        if report.via.is_empty() {
            return Err(CopyError(report.failed));
        }
        Ok(report)
    }
}

/// Copies `text` in the detected environment, writing OSC 52 to the controlling terminal
/// (`/dev/tty`). Not for use while the reader draws: see [`copy_via`].
pub fn copy(text: &str) -> Result<CopyReport, CopyError> {
    let copier = Copier::default();
    match std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        Ok(mut tty) => copier.copy(text, Some(&mut tty)),
        Err(_) => copier.copy(text, None),
    }
}

/// Copies `text` in the detected environment, writing OSC 52 through `terminal`: the reader
/// passes its own terminal output, between frames.
pub fn copy_via(text: &str, terminal: &mut dyn Write) -> Result<CopyReport, CopyError> {
    Copier::default().copy(text, Some(terminal))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_every_channel_that_took_the_text() {
        let report = CopyReport {
            via: vec![Channel::TmuxBuffer, Channel::Osc52 { passthrough: true }],
            failed: vec![],
        };
        assert_eq!(report.summary(), "copied to tmux buffer and via OSC 52");
        let one = CopyReport {
            via: vec![Channel::Osc52 { passthrough: false }],
            failed: vec![],
        };
        assert_eq!(one.summary(), "copied via OSC 52");
    }
}
