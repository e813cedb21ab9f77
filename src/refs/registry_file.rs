//! Reads the registry files and checks every reference against the corpus, reporting each
//! problem as `file:line: message`. A file that does not parse is skipped whole; a bad entry
//! is reported and left out, and the rest of the registry still loads.

use super::registry::{Registry, SourceRef};
use crate::diag::{Problem, line_after, line_of_table};
use crate::model::Document;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Loads registry files (path, text) and validates them against the documents.
pub fn load(files: &[(PathBuf, String)], documents: &[Document]) -> (Registry, Vec<Problem>) {
    let by_id: std::collections::HashMap<&str, &Document> = documents
        .iter()
        .rev() // the first document of an id wins, as in the corpus
        .map(|d| (d.id.as_str(), d))
        .collect();
    let lookup = |id: &str| by_id.get(id).map(|d| std::borrow::Cow::Borrowed(*d));
    load_with(files, &lookup, &|id| by_id.get(id).map(|d| d.blocks.len()))
}

/// A document by id, borrowed or read on demand.
pub type DocumentOf<'a> = dyn Fn(&str) -> Option<std::borrow::Cow<'a, Document>> + 'a;

/// [`load`] against a corpus known by how many blocks each document id has, and whose bodies
/// are read only for the few references that quote a document's text (the corpus cache).
pub fn load_with<'a>(
    files: &[(PathBuf, String)],
    document: &DocumentOf<'a>,
    blocks_of: &dyn Fn(&str) -> Option<usize>,
) -> (Registry, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    let mut known = KnownIds::default();
    for (path, text) in files {
        match parse(path, text) {
            Ok(reg) => {
                for (i, inst) in reg.instruments.iter().enumerate() {
                    if !known.instruments.insert(inst.id.clone()) {
                        let line = line_of_table(text, "instrument", i);
                        problems.push(Problem::new(
                            path,
                            line,
                            format!("duplicate instrument id '{}'", inst.id),
                        ));
                    }
                }
                for (i, e) in reg.entities.iter().enumerate() {
                    if !known.entities.insert(e.id.clone()) {
                        let line = line_of_table(text, "entity", i);
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
        problems.extend(validate(path, text, &mut reg, document, blocks_of, &known));
        registry.instruments.extend(reg.instruments);
        registry.entities.extend(reg.entities);
    }
    (registry, problems)
}

/// The references of an instrument checked against the corpus, but its descriptions'.
fn sources(inst: &super::Instrument) -> impl Iterator<Item = &SourceRef> {
    inst.text
        .iter()
        .chain(inst.parties.iter().map(|p| &p.source))
        .chain(inst.dates.iter().map(|d| &d.source))
        .chain(inst.relations.iter().map(|r| &r.source))
}

/// Parses one registry file.
fn parse(path: &Path, text: &str) -> Result<Registry, Problem> {
    toml::from_str(text).map_err(|e| Problem::from_toml(path, text, &e))
}

/// Checks one file's entries against the documents and the ids seen so far; entries with a
/// broken reference are removed and reported.
fn validate(
    path: &Path,
    text: &str,
    registry: &mut Registry,
    document: &DocumentOf<'_>,
    blocks_of: &dyn Fn(&str) -> Option<usize>,
    known: &KnownIds,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let check =
        |r: &SourceRef, needle: &str, problems: &mut Vec<Problem>, entry_line: usize| -> bool {
            let msg = match blocks_of(&r.doc) {
                None => format!("'{r}' names no document of the corpus"),
                Some(n) if !r.block.is_within(n) => {
                    format!("'{r}': the document has {n} blocks")
                }
                Some(_) => return true,
            };
            problems.push(Problem::new(
                path,
                line_after(text, entry_line, needle),
                msg,
            ));
            false
        };
    let mut keep = Vec::new();
    for (i, inst) in registry.instruments.iter().enumerate() {
        let line = line_of_table(text, "instrument", i);
        let mut ok = true;
        for r in sources(inst) {
            ok &= check(r, &r.to_string(), &mut problems, line);
        }
        for rel in &inst.relations {
            if !known.instruments.contains(&rel.target) {
                problems.push(Problem::new(
                    path,
                    line_after(text, line, &rel.target),
                    format!(
                        "relation target '{}' is not an instrument of the registry",
                        rel.target
                    ),
                ));
                ok = false;
            }
        }
        for desc in &inst.descriptions {
            if check(&desc.at, &desc.at.to_string(), &mut problems, line) {
                let doc = document(&desc.at.doc);
                let block = doc.as_deref().and_then(|d| d.block(desc.at.block));
                if !block.is_some_and(|b| b.text.0.values().any(|t| t.contains(&desc.text))) {
                    problems.push(Problem::new(
                        path,
                        line_after(text, line, &desc.text),
                        format!("'{}' does not stand in {}", desc.text, desc.at),
                    ));
                    ok = false;
                }
            } else {
                ok = false;
            }
        }
        if inst.names.values().all(Vec::is_empty) && inst.descriptions.is_empty() {
            problems.push(Problem::new(
                path,
                line,
                format!(
                    "instrument '{}' has no names and no descriptions: nothing can link to it",
                    inst.id
                ),
            ));
        }
        keep.push(ok);
    }
    let mut keep_iter = keep.into_iter();
    registry
        .instruments
        .retain(|_| keep_iter.next().unwrap_or(false));

    let mut keep = Vec::new();
    for (i, entity) in registry.entities.iter().enumerate() {
        let line = line_of_table(text, "entity", i);
        let mut ok = true;
        for fact in &entity.facts {
            ok &= check(&fact.source, &fact.source.to_string(), &mut problems, line);
        }
        keep.push(ok);
    }
    let mut keep_iter = keep.into_iter();
    registry
        .entities
        .retain(|_| keep_iter.next().unwrap_or(false));
    problems
}

/// Ids of every instrument and entity across the registry files, for relation targets and
/// duplicate checks.
#[derive(Default)]
struct KnownIds {
    instruments: HashSet<String>,
    entities: HashSet<String>,
}
