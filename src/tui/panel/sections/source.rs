//! The document's source and provenance: where it comes from, its dates and what they date,
//! how each language of the text came to be (original, OCR, translation, machine
//! translation), summary and notes.

use super::field;
use crate::model::{Origin, SourceKind};
use crate::text::sanitize::sanitize;
use crate::tui::panel::state::{PanelSection, SectionContext};
use ratatui::text::{Line, Span};

pub struct SourceInfo;

impl PanelSection for SourceInfo {
    fn title(&self) -> String {
        "Source".into()
    }

    fn lines(&self, ctx: &SectionContext<'_>) -> Vec<Line<'static>> {
        let doc = ctx.doc;
        let s = &doc.source;
        let label = ctx.theme.get("panel_label");
        let mut out = Vec::new();
        let mut add = |name: &str, value: Option<&str>| {
            if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
                out.push(field(name, v, label));
            }
        };
        add("kind", Some(doc.kind.label()));
        let kind = match s.kind {
            SourceKind::Newspaper => "newspaper",
            SourceKind::Archive => "archive",
            SourceKind::TreatySeries => "treaty series",
            SourceKind::Web => "web page",
        };
        let name = match (&s.name, &s.name_original) {
            (Some(n), Some(o)) => Some(format!("{n} ({o})")),
            (Some(n), None) | (None, Some(n)) => Some(n.clone()),
            (None, None) => None,
        };
        add(kind, name.as_deref());
        add("author", s.author.as_deref());
        add("page", s.page.as_deref());
        add("column", s.column.as_deref());
        add("collection", s.collection.as_deref());
        if let Some(a) = &s.archive {
            add("archive", Some(&a.verbatim));
        }
        add("number", s.number.as_deref());
        add("registered by", s.registered_by.as_deref());
        if !s.official_languages.is_empty() {
            let langs: Vec<&str> = s.official_languages.iter().map(|l| l.name()).collect();
            add("authentic texts", Some(&langs.join(", ")));
        }
        if !doc.parties.is_empty() {
            add("parties", Some(&doc.parties.join("; ")));
        }
        for d in &doc.dates {
            let v = crate::model::dated(d.date.long(), d.place.as_deref(), d.inferred.as_deref());
            add(d.role.label(), Some(&v));
        }
        for t in &doc.texts {
            let mut v = match t.origin {
                Origin::Original => "original".to_string(),
                Origin::Ocr => "OCR of the original".to_string(),
                Origin::Translation => "translation".to_string(),
                Origin::MachineTranslation => "machine translation".to_string(),
            };
            if let Some(from) = t.from {
                v.push_str(&format!(" from {}", from.name()));
            }
            if let Some(by) = &t.translator {
                v.push_str(&format!(", by {by}"));
            }
            if let Some(note) = &t.note {
                v.push_str(&format!(" — {note}"));
            }
            add(t.lang.name(), Some(&v));
        }
        add("summary", doc.summary.as_deref());
        add("citation", s.citation.as_deref());
        add("url", s.url.as_deref());
        add("raw file", Some(&s.raw));
        for note in &doc.notes {
            add("note", Some(note));
        }
        for (path, why) in &doc.inferred {
            out.push(Line::from(vec![
                Span::styled(format!("inferred {}: ", sanitize(path)), label),
                Span::raw(sanitize(why).into_owned()),
            ]));
        }
        out
    }
}
