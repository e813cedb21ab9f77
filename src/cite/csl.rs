//! Citations rendered by a CSL processor (hayagriva) from a document's CSL-JSON and the CSL
//! styles shipped in `assets/csl/`, as plain text (hayagriva's `Plain` writer: no ANSI colour).

use super::pinpoint::Pinpoint;
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{IndependentStyle, Locale};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest,
    ElemChildren, LocatorPayload, SpecificLocator,
};
use std::sync::OnceLock;

/// A CSL style file shipped with lectern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CslFile {
    /// Chicago 17th edition, full notes (the short note is its subsequent form).
    ChicagoNote,
    ChicagoAuthorDate,
    Mla,
    Apa,
}

impl CslFile {
    pub const ALL: [CslFile; 4] = [
        CslFile::ChicagoNote,
        CslFile::ChicagoAuthorDate,
        CslFile::Mla,
        CslFile::Apa,
    ];

    /// File name under `assets/csl/`.
    pub fn file_name(self) -> &'static str {
        match self {
            CslFile::ChicagoNote => "chicago-fullnote-bibliography.csl",
            CslFile::ChicagoAuthorDate => "chicago-author-date.csl",
            CslFile::Mla => "modern-language-association.csl",
            CslFile::Apa => "apa.csl",
        }
    }

    pub fn xml(self) -> &'static str {
        match self {
            CslFile::ChicagoNote => {
                include_str!("../../assets/csl/chicago-fullnote-bibliography.csl")
            }
            CslFile::ChicagoAuthorDate => include_str!("../../assets/csl/chicago-author-date.csl"),
            CslFile::Mla => include_str!("../../assets/csl/modern-language-association.csl"),
            CslFile::Apa => include_str!("../../assets/csl/apa.csl"),
        }
    }

    fn style(self) -> Result<&'static IndependentStyle, CslError> {
        static STYLES: OnceLock<Vec<Result<IndependentStyle, String>>> = OnceLock::new();
        let all = STYLES.get_or_init(|| {
            CslFile::ALL
                .iter()
                .map(|f| IndependentStyle::from_xml(f.xml()).map_err(|e| e.to_string()))
                .collect()
        });
        let i = CslFile::ALL.iter().position(|f| *f == self).unwrap_or(0);
        match all.get(i) {
            Some(Ok(style)) => Ok(style),
            Some(Err(e)) => Err(CslError::Style(self.file_name(), e.clone())),
            None => Err(CslError::Style(self.file_name(), "not loaded".into())),
        }
    }
}

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum CslError {
    #[error("the CSL style {0} cannot be read: {1}")]
    Style(&'static str, String),
    #[error("the CSL item of {0} cannot be read: {1}")]
    Item(String, String),
    #[error("the CSL processor rendered nothing for {0}")]
    Empty(String),
}

/// hayagriva's bundled CSL locales, decoded once.
fn locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(hayagriva::archive::locales)
}

/// Parses the shipped styles and decodes the locales now rather than at the first citation.
pub fn warm_up() {
    let _ = locales();
    for f in CslFile::ALL {
        let _ = f.style();
    }
}

/// What a CSL style is asked to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// The first citation: a full note in a note style, the in-text citation otherwise.
    Cite,
    /// A later citation of the same work: the short note of a note style.
    Subsequent,
    /// The entry in a bibliography or reference list.
    Bibliography,
}

/// Renders one document's CSL-JSON item in `file`'s style as plain text.
pub fn render(
    item_json: &serde_json::Map<String, serde_json::Value>,
    file: CslFile,
    form: Form,
    pin: Option<&Pinpoint>,
) -> Result<String, CslError> {
    let id = item_json
        .get("id")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let item: Item = serde_json::from_value(serde_json::Value::Object(item_json.clone()))
        .map_err(|e| CslError::Item(id.clone(), e.to_string()))?;
    let style = file.style()?;
    let locales = locales();
    let locator = pin.map(|p| match p {
        Pinpoint::Block(n) => (Locator::Paragraph, n.to_string()),
        Pinpoint::Article(n) => (Locator::ArticleLocator, n.clone()),
        Pinpoint::Page(p) => (Locator::Page, p.clone()),
    });
    let specific = locator
        .as_ref()
        .map(|(kind, value)| SpecificLocator(*kind, LocatorPayload::Str(value)));
    let other_item = other_work()?;
    let other = &other_item;
    let mut driver: BibliographyDriver<Item> = BibliographyDriver::new();
    fn cite<'a>(
        item: &'a Item,
        locator: Option<SpecificLocator<'a>>,
        style: &'a IndependentStyle,
        locales: &'a [Locale],
        note: usize,
    ) -> CitationRequest<'a, Item> {
        let items = vec![CitationItem::with_locator(item, locator)];
        CitationRequest::new(items, style, None, locales, Some(note))
    }
    match form {
        Form::Cite | Form::Bibliography => {
            driver.citation(cite(&item, specific, style, locales, 1));
        }
        Form::Subsequent => {
            // Another work cited in between: right after its full note a style gives the
            // "ibid." form (author alone in Chicago 17), not the short note.
            driver.citation(cite(&item, None, style, locales, 1));
            driver.citation(cite(other, None, style, locales, 2));
            driver.citation(cite(&item, specific, style, locales, 3));
        }
    }
    let rendered = driver.finish(BibliographyRequest::new(style, None, locales));
    let children: Option<&ElemChildren> = match form {
        Form::Cite => rendered.citations.first().map(|c| &c.citation),
        Form::Subsequent => rendered.citations.get(2).map(|c| &c.citation),
        Form::Bibliography => rendered
            .bibliography
            .as_ref()
            .and_then(|b| b.items.first())
            .map(|i| &i.content),
    };
    let mut out = String::new();
    if let Some(children) = children {
        // Writing to a String cannot fail.
        let _ = children.write_buf(&mut out, BufWriteFormat::Plain);
    }
    let mut out = punctuation_inside_quotes(out.trim());
    if let Some((_, value)) = &locator {
        out = space_after_locator_label(&out, value);
    }
    if out.is_empty() {
        return Err(CslError::Empty(id));
    }
    Ok(out)
}

/// A work that is cited between a full note and the short note asked for.
fn other_work() -> Result<Item, CslError> {
    let v = serde_json::json!({ "id": "lectern-other-work", "type": "document", "title": "Other" });
    serde_json::from_value(v)
        .map_err(|e| CslError::Item("lectern-other-work".into(), e.to_string()))
}

/// American usage, which the en-US locale of every shipped style asks for
/// (`punctuation-in-quote`): a period or comma that follows a closing quotation mark goes
/// inside it. hayagriva 0.10 misses the case where the period comes from an enclosing group
/// (`“Title”.` in Chicago short notes); citeproc-js and pandoc put it inside.
fn punctuation_inside_quotes(s: &str) -> String {
    s.replace("”.", ".”").replace("”,", ",”")
}

/// A short locator label is followed by a space before the number ("art. 6"). hayagriva 0.10
/// joins them when a style puts label and number in a group without delimiter (MLA: "art.6");
/// citeproc-js and pandoc write the space.
fn space_after_locator_label(s: &str, value: &str) -> String {
    let mut out = s.to_string();
    for label in ["art.", "para.", "par.", "sec.", "pp.", "p."] {
        out = out.replace(&format!("{label}{value}"), &format!("{label} {value}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_commas_move_inside_closing_quotes() {
        assert_eq!(punctuation_inside_quotes("“Title”. Next"), "“Title.” Next");
        assert_eq!(punctuation_inside_quotes("“Title”, 1960"), "“Title,” 1960");
        assert_eq!(punctuation_inside_quotes("“Title.” Next"), "“Title.” Next");
    }

    #[test]
    fn a_locator_label_is_spaced_from_its_number() {
        assert_eq!(
            space_after_locator_label("(“T,” art.6)", "6"),
            "(“T,” art. 6)"
        );
        assert_eq!(
            space_after_locator_label("(“T,” art. 6)", "6"),
            "(“T,” art. 6)"
        );
    }

    #[test]
    fn every_shipped_style_parses() {
        for f in CslFile::ALL {
            assert!(
                f.style().is_ok(),
                "{}: {:?}",
                f.file_name(),
                f.style().err()
            );
        }
    }
}
