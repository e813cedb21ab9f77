//! The overlays lectern ships with.

pub mod help;
pub mod search;
