//! The index of your own material, on the real binary: `lectern search` finds notes as it
//! finds documents (stemmed words, CJK strings, traditional = simplified), follows the files
//! (a note saved or deleted a moment ago, a file removed, a file that does not parse), is
//! rebuilt with a one-line notice when damaged, and works with several processes at once.

mod cli_support;
mod tui_support;

use assert_cmd::Command;
use lectern::corpus::Corpus;
use lectern::model::Lang;
use lectern::workspace::{Anchor, NewMark, Workspace};
use std::path::{Path, PathBuf};
use tui_support::{PEOPLES_DAILY, TREATY};

fn lectern(cache: &Path, ws: &Path) -> Command {
    cli_support::lectern_in(cache, ws)
}

/// `lectern search --json ARGS`: the JSON and what went to stderr.
fn search(cache: &Path, ws: &Path, args: &[&str]) -> (serde_json::Value, String) {
    let out = lectern(cache, ws)
        .arg("search")
        .arg("--json")
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    let v = serde_json::from_slice(&out.stdout).expect("json");
    (v, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// (document, mark) of each own hit.
fn own(v: &serde_json::Value) -> Vec<(String, String)> {
    (v["own"]
        .as_array()
        .unwrap_or_else(|| panic!("own in {v}"))
        .iter())
    .map(|h| {
        (
            h["doc_id"].as_str().unwrap_or_default().to_string(),
            h["mark_id"].as_str().unwrap_or_default().to_string(),
        )
    })
    .collect()
}

fn pair(d: &str, m: &str) -> (String, String) {
    (d.to_string(), m.to_string())
}

fn note(ws: &Workspace, id: &str, block: usize, text: &str) -> String {
    let corpus = Corpus::bundled();
    let doc = corpus.get(id).unwrap_or_else(|| panic!("{id} is bundled"));
    let lang = if doc.blocks[block - 1].text.0.contains_key(&Lang::En) {
        Some(Lang::En)
    } else {
        None
    };
    let anchor = Anchor::on_range(doc, lectern::model::BlockNo(block), lang, 0, 6)
        .unwrap_or_else(|e| panic!("{e}"));
    ws.add_mark(
        id,
        NewMark {
            anchor: Some(anchor),
            colour: None,
            note: text.into(),
        },
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .0
    .id
}

/// The own-material index directory in `cache` (there is one per workspace).
fn index_dir(cache: &Path) -> PathBuf {
    let dirs: Vec<PathBuf> = std::fs::read_dir(cache)
        .expect("cache dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("own-"))
        })
        .collect();
    assert_eq!(dirs.len(), 1, "one index of notes: {dirs:?}");
    dirs[0].clone()
}

#[test]
fn notes_are_found_as_documents_are_and_the_index_follows_the_files() {
    let (cache, dir) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    let ws = Workspace::at(dir.path().to_path_buf());
    let m1 = note(&ws, TREATY, 3, "Compare the two treaties of 1961");
    let m2 = note(&ws, PEOPLES_DAILY, 2, "朝鮮問題 in the traditional script");
    let (c, w) = (cache.path(), dir.path());

    // Stemmed words, as documents: `treaty` finds `treaties`; a substring inside a word
    // does not (`reat`).
    let (v, _) = search(c, w, &["treaty", "note:compare"]);
    assert_eq!(own(&v), vec![pair(TREATY, &m1)], "{v}");
    assert!(own(&search(c, w, &["note:reat"]).0).is_empty());
    // Traditional characters in a note are found by simplified ones, and the other way.
    assert_eq!(
        own(&search(c, w, &["note:朝鲜"]).0),
        vec![pair(PEOPLES_DAILY, &m2)]
    );
    assert_eq!(
        own(&search(c, w, &["note:问题"]).0),
        vec![pair(PEOPLES_DAILY, &m2)]
    );
    // A phrase holds only in its order; OR and -word as in the documents' search.
    assert_eq!(
        own(&search(c, w, &["note:", "\"two treaties\""]).0).len(),
        1
    );
    assert!(own(&search(c, w, &["note:", "\"treaties two\""]).0).is_empty());
    let (v, _) = search(c, w, &["note:", "1961", "OR", "traditional"]);
    assert_eq!(own(&v), vec![pair(PEOPLES_DAILY, &m2), pair(TREATY, &m1)]);
    let (v, _) = search(c, w, &["note:", "-traditional"]);
    assert_eq!(own(&v), vec![pair(TREATY, &m1)]);

    // A note saved after the index was built is found by the next query...
    let m3 = note(&ws, TREATY, 4, "a later thought on the treaties");
    let (v, _) = search(c, w, &["note:treaties"]);
    assert_eq!(own(&v), vec![pair(TREATY, &m1), pair(TREATY, &m3)], "{v}");
    // ...one deleted is not, and neither are the notes of a file removed by hand.
    ws.remove(TREATY, &m1).unwrap_or_else(|e| panic!("{e}"));
    let (v, _) = search(c, w, &["note:treaties"]);
    assert_eq!(own(&v), vec![pair(TREATY, &m3)], "{v}");
    std::fs::remove_file(ws.document_path(PEOPLES_DAILY)).expect("remove");
    assert!(own(&search(c, w, &["note:traditional"]).0).is_empty());

    // A file that does not parse is reported with each query, and the rest is found.
    std::fs::write(
        ws.document_path(PEOPLES_DAILY),
        "schema = 1\nid = [broken\n",
    )
    .expect("write");
    for _ in 0..2 {
        let (v, err) = search(c, w, &["note:treaties"]);
        assert_eq!(own(&v), vec![pair(TREATY, &m3)], "{v}");
        assert!(err.contains(".toml:2:"), "{err}");
    }
}

#[test]
fn a_damaged_index_is_rebuilt_with_one_line_and_answers_the_same() {
    let (cache, dir) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    let ws = Workspace::at(dir.path().to_path_buf());
    let m1 = note(&ws, TREATY, 3, "zebrafinch memo");
    let (c, w) = (cache.path(), dir.path());
    let (v, err) = search(c, w, &["zebrafinch"]);
    assert_eq!(own(&v), vec![pair(TREATY, &m1)]);
    assert!(
        !err.contains("index of your notes"),
        "first use is silent: {err}"
    );

    // Every segment file cut short: its checksum fails, it is rebuilt, with a notice.
    let idx = index_dir(c);
    for entry in std::fs::read_dir(&idx)
        .expect("index")
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".json") && !name.starts_with('.') {
            let bytes = std::fs::read(entry.path()).expect("read");
            std::fs::write(entry.path(), &bytes[..bytes.len() / 2]).expect("cut");
        }
    }
    let (v, err) = search(c, w, &["zebrafinch"]);
    assert_eq!(own(&v), vec![pair(TREATY, &m1)], "{v}");
    let notices: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("index of your notes"))
        .collect();
    assert_eq!(notices.len(), 1, "{err}");
    assert!(notices[0].contains("rebuilt"), "{err}");
    // Once rebuilt, nothing more is said.
    let (_, err) = search(c, w, &["zebrafinch"]);
    assert!(!err.contains("index of your notes"), "{err}");

    // meta.json replaced by garbage: the same.
    std::fs::write(index_dir(c).join("meta.json"), b"{not json").expect("write");
    let (v, err) = search(c, w, &["zebrafinch"]);
    assert_eq!(own(&v), vec![pair(TREATY, &m1)], "{v}");
    assert!(err.contains("index of your notes"), "{err}");
}

#[test]
fn several_processes_build_and_update_the_index_at_once() {
    let (cache, dir) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    let ws = Workspace::at(dir.path().to_path_buf());
    for i in 0..20 {
        note(&ws, TREATY, 2 + i % 5, &format!("zebrafinch number{i}"));
    }
    let (c, w) = (cache.path(), dir.path());
    // The documents' index first, so that the processes race on the notes' index only.
    lectern(c, w).args(["search", "treaty"]).assert().success();
    std::fs::remove_dir_all(index_dir(c)).expect("remove the notes' index");
    for round in 0..2 {
        // A new note each round, so the second round races on an update, the first on a build.
        note(&ws, PEOPLES_DAILY, 2, &format!("zebrafinch round{round}"));
        let search = || {
            let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("lectern"));
            (cmd.env_remove("LECTERN_CORPUS"))
                .env("LECTERN_INDEX_DIR", c)
                .env("LECTERN_WORKSPACE", w)
                .args(["search", "--json", "--limit", "100", "zebrafinch"]);
            cmd
        };
        for out in cli_support::run_at_once(4, search) {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{err}");
            assert!(!err.contains("index of your notes"), "{err}");
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
            assert_eq!(own(&v).len(), 21 + round, "round {round}: {v}");
        }
    }
    index_dir(c);
}
