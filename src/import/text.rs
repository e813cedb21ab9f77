//! Plain-text helpers shared by the importers: paragraphs with their line numbers, scripts,
//! letter case and sentence ends.

use crate::model::Lang;

/// A run of non-blank lines of the raw file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Para {
    /// 1-based line of the first line in the raw file, for messages.
    pub line: usize,
    /// The lines, each trimmed.
    pub lines: Vec<String>,
}

impl Para {
    /// The lines joined by spaces: a prose paragraph.
    pub fn prose(&self) -> String {
        self.lines.join(" ")
    }

    /// The lines joined by newlines: headings, signatures, lists keep their line structure.
    pub fn verse(&self) -> String {
        self.lines.join("\n")
    }
}

/// Splits text into paragraphs at blank lines. `line_offset` is the raw line number of the
/// first line of `text` minus one.
pub fn paragraphs(text: &str, line_offset: usize) -> Vec<Para> {
    let mut out = Vec::new();
    let mut current: Option<Para> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if line.is_empty() {
            out.extend(current.take());
        } else {
            current
                .get_or_insert_with(|| Para {
                    line: line_offset + i + 1,
                    lines: Vec::new(),
                })
                .lines
                .push(line.to_string());
        }
    }
    out.extend(current);
    out
}

/// The language a piece of text is written in, by its script; Latin text is English unless
/// it reads as French.
pub fn script_lang(text: &str) -> Lang {
    let (mut han, mut cyrillic, mut hangul, mut latin) = (0, 0, 0, 0);
    for c in text.chars() {
        match c {
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' => han += 1,
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' => hangul += 1,
            c if c.is_alphabetic() => latin += 1,
            _ => {}
        }
    }
    let max = han.max(cyrillic).max(hangul).max(latin);
    if max == 0 || max == latin {
        if looks_french(text) {
            Lang::Fr
        } else {
            Lang::En
        }
    } else if max == han {
        Lang::Zh
    } else if max == cyrillic {
        Lang::Ru
    } else {
        Lang::Ko
    }
}

fn looks_french(text: &str) -> bool {
    let lower = text.to_lowercase();
    let accents = lower.chars().filter(|c| "éèêàçûôîœ".contains(*c)).count();
    let words = [" et ", " le ", " la ", " de l", " des ", " du ", "d'", "l'"];
    let hits = words.iter().filter(|w| lower.contains(*w)).count();
    accents >= 1 && hits >= 1 || accents >= 3
}

/// Whether the text ends a sentence (or a clause a line may end on).
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', '*']);
    t.ends_with(['.', '!', '?', ':', ';', '。', '！', '？', '：', '；', '…'])
}

/// True for text set in capitals: at least 90% of its letters, leaving room for a "No." or
/// an "and" between capitalised names.
pub fn is_all_caps(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| !c.is_lowercase()).count();
    letters.len() >= 2 && upper * 10 >= letters.len() * 9
}

/// "UNION OF SOVIET SOCIALIST REPUBLICS" → "Union of Soviet Socialist Republics".
pub fn title_case(text: &str) -> String {
    const SMALL: [&str; 10] = ["of", "and", "the", "in", "on", "at", "for", "to", "a", "an"];
    text.split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            let mut chars = lower.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Collapses runs of white space (including the ideographic space) to one space.
pub fn squeeze(text: &str) -> String {
    text.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_keep_their_first_line_number() {
        let paras = paragraphs("a\n  b\n\n\n c\n", 10);
        assert_eq!(paras.len(), 2);
        assert_eq!((paras[0].line, paras[0].prose()), (11, "a b".to_string()));
        assert_eq!((paras[1].line, paras[1].verse()), (15, "c".to_string()));
    }

    #[test]
    fn scripts_name_their_language() {
        assert_eq!(script_lang("苏朝两国政府发表联合公报"), Lang::Zh);
        assert_eq!(script_lang("г. Хабаровск, «05» августа"), Lang::Ru);
        assert_eq!(
            script_lang("Traité d'amitié, de coopération et d'assistance mutuelle."),
            Lang::Fr
        );
        assert_eq!(
            script_lang("Treaty of friendship, co-operation and mutual assistance."),
            Lang::En
        );
        assert_eq!(script_lang("김일성"), Lang::Ko);
    }

    #[test]
    fn capitals_become_title_case() {
        assert_eq!(
            title_case("DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA"),
            "Democratic People's Republic of Korea"
        );
        assert!(is_all_caps("N. KHRUSHCHEV"));
        assert!(!is_all_caps("Kim Il Sung"));
    }
}
