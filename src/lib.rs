//! lectern: a terminal reader for archives of historical documents.
//!
//! Data flows one way: raw source → [`import`] → [`model::Document`] in a [`corpus`] →
//! search index, cross-references and citations → the screen ([`tui`]) or the command line
//! ([`cli`]). At the ground floor, used by every layer and using none: [`model`], [`text`]
//! (sanitizing, folding, wrapping) and [`diag`] (`file:line` problems). Beside them, what the
//! user keeps: [`workspace`] (notes, highlights, bookmarks, collections, tags).

// A bad file or a failed thread gets a clear error, never an `expect` panic (tests may use it,
// see clippy.toml); the built-in import patterns panic by name in one place, `import::pattern`.
#![deny(clippy::expect_used)]
// No `unsafe` in lectern itself (Cargo.toml denies it for the tests too, where the counting
// allocator of `tests/hardening_work.rs` allows it with its reason).
#![forbid(unsafe_code)]

pub mod cite;
pub mod cli;
pub mod clipboard;
pub mod corpus;
pub mod diag;
pub mod files;
pub mod fingerprint;
pub mod import;
pub mod model;
pub mod output;
pub mod parallel;
pub mod paths;
pub mod refs;
pub mod search;
pub mod text;
pub mod tui;
pub mod workspace;
