//! The corpus cache's two freshness checks, through the binary: in `directory` mode (the
//! documents directory's mtime trusted, no stat per file) an added, a deleted and a
//! renamed-over file are seen, and an edit written in place is not until a full check; in
//! `full` mode (the default) an edit written in place is seen; `lectern index` always checks
//! in full.

mod corpus_support;

use corpus_support::{age, probes_dir};
use std::path::Path;
use std::process::Command;

fn list(dir: &Path, cache: &Path, mode: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lectern"));
    cmd.arg("--corpus")
        .arg(dir)
        .arg("list")
        .env("LECTERN_INDEX_DIR", cache)
        .env("NO_COLOR", "1")
        .env_remove("LECTERN_FRESHNESS");
    if let Some(mode) = mode {
        cmd.env("LECTERN_FRESHNESS", mode);
    }
    let out = cmd.output().expect("run lectern");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Rewrites the English title of `id` to `title`, in place (same file, same inode) or by
/// writing a new file and renaming it over the old one.
fn retitle(dir: &Path, id: &str, title: &str, by_rename: bool) {
    let path = dir.join("documents").join(format!("{id}.toml"));
    let text = std::fs::read_to_string(&path).expect("read");
    let old = format!("Probe {id} original");
    assert!(text.contains(&old), "title line of {id}");
    let text = text.replace(&old, title);
    if by_rename {
        let tmp = dir.join("documents").join(format!(".{id}.toml.tmp"));
        std::fs::write(&tmp, text).expect("write tmp");
        std::fs::rename(&tmp, &path).expect("rename");
    } else {
        use std::io::Write;
        let mut f = std::fs::File::options()
            .write(true)
            .truncate(true)
            .open(&path)
            .expect("open in place");
        f.write_all(text.as_bytes()).expect("write in place");
    }
}

#[test]
fn directory_mode_sees_additions_deletions_and_saves_by_rename() {
    let dir = probes_dir(30, 400, 2);
    let cache = tempfile::tempdir().expect("cache");
    age(dir.path(), 600);
    let first = list(dir.path(), cache.path(), Some("directory"));
    assert!(first.contains("synth-000007"), "{first}");

    // Deleted.
    std::fs::remove_file(dir.path().join("documents/synth-000007.toml")).expect("rm");
    age(dir.path(), 500);
    let after_delete = list(dir.path(), cache.path(), Some("directory"));
    assert!(!after_delete.contains("synth-000007"), "{after_delete}");

    // Added (a copy of another document under a new id).
    let text = std::fs::read_to_string(dir.path().join("documents/synth-000003.toml"))
        .expect("read")
        .replace("synth-000003", "synth-added");
    std::fs::write(dir.path().join("documents/synth-added.toml"), text).expect("add");
    age(dir.path(), 400);
    let after_add = list(dir.path(), cache.path(), Some("directory"));
    assert!(after_add.contains("synth-added"), "{after_add}");

    // Saved by rename, as sed -i and most editors do.
    retitle(dir.path(), "synth-000005", "Probe renamed over", true);
    age(dir.path(), 300);
    let after_rename = list(dir.path(), cache.path(), Some("directory"));
    assert!(
        after_rename.contains("Probe renamed over"),
        "{after_rename}"
    );
    assert!(!after_rename.contains("Probe synth-000005 original"));
}

#[test]
fn an_edit_in_place_is_missed_by_directory_mode_and_seen_by_full_mode_and_index() {
    let dir = probes_dir(30, 400, 2);
    let cache = tempfile::tempdir().expect("cache");
    age(dir.path(), 600);
    list(dir.path(), cache.path(), Some("directory"));

    // Written in place: the directory does not change, so directory mode keeps the old title:
    // what the README says it misses (and proof that it did not stat the file).
    retitle(dir.path(), "synth-000005", "Probe written in place", false);
    let directory = list(dir.path(), cache.path(), Some("directory"));
    assert!(
        directory.contains("Probe synth-000005 original"),
        "{directory}"
    );

    // The default (full) stats every file and sees it.
    let full = list(dir.path(), cache.path(), None);
    assert!(full.contains("Probe written in place"), "{full}");
    assert!(!full.contains("Probe synth-000005 original"));

    // `lectern index` checks in full whatever the mode says.
    retitle(dir.path(), "synth-000006", "Probe indexed in place", false);
    let out = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("--corpus")
        .arg(dir.path())
        .args(["--freshness", "directory", "index"])
        .env("LECTERN_INDEX_DIR", cache.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("index");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let directory = list(dir.path(), cache.path(), Some("directory"));
    assert!(directory.contains("Probe indexed in place"), "{directory}");
}
