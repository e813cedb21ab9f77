//! The overlays lectern ships with.

pub mod card;
pub mod help;
pub mod timeline;
