//! The default freshness mode, `auto`, through the binary: below the threshold of files it
//! checks every file (an edit written in place is seen), from it it trusts the documents
//! directory (the edit is missed) until `--fresh` or `LECTERN_FRESHNESS=full` forces a full
//! check; `show` stats the one file it prints and shows the edit whatever the mode. The
//! threshold is set for the test with LECTERN_FRESHNESS_FULL_BELOW.

mod corpus_support;

use corpus_support::age;
use std::path::Path;
use std::process::Command;

fn corpus_dir(n: usize) -> tempfile::TempDir {
    corpus_support::probes_dir(n, 400, 2)
}

/// `lectern ARGS` on `dir` with the default mode and a threshold of `full_below` files.
fn lectern(dir: &Path, cache: &Path, full_below: usize, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("--corpus")
        .arg(dir)
        .args(args)
        .env("LECTERN_INDEX_DIR", cache)
        .env("LECTERN_FRESHNESS_FULL_BELOW", full_below.to_string())
        .env("NO_COLOR", "1")
        .env_remove("LECTERN_FRESHNESS")
        .output()
        .expect("run lectern");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Rewrites the English title of `id` in place (same file, same inode: the directory's mtime
/// does not change).
fn retitle_in_place(dir: &Path, id: &str, title: &str) {
    use std::io::Write;
    let path = dir.join("documents").join(format!("{id}.toml"));
    let text = std::fs::read_to_string(&path).expect("read");
    let old = format!("Probe {id} original");
    assert!(text.contains(&old), "title line of {id}");
    let mut f = std::fs::File::options()
        .write(true)
        .truncate(true)
        .open(&path)
        .expect("open in place");
    f.write_all(text.replace(&old, title).as_bytes())
        .expect("write in place");
}

#[test]
fn auto_checks_every_file_below_the_threshold_and_trusts_the_directory_from_it() {
    let dir = corpus_dir(30);
    let cache = tempfile::tempdir().expect("cache");
    age(dir.path(), 600);
    // 30 files, full below 100: every file is stat'ed, and an edit in place is seen.
    lectern(dir.path(), cache.path(), 100, &["list"]);
    retitle_in_place(dir.path(), "synth-000005", "Probe small edit");
    let small = lectern(dir.path(), cache.path(), 100, &["list"]);
    assert!(small.contains("Probe small edit"), "{small}");

    // Full below 10: 30 files trust the directory's mtime, which an edit in place leaves as
    // it was: the old title stays (proof that no file was stat'ed)...
    lectern(dir.path(), cache.path(), 10, &["list"]);
    retitle_in_place(dir.path(), "synth-000006", "Probe large edit");
    let large = lectern(dir.path(), cache.path(), 10, &["list"]);
    assert!(large.contains("Probe synth-000006 original"), "{large}");
    assert!(!large.contains("Probe large edit"));

    // ...until a full check is asked for: --fresh, or LECTERN_FRESHNESS=full.
    let fresh = lectern(dir.path(), cache.path(), 10, &["--fresh", "list"]);
    assert!(fresh.contains("Probe large edit"), "{fresh}");
    retitle_in_place(dir.path(), "synth-000007", "Probe forced edit");
    let out = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("--corpus")
        .arg(dir.path())
        .arg("list")
        .env("LECTERN_INDEX_DIR", cache.path())
        .env("LECTERN_FRESHNESS_FULL_BELOW", "10")
        .env("LECTERN_FRESHNESS", "full")
        .output()
        .expect("run lectern");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Probe forced edit"));
}

#[test]
fn show_stats_the_file_it_prints_whatever_the_mode_trusted() {
    let dir = corpus_dir(30);
    let cache = tempfile::tempdir().expect("cache");
    age(dir.path(), 600);
    lectern(dir.path(), cache.path(), 10, &["list"]);
    lectern(dir.path(), cache.path(), 10, &["list"]);
    retitle_in_place(dir.path(), "synth-000008", "Probe shown edit");
    let shown = lectern(dir.path(), cache.path(), 10, &["show", "synth-000008"]);
    assert!(shown.contains("Probe shown edit"), "{shown}");
    assert!(!shown.contains("Probe synth-000008 original"));
    // An unchanged file is printed from the cache, as before.
    let other = lectern(dir.path(), cache.path(), 10, &["show", "synth-000009"]);
    assert!(other.contains("Probe synth-000009 original"), "{other}");
    // `list` still trusts the directory: only `show` looked at the file.
    let list = lectern(dir.path(), cache.path(), 10, &["list"]);
    assert!(list.contains("Probe synth-000008 original"), "{list}");
}
