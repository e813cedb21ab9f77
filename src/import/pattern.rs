//! The importers' built-in regular expressions, compiled in one place.

use regex::Regex;

/// Compiles one of the importers' own pattern literals. A literal that does not compile is a
/// bug in lectern, not in the input: every pattern is compiled the first time an import test
/// runs it, so this panics (naming the pattern) in the test suite and never for a user's file.
pub(crate) fn built_in(pattern: &str) -> Regex {
    Regex::new(pattern)
        .unwrap_or_else(|e| panic!("built-in import pattern {pattern:?} is invalid: {e}"))
}
