//! Writing the cache back: what changed is parsed, the registry validated again when it must
//! be, the new blobs written as one pack and the table replaced atomically.

#[allow(unused_imports)]
use super::*;
use crate::corpus::target_index::{self, DocTargets, Written};

/// Parses what changed, validates the registry again when the documents or its files changed,
/// finds the mentions that may have changed, writes the new blobs as one pack and the new
/// table, and returns the files (all `Cached` now) and the table.
#[allow(clippy::too_many_arguments)]
pub(super) fn rewrite(
    cache: &Path,
    old: Option<&Before>,
    mut files: Vec<FileState>,
    registry_files: &[(PathBuf, String)],
    mut registry_problems: Vec<Problem>,
    registry_crc: u32,
    docs_mtime_ns: Option<u64>,
    packs: &Packs,
) -> std::io::Result<(Vec<FileState>, Table, Written)> {
    // The documents of the corpus as the duplicate check keeps them: id → blocks.
    let heads_of = |files: &[FileState]| -> Vec<(String, usize)> {
        let mut seen = HashSet::new();
        files
            .iter()
            .filter_map(|f| match &f.fresh {
                Fresh::Cached(Outcome::Parsed { head, .. }) => Some((head.id.clone(), head.blocks)),
                Fresh::New { doc, .. } => Some((doc.id.clone(), doc.blocks.len())),
                _ => None,
            })
            .filter(|(id, _)| seen.insert(id.clone()))
            .collect()
    };
    let old_registry: Option<Registry> = old
        .and_then(|t| t.registry)
        .and_then(|b| packs.read(b).ok())
        .and_then(|b| ciborium::from_reader(b.as_slice()).ok());
    let same_inputs = old.is_some_and(|t| {
        t.registry_crc == registry_crc
            && t.heads
                == heads_digest(files.iter().filter_map(|f| match &f.fresh {
                    Fresh::Cached(Outcome::Parsed { head, .. }) => {
                        Some((head.id.as_str(), head.blocks))
                    }
                    Fresh::New { doc, .. } => Some((doc.id.as_str(), doc.blocks.len())),
                    _ => None,
                }))
    }) && old_registry.is_some();
    let (registry, problems) = match (&old_registry, same_inputs) {
        (Some(r), true) => (
            r.clone(),
            old.map(|t| t.registry_problems.clone()).unwrap_or_default(),
        ),
        _ => {
            let now = heads_of(&files);
            let blocks: HashMap<&str, usize> = now.iter().map(|(i, b)| (i.as_str(), *b)).collect();
            let mut by_id: HashMap<&str, &Fresh> = HashMap::new();
            for f in &files {
                let id = match &f.fresh {
                    Fresh::Cached(Outcome::Parsed { head, .. }) => head.id.as_str(),
                    Fresh::New { doc, .. } => doc.id.as_str(),
                    _ => continue,
                };
                by_id.entry(id).or_insert(&f.fresh);
            }
            // Bodies only for the references that quote a document's text.
            let document = |id: &str| -> Option<std::borrow::Cow<'_, Document>> {
                match by_id.get(id)? {
                    Fresh::New { doc, .. } => Some(std::borrow::Cow::Borrowed(&**doc)),
                    Fresh::Cached(Outcome::Parsed { body, .. }) => packs
                        .read(*body)
                        .ok()
                        .and_then(|b| ciborium::from_reader(b.as_slice()).ok())
                        .map(std::borrow::Cow::Owned),
                    _ => None,
                }
            };
            let (registry, more) =
                crate::refs::load_with(registry_files, &document, &|id| blocks.get(id).copied());
            registry_problems.extend(more);
            let problems = registry_problems
                .into_iter()
                .map(|p| (p.file, p.line, p.message))
                .collect();
            (registry, problems)
        }
    };
    let registry_changed = old_registry.as_ref() != Some(&registry);
    let matcher = crate::refs::mentions::Matcher::new(&registry);
    crate::diag::timing("registry validated");

    let mut pack = PackWriter::default();
    // Every blob of the new table: (file, body or new blob, mentions or new blob).
    enum Place {
        Old(Blob),
        New(usize),
    }
    type Placed = (Head, Place, Place, Option<(usize, String)>);
    // The targets of the mentions found now, by their blob's number in the new pack.
    let mut found_targets: Vec<(usize, DocTargets)> = Vec::new();
    // The mentions and registry blobs a compaction copies, by their number in the new pack:
    // (new, old).
    let mut moved: Vec<(usize, Blob)> = Vec::new();
    let mut places: Vec<Option<Placed>> = Vec::new();
    let mut old_bodies: Option<HashMap<u64, Vec<u8>>> = None;
    let referenced = |files: &[FileState]| -> HashSet<u64> {
        files
            .iter()
            .filter_map(|f| match &f.fresh {
                Fresh::Cached(Outcome::Parsed { body, mentions, .. }) => {
                    Some([body.pack, mentions.pack])
                }
                _ => None,
            })
            .flatten()
            .collect()
    };
    let compact = referenced(&files).len() >= MAX_PACKS;
    if registry_changed || compact {
        old_bodies = Some(packs.read_all(referenced(&files)));
    }
    if compact {
        crate::trace!("corpus packs compacted");
    }
    // What a parsed document puts in the pack, encoded on every core (a first build encodes
    // and scans them all).
    let mut encoded: Vec<Option<Encoded>> = files
        .par_iter()
        .map(|f| match &f.fresh {
            Fresh::New { doc, .. } => {
                let mut body = Vec::new();
                let _ = ciborium::into_writer(&**doc, &mut body);
                let found = crate::refs::mentions::find_in_document(doc, &registry, &matcher);
                let mut m = Vec::new();
                let _ = ciborium::into_writer(&found, &mut m);
                Some((Head::of(doc), body, m, target_index::of_found(&found)))
            }
            _ => None,
        })
        .collect();
    crate::diag::timing("bodies encoded, mentions found");
    for (f, encoded) in files.iter_mut().zip(encoded.iter_mut()) {
        // The heads move into the table and come back below: 100,000 of them are not cloned.
        let taken = match &mut f.fresh {
            Fresh::Cached(Outcome::Parsed { .. }) | Fresh::New { .. } => {
                std::mem::replace(&mut f.fresh, Fresh::Unreadable(String::new()))
            }
            _ => {
                places.push(None);
                continue;
            }
        };
        let place = match taken {
            Fresh::New { raw_missing, .. } => encoded.take().map(|(head, body, m, targets)| {
                let mentions = pack.push(m);
                found_targets.push((mentions, targets));
                (
                    head,
                    Place::New(pack.push(body)),
                    Place::New(mentions),
                    raw_missing,
                )
            }),
            Fresh::Cached(Outcome::Parsed {
                head,
                body,
                mentions,
                raw_missing,
            }) => match &old_bodies {
                None => Some((head, Place::Old(body), Place::Old(mentions), raw_missing)),
                Some(whole) => {
                    let bytes = whole
                        .get(&body.pack)
                        .ok_or_else(|| "a pack is missing".to_string())
                        .and_then(|p| file::slice(p, body).map(<[u8]>::to_vec));
                    let bytes = bytes.map_err(damaged)?;
                    let mentions = if registry_changed {
                        let doc: Document = ciborium::from_reader(bytes.as_slice())
                            .map_err(|e| damaged(e.to_string()))?;
                        let found: Vec<Found> =
                            crate::refs::mentions::find_in_document(&doc, &registry, &matcher);
                        let mut m = Vec::new();
                        let _ = ciborium::into_writer(&found, &mut m);
                        let at = pack.push(m);
                        found_targets.push((at, target_index::of_found(&found)));
                        Place::New(at)
                    } else if compact {
                        let m = whole
                            .get(&mentions.pack)
                            .ok_or_else(|| "a pack is missing".to_string())
                            .and_then(|p| file::slice(p, mentions).map(<[u8]>::to_vec))
                            .map_err(damaged)?;
                        let at = pack.push(m);
                        moved.push((at, mentions));
                        Place::New(at)
                    } else {
                        Place::Old(mentions)
                    };
                    let body = if compact {
                        Place::New(pack.push(bytes))
                    } else {
                        Place::Old(body)
                    };
                    Some((head, body, mentions, raw_missing))
                }
            },
            _ => None,
        };
        places.push(place);
    }
    let registry_place = if registry_changed || compact || old.and_then(|t| t.registry).is_none() {
        let mut bytes = Vec::new();
        let _ = ciborium::into_writer(&registry, &mut bytes);
        let at = pack.push(bytes);
        // The same registry, only copied: the target index made with the old blob holds.
        if !registry_changed && let Some(before) = old.and_then(|t| t.registry) {
            moved.push((at, before));
        }
        Some(Place::New(at))
    } else {
        old.and_then(|t| t.registry).map(Place::Old)
    };
    let number = if pack.blobs.is_empty() {
        0
    } else {
        packs.write(&pack)?
    };
    crate::diag::timing("pack written");
    let resolve = |p: &Place| match p {
        Place::Old(b) => *b,
        Place::New(i) => pack.blob(number, *i),
    };
    let written_targets = Written {
        found: (found_targets.into_iter())
            .map(|(at, targets)| (pack.blob(number, at), targets))
            .collect(),
        moved: (moved.into_iter())
            .map(|(at, old)| (pack.blob(number, at), old))
            .collect(),
    };
    let mut entries = Vec::with_capacity(files.len());
    // Which file each entry is of, to give the outcomes back once the table is written.
    let mut owners = Vec::with_capacity(files.len());
    for (i, (f, place)) in files.iter_mut().zip(places).enumerate() {
        let outcome = match (&f.fresh, place) {
            (_, Some((head, body, mentions, raw_missing))) => Outcome::Parsed {
                head,
                body: resolve(&body),
                mentions: resolve(&mentions),
                raw_missing,
            },
            (Fresh::Failed { line, message }, _)
            | (Fresh::Cached(Outcome::Failed { line, message }), _) => Outcome::Failed {
                line: *line,
                message: message.clone(),
            },
            _ => continue,
        };
        owners.push(i);
        entries.push(Entry {
            name: f.name.clone(),
            size: f.size,
            mtime_ns: f.mtime_ns,
            ino: f.ino,
            crc: f.crc,
            outcome,
        });
    }
    let written_ns = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let table = Table {
        written_ns,
        docs_mtime_ns,
        registry_crc,
        registry: registry_place.as_ref().map(resolve),
        registry_problems: problems,
        entries,
    };
    let written = file::write_atomically(cache, &file::encode_table(&table));
    let mut table = table;
    for (i, entry) in owners.into_iter().zip(table.entries.drain(..)) {
        files[i].fresh = Fresh::Cached(entry.outcome);
    }
    written?;
    let mut keep: HashSet<u64> = referenced(&files);
    keep.extend(table.registry.map(|b| b.pack));
    packs.remove_unused(&keep);
    // Unreadable files have no entry: they are read again next time, and reported now.
    Ok((files, table, written_targets))
}

/// An old blob that cannot be read back: the cache is damaged, not unwritable.
fn damaged(why: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, why)
}

/// A parsed document's head, the bytes of its body and mentions blobs, and the targets of
/// its mentions.
type Encoded = (Head, Vec<u8>, Vec<u8>, DocTargets);

/// Reads a file whose size and mtime cannot be trusted: its CRC, and what it now is, or `None`
/// when it is unchanged since `old` (touched, not changed).
pub(super) fn read_file(
    dir: &Path,
    path: &Path,
    size: u64,
    old: Option<&Entry>,
) -> (u32, Option<Fresh>) {
    let text = match crate::files::read_text(path, crate::files::limits::DOCUMENT) {
        Ok(text) => text,
        Err(e) => return (0, Some(Fresh::Unreadable(e.to_string()))),
    };
    let crc = crc32fast::hash(text.as_bytes());
    if old.is_some_and(|e| e.crc == crc && e.size == size) {
        return (crc, None);
    }
    let fresh = match format::parse(path, &text) {
        Ok(doc) => Fresh::New {
            raw_missing: (!dir.join(&doc.source.raw).is_file()).then(|| {
                (
                    crate::diag::line_of_key(&text, "raw"),
                    doc.source.raw.clone(),
                )
            }),
            doc: Box::new(doc),
        },
        Err(p) => Fresh::Failed {
            line: p.line,
            message: p.message,
        },
    };
    (crc, Some(fresh))
}
