//! Text utilities shared by every layer: making document text safe for a terminal and
//! wrapping it by display width.

pub mod sanitize;
pub mod wrap;
