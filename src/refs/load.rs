//! Reads the registry files and checks every reference against the corpus, reporting each
//! problem as `file:line: message`. A file that does not parse is skipped whole; a bad entry
//! is reported and left out, and the rest of the registry still loads.

use super::registry::{Registry, SourceRef};
use crate::corpus::Problem;
use crate::corpus::format::{line_at, line_of_table};
use crate::model::Document;
use std::collections::HashSet;
use std::path::Path;

/// Parses one registry file.
pub fn parse(path: &Path, text: &str) -> Result<Registry, Problem> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |s| line_at(text, s.start));
        Problem::new(path, line, e.message().trim().to_string())
    })
}

/// Checks one file's entries against the documents and the ids seen so far; entries with a
/// broken reference are removed and reported.
pub fn validate(
    path: &Path,
    text: &str,
    registry: &mut Registry,
    documents: &[Document],
    known: &KnownIds,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let check =
        |r: &SourceRef, needle: &str, problems: &mut Vec<Problem>, entry_line: usize| -> bool {
            let msg = match documents.iter().find(|d| d.id == r.doc) {
                None => format!("'{r}' names no document of the corpus"),
                Some(d) if d.block(r.block).is_none() => {
                    format!("'{r}': the document has {} blocks", d.blocks.len())
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
        for r in inst
            .text
            .iter()
            .chain(inst.parties.iter().map(|p| &p.source))
            .chain(inst.dates.iter().map(|d| &d.source))
            .chain(inst.relations.iter().map(|r| &r.source))
        {
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
                let block = documents
                    .iter()
                    .find(|d| d.id == desc.at.doc)
                    .and_then(|d| d.block(desc.at.block));
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
pub struct KnownIds {
    pub instruments: HashSet<String>,
    pub entities: HashSet<String>,
}

/// The line, at or after `from`, that holds `needle`; `from` if none does.
fn line_after(text: &str, from: usize, needle: &str) -> usize {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map_or(from, |(i, _)| i + 1)
}
