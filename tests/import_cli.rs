//! `lectern import` on the real binary: `--explain`, a batch with its summary table, a failing
//! file inside a batch, and re-importing under the same id.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn lectern() -> Command {
    Command::cargo_bin("lectern").expect("binary")
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(rel)
}

#[test]
fn explain_prints_the_decision_the_candidates_and_the_removed_chrome() {
    let dir = tempfile::tempdir().expect("temp");
    lectern()
        .arg("--corpus")
        .arg(dir.path())
        .args(["import", "--explain"])
        .arg(fixture("news/kcna_calendar.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("family: news agency or embassy"))
        .stdout(predicate::str::contains(
            "because it has an agency dateline",
        ))
        .stdout(predicate::str::contains("title candidates:"))
        .stdout(predicate::str::contains(
            "\"Delegation of Friendship Society Leaves for Home\"",
        ))
        .stdout(predicate::str::contains("date 2013-07-18"))
        .stdout(predicate::str::contains("[teaser list] More from KCNA"))
        .stdout(predicate::str::contains("[end mark] -0-"))
        .stdout(predicate::str::contains(
            "[menu] Home | News | Photo | Video | Archive",
        ));
    assert!(
        !dir.path().join("documents").exists(),
        "--explain writes nothing"
    );
}

#[test]
fn a_batch_prints_a_summary_and_a_bad_file_fails_alone() {
    let src = tempfile::tempdir().expect("temp");
    for rel in ["wilson/current_telegram.txt", "treaty/russian_treaty.txt"] {
        let from = fixture(rel);
        std::fs::copy(&from, src.path().join(from.file_name().expect("name"))).expect("copy");
    }
    // Only chrome: no document text.
    std::fs::write(
        src.path().join("empty_page.txt"),
        "Skip to content\nHome | News | About | Help\n",
    )
    .expect("write");
    let corpus = tempfile::tempdir().expect("temp");
    lectern()
        .arg("--corpus")
        .arg(corpus.path())
        .arg("import")
        .arg(src.path())
        .assert()
        .failure()
        .stdout(predicate::str::contains(
            "file\tid\tkind\tdate\ttitle\tconfidence\twarnings",
        ))
        .stdout(predicate::str::contains(
            "\ttelegram\t1949-11-03\tCiphered Telegram, Shtykov to Vyshinsky\t",
        ))
        .stdout(predicate::str::contains("\ttreaty\t1961-07-06\t"))
        .stdout(predicate::str::contains("FAILED"))
        .stdout(predicate::str::contains("2 of 3 files imported"))
        .stderr(predicate::str::contains(
            "empty_page.txt:1: no document text found",
        ));
    let written = std::fs::read_dir(corpus.path().join("documents"))
        .expect("documents")
        .count();
    assert_eq!(
        written, 2,
        "the good files are imported despite the bad one"
    );
}

#[test]
fn reimporting_a_changed_raw_file_keeps_its_id() {
    let src = tempfile::tempdir().expect("temp");
    let file = src.path().join("note.txt");
    std::fs::write(
        &file,
        "Notes on the archive visit\n\nThe reading room opens at nine.\n",
    )
    .expect("write");
    let corpus = tempfile::tempdir().expect("temp");
    let import = || {
        lectern()
            .arg("--corpus")
            .arg(corpus.path())
            .arg("import")
            .arg(&file)
            .assert()
            .success();
    };
    import();
    // The page is corrected: a new title would make a new id, but the document keeps its own.
    std::fs::write(
        &file,
        "Notes on a second visit\n\nThe reading room opens at ten.\n",
    )
    .expect("write");
    import();
    let docs: Vec<String> = std::fs::read_dir(corpus.path().join("documents"))
        .expect("documents")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(docs, vec!["undated-notes-archive-visit.toml".to_string()]);
    let text =
        std::fs::read_to_string(corpus.path().join("documents").join(&docs[0])).expect("read");
    assert!(text.contains("opens at ten"), "the document is updated");
}

#[test]
fn two_raw_files_with_the_same_id_get_distinct_ids() {
    let src = tempfile::tempdir().expect("temp");
    for name in ["a.txt", "b.txt"] {
        std::fs::write(
            src.path().join(name),
            "Notes on the archive visit\n\nThe room opens at nine.\n",
        )
        .expect("write");
    }
    let corpus = tempfile::tempdir().expect("temp");
    lectern()
        .arg("--corpus")
        .arg(corpus.path())
        .arg("import")
        .arg(src.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("undated-notes-archive-visit\t"))
        .stdout(predicate::str::contains("undated-notes-archive-visit-2\t"));
}

#[test]
fn an_html_page_imports_like_its_text() {
    lectern()
        .args(["import", "--dry-run"])
        .arg(fixture("html/wilson_page.html"))
        .assert()
        .success()
        .stdout(predicate::str::contains("kind = \"telegram\""))
        .stdout(predicate::str::contains(
            "Ciphered Telegram, Shtykov to Stalin",
        ))
        .stdout(predicate::str::contains("tracking").not());
}
