//! `lectern search` and `lectern index` as a user runs them, on the bundled corpus, with the
//! index in a temporary cache directory.

mod cli_support;
use cli_support::stdout;

use assert_cmd::Command;
use std::path::Path;

const PEOPLES_DAILY: &str = "1956-07-14-joint-communique-issued-soviet";

fn lectern(cache: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lectern").expect("binary is built");
    cmd.env_remove("LECTERN_CORPUS")
        .env_remove("NO_COLOR")
        .env("LECTERN_INDEX_DIR", cache)
        // An empty workspace: the tester's own notes must not show in these answers.
        .env("LECTERN_WORKSPACE", cache.join("workspace"));
    cmd
}

#[test]
fn a_chinese_query_prints_the_hit_with_pinpoint_and_marked_snippets() {
    let cache = tempfile::tempdir().expect("tempdir");
    let out = stdout(lectern(cache.path()).args(["search", "金日成"]));
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first.contains(PEOPLES_DAILY) && first.contains("¶"),
        "{out}"
    );
    assert!(first.contains("1956-07-14"), "{out}");
    assert!(out.contains("«金日成»"), "{out}");
    assert!(
        out.lines().last().is_some_and(|l| l.contains("match")),
        "{out}"
    );
}

#[test]
fn json_output_is_stable_and_complete() {
    let cache = tempfile::tempdir().expect("tempdir");
    let run =
        || stdout(lectern(cache.path()).args(["search", "Kim Il Sung", "--json", "--limit", "3"]));
    let out = run();
    assert_eq!(out, run(), "the same query gives the same JSON");
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let hits = v["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 3);
    assert!(v["total"].as_u64().is_some_and(|t| t >= 3));
    for (i, h) in hits.iter().enumerate() {
        assert_eq!(h["rank"], i + 1);
        assert!(h["doc_id"].is_string() && h["block"].is_u64() && h["title"].is_string());
        // Every highlight is the whole name: as typed, or its Chinese spelling.
        let snippets = h["snippets"].as_array().expect("snippets");
        assert!(!snippets.is_empty());
        for snippet in snippets {
            let text = snippet["text"].as_str().expect("snippet text");
            let highlights = snippet["highlights"].as_array().expect("highlights");
            assert!(!highlights.is_empty(), "{text}");
            for hl in highlights {
                let (s, e) = (
                    hl["start"].as_u64().unwrap_or(0) as usize,
                    hl["end"].as_u64().unwrap_or(0) as usize,
                );
                let marked = text.get(s..e).expect("highlight on char boundaries");
                let words: Vec<String> = marked
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect();
                assert!(
                    words == ["kim", "il", "sung"] || marked == "金日成",
                    "{marked:?}"
                );
            }
        }
    }
}

#[test]
fn broken_queries_answer_with_a_note_not_an_error() {
    let cache = tempfile::tempdir().expect("tempdir");
    let out = lectern(cache.path())
        .args(["search", "treaty \"mutual assistance"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("quote was not closed"), "{stderr}");
    let printed = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(printed.contains("1961-07-06-treaty"), "{printed}");

    let out = stdout(lectern(cache.path()).args(["search", "--", "-"]));
    assert!(out.contains("no matches"), "{out}");
}

#[test]
fn index_builds_on_request_and_says_so() {
    let cache = tempfile::tempdir().expect("tempdir");
    let first = lectern(cache.path()).arg("index").assert().success();
    let err = String::from_utf8_lossy(&first.get_output().stderr).into_owned();
    assert!(err.contains("building the search index"), "{err}");
    let again = lectern(cache.path()).arg("index").assert().success();
    assert!(
        again.get_output().stderr.is_empty(),
        "a current index is not rebuilt"
    );
    let out = String::from_utf8_lossy(&again.get_output().stdout).into_owned();
    assert!(out.contains("5 documents"), "{out}");
    let re = lectern(cache.path())
        .args(["index", "--rebuild"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&re.get_output().stderr).contains("rebuilding"));
}

#[test]
fn two_processes_at_once_both_answer() {
    let cache = tempfile::tempdir().expect("tempdir");
    let bin = assert_cmd::cargo::cargo_bin("lectern");
    let spawn = || {
        std::process::Command::new(&bin)
            .env_remove("LECTERN_CORPUS")
            .env("LECTERN_INDEX_DIR", cache.path())
            .env("LECTERN_WORKSPACE", cache.path().join("workspace"))
            .args(["search", "朝鲜 OR Korea", "--json"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (
        a.wait_with_output().expect("a"),
        b.wait_with_output().expect("b"),
    );
    assert!(a.status.success() && b.status.success(), "{:?} {:?}", a, b);
    assert_eq!(a.stdout, b.stdout);
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).expect("json");
    assert!(v["total"].as_u64().is_some_and(|t| t > 0));
}
