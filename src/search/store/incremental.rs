//! Updating an index in place: the per-document state beside the segments, delete by id and add.

#[allow(unused_imports)]
use super::*;

/// When more than this share of the corpus changed, a whole build is cheaper than an update.
pub(super) const UPDATE_AT_MOST: f64 = 0.5;
/// How long an update waits for another process's writer.
pub(super) const LOCK_WAIT: Duration = Duration::from_secs(120);

/// Brings the index in `dir` (opened as `open`) to `fp` in place: deletes by id the documents
/// replaced or removed and adds the new versions. `None` when an update does not pay or the
/// state of the index is unknown: the caller builds it whole.
pub(super) fn update(
    dir: &Path,
    key: &str,
    source: &dyn Source,
    hashes: &[u64],
    fp: &str,
) -> anyhow::Result<Option<OpenIndex>> {
    let index = Index::open_in_dir(dir)?;
    analysis::register(&index);
    let fields = schema::build().1;
    let waited = std::time::Instant::now();
    let writer = loop {
        match index.writer_with_num_threads::<TantivyDocument>(1, 50_000_000) {
            Ok(w) => break w,
            Err(tantivy::TantivyError::LockFailure(..)) if waited.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => return Err(e.into()),
        }
    };
    // The writer lock is ours: see what the index holds now (another process may have updated).
    crate::diag::timing("index writer taken");
    let Some(current) = index.load_metas()?.payload else {
        return Ok(None);
    };
    if current == fp {
        drop(writer);
        return guard::contain(|| open_checked(dir, key)).map(Some);
    }
    let Some(old) = read_state(dir, &current) else {
        return Ok(None);
    };
    let mut old_by_id: HashMap<&str, (u64, u64)> = old
        .iter()
        .map(|(id, h, s)| (id.as_str(), (*h, *s)))
        .collect();
    crate::diag::timing("index state read");
    let mut next_slot = old.iter().map(|(_, _, s)| s + 1).max().unwrap_or(0);
    let mut todo: Vec<(usize, u64)> = Vec::new();
    let mut change = Update::default();
    let mut state: State = Vec::with_capacity(source.len());
    for (i, &hash) in hashes.iter().enumerate() {
        let id = source.id(i);
        match old_by_id.remove(id) {
            Some((h, slot)) if h == hash => state.push((id.to_string(), hash, slot)),
            Some((_, slot)) => {
                change.replaced += 1;
                todo.push((i, slot));
                state.push((id.to_string(), hash, slot));
            }
            None => {
                change.added += 1;
                todo.push((i, next_slot));
                state.push((id.to_string(), hash, next_slot));
                next_slot += 1;
            }
        }
    }
    change.removed = old_by_id.len();
    let changed = todo.len() + change.removed;
    if changed as f64 > UPDATE_AT_MOST * source.len().max(1) as f64 && changed > 64 {
        return Ok(None);
    }
    let mut writer = writer;
    let mut policy = tantivy::indexer::LogMergePolicy::default();
    // Only the small segments that updates add are merged; the build's big ones stay.
    policy.set_max_docs_before_merge(20_000);
    writer.set_merge_policy(Box::new(policy));
    for id in old_by_id.keys() {
        writer.delete_term(tantivy::Term::from_field_text(fields.id, id));
    }
    for &(i, _) in &todo {
        writer.delete_term(tantivy::Term::from_field_text(fields.id, source.id(i)));
    }
    for chunk in todo.chunks(CHUNK) {
        let docs: Vec<anyhow::Result<Cow<'_, Document>>> =
            chunk.par_iter().map(|(i, _)| source.document(*i)).collect();
        for (doc, (_, slot)) in docs.into_iter().zip(chunk) {
            add_document(&writer, &fields, &*doc?, *slot)?;
        }
    }
    crate::diag::timing("index documents added");
    write_state(dir, fp, &state)?;
    crate::diag::timing("index state written");
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(fp);
    commit.commit()?;
    crate::diag::timing("index committed");
    writer.wait_merging_threads()?;
    crate::diag::timing("index merges done");
    remove_other_states(dir, fp);
    let mut open = guard::contain(|| open_checked(dir, key))?;
    open.updated = Some(change);
    Ok(Some(open))
}

pub(super) fn state_path(dir: &Path, fp: &str) -> PathBuf {
    dir.join(format!("lectern-state-{fp}.bin"))
}

pub(super) fn read_state(dir: &Path, fp: &str) -> Option<State> {
    let bytes = std::fs::read(state_path(dir, fp)).ok()?;
    bincode::deserialize(&bytes).ok()
}

/// Writes the state of commit `fp` beside the segments, before the commit names it.
pub(super) fn write_state(dir: &Path, fp: &str, state: &State) -> anyhow::Result<()> {
    let bytes = bincode::serialize(state)?;
    let path = state_path(dir, fp);
    let tmp = dir.join(format!(".state-{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, &path)?;
    Ok(())
}

/// Removes the state files of commits other than `fp`.
pub(super) fn remove_other_states(dir: &Path, fp: &str) {
    let own = state_path(dir, fp);
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("lectern-state-") && entry.path() != own {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
