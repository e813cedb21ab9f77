//! tmux's own paste buffer: `tmux load-buffer -w -` reads the text on stdin; `-w` (tmux ≥ 3.2)
//! also sends it to the outer terminal's clipboard when `set-clipboard` is on.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Loads `text` into tmux's buffer with `program` (`["tmux"]`, or with `-L socket` in tests).
/// Falls back to `load-buffer -` for a tmux too old for `-w`.
pub fn load_buffer(program: &[String], text: &str, timeout: Duration) -> Result<(), String> {
    match run(program, &["load-buffer", "-w", "-"], text, timeout) {
        Ok(()) => Ok(()),
        Err(first) => run(program, &["load-buffer", "-"], text, timeout)
            .map_err(|second| format!("{first}; without -w: {second}")),
    }
}

fn run(program: &[String], args: &[&str], text: &str, timeout: Duration) -> Result<(), String> {
    let (cmd, pre) = program.split_first().ok_or("no tmux command")?;
    let mut child = Command::new(cmd)
        .args(pre)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {cmd}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write to {cmd}: {e}"))?;
        // Dropping stdin closes it: tmux reads to end of file.
    }
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut e, &mut err);
                }
                return Err(format!(
                    "{cmd} {}: {status}: {}",
                    args.join(" "),
                    err.trim()
                ));
            }
            Ok(None) if start.elapsed() < timeout => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{cmd} did not answer within {} ms",
                    timeout.as_millis()
                ));
            }
            Err(e) => return Err(format!("{cmd}: {e}")),
        }
    }
}
