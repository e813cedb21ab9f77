//! Cross-references: the registry of instruments and entities the documents name, the
//! mentions found in every language, and the links and backlinks between documents.

pub mod card;
pub mod links;
pub mod load;
pub mod mentions;
pub mod registry;
pub mod search_hooks;
pub mod timeline;

pub use links::Links;
pub use mentions::Mention;
pub use registry::{Entity, Instrument, Registry, SourceRef, Target};

use crate::corpus::Problem;
use crate::model::Document;
use std::path::PathBuf;

/// Loads registry files (path, text) and validates them against the documents.
pub fn load(files: &[(PathBuf, String)], documents: &[Document]) -> (Registry, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    let mut known = load::KnownIds::default();
    for (path, text) in files {
        match load::parse(path, text) {
            Ok(reg) => {
                for (i, inst) in reg.instruments.iter().enumerate() {
                    if !known.instruments.insert(inst.id.clone()) {
                        let line = crate::corpus::format::line_of_table(text, "instrument", i);
                        problems.push(Problem::new(
                            path,
                            line,
                            format!("duplicate instrument id '{}'", inst.id),
                        ));
                    }
                }
                for (i, e) in reg.entities.iter().enumerate() {
                    if !known.entities.insert(e.id.clone()) {
                        let line = crate::corpus::format::line_of_table(text, "entity", i);
                        problems.push(Problem::new(
                            path,
                            line,
                            format!("duplicate entity id '{}'", e.id),
                        ));
                    }
                }
                parsed.push((path, text, reg));
            }
            Err(p) => problems.push(p),
        }
    }
    let mut registry = Registry::default();
    for (path, text, mut reg) in parsed {
        problems.extend(load::validate(path, text, &mut reg, documents, &known));
        registry.instruments.extend(reg.instruments);
        registry.entities.extend(reg.entities);
    }
    (registry, problems)
}
