//! The one way out to the terminal. Everything lectern prints on stdout or stderr is a [`Safe`]
//! value, and a `Safe` can only be made by neutralising text ([`Safe::text`], [`Safe::fmt`]),
//! by escaping JSON ([`Safe::json`]), or from the few escape sequences lectern itself means to
//! send ([`Markup`]). The macros [`out!`](crate::out), [`outln!`](crate::outln) and
//! [`errln!`](crate::errln) format and neutralise in one step, so the short way to print is
//! the safe one; `println!` and friends are banned by `clippy.toml` outside this module.
//!
//! See [`crate::text::sanitize`] for which characters are neutralised and why.

use crate::text::sanitize::{escape_json, neutralise};
use std::fmt;
use std::io::{self, Write};

/// Text that may be written to a terminal: no control character, no bidi override, no
/// invisible format character, except the [`Markup`] lectern put there itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Safe(String);

/// The escape sequences lectern sends on purpose. Nothing from a document or an argument can
/// become one of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Markup {
    /// SGR bold, to mark a search match on a terminal.
    Bold,
    /// SGR reset, the end of [`Markup::Bold`].
    Reset,
    /// Carriage return, to redraw a progress line in place.
    CarriageReturn,
}

impl Markup {
    fn sequence(self) -> &'static str {
        match self {
            Markup::Bold => "\x1b[1m",
            Markup::Reset => "\x1b[0m",
            Markup::CarriageReturn => "\r",
        }
    }
}

impl Safe {
    pub fn new() -> Safe {
        Safe(String::new())
    }

    /// `text` with every unsafe character replaced by a visible placeholder.
    pub fn text(text: &str) -> Safe {
        Safe(neutralise(text).into_owned())
    }

    /// Formats `args` and neutralises the result: arguments of any type are covered.
    pub fn fmt(args: fmt::Arguments<'_>) -> Safe {
        match args.as_str() {
            Some(s) => Safe::text(s),
            None => Safe::text(&args.to_string()),
        }
    }

    /// Pretty JSON and a newline; unsafe characters inside strings become `\u` escapes, so a
    /// program reading it gets the exact value and a terminal showing it gets no control.
    pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<Safe> {
        let json = serde_json::to_string_pretty(value)?;
        Ok(Safe(escape_json(&json).into_owned() + "\n"))
    }

    /// JSON already serialized (an export), with its unsafe characters escaped as in
    /// [`Safe::json`]. Text that is not JSON comes out safe too, only less readable.
    pub fn json_text(json: &str) -> Safe {
        Safe(escape_json(json).into_owned())
    }

    pub fn markup(markup: Markup) -> Safe {
        Safe(markup.sequence().to_string())
    }

    /// Appends another safe value: the concatenation of safe texts is safe.
    pub fn push(&mut self, other: &Safe) {
        self.0.push_str(&other.0);
    }

    /// Appends `text`, neutralised.
    pub fn push_text(&mut self, text: &str) {
        self.0.push_str(&neutralise(text));
    }

    pub fn push_markup(&mut self, markup: Markup) {
        self.0.push_str(markup.sequence());
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Safe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Safe {
    fn from(text: &str) -> Safe {
        Safe::text(text)
    }
}

/// Writes `text` to stdout and flushes. A closed pipe comes back as `BrokenPipe`, which the
/// command line turns into a quiet exit.
#[allow(clippy::disallowed_methods)]
pub fn stdout(text: &Safe) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.0.as_bytes())?;
    out.flush()
}

/// Writes `text` to stderr. Best effort: there is nowhere left to report a failure to.
#[allow(clippy::disallowed_methods)]
pub fn stderr(text: &Safe) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.0.as_bytes());
    let _ = err.flush();
}

/// Whether stdout / stderr is a terminal (for colour and progress decisions).
#[allow(clippy::disallowed_methods)]
pub fn stdout_is_terminal() -> bool {
    io::IsTerminal::is_terminal(&io::stdout())
}

#[allow(clippy::disallowed_methods)]
pub fn stderr_is_terminal() -> bool {
    io::IsTerminal::is_terminal(&io::stderr())
}

/// `out!("{x}")`: formats, neutralises and writes to stdout; an `io::Result<()>`.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::stdout(&$crate::output::Safe::fmt(format_args!($($arg)*)))
    };
}

/// `outln!("{x}")`: as [`out!`] with a newline; an `io::Result<()>`.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::output::stdout(&$crate::output::Safe::fmt(format_args!("{}\n", format_args!($($arg)*))))
    };
}

/// `errln!("{x}")`: formats, neutralises and writes a line to stderr.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::output::stderr(&$crate::output::Safe::fmt(format_args!("{}\n", format_args!($($arg)*))))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_neutralises_every_argument() {
        let title = "\x1b]0;PWNED\x07";
        let kind = "x\u{9b}31m";
        let s = Safe::fmt(format_args!("{title} {kind} {}", 'ء'));
        assert!(!s.as_str().chars().any(crate::text::sanitize::is_unsafe));
        assert_eq!(s.as_str(), "␛]0;PWNED␇ x\u{FFFD}31m ء");
    }

    #[test]
    fn only_markup_carries_an_escape() {
        let mut s = Safe::text("a");
        s.push_markup(Markup::Bold);
        s.push_text("\x1b[2J");
        s.push_markup(Markup::Reset);
        assert_eq!(s.as_str(), "a\x1b[1m␛[2J\x1b[0m");
    }

    #[test]
    fn json_values_survive_escaping() {
        let v = serde_json::json!({"title": "\u{202E}evil\u{7f}"});
        let s = Safe::json(&v).unwrap_or_default();
        assert!(s.as_str().contains(r"\u202eevil\u007f"), "{s}");
        let back: serde_json::Value = serde_json::from_str(s.as_str()).unwrap_or_default();
        assert_eq!(back, v);
    }
}
