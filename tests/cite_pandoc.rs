//! lectern's CSL citations agree with an independent CSL processor: for every document of the
//! bundled corpus and every shipped CSL style, pandoc's citeproc renders lectern's own CSL-JSON
//! with the same CSL file, and each form (full note, short note, bibliography entry, in-text
//! citation), with and without a pinpoint, must read the same as hayagriva's.
//!
//! Tolerated differences, and why (see `normalize`):
//! - whitespace runs (pandoc's plain writer and hayagriva join elements differently);
//! - curly versus straight quotes and apostrophes (a writer's typography, not the citation);
//! - en dash, em dash or hyphen (page ranges are joined by either, depending on the processor's
//!   `page-range-format` support; the numbers must be the same);
//! - a space between a short locator label and its number ("para.3" / "para. 3"): MLA's CSL puts
//!   label and number in a group without delimiter, and the processors each add a space for one
//!   label but not another (pandoc "art. 6" but "para.3", hayagriva the reverse); lectern always
//!   writes the space, as MLA prints it.
//!
//! Nothing else is tolerated: a different word, order, date, number or punctuation mark fails.
//!
//! Needs `pandoc` (Debian package `pandoc`, 2.11 or later for `--citeproc`). Without it the test
//! prints a skip notice, unless `CI` is set, where it fails.
// Tests print only their own notes (a skipped run).
#![allow(clippy::disallowed_macros)]

use lectern::cite::csl::{CslFile, Form};
use lectern::cite::{self, Facts, Format, Pinpoint};
use lectern::corpus::Corpus;
use lectern::model::{BlockNo, Document};
use std::path::{Path, PathBuf};
use std::process::Command;

fn pandoc_available() -> bool {
    let found = Command::new("pandoc")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "pandoc is required in CI (Debian package `pandoc`)"
        );
        eprintln!("SKIPPED: pandoc is not installed; the CSL comparison did not run");
    }
    found
}

fn csl_path(file: CslFile) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/csl")
        .join(file.file_name())
}

/// The locator as pandoc's citation syntax writes it (pandoc reads the label from its locale).
fn pandoc_locator(pin: &Pinpoint) -> String {
    match pin {
        Pinpoint::Block(n) => format!("para. {n}"),
        Pinpoint::Article(n) => format!("art. {n}"),
        Pinpoint::Page(p) => format!("p. {p}"),
    }
}

/// Paragraphs of pandoc's plain output for `markdown`, citing from `items`.
fn pandoc(markdown: &str, items: &Path, csl: &Path, dir: &Path) -> Vec<String> {
    let md = dir.join("doc.md");
    std::fs::write(&md, markdown).expect("write markdown");
    let out = Command::new("pandoc")
        .arg(&md)
        .args(["--citeproc", "-t", "plain", "--wrap=none"])
        .arg("--bibliography")
        .arg(items)
        .arg("--csl")
        .arg(csl)
        .output()
        .expect("run pandoc");
    assert!(
        out.status.success(),
        "pandoc failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

fn normalize(s: &str) -> String {
    let mut s = s.to_string();
    for label in ["art.", "para.", "par.", "sec.", "pp.", "p."] {
        for digit in '0'..='9' {
            s = s.replace(&format!("{label}{digit}"), &format!("{label} {digit}"));
        }
    }
    s.replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
        .replace(['–', '—'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The pinpoints each document is cited with: none, its third block, and the article or page
/// the document can be cited by.
fn pins(doc: &Document, f: &Facts) -> Vec<Option<Pinpoint>> {
    let mut pins = vec![
        None,
        Some(Pinpoint::for_block(doc, BlockNo(3.min(doc.blocks.len())))),
    ];
    if let Some(block) = BlockNo::each(BlockNo::FIRST..BlockNo::from_index(doc.blocks.len()))
        .rev()
        .find(|b| matches!(Pinpoint::for_block(doc, *b), Pinpoint::Article(_)))
    {
        pins.push(Some(Pinpoint::for_block(doc, block)));
    }
    if let Some(p) = &f.page {
        pins.push(Some(Pinpoint::Page(p.clone())));
    }
    pins
}

#[test]
fn hayagriva_and_pandoc_render_lectern_csl_json_alike() {
    if !pandoc_available() {
        return;
    }
    let corpus = Corpus::bundled();
    assert!(!corpus.documents.is_empty(), "the bundled corpus is empty");
    let dir = tempfile::tempdir().expect("temp dir");
    let items = dir.path().join("items.json");
    let docs: Vec<&Document> = corpus.documents.iter().collect();
    std::fs::write(&items, cite::export(&docs, Format::CslJson)).expect("write items");

    let mut compared = 0;
    let mut failures = Vec::new();
    for doc in &docs {
        let f = Facts::of(doc);
        for file in CslFile::ALL {
            let csl = csl_path(file);
            let note_style = file == CslFile::ChicagoNote;
            for pin in pins(doc, &f) {
                let loc = pin
                    .as_ref()
                    .map(|p| format!(", {}", pandoc_locator(p)))
                    .unwrap_or_default();
                let id = &doc.id;
                // First citation (and the bibliography, which follows the text).
                let paras = pandoc(&format!("A[@{id}{loc}]\n"), &items, &csl, dir.path());
                let (theirs_cite, theirs_bib) = if note_style {
                    let note = paras.iter().find_map(|p| p.strip_prefix("[1] "));
                    let bib = paras.get(1).map(String::as_str);
                    (note.map(str::to_string), bib.map(str::to_string))
                } else {
                    let cite = paras.first().and_then(|p| p.strip_prefix('A'));
                    (cite.map(str::to_string), paras.get(1).cloned())
                };
                let mut check = |form: Form, theirs: Option<String>| {
                    let ours = cite::render_csl(&f, file, form, pin.as_ref())
                        .unwrap_or_else(|e| panic!("{id} {file:?} {form:?}: {e}"));
                    compared += 1;
                    let theirs = theirs.unwrap_or_default();
                    if normalize(&ours) != normalize(&theirs) {
                        failures.push(format!(
                            "{id} in {} ({form:?}, pin {pin:?}):\n  lectern: {ours}\n  pandoc:  {theirs}",
                            file.file_name()
                        ));
                    }
                };
                check(Form::Cite, theirs_cite);
                check(Form::Bibliography, theirs_bib);
                if note_style {
                    // A later citation of the same work, with another work cited in between
                    // (right after the full note it would be the "ibid." form): the short note.
                    let other = docs
                        .iter()
                        .map(|d| &d.id)
                        .find(|o| *o != id)
                        .expect("a second document");
                    let paras = pandoc(
                        &format!("A[@{id}]\n\nB[@{other}]\n\nC[@{id}{loc}]\n"),
                        &items,
                        &csl,
                        dir.path(),
                    );
                    let short = paras.iter().find_map(|p| p.strip_prefix("[3] "));
                    check(Form::Subsequent, short.map(str::to_string));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {compared} renderings differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // 5 documents × 4 styles × at least 2 pinpoints × at least 2 forms.
    assert!(
        compared >= docs.len() * 4 * 2 * 2,
        "only {compared} compared"
    );
}
