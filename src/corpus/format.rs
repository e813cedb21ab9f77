//! The on-disk form of a document: TOML, one file per document, diff-friendly (one field per
//! line, blocks as `[[blocks]]` tables in reading order). Reading validates what serde cannot:
//! footnote anchors, empty blocks, the id matching the file name.

use crate::diag::{Problem, line_of_key, line_of_table};
use crate::model::{BlockNo, Document, inline};
use std::path::Path;

/// Serializes a document the way the importer writes it.
pub fn to_toml(doc: &Document) -> String {
    toml::to_string_pretty(doc).unwrap_or_else(|e| format!("# cannot serialize {}: {e}\n", doc.id))
}

/// Parses and validates one document file; the problem names the line at fault.
pub fn parse(path: &Path, text: &str) -> Result<Document, Problem> {
    let doc: Document = toml::from_str(text).map_err(|e| Problem::from_toml(path, text, &e))?;
    validate(path, text, &doc)?;
    Ok(doc)
}

fn validate(path: &Path, text: &str, doc: &Document) -> Result<(), Problem> {
    let fail = |line: usize, msg: String| Err(Problem::new(path, line, msg));
    if doc.id.is_empty()
        || !doc
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return fail(
            line_of_key(text, "id"),
            format!("id '{}' must be letters, digits, '-' or '_'", doc.id),
        );
    }
    if let Some(stem) = path.file_stem().and_then(|s| s.to_str())
        && stem != doc.id
    {
        return fail(
            line_of_key(text, "id"),
            format!("id '{}' does not match the file name '{stem}.toml'", doc.id),
        );
    }
    if doc.title.is_empty() {
        return fail(
            line_of_key(text, "title"),
            "the document has no title".into(),
        );
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        let no = BlockNo::from_index(i);
        if block.text.is_empty() {
            return fail(
                line_of_table(text, "blocks", i),
                format!("block {no} has no text"),
            );
        }
        for (lang, t) in &block.text.0 {
            for seg in inline::segments(t) {
                if let inline::Segment::FootnoteRef(id) = seg
                    && !doc.footnotes.iter().any(|f| f.id == id && f.block == no)
                {
                    return fail(
                        line_of_table(text, "blocks", i),
                        format!(
                            "block {no} ({lang}) refers to footnote [^{id}], which is not anchored in that block",
                        ),
                    );
                }
            }
        }
    }
    for (i, note) in doc.footnotes.iter().enumerate() {
        let line = line_of_table(text, "footnotes", i);
        let Some(block) = doc.block(note.block) else {
            return fail(
                line,
                format!(
                    "footnote {} is anchored in block {}, but the document has {} blocks",
                    note.id,
                    note.block,
                    doc.blocks.len()
                ),
            );
        };
        let marker = format!("[^{}]", note.id);
        if !block.text.0.values().any(|t| t.contains(&marker)) {
            return fail(
                line,
                format!(
                    "footnote {} is anchored in block {}, which has no {marker} marker",
                    note.id, note.block
                ),
            );
        }
        if note.text.is_empty() {
            return fail(line, format!("footnote {} has no text", note.id));
        }
    }
    Ok(())
}

/// The line helpers moved to [`crate::diag`]; these names stay so that code written against
/// them still builds.
pub use crate::diag::line_at;
