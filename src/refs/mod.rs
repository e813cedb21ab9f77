//! Cross-references: the registry of instruments and entities the documents name, the
//! mentions found in every language, and the links and backlinks between documents.

pub mod card;
pub mod links;
pub mod mentions;
pub mod registry;
mod registry_file;

pub use links::Links;
pub use mentions::{Found, Mention};
pub use registry::{Entity, Instrument, Registry, SourceRef, Target};
pub use registry_file::{DocumentOf, load, load_with};
