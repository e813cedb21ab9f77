//! The query language as a new user types it, on the bundled corpus through the real binary:
//! a filter alone lists what it matches, `AND` is the default operator, a range written
//! backwards is swapped (and said so), `mentions:` takes a name as the registry reads it
//! anywhere else, and traditional characters find the simplified text.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn search(cache: &Path, query: &str) -> Value {
    let out = Command::cargo_bin("lectern")
        .expect("binary is built")
        .env_remove("LECTERN_CORPUS")
        .env("LECTERN_INDEX_DIR", cache)
        .args(["search", query, "--json", "--limit", "1000"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{query}: {e}"))
}

fn hits(v: &Value) -> Vec<(String, u64)> {
    v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            let id = h["doc_id"].as_str().unwrap_or_default().to_string();
            (id, h["block"].as_u64().unwrap_or_default())
        })
        .collect()
}

fn notes(v: &Value) -> String {
    v["notes"].to_string()
}

#[test]
fn a_language_filter_alone_lists_the_blocks_in_that_language() {
    let cache = tempfile::tempdir().expect("tempdir");
    // The press release has Russian lines under an English title.
    let ru = search(cache.path(), "lang:ru");
    let ru_hits = hits(&ru);
    assert!(!ru_hits.is_empty(), "{ru}");
    assert!(
        ru_hits.iter().all(|(_, b)| *b > 0),
        "blocks, not titles: {ru}"
    );
    // Chinese: every Chinese block of the People's Daily article, not only its title.
    let zh = hits(&search(cache.path(), "lang:zh"));
    assert!(zh.len() > 5, "{zh:?}");
}

#[test]
fn and_in_capitals_narrows_like_a_space() {
    let cache = tempfile::tempdir().expect("tempdir");
    let with_and = search(cache.path(), "Kim AND treaty");
    assert!(!hits(&with_and).is_empty());
    assert_eq!(hits(&with_and), hits(&search(cache.path(), "Kim treaty")));
}

#[test]
fn a_backward_range_is_read_forwards_and_the_user_is_told() {
    let cache = tempfile::tempdir().expect("tempdir");
    let back = search(cache.path(), "date:1961..1956");
    assert!(!hits(&back).is_empty());
    assert_eq!(hits(&back), hits(&search(cache.path(), "date:1956..1961")));
    assert!(notes(&back).contains("backwards"), "{}", notes(&back));
}

#[test]
fn mentions_reads_a_partial_name_through_the_registry() {
    let cache = tempfile::tempdir().expect("tempdir");
    let kim = search(cache.path(), "mentions:kim");
    assert!(!hits(&kim).is_empty(), "{kim}");
    assert!(notes(&kim).contains("Kim Il Sung"), "{}", notes(&kim));
    assert!(!notes(&kim).contains("not available"), "{}", notes(&kim));
    // Every block the full id finds is among them.
    let full = hits(&search(cache.path(), "mentions:kim-il-sung"));
    assert!(full.iter().all(|h| hits(&kim).contains(h)));

    let nobody = search(cache.path(), "mentions:zzyzx");
    assert!(notes(&nobody).contains("knows no"), "{}", notes(&nobody));
}

#[test]
fn traditional_characters_find_the_simplified_text() {
    let cache = tempfile::tempdir().expect("tempdir");
    for (traditional, simplified) in [("朝鮮", "朝鲜"), ("蘇聯", "苏联"), ("停戰", "停战")]
    {
        let t = hits(&search(cache.path(), traditional));
        assert!(!t.is_empty(), "{traditional} finds nothing");
        assert_eq!(t, hits(&search(cache.path(), simplified)), "{traditional}");
    }
}

/// The ids `lectern list` gives for documents dated in `year`.
fn listed_in(year: &str) -> Vec<String> {
    let out = Command::cargo_bin("lectern")
        .expect("binary is built")
        .env_remove("LECTERN_CORPUS")
        .arg("list")
        .output()
        .expect("runs");
    let mut ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with(year))
        .filter_map(|l| l.split('\t').nth(3).map(str::to_string))
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_year_filter_alone_lists_every_document_of_that_year_once() {
    let cache = tempfile::tempdir().expect("tempdir");
    for year in ["1956", "1961", "2021"] {
        let found = search(cache.path(), &format!("year:{year}"));
        let mut ids: Vec<String> = hits(&found).into_iter().map(|(id, _)| id).collect();
        ids.sort();
        let want = listed_in(year);
        assert!(
            !want.is_empty(),
            "no document of {year} in the bundled corpus"
        );
        assert_eq!(ids, want, "year:{year}: {found}");
    }
}
