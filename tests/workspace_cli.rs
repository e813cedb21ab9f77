//! The workspace on the real binary: every command, re-anchoring after a document changed,
//! the Markdown export against a golden file, and durability (killed writes, corrupt files).

mod cli_support;
use cli_support::repo;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

const COMMUNIQUE: &str = "1956-07-14-joint-communique-issued-soviet";
const TREATY: &str = "1961-07-06-treaty-friendship-co-operation-mutual";
const QUOTE: &str = "Korean armistice played a significant role";

/// A workspace folder of its own, and optionally a corpus copy.
struct Env {
    ws: tempfile::TempDir,
    corpus: Option<tempfile::TempDir>,
}

impl Env {
    fn new() -> Env {
        Env {
            ws: tempfile::tempdir().expect("temp dir"),
            corpus: None,
        }
    }

    fn with_corpus() -> Env {
        Env {
            corpus: Some(cli_support::corpus_copy(&["documents", "raw", "overlays"])),
            ..Env::new()
        }
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("lectern").expect("binary is built");
        cmd.env_remove("LECTERN_CORPUS")
            .env("LECTERN_WORKSPACE", self.ws.path());
        if let Some(c) = &self.corpus {
            cmd.arg("--corpus").arg(c.path());
        }
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        cli_support::stdout(self.cmd().args(args))
    }

    /// `note add AT --quote QUOTE REST…`: a highlight (with a note or a colour in `rest`).
    fn quote(&self, at: &str, quote: &str, rest: &[&str]) -> String {
        let mut args = vec!["note", "add", at, "--quote", quote];
        args.extend_from_slice(rest);
        self.run(&args)
    }

    fn notes_json(&self, id: &str) -> serde_json::Value {
        serde_json::from_str(&self.run(&["notes", id, "--json"])).expect("json")
    }

    fn doc_file(&self, id: &str) -> PathBuf {
        self.ws.path().join("documents").join(format!("{id}.toml"))
    }

    /// Rewrites a corpus document as a re-import that changed its text would.
    fn edit_document(&self, id: &str, from: &str, to: &str) {
        let path = self
            .corpus
            .as_ref()
            .expect("a corpus copy")
            .path()
            .join("documents")
            .join(format!("{id}.toml"));
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{from}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_note_on_a_quote_is_kept_listed_and_removed() {
    let env = Env::new();
    let out = env.quote(
        &format!("{COMMUNIQUE}#2"),
        QUOTE,
        &["The", "*key*", "claim."],
    );
    assert_eq!(
        out,
        format!("note m1 added to {COMMUNIQUE} on block 2 (en)\n")
    );
    let listed = env.run(&["notes"]);
    assert_eq!(
        listed,
        format!("{COMMUNIQUE}\tm1\t¶ 2 (en)\tnote\t{QUOTE}\tThe *key* claim.\n")
    );
    let json = env.notes_json(COMMUNIQUE);
    let mark = &json[0]["marks"][0];
    assert_eq!(mark["anchor"]["quote"], QUOTE);
    assert_eq!(mark["located"]["how"], "in_place");
    assert_eq!(mark["pinpoint"], "¶ 2");
    assert!(
        mark["citation"]
            .as_str()
            .is_some_and(|c| c.contains("para. 2")),
        "{mark}"
    );
    env.run(&["note", "remove", COMMUNIQUE, "m1"]);
    assert_eq!(env.run(&["notes"]), "");
    env.cmd()
        .args(["note", "remove", COMMUNIQUE, "m1"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "has no note, highlight or bookmark 'm1'",
        ));
}

#[test]
fn note_add_takes_id_block_a_whole_block_a_document_and_a_colour() {
    let env = Env::new();
    env.run(&[
        "note",
        "add",
        COMMUNIQUE,
        "3",
        "--quote",
        "国际会议",
        "--colour",
        "blue",
    ]);
    env.run(&["note", "add", COMMUNIQUE, "4"]);
    env.run(&["note", "add", COMMUNIQUE, "On", "the", "whole", "document"]);
    let listed = env.run(&["notes", COMMUNIQUE]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 3, "{listed}");
    assert!(
        lines[0].contains("\tm1\t¶ 3 (zh)\thighlight blue\t国际会议\t"),
        "{listed}"
    );
    assert!(
        lines[1].contains("\tm2\t¶ 4 (zh)\thighlight yellow\t"),
        "{listed}"
    );
    assert!(
        lines[2].ends_with("\tm3\tdocument\tnote\t\tOn the whole document"),
        "{listed}"
    );
}

#[test]
fn bad_note_arguments_are_refused_with_what_to_write() {
    let env = Env::new();
    let fails = |args: &[&str], says: &str| {
        env.cmd()
            .args(args)
            .assert()
            .failure()
            .stderr(predicate::str::contains(says.to_string()));
    };
    fails(
        &["note", "add", "no-such-doc#1", "x"],
        "no document with id 'no-such-doc'",
    );
    fails(
        &["note", "add", &format!("{COMMUNIQUE}#99"), "x"],
        "has no block 99",
    );
    fails(
        &[
            "note",
            "add",
            &format!("{COMMUNIQUE}#2"),
            "--quote",
            "not in the text",
        ],
        "does not contain the quote",
    );
    fails(
        &["note", "add", COMMUNIQUE, "--quote", QUOTE],
        "--quote needs a block",
    );
    fails(&["note", "add", COMMUNIQUE], "nothing to keep");
    fails(
        &[
            "note",
            "add",
            &format!("{COMMUNIQUE}#2"),
            "--colour",
            "mauve",
        ],
        "unknown colour 'mauve'",
    );
    // Nothing was written by the refusals.
    assert!(!env.ws.path().join("documents").exists());
}

#[test]
fn bookmarks_tags_collections_and_recent_are_scriptable() {
    let env = Env::new();
    assert_eq!(
        env.run(&["bookmark", &format!("{TREATY}#3")]),
        format!("bookmark b1 on block 3 of {TREATY}\n")
    );
    // The same block again keeps the one bookmark.
    assert_eq!(
        env.run(&["bookmark", TREATY, "3"]),
        format!("bookmark b1 on block 3 of {TREATY}\n")
    );
    assert!(env.run(&["notes", TREATY]).contains("\tb1\t"));
    assert_eq!(
        env.run(&["tag", COMMUNIQUE, "armistice", "1956"]),
        format!("{COMMUNIQUE}\tarmistice,1956\n")
    );
    assert_eq!(
        env.run(&["tag", COMMUNIQUE, "--remove", "1956"]),
        format!("{COMMUNIQUE}\tarmistice\n")
    );
    assert_eq!(
        env.run(&["tag", COMMUNIQUE]),
        format!("{COMMUNIQUE}\tarmistice\n")
    );
    env.cmd()
        .args(["tag", COMMUNIQUE, "two words"])
        .assert()
        .failure();
    assert_eq!(
        env.run(&["collection", "add", "thesis", COMMUNIQUE, TREATY]),
        "thesis: 2 added, 2 in all\n"
    );
    assert_eq!(
        env.run(&["collections"]),
        format!("thesis\t2\t{COMMUNIQUE},{TREATY}\n")
    );
    assert_eq!(
        env.run(&["collection", "remove", "thesis", TREATY]),
        "thesis: 1 removed, 1 left\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["collections", "--json"])).expect("json");
    assert_eq!(json["thesis"], serde_json::json!([COMMUNIQUE]));
    env.cmd()
        .args(["collection", "add", "thesis", "no-such-doc"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no document with id 'no-such-doc'",
        ));
    assert_eq!(
        env.run(&["collection", "delete", "thesis"]),
        "deleted the collection thesis\n"
    );
    assert_eq!(env.run(&["collections"]), "");
    env.cmd()
        .args(["collection", "delete", "thesis"])
        .assert()
        .failure();
    // Nothing read in the reader yet.
    assert_eq!(env.run(&["recent"]), "");
    let library = std::fs::read_to_string(env.ws.path().join("library.toml")).expect("library");
    assert!(library.starts_with("schema = 1\n"), "{library}");
}

#[test]
fn export_writes_bibtex_and_csl_json_of_a_collection() {
    let env = Env::new();
    env.run(&["collection", "add", "thesis", COMMUNIQUE, TREATY]);
    let bib = env.run(&["export", "collection", "thesis", "--format", "bibtex"]);
    assert_eq!(
        bib.matches("\n@").count() + usize::from(bib.starts_with('@')),
        2,
        "{bib}"
    );
    let csl: serde_json::Value =
        serde_json::from_str(&env.run(&["export", "collection", "thesis", "--format", "csl-json"]))
            .expect("json");
    assert_eq!(csl.as_array().map(Vec::len), Some(2));
    env.cmd()
        .args(["export", "collection", "nothing", "--format", "bibtex"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no collection is named 'nothing'"));
}

#[test]
fn export_to_a_folder_writes_one_markdown_file_per_document_with_front_matter() {
    let env = Env::new();
    env.quote(&format!("{COMMUNIQUE}#2"), QUOTE, &["A note."]);
    env.run(&["note", "add", &format!("{TREATY}#20"), "On the treaty."]);
    let out = tempfile::tempdir().expect("temp");
    let said = env.run(&[
        "export",
        "notes",
        "--out",
        &out.path().display().to_string(),
    ]);
    assert!(said.starts_with("wrote 2 files"), "{said}");
    assert_eq!(
        files_in(out.path()),
        vec![format!("{COMMUNIQUE}.md"), format!("{TREATY}.md")]
    );
    let md = std::fs::read_to_string(out.path().join(format!("{TREATY}.md"))).expect("md");
    assert!(md.starts_with("---\ntitle: "), "{md}");
    assert!(md.contains(&format!("lectern_id: \"{TREATY}\"\n")), "{md}");
    // A treaty is cited by article.
    assert!(md.contains("· art. "), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["export", "notes", "--format", "json"])).expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(2));
}

/// The golden file: `UPDATE_GOLDEN=1 cargo test --test workspace_cli` rewrites it.
#[test]
fn markdown_export_matches_the_golden_file() {
    let env = Env::new();
    env.quote(
        &format!("{COMMUNIQUE}#2"),
        QUOTE,
        &[
            "--colour",
            "green",
            "Key claim: the *armistice* as a stabiliser.",
        ],
    );
    env.quote(
        &format!("{COMMUNIQUE}#3"),
        "国际会议",
        &["--colour", "blue"],
    );
    env.run(&["note", "add", COMMUNIQUE, "Read with the 1961 treaty."]);
    env.run(&["bookmark", &format!("{COMMUNIQUE}#4")]);
    env.quote(
        &format!("{TREATY}#20"),
        "not to enter into any alliance",
        &["The core of article 2."],
    );
    env.run(&["tag", COMMUNIQUE, "armistice"]);
    env.run(&["collection", "add", "thesis", COMMUNIQUE, TREATY]);
    let md = env.run(&[
        "export",
        "collection",
        "thesis",
        "--format",
        "markdown",
        "--style",
        "chicago-note",
    ]);
    let golden = repo().join("tests/golden/workspace_export.md");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().expect("parent")).expect("mkdir");
        std::fs::write(&golden, &md).expect("write golden");
    }
    let want = std::fs::read_to_string(&golden).expect("golden file (UPDATE_GOLDEN=1 makes it)");
    assert_eq!(md, want);
}

#[test]
fn a_change_before_the_highlight_keeps_it_in_place() {
    let env = Env::with_corpus();
    env.quote(&format!("{COMMUNIQUE}#2"), QUOTE, &["--colour", "pink"]);
    let before = env.notes_json(COMMUNIQUE)[0]["marks"][0]["located"].clone();
    assert_eq!(before["how"], "in_place");
    // The re-imported text words the sentence before the highlight differently.
    env.edit_document(
        COMMUNIQUE,
        "Xinhua News Agency, Moscow, July 13th: ",
        "Xinhua News Agency reports from Moscow on the thirteenth of July: ",
    );
    let mark = env.notes_json(COMMUNIQUE)[0]["marks"][0].clone();
    assert_eq!(mark["orphaned"], false, "{mark}");
    assert_eq!(mark["located"]["block"], 2);
    assert_eq!(mark["located"]["how"], "same_block");
    let start = mark["located"]["start"].as_u64().expect("start");
    assert!(start > before["start"].as_u64().expect("start"), "{mark}");
    // A new block before it moves it one block down, still found.
    env.edit_document(COMMUNIQUE, "[[blocks]]\nkind = \"paragraph\"", "[[blocks]]\nkind = \"paragraph\"\n\n[blocks.text]\nen = \"An editor's new paragraph.\"\n\n[[blocks]]\nkind = \"paragraph\"");
    let mark = env.notes_json(COMMUNIQUE)[0]["marks"][0].clone();
    assert_eq!(
        (mark["located"]["block"].as_u64(), mark["pinpoint"].as_str()),
        (Some(3), Some("¶ 3")),
        "{mark}"
    );
    env.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 orphaned"));
}

#[test]
fn a_highlight_whose_text_is_removed_is_kept_and_shown_as_orphaned() {
    let env = Env::with_corpus();
    env.quote(&format!("{COMMUNIQUE}#2"), QUOTE, &["Still mine."]);
    env.edit_document(
        COMMUNIQUE,
        "the Korean armistice played a significant role in easing tensions in Asia and worldwide",
        "the talks went well",
    );
    let listed = env.run(&["notes", COMMUNIQUE]);
    assert_eq!(
        listed,
        format!("{COMMUNIQUE}\tm1\torphaned (was ¶ 2)\tnote\t{QUOTE}\tStill mine.\n")
    );
    let mark = env.notes_json(COMMUNIQUE)[0]["marks"][0].clone();
    assert_eq!(mark["orphaned"], true);
    assert!(mark["located"].is_null());
    let md = env.run(&["export", "notes", COMMUNIQUE]);
    assert!(
        md.contains("orphaned (was ¶ 2)") && md.contains(&format!("> {QUOTE}")),
        "{md}"
    );
    // check tells of it at the mark's line, and does not fail for it.
    let path = env.doc_file(COMMUNIQUE);
    env.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 orphaned"))
        .stderr(predicate::str::contains(format!(
            "{}:4: m1 is orphaned",
            path.display()
        )));
    // The stored anchor is untouched.
    let file = std::fs::read_to_string(&path).expect("file");
    assert!(file.contains(&format!("quote = \"{QUOTE}\"")), "{file}");
}

#[test]
fn a_corrupt_file_is_reported_kept_aside_on_write_and_never_overwritten() {
    let env = Env::new();
    env.run(&["note", "add", COMMUNIQUE, "first note"]);
    let path = env.doc_file(COMMUNIQUE);
    let garbage = "schema = 1\nid = \"x\"\n[[marks]]\nid = \n";
    std::fs::write(&path, garbage).expect("write");
    // Reading reports file and line, and changes nothing.
    env.cmd()
        .args(["notes", COMMUNIQUE])
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("{}:4:", path.display())));
    env.cmd()
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("{}:4:", path.display())));
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some(garbage)
    );
    // Writing keeps it aside under a new name first, and says where.
    let assert = env
        .cmd()
        .args(["note", "add", COMMUNIQUE, "second note"])
        .assert()
        .success();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("the file was kept as"), "{err}");
    let aside: Vec<String> = files_in(&env.ws.path().join("documents"))
        .into_iter()
        .filter(|n| n.contains(".bak-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let kept = env.ws.path().join("documents").join(&aside[0]);
    assert_eq!(
        std::fs::read_to_string(&kept).ok().as_deref(),
        Some(garbage)
    );
    assert!(env.run(&["notes", COMMUNIQUE]).contains("second note"));
    env.cmd()
        .arg("check")
        .assert()
        .success()
        .stderr(predicate::str::contains("kept aside after a parse error"));
}

#[test]
fn a_file_from_a_newer_schema_is_reported_not_read_and_not_replaced() {
    let env = Env::new();
    let path = env.doc_file(COMMUNIQUE);
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    let newer = format!("schema = 9\nid = \"{COMMUNIQUE}\"\n");
    std::fs::write(&path, &newer).expect("write");
    env.cmd()
        .args(["notes", COMMUNIQUE])
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!(
            "{}:1: schema 9",
            path.display()
        )));
    assert_eq!(std::fs::read_to_string(&path).ok(), Some(newer));
}

#[test]
fn a_write_killed_before_its_rename_leaves_the_last_good_file() {
    let env = Env::new();
    env.run(&["note", "add", COMMUNIQUE, "the good note"]);
    let path = env.doc_file(COMMUNIQUE);
    let good = std::fs::read_to_string(&path).expect("good");
    // What a run killed mid-write leaves: half a temporary beside the file (a PID no process has).
    let stale = path.with_file_name(format!("{COMMUNIQUE}.toml.4294967295.tmp"));
    std::fs::write(&stale, &good[..good.len() / 2]).expect("write");
    assert!(env.run(&["notes"]).contains("the good note"));
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some(good.as_str())
    );
    // The next write sweeps it and keeps the good note.
    env.run(&["note", "add", COMMUNIQUE, "another"]);
    assert!(!stale.exists());
    let listed = env.run(&["notes"]);
    assert!(
        listed.contains("the good note") && listed.contains("another"),
        "{listed}"
    );
}

#[test]
fn writers_killed_at_any_moment_never_leave_a_broken_file() {
    let env = Env::new();
    env.run(&["note", "add", COMMUNIQUE, "n0"]);
    let path = env.doc_file(COMMUNIQUE);
    let mut count = 1;
    let bin = assert_cmd::cargo::cargo_bin("lectern");
    for i in 0..12u64 {
        let mut child = std::process::Command::new(&bin)
            .env("LECTERN_WORKSPACE", env.ws.path())
            .env_remove("LECTERN_CORPUS")
            .args(["note", "add", COMMUNIQUE, &format!("n{i}")])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        // Kill at a different moment each time: before, during or after the save.
        std::thread::sleep(std::time::Duration::from_millis(i * 15));
        let _ = child.kill();
        let _ = child.wait();
        let text = std::fs::read_to_string(&path).expect("the file is always there");
        let doc: toml::Value = toml::from_str(&text).expect("the file always parses");
        let now = doc["marks"].as_array().map_or(0, Vec::len);
        assert!(now == count || now == count + 1, "{count} → {now}");
        count = now;
    }
}

#[test]
fn nothing_from_a_note_reaches_the_terminal_as_a_control_sequence() {
    let env = Env::new();
    env.run(&["note", "add", COMMUNIQUE, "evil\u{1b}[2Jtext"]);
    for args in [
        vec!["notes"],
        vec!["export", "notes"],
        vec!["notes", "--json"],
    ] {
        let out = env
            .cmd()
            .args(&args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(!out.contains(&0x1b), "{args:?}");
    }
}

#[test]
fn one_file_export_goes_to_the_file_named() {
    let env = Env::new();
    env.quote(&format!("{COMMUNIQUE}#2"), QUOTE, &["A note."]);
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("all.md");
    let said = env.run(&[
        "export",
        "notes",
        "--one-file",
        "--out",
        &file.display().to_string(),
    ]);
    assert_eq!(said, format!("wrote {}\n", file.display()));
    let md = std::fs::read_to_string(&file).expect("md");
    assert!(
        md.starts_with("---\ntitle: \"lectern notes\"\ndocuments: 1\n---\n"),
        "{md}"
    );
    assert!(md.contains(&format!("> {QUOTE}\n")), "{md}");
}
