//! The overlays lectern ships with.

pub mod help;
