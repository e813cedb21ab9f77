//! The document's source and provenance: where it comes from, its dates and what they date,
//! how each language of the text came to be (original, OCR, translation, machine
//! translation), summary and notes.
//!
//! Fields are named as a reader names them ("page", "English text"), never by their path in
//! the document file. A fact the corpus infers carries its reason on its own line, in the
//! form dates use (`value (inferred: why)`, [`crate::model::dated`]); an inferred fact with no
//! line of its own still gets one, so no reason is ever hidden.

use super::field;
use crate::model::{Document, Origin, SourceKind, dated};
use crate::tui::panel::state::{PanelSection, SectionContext};
use ratatui::style::Style;
use ratatui::text::Line;
use std::collections::BTreeSet;

pub struct SourceInfo;

/// The reason `path` is inferred, when it or a parent of it is (`source.archive` covers
/// `source.archive.pages`); the matching key is noted in `used`.
fn reason<'a>(doc: &'a Document, path: &str, used: &mut BTreeSet<&'a str>) -> Option<&'a str> {
    let (key, why) = doc.inferred.iter().find(|(k, _)| {
        path == k.as_str()
            || path
                .strip_prefix(k.as_str())
                .is_some_and(|rest| rest.starts_with('.'))
    })?;
    used.insert(key.as_str());
    Some(why.as_str())
}

/// What a reader calls the field at `path` (`texts.en.from` → "English text, translated
/// from"), for an inferred fact that has no line of its own.
fn field_name(doc: &Document, path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    let words = |s: &str| s.replace('_', " ");
    match parts.as_slice() {
        ["source", "name" | "name_original"] => name_label(doc.source.kind).to_string(),
        ["source", rest @ ..] => words(&rest.join(" ")),
        ["texts", lang, rest @ ..] => {
            let lang = lang
                .parse::<crate::model::Lang>()
                .map_or_else(|_| words(lang), |l| l.name().to_string());
            match rest {
                [] => format!("{lang} text"),
                ["from"] => format!("{lang} text, translated from"),
                _ => format!("{lang} text, {}", words(&rest.join(" "))),
            }
        }
        ["dates", n, ..] => n
            .parse::<usize>()
            .ok()
            .and_then(|n| doc.dates.get(n))
            .map_or_else(|| "date".to_string(), |d| d.role.label().to_string()),
        _ => words(&parts.join(" ")),
    }
}

/// The label of the source's name: what the name is of.
fn name_label(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Newspaper => "newspaper",
        SourceKind::TreatySeries => "treaty series",
        SourceKind::Archive | SourceKind::Web => "published by",
    }
}

/// The lines of the section, built up field by field.
struct Fields<'a> {
    doc: &'a Document,
    label: Style,
    out: Vec<Line<'static>>,
    /// Inferred keys some line has shown the reason of.
    used: BTreeSet<&'a str>,
}

impl<'a> Fields<'a> {
    /// `name: value`, marked inferred when the fact at `path` is.
    fn add(&mut self, name: &str, value: Option<&str>, path: &str) {
        let Some(v) = value.filter(|v| !v.trim().is_empty()) else {
            return;
        };
        let why = reason(self.doc, path, &mut self.used);
        self.out.push(field(name, &dated(v, None, why), self.label));
    }

    /// How each language of the text came to be; the inferred part carries its reason.
    fn texts(&mut self) {
        let doc = self.doc;
        for t in &doc.texts {
            let path = format!("texts.{}", t.lang);
            let mut v = match t.origin {
                Origin::Original => "original".to_string(),
                Origin::Ocr => "OCR of the original".to_string(),
                Origin::Translation => "translation".to_string(),
                Origin::MachineTranslation => "machine translation".to_string(),
            };
            if let Some(why) = reason(doc, &format!("{path}.origin"), &mut self.used) {
                v = dated(v, None, Some(why));
            }
            if let Some(from) = t.from {
                let why = reason(doc, &format!("{path}.from"), &mut self.used);
                v.push_str(&dated(format!(" from {}", from.name()), None, why));
            }
            if let Some(by) = &t.translator {
                let why = reason(doc, &format!("{path}.translator"), &mut self.used);
                v.push_str(&dated(format!(", by {by}"), None, why));
            }
            if let Some(note) = &t.note {
                v.push_str(&format!(" — {note}"));
            }
            self.out
                .push(field(&format!("{} text", t.lang.name()), &v, self.label));
        }
    }
}

impl PanelSection for SourceInfo {
    fn title(&self) -> String {
        "Source".into()
    }

    fn lines(&self, ctx: &SectionContext<'_>) -> Vec<Line<'static>> {
        let doc = ctx.doc;
        let s = &doc.source;
        let mut f = Fields {
            doc,
            label: ctx.theme.get("panel_label"),
            out: Vec::new(),
            used: BTreeSet::new(),
        };
        f.add("kind", Some(doc.kind.label()), "kind");
        let name = match (&s.name, &s.name_original) {
            (Some(n), Some(o)) => Some(format!("{n} ({o})")),
            (Some(n), None) | (None, Some(n)) => Some(n.clone()),
            (None, None) => None,
        };
        f.add(name_label(s.kind), name.as_deref(), "source.name");
        f.add("author", s.author.as_deref(), "source.author");
        f.add("page", s.page.as_deref(), "source.page");
        f.add("column", s.column.as_deref(), "source.column");
        f.add("collection", s.collection.as_deref(), "source.collection");
        let archive = s.archive.as_ref().map(|a| a.verbatim.as_str());
        f.add("archive", archive, "source.archive");
        f.add("number", s.number.as_deref(), "source.number");
        f.add(
            "registered by",
            s.registered_by.as_deref(),
            "source.registered_by",
        );
        if !s.official_languages.is_empty() {
            let langs: Vec<&str> = s.official_languages.iter().map(|l| l.name()).collect();
            f.add(
                "authentic texts",
                Some(&langs.join(", ")),
                "source.official_languages",
            );
        }
        if !doc.parties.is_empty() {
            f.add("parties", Some(&doc.parties.join("; ")), "parties");
        }
        for (i, d) in doc.dates.iter().enumerate() {
            let why = d
                .inferred
                .as_deref()
                .or_else(|| reason(doc, &format!("dates.{i}"), &mut f.used));
            let v = dated(d.date.long(), d.place.as_deref(), why);
            f.out.push(field(d.role.label(), &v, f.label));
        }
        f.texts();
        f.add("summary", doc.summary.as_deref(), "summary");
        f.add("address", s.address.as_deref(), "source.address");
        f.add("supported by", s.support.as_deref(), "source.support");
        f.add("citation", s.citation.as_deref(), "source.citation");
        f.add("url", s.url.as_deref(), "source.url");
        f.add("raw file", Some(&s.raw), "source.raw");
        for note in &doc.notes {
            f.add("note", Some(note), "notes");
        }
        // Inferred facts no line above showed: their field's name and the reason.
        for (path, why) in &doc.inferred {
            if !f.used.contains(path.as_str()) {
                let line = field(
                    &field_name(doc, path),
                    &format!("(inferred: {why})"),
                    f.label,
                );
                f.out.push(line);
            }
        }
        f.out
    }
}
