//! Reviewed overlays: the judgement an importer cannot make by rule (an inferred date, a
//! publisher named from the address block), kept as a small TOML file per raw source in
//! `corpus/overlays/<raw stem>.toml` so that re-running the import reproduces the corpus.
//!
//! Tables merge key by key and other values replace; arrays under `[add]` are appended
//! (`[[add.dates]]` adds a date). An overlay that sets no `id` gets one made after merging.

use crate::diag::Problem;
use crate::model::Document;
use std::path::Path;
use toml::{Table, Value};

pub fn apply(doc: &Document, overlay: &str, path: &Path) -> Result<Document, Problem> {
    let table: Table = overlay
        .parse()
        .map_err(|e: toml::de::Error| Problem::from_toml(path, overlay, &e))?;
    let Value::Table(mut base) =
        Value::try_from(doc).map_err(|e| Problem::new(path, 0, e.to_string()))?
    else {
        return Err(Problem::new(path, 0, "a document serializes to a table"));
    };
    let sets_id = table.contains_key("id");
    let mut table = table;
    if let Some(Value::Table(add)) = table.remove("add") {
        for (key, value) in add {
            let Value::Array(items) = value else {
                let line = crate::diag::line_of_key(overlay, &key);
                return Err(Problem::new(
                    path,
                    line,
                    format!("add.{key} must be an array of tables ([[add.{key}]])"),
                ));
            };
            match base.entry(key).or_insert_with(|| Value::Array(Vec::new())) {
                Value::Array(existing) => existing.extend(items),
                _ => return Err(Problem::new(path, 0, "can only add to arrays")),
            }
        }
    }
    merge(&mut base, table);
    let mut merged: Document = Value::Table(base)
        .try_into()
        .map_err(|e: toml::de::Error| {
            Problem::new(
                path,
                0,
                format!(
                    "the overlay makes an invalid document: {}",
                    e.message().trim()
                ),
            )
        })?;
    if !sets_id {
        merged.id = super::make_id(&merged);
    }
    Ok(merged)
}

fn merge(base: &mut Table, overlay: Table) {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(Value::Table(b)), Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}
