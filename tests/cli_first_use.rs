//! What a new user meets on the command line, through the real binary: `check` works from any
//! directory, `show` gives the source and footnote marks and refuses a language the document
//! lacks, wrong names get the close matches, `--help` explains every argument, the reader says
//! in one line that it needs a terminal, and completions and the man page come from the
//! argument definitions.

use assert_cmd::Command;

const JOURNAL: &str = "1960-09-14-journal-soviet-ambassador-dprk";
const TREATY: &str = "1961-07-06-treaty-friendship-co-operation-mutual";
const PEOPLES_DAILY: &str = "1956-07-14-joint-communique-issued-soviet";

fn lectern() -> Command {
    let mut cmd = Command::cargo_bin("lectern").expect("binary is built");
    cmd.env_remove("LECTERN_CORPUS");
    cmd
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = lectern().args(args).output().expect("run");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_outside_the_repository_checks_the_bundled_corpus() {
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let out = lectern()
        .current_dir(elsewhere.path())
        .arg("check")
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("bundled corpus: 5 documents valid"),
        "{stdout}"
    );
}

#[test]
fn show_prints_the_source_and_footnote_marks() {
    let (ok, out, _) = run(&["show", JOURNAL]);
    assert!(ok);
    assert!(
        out.contains("source: Wilson Center Digital Archive"),
        "{out}"
    );
    assert!(
        out.contains("archive: AVPRF fond 0102, opis 16, delo 7"),
        "{out}"
    );
    assert!(out.contains("by Gary Goldberg"), "{out}");
    assert!(out.contains("author: A. M. Puzanov"), "{out}");

    let (ok, out, _) = run(&["show", TREATY]);
    assert!(ok);
    assert!(!out.contains("[^"), "a raw footnote marker: {out}");
    assert!(out.contains("ASSISTANCE¹"), "{out}");
    assert!(out.contains("\n¹ (block 6) "), "{out}");
    // An inferred fact says so.
    assert!(out.contains("page: 760 (inferred"), "{out}");
}

#[test]
fn show_in_a_language_the_document_lacks_fails_and_says_which_it_has() {
    let (ok, out, err) = run(&["show", PEOPLES_DAILY, "--lang", "ru"]);
    assert!(!ok);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("no Russian text") && err.contains("zh, en"),
        "{err}"
    );
}

#[test]
fn wrong_names_get_the_close_matches() {
    let (ok, _, err) = run(&["show", "1956"]);
    assert!(!ok);
    assert!(
        err.contains(&format!("did you mean: {PEOPLES_DAILY}")),
        "{err}"
    );

    let (ok, _, err) = run(&["entity", "Kim"]);
    assert!(!ok);
    for name in ["Kim Il Sung", "Kim Jong Il", "Kim Jong Un"] {
        assert!(err.contains(name), "{err}");
    }
    let (ok, _, err) = run(&["entity", "Treaty of Friendship"]);
    assert!(!ok);
    assert!(err.contains("(treaty-1961)"), "{err}");
}

#[test]
fn help_describes_every_argument_and_lists_the_styles() {
    let (_, show, _) = run(&["show", "--help"]);
    assert!(
        show.contains("<ID>") && show.contains("Document id"),
        "{show}"
    );
    let (_, entity, _) = run(&["entity", "--help"]);
    assert!(
        entity.contains("<NAME>") && entity.contains("a name in any language"),
        "{entity}"
    );
    let (_, search, _) = run(&["search", "--help"]);
    assert!(search.contains("at most this many hits"), "{search}");
    assert!(search.contains("as one JSON object"), "{search}");
    let (_, cite, _) = run(&["cite", "--help"]);
    for style in lectern::cite::Style::ALL {
        assert!(
            cite.contains(style.code()),
            "{} not listed:\n{cite}",
            style.code()
        );
    }
    // Aliases and any case still work.
    let (ok, out, err) = run(&["cite", TREATY, "--style", "OSCOLA"]);
    assert!(ok, "{err}");
    assert!(out.contains("UNTS No. 6045"), "{out}");
}

#[test]
fn the_reader_without_a_terminal_says_so_in_one_plain_line() {
    let out = lectern().write_stdin("").output().expect("run");
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "{:?}", out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(!err.contains('\u{1b}'), "an escape code: {err:?}");
}

#[test]
fn completions_and_the_man_page_come_from_the_argument_definitions() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (ok, out, err) = run(&["completions", shell]);
        assert!(ok, "{shell}: {err}");
        // Every subcommand and a style value are there.
        for word in ["search", "cite", "entity", "chicago-note"] {
            assert!(out.contains(word), "{shell} completion lacks {word}");
        }
    }
    let (ok, man, _) = run(&["man"]);
    assert!(ok);
    assert!(
        man.starts_with(".ie") || man.contains(".TH lectern"),
        "{man}"
    );
    assert!(
        man.contains("completions") && man.contains("search"),
        "{man}"
    );
}
