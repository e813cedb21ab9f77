//! CSL-JSON for a document: the one description of a document that both lectern's CSL
//! processor (hayagriva) and any other (pandoc, Zotero) read, and the `--format csl-json` export.

use super::facts::{Facts, Genre};
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
    let title = f.title.display();
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
        put("author", json!([{ "literal": a }]));
    }
    if let Some(d) = f.date {
        put("issued", date(d));
    }
    let translators = f.translators();
    if !translators.is_empty() {
        let names: Vec<Value> = translators
            .iter()
            .map(|t| json!({ "literal": t }))
            .collect();
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
            if let Some(p) = &f.container_english {
                put("publisher", json!(p));
            }
        }
        Genre::Treaty => {
            if let Some(c) = &f.container {
                put("container-title", json!(c));
            }
            if let Some(n) = &f.number {
                put("number", json!(n));
            }
            if let Some(p) = &f.place {
                put("event-place", json!(p));
            }
        }
        Genre::PressRelease | Genre::Post | Genre::Web => {
            if let Some(c) = &f.container {
                put("container-title", json!(c));
            }
            if f.genre == Genre::PressRelease {
                put("genre", json!("press release"));
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
        Genre::Archival => "manuscript",
        Genre::Treaty => "treaty",
        Genre::PressRelease | Genre::Web => "webpage",
        Genre::Post => "post-weblog",
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

/// "fond 0102, opis 16, delo 7, pp. 102-129": the signature inside the archive, in the order
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
        parts.push(format!("{label} {p}"));
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
