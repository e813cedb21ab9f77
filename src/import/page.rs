//! A page as the general importer sees it: its lines, each with its 1-based line number in the
//! raw file, trimmed, and what became of it (body, a field, or chrome).
//!
//! OCR text that arrives as one long line is cut into pseudo-lines (at article headings,
//! running heads and sentence ends) that keep the raw line number, so that every later rule
//! works on lines of one shape whatever the source.

use super::chrome::Chrome;
use super::pattern::built_in;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// What became of one line of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Not yet decided, or body text.
    Body,
    /// Read into a metadata field (the name says which).
    Field(&'static str),
    /// Removed as page furniture of this class.
    Chrome(Chrome),
}

#[derive(Clone, Debug)]
pub struct Line {
    /// 1-based line of the raw file.
    pub no: usize,
    pub text: String,
    pub role: Role,
}

impl Line {
    pub fn is_body(&self) -> bool {
        self.role == Role::Body && !self.text.is_empty()
    }
}

/// Lines longer than this are cut into sentences: they are OCR or a paste without breaks.
const LONG_LINE: usize = 600;

/// Where a long line is cut: the white space before a sentence that starts with a capital or
/// a number, before an article heading, a running head or the Series' translation mark.
static CUTS: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        r#"[.;:!?。；：！？”\]](\s+)[A-Z\[“"(\d]"#,
        r"(\s+)(?:Article|ARTICLE)\s+\d+\b",
        r"(\s+)\d{1,4}\s+United\s+Nations\s+[—–-]",
        r"(\s+)\[TRANSLATION",
    ]
    .map(built_in)
});

/// Abbreviations whose period ends no sentence ("No. 6100", "Art. 3").
const ABBREVIATIONS: [&str; 9] = ["No", "Nos", "Art", "p", "pp", "Mr", "St", "Vol", "cf"];

fn cut_points(line: &str) -> Vec<usize> {
    let after_abbreviation = |at: usize| {
        let before = line[..at].trim_end().trim_end_matches('.');
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        ABBREVIATIONS.contains(&word)
    };
    let mut cuts: Vec<usize> = CUTS
        .iter()
        .flat_map(|r| {
            r.captures_iter(line)
                .filter_map(|c| c.get(1).map(|m| m.start()))
        })
        .filter(|&at| !after_abbreviation(at))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// The lines of `text`, trimmed, with long lines cut into pseudo-lines.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if line.chars().count() <= LONG_LINE {
            out.push(Line {
                no: i + 1,
                text: line.to_string(),
                role: Role::Body,
            });
            continue;
        }
        let mut start = 0;
        for cut in cut_points(line) {
            push_piece(&mut out, i + 1, &line[start..cut]);
            start = cut;
        }
        push_piece(&mut out, i + 1, &line[start..]);
    }
    out
}

fn push_piece(out: &mut Vec<Line>, no: usize, piece: &str) {
    let piece = piece.trim();
    if !piece.is_empty() {
        out.push(Line {
            no,
            text: piece.to_string(),
            role: Role::Body,
        });
    }
}

static GLUED_NOTE: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"\b([A-Z]{3,}[A-Z'’-]*)(\d{1,2})\b"));

/// OCR repairs for text in capitals: a word split by a space ("DEMOCRA TIC") is joined when the
/// whole word is written elsewhere on the page in running text and one of its halves is not,
/// and a footnote digit glued to a word ("ASSISTANCE1") is cut off.
pub fn repair_ocr(text: &str, vocabulary: &HashSet<String>) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some(next) = words.get(i + 1) {
            let (a, b) = (words[i], next.trim_end_matches(['.', ',', ';']));
            let whole = format!("{a}{b}");
            let caps = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_uppercase());
            if caps(a)
                && caps(b)
                && vocabulary.contains(&whole)
                && !(vocabulary.contains(a) && vocabulary.contains(b))
            {
                out.push(format!("{a}{next}"));
                i += 2;
                continue;
            }
        }
        out.push(words[i].to_string());
        i += 1;
    }
    GLUED_NOTE.replace_all(&out.join(" "), "$1").to_string()
}

/// The words of the page's running text (not its lines in capitals), upper-cased, for
/// [`repair_ocr`].
pub fn vocabulary(lines: &[Line]) -> HashSet<String> {
    lines
        .iter()
        .filter(|l| !super::text::is_all_caps(&l.text))
        .flat_map(|l| {
            l.text
                .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '-'))
        })
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_ocr_line_is_cut_at_sentences_and_articles() {
        let long = format!(
            "{} Article 1 The parties agree. 154 United Nations — Treaty Series 1962 Article 2 More.",
            "The High Contracting Parties have resolved to conclude this treaty. ".repeat(30)
        );
        let ls = lines(&long);
        assert!(ls.len() > 30);
        assert!(ls.iter().all(|l| l.no == 1));
        assert!(ls.iter().any(|l| l.text.starts_with("Article 1")));
        assert!(ls.iter().any(|l| l.text.starts_with("154 United Nations")));
    }

    #[test]
    fn split_capitals_are_joined_only_when_the_page_knows_the_word() {
        let vocab: HashSet<String> = ["DEMOCRATIC", "REPUBLIC", "THE", "USSR", "AND"]
            .map(String::from)
            .into();
        assert_eq!(
            repair_ocr("DEMOCRA TIC PEOPLE'S REPUBLIC", &vocab),
            "DEMOCRATIC PEOPLE'S REPUBLIC"
        );
        assert_eq!(
            repair_ocr("MUTUAL ASSISTANCE1", &vocab),
            "MUTUAL ASSISTANCE"
        );
        assert_eq!(repair_ocr("THE USSR AND", &vocab), "THE USSR AND");
    }
}
