//! lectern: a terminal reader for archives of historical documents.
//!
//! Data flows one way: raw source → [`import`] → [`model::Document`] in a [`corpus`] →
//! search index, cross-references and citations → the screen ([`tui`]) or the command line
//! ([`cli`]).

pub mod cite;
pub mod cli;
pub mod clipboard;
pub mod corpus;
pub mod import;
pub mod model;
pub mod parallel;
pub mod refs;
pub mod search;
pub mod text;
pub mod tui;
