//! Bounded work and no lost state on bad files (issue 11): FIFOs, devices, huge files and
//! invalid UTF-8 are reported with the file and why, never read without end; temporaries of
//! killed runs are swept; unknown theme names are reported.

use assert_cmd::Command;
use lectern::tui::positions::{Position, PositionStore};
use std::path::Path;
use std::time::Duration;

/// Long enough for a debug binary on a loaded machine; a hang would be killed here instead of
/// hanging the suite.
const HANG: Duration = Duration::from_secs(60);

/// A reading position: the cursor's block and the top block.
fn at(block: usize, top: usize) -> Position {
    Position {
        block: lectern::model::BlockNo(block),
        top: lectern::model::BlockNo(top),
    }
}

fn lectern(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lectern").expect("binary is built");
    cmd.env_remove("LECTERN_CORPUS")
        .env("HOME", home)
        .env("LECTERN_INDEX_DIR", home.join("index"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .timeout(HANG);
    cmd
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

const GOOD: &str = "id = \"good\"\nkind = \"post\"\n[title]\nen = \"Good\"\n[source]\nkind = \"web\"\nraw = \"raw/good.txt\"\n[[blocks]]\nkind = \"paragraph\"\n[blocks.text]\nen = \"words\"\n";

/// A corpus with one good document and `bad` beside it.
fn corpus_with(bad: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("documents")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("raw")).expect("mkdir");
    std::fs::write(dir.path().join("raw/good.txt"), "words\n").expect("write");
    std::fs::write(dir.path().join("documents/good.toml"), GOOD).expect("write");
    bad(&dir.path().join("documents"));
    dir
}

/// The commands that load the corpus go on with the rest: `list` shows the good document.
fn still_lists_the_good_one(corpus: &Path) {
    let home = tempfile::tempdir().expect("home");
    let list = lectern(home.path())
        .arg("--corpus")
        .arg(corpus)
        .arg("list")
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&list.stdout).contains("\tgood\t"));
}

fn check_output(corpus: &Path) -> (bool, String, String) {
    let home = tempfile::tempdir().expect("home");
    let out = lectern(home.path())
        .arg("check")
        .arg(corpus)
        .output()
        .expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_fifo_among_the_documents_is_reported_not_waited_on() {
    let corpus = corpus_with(|docs| mkfifo(&docs.join("x.toml")));
    let (ok, stdout, stderr) = check_output(corpus.path());
    assert!(!ok);
    assert!(
        stderr.contains("x.toml: not a regular file (a FIFO)"),
        "{stderr}"
    );
    assert!(stdout.contains("1 documents valid, 1 problem"), "{stdout}");
    // And the commands that load the corpus go on with the rest.
    still_lists_the_good_one(corpus.path());
}

#[test]
fn a_symlink_to_dev_zero_is_reported_not_read() {
    let corpus = corpus_with(|docs| {
        std::os::unix::fs::symlink("/dev/zero", docs.join("zero.toml")).expect("symlink")
    });
    let (_, _, stderr) = check_output(corpus.path());
    assert!(
        stderr.contains("zero.toml: not a regular file (a character device)"),
        "{stderr}"
    );
}

#[test]
fn a_huge_document_is_reported_not_read() {
    let corpus = corpus_with(|docs| {
        // Sparse: 65 MiB on paper, nothing on disk.
        let f = std::fs::File::create(docs.join("huge.toml")).expect("create");
        f.set_len(65 << 20).expect("set_len");
    });
    let (_, _, stderr) = check_output(corpus.path());
    assert!(
        stderr.contains("huge.toml: larger than 64 MB; not read"),
        "{stderr}"
    );
}

#[test]
fn a_fifo_in_the_registry_is_reported() {
    let corpus = corpus_with(|docs| {
        let reg = docs.parent().expect("corpus").join("registry");
        std::fs::create_dir_all(&reg).expect("mkdir");
        mkfifo(&reg.join("entities.toml"));
    });
    let (_, _, stderr) = check_output(corpus.path());
    assert!(
        stderr.contains("entities.toml: not a regular file (a FIFO)"),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8_is_reported_at_its_line() {
    let corpus = corpus_with(|docs| {
        let mut bytes = GOOD.replace("good", "bad").into_bytes();
        // Line 4 is `en = "Good"`: break its text.
        let at = bytes.windows(4).position(|w| w == b"Good").expect("title");
        bytes[at] = 0xff;
        std::fs::write(docs.join("bad.toml"), bytes).expect("write");
    });
    let (_, _, stderr) = check_output(corpus.path());
    assert!(stderr.contains("bad.toml:4: not valid UTF-8"), "{stderr}");
}

#[test]
fn import_reports_a_fifo_instead_of_hanging() {
    let home = tempfile::tempdir().expect("home");
    let fifo = home.path().join("source.txt");
    mkfifo(&fifo);
    let out = lectern(home.path())
        .arg("--corpus")
        .arg(home.path().join("corpus"))
        .args(["import", "--dry-run"])
        .arg(&fifo)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("source.txt: not a regular file (a FIFO)"),
        "{stderr}"
    );
}

#[test]
fn a_fifo_for_positions_is_moved_aside_and_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("positions.toml");
    mkfifo(&path);
    let (mut store, warning) = PositionStore::open(path.clone());
    let warning = warning.unwrap_or_default();
    assert!(warning.contains("not a regular file (a FIFO)"), "{warning}");
    assert!(warning.contains("positions.toml.bak-"), "{warning}");
    assert_eq!(store.set("a", at(2, 1)), Ok(()));
    let (store, warning) = PositionStore::open(path);
    assert!(warning.is_none(), "{warning:?}");
    assert_eq!(store.get("a"), Some(at(2, 1)));
}

#[test]
fn an_unreadable_positions_file_is_kept_not_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("positions.toml");
    let bytes: &[u8] = b"[positions.a]\nblock = 3\ntop = 1\n# \xff\xfe not UTF-8\n";
    std::fs::write(&path, bytes).expect("write");
    let (mut store, warning) = PositionStore::open(path.clone());
    let warning = warning.unwrap_or_default();
    assert!(
        warning.contains("positions.toml:4: not valid UTF-8"),
        "{warning}"
    );
    assert_eq!(store.set("b", at(1, 1)), Ok(()));
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".bak-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(kept[0].path()).expect("kept"), bytes);
}

#[test]
fn a_dead_builds_index_directory_is_removed_at_the_next_start() {
    let home = tempfile::tempdir().expect("home");
    let index = home.path().join("index");
    // What a killed build leaves: `.tmp-{fingerprint}-{pid}-{nanos}-{n}`, of a PID no process
    // can have (above the kernel's maximum).
    let dead = index.join(".tmp-0123abcd-4294967295-17-0");
    std::fs::create_dir_all(&dead).expect("mkdir");
    std::fs::write(dead.join("meta.json"), "{}").expect("write");
    lectern(home.path()).arg("index").assert().success();
    assert!(!dead.exists(), "left behind: {}", dead.display());
    // And once more when the index is current (no build): still swept.
    std::fs::create_dir_all(&dead).expect("mkdir");
    lectern(home.path()).arg("index").assert().success();
    assert!(!dead.exists());
}

#[test]
fn unknown_theme_names_and_tables_are_reported() {
    let file = Path::new("theme.toml");
    let mut theme = lectern::tui::theme::Theme::builtin(false);
    let typo = theme
        .layer(file, "[styles]\ntitle = \"bold\"\nheder = \"red\"\n")
        .expect_err("a misspelt style");
    assert_eq!(typo.line, 3, "{typo}");
    assert!(typo.message.contains("unknown style 'heder'"), "{typo}");
    let table = theme
        .layer(file, "[style]\ntitle = \"red\"\n")
        .expect_err("a misspelt table");
    assert!(table.message.contains("style"), "{table}");
}

/// One more byte than a line may hold (`files::limits::LINE`, 1 MiB).
const LONG_LINE: usize = (1 << 20) + 1;

#[test]
fn a_document_line_over_the_limit_is_refused_at_its_line_and_the_rest_loads() {
    let corpus = corpus_with(|docs| {
        // Line 11 is the block's text.
        let bad = GOOD.replace("good", "long").replace(
            "en = \"words\"",
            &format!("en = \"{}\"", "w".repeat(LONG_LINE)),
        );
        std::fs::write(docs.join("long.toml"), bad).expect("write");
    });
    let (ok, stdout, stderr) = check_output(corpus.path());
    assert!(!ok);
    assert!(
        stderr.contains("long.toml:11: a line of 1048584 bytes, over the 1 MB a line may hold"),
        "{stderr}"
    );
    assert!(stdout.contains("1 documents valid, 1 problem"), "{stdout}");
    still_lists_the_good_one(corpus.path());
}

#[test]
fn import_refuses_a_line_over_the_limit_writes_nothing_for_it_and_goes_on() {
    let home = tempfile::tempdir().expect("home");
    let corpus = home.path().join("corpus");
    std::fs::create_dir_all(corpus.join("documents")).expect("mkdir");
    let long = home.path().join("long.txt");
    std::fs::write(
        &long,
        format!("A title\n\n{}\n", "word ".repeat(LONG_LINE / 5 + 1)),
    )
    .expect("write");
    let fine = home.path().join("fine.txt");
    std::fs::write(&fine, "Another title\n\nSome words of text.\n").expect("write");
    let out = lectern(home.path())
        .arg("--corpus")
        .arg(&corpus)
        .arg("import")
        .args([&long, &fine])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("long.txt:3: a line of 1048580 bytes, over the 1 MB a line may hold"),
        "{stderr}"
    );
    let written: Vec<String> = std::fs::read_dir(corpus.join("documents"))
        .expect("documents")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, vec!["undated-another-title.toml"], "{stderr}");
    // The raw source is as it was: nothing of it is lost.
    assert_eq!(std::fs::metadata(&long).expect("kept").len(), 1_048_590);
}

/// The title rule compared every line with every line: 2,000 wrapped lines took 48 s in a
/// debug build, 20,000 would take over an hour. Now a few seconds; the hang guard is the
/// limit, and the work itself is counted in `hardening_work.rs`.
#[test]
fn import_of_twenty_thousand_wrapped_lines_finishes() {
    let home = tempfile::tempdir().expect("home");
    let source = home.path().join("wrapped.txt");
    let line = "word word word word word word word word word word word word word\n";
    std::fs::write(&source, format!("A title\n\n{}", line.repeat(20_000))).expect("write");
    lectern(home.path())
        .arg("--corpus")
        .arg(home.path().join("corpus"))
        .args(["import", "--dry-run"])
        .arg(&source)
        .assert()
        .success();
}
