//! BibTeX export, written with biblatex field names (`date`, `journaltitle`, `translator`) and
//! the classic ones beside them (`year`, `journal`) so both BibTeX and biblatex users get the
//! fields. hayagriva reads BibTeX but does not write it, hence this writer.

use super::csl_json::archive_location;
use super::facts::{Facts, Genre, name_parts};

/// One entry, ending with a newline.
pub fn entry(f: &Facts) -> String {
    let kind = match f.genre {
        Genre::Newspaper => "article",
        Genre::Archival => "unpublished",
        Genre::Treaty => "misc",
        Genre::PressRelease | Genre::Post | Genre::Web => "online",
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    let title = f.title.display();
    if !title.is_empty() {
        // Double braces keep a style from changing the case of a title that is already
        // cased as it must be (romanized names, proper nouns).
        fields.push(("title", format!("{{{}}}", escape(&title))));
    }
    if let Some(a) = &f.author {
        fields.push(("author", bib_name(a)));
    }
    if let Some(d) = f.date {
        fields.push(("date", d.to_string()));
        fields.push(("year", d.year.to_string()));
        if let Some(m) = d.month {
            fields.push(("month", m.to_string()));
        }
    } else if let Some(d) = f.inferred_date {
        // Marked as inferred: biblatex reads `?` as an uncertain date (EDTF); the classic
        // `year` carries Chicago's bracketed form, which BibTeX styles print as it is.
        fields.push(("date", format!("{d}?")));
        fields.push(("year", format!("[{}?]", d.year)));
    }
    if let Some(p) = &f.supplied_publisher {
        fields.push(("publisher", escape(&format!("[{p}]"))));
    }
    if let Some(c) = &f.container {
        let (modern, classic) = match f.genre {
            Genre::Newspaper => ("journaltitle", "journal"),
            Genre::Treaty => ("series", "howpublished"),
            _ => ("organization", "howpublished"),
        };
        fields.push((modern, escape(c)));
        fields.push((classic, escape(c)));
    }
    if let Some(p) = &f.page {
        fields.push(("pages", escape(p)));
    }
    if let Some(n) = &f.number {
        fields.push(("number", escape(n)));
    }
    // The programme or collection a document is published in is its series (a treaty's series
    // is its container, written above).
    if let Some(c) = f.collection.as_ref().filter(|_| f.genre != Genre::Treaty) {
        fields.push(("series", escape(c)));
    }
    if let Some(a) = &f.archive {
        fields.push(("institution", escape(&a.archive)));
        if let Some(loc) = archive_location(a) {
            fields.push(("location", escape(&loc)));
        }
    }
    if let Some(p) = &f.place {
        fields.push(("venue", escape(p)));
    }
    let translators = f.translators();
    if !translators.is_empty() {
        let names: Vec<String> = translators.iter().map(|t| bib_name(t)).collect();
        fields.push(("translator", names.join(" and ")));
    }
    if let Some((lang, _)) = &f.title.original {
        fields.push(("language", lang.name().to_lowercase()));
    }
    let mut notes = Vec::new();
    if let Some(a) = &f.archive {
        notes.push(
            format!("{} {}", a.archive, archive_location(a).unwrap_or_default())
                .trim()
                .to_string(),
        );
    }
    if let Some(n) = f.machine_translation_note() {
        notes.push(n);
    }
    if !notes.is_empty() {
        fields.push(("note", escape(&notes.join(". "))));
    }
    if let Some(u) = &f.url {
        // URLs are verbatim in both BibTeX (with the url package) and biblatex.
        fields.push(("url", u.clone()));
    }
    let mut out = format!("@{kind}{{{},\n", key(&f.id));
    for (name, value) in fields {
        out.push_str(&format!("  {name} = {{{value}}},\n"));
    }
    out.push_str("}\n");
    out
}

/// A person as BibTeX reads a name: "Family, Given", so styles can invert and abbreviate it.
fn bib_name(name: &str) -> String {
    match name_parts(name) {
        (family, Some(given)) => format!("{}, {}", escape(&family), escape(&given)),
        (family, None) => format!("{{{}}}", escape(&family)),
    }
}

/// A citation key: the document id with characters BibTeX keys cannot hold replaced.
pub fn key(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_:.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Escapes the characters TeX treats specially; braces are dropped to keep entries balanced.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '{' | '}' | '\\' => {}
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocKind, Document, Lang, LangText, Source};
    use biblatex::{Bibliography, ChunksExt};

    #[test]
    fn tex_special_characters_survive_a_round_trip() {
        let title = "Trade & credit: 100% of #1_items";
        let doc = Document {
            id: "odd id/1".into(),
            kind: DocKind::Article,
            title: LangText::one(Lang::En, title),
            dates: vec![],
            parties: vec![],
            summary: None,
            source: Source::default(),
            texts: vec![],
            notes: vec![],
            inferred: Default::default(),
            blocks: vec![],
            footnotes: vec![],
        };
        let src = entry(&Facts::of(&doc));
        let bib = Bibliography::parse(&src).unwrap_or_else(|e| panic!("{e:?}\n{src}"));
        let e = bib
            .get("odd_id_1")
            .expect("the key with its slash and space replaced");
        let got = e.get("title").map(|c| c.format_verbatim());
        assert_eq!(got.as_deref(), Some(title), "{src}");
    }
}
