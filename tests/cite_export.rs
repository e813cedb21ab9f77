//! The BibTeX and RIS exports parse — BibTeX with the biblatex crate (the parser hayagriva
//! itself uses), RIS with a reader written here from the format's definition — and give back
//! each document's key fields. The CLI prints them for one document or the whole corpus.

mod cli_support;

use assert_cmd::Command;
use biblatex::{Bibliography, ChunksExt};
use lectern::cite::{self, Facts, Format};
use lectern::corpus::Corpus;
use lectern::model::Document;
use std::collections::BTreeMap;

fn docs(corpus: &Corpus) -> Vec<&Document> {
    assert!(
        corpus.documents.len() >= 5,
        "the bundled corpus is missing documents"
    );
    corpus.documents.iter().collect()
}

#[test]
fn bibtex_parses_and_round_trips_the_key_fields() {
    let corpus = Corpus::bundled();
    let docs = docs(&corpus);
    let src = cite::export(&docs, Format::Bibtex);
    let bib = Bibliography::parse(&src).unwrap_or_else(|e| panic!("{e:?}\n{src}"));
    assert_eq!(bib.len(), docs.len());
    for doc in &docs {
        let f = Facts::of(doc);
        let entry = bib
            .get(&cite::bibtex::key(&doc.id))
            .unwrap_or_else(|| panic!("no entry for {}", doc.id));
        let field = |name: &str| entry.get(name).map(|c| c.format_verbatim());
        assert_eq!(field("title"), Some(f.title.display()), "{}", doc.id);
        let date = f
            .date
            .map(|d| d.to_string())
            .or(f.inferred_date.map(|d| format!("{d}?")));
        assert_eq!(field("date"), date, "{}", doc.id);
        assert_eq!(field("pages"), f.page.clone(), "{}", doc.id);
        assert_eq!(field("number"), f.number.clone(), "{}", doc.id);
        // Names as "Family, Given", so that styles can invert and abbreviate them.
        let translators: Vec<String> = f.translators().iter().map(|t| family_given(t)).collect();
        assert_eq!(
            field("translator").unwrap_or_default(),
            translators.join(" and "),
            "{}",
            doc.id
        );
        if let Some(a) = &f.author {
            assert_eq!(field("author"), Some(family_given(a)), "{}", doc.id);
        }
        // A year known only by inference keeps its mark.
        if let (None, Some(d)) = (f.date, f.inferred_date) {
            assert_eq!(field("year"), Some(format!("[{}?]", d.year)), "{}", doc.id);
        }
        if let Some(a) = &f.archive {
            assert_eq!(field("institution").as_deref(), Some(a.archive.as_str()));
            let loc = field("location").unwrap_or_default();
            for v in [&a.fond, &a.opis, &a.delo].into_iter().flatten() {
                assert!(loc.contains(v.as_str()), "{}: {loc}", doc.id);
            }
        }
        if f.machine_translation_note().is_some() {
            assert!(
                field("note").is_some_and(|n| n.contains("machine-translated")),
                "{}",
                doc.id
            );
        }
        assert!(
            !src.to_lowercase().contains("volume"),
            "a volume no source states"
        );
    }
}

/// "Family, Given" from the facts' name, as reference managers read a person.
fn family_given(name: &str) -> String {
    match cite::facts::name_parts(name) {
        (family, Some(given)) => format!("{family}, {given}"),
        (family, None) => family,
    }
}

/// A RIS reader: records of `TAG  - value` lines ending with `ER  - `.
fn read_ris(src: &str) -> Vec<BTreeMap<String, Vec<String>>> {
    let mut records = Vec::new();
    let mut current: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in src.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            line.len() >= 6 && line.is_char_boundary(6) && &line[2..6] == "  - ",
            "not a RIS line: {line:?}"
        );
        let (tag, value) = (&line[..2], &line[6..]);
        if tag == "ER" {
            records.push(std::mem::take(&mut current));
            continue;
        }
        if current.is_empty() {
            assert_eq!(tag, "TY", "a record must open with TY");
        }
        current
            .entry(tag.to_string())
            .or_default()
            .push(value.to_string());
    }
    assert!(current.is_empty(), "a record without ER");
    records
}

#[test]
fn ris_parses_and_round_trips_the_key_fields() {
    let corpus = Corpus::bundled();
    let docs = docs(&corpus);
    let records = read_ris(&cite::export(&docs, Format::Ris));
    assert_eq!(records.len(), docs.len());
    for (doc, rec) in docs.iter().zip(&records) {
        let f = Facts::of(doc);
        let one = |tag: &str| rec.get(tag).and_then(|v| v.first()).cloned();
        assert_eq!(one("ID").as_deref(), Some(doc.id.as_str()));
        assert_eq!(one("TI"), Some(f.title.display()), "{}", doc.id);
        assert_eq!(one("PY"), f.date.map(|d| d.year.to_string()), "{}", doc.id);
        assert_eq!(one("SP"), f.page.clone(), "{}", doc.id);
        assert_eq!(one("T2"), f.container.clone(), "{}", doc.id);
        let translators: Vec<String> = f.translators().iter().map(|t| family_given(t)).collect();
        assert_eq!(rec.get("A4").cloned().unwrap_or_default(), translators);
        assert_eq!(
            one("AU"),
            f.author.as_deref().map(family_given),
            "{}",
            doc.id
        );
        if let Some(a) = &f.archive {
            assert!(
                one("AV").is_some_and(|av| av.contains(&a.archive)),
                "{}",
                doc.id
            );
        }
        if let Some(d) = f.date {
            let da = one("DA").unwrap_or_default();
            assert!(da.starts_with(&format!("{}/", d.year)), "{da}");
        }
    }
}

#[test]
fn csl_json_export_is_an_array_with_one_item_per_document() {
    let corpus = Corpus::bundled();
    let docs = docs(&corpus);
    let json: serde_json::Value =
        serde_json::from_str(&cite::export(&docs, Format::CslJson)).expect("valid JSON");
    let items = json.as_array().expect("an array");
    assert_eq!(items.len(), docs.len());
    for (doc, item) in docs.iter().zip(items) {
        assert_eq!(item["id"], doc.id.as_str());
        assert!(item["type"].is_string());
    }
}

fn lectern() -> Command {
    let mut cmd = Command::cargo_bin("lectern").expect("the lectern binary");
    cmd.env_remove("LECTERN_CORPUS");
    cmd
}

/// The 1961 treaty, found by its Treaty Series number.
fn unts_6045(corpus: &Corpus) -> &Document {
    corpus
        .documents
        .iter()
        .find(|d| d.source.number.as_deref() == Some("6045"))
        .expect("the treaty")
}

/// What a successful run of lectern with `args` prints.
fn stdout_of(args: &[&str]) -> String {
    cli_support::stdout(lectern().args(args))
}

#[test]
fn the_cli_exports_the_whole_corpus_as_bibtex() {
    let corpus = Corpus::bundled();
    let src = stdout_of(&["cite", "--all", "--format", "bibtex"]);
    let bib = Bibliography::parse(&src).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(bib.len(), corpus.documents.len());
}

#[test]
fn the_cli_cites_one_document_with_a_style_and_a_pinpoint() {
    let corpus = Corpus::bundled();
    let treaty = unts_6045(&corpus);
    let text = stdout_of(&["cite", &treaty.id, "--style", "treaty", "--pin", "art. 4"]);
    assert!(text.trim_end().ends_with("UNTS No. 6045, art 4"), "{text}");
}

#[test]
fn an_unknown_style_fails_and_lists_the_valid_ones() {
    let corpus = Corpus::bundled();
    let id = &corpus.documents[0].id;
    let out = lectern()
        .args(["cite", id, "--style", "harvard"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'harvard'"), "{err}");
    for style in cite::Style::ALL {
        assert!(err.contains(style.code()), "{err}");
    }
}

#[test]
fn bad_pinpoints_and_ids_fail_on_stderr() {
    let corpus = Corpus::bundled();
    let id = &corpus.documents[0].id;
    for args in [
        vec!["cite", id.as_str(), "--pin", "chapter nine"],
        vec!["cite", id.as_str(), "--pin", "9999"],
        vec!["cite", "no-such-document"],
        vec!["cite", id.as_str(), "--format", "endnote"],
    ] {
        let out = lectern().args(&args).output().expect("run");
        assert!(!out.status.success(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn an_article_the_treaty_does_not_have_is_refused_with_those_it_has() {
    let corpus = Corpus::bundled();
    let treaty = unts_6045(&corpus);
    let out = lectern()
        .args(["cite", &treaty.id, "--pin", "art. 99"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no article 99"), "{err}");
    assert!(err.contains("its articles: 1, 2"), "{err}");
}

#[test]
fn a_bibliography_of_the_corpus_is_alphabetical_and_complete() {
    let corpus = Corpus::bundled();
    let text = stdout_of(&["cite", "--all", "--style", "chicago-bibliography"]);
    let keys: Vec<String> = text
        .split("\n\n")
        .map(|e| {
            e.trim_start_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    assert_eq!(keys.len(), corpus.documents.len(), "{text}");
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{text}");
}
