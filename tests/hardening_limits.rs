//! Bounded work on any argument (issue 11): a huge `--limit` panicked ("capacity overflow") or
//! aborted on a 64 GB allocation; `-treaty`, the documented exclusion, was rejected as an
//! unknown flag; a query of any length is answered with a message, not unbounded work.

use assert_cmd::Command;
use std::path::Path;

fn lectern(cache: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lectern").expect("binary is built");
    cmd.env_remove("LECTERN_CORPUS")
        .env("LECTERN_INDEX_DIR", cache);
    cmd
}

#[test]
fn a_huge_limit_is_capped_not_allocated() {
    let cache = tempfile::tempdir().expect("cache");
    for limit in ["18446744073709551615", "4294967296"] {
        let out = lectern(cache.path())
            .args(["search", "Kim", "--limit", limit])
            .assert()
            .success()
            .get_output()
            .clone();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("matches"), "{stdout}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("showing at most"), "{stderr}");
    }
}

#[test]
fn an_exclusion_is_a_query_word_not_an_unknown_flag() {
    let cache = tempfile::tempdir().expect("cache");
    let with = |args: &[&str]| {
        let out = lectern(cache.path())
            .args(args)
            .assert()
            .success()
            .get_output()
            .clone();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("JSON")["total"]
            .as_u64()
            .unwrap_or(u64::MAX)
    };
    let all = with(&["search", "Kim", "--json"]);
    let without_treaty = with(&["search", "Kim", "-treaty", "--json"]);
    assert!(without_treaty < all, "{without_treaty} of {all}");
    // Flags before the query, or after it, mean the same.
    assert_eq!(
        with(&["search", "--json", "Kim", "-treaty"]),
        without_treaty
    );
    assert_eq!(
        with(&["search", "-treaty", "Kim", "--limit", "1", "--json"]),
        without_treaty
    );
    lectern(cache.path())
        .args(["search", "-treaty"])
        .assert()
        .success();
}

#[test]
fn an_overlong_query_is_refused_with_a_message() {
    let cache = tempfile::tempdir().expect("cache");
    let query = "word ".repeat(4_000);
    let out = lectern(cache.path())
        .args(["search", &query])
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("at most 4096"), "{stderr}");
}
