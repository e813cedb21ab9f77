//! Diagnostics, at the ground floor: a problem in a file the user can open, written as
//! `file:line: message`, and the helpers that find the line. Corpus files, registry files,
//! overlays, importers, user configuration and the positions file all report through these, so
//! every layer above can use them and none of them imports another layer to do so.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem in a file, written for the person who edits it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based line; 0 when the problem is with the file as a whole (it cannot be read).
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn new(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// A problem at a byte offset of `text`.
    pub fn at(file: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        Self::new(file, line_at(text, offset), message)
    }

    /// From a TOML parse error, at the line its span points to.
    pub fn from_toml(file: &Path, text: &str, err: &toml::de::Error) -> Self {
        let line = err.span().map_or(0, |s| line_at(text, s.start));
        Self::new(file, line, err.message().trim())
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file.display(), self.message)
        }
    }
}

impl std::error::Error for Problem {}

/// Something noticed at a line of a text that is not yet tied to a file (an importer reads
/// text; its caller knows the file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub message: String,
}

impl Warning {
    /// The same warning, in `file`.
    pub fn in_file(&self, file: &Path) -> Problem {
        Problem::new(file, self.line.max(1), self.message.clone())
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.line.max(1), self.message)
    }
}

/// 1-based line of a byte offset.
pub fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Line of the first `key = …` at the start of a line, or 1.
pub fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

/// Line of the `index`-th `[[table]]` header, or 1.
pub fn line_of_table(text: &str, table: &str, index: usize) -> usize {
    let header = format!("[[{table}]]");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .nth(index)
        .map_or(1, |(i, _)| i + 1)
}

/// The line, at or after `from`, that holds `needle`; `from` if none does.
pub fn line_after(text: &str, from: usize, needle: &str) -> usize {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map_or(from, |(i, _)| i + 1)
}

/// Phases of a command timed on stderr when `LECTERN_TIMING` is set (profiling at scale:
/// `LECTERN_TIMING=1 lectern list >/dev/null`). Each call prints the time since the last.
pub fn timing(phase: &str) {
    use std::sync::Mutex;
    use std::time::Instant;
    static LAST: Mutex<Option<Instant>> = Mutex::new(None);
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if !*ON.get_or_init(|| std::env::var_os("LECTERN_TIMING").is_some()) {
        return;
    }
    let now = Instant::now();
    if let Ok(mut last) = LAST.lock() {
        let ms = last.map_or(0.0, |t| now.duration_since(t).as_secs_f64() * 1e3);
        crate::errln!("lectern: timing {phase}: {ms:.1} ms");
        *last = Some(now);
    }
}

/// A trace of the reader's events to the file named by `LECTERN_TRACE`, one line each:
/// microseconds since the Unix epoch (the clock `date +%s%N` reads, so a bench's own
/// timestamps line up with it), the thread's name and the event. For where a keystroke's time
/// goes (`benches/keys.sh`); a file, not stderr, since the reader owns the terminal.
pub fn trace(event: std::fmt::Arguments<'_>) {
    use std::io::Write;
    use std::sync::{Mutex, OnceLock};
    static FILE: OnceLock<Option<Mutex<std::fs::File>>> = OnceLock::new();
    let file = FILE.get_or_init(|| {
        let path = std::env::var_os("LECTERN_TRACE")?;
        std::fs::File::create(path).ok().map(Mutex::new)
    });
    let Some(file) = file else { return };
    let us = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    let thread = std::thread::current();
    let line = format!("{us} {} {event}\n", thread.name().unwrap_or("-"));
    if let Ok(mut f) = file.lock() {
        let _ = f.write_all(line.as_bytes());
    }
}

/// `trace!("…", args)`: [`trace`] with a format string, which costs nothing but a check when
/// `LECTERN_TRACE` is not set.
#[macro_export]
macro_rules! trace {
    ($($arg:tt)*) => { $crate::diag::trace(format_args!($($arg)*)) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_from_one_and_offsets_past_the_end_are_the_last_line() {
        let text = "a = 1\nb = 2\n[[blocks]]\nc = 3";
        assert_eq!(line_at(text, 0), 1);
        assert_eq!(line_at(text, 6), 2);
        assert_eq!(line_at(text, 10_000), 4);
        assert_eq!(line_of_key(text, "b"), 2);
        assert_eq!(line_of_key(text, "zz"), 1);
        assert_eq!(line_of_table(text, "blocks", 0), 3);
        assert_eq!(line_after(text, 2, "c ="), 4);
    }

    #[test]
    fn a_problem_with_the_whole_file_names_no_line() {
        let p = Problem::new(Path::new("x.toml"), 0, "cannot read");
        assert_eq!(p.to_string(), "x.toml: cannot read");
        let p = Problem::new(Path::new("x.toml"), 3, "bad");
        assert_eq!(p.to_string(), "x.toml:3: bad");
    }
}
