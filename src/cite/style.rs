//! The citation styles lectern offers, by name, in the order the reader cycles through them.

use super::csl::{CslFile, Form};
use super::facts::{Facts, Genre};
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// Chicago notes and bibliography: the full note, as for a work's first citation.
    ChicagoNote,
    /// Chicago notes and bibliography: the short note for later citations.
    ChicagoShortNote,
    /// Chicago notes and bibliography: the bibliography entry (for the whole work, so without
    /// the pinpoint).
    ChicagoBibliography,
    /// Chicago author-date: the reference-list entry (and the in-text citation for a pinpoint).
    ChicagoAuthorDate,
    /// MLA 9: the works-cited entry (and the in-text citation for a pinpoint).
    Mla,
    /// APA 7: the reference entry (and the in-text citation for a pinpoint).
    Apa,
    /// Treaties in legal writing, after OSCOLA.
    Treaty,
    /// The form the archive itself suggests (Wilson Center Digital Archive).
    Archive,
}

impl Style {
    pub const ALL: [Style; 8] = [
        Style::ChicagoNote,
        Style::ChicagoShortNote,
        Style::ChicagoBibliography,
        Style::ChicagoAuthorDate,
        Style::Mla,
        Style::Apa,
        Style::Treaty,
        Style::Archive,
    ];

    /// The name used on the command line (`--style chicago-note`).
    pub fn code(self) -> &'static str {
        match self {
            Style::ChicagoNote => "chicago-note",
            Style::ChicagoShortNote => "chicago-short-note",
            Style::ChicagoBibliography => "chicago-bibliography",
            Style::ChicagoAuthorDate => "chicago-author-date",
            Style::Mla => "mla",
            Style::Apa => "apa",
            Style::Treaty => "treaty",
            Style::Archive => "archive",
        }
    }

    /// Other names the command line accepts for the style (`--style oscola`).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Style::ChicagoNote => &["chicago", "chicago-full-note", "note"],
            Style::ChicagoShortNote => &["chicago-short", "short-note"],
            Style::ChicagoBibliography => &["chicago-bib", "bibliography"],
            Style::ChicagoAuthorDate => &["author-date"],
            Style::Treaty => &["oscola"],
            Style::Archive => &["wilson"],
            Style::Mla | Style::Apa => &[],
        }
    }

    /// A name for people: the citation panel's title.
    pub fn label(self) -> &'static str {
        match self {
            Style::ChicagoNote => "Chicago note",
            Style::ChicagoShortNote => "Chicago short note",
            Style::ChicagoBibliography => "Chicago bibliography",
            Style::ChicagoAuthorDate => "Chicago author-date",
            Style::Mla => "MLA 9",
            Style::Apa => "APA 7",
            Style::Treaty => "Treaty (OSCOLA)",
            Style::Archive => "Archive's own form",
        }
    }

    /// The CSL file and form a CSL style renders with; `None` for lectern's own forms.
    pub fn csl(self) -> Option<(CslFile, Form)> {
        Some(match self {
            Style::ChicagoNote => (CslFile::ChicagoNote, Form::Cite),
            Style::ChicagoShortNote => (CslFile::ChicagoNote, Form::Subsequent),
            Style::ChicagoBibliography => (CslFile::ChicagoNote, Form::Bibliography),
            Style::ChicagoAuthorDate => (CslFile::ChicagoAuthorDate, Form::Bibliography),
            Style::Mla => (CslFile::Mla, Form::Bibliography),
            Style::Apa => (CslFile::Apa, Form::Bibliography),
            Style::Treaty | Style::Archive => return None,
        })
    }

    /// Whether the style gives a reference-list entry (bibliography, works cited), which a list
    /// of several sorts alphabetically.
    pub fn is_reference_entry(self) -> bool {
        matches!(
            self,
            Style::ChicagoBibliography | Style::ChicagoAuthorDate | Style::Mla | Style::Apa
        )
    }

    /// Whether the style has a form for this document: the treaty style for treaties, the
    /// archive's form for archival documents; the CSL styles for every document.
    pub fn applies_to(self, f: &Facts) -> bool {
        match self {
            Style::Treaty => f.genre == Genre::Treaty,
            Style::Archive => f.genre == Genre::Archival,
            _ => true,
        }
    }

    /// The styles that apply to a document, in cycling order.
    pub fn for_doc(f: &Facts) -> Vec<Style> {
        Style::ALL.into_iter().filter(|s| s.applies_to(f)).collect()
    }

    /// The next style after this one that applies to the document, wrapping around.
    pub fn next_for(self, f: &Facts) -> Style {
        let all = Style::ALL;
        let at = all.iter().position(|s| *s == self).unwrap_or(0);
        (1..=all.len())
            .map(|i| all[(at + i) % all.len()])
            .find(|s| s.applies_to(f))
            .unwrap_or(self)
    }

    /// The style a document is cited in when none is chosen: the archive's form or the treaty
    /// form where they apply (what researchers of such sources use), else the Chicago note.
    pub fn default_for(f: &Facts) -> Style {
        match f.genre {
            Genre::Treaty => Style::Treaty,
            _ => Style::ChicagoNote,
        }
    }
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown citation style '{0}' (expected one of {list})", list = Style::ALL.map(Style::code).join(", "))]
pub struct UnknownStyle(pub String);

impl FromStr for Style {
    type Err = UnknownStyle;
    fn from_str(s: &str) -> Result<Self, UnknownStyle> {
        let want = s.trim().to_lowercase();
        Style::ALL
            .into_iter()
            .find(|st| st.code() == want || st.aliases().contains(&want.as_str()))
            .ok_or_else(|| UnknownStyle(s.to_string()))
    }
}
