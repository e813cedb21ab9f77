//! The quick refresh: a few files changed, added or deleted since the snapshot, and the
//! catalog is brought up to date by the journal alone — the listing compared with the
//! directory, the changed files parsed, their blobs written as a pack and the journal written
//! again — without reading or writing the 32 MB table or the 33 MB snapshot. What the full
//! refresh decides from every entry (which file is the document of an id, the problems, the
//! registry's validation) is decided in [`claims`] from the snapshot's id map and problems;
//! what they cannot decide (a file that cannot be read, a document the registry names come or
//! gone, a new file taking an id's place, too many changes) is left to the full refresh.

use super::file::{self, Entry, Outcome, PackWriter, Packs};
use super::freshness::{self, Freshness};
use super::journal::{self, Journal, Listing, Row};
use super::{Catalog, Refresh};
use crate::corpus::cache_file::Blob;
use claims::{Now, RegistryNow, Settled, read_now};

mod claims;
use crate::corpus::snapshot::{self, Snapshot};
use crate::model::Document;
use crate::refs::Registry;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// What the caller of the quick refresh knows already.
pub(super) struct Inputs<'a> {
    pub(super) dir: &'a Path,
    pub(super) cache: &'a Path,
    pub(super) docs_mtime: Option<u64>,
    pub(super) registry_crc: u32,
    pub(super) mode: Freshness,
    /// Every file stat'ed, when a full check did it already.
    pub(super) stats: Option<&'a [freshness::Stat]>,
    /// The registry's files (path, text), which name the documents it refers to, and the
    /// problems of reading them.
    pub(super) registry_files: &'a [(std::path::PathBuf, String)],
    pub(super) registry_problems: &'a [crate::corpus::Problem],
}

/// What [`open`] found.
pub(super) enum Opened {
    /// The snapshot (and its journal) answered, brought up to date if need be.
    Done(Box<Catalog>, Refresh),
    /// The table must: with the stats of every file when they were taken, and the notice of
    /// a damaged snapshot.
    Table {
        stats: Option<Vec<freshness::Stat>>,
        notice: Option<String>,
    },
}

/// Opens the catalog from the snapshot with its journal laid over it when they describe the
/// files as they are, else brings them up to date by the journal when it can.
pub(super) fn open(
    inputs: Inputs<'_>,
    mode_for: &dyn Fn(usize) -> Freshness,
    journal: Option<&Journal>,
) -> std::io::Result<Opened> {
    let table = |stats, notice| Ok(Opened::Table { stats, notice });
    let snap = match snapshot::read(&super::snapshot_file(inputs.cache)) {
        Ok(Some(snap)) => snap,
        Ok(None) => return table(None, None),
        Err(why) => {
            return table(
                None,
                Some(format!(
                    "the corpus cache was damaged ({why}); rebuilding it"
                )),
            );
        }
    };
    let journal = journal
        .filter(|j| j.base == snap.base_key().written_ns)
        .cloned();
    let snap = match &journal {
        None => snap,
        Some(j) => match snap.lay(j.layer()) {
            Ok(snap) => snap,
            Err(why) => {
                // It does not fit its snapshot: the table answers, every file checked.
                let _ = std::fs::remove_file(journal::journal_file(inputs.cache));
                return table(
                    None,
                    Some(format!(
                        "the corpus cache was damaged ({why}); rebuilding it"
                    )),
                );
            }
        },
    };
    let key = snap.key();
    let mode = mode_for(snap.len() + snap.problem_count());
    let mut stats = None;
    let current = key.registry_crc == inputs.registry_crc
        && match mode {
            Freshness::Directory | Freshness::Auto => {
                inputs.docs_mtime.is_some() && key.docs_mtime_ns == inputs.docs_mtime
            }
            Freshness::Full => {
                let all = super::stat_all(&inputs.dir.join("documents"))?;
                let same = key.stats
                    == snapshot::stats_digest(
                        all.iter().map(|s| (s.name.as_str(), s.size, s.mtime_ns)),
                    )
                    && all
                        .iter()
                        .all(|s| s.mtime_ns.saturating_add(file::RACY_NS) < key.written_ns);
                stats = Some(all);
                same
            }
        };
    crate::diag::timing("snapshot read");
    if current {
        let catalog =
            Catalog::from_snapshot(inputs.dir.to_path_buf(), snap, inputs.cache.to_path_buf());
        return Ok(Opened::Done(Box::new(catalog), Refresh::default()));
    }
    let inputs = Inputs {
        mode,
        stats: stats.as_deref(),
        ..inputs
    };
    match refresh(inputs, snap, journal) {
        Some((catalog, r)) => Ok(Opened::Done(Box::new(catalog), r)),
        None => table(stats, None),
    }
}

/// One file whose state differs from the listing's.
struct Change {
    name: String,
    old: Option<Row>,
    /// Its stats now, `None` when it is gone.
    now: Option<(u64, u64, u64)>,
}

/// Brings the catalog of `snap` (the file's snapshot, with `journal` its journal when it is
/// one of its own) up to date; `None` when this must be left to the full refresh.
pub(super) fn refresh(
    inputs: Inputs<'_>,
    snap: Snapshot,
    journal: Option<Journal>,
) -> Option<(Catalog, Refresh)> {
    let Inputs {
        dir,
        cache,
        docs_mtime,
        registry_crc,
        mode,
        stats,
        registry_files,
        registry_problems,
    } = inputs;
    let base = snap.base_key().written_ns;
    let journal = journal.unwrap_or_else(|| Journal {
        base,
        key: snap.base_key().clone(),
        index_sums: snap.index_sums(),
        removed: Vec::new(),
        changes: Vec::new(),
        duplicates: Vec::new(),
        problems: snap
            .problems()
            .into_iter()
            .map(|p| (p.file, p.line, p.message))
            .collect(),
    });
    if journal.key.registry_crc != registry_crc {
        return None;
    }
    let listing = journal::read_listing(&journal::listing_file(cache)).ok()??;
    if listing.base != base {
        return None;
    }
    let rows = rows_now(listing, &journal);
    crate::diag::timing("listing read");
    let docs_dir = dir.join("documents");
    let written = journal.key.written_ns;
    let racy = |mtime: u64| mtime.saturating_add(file::RACY_NS) >= written;
    let mut changes = Vec::new();
    let mut olds = rows.iter().peekable();
    let mut gone = |upto: Option<&str>,
                    olds: &mut std::iter::Peekable<std::slice::Iter<'_, Row>>| {
        while let Some(r) = olds.next_if(|r| upto.is_none_or(|n| r.name.as_str() < n)) {
            changes.push(Change {
                name: r.name.clone(),
                old: Some(r.clone()),
                now: None,
            });
        }
    };
    let mut seen = Vec::new();
    match (mode, stats) {
        (Freshness::Full, stats) => {
            let owned;
            let stats = match stats {
                Some(s) => s,
                None => {
                    owned = freshness::stat_documents(&docs_dir).ok()?;
                    &owned
                }
            };
            for st in stats {
                gone(Some(&st.name), &mut olds);
                let old = olds.next_if(|r| r.name == st.name);
                let trusted = old.is_some_and(|r| {
                    r.size == st.size && r.mtime_ns == st.mtime_ns && !racy(st.mtime_ns)
                });
                if !trusted || old.is_some_and(|r| r.ino != st.ino) {
                    seen.push((
                        st.name.clone(),
                        old.cloned(),
                        Some((st.size, st.mtime_ns, st.ino)),
                    ));
                }
            }
        }
        _ => {
            // The directory alone: a name that is new or names another inode is stat'ed.
            for (name, ino) in freshness::list_documents(&docs_dir).ok()? {
                gone(Some(&name), &mut olds);
                let old = olds.next_if(|r| r.name == name);
                if old.is_some_and(|r| r.ino == ino && !racy(r.mtime_ns)) {
                    continue;
                }
                // One that cannot be stat'ed is reported by the full refresh.
                let meta = std::fs::metadata(docs_dir.join(&name)).ok()?;
                let now = (meta.len(), freshness::mtime_ns(&meta), ino);
                seen.push((name, old.cloned(), Some(now)));
            }
        }
    }
    gone(None, &mut olds);
    changes.extend(
        seen.into_iter()
            .map(|(name, old, now)| Change { name, old, now }),
    );
    changes.sort_by(|a, b| a.name.cmp(&b.name));
    crate::diag::timing("directory compared");
    if changes.len() + journal.changes.len() > journal::capacity(rows.len()) {
        return None;
    }
    // What each changed file is now (one that cannot be read is the full refresh's to report).
    let mut crcs = Vec::with_capacity(changes.len());
    let mut nows = Vec::with_capacity(changes.len());
    for c in &changes {
        let (crc, now) = match c.now {
            None => (0, Now::Gone),
            Some((size, _, _)) => read_now(dir, &docs_dir, &snap, c, size)?,
        };
        crcs.push(crc);
        nows.push(now);
    }
    let packs = Packs::of(cache);
    let registry = RegistryNow {
        files: registry_files,
        read_problems: registry_problems,
        packs: &packs,
    };
    let Settled {
        document,
        problems,
        old_docs,
        new_docs,
    } = claims::settle(&snap, &docs_dir, &changes, &nows, &registry)?;
    let mut parsed = Vec::new();
    let mut duplicates: Vec<String> = journal
        .duplicates
        .iter()
        .filter(|n| {
            changes
                .binary_search_by(|c| c.name.as_str().cmp(n))
                .is_err()
        })
        .cloned()
        .collect();
    let mut new_entries: Vec<(String, Option<Entry>)> = Vec::with_capacity(changes.len());
    let mut docs: Vec<(usize, Box<Document>)> = Vec::new();
    for ((c, now), (crc, is_doc)) in changes.iter().zip(nows).zip(crcs.into_iter().zip(document)) {
        let Some((size, mtime_ns, ino)) = c.now else {
            new_entries.push((c.name.clone(), None));
            continue;
        };
        let outcome = match now {
            Now::Gone => continue,
            Now::Failed { line, message } => {
                parsed.push(c.name.clone());
                Outcome::Failed { line, message }
            }
            Now::Parsed {
                head,
                raw_missing,
                kept,
                doc,
            } => {
                if !is_doc {
                    duplicates.push(c.name.clone());
                }
                let (body, mentions) = match (kept, doc) {
                    (Some(blobs), _) => blobs,
                    (None, Some(doc)) => {
                        parsed.push(c.name.clone());
                        docs.push((new_entries.len(), doc));
                        // Filled in once the blobs are written.
                        (Blob::default(), Blob::default())
                    }
                    (None, None) => return None,
                };
                Outcome::Parsed {
                    head: *head,
                    body,
                    mentions,
                    raw_missing,
                }
            }
        };
        new_entries.push((
            c.name.clone(),
            Some(Entry {
                name: c.name.clone(),
                size,
                mtime_ns,
                ino,
                crc,
                outcome,
            }),
        ));
    }
    duplicates.sort();
    if !docs.is_empty() {
        write_blobs(&snap, &packs, docs, &mut new_entries)?;
    }
    let mut sums = journal.index_sums;
    for (id, _, hash) in &old_docs {
        let (a, b) = crate::fingerprint::pair_sums([(id.as_str(), *hash)]);
        sums = (sums.0.wrapping_sub(a), sums.1.wrapping_sub(b));
    }
    for (id, _, hash) in &new_docs {
        let (a, b) = crate::fingerprint::pair_sums([(id.as_str(), *hash)]);
        sums = (sums.0.wrapping_add(a), sums.1.wrapping_add(b));
    }
    // The snapshot's documents replaced now (the journal's own are replaced in its changes).
    let mut removed = journal.removed.clone();
    let journaled: HashSet<&str> = journal.changes.iter().map(|(n, _)| n.as_str()).collect();
    for c in &changes {
        if let Some(id) = c.old.as_ref().and_then(|r| r.id.clone())
            && !journaled.contains(c.name.as_str())
        {
            removed.push(id);
        }
    }
    let mut merged: HashMap<String, Option<Entry>> = journal.changes.into_iter().collect();
    merged.extend(new_entries);
    let mut merged: Vec<(String, Option<Entry>)> = merged.into_iter().collect();
    merged.sort_by(|a, b| a.0.cmp(&b.0));
    // The stats of every file as the new journal knows them.
    let mut now_rows = rows;
    let by_name: HashMap<&str, &Change> = changes.iter().map(|c| (c.name.as_str(), c)).collect();
    now_rows.retain(|r| by_name.get(r.name.as_str()).is_none_or(|c| c.now.is_some()));
    for r in &mut now_rows {
        if let Some((size, mtime, _)) = by_name.get(r.name.as_str()).and_then(|c| c.now) {
            r.size = size;
            r.mtime_ns = mtime;
        }
    }
    let known: HashSet<&str> = now_rows.iter().map(|r| r.name.as_str()).collect();
    let mut added_rows: Vec<(String, u64, u64)> = changes
        .iter()
        .filter(|c| !known.contains(c.name.as_str()))
        .filter_map(|c| c.now.map(|(s, m, _)| (c.name.clone(), s, m)))
        .collect();
    let mut all: Vec<(String, u64, u64)> = now_rows
        .into_iter()
        .map(|r| (r.name, r.size, r.mtime_ns))
        .collect();
    all.append(&mut added_rows);
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let written_ns = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let next = Journal {
        base,
        key: snapshot::Key {
            docs_mtime_ns: docs_mtime,
            registry_crc,
            written_ns,
            stats: snapshot::stats_digest(all.iter().map(|(n, s, m)| (n.as_str(), *s, *m))),
        },
        index_sums: sums,
        removed,
        changes: merged,
        duplicates,
        problems,
    };
    let snap = snap.lay(next.layer()).ok()?;
    journal::write_journal(&journal::journal_file(cache), &next).ok()?;
    crate::diag::timing("journal written");
    let mut catalog = Catalog::from_snapshot(dir.to_path_buf(), snap, cache.to_path_buf());
    catalog.written_ns = Some(written_ns);
    Some((
        catalog,
        Refresh {
            parsed,
            ..Refresh::default()
        },
    ))
}

/// The listing's rows with the journal's changes laid over them.
fn rows_now(listing: Listing, journal: &Journal) -> Vec<Row> {
    let mut rows: HashMap<String, Row> = listing
        .rows
        .into_iter()
        .map(|r| (r.name.clone(), r))
        .collect();
    for (name, e) in &journal.changes {
        match e {
            None => {
                rows.remove(name);
            }
            Some(e) => {
                let id = match &e.outcome {
                    Outcome::Parsed { head, .. } if !journal.duplicates.contains(name) => {
                        Some(head.id.clone())
                    }
                    _ => None,
                };
                rows.insert(
                    name.clone(),
                    Row {
                        name: name.clone(),
                        ino: e.ino,
                        size: e.size,
                        mtime_ns: e.mtime_ns,
                        crc: e.crc,
                        id,
                    },
                );
            }
        }
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}

/// Encodes the new documents' bodies and mentions into one pack and puts their blobs in their
/// entries (at the index each holds in `entries`).
fn write_blobs(
    snap: &Snapshot,
    packs: &Packs,
    docs: Vec<(usize, Box<Document>)>,
    entries: &mut [(String, Option<Entry>)],
) -> Option<()> {
    let registry: Registry =
        ciborium::from_reader(packs.read(snap.registry()?).ok()?.as_slice()).ok()?;
    let matcher = crate::refs::mentions::Matcher::new(&registry);
    let mut pack = PackWriter::default();
    let mut placed = Vec::with_capacity(docs.len());
    for (at, doc) in docs {
        let mut body = Vec::new();
        ciborium::into_writer(&*doc, &mut body).ok()?;
        let found = crate::refs::mentions::find_in_document(&doc, &registry, &matcher);
        let mut m = Vec::new();
        ciborium::into_writer(&found, &mut m).ok()?;
        placed.push((at, pack.push(body), pack.push(m)));
    }
    let number = packs.write(&pack).ok()?;
    for (at, body_at, mentions_at) in placed {
        let entry = entries.get_mut(at)?.1.as_mut()?;
        if let Outcome::Parsed { body, mentions, .. } = &mut entry.outcome {
            *body = pack.blob(number, body_at);
            *mentions = pack.blob(number, mentions_at);
        }
    }
    Some(())
}
