//! The importer on fixture pages written in the shape of the four source families (Wilson
//! Center, news agencies and embassies, Chinese newspaper archives, treaty texts): each page's
//! title, date, kind and languages as a historian reads them, text that must be in the body,
//! and site chrome that must not. Prints the accuracy per field (run with `--nocapture`).
// Tests and benches print their figures for the reader of the output.
#![allow(clippy::disallowed_macros)]

use lectern::import;
use lectern::model::{Document, Lang};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Expected {
    file: String,
    title: String,
    date: Option<String>,
    kind: String,
    languages: Vec<String>,
    body: Vec<String>,
    chrome: Vec<String>,
}

fn fixtures() -> Vec<Expected> {
    expectations("expected.json")
}

fn expectations(name: &str) -> Vec<Expected> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).expect("expected.json")).expect("valid")
}

fn body_of(doc: &Document) -> String {
    doc.blocks
        .iter()
        .flat_map(|b| b.text.0.values().cloned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn title_of(doc: &Document) -> String {
    doc.title.best(&Lang::ALL).unwrap_or_default().to_string()
}

#[test]
fn fixture_pages_import_with_the_expected_fields_and_no_chrome() {
    let cases = fixtures();
    assert!(cases.len() >= 30, "at least 30 fixture pages");
    let failures = measure("fixture pages", &cases);
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Pages written after the rules were settled and never tuned for: their accuracy is printed
/// as a check on generalisation. Only a refusal or chrome in a body fails the test.
#[test]
fn held_out_pages_are_never_refused_and_keep_chrome_out_of_the_body() {
    let cases = expectations("expected_holdout.json");
    let failures = measure("held-out pages", &cases);
    let hard: Vec<&String> = failures
        .iter()
        .filter(|f| f.contains("refused") || f.contains("holds chrome [\""))
        .collect();
    assert!(hard.is_empty(), "{hard:?}");
}

/// Imports each case, prints the accuracy per field and returns every mismatch.
fn measure(label: &str, cases: &[Expected]) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let (mut title_ok, mut date_ok, mut kind_ok, mut lang_ok, mut clean) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    for case in cases {
        let text = std::fs::read_to_string(dir.join(&case.file)).expect("fixture");
        let name = Path::new(&case.file)
            .file_name()
            .expect("name")
            .to_string_lossy();
        let doc = match import::import(&format!("raw/{name}"), &text, None) {
            Ok(i) => i.doc,
            Err(w) => {
                failures.push(format!("{}: refused: {}", case.file, w.message));
                continue;
            }
        };
        let mut check = |ok: bool, what: &str, got: String, want: String, count: &mut usize| {
            if ok {
                *count += 1;
            } else {
                failures.push(format!("{}: {what}: got {got:?}, want {want:?}", case.file));
            }
        };
        let title = title_of(&doc);
        check(
            title == case.title,
            "title",
            title,
            case.title.clone(),
            &mut title_ok,
        );
        let date = doc.date().map(|d| d.to_string());
        check(
            date == case.date,
            "date",
            format!("{date:?}"),
            format!("{:?}", case.date),
            &mut date_ok,
        );
        let kind = doc.kind.code().to_string();
        check(
            kind == case.kind,
            "kind",
            kind,
            case.kind.clone(),
            &mut kind_ok,
        );
        let langs: Vec<String> = doc
            .languages()
            .iter()
            .map(|l| l.code().to_string())
            .collect();
        check(
            langs == case.languages,
            "languages",
            langs.join(","),
            case.languages.join(","),
            &mut lang_ok,
        );
        let body = body_of(&doc);
        let missing: Vec<&String> = case
            .body
            .iter()
            .filter(|b| !body.contains(b.as_str()))
            .collect();
        let chrome: Vec<&String> = case
            .chrome
            .iter()
            .filter(|c| body.contains(c.as_str()))
            .collect();
        if missing.is_empty() && chrome.is_empty() {
            clean += 1;
        } else {
            failures.push(format!(
                "{}: body lacks {missing:?}, holds chrome {chrome:?}",
                case.file
            ));
        }
    }
    let n = cases.len();
    let pct = |k: usize| 100.0 * k as f64 / n as f64;
    println!("import accuracy over {n} {label}:");
    println!("  title      {title_ok:>3}/{n} ({:.0}%)", pct(title_ok));
    println!("  date       {date_ok:>3}/{n} ({:.0}%)", pct(date_ok));
    println!("  kind       {kind_ok:>3}/{n} ({:.0}%)", pct(kind_ok));
    println!("  languages  {lang_ok:>3}/{n} ({:.0}%)", pct(lang_ok));
    println!("  clean body {clean:>3}/{n} ({:.0}%)", pct(clean));
    for f in &failures {
        println!("  mismatch: {f}");
    }
    failures
}
