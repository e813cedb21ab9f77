//! The overlays lectern ships with (help, search, cards, the timeline).

pub mod card;
pub mod help;
pub mod search;
pub mod timeline;

pub use crate::tui::overlay::window;
