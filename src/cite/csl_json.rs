//! CSL-JSON for a document: the one description of a document that both lectern's CSL
//! processor (hayagriva) and any other (pandoc, Zotero) read, and the `--format csl-json` export.

use super::facts::{Facts, Genre, name_parts, title_case};
use crate::model::{Lang, PartialDate};
use serde_json::{Map, Value, json};

/// The CSL-JSON item of a document, as a JSON object.
pub fn item(f: &Facts) -> Map<String, Value> {
    let mut m = Map::new();
    let mut put = |k: &str, v: Value| {
        m.insert(k.to_string(), v);
    };
    put("id", json!(f.id));
    put("type", json!(csl_type(f.genre)));
    // English titles take lectern's headline capitals (which keep a compound's second part as
    // the source cased it); the shipped styles do not re-case titles (see assets/csl/README.md).
    let title = match &f.title.original {
        None => title_case(&f.title.display()),
        Some(_) => f.title.display(),
    };
    if !title.is_empty() {
        put("title", json!(title));
    }
    if let Some(short) = short_title(f) {
        put("title-short", json!(short));
    }
    // The language of the title decides whether a processor title-cases it: only English
    // titles are.
    let lang = match &f.title.original {
        Some((l, _)) => *l,
        None => Lang::En,
    };
    put("language", json!(lang.code()));
    if let Some(a) = &f.author {
        put("author", json!([person(a)]));
    }
    if let Some(d) = f.date {
        put("issued", date(d));
    } else if let Some(d) = f.inferred_date {
        // CSL's uncertain date: APA prints "ca."; lectern marks it for the others
        // (`cite::mark_inferred_year`).
        let mut v = date(d);
        v["circa"] = json!(true);
        put("issued", v);
    }
    let translators = f.translators();
    if !translators.is_empty() {
        let names: Vec<Value> = translators.iter().map(|t| person(t)).collect();
        put("translator", Value::Array(names));
    }
    match f.genre {
        Genre::Newspaper => {
            if let Some(c) = &f.container {
                put("container-title", json!(c));
            }
            if let Some(p) = &f.page {
                put("page", json!(p));
            }
            if let Some(c) = &f.column {
                put("section", json!(c));
            }
        }
        Genre::Archival => {
            if let Some(a) = &f.archive {
                put("archive", json!(a.archive));
                if let Some(loc) = archive_location(a) {
                    put("archive_location", json!(loc));
                }
            }
            if let Some(c) = &f.collection {
                put("collection-title", json!(c));
            }
            // The portal publishes the document; the document's own date is when it was
            // written, so the portal goes where the styles put a database, not beside that
            // date as its publisher.
            if let Some(p) = &f.container_english {
                put("source", json!(p));
            }
        }
        Genre::Treaty => {
            if let Some(c) = &f.container {
                put("container-title", json!(c));
            }
            if let Some(n) = &f.number {
                put("number", json!(n));
            }
            // The place of signing is left to the treaty form: with `event-place` the shipped
            // Chicago style prints the date twice, in parentheses after a stray comma.
        }
        Genre::PressRelease | Genre::Post | Genre::Web => {
            if let Some(c) = &f.container {
                put("container-title", json!(c));
            }
            if f.genre == Genre::PressRelease {
                put("genre", json!("press release"));
            }
            if let Some(p) = &f.supplied_publisher {
                put("publisher", json!(format!("[{p}]")));
            }
        }
    }
    if let Some(c) = &f.collection
        && f.genre != Genre::Archival
    {
        put("collection-title", json!(c));
    }
    if let Some(u) = &f.url {
        put("URL", json!(u));
    }
    if let Some(n) = f.machine_translation_note() {
        put("note", json!(n));
    }
    m
}

/// All items of a corpus as one CSL-JSON array.
pub fn items<'a>(facts: impl IntoIterator<Item = &'a Facts>) -> Value {
    Value::Array(facts.into_iter().map(|f| Value::Object(item(f))).collect())
}

fn csl_type(g: Genre) -> &'static str {
    match g {
        Genre::Newspaper => "article-newspaper",
        // Not "manuscript": the shipped Chicago style puts a manuscript's date in parentheses, as
        // for a thesis, where Chicago 14.232 writes an archival item's date after a comma.
        Genre::Archival => "document",
        Genre::Treaty => "treaty",
        Genre::PressRelease | Genre::Web => "webpage",
        Genre::Post => "post-weblog",
    }
}

/// A name as CSL-JSON holds it: family and given parts, so that styles can invert it.
fn person(name: &str) -> Value {
    match name_parts(name) {
        (family, Some(given)) => json!({ "family": family, "given": given }),
        (family, None) => json!({ "literal": family }),
    }
}

/// `{"date-parts": [[1956, 7, 14]]}` with only the parts that are known.
fn date(d: PartialDate) -> Value {
    let mut parts = vec![json!(d.year)];
    if let Some(m) = d.month {
        parts.push(json!(m));
        if let Some(day) = d.day {
            parts.push(json!(day));
        }
    }
    json!({ "date-parts": [parts] })
}

/// "fond 0102, opis 16, delo 7, pp. 102–129": the signature inside the archive, in the order
/// Russian archives file it.
pub fn archive_location(a: &crate::model::ArchiveRef) -> Option<String> {
    let mut parts = Vec::new();
    for (label, v) in [("fond", &a.fond), ("opis", &a.opis), ("delo", &a.delo)] {
        if let Some(v) = v {
            parts.push(format!("{label} {v}"));
        }
    }
    if let Some(p) = &a.pages {
        let label = if p.contains(['-', '–', ',']) {
            "pp."
        } else {
            "p."
        };
        parts.push(format!("{label} {}", en_dash_ranges(p)));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The short title for subsequent notes: the romanized main title for Chinese titles, the part
/// before a colon for English ones, when that is shorter than the title.
fn short_title(f: &Facts) -> Option<String> {
    let full = f.title.display();
    let short = match (&f.title.romanized, &f.title.english) {
        (Some(r), _) => r.split(':').next().map(str::trim)?.to_string(),
        (None, Some(en)) => en.split(':').next().map(str::trim)?.to_string(),
        _ => return None,
    };
    (short.len() < full.len()).then_some(short)
}

/// Page ranges take an en dash (Chicago 6.78, MLA 1.4.3, APA 6.6): "102-129" → "102–129".
pub fn en_dash_ranges(pages: &str) -> String {
    pages.replace('-', "–")
}
