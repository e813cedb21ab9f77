//! The real binary, as a user or a script runs it.

mod cli_support;
use cli_support::{json, repo, stdout};

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

const PEOPLES_DAILY: &str = "1956-07-14-joint-communique-issued-soviet";

fn lectern() -> Command {
    let mut cmd = Command::cargo_bin("lectern").expect("binary is built");
    // Never pick up a corpus from the environment of whoever runs the tests.
    cmd.env_remove("LECTERN_CORPUS");
    cmd
}

/// The corpus folders these tests change or read.
fn corpus_copy() -> tempfile::TempDir {
    cli_support::corpus_copy(&["documents", "raw", "overlays"])
}

#[test]
fn list_prints_one_tab_separated_line_per_document_in_date_order() {
    let text = stdout(lectern().arg("list"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|l| l.split('\t').count() == 5));
    let dates: Vec<&str> = lines
        .iter()
        .map(|l| l.split('\t').next().unwrap_or_default())
        .collect();
    assert_eq!(
        dates,
        [
            "1956-07-14",
            "1960-09-14",
            "1961-07-06",
            "2021",
            "2022-08-05"
        ]
    );
    assert!(lines[0].contains("\tarticle\tzh,en\t"));
}

#[test]
fn list_json_is_an_array_of_documents() {
    let rows = json(lectern().args(["list", "--json"]));
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[2]["kind"], "treaty");
    assert_eq!(
        rows[2]["title"]["fr"],
        "Traité d'amitié, de coopération et d'assistance mutuelle"
    );
}

#[test]
fn list_json_says_which_dates_are_inferred_and_why() {
    let rows = json(lectern().args(["list", "--json"]));
    let rows = rows.as_array().expect("array");
    for row in rows {
        let inferred = row["id"] == "2021-historic-event-propelling-dprk-russia";
        assert_eq!(row["date_inferred"], inferred, "{row}");
        let reason = row["date_inferred_reason"].as_str().unwrap_or_default();
        assert_eq!(reason.contains("72 years ago"), inferred, "{row}");
    }
}

#[test]
fn list_into_a_closed_pipe_exits_cleanly() {
    let bin = assert_cmd::cargo::cargo_bin("lectern");
    let out = std::process::Command::new("bash")
        .args([
            "-c",
            &format!("set -o pipefail; {} list | head -1", bin.display()),
        ])
        .env_remove("LECTERN_CORPUS")
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn show_prints_numbered_blocks_in_the_chosen_language() {
    lectern()
        .args(["show", PEOPLES_DAILY, "--lang", "zh"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[2] zh: 新华社莫斯科13日电"))
        .stdout(predicate::str::contains("Xinhua").not());
    lectern()
        .args(["show", PEOPLES_DAILY])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("[2] zh: 新华社莫斯科13日电")
                .and(predicate::str::contains("[2] en: Xinhua News Agency")),
        );
}

#[test]
fn show_json_round_trips_the_document() {
    let out = stdout(lectern().args(["show", PEOPLES_DAILY, "--json"]));
    let doc: lectern::model::Document = serde_json::from_str(&out).expect("a document");
    assert_eq!(doc.id, PEOPLES_DAILY);
    assert_eq!(doc.blocks.len(), 10);
}

#[test]
fn an_unknown_id_is_an_error_on_stderr() {
    lectern()
        .args(["show", "no-such-document"])
        .assert()
        .failure()
        .stdout("")
        .stderr(predicate::str::contains(
            "no document with id 'no-such-document'",
        ));
}

#[test]
fn check_accepts_the_bundled_corpus() {
    lectern()
        .arg("check")
        .arg(repo().join("corpus"))
        .assert()
        .success()
        .stdout(predicate::str::contains("5 documents valid, 0 problems"));
}

#[test]
fn check_names_file_and_line_of_a_malformed_document_and_the_rest_still_load() {
    let dir = corpus_copy();
    let bad = dir
        .path()
        .join("documents/1960-09-14-journal-soviet-ambassador-dprk.toml");
    let text = std::fs::read_to_string(&bad).expect("read");
    // Break the date of the document: a month that does not exist.
    let broken = text.replacen("date = \"1960-09-14\"", "date = \"1960-13-14\"", 1);
    assert_ne!(text, broken);
    std::fs::write(&bad, &broken).expect("write");
    let line = broken
        .lines()
        .position(|l| l.contains("1960-13-14"))
        .expect("line")
        + 1;
    lectern()
        .arg("check")
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!(
            "1960-09-14-journal-soviet-ambassador-dprk.toml:{line}: "
        )))
        .stderr(predicate::str::contains("1960-13-14"))
        .stdout(predicate::str::contains("4 documents valid, 1 problem"));
    // The other commands still open the valid documents and say what was skipped.
    lectern()
        .arg("--corpus")
        .arg(dir.path())
        .arg("list")
        .assert()
        .success()
        .stderr(predicate::str::contains("1 problem in the corpus"))
        .stdout(predicate::function(|s: &str| s.lines().count() == 4));
}

#[test]
fn check_reports_a_footnote_anchored_in_the_wrong_block() {
    let dir = corpus_copy();
    let path = dir
        .path()
        .join("documents/1961-07-06-treaty-friendship-co-operation-mutual.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    let broken = text.replace("block = 6", "block = 7");
    std::fs::write(&path, &broken).expect("write");
    lectern()
        .arg("check")
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "1961-07-06-treaty-friendship-co-operation-mutual.toml:",
        ))
        .stderr(predicate::str::contains("footnote"));
}

#[test]
fn reimporting_the_raw_sources_reproduces_the_corpus() {
    let dir = corpus_copy();
    std::fs::remove_dir_all(dir.path().join("documents")).expect("clear documents");
    let raws: Vec<PathBuf> = std::fs::read_dir(dir.path().join("raw"))
        .expect("raw")
        .map(|e| e.expect("entry").path())
        .collect();
    lectern()
        .arg("--corpus")
        .arg(dir.path())
        .arg("import")
        .args(&raws)
        .assert()
        .success();
    for entry in std::fs::read_dir(repo().join("corpus/documents")).expect("documents") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name");
        let fresh =
            std::fs::read_to_string(dir.path().join("documents").join(name)).unwrap_or_default();
        assert_eq!(
            fresh,
            std::fs::read_to_string(&path).expect("read"),
            "{} differs after re-import",
            name.to_string_lossy()
        );
    }
}

#[test]
fn import_dry_run_prints_the_document_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp");
    lectern()
        .arg("--corpus")
        .arg(dir.path())
        .args(["import", "--dry-run"])
        .arg(repo().join("corpus/raw/004_df94f2d4f29a19fa.txt"))
        .assert()
        .success()
        .stdout(
            predicate::str::contains("kind = \"treaty\"").and(predicate::str::contains("(unts)")),
        );
    assert!(!dir.path().join("documents").exists());
}

#[test]
fn import_of_an_unreadable_file_names_it_and_fails() {
    lectern()
        .args(["import", "--dry-run", "/nonexistent/seed.txt"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("/nonexistent/seed.txt"));
}

#[test]
fn corpus_from_the_environment_is_opened() {
    let dir = corpus_copy();
    std::fs::remove_file(
        dir.path()
            .join("documents/2021-historic-event-propelling-dprk-russia.toml"),
    )
    .expect("rm");
    let out = lectern()
        .env("LECTERN_CORPUS", dir.path())
        .arg("list")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8_lossy(&out).lines().count(), 4);
}
