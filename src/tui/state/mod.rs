//! The state of each pane, one file each: the document list, the reader, the side panel, the
//! citation it shows.

pub mod citation;
pub mod list;
pub mod panel;
pub mod reader;
pub mod search;
