//! Anchors: what a translation must carry over unchanged, found in each language so that the
//! two sides can be compared. Numbers (Arabic digits, Chinese numerals, English number words),
//! the parts of dates (七月十二日 = month 7, day 12; 13日电 = day 13; 1956年 = year 1956;
//! `July 12th`, `12 июля`, `6 juillet 1961`), and registry names (金日成 ↔ Kim Il-sung).
//!
//! Only what is unambiguous is taken: a lone Chinese numeral counts only before a measure word
//! or a date unit (三个, 十二日, not 一切 or 十分), and English `one` and `two` not at all, since
//! 双方 is rendered "both sides" as often as "the two sides".

use crate::model::Lang;
use crate::refs::Target;
use crate::refs::mentions::Matcher as NameMatcher;
use std::ops::Range;

/// What an anchor says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Number(i64),
    Year(i64),
    Month(i64),
    Day(i64),
    Name(Target),
}

impl Key {
    /// What two sides must share for the anchor to agree: the value of a number or date part
    /// (a day rendered as a plain ordinal still agrees), the registry target of a name.
    pub fn agreement(self) -> Agreement {
        match self {
            Key::Number(v) | Key::Year(v) | Key::Month(v) | Key::Day(v) => Agreement::Value(v),
            Key::Name(t) => Agreement::Name(t),
        }
    }

    /// A few words for a person reading a question: "day 12", "1956", "7 (month)".
    pub fn describe(self) -> String {
        match self {
            Key::Number(v) => format!("number {v}"),
            Key::Year(v) => format!("year {v}"),
            Key::Month(v) => format!("month {v}"),
            Key::Day(v) => format!("day {v}"),
            Key::Name(_) => "name".to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Agreement {
    Value(i64),
    Name(Target),
}

/// One anchor in a text: what it says and where (bytes of the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub key: Key,
    pub bytes: Range<usize>,
}

/// Numbers and date parts of a text in `lang`.
pub fn numbers(lang: Lang, text: &str) -> Vec<Anchor> {
    match lang {
        Lang::Zh => chinese_numbers(text),
        _ => word_numbers(text),
    }
}

/// Registry names in a text, each as the target it names.
pub fn names(matcher: &NameMatcher, text: &str) -> Vec<Anchor> {
    matcher
        .find(text)
        .into_iter()
        .map(|(target, bytes)| Anchor {
            key: Key::Name(target),
            bytes,
        })
        .collect()
}

fn chinese_digit(c: char) -> Option<i64> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '0'..='9' => c as i64 - '0' as i64,
        '０'..='９' => c as i64 - '０' as i64,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<i64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

fn is_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_unit(c).is_some()
}

/// Value of a run of numerals: positional (二十三, 3万) or digit by digit (一九五六, 1956).
fn chinese_value(run: &str) -> Option<i64> {
    if !run.chars().any(|c| chinese_unit(c).is_some()) {
        let mut v: i64 = 0;
        for c in run.chars() {
            v = v.checked_mul(10)?.checked_add(chinese_digit(c)?)?;
        }
        return Some(v);
    }
    let (mut total, mut section, mut digits): (i64, i64, Option<i64>) = (0, 0, None);
    for c in run.chars() {
        if let Some(d) = chinese_digit(c) {
            digits = Some(digits.unwrap_or(0).checked_mul(10)?.checked_add(d)?);
        } else if let Some(u) = chinese_unit(c) {
            let n = digits.take().unwrap_or(1);
            if u >= 10_000 {
                total = total.checked_add(section.checked_add(n)?.checked_mul(u)?)?;
                section = 0;
            } else {
                section = section.checked_add(n.checked_mul(u)?)?;
            }
        }
    }
    total.checked_add(section)?.checked_add(digits.unwrap_or(0))
}

/// Measure words and units after which a lone Chinese numeral is a count.
const MEASURES: &str = "个位名项条次届年月日号天国方种点倍岁人架艘辆吨座所件批周轮章款段部";

/// Words that start with a numeral and are no number (十分 "very", 万岁 "long live").
const NOT_NUMBERS: &[&str] = &[
    "十分",
    "万岁",
    "千万",
    "万一",
    "百姓",
    "一一",
    "千方百计",
    "三心二意",
    "四面八方",
    "五湖四海",
    "一律",
    "万分",
    "百般",
    "万众",
];

fn chinese_numbers(text: &str) -> Vec<Anchor> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_numeral(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, n)) = chars.peek() {
            let grouped = n == ',' && text[i + 1..].starts_with(|d: char| d.is_ascii_digit());
            if is_numeral(n) || grouped {
                end = i + n.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let run: String = text[start..end].chars().filter(|c| *c != ',').collect();
        if NOT_NUMBERS.iter().any(|w| text[start..].starts_with(w)) {
            continue;
        }
        let Some(value) = chinese_value(&run) else {
            continue;
        };
        let next = text[end..].chars().next();
        let arabic = run
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_numeric() && c > '\u{FF00}');
        let ordinal = text[..start].ends_with('第');
        let measured = next.is_some_and(|n| MEASURES.contains(n));
        if !arabic && !ordinal && !measured && (run.chars().count() == 1 || value < 3) {
            continue;
        }
        let unit_len = next.map_or(0, char::len_utf8);
        let (key, bytes) = match next {
            Some('年') if !ordinal && run.chars().count() >= 2 => {
                (Key::Year(value), start..end + unit_len)
            }
            Some('月') if (1..=12).contains(&value) => (Key::Month(value), start..end + unit_len),
            Some('日' | '号') if (1..=31).contains(&value) => {
                (Key::Day(value), start..end + unit_len)
            }
            _ if arabic && (1000..=2100).contains(&value) && run.len() == 4 => {
                (Key::Year(value), start..end)
            }
            _ if !arabic && value < 3 => continue,
            _ => (Key::Number(value), start..end),
        };
        out.push(Anchor { key, bytes });
    }
    out
}

/// Months by name in English, French and Russian (nominative and genitive), lowercase.
const MONTHS: [&[&str]; 12] = [
    &["january", "janvier", "январь", "января"],
    &["february", "février", "fevrier", "февраль", "февраля"],
    &["march", "mars", "март", "марта"],
    &["april", "avril", "апрель", "апреля"],
    &["may", "mai", "май", "мая"],
    &["june", "juin", "июнь", "июня"],
    &["july", "juillet", "июль", "июля"],
    &["august", "août", "aout", "август", "августа"],
    &["september", "septembre", "сентябрь", "сентября"],
    &["october", "octobre", "октябрь", "октября"],
    &["november", "novembre", "ноябрь", "ноября"],
    &["december", "décembre", "decembre", "декабрь", "декабря"],
];

/// English number words from three on (see the module note on `one` and `two`).
const NUMBER_WORDS: &[(&str, i64)] = &[
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("twentieth", 20),
];

fn month_of(word: &str) -> Option<i64> {
    // `May` is a month only with a capital: "may" is the verb.
    if word == "may" {
        return None;
    }
    let lower = word.to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&lower.as_str()))
        .map(|i| i as i64 + 1)
}

/// Words of a Latin or Cyrillic text: runs of letters and digits (digits may hold `,` groups).
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let digit_group = c == ','
            && start.is_some()
            && text[..i].ends_with(|d: char| d.is_ascii_digit())
            && text[i + 1..].starts_with(|d: char| d.is_ascii_digit());
        if c.is_alphanumeric() || digit_group {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

fn word_numbers(text: &str) -> Vec<Anchor> {
    let words = words(text);
    let mut out = Vec::new();
    // Words left in which a bare number reads as a day: after a month name (`July 6th to 12th`).
    let mut date_window = 0usize;
    for (i, range) in words.iter().enumerate() {
        let word = &text[range.clone()];
        date_window = date_window.saturating_sub(1);
        if let Some(m) = month_of(word) {
            out.push(Anchor {
                key: Key::Month(m),
                bytes: range.clone(),
            });
            date_window = 4;
            continue;
        }
        let lower = word.to_lowercase();
        if let Some((_, v)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
            out.push(Anchor {
                key: Key::Number(*v),
                bytes: range.clone(),
            });
            continue;
        }
        let digits: String = word
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .collect();
        if digits.is_empty() {
            continue;
        }
        let suffix = &word[digits.len()..];
        let ordinal = matches!(suffix, "st" | "nd" | "rd" | "th" | "er" | "e");
        if !suffix.is_empty() && !ordinal {
            continue;
        }
        let Ok(value) = digits.replace(',', "").parse::<i64>() else {
            continue;
        };
        let word_at = |j: usize| words.get(j).map(|r| &text[r.clone()]);
        let next_is_month = word_at(i + 1).and_then(month_of).is_some()
            || (word_at(i + 1).is_some_and(|w| w.eq_ignore_ascii_case("of"))
                && word_at(i + 2).and_then(month_of).is_some());
        let key = if (date_window > 0 || next_is_month) && (1..=31).contains(&value) {
            Key::Day(value)
        } else if !ordinal && digits.len() == 4 && (1000..=2100).contains(&value) {
            Key::Year(value)
        } else {
            Key::Number(value)
        };
        if matches!(key, Key::Day(_)) {
            date_window = 4;
        }
        out.push(Anchor {
            key,
            bytes: range.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(lang: Lang, text: &str) -> Vec<Key> {
        numbers(lang, text).into_iter().map(|a| a.key).collect()
    }

    #[test]
    fn chinese_dates_and_numerals_are_read() {
        assert_eq!(
            keys(
                Lang::Zh,
                "新华社莫斯科13日电　七月十二日，从七月六日到十二日"
            ),
            vec![
                Key::Day(13),
                Key::Month(7),
                Key::Day(12),
                Key::Month(7),
                Key::Day(6),
                Key::Day(12)
            ]
        );
        assert_eq!(
            keys(
                Lang::Zh,
                "一九五六年，1956年，第二十次，三个国家，3万人，二十三"
            ),
            vec![
                Key::Year(1956),
                Key::Year(1956),
                Key::Number(20),
                Key::Number(3),
                Key::Number(30_000),
                Key::Number(23)
            ]
        );
    }

    #[test]
    fn chinese_words_that_only_contain_numerals_are_not_numbers() {
        assert!(
            keys(
                Lang::Zh,
                "一切和平力量十分一致，两国人民万岁，进一步，一项协定"
            )
            .is_empty()
        );
    }

    #[test]
    fn english_dates_numbers_and_ordinals_are_read() {
        assert_eq!(
            keys(
                Lang::En,
                "Moscow, July 13th: issued on July 12th, from July 6th to 12th"
            ),
            vec![
                Key::Month(7),
                Key::Day(13),
                Key::Month(7),
                Key::Day(12),
                Key::Month(7),
                Key::Day(6),
                Key::Day(12)
            ]
        );
        assert_eq!(
            keys(
                Lang::En,
                "No. 6045 of 23 January 1962, the three parts, 1,000 men, two sides"
            ),
            vec![
                Key::Number(6045),
                Key::Day(23),
                Key::Month(1),
                Key::Year(1962),
                Key::Number(3),
                Key::Number(1000)
            ]
        );
        assert_eq!(
            keys(Lang::Fr, "le 6 juillet 1961"),
            vec![Key::Day(6), Key::Month(7), Key::Year(1961)]
        );
        assert_eq!(keys(Lang::En, "they may agree"), vec![]);
    }
}
