//! The state of the reader pane, the citation and search (moving to their homes).

pub mod citation;
pub mod reader;
pub mod search;
