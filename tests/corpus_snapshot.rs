//! The catalog snapshot (`corpus-<key>.heads`), through the binary: `list` and `show` read
//! from it give what a fresh load gives, after changes in either freshness mode; a damaged
//! snapshot is rebuilt with one notice and the answer is still right.

mod corpus_support;

use corpus_support::{age, probes_dir, write_text};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(dir: &Path, cache: &Path, mode: &str, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("--corpus")
        .arg(dir)
        .args(args)
        .env("LECTERN_INDEX_DIR", cache)
        .env("LECTERN_FRESHNESS", mode)
        .env("NO_COLOR", "1")
        .output()
        .expect("run lectern");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// What a load without any cache prints.
fn fresh(dir: &Path, args: &[&str]) -> Vec<u8> {
    run(dir, Path::new("/nonexistent/never-written"), "full", args).stdout
}

fn snapshot_of(cache: &Path) -> PathBuf {
    std::fs::read_dir(cache)
        .expect("cache dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == "heads"))
        .expect("a snapshot was written")
}

#[test]
fn list_and_show_from_the_snapshot_equal_a_fresh_load_after_changes_in_both_modes() {
    for mode in ["full", "directory"] {
        let dir = probes_dir(40, 300, 2);
        let cache = tempfile::tempdir().expect("cache");
        age(dir.path(), 600);
        let d = dir.path();
        for _ in 0..2 {
            // The first builds the table and the snapshot, the second reads the snapshot.
            assert_eq!(
                run(d, cache.path(), mode, &["list"]).stdout,
                fresh(d, &["list"])
            );
        }
        snapshot_of(cache.path());
        for id in ["synth-000003", "synth-000017"] {
            assert_eq!(
                run(d, cache.path(), mode, &["show", id]).stdout,
                fresh(d, &["show", id])
            );
        }
        // Changed by rename, added and deleted: seen in both modes.
        let text = std::fs::read_to_string(d.join("documents/synth-000005.toml")).expect("read");
        let tmp = d.join("documents/synth-000005.toml.tmp");
        std::fs::write(
            &tmp,
            text.replace("Probe synth-000005 original", "Probe renamed"),
        )
        .expect("tmp");
        std::fs::rename(&tmp, d.join("documents/synth-000005.toml")).expect("rename");
        let added = text
            .replace("synth-000005", "synth-999999")
            .replace("Probe renamed", "Probe added");
        write_text(d, "synth-999999", &added);
        std::fs::remove_file(d.join("documents/synth-000009.toml")).expect("delete");
        // Old enough to be trusted, as a change made a while ago is.
        age(d, 300);
        let list = run(d, cache.path(), mode, &["list"]).stdout;
        assert_eq!(list, fresh(d, &["list"]), "{mode}");
        let text = String::from_utf8_lossy(&list);
        assert!(text.contains("Probe renamed") && text.contains("synth-999999"));
        assert!(!text.contains("synth-000009"));
        assert_eq!(
            run(d, cache.path(), mode, &["show", "synth-999999"]).stdout,
            fresh(d, &["show", "synth-999999"])
        );
        // A missing id is still told, with the ids that come close.
        let out = Command::new(env!("CARGO_BIN_EXE_lectern"))
            .arg("--corpus")
            .arg(d)
            .args(["show", "synth-00000"])
            .env("LECTERN_INDEX_DIR", cache.path())
            .env("LECTERN_FRESHNESS", mode)
            .output()
            .expect("show");
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean"));
    }
}

#[test]
fn a_damaged_snapshot_is_rebuilt_with_one_notice_and_the_answer_stays_right() {
    let dir = probes_dir(40, 300, 2);
    let cache = tempfile::tempdir().expect("cache");
    age(dir.path(), 600);
    let d = dir.path();
    let expected = fresh(d, &["list"]);
    run(d, cache.path(), "directory", &["list"]);
    let file = snapshot_of(cache.path());
    let good = std::fs::read(&file).expect("snapshot");
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("garbage", b"not a snapshot".to_vec()),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("flipped in the index part", flip(&good, 60)),
        ("flipped in a record", flip(&good, good.len() - 5)),
    ];
    for (what, bytes) in damages {
        for mode in ["directory", "full"] {
            std::fs::write(&file, &bytes).expect("damage");
            let out = run(d, cache.path(), mode, &["list"]);
            assert_eq!(out.stdout, expected, "{what} ({mode})");
            let notice = String::from_utf8_lossy(&out.stderr);
            assert!(notice.contains("rebuilding"), "{what} ({mode}): {notice:?}");
            let next = run(d, cache.path(), mode, &["list"]);
            assert_eq!(next.stdout, expected);
            assert!(next.stderr.is_empty(), "{what}: rebuilt once, then trusted");
        }
    }
}

fn flip(bytes: &[u8], at: usize) -> Vec<u8> {
    let mut b = bytes.to_vec();
    b[at] ^= 0x55;
    b
}
