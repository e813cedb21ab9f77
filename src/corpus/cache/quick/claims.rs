//! Which changed file is the document of its id, the problems the changed files bring, and
//! whether the registry must be validated again: what the full refresh decides with every
//! entry of the table, decided here from the snapshot's id map and problems, or left to the
//! full refresh (`None`) where they cannot tell.

use super::super::assemble::{duplicate, duplicate_message, missing_raw};
use super::super::{Fresh, rewrite::read_file};
use super::Change;
use crate::corpus::Problem;
use crate::corpus::cache_file::Blob;
use crate::corpus::cache_file::Packs;
use crate::corpus::catalog::Head;
use crate::corpus::snapshot::{Snapshot, overlay};
use crate::model::Document;
use crate::refs::Registry;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A changed file as it is now.
pub(super) enum Now {
    Gone,
    Parsed {
        head: Box<Head>,
        raw_missing: Option<(usize, String)>,
        /// The blobs it had when it was touched, not changed; else its document, to encode.
        kept: Option<(Blob, Blob)>,
        doc: Option<Box<Document>>,
    },
    Failed {
        line: usize,
        message: String,
    },
}

/// What changed file `c` (of `size` bytes now) is: parsed, or failed with its line; `None`
/// when it cannot be read (the full refresh reports it).
pub(super) fn read_now(
    dir: &Path,
    docs_dir: &Path,
    snap: &Snapshot,
    c: &Change,
    size: u64,
) -> Option<(u32, Now)> {
    let (crc, fresh) = read_file(dir, &docs_dir.join(&c.name), size, None);
    let now = match fresh? {
        Fresh::New { doc, raw_missing } => {
            // Touched, not changed: the blobs it had.
            let kept = c
                .old
                .as_ref()
                .filter(|o| o.crc == crc && o.size == size)
                .and_then(|o| snap.record(snap.position(o.id.as_deref()?)?).ok());
            match kept {
                Some(r) => Now::Parsed {
                    head: Box::new(r.head),
                    raw_missing,
                    kept: Some((r.body, r.mentions)),
                    doc: None,
                },
                None => Now::Parsed {
                    head: Box::new(Head::of(&doc)),
                    raw_missing,
                    kept: None,
                    doc: Some(doc),
                },
            }
        }
        Fresh::Failed { line, message } => Now::Failed { line, message },
        Fresh::Cached(_) | Fresh::Unreadable(_) => return None,
    };
    Some((crc, now))
}

/// What [`settle`] decided.
pub(super) struct Settled {
    /// Per change: whether it is now the document of its id (a parsed file that is not is a
    /// duplicate).
    pub(super) document: Vec<bool>,
    /// Every problem of the catalog now, in [`super::super::assemble`]'s order.
    pub(super) problems: Vec<overlay::Problem>,
    /// (id, blocks, index hash) of the catalog's documents the changed files were, and are.
    pub(super) old_docs: Vec<(String, usize, u64)>,
    pub(super) new_docs: Vec<(String, usize, u64)>,
}

/// The registry as the refresh read it, and where the snapshot's blobs are.
pub(super) struct RegistryNow<'a> {
    /// Its files (path, text).
    pub(super) files: &'a [(PathBuf, String)],
    /// The problems of reading them (before any is parsed).
    pub(super) read_problems: &'a [Problem],
    pub(super) packs: &'a Packs,
}

/// Decides what the full refresh would of the changed files (`changes` sorted by name, each
/// with what it is now), or `None` where only the table can.
pub(super) fn settle(
    snap: &Snapshot,
    docs_dir: &Path,
    changes: &[Change],
    nows: &[Now],
    registry: &RegistryNow<'_>,
) -> Option<Settled> {
    let old_ids: HashSet<&str> = changes
        .iter()
        .filter_map(|c| c.old.as_ref()?.id.as_deref())
        .collect();
    let changed: HashSet<PathBuf> = changes.iter().map(|c| docs_dir.join(&c.name)).collect();
    let before = snap.problems();
    // A document gone or replaced whose id an unchanged file has too: that file (the next by
    // name) takes its place, and only the table holds its entry.
    for id in &old_ids {
        let message = duplicate_message(id);
        if before
            .iter()
            .any(|p| p.message == message && !changed.contains(&p.file))
        {
            return None;
        }
    }
    let mut claimed: HashSet<&str> = HashSet::new();
    let mut document = vec![false; changes.len()];
    let mut found: Vec<Problem> = Vec::new();
    for (i, (c, now)) in changes.iter().zip(nows).enumerate() {
        let path = docs_dir.join(&c.name);
        match now {
            Now::Gone => {}
            Now::Failed { line, message } => found.push(Problem::new(&path, *line, message)),
            Now::Parsed {
                head, raw_missing, ..
            } => {
                let id = head.id.as_str();
                found.extend(
                    raw_missing
                        .as_ref()
                        .map(|(line, raw)| missing_raw(&path, *line, raw)),
                );
                let holder = match old_ids.contains(id) {
                    true => None,
                    false => snap.position(id),
                };
                if let Some(at) = holder {
                    // The first file of an id by name wins: a new file before the document's
                    // would take its place and make it the duplicate, an entry of the table.
                    if c.name < snap.record(at).ok()?.name {
                        return None;
                    }
                    found.push(duplicate(&path, id));
                } else if claimed.insert(id) {
                    document[i] = true;
                } else {
                    found.push(duplicate(&path, id));
                }
            }
        }
    }
    let old_docs: Vec<(String, usize, u64)> = old_ids
        .iter()
        .map(|id| {
            let h = snap.record(snap.position(id)?).ok()?.head;
            Some((h.id, h.blocks, h.index_hash))
        })
        .collect::<Option<_>>()?;
    let new_docs: Vec<(String, usize, u64)> = nows
        .iter()
        .zip(&document)
        .filter_map(|(now, &doc)| match now {
            Now::Parsed { head, .. } if doc => {
                Some((head.id.clone(), head.blocks, head.index_hash))
            }
            _ => None,
        })
        .collect();
    // The registry's problems first, then the files' in name order, as a full load has them.
    let (registry_problems, files): (Vec<Problem>, Vec<Problem>) = before
        .into_iter()
        .filter(|p| !changed.contains(&p.file))
        .partition(|p| p.file.parent() != Some(docs_dir));
    if !same_heads(changes, nows, &document, &old_docs, &new_docs) {
        // The full refresh validates the registry again (against every document's blocks and
        // the described ones' text, the journal's edits included): so here, through the id
        // map. What it keeps and reports must stay as it is; else every document's mentions
        // are found again, the full refresh's work.
        let (kept, reported) = validate(snap, registry, nows, &document, &old_ids)?;
        let stored: Registry =
            ciborium::from_reader(registry.packs.read(snap.registry()?).ok()?.as_slice()).ok()?;
        let reported: Vec<Problem> = registry
            .read_problems
            .iter()
            .cloned()
            .chain(reported)
            .collect();
        if kept != stored || reported != registry_problems {
            return None;
        }
    }
    let mut files: Vec<Problem> = files.into_iter().chain(found).collect();
    files.sort_by(|a, b| a.file.cmp(&b.file));
    let problems = registry_problems
        .into_iter()
        .chain(files)
        .map(|p| (p.file, p.line, p.message))
        .collect();
    Some(Settled {
        document,
        problems,
        old_docs,
        new_docs,
    })
}

/// The registry validated against the catalog with the changed files in it: each document's
/// blocks from the snapshot's id map or the changed file, a described one's body from its blob.
fn validate(
    snap: &Snapshot,
    registry: &RegistryNow<'_>,
    nows: &[Now],
    document: &[bool],
    old_ids: &HashSet<&str>,
) -> Option<(Registry, Vec<Problem>)> {
    let claimed: HashMap<&str, &Now> = nows
        .iter()
        .zip(document)
        .filter_map(|(n, &doc)| match n {
            Now::Parsed { head, .. } if doc => Some((head.id.as_str(), n)),
            _ => None,
        })
        .collect();
    let packs = registry.packs;
    let decode = |blob: Blob| -> Option<Document> {
        ciborium::from_reader(packs.read(blob).ok()?.as_slice()).ok()
    };
    let blocks_of = |id: &str| match claimed.get(id) {
        Some(Now::Parsed { head, .. }) => Some(head.blocks),
        Some(_) => None,
        None if old_ids.contains(id) => None,
        None => Some(snap.record(snap.position(id)?).ok()?.head.blocks),
    };
    let document_of = |id: &str| -> Option<Cow<'_, Document>> {
        match claimed.get(id) {
            Some(Now::Parsed { doc: Some(doc), .. }) => Some(Cow::Borrowed(&**doc)),
            Some(Now::Parsed {
                kept: Some((body, _)),
                ..
            }) => decode(*body).map(Cow::Owned),
            Some(_) => None,
            None if old_ids.contains(id) => None,
            None => decode(snap.record(snap.position(id)?).ok()?.body).map(Cow::Owned),
        }
    };
    Some(crate::refs::load_with(
        registry.files,
        &document_of,
        &blocks_of,
    ))
}

/// Whether the changed files leave every (id, blocks) of the table as it was, duplicates
/// included (what the full refresh compares before it validates the registry again); false
/// also where the listing cannot tell (a file that was a problem).
fn same_heads(
    changes: &[Change],
    nows: &[Now],
    document: &[bool],
    old_docs: &[(String, usize, u64)],
    new_docs: &[(String, usize, u64)],
) -> bool {
    fn shape(v: &[(String, usize, u64)]) -> Vec<(&str, usize)> {
        let mut s: Vec<(&str, usize)> = v.iter().map(|(i, b, _)| (i.as_str(), *b)).collect();
        s.sort();
        s
    }
    changes
        .iter()
        .all(|c| c.old.as_ref().is_some_and(|r| r.id.is_some()))
        && nows
            .iter()
            .zip(document)
            .all(|(n, &doc)| doc || matches!(n, Now::Gone))
        && shape(old_docs) == shape(new_docs)
}
