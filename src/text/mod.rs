//! Text utilities shared by every layer: making document text safe for a terminal.

pub mod sanitize;
