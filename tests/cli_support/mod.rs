//! Helpers shared by the CLI tests: the repository root and copies of the bundled corpus.

use std::path::PathBuf;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the given folders of the bundled corpus (`documents`, `raw`, `overlays`,
/// `registry`) in a temporary directory, for tests that change or import into it.
pub fn corpus_copy(folders: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in folders {
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        for entry in std::fs::read_dir(repo().join("corpus").join(sub)).expect("corpus dir") {
            let path = entry.expect("entry").path();
            std::fs::copy(
                &path,
                dir.path().join(sub).join(path.file_name().expect("name")),
            )
            .expect("copy");
        }
    }
    dir
}
