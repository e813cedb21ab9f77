//! The links' target index kept beside the corpus cache, `corpus-<key>.targets`: which
//! documents (and blocks) mention each target, so that `search mentions:`, cards and
//! backlinks of a cached corpus do not decode every document's mentions (2–4 s at 100,000
//! documents) to answer.
//!
//! Layout: a header (magic, version, CRC-32 and length of the body), then the body (bincode):
//! the registry's blob and every document's mentions blob when it was made, and the postings
//! of each target over those documents. It is keyed by the blobs, not by a time: a blob is
//! never changed once written, so a document whose mentions blob is the same has the same
//! mentions, wherever it now stands. A catalog that differs (files edited, added, renamed or
//! deleted through the journal's quick refresh) reuses the postings of the documents it still
//! has and decodes only the others; a different registry blob reuses nothing. It is written
//! with the table (from the mentions just found) and again, aside then renamed, whenever a use
//! had to complete it. One that fails its magic, version, checksum or decoding is made again
//! with a notice.

use super::cache_file::{self as file, Blob, Framed};
use crate::refs::Target;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"LECTTARG";
/// Changes whenever the layout or the meaning of a target changes.
const VERSION: u32 = 1;
/// A body bigger than this is not one of ours (and is not read into memory).
const MAX_BODY: u64 = 1 << 32;

/// The documents that mention one target, in corpus order, and how many times: `ends[j]` is
/// the number of its mentions in `docs[..=j]`, so that mention `k` is found by a binary search.
/// `blocks[k]` is the block of mention `k`: a `mentions:` filter pins every mention's block
/// (93,000 for a name at 100k), which read from the documents' mentions cost ~1.3 s.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Postings {
    pub(super) docs: Vec<u32>,
    pub(super) ends: Vec<u32>,
    pub(super) blocks: Vec<u32>,
}

impl Postings {
    pub(super) fn total(&self) -> usize {
        self.ends.last().map_or(0, |&e| e as usize)
    }

    /// Mentions of the target before `docs[j]`.
    pub(super) fn before(&self, j: usize) -> usize {
        j.checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .map_or(0, |&e| e as usize)
    }
}

pub(super) type Targets = HashMap<Target, Postings>;

/// A document's mentions as (target, block), in reading order.
pub(super) type DocTargets = Vec<(Target, u32)>;

/// [`DocTargets`] borrowed from the mentions just found, or decoded now.
type DocTargetsCow<'a> = Cow<'a, [(Target, u32)]>;

/// The (target, block) of each of a document's mentions.
pub(super) fn of_mentions(ms: &[crate::refs::Mention]) -> DocTargets {
    ms.iter().map(|m| (m.target, m.block.0 as u32)).collect()
}

/// The (target, block) of each mention found in a document.
pub(super) fn of_found(found: &[crate::refs::Found]) -> DocTargets {
    found.iter().map(|m| (m.target, m.block.0 as u32)).collect()
}

#[derive(Serialize, Deserialize)]
struct Stored {
    registry: Option<Blob>,
    /// Every document's mentions blob, in corpus order, when it was made.
    mentions: Vec<Blob>,
    /// By target.
    targets: Vec<(Target, Postings)>,
}

/// The target index of the cache whose packs are named by `stem` (`corpus-<key>`).
pub(super) fn file_of(stem: &Path) -> PathBuf {
    let mut name = stem.as_os_str().to_owned();
    name.push(".targets");
    PathBuf::from(name)
}

fn read(path: &Path) -> Result<Option<Stored>, String> {
    match file::read_framed(path, MAGIC, VERSION, MAX_BODY, "links' target index") {
        Ok(Framed::Absent) => Ok(None),
        Ok(Framed::OtherVersion(v)) => Err(format!(
            "{} (target index format {v}; this one reads {VERSION})",
            file::OTHER_VERSION
        )),
        Ok(Framed::Held(stored)) => Ok(Some(stored)),
        Err(e) => Err(format!("target index: {e}")),
    }
}

/// Writes the index of `targets` over the documents whose mentions blobs are `mentions`.
fn write(
    path: &Path,
    registry: Option<Blob>,
    mentions: &[Blob],
    targets: &Targets,
) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct StoredRef<'a> {
        registry: Option<Blob>,
        mentions: &'a [Blob],
        targets: Vec<(&'a Target, &'a Postings)>,
    }
    let mut sorted: Vec<(&Target, &Postings)> = targets.iter().collect();
    sorted.sort_by_key(|(t, _)| **t);
    let out = file::framed(
        MAGIC,
        VERSION,
        &StoredRef {
            registry,
            mentions,
            targets: sorted,
        },
    )
    .map_err(std::io::Error::other)?;
    file::write_atomically(path, &out)
}

/// The target index of documents whose mentions blobs are `mentions` (with the registry
/// `registry`): the postings kept at `path` for the documents whose blob it knows, the rest
/// from `decode` (document position → its mentions, on every core). Written back when it had
/// to be completed; a damaged or old one is said in a notice and made again.
pub(super) fn load(
    path: &Path,
    registry: Option<Blob>,
    mentions: &[Blob],
    decode: &(dyn Fn(usize) -> DocTargets + Sync),
) -> Targets {
    let stored = match read(path) {
        Ok(stored) => stored,
        Err(why) => {
            crate::errln!("lectern: the corpus cache's {why}; rebuilding it");
            None
        }
    };
    let stored = stored.filter(|s| s.registry == registry);
    if let Some(s) = stored.as_ref()
        && s.mentions == mentions
    {
        crate::trace!("links targets read");
        return stored.map_or_else(Targets::new, |s| s.targets.into_iter().collect());
    }
    let decode = |i| Some(Cow::Owned(decode(i)));
    // Postings that do not hold together (a checksum matched, the arrays did not): made again.
    let targets = complete(stored, mentions, &decode)
        .or_else(|| complete(None, mentions, &decode))
        .unwrap_or_default();
    crate::trace!("links targets completed");
    // Only a quicker next use is lost when it cannot be written.
    let _ = write(path, registry, mentions, &targets);
    targets
}

/// What a cache's writing tells the target index: the targets of the mentions found now, by
/// their blob, and the mentions and registry blobs only copied to a new place (a compaction
/// of the packs: new blob → old), which mean what the old blobs meant.
#[derive(Debug, Default)]
pub(super) struct Written {
    pub(super) found: HashMap<Blob, DocTargets>,
    pub(super) moved: HashMap<Blob, Blob>,
}

/// Writes the target index of a catalog just written, from the mentions found now and the
/// old index for the documents whose blob (or the blob it was copied from) it knows. Writes
/// nothing when some document is in neither (an index from before this version, or one no
/// use completed since the journal's last changes): the first use makes it.
pub(super) fn write_with(
    path: &Path,
    registry: Option<Blob>,
    mentions: &[Blob],
    written: &Written,
) {
    let moved = |b: Blob| written.moved.get(&b).copied().unwrap_or(b);
    let stored =
        (read(path).ok().flatten()).filter(|s| s.registry.map(moved) == registry.map(moved));
    if stored
        .as_ref()
        .is_some_and(|s| s.mentions == mentions && s.registry == registry)
    {
        return;
    }
    let known = |i: usize| {
        let found = mentions.get(i).and_then(|b| written.found.get(b))?;
        Some(Cow::Borrowed(found.as_slice()))
    };
    // Postings are by document position: a copied blob is looked up by the one it came from.
    let as_before: Vec<Blob> = mentions.iter().map(|b| moved(*b)).collect();
    if let Some(targets) = complete(stored, &as_before, &known) {
        let _ = write(path, registry, mentions, &targets);
    }
}

/// The postings of `n` documents, every one from `decode` (a catalog with no cache).
pub(super) fn build(n: usize, decode: &(dyn Fn(usize) -> DocTargets + Sync)) -> Targets {
    complete(None, &vec![Blob::default(); n], &|i| {
        Some(Cow::Owned(decode(i)))
    })
    .unwrap_or_default()
}

/// The postings over `mentions`: those of `stored` for each document whose blob it knows
/// (the first such document, should two share one), the others from `decode`; `None` when
/// `decode` cannot give one.
fn complete<'a>(
    stored: Option<Stored>,
    mentions: &[Blob],
    decode: &(dyn Fn(usize) -> Option<DocTargetsCow<'a>> + Sync),
) -> Option<Targets> {
    let (old_mentions, old_targets) =
        stored.map_or_else(Default::default, |s| (s.mentions, s.targets));
    let old_of: HashMap<Blob, u32> = (old_mentions.iter().enumerate())
        .map(|(j, b)| (*b, j as u32))
        .collect();
    let mut new_of_old: Vec<Option<u32>> = vec![None; old_mentions.len()];
    let mut missing = Vec::new();
    for (i, b) in mentions.iter().enumerate() {
        match old_of.get(b) {
            Some(&j) if new_of_old[j as usize].is_none() => new_of_old[j as usize] = Some(i as u32),
            _ => missing.push(i),
        }
    }
    // Each target's mentions as (document, block), in reading order within a document.
    let mut pairs: HashMap<Target, Vec<(u32, u32)>> = HashMap::with_capacity(old_targets.len());
    for (t, p) in old_targets {
        let out = pairs.entry(t).or_default();
        for (j, &doc) in p.docs.iter().enumerate() {
            if let Some(new) = new_of_old.get(doc as usize).copied().flatten() {
                let end = *p.ends.get(j)? as usize;
                let blocks = p.blocks.get(p.before(j)..end)?;
                out.extend(blocks.iter().map(|&b| (new, b)));
            }
        }
    }
    let decoded: Vec<(usize, DocTargetsCow<'a>)> = missing
        .into_par_iter()
        .map(|i| decode(i).map(|ts| (i, ts)))
        .collect::<Option<_>>()?;
    for (i, ts) in decoded {
        for &(t, block) in ts.iter() {
            pairs.entry(t).or_default().push((i as u32, block));
        }
    }
    Some(
        pairs
            .into_par_iter()
            .filter(|(_, ps)| !ps.is_empty())
            .map(|(t, mut ps)| {
                // Stable: a document's mentions stay in reading order.
                ps.sort_by_key(|&(doc, _)| doc);
                let mut p = Postings::default();
                for (doc, block) in ps {
                    if p.docs.last() != Some(&doc) {
                        p.docs.push(doc);
                        p.ends.push(p.ends.last().copied().unwrap_or(0));
                    }
                    if let Some(end) = p.ends.last_mut() {
                        *end += 1;
                    }
                    p.blocks.push(block);
                }
                (t, p)
            })
            .collect(),
    )
}
