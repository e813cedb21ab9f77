//! Text utilities shared by every layer: making document text safe for a terminal, folding
//! it for matching names, and wrapping it by display width.

pub mod fold;
pub mod sanitize;
pub mod wrap;
