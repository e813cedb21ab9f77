//! Pinpoints: where in a document a citation points — a paragraph (block), a treaty article or
//! a page of the source. Parsed from `--pin` on the command line, built by the reader from the
//! block under the cursor.

use crate::model::{BlockKind, BlockNo, DocKind, Document, SourceKind};
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pinpoint {
    /// A block of lectern's text, numbered from 1: cited as a paragraph (¶).
    Block(BlockNo),
    /// A treaty article, by its number as the text gives it ("1", "6").
    Article(String),
    /// A page of the source as the source numbers it ("5", "760", "102-129").
    Page(String),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PinpointError {
    #[error(
        "'{0}' is not a pinpoint: write a block number (3 or ¶3), an article (art. 2) or a page (p. 760)"
    )]
    Unreadable(String),
    #[error("{id} has no article {article}{}", if .known.is_empty() { " (it has no articles)".to_string() } else { format!(" (its articles: {})", .known.join(", ")) })]
    NoSuchArticle {
        id: String,
        article: String,
        known: Vec<String>,
    },
    #[error("{id} has no block {block} (it has {count})")]
    NoSuchBlock {
        id: String,
        block: BlockNo,
        count: usize,
    },
}

impl FromStr for Pinpoint {
    type Err = PinpointError;

    /// `3`, `¶3`, `para. 3`, `art. 2`, `article 2`, `p. 760`, `pp. 102-129`.
    fn from_str(s: &str) -> Result<Self, PinpointError> {
        let bad = || PinpointError::Unreadable(s.to_string());
        let t = s.trim();
        let lower = t.to_lowercase();
        // Longest prefixes first, so "pp." is not read as "p." followed by "p.".
        const PREFIXES: [(&str, Kind); 12] = [
            ("paragraph", Kind::Block),
            ("para.", Kind::Block),
            ("para", Kind::Block),
            ("par.", Kind::Block),
            ("¶", Kind::Block),
            ("article", Kind::Article),
            ("art.", Kind::Article),
            ("art", Kind::Article),
            ("pages", Kind::Page),
            ("page", Kind::Page),
            ("pp.", Kind::Page),
            ("p.", Kind::Page),
        ];
        let (kind, rest) = PREFIXES
            .iter()
            .find(|(p, _)| lower.starts_with(p))
            // `get` and not indexing: a prefix matched in the lowercased text need not end on
            // a char boundary of the original.
            .map(|(p, k)| t.get(p.len()..).map(|rest| (*k, rest)))
            .unwrap_or(Some((Kind::Block, t)))
            .ok_or_else(bad)?;
        let rest = rest.trim();
        let is_number = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit());
        match kind {
            Kind::Block => rest
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0 && is_number(rest))
                .map(|n| Pinpoint::Block(BlockNo(n)))
                .ok_or_else(bad),
            Kind::Article if is_number(rest) => Ok(Pinpoint::Article(rest.to_string())),
            Kind::Page
                if !rest.is_empty()
                    && rest
                        .chars()
                        .all(|c| c.is_ascii_digit() || "-–,".contains(c))
                    && rest.starts_with(|c: char| c.is_ascii_digit()) =>
            {
                Ok(Pinpoint::Page(rest.replace('–', "-")))
            }
            _ => Err(bad()),
        }
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Block,
    Article,
    Page,
}

impl Pinpoint {
    /// The pinpoint for block `number` of `doc` as a researcher cites it: the article for a
    /// treaty whose block lies inside an article, else the paragraph.
    pub fn for_block(doc: &Document, number: BlockNo) -> Pinpoint {
        if is_treaty(doc)
            && let Some(n) = doc.article_of(number).and_then(article_number)
        {
            return Pinpoint::Article(n);
        }
        Pinpoint::Block(number)
    }

    /// Checks a pinpoint against the document: a block number or an article must exist. A block
    /// of a treaty inside an article becomes that article, as [`Pinpoint::for_block`] does.
    pub fn resolve(self, doc: &Document) -> Result<Pinpoint, PinpointError> {
        match self {
            Pinpoint::Block(n) if doc.block(n).is_none() => Err(PinpointError::NoSuchBlock {
                id: doc.id.clone(),
                block: n,
                count: doc.blocks.len(),
            }),
            Pinpoint::Block(n) => Ok(Pinpoint::for_block(doc, n)),
            Pinpoint::Article(a) => {
                let known: Vec<String> = doc
                    .blocks
                    .iter()
                    .filter(|b| b.kind == BlockKind::Article)
                    .filter_map(|b| {
                        b.text
                            .best(&[crate::model::Lang::En])
                            .and_then(article_number)
                    })
                    .collect();
                if known.contains(&a) {
                    Ok(Pinpoint::Article(a))
                } else {
                    Err(PinpointError::NoSuchArticle {
                        id: doc.id.clone(),
                        article: a,
                        known,
                    })
                }
            }
            // The archive records no page per block, so a page cannot be checked.
            page @ Pinpoint::Page(_) => Ok(page),
        }
    }
}

/// The number of an article heading: "Article 1" → "1", "Статья 6" → "6".
fn article_number(heading: &str) -> Option<String> {
    let digits: String = heading
        .split_whitespace()
        .find(|w| w.chars().any(|c| c.is_ascii_digit()))?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then_some(digits)
}

/// Treaties and agreements are cited by article; so is anything whose text has article headings
/// and comes from a treaty series.
pub(crate) fn is_treaty(doc: &Document) -> bool {
    matches!(doc.kind, DocKind::Treaty | DocKind::Agreement)
        || (doc.source.kind == SourceKind::TreatySeries
            && doc.blocks.iter().any(|b| b.kind == BlockKind::Article))
}

/// How the pinpoint is written after a citation in running text: `¶ 3`, `art. 2`, `p. 760`.
impl fmt::Display for Pinpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pinpoint::Block(n) => write!(f, "¶ {n}"),
            Pinpoint::Article(n) => write!(f, "art. {n}"),
            Pinpoint::Page(p) if p.contains(['-', ',']) => write!(f, "pp. {p}"),
            Pinpoint::Page(p) => write!(f, "p. {p}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_a_researcher_types_are_read() {
        let ok = |s: &str| s.parse::<Pinpoint>();
        assert_eq!(ok("3"), Ok(Pinpoint::Block(BlockNo(3))));
        assert_eq!(ok("¶3"), Ok(Pinpoint::Block(BlockNo(3))));
        assert_eq!(ok("¶ 12"), Ok(Pinpoint::Block(BlockNo(12))));
        assert_eq!(ok("para. 4"), Ok(Pinpoint::Block(BlockNo(4))));
        assert_eq!(ok("art. 2"), Ok(Pinpoint::Article("2".into())));
        assert_eq!(ok("Article 6"), Ok(Pinpoint::Article("6".into())));
        assert_eq!(ok("p. 760"), Ok(Pinpoint::Page("760".into())));
        assert_eq!(ok("pp. 102–129"), Ok(Pinpoint::Page("102-129".into())));
        assert_eq!(ok("page 5"), Ok(Pinpoint::Page("5".into())));
    }

    #[test]
    fn nonsense_is_refused_with_the_forms_that_work() {
        for s in ["", "0", "¶", "art. two", "p.", "p. x", "3a", "-1"] {
            let err = s.parse::<Pinpoint>().expect_err(s);
            assert!(err.to_string().contains("art. 2"), "{err}");
        }
    }

    #[test]
    fn pinpoints_print_as_cited() {
        assert_eq!(Pinpoint::Block(BlockNo(3)).to_string(), "¶ 3");
        assert_eq!(Pinpoint::Article("2".into()).to_string(), "art. 2");
        assert_eq!(Pinpoint::Page("102-129".into()).to_string(), "pp. 102-129");
    }

    #[test]
    fn article_numbers_come_from_the_heading() {
        assert_eq!(article_number("Article 1").as_deref(), Some("1"));
        assert_eq!(article_number("Статья 6").as_deref(), Some("6"));
        assert_eq!(article_number("Preamble"), None);
    }
}
