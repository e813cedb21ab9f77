//! Files added, deleted or renamed take the journal's quick path (the table is not read or
//! written again), and every command answers as a fresh load does: `list --json`, `refs`,
//! `search`, `check` and the problems reported (a parse error with its file and line, a copy
//! of a document under another name). Where the quick path cannot decide (a document the
//! registry names comes or goes) the full refresh answers, just as right.

mod corpus_support;

use corpus_support::{age, seeded_dir, synth_names, write_document, write_text};
use lectern::corpus::cache;
use std::path::Path;

/// A seed document the registry names (its instruments and entities cite it).
const NAMED: &str = "1961-07-06-treaty-friendship-co-operation-mutual";

/// What one command printed, the timing lines taken out of its stderr.
struct Run {
    stdout: String,
    stderr: String,
    timing: String,
}

fn run(dir: &Path, cache_dir: &Path, args: &[&str]) -> Run {
    let out = corpus_support::lectern(dir, cache_dir, &[("LECTERN_TIMING", "1")], args)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let (timing, rest): (Vec<&str>, Vec<&str>) = stderr
        .lines()
        .partition(|l| l.starts_with("lectern: timing"));
    // A fresh cache builds its index first and says so: not an answer of the command.
    let rest: Vec<&str> = rest
        .into_iter()
        .filter(|l| !l.starts_with("lectern: building the search index"))
        .collect();
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: rest.join("\n"),
        timing: timing.join("\n"),
    }
}

/// A search's hits without their ranks, sorted: an index that deleted documents still counts
/// them in its term statistics until it merges, so hits of equal score may be ranked apart
/// from a fresh index's (the search index's way, whichever refresh ran).
fn hits(stdout: &str) -> Vec<String> {
    let mut lines: Vec<String> = stdout
        .lines()
        .map(|l| {
            let l = l.trim_start();
            match l.split_once(". ") {
                Some((rank, rest)) if rank.chars().all(|c| c.is_ascii_digit()) => rest.into(),
                _ => l.into(),
            }
        })
        .collect();
    lines.sort();
    lines
}

/// Which refresh answered a command, from its timing lines.
fn path_taken(r: &Run) -> &'static str {
    match (
        r.timing.contains("timing journal written"),
        r.timing.contains("timing catalog written"),
    ) {
        (true, false) => "journal",
        (false, true) => "table",
        (false, false) => "none",
        (true, true) => "both",
    }
}

/// The commands compared with a fresh load.
fn commands(ids: &[&str]) -> Vec<Vec<String>> {
    let mut all = vec![
        vec!["list".into(), "--json".into()],
        vec![
            "search".into(),
            "treaty".into(),
            "--limit".into(),
            "200".into(),
        ],
        vec![
            "search".into(),
            "Soviet".into(),
            "--limit".into(),
            "200".into(),
        ],
        vec!["check".into()],
    ];
    for id in ids {
        all.push(vec!["refs".into(), "--json".into(), (*id).into()]);
    }
    all
}

/// The corpus and its caches after a test's changes.
struct Changed {
    dir: tempfile::TempDir,
    caches: tempfile::TempDir,
}

impl Changed {
    fn run(&self, args: &[&str]) -> Run {
        run(self.dir.path(), self.caches.path(), args)
    }
}

/// Builds the cache of a corpus of seeds and synthetic documents, lets each of `steps` alter
/// its files in turn, and checks that the command after each took `expected` path (and left
/// the table as it was when that is the journal), and that every command then answers as a
/// fresh load does (`ids`: the documents whose references are compared).
fn after_changes(seed: u64, expected: &str, ids: &[&str], steps: &[&dyn Fn(&Path)]) -> Changed {
    let dir = seeded_dir(30, seed);
    let caches = tempfile::tempdir().expect("cache dir");
    age(dir.path(), 60);
    let first = run(dir.path(), caches.path(), &["list", "--json"]);
    assert_eq!(path_taken(&first), "table", "{}", first.timing);
    run(dir.path(), caches.path(), &["search", "treaty"]);
    let table = cache::cache_file(caches.path(), dir.path());
    let before = std::fs::read(&table).expect("table");
    for step in steps {
        step(dir.path());
        let r = run(dir.path(), caches.path(), &["list", "--json"]);
        assert_eq!(path_taken(&r), expected, "{}", r.timing);
        if expected == "journal" {
            let now = std::fs::read(&table).expect("table");
            assert!(now == before, "table untouched");
        }
    }
    for args in commands(ids) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let cached = run(dir.path(), caches.path(), &args);
        let fresh_dir = tempfile::tempdir().expect("fresh cache dir");
        let fresh = run(dir.path(), fresh_dir.path(), &args);
        match args[0] {
            "search" => assert_eq!(hits(&cached.stdout), hits(&fresh.stdout), "{args:?}"),
            _ => assert_eq!(cached.stdout, fresh.stdout, "{args:?}: stdout"),
        }
        assert_eq!(cached.stderr, fresh.stderr, "{args:?}: stderr");
    }
    Changed { dir, caches }
}

fn after_change(seed: u64, expected: &str, ids: &[&str], step: &dyn Fn(&Path)) -> Changed {
    after_changes(seed, expected, ids, &[step])
}

fn synthetic(id: &str, seed: u64) -> lectern::model::Document {
    corpus_support::synthetic(id, 1500, seed)
}

fn docs(dir: &Path) -> std::path::PathBuf {
    dir.join("documents")
}

/// The first synthetic file by name.
fn first_synthetic(dir: &Path) -> String {
    synth_names(dir).swap_remove(0)
}

#[test]
fn an_added_file_takes_the_journal_and_is_listed_searched_and_linked() {
    let c = after_change(1, "journal", &["synth-added-one", NAMED], &|dir| {
        write_document(dir, &synthetic("synth-added-one", 77));
    });
    let list = c.run(&["list", "--json"]);
    assert!(list.stdout.contains("\"synth-added-one\""), "listed");
}

#[test]
fn a_deleted_file_takes_the_journal_and_is_gone_from_every_command() {
    let gone = std::cell::RefCell::new(String::new());
    let c = after_change(2, "journal", &[NAMED], &|dir| {
        let name = first_synthetic(dir);
        std::fs::remove_file(docs(dir).join(&name)).expect("delete");
        *gone.borrow_mut() = name.trim_end_matches(".toml").to_string();
    });
    let list = c.run(&["list", "--json"]);
    assert!(
        !list.stdout.contains(&format!("\"{}\"", gone.borrow())),
        "not listed"
    );
}

#[test]
fn a_renamed_file_takes_the_journal_as_a_delete_and_an_add() {
    after_change(3, "journal", &[NAMED], &|dir| {
        let name = first_synthetic(dir);
        std::fs::rename(docs(dir).join(&name), docs(dir).join(format!("x-{name}")))
            .expect("rename");
    });
}

#[test]
fn a_copy_under_another_name_is_reported_by_the_journal_and_the_document_stays() {
    // An id must be its file's name, so a copy is reported at its id's line, before or after
    // the document's own file by name, and the document stays as it was.
    for (seed, prefix) in [(4, "zz-"), (9, "a-")] {
        let original = std::cell::RefCell::new(String::new());
        let c = after_change(seed, "journal", &[NAMED], &|dir| {
            let name = first_synthetic(dir);
            std::fs::copy(
                docs(dir).join(&name),
                docs(dir).join(format!("{prefix}{name}")),
            )
            .expect("copy");
            *original.borrow_mut() = name;
        });
        let check = c.run(&["check"]);
        let all = format!("{}{}", check.stdout, check.stderr);
        let copy = format!("{prefix}{}:1: id ", original.borrow());
        assert!(
            all.contains(&copy) && all.contains("does not match"),
            "{all}"
        );
        let id = original.borrow().trim_end_matches(".toml").to_string();
        let list = c.run(&["list", "--json"]);
        assert!(list.stdout.contains(&format!("\"{id}\"")), "still listed");
    }
}

#[test]
fn an_added_file_that_fails_to_parse_is_reported_with_its_line_and_the_rest_loads() {
    let c = after_change(5, "journal", &[NAMED], &|dir| {
        write_text(dir, "zz-broken", "id = \"zz-broken\"\ntitle = [[[\n");
    });
    let check = c.run(&["check"]);
    let all = format!("{}{}", check.stdout, check.stderr);
    assert!(all.contains("zz-broken.toml:2"), "{all}");
}

#[test]
fn quick_changes_in_turn_add_and_delete_documents_and_problems() {
    // Each step a quick change over the last one's journal: a copy and an addition, a file
    // that does not parse, both problems deleted again, then the document copied.
    let c = after_changes(
        6,
        "journal",
        &["synth-added-two", NAMED],
        &[
            &|dir| {
                let name = first_synthetic(dir);
                std::fs::copy(docs(dir).join(&name), docs(dir).join(format!("zz-{name}")))
                    .expect("copy");
                write_document(dir, &synthetic("synth-added-two", 78));
            },
            &|dir| write_text(dir, "zz-broken", "not toml [[[\n"),
            &|dir| {
                let name = first_synthetic(dir);
                std::fs::remove_file(docs(dir).join(format!("zz-{name}"))).expect("delete");
                std::fs::remove_file(docs(dir).join("zz-broken.toml")).expect("delete");
            },
            &|dir| std::fs::remove_file(docs(dir).join(first_synthetic(dir))).expect("delete"),
        ],
    );
    let check = c.run(&["check"]);
    let all = format!("{}{}", check.stdout, check.stderr);
    assert!(!all.contains("zz-"), "both problems gone: {all}");
}

#[test]
fn a_document_the_registry_names_deleted_or_added_back_goes_to_the_table() {
    // Its going drops the registry's entries that cite it, and every mention of them; its
    // coming back restores them: the full refresh's work, over every document.
    let held = std::cell::RefCell::new(String::new());
    after_changes(
        7,
        "table",
        &[],
        &[
            &|dir| {
                let path = docs(dir).join(format!("{NAMED}.toml"));
                *held.borrow_mut() = std::fs::read_to_string(&path).expect("read");
                std::fs::remove_file(path).expect("delete");
            },
            &|dir| write_text(dir, NAMED, &held.borrow()),
        ],
    );
}

#[test]
fn an_edit_of_a_document_the_registry_names_then_an_addition_both_take_the_journal() {
    // The addition has the registry validated again, the edited text included: it keeps and
    // reports what it did, so the journal answers.
    after_changes(
        10,
        "journal",
        &["synth-added-three", NAMED],
        &[
            &|dir| {
                let path = docs(dir).join(format!("{NAMED}.toml"));
                let text = std::fs::read_to_string(&path).expect("read");
                let text = text.replacen("Treaty of friendship", "Treaty of Friendship", 1);
                std::fs::write(path, text).expect("write");
            },
            &|dir| write_document(dir, &synthetic("synth-added-three", 79)),
        ],
    );
}
