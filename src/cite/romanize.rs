//! Pinyin romanization of Chinese titles and names for citations, as Chicago asks for
//! non-English titles: syllables joined into words (Library of Congress word division), no tone
//! marks, sentence case with proper nouns capitalized — `Renmin ribao` for 人民日报.
//!
//! Why two crates: `pinyin` gives the reading of each character, but a romanized title is
//! written in words, not syllables ("zhengfu", not "zheng fu"), and some characters read
//! differently inside a word (朝 is "chao" in 朝鲜 Korea, "zhao" in 朝阳 morning sun). `jieba-rs`,
//! the usual Chinese word segmenter in Rust, finds the words and tags proper nouns.

use jieba_rs::Jieba;
use pinyin::ToPinyin;
use std::sync::OnceLock;

/// Readings that differ from a character's most common one, by word. Only words that occur in
/// the archive's subject (Korea, the Soviet Union) are listed; jieba finds them as words.
const WORD_READINGS: &[(&str, &str)] = &[
    ("朝鲜", "Chaoxian"),
    ("北朝鲜", "Bei Chaoxian"),
    ("南朝鲜", "Nan Chaoxian"),
    ("苏朝", "Su Chao"),
    ("中朝", "Zhong Chao"),
    ("朝苏", "Chao Su"),
    ("朝中", "Chao Zhong"),
    ("日报", "ribao"),
];

/// Single characters that stand for a country when they abbreviate one in a compound such as
/// 苏朝 (Soviet–Korean): proper nouns, so capitalized.
const COUNTRY_ABBREVIATIONS: &[char] = &['苏', '朝', '中', '美', '日', '俄', '韩'];

/// jieba part-of-speech tags of proper nouns: person and place names. jieba's organization and
/// "other proper name" tags (nt, nz) also fall on common phrases (联合公报 "joint communiqué"),
/// so they are not trusted.
const PROPER_TAGS: &[&str] = &["nr", "ns"];

/// Words jieba tags as place names that are common nouns.
const NOT_PROPER: &[&str] = &["两国", "各国", "本国", "外国", "全国", "祖国"];

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        let mut j = Jieba::new();
        // Words the default dictionary splits differently from Library of Congress practice:
        // a newspaper title is two words, "Renmin ribao".
        for (word, _) in WORD_READINGS {
            j.add_word(word, Some(100_000), Some("x"));
        }
        j.add_word("人民", Some(100_000), Some("n"));
        j
    })
}

/// Romanizes Chinese text into pinyin words in sentence case: the first word and proper nouns
/// capitalized. Characters that are not Chinese (digits, Latin letters) pass through; Chinese
/// punctuation becomes its ASCII counterpart.
pub fn pinyin_sentence(text: &str) -> String {
    pinyin(text, true)
}

/// Romanizes Chinese text into pinyin words, proper nouns capitalized, and the first word too
/// when `capitalize_first` (a title or subtitle; not the later clauses of a headline).
pub fn pinyin(text: &str, capitalize_first: bool) -> String {
    let words = pinyin_words(text);
    let mut out = String::new();
    let mut capitalize_next = capitalize_first;
    for (word, proper) in words {
        if word.chars().all(|c| c.is_ascii_punctuation()) {
            out.push_str(&word);
            capitalize_next |= word.contains(['.', '?', '!', ':']);
            continue;
        }
        if !out.is_empty() && !out.ends_with(['(', '"', '\u{201c}']) {
            out.push(' ');
        }
        if capitalize_next || proper {
            out.push_str(&capitalize(&word));
        } else {
            out.push_str(&word);
        }
        capitalize_next = false;
    }
    out
}

/// The words of `text` in pinyin, each with whether it is a proper noun.
fn pinyin_words(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for tag in jieba().tag(text, true) {
        let word = tag.word;
        if word.trim().is_empty() {
            continue;
        }
        if let Some((_, reading)) = WORD_READINGS.iter().find(|(w, _)| *w == word) {
            // Listed readings carry their own capitals ("Su Chao"); keep each part as a word.
            for part in reading.split(' ') {
                let proper = part.starts_with(|c: char| c.is_uppercase());
                out.push((part.to_lowercase(), proper));
            }
            continue;
        }
        let proper = (PROPER_TAGS.contains(&tag.tag) && !NOT_PROPER.contains(&word))
            || (word.chars().count() == 1
                && word.chars().all(|c| COUNTRY_ABBREVIATIONS.contains(&c)));
        // A proper noun written as two words is capitalized once ("Renmin ribao").
        for (i, piece) in split_long_word(word).into_iter().enumerate() {
            let romanized = romanize_run(piece);
            if !romanized.is_empty() {
                out.push((romanized, proper && i == 0));
            }
        }
    }
    out
}

/// Library of Congress practice writes four-character compounds as two words
/// (联合公报 → lianhe gongbao); jieba often keeps them whole.
fn split_long_word(word: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    if chars.len() == 4 && chars.iter().all(|(_, c)| is_han(*c)) {
        let mid = chars[2].0;
        vec![&word[..mid], &word[mid..]]
    } else {
        vec![word]
    }
}

/// The syllables of one word run together; non-Chinese characters kept, Chinese punctuation
/// mapped to ASCII.
fn romanize_run(word: &str) -> String {
    let mut out = String::new();
    for (c, py) in word.chars().zip(word.to_pinyin()) {
        match py {
            Some(p) => {
                // An apostrophe separates syllables whose boundary is ambiguous (Xi'an).
                if !out.is_empty()
                    && p.plain().starts_with(['a', 'e', 'o'])
                    && out.ends_with(|c: char| c.is_ascii_alphabetic())
                {
                    out.push('\'');
                }
                out.push_str(p.plain());
            }
            None => match ascii_punctuation(c) {
                Some(p) => out.push_str(p),
                None if c.is_whitespace() => {}
                None => out.push(c),
            },
        }
    }
    out
}

fn ascii_punctuation(c: char) -> Option<&'static str> {
    Some(match c {
        '，' | '、' => ",",
        '。' => ".",
        '：' => ":",
        '；' => ";",
        '？' => "?",
        '！' => "!",
        '（' => "(",
        '）' => ")",
        '“' | '”' | '「' | '」' => "\"",
        '《' | '》' => "",
        _ => return None,
    })
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Whether the text is written in Chinese characters (more Han than Latin letters).
pub fn is_chinese(text: &str) -> bool {
    let han = text.chars().filter(|c| is_han(*c)).count();
    han > 0 && han >= text.chars().filter(char::is_ascii_alphabetic).count()
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_people_s_daily_is_renmin_ribao() {
        assert_eq!(pinyin_sentence("人民日报"), "Renmin ribao");
    }

    #[test]
    fn korea_reads_chao_and_country_abbreviations_are_capitalized() {
        let r = pinyin_sentence("苏朝两国政府发表联合公报");
        assert!(r.starts_with("Su Chao "), "{r}");
        assert!(r.contains("zhengfu"), "{r}");
        assert!(r.contains("lianhe gongbao"), "{r}");
        assert!(!r.contains("zhao"), "{r}");
        let r = pinyin_sentence("和平解决朝鲜问题");
        assert!(r.contains("Chaoxian"), "{r}");
    }

    #[test]
    fn only_the_first_word_and_proper_nouns_are_capitalized() {
        let r = pinyin_sentence("双方支持召开国际会议");
        assert!(r.starts_with("Shuangfang "), "{r}");
        assert_eq!(r, capitalize(&r.to_lowercase()), "{r}");
    }

    #[test]
    fn chinese_is_told_from_english() {
        assert!(is_chinese("人民日报"));
        assert!(!is_chinese("People's Daily"));
    }
}
