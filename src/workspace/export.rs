//! Exports of what the user kept: Markdown that Obsidian and Zotero read (YAML front matter,
//! one file per document or one in all) and JSON, each mark with its quote, its note, where it
//! is now, and its citation with the pinpoint in the style the user chose.
//!
//! The citation style is the one asked for where it applies to the document, else the
//! document's default ([`Style::default_for`]): a collection mixes treaties and letters.

use super::{Anchor, DocNotes, Found, Library, Located};
use crate::cite::{self, Facts, Pinpoint, Style};
use crate::model::{Document, Lang};
use serde_json::{Value, json};

/// One document and what the user kept on it.
pub struct Item<'a> {
    pub doc: &'a Document,
    pub notes: &'a DocNotes,
}

/// The style used for `facts`: `wanted` where it applies, else the document's default.
pub fn style_for(facts: &Facts, wanted: Option<Style>) -> Style {
    wanted
        .filter(|s| s.applies_to(facts))
        .unwrap_or_else(|| Style::default_for(facts))
}

fn citation(facts: &Facts, style: Style, pin: Option<&Pinpoint>) -> String {
    cite::render_facts(facts, style, pin).unwrap_or_else(|e| format!("(no citation: {e})"))
}

/// A JSON string, which is also a YAML double-quoted scalar.
fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn yaml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| yaml_str(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// One document as a Markdown file with YAML front matter.
pub fn markdown_document(item: &Item, library: &Library, style: Option<Style>) -> String {
    let facts = Facts::of(item.doc);
    let style = style_for(&facts, style);
    let title = item.doc.display_title(&[Lang::En]);
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", yaml_str(title)));
    out.push_str(&format!("lectern_id: {}\n", yaml_str(&item.doc.id)));
    if let Some(date) = item.doc.date() {
        out.push_str(&format!("date: {}\n", yaml_str(&date.to_string())));
    }
    out.push_str(&format!(
        "citation: {}\n",
        yaml_str(&citation(&facts, style, None))
    ));
    out.push_str(&format!("citation_style: {}\n", style.code()));
    out.push_str(&format!(
        "tags: {}\n",
        yaml_list(library.tags_of(&item.doc.id))
    ));
    let collections = library.collections_of(&item.doc.id);
    out.push_str(&format!("collections: {}\n", yaml_list(&collections)));
    out.push_str("---\n\n");
    out.push_str(&body(item, &facts, style, 1, ""));
    out
}

/// Every document in one Markdown file: front matter for the set, a section per document.
pub fn markdown_all(
    items: &[Item],
    library: &Library,
    style: Option<Style>,
    title: &str,
) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", yaml_str(title)));
    out.push_str(&format!("documents: {}\n", items.len()));
    out.push_str("---\n\n");
    out.push_str(&format!("# {title}\n\n"));
    for item in items {
        let facts = Facts::of(item.doc);
        let style = style_for(&facts, style);
        let tags = library.tags_of(&item.doc.id);
        let collections = library.collections_of(&item.doc.id);
        let mut about = String::new();
        if !tags.is_empty() {
            about.push_str(&format!("Tags: {}\n\n", tags.join(", ")));
        }
        if !collections.is_empty() {
            about.push_str(&format!("Collections: {}\n\n", collections.join(", ")));
        }
        out.push_str(&body(item, &facts, style, 2, &about));
    }
    out
}

/// The heading, the citation, `about`, each mark and the bookmarks, headings from `level`.
fn body(item: &Item, facts: &Facts, style: Style, level: usize, about: &str) -> String {
    let h = |n: usize| "#".repeat(level + n);
    let doc = item.doc;
    let mut out = format!(
        "{} {}\n\n{}\n\n",
        h(0),
        doc.display_title(&[Lang::En]),
        citation(facts, style, None)
    );
    out.push_str(about);
    for mark in &item.notes.marks {
        let located = mark.anchor.as_ref().and_then(|a| a.locate(doc));
        let kind = match (&mark.colour, mark.is_highlight()) {
            (Some(c), true) => format!("highlight ({c})"),
            (None, true) => "highlight".to_string(),
            (Some(c), false) => format!("note ({c})"),
            (None, false) => "note".to_string(),
        };
        let place = place(mark.anchor.as_ref(), located.as_ref(), doc);
        out.push_str(&format!("{} {} · {place} · {kind}\n\n", h(1), mark.id));
        if let Some(anchor) = &mark.anchor {
            for line in anchor.quote.lines() {
                out.push_str(&format!("> {line}\n"));
            }
            out.push('\n');
        }
        if !mark.note.is_empty() {
            out.push_str(mark.note.trim_end());
            out.push_str("\n\n");
        }
        match (mark.anchor.is_some(), located) {
            (true, None) => out.push_str(
                "*Orphaned: this text is no longer in the document; the quote is as it was \
                 when the note was made.*\n\n",
            ),
            (_, Some(at)) => {
                let pin = Pinpoint::for_block(doc, at.block);
                out.push_str(&format!("— {}\n\n", citation(facts, style, Some(&pin))));
            }
            (false, None) => {}
        }
    }
    if !item.notes.bookmarks.is_empty() {
        out.push_str(&format!("{} Bookmarks\n\n", h(1)));
        for b in &item.notes.bookmarks {
            let located = b.anchor.locate(doc);
            let place = place(Some(&b.anchor), located.as_ref(), doc);
            out.push_str(&format!(
                "- {} · {place}: {}…\n",
                b.id,
                b.anchor.quote.trim()
            ));
        }
        out.push('\n');
    }
    out
}

/// `¶ 3 (en)`, `art. 2 (ru)`, `document`, or `orphaned (was ¶ 4)`.
fn place(anchor: Option<&Anchor>, located: Option<&Located>, doc: &Document) -> String {
    match (anchor, located) {
        (None, _) => "document".to_string(),
        (Some(a), Some(at)) => format!("{} ({})", Pinpoint::for_block(doc, at.block), a.lang),
        (Some(a), None) => format!("orphaned (was ¶ {})", a.block),
    }
}

/// Every document with its marks as JSON: the stored anchor, where it is now (`null` when
/// orphaned), and the citations.
pub fn json(items: &[Item], library: &Library, style: Option<Style>) -> Value {
    let docs: Vec<Value> = items
        .iter()
        .map(|item| {
            let facts = Facts::of(item.doc);
            let style = style_for(&facts, style);
            let marks: Vec<Value> = item
                .notes
                .marks
                .iter()
                .map(|m| {
                    let located = m.anchor.as_ref().and_then(|a| a.locate(item.doc));
                    let pin = located.map(|at| Pinpoint::for_block(item.doc, at.block));
                    json!({
                        "id": m.id,
                        "kind": if m.is_highlight() { "highlight" } else { "note" },
                        "colour": m.colour,
                        "note": m.note,
                        "created": m.created,
                        "anchor": m.anchor,
                        "located": located,
                        "orphaned": m.anchor.is_some() && located.is_none(),
                        "moved": located.is_some_and(|l| l.how != Found::InPlace),
                        "pinpoint": pin.as_ref().map(ToString::to_string),
                        "citation": pin.as_ref().map(|p| citation(&facts, style, Some(p))),
                    })
                })
                .collect();
            let bookmarks: Vec<Value> = item
                .notes
                .bookmarks
                .iter()
                .map(|b| {
                    json!({
                        "id": b.id,
                        "created": b.created,
                        "anchor": b.anchor,
                        "located": b.anchor.locate(item.doc),
                    })
                })
                .collect();
            json!({
                "id": item.doc.id,
                "title": item.doc.display_title(&[Lang::En]),
                "citation": citation(&facts, style, None),
                "citation_style": style.code(),
                "tags": library.tags_of(&item.doc.id),
                "collections": library.collections_of(&item.doc.id),
                "marks": marks,
                "bookmarks": bookmarks,
            })
        })
        .collect();
    Value::Array(docs)
}
