//! A journal's entries laid over a snapshot: the documents it removed are skipped, the ones it
//! added or replaced take their place in date order, so that a command reads the catalog as
//! if the snapshot had been written again, without the 30 MB write. Building it costs one pass
//! over the positions (no record is decoded but the few the added ones sort between).

use super::{Key, Record, Snapshot};
use crate::corpus::catalog::head_order;
use std::collections::HashMap;

/// Where a position of the catalog comes from.
#[derive(Clone, Copy)]
pub(in crate::corpus) enum Slot {
    /// A record of the snapshot's file.
    Base(u32),
    /// One of the journal's records.
    Added(u32),
}

pub(in crate::corpus) struct Overlay {
    pub(super) key: Key,
    pub(super) index_sums: (u64, u64),
    pub(super) slots: Vec<Slot>,
    added: Vec<Record>,
    /// The position of each record of the file, `u32::MAX` when the journal removed it.
    base_to_slot: Vec<u32>,
    added_at: HashMap<String, usize>,
    /// Every problem of the catalog with the journal laid over it (the snapshot's are stale).
    pub(super) problems: Vec<Problem>,
}

/// What a journal lays over a snapshot.
pub(in crate::corpus) struct Layer {
    pub(in crate::corpus) key: Key,
    pub(in crate::corpus) index_sums: (u64, u64),
    /// Ids of the snapshot's documents that are gone or replaced.
    pub(in crate::corpus) removed: Vec<String>,
    /// Documents new or replaced since the snapshot.
    pub(in crate::corpus) added: Vec<Record>,
    /// Every problem of the catalog as the journal left it: (file, line, message).
    pub(in crate::corpus) problems: Vec<Problem>,
}

/// A problem as the snapshot and the journal keep it: file, line, message.
pub(in crate::corpus) type Problem = (std::path::PathBuf, usize, String);

impl Snapshot {
    /// This snapshot with `layer` laid over it (a layer over an overlay replaces it). Fails
    /// when a removed id is not in the snapshot or an added one already is: a journal that
    /// does not fit its snapshot.
    pub(in crate::corpus) fn lay(mut self, layer: Layer) -> Result<Snapshot, String> {
        self.overlay = None;
        let n = self.n;
        let mut removed = vec![false; n];
        for id in &layer.removed {
            let at = self
                .base_position(id)
                .ok_or("the journal removes a document the snapshot lacks")?;
            removed[at] = true;
        }
        let mut added = layer.added;
        added.sort_by(|a, b| head_order(&a.head, &b.head));
        // Where each added record goes among the file's: a binary search of their heads.
        let mut inserts = Vec::with_capacity(added.len());
        for r in &added {
            if self
                .base_position(&r.head.id)
                .is_some_and(|at| !removed[at])
            {
                return Err("the journal adds a document the snapshot holds".into());
            }
            let (mut lo, mut hi) = (0, n);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                let base = self.base_records(mid, mid + 1)?;
                let head = &base.first().ok_or("bad offsets")?.head;
                if head_order(head, &r.head).is_lt() {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            inserts.push(lo);
        }
        let mut slots = Vec::with_capacity(n + added.len());
        let mut base_to_slot = vec![u32::MAX; n];
        let mut next = inserts.iter().copied().enumerate().peekable();
        let mut added_at = HashMap::with_capacity(added.len());
        for at in 0..=n {
            while let Some((k, _)) = next.next_if(|&(_, p)| p == at) {
                added_at.insert(added[k].head.id.clone(), slots.len());
                slots.push(Slot::Added(k as u32));
            }
            if at < n && !removed[at] {
                base_to_slot[at] = slots.len() as u32;
                slots.push(Slot::Base(at as u32));
            }
        }
        self.overlay = Some(Box::new(Overlay {
            key: layer.key,
            index_sums: layer.index_sums,
            slots,
            added,
            base_to_slot,
            added_at,
            problems: layer.problems,
        }));
        Ok(self)
    }
}

impl Overlay {
    /// Records `start..end`: each run of the file's read with one read.
    pub(super) fn records(
        &self,
        snap: &Snapshot,
        start: usize,
        end: usize,
    ) -> Result<Vec<Record>, String> {
        let slots = self
            .slots
            .get(start..end.min(self.slots.len()))
            .unwrap_or(&[]);
        let mut out = Vec::with_capacity(slots.len());
        let mut i = 0;
        while i < slots.len() {
            match slots[i] {
                Slot::Added(k) => {
                    let r = &self.added[k as usize];
                    out.push(Record {
                        head: r.head.clone(),
                        body: r.body,
                        mentions: r.mentions,
                        name: r.name.clone(),
                    });
                    i += 1;
                }
                Slot::Base(first) => {
                    let mut last = first;
                    while let Some(Slot::Base(b)) = slots.get(i + 1)
                        && *b == last + 1
                    {
                        last = *b;
                        i += 1;
                    }
                    out.extend(snap.base_records(first as usize, last as usize + 1)?);
                    i += 1;
                }
            }
        }
        Ok(out)
    }

    pub(super) fn id<'a>(&'a self, snap: &'a Snapshot, i: usize) -> Option<&'a str> {
        match *self.slots.get(i)? {
            Slot::Base(b) => snap.base_id(b as usize),
            Slot::Added(k) => Some(self.added[k as usize].head.id.as_str()),
        }
    }

    pub(super) fn index_hash(&self, snap: &Snapshot, i: usize) -> Option<u64> {
        match *self.slots.get(i)? {
            Slot::Base(b) => snap.base_index_hash(b as usize),
            Slot::Added(k) => Some(self.added[k as usize].head.index_hash),
        }
    }

    pub(super) fn position(&self, snap: &Snapshot, id: &str) -> Option<usize> {
        if let Some(&at) = self.added_at.get(id) {
            return Some(at);
        }
        let slot = *self.base_to_slot.get(snap.base_position(id)?)?;
        (slot != u32::MAX).then_some(slot as usize)
    }
}
