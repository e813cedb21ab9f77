//! Sibling indexes, leftovers of killed runs, and sizes on disk.

#[allow(unused_imports)]
use super::*;

pub(super) fn unique_sibling(loc: &Location, prefix: &str, fp: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    loc.root
        .join(format!("{prefix}-{fp}-{}-{nanos}-{n}", std::process::id()))
}

/// `index-*` directories other than `own`, newest first.
pub(super) fn other_indexes(loc: &Location, own: &Path) -> Vec<PathBuf> {
    let own = own
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut found: Vec<(SystemTime, PathBuf)> = std::fs::read_dir(&loc.root)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("index-") && name != own
        })
        .map(|e| {
            let t = e
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            (t, e.path())
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.into_iter().map(|(_, p)| p).collect()
}

/// Keeps the few most recent indexes of other corpora; removes the rest.
pub(super) fn prune_others(loc: &Location, own: &Path) {
    for old in other_indexes(loc, own).into_iter().skip(KEEP_OTHERS) {
        let _ = std::fs::remove_dir_all(old);
    }
}

/// Removes what dead builds left: old `.tmp-` directories and any `.trash-` one.
pub(super) fn clean_leftovers(loc: &Location) {
    let now = SystemTime::now();
    for entry in std::fs::read_dir(&loc.root)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .unwrap_or_default();
        // `.tmp-{fp}-{pid}-{nanos}-{n}`: a build whose process is gone died (issue 11).
        let owner_gone = name
            .rsplit('-')
            .nth(2)
            .and_then(|pid| pid.parse::<u32>().ok())
            .is_some_and(|pid| pid != std::process::id() && crate::files::process_is_gone(pid));
        if name.starts_with(".trash-")
            || (name.starts_with(".tmp-") && (age > ABANDONED_AFTER || owner_gone))
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Threads for building and searching: the cores there are, at most four.
pub(super) fn cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
}

pub fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
