//! Where lectern keeps what it can rebuild: the cache directory (the corpus cache, the catalog,
//! the search indexes). The ground floor: corpus and search both find their files here, so
//! neither has to ask the other.

use std::path::PathBuf;

/// The cache directory: `$XDG_CACHE_HOME/lectern` (or the platform's), or `LECTERN_INDEX_DIR`.
#[derive(Clone, Debug)]
pub struct Location {
    pub root: PathBuf,
}

impl Location {
    /// `$XDG_CACHE_HOME/lectern` (or the platform cache dir), or `LECTERN_INDEX_DIR` if set.
    pub fn user_cache() -> anyhow::Result<Self> {
        if let Some(dir) = std::env::var_os("LECTERN_INDEX_DIR") {
            return Ok(Self::at(dir));
        }
        let cache = dirs::cache_dir().ok_or_else(|| {
            anyhow::anyhow!("no cache directory (set XDG_CACHE_HOME or LECTERN_INDEX_DIR)")
        })?;
        Ok(Self::at(cache.join("lectern")))
    }

    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }
}
