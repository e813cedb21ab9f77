//! Citations of documents: facts taken from a document's metadata alone ([`facts`]), rendered
//! in the CSL styles researchers publish in (through hayagriva, [`csl`]), in the treaty form of
//! legal writing ([`legal`]) and in the archive's own form ([`archive_form`]), with a pinpoint
//! ([`Pinpoint`]); and exported as BibTeX, RIS and CSL-JSON for reference managers.
//!
//! For the reader: [`Style::ALL`] / [`Style::for_doc`] list the styles, [`Style::next_for`]
//! cycles them, [`Pinpoint::for_block`] turns the cursor block into a pinpoint and [`render`]
//! gives the plain text (no ANSI) to show and copy.
//!
//! ```
//! use lectern::cite::{self, Facts, Pinpoint, Style};
//! let corpus = lectern::corpus::Corpus::bundled();
//! let doc = &corpus.documents[0];
//! let facts = Facts::of(doc); // keep per document: a render is then under a millisecond
//! let style = Style::default_for(&facts);
//! let pin = Pinpoint::for_block(doc, lectern::model::BlockNo(1)); // the block under the cursor
//! let text = cite::render_facts(&facts, style, Some(&pin))?;
//! assert!(!text.is_empty());
//! let next = style.next_for(&facts); // the key that cycles styles
//! assert!(next.applies_to(&facts));
//! # Ok::<(), cite::CiteError>(())
//! ```

pub mod archive_form;
pub mod bibtex;
pub mod csl;
pub mod csl_json;
pub mod facts;
pub mod legal;
pub mod pinpoint;
pub mod ris;
pub mod romanize;
pub mod style;

pub use facts::Facts;
pub use pinpoint::{Pinpoint, PinpointError};
pub use style::{Style, UnknownStyle};

use crate::model::Document;
use crate::text::sanitize::sanitize;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum CiteError {
    #[error("the {style} style has no form for {id} (styles for it: {list})")]
    NotApplicable {
        style: &'static str,
        id: String,
        list: String,
    },
    #[error(transparent)]
    Csl(#[from] csl::CslError),
}

/// The citation of `doc` in `style`, pointing at `pin`, as plain text.
///
/// CSL styles give the full note, short note or bibliography entry; for the author-date styles
/// (Chicago author-date, MLA, APA) the reference entry, followed on a second line by the in-text
/// citation when there is a pinpoint, since that is where those styles put it. Where a text of
/// the document is machine-translated, the citation ends by saying so.
pub fn render(doc: &Document, style: Style, pin: Option<&Pinpoint>) -> Result<String, CiteError> {
    render_facts(&Facts::of(doc), style, pin)
}

/// [`render`] for facts already taken from a document (the reader keeps them per document).
///
/// The text is sanitized (no control characters): it goes to the screen and the clipboard.
pub fn render_facts(f: &Facts, style: Style, pin: Option<&Pinpoint>) -> Result<String, CiteError> {
    render_unsanitized(f, style, pin).map(|s| sanitize(&s).into_owned())
}

fn render_unsanitized(
    f: &Facts,
    style: Style,
    pin: Option<&Pinpoint>,
) -> Result<String, CiteError> {
    if !style.applies_to(f) {
        return Err(CiteError::NotApplicable {
            style: style.code(),
            id: f.id.clone(),
            list: Style::for_doc(f)
                .iter()
                .map(|s| s.code())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let Some((file, form)) = style.csl() else {
        return Ok(match style {
            Style::Treaty => legal::render(f, pin),
            _ => archive_form::render(f, pin),
        });
    };
    let mut out = mark_inferred_year(f, style, render_csl(f, file, form, pin)?);
    if style == Style::ChicagoAuthorDate {
        out = once_after_title(f, out);
    }
    // The short note points back to the full note, which has said it once already.
    if let Some(note) = f.machine_translation_note()
        && form != csl::Form::Subsequent
    {
        out.push(' ');
        out.push_str(&note);
    }
    if form == csl::Form::Bibliography
        && let Some(pin) = pin
        && file != csl::CslFile::ChicagoNote
    {
        out.push('\n');
        out.push_str(&mark_inferred_year(
            f,
            style,
            render_csl(f, file, csl::Form::Cite, Some(pin))?,
        ));
    }
    Ok(out)
}

/// A year known only by inference, in the form the style gives a supplied, uncertain date:
/// `[2021?]` in Chicago ("n.d." is for no date at all) and MLA. APA's "ca. 2021" comes
/// from the CSL style itself (CSL-JSON marks the date `circa`). The title is left alone: a year
/// it names is the source's.
fn mark_inferred_year(f: &Facts, style: Style, out: String) -> String {
    let Some(year) = f.inferred_date.filter(|_| f.date.is_none()).map(|d| d.year) else {
        return out;
    };
    if style == Style::Apa {
        return out;
    }
    let title = csl_json::item(f)
        .get("title")
        .and_then(|t| t.as_str().map(str::to_string))
        .unwrap_or_default();
    let mark = |part: &str| mark_year(part, year);
    match (!title.is_empty()).then(|| out.find(&title)).flatten() {
        Some(at) => {
            let end = at + title.len();
            format!("{}{}{}", mark(&out[..at]), title, mark(&out[end..]))
        }
        None => mark(&out),
    }
}

/// Chicago author-date gives the year after the author and, for web pages, the full date again
/// later; when the date is a year alone the shipped style prints "2021. 2021.". Once is enough.
fn once_after_title(f: &Facts, out: String) -> String {
    let Some(d) = f.date.or(f.inferred_date).filter(|d| d.month.is_none()) else {
        return out;
    };
    let year = match f.date {
        Some(_) => d.year.to_string(),
        None => format!("[{}?]", d.year),
    };
    out.replace(&format!("{year}. {year}."), &format!("{year}."))
}

/// Every `year` that stands as a number of its own (not inside a longer one) becomes `[year?]`.
fn mark_year(text: &str, year: i32) -> String {
    let y = year.to_string();
    let mut out = String::with_capacity(text.len() + 4);
    let mut rest = text;
    while let Some(i) = rest.find(&y) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + y.len()..].chars().next();
        let alone = !before.is_some_and(|c| c.is_ascii_digit() || c == '[')
            && !after.is_some_and(|c| c.is_ascii_digit());
        out.push_str(&rest[..i]);
        if alone {
            out.push_str(&format!("[{y}?]"));
        } else {
            out.push_str(&y);
        }
        rest = &rest[i + y.len()..];
    }
    out.push_str(rest);
    out
}

/// The CSL processor's output alone, before lectern adds anything: what the comparison with
/// other CSL processors checks.
pub fn render_csl(
    f: &Facts,
    file: csl::CslFile,
    form: csl::Form,
    pin: Option<&Pinpoint>,
) -> Result<String, CiteError> {
    let item = csl_json::item(f);
    Ok(csl::render(&item, file, form, pin)?)
}

/// Loads what the first citation would otherwise load (the word segmenter's dictionary for
/// Chinese titles, the CSL styles and locales: about 0.3 s, see BENCHMARKS.md), so the reader
/// can do it on a background thread at start-up.
pub fn warm_up() {
    let _ = romanize::pinyin_sentence("人民日报");
    csl::warm_up();
}

/// Export formats for reference managers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Bibtex,
    Ris,
    CslJson,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Text, Format::Bibtex, Format::Ris, Format::CslJson];

    pub fn code(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Bibtex => "bibtex",
            Format::Ris => "ris",
            Format::CslJson => "csl-json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let want = s.trim().to_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.code() == want || (want == "json" && *f == Format::CslJson))
            .ok_or_else(|| {
                let all: Vec<_> = Format::ALL.iter().map(|f| f.code()).collect();
                format!("unknown format '{s}' (expected one of {})", all.join(", "))
            })
    }
}

/// The documents as one export file: BibTeX entries, RIS records or a CSL-JSON array.
pub fn export(docs: &[&Document], format: Format) -> String {
    let facts: Vec<Facts> = docs.iter().map(|d| Facts::of(d)).collect();
    match format {
        Format::Bibtex => facts
            .iter()
            .map(bibtex::entry)
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Ris => facts.iter().map(ris::record).collect::<Vec<_>>().join("\n"),
        Format::CslJson | Format::Text => {
            // Text has no export form; the caller renders a style instead.
            let mut s = serde_json::to_string_pretty(&csl_json::items(&facts))
                .unwrap_or_else(|_| "[]".into());
            s.push('\n');
            s
        }
    }
}
