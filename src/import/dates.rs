//! Dates as the sources write them: "14 September 1960", "September 14, 1960", "1956-07-14",
//! "6 juillet 1961", "1956年7月14日", and datelines counted in Juche years
//! ("«05» августа 111 года чучхе (2022)": Juche 1 = 1912).

use crate::model::PartialDate;
use regex::Regex;
use std::sync::LazyLock;

/// Juche year 1 is 1912, the year of Kim Il Sung's birth.
pub const JUCHE_OFFSET: i32 = 1911;

const MONTH_NAMES: [(&str, u8); 48] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
];

fn month(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    MONTH_NAMES
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, m)| *m)
}

static MONTH_RE: &str = r"([A-Za-zÀ-ÿА-Яа-яёЁ]+)";

static ISO: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{4})-(\d{2})-(\d{2})\b"));
static DAY_MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"\b(\d{{1,2}})(?:er)?\s+{MONTH_RE}\s+(\d{{4}})\b")));
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b{MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s*(\d{{4}})\b"
    ))
});
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"\b{MONTH_RE},?\s+(\d{{4}})\b")));
static CHINESE: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?"));
/// «05» августа 111 года чучхе (2022) — day in guillemets, month, Juche year, Gregorian year.
static JUCHE_RU: LazyLock<Regex> = LazyLock::new(|| {
    re(r"«?(\d{1,2})»?\s+([А-Яа-яёЁ]+)\s+(\d{1,3})\s+года\s+чучхе(?:\s*\((\d{4})\))?")
});
/// "Juche 111 (2022)" / "111 Juche year": the year alone.
static JUCHE_EN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\bjuche\s+(\d{1,3})(?:\s*\((\d{4})\))?|\b(\d{1,3})\s+juche\b(?:\s*\((\d{4})\))?")
});

fn re(pattern: &str) -> Regex {
    super::pattern::built_in(pattern)
}

/// A date found in text, with what was found and any disagreement worth a warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub date: PartialDate,
    /// Byte range of the date in the text searched.
    pub span: std::ops::Range<usize>,
    pub warning: Option<String>,
}

impl Found {
    /// A date found as the whole of `matched`, with nothing to warn about.
    fn plain(date: PartialDate, matched: regex::Match<'_>) -> Found {
        Found {
            date,
            span: matched.range(),
            warning: None,
        }
    }
}

/// The first date in `text`, of any of the forms this module knows.
pub fn find_date(text: &str) -> Option<Found> {
    let mut found: Vec<Found> = [
        juche_ru(text),
        iso(text),
        day_month_year(text),
        month_day_year(text),
        chinese(text),
    ]
    .into_iter()
    .flatten()
    .collect();
    found.sort_by_key(|f| f.span.start);
    found.into_iter().next().or_else(|| month_year(text))
}

/// A date that is the whole of `text` (a dateline or a header field), nothing else around it.
pub fn whole_date(text: &str) -> Option<PartialDate> {
    let t = text.trim().trim_end_matches('.');
    find_date(t)
        .filter(|f| f.span.start == 0 && f.span.end == t.len())
        .map(|f| f.date)
}

fn iso(text: &str) -> Option<Found> {
    let c = ISO.captures(text)?;
    let date = PartialDate::ymd(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
    Some(Found::plain(date, c.get(0)?))
}

fn day_month_year(text: &str) -> Option<Found> {
    DAY_MONTH_YEAR.captures_iter(text).find_map(|c| {
        let date = PartialDate::ymd(c[3].parse().ok()?, month(&c[2])?, c[1].parse().ok()?)?;
        Some(Found::plain(date, c.get(0)?))
    })
}

fn month_day_year(text: &str) -> Option<Found> {
    MONTH_DAY_YEAR.captures_iter(text).find_map(|c| {
        let date = PartialDate::ymd(c[3].parse().ok()?, month(&c[1])?, c[2].parse().ok()?)?;
        Some(Found::plain(date, c.get(0)?))
    })
}

fn month_year(text: &str) -> Option<Found> {
    MONTH_YEAR.captures_iter(text).find_map(|c| {
        let date = PartialDate {
            year: c[2].parse().ok()?,
            month: Some(month(&c[1])?),
            day: None,
        };
        Some(Found::plain(date, c.get(0)?))
    })
}

fn chinese(text: &str) -> Option<Found> {
    let c = CHINESE.captures(text)?;
    let (year, m) = (c[1].parse().ok()?, c[2].parse().ok()?);
    let date = match c.get(3) {
        Some(d) => PartialDate::ymd(year, m, d.as_str().parse().ok()?)?,
        None => PartialDate {
            year,
            month: Some(m).filter(|m| (1..=12).contains(m)),
            day: None,
        },
    };
    Some(Found::plain(date, c.get(0)?))
}

fn juche_ru(text: &str) -> Option<Found> {
    let c = JUCHE_RU.captures(text)?;
    let juche: i32 = c[3].parse().ok()?;
    let (year, warning) = reconcile(juche, c.get(4).and_then(|g| g.as_str().parse().ok()));
    let date = PartialDate::ymd(year, month(&c[2])?, c[1].parse().ok()?)?;
    Some(Found {
        date,
        span: c.get(0)?.range(),
        warning,
    })
}

/// The Gregorian year of a Juche year, checked against the Gregorian year printed beside it.
fn reconcile(juche: i32, printed: Option<i32>) -> (i32, Option<String>) {
    let computed = juche + JUCHE_OFFSET;
    match printed {
        Some(p) if p != computed => (
            p,
            Some(format!(
                "Juche year {juche} is {computed}, but the text prints ({p}); kept {p}"
            )),
        ),
        _ => (computed, None),
    }
}

/// The Gregorian year of a "Juche N" mention, for text that gives only the year.
pub fn juche_year(text: &str) -> Option<(i32, Option<String>)> {
    let c = JUCHE_EN.captures(text)?;
    let juche: i32 = c.get(1).or(c.get(3))?.as_str().parse().ok()?;
    let printed = c.get(2).or(c.get(4)).and_then(|g| g.as_str().parse().ok());
    Some(reconcile(juche, printed))
}

static ABBREVIATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(\d{1,2})\s?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s?(\d{4})\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(\d{1,2}),?\s+(\d{4})\b",
    )
});
/// "July 19. 2013" (a KCNA calendar header), "July 19 2013".
static MONTH_DAY_DOT_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"\b{MONTH_RE}\s+(\d{{1,2}})[.,]?\s+(\d{{4}})\b")));
/// "24/03/2025", "24.03.2025": day first, as the DPRK and Russian sites write it.
static DAY_FIRST_NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"));
/// "2025.10.21", "2013/07/19".
static YEAR_FIRST_NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(\d{4})[./](\d{1,2})[./](\d{1,2})\b"));
/// "一九六一年七月十一日": a date in Chinese numerals.
static CHINESE_NUMERALS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?",
    )
});

const ABBREVIATIONS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn abbreviated_month(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let lower = if lower == "sept" {
        "sep".to_string()
    } else {
        lower
    };
    ABBREVIATIONS
        .iter()
        .position(|a| *a == lower)
        .and_then(|i| u8::try_from(i + 1).ok())
}

fn chinese_number(text: &str) -> Option<u32> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or(matches!(c, '○' | '零').then_some(0))
    };
    if text.chars().count() == 4 {
        return text.chars().try_fold(0u32, |acc, c| {
            Some(acc * 10 + u32::try_from(digit(c)?).ok()?)
        });
    }
    // 十 = 10, 十一 = 11, 二十 = 20, 二十一 = 21, 三 = 3.
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', d] => Some(10 + u32::try_from(digit(*d)?).ok()?),
        [t, '十'] => Some(10 * u32::try_from(digit(*t)?).ok()?),
        [t, '十', d] => {
            Some(10 * u32::try_from(digit(*t)?).ok()? + u32::try_from(digit(*d)?).ok()?)
        }
        [d] => u32::try_from(digit(*d)?).ok(),
        _ => None,
    }
}

/// The first date in `text` in any form the general importer reads: those of [`find_date`] and
/// abbreviated months, "July 19. 2013", day-first and year-first numeric dates, and dates in
/// Chinese numerals. Kept apart from [`find_date`] so that the seed importers read exactly
/// what they always read.
pub fn find_date_wide(text: &str) -> Option<Found> {
    let mut found: Vec<Found> = [
        find_date(text).filter(|f| f.date.day.is_some()),
        abbreviated(text),
        month_day_dot_year(text),
        numeric(text),
        chinese_numerals(text),
    ]
    .into_iter()
    .flatten()
    .collect();
    found.sort_by_key(|f| (f.span.start, usize::MAX - f.span.end));
    found.into_iter().next().or_else(|| find_date(text))
}

fn abbreviated(text: &str) -> Option<Found> {
    ABBREVIATED.captures_iter(text).find_map(|c| {
        let (d, m, y) = match c.get(1) {
            Some(d) => (d.as_str(), &c[2], &c[3]),
            None => (c.get(5)?.as_str(), c.get(4)?.as_str(), c.get(6)?.as_str()),
        };
        let date = PartialDate::ymd(y.parse().ok()?, abbreviated_month(m)?, d.parse().ok()?)?;
        Some(Found::plain(date, c.get(0)?))
    })
}

fn month_day_dot_year(text: &str) -> Option<Found> {
    MONTH_DAY_DOT_YEAR.captures_iter(text).find_map(|c| {
        let m = month(&c[1]).or_else(|| abbreviated_month(&c[1]))?;
        let date = PartialDate::ymd(c[3].parse().ok()?, m, c[2].parse().ok()?)?;
        Some(Found::plain(date, c.get(0)?))
    })
}

fn numeric(text: &str) -> Option<Found> {
    let year_first = YEAR_FIRST_NUMERIC.captures_iter(text).find_map(|c| {
        let date = PartialDate::ymd(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        Some(Found::plain(date, c.get(0)?))
    });
    let day_first = DAY_FIRST_NUMERIC.captures_iter(text).find_map(|c| {
        let date = PartialDate::ymd(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?)?;
        Some(Found::plain(date, c.get(0)?))
    });
    year_first.or(day_first)
}

fn chinese_numerals(text: &str) -> Option<Found> {
    let c = CHINESE_NUMERALS.captures(text)?;
    let year = i32::try_from(chinese_number(&c[1])?).ok()?;
    let m = u8::try_from(chinese_number(&c[2])?).ok()?;
    let date = match c.get(3) {
        Some(d) => PartialDate::ymd(year, m, u8::try_from(chinese_number(d.as_str())?).ok()?)?,
        None => PartialDate {
            year,
            month: Some(m).filter(|m| (1..=12).contains(m)),
            day: None,
        },
    };
    Some(Found::plain(date, c.get(0)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().expect("test date")
    }

    #[test]
    fn english_french_and_iso_forms() {
        assert_eq!(whole_date("14 September 1960"), Some(d("1960-09-14")));
        assert_eq!(whole_date("September 14, 1960"), Some(d("1960-09-14")));
        assert_eq!(whole_date("1956-07-14"), Some(d("1956-07-14")));
        assert_eq!(
            find_date("Signé à Moscou, le 6 juillet 1961").map(|f| f.date),
            Some(d("1961-07-06"))
        );
        assert_eq!(
            find_date("1956年7月14日").map(|f| f.date),
            Some(d("1956-07-14"))
        );
        assert_eq!(whole_date("Nº 162"), None);
        assert_eq!(whole_date("from 12 through 30 September 1960"), None);
    }

    #[test]
    fn juche_datelines_convert_and_check_the_printed_year() {
        let f = find_date("г. Хабаровск, «05» августа 111 года чучхе (2022)").expect("dateline");
        assert_eq!((f.date, f.warning), (d("2022-08-05"), None));
        let wrong = find_date("«05» августа 111 года чучхе (2023)").expect("dateline");
        assert!(wrong.warning.is_some_and(|w| w.contains("2022")));
        assert_eq!(juche_year("Juche 113 (2024)"), Some((2024, None)));
    }

    #[test]
    fn the_wide_reader_knows_the_forms_of_news_sites_and_treaty_collections() {
        let wide = |s: &str| find_date_wide(s).map(|f| f.date);
        assert_eq!(
            wide("calendar>>July 19. 2013 Juche 102"),
            Some(d("2013-07-19"))
        );
        assert_eq!(
            wide("Date: 24/03/2025 | Source: Pyongyang Times"),
            Some(d("2025-03-24"))
        );
        assert_eq!(wide("www.kcna.kp (2025.10.21.)"), Some(d("2025-10-21")));
        assert_eq!(wide("Done on 03Sep1990"), Some(d("1990-09-03")));
        assert_eq!(wide("一九六一年七月十一日订于北京"), Some(d("1961-07-11")));
        assert_eq!(
            wide("Sunday, August 05, 2001, updated at 14:28(GMT+8)"),
            Some(d("2001-08-05"))
        );
    }

    #[test]
    fn impossible_dates_are_not_found() {
        assert_eq!(whole_date("31 February 1960"), None);
        assert_eq!(day_month_year("31 February 1960"), None);
    }
}
