//! The catalog made from a refresh's files: problems gathered, the first file of each id
//! kept, the documents put in date order. Apart from the refresh itself because it only
//! reads what the refresh decided.

use super::{FileState, Fresh};
use crate::corpus::Problem;
use crate::corpus::cache_file::{Blob, Outcome, Packs};
use crate::corpus::catalog::{Catalog, Head, head_order};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The catalog of `files` (all `Cached` by now), in date order; the first file of an id wins.
pub(super) fn assemble(
    dir: &Path,
    files: Vec<FileState>,
    registry: Option<Blob>,
    registry_problems: &[(PathBuf, usize, String)],
    packs: Packs,
) -> Catalog {
    let mut problems: Vec<Problem> = registry_problems
        .iter()
        .map(|(p, l, m)| Problem::new(p, *l, m.clone()))
        .collect();
    // Which files are the first of their id (borrowed ids: none is cloned).
    let first: Vec<bool> = {
        let mut seen: HashSet<&str> = HashSet::with_capacity(files.len());
        files
            .iter()
            .map(|f| match &f.fresh {
                Fresh::Cached(Outcome::Parsed { head, .. }) => seen.insert(head.id.as_str()),
                _ => false,
            })
            .collect()
    };
    let mut docs: Vec<(Head, Blob, Blob, PathBuf)> = Vec::with_capacity(files.len());
    for (f, first) in files.into_iter().zip(first) {
        match f.fresh {
            Fresh::Unreadable(e) => problems.push(Problem::new(&f.path, 0, e)),
            Fresh::Failed { line, message } | Fresh::Cached(Outcome::Failed { line, message }) => {
                problems.push(Problem::new(&f.path, line, message))
            }
            Fresh::New { .. } => {}
            Fresh::Cached(Outcome::Parsed {
                head,
                body,
                mentions,
                raw_missing,
            }) => {
                problems.extend(raw_missing.map(|(line, raw)| missing_raw(&f.path, line, &raw)));
                if !first {
                    problems.push(duplicate(&f.path, &head.id));
                    continue;
                }
                docs.push((head, body, mentions, f.path));
            }
        }
    }
    // Sorted by position, not by moving the documents about; ids are unique by now.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.par_sort_unstable_by(|&a, &b| head_order(&docs[a].0, &docs[b].0));
    let mut slots: Vec<Option<(Head, Blob, Blob, PathBuf)>> = docs.into_iter().map(Some).collect();
    let mut heads = Vec::with_capacity(order.len());
    let mut bodies = Vec::with_capacity(order.len());
    let mut mentions = Vec::with_capacity(order.len());
    let mut paths = Vec::with_capacity(order.len());
    for (h, b, m, p) in order.into_iter().filter_map(|i| slots[i].take()) {
        heads.push(h);
        bodies.push(b);
        mentions.push(m);
        paths.push(p);
    }
    Catalog::from_cache(
        dir.to_path_buf(),
        heads,
        problems,
        packs,
        bodies,
        mentions,
        paths,
        registry,
    )
}

/// The problem of a document whose raw source file is not in the corpus.
pub(super) fn missing_raw(path: &Path, line: usize, raw: &str) -> Problem {
    Problem::new(
        path,
        line,
        format!("raw source '{raw}' not found in the corpus"),
    )
}

/// The problem of a file whose id an earlier file (by name) holds.
pub(super) fn duplicate(path: &Path, id: &str) -> Problem {
    Problem::new(path, 1, duplicate_message(id))
}

/// What [`duplicate`] says: also how the quick refresh finds the files that would take the
/// place of a document deleted.
pub(super) fn duplicate_message(id: &str) -> String {
    format!("duplicate id '{id}' (already used by another file)")
}
