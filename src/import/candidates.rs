//! Title, date and kind as scored candidates from the whole page. A title is a line shaped
//! like one (short, not a sentence, not chrome) that the page singles out: above a dateline,
//! under the date at the head, repeated as a headline, in a label or a citation. A date comes
//! from a label, a header, a dateline, a signing clause or an end mark, never from a teaser
//! or site metadata (those lines are chrome before candidates are sought); a dateline without
//! a year borrows one only with a reason.

use super::detect::Family;
use super::fields::{Candidate, Labels};
use super::kinds::named_kind;
use super::page::{Line, Role};
use super::text::{ends_sentence, is_all_caps, squeeze};
use super::{dates, wilson};
use crate::model::{DateRole, DocKind, PartialDate};
use regex::Regex;
use std::sync::LazyLock;

/// What was chosen, and every candidate with its score.
#[derive(Debug, Default)]
pub struct Chosen {
    pub title: Option<String>,
    pub date: Option<(PartialDate, Option<String>)>,
    pub kind: DocKind,
    pub publisher: Option<String>,
    pub citation: Option<String>,
    pub candidates: Vec<Candidate>,
    pub warnings: Vec<(usize, String)>,
}

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("built-in candidate pattern {p:?}: {e}"))
}

/// "Pyongyang, July 21 (KCNA) --", "Moscow, March 3 (Xinhua) --".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^([A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+)?),?\s+([A-Z][a-z]+)\.?\s+(\d{1,2})\s*\(([A-Za-z]+)\)\s*[-—–]+",
    )
});
static CALENDAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^calendar\s*>>\s*(.+?)(?:\s+juch?e?\s+\d+)?$"));
static UPDATED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)updated at \d{1,2}:\d{2}|\b\d{1,2}:\d{2}\b"));
static SIGNING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:signed|done|concluded)\s+(?:at|in)\s+[\w\s'-]{2,40}?,?\s+(?:on|this)\b|(?:signed|done)\s+(?:at|in)\s+\w+|совершено\s+в|订于|簽訂於|签订于|署名|に署名",
    )
});
static ZH_DATELINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^新华社([\p{Han}]{1,6}?)(\d{1,2})日电"));
/// Verbs of a Chinese headline that reports on a document rather than being it.
static REPORTING: LazyLock<Regex> =
    LazyLock::new(|| re(r"签订|簽訂|签字|庆祝|慶祝|举行|舉行|通过|到达|会见|欢迎|歡迎|致电|访问"));
/// A byline under a headline: "本报评论员", "本报记者 …".
static BYLINE: LazyLock<Regex> = LazyLock::new(|| re(r"^本报|^本報|评论员$|记者$|^By\s"));
static YEARS: LazyLock<Regex> = LazyLock::new(|| re(r"\b(1[89]\d\d|20\d\d)\b"));

/// Publishers a page may name, in the order they are preferred.
const PUBLISHERS: [(&str, &str); 9] = [
    ("Treaty Series", "United Nations Treaty Series"),
    ("Peking Review", "Peking Review"),
    ("People's Daily Online", "People's Daily Online"),
    ("人民日报", "People's Daily"),
    ("Pyongyang Times", "The Pyongyang Times"),
    ("Rodong Sinmun", "Rodong Sinmun"),
    ("KCNA", "Korean Central News Agency"),
    ("china.org.cn", "China.org.cn"),
    ("Xinhua", "Xinhua News Agency"),
];

pub fn date_role(family: Family) -> DateRole {
    match family {
        Family::Wilson => DateRole::Written,
        Family::Treaty => DateRole::Signed,
        _ => DateRole::Published,
    }
}

fn default_kind(family: Family) -> DocKind {
    match family {
        Family::News => DocKind::NewsItem,
        Family::ChinesePress => DocKind::Article,
        Family::Treaty => DocKind::Treaty,
        Family::Wilson | Family::Generic => DocKind::Other,
    }
}

pub fn choose(lines: &mut [Line], labels: &Labels, family: Family, hints: &[String]) -> Chosen {
    let mut c = Chosen {
        candidates: labels.candidates.clone(),
        ..Default::default()
    };
    let whole: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    c.publisher = PUBLISHERS
        .iter()
        .find(|(mark, _)| whole.contains(mark))
        .map(|(_, name)| name.to_string());
    citation_candidates(lines, &mut c);
    date_candidates(lines, family, &mut c);
    title_candidates(lines, family, hints, &mut c);
    c.title = best(&c.candidates, "title").map(|t| t.value.clone());
    if let Some(title) = &c.title {
        mark_title_lines(lines, title);
    }
    choose_date(lines, &mut c);
    mark_head_date(lines, &c);
    kind_candidates(lines, family, &mut c);
    c
}

fn best<'a>(cands: &'a [Candidate], field: &str) -> Option<&'a Candidate> {
    cands
        .iter()
        .filter(|c| c.field == field)
        // Highest score; among equals, the earliest line.
        .max_by(|a, b| a.score.cmp(&b.score).then(b.line.cmp(&a.line)))
}

fn push(c: &mut Chosen, field: &'static str, value: String, score: i32, line: usize, reason: &str) {
    c.candidates.push(Candidate {
        field,
        value,
        score,
        line,
        reason: reason.to_string(),
    });
}

/// The archive's quoted citation: "Title," Month D, YYYY, … Digital Archive, ….
fn citation_candidates(lines: &mut [Line], c: &mut Chosen) {
    let from_label = c.candidates.iter().find(|k| k.field == "citation").cloned();
    let from_lines = lines
        .iter_mut()
        .filter(|l| l.is_body())
        .find(|l| wilson::CITATION.is_match(&l.text))
        .map(|l| {
            l.role = Role::Field("citation");
            (l.no, l.text.clone())
        });
    let Some((no, text)) = from_label.map(|k| (k.line, k.value)).or(from_lines) else {
        return;
    };
    c.citation = Some(text.clone());
    if let Some(cap) = wilson::CITATION.captures(&text) {
        push(
            c,
            "title",
            cap["title"].trim().to_string(),
            95,
            no,
            "the title inside the archive's citation",
        );
        if let Some(d) = dates::whole_date(&cap["date"]) {
            push(
                c,
                "date",
                d.to_string(),
                95,
                no,
                "the date inside the archive's citation",
            );
        }
    }
}

fn date_candidates(lines: &mut [Line], family: Family, c: &mut Chosen) {
    let first_body = lines.iter().position(Line::is_body).unwrap_or(0);
    let head_end = first_body + 8;
    for i in 0..lines.len() {
        let l = &lines[i];
        let (no, text) = (l.no, l.text.clone());
        if let Role::Chrome(super::chrome::Chrome::EndMark) = l.role
            && let Some(f) = dates::find_date_wide(&text)
        {
            push(
                c,
                "date",
                f.date.to_string(),
                75,
                no,
                "the agency's end mark",
            );
            continue;
        }
        if !l.is_body() {
            continue;
        }
        if let Some(cap) = CALENDAR.captures(&text) {
            if let Some(f) = dates::find_date_wide(&cap[1]) {
                push(
                    c,
                    "date",
                    f.date.to_string(),
                    70,
                    no,
                    "the site's calendar header",
                );
            }
            lines[i].role = Role::Field("calendar");
            continue;
        }
        if UPDATED.is_match(&text) && text.chars().count() < 90 {
            if let Some(f) = dates::find_date_wide(&text) {
                push(
                    c,
                    "date",
                    f.date.to_string(),
                    85,
                    no,
                    "the page's publication time stamp",
                );
            }
            lines[i].role = Role::Field("time stamp");
            continue;
        }
        if let Some(cap) = DATELINE.captures(&text) {
            // Month and day; the year is sought elsewhere on the page when the dates are chosen.
            if let (Some(m), Ok(d)) = (month_number(&cap[2]), cap[3].parse::<u8>()) {
                push(
                    c,
                    "dateline",
                    format!("{m:02}-{d:02}"),
                    80,
                    no,
                    "the agency dateline (no year)",
                );
            }
            continue;
        }
        if let Some(cap) = ZH_DATELINE.captures(&text) {
            if let Ok(d) = cap[2].parse::<u8>() {
                push(
                    c,
                    "dateline-day",
                    format!("{d:02}"),
                    60,
                    no,
                    "the Xinhua dateline (day only)",
                );
            }
            continue;
        }
        let short = text.chars().count() <= 60;
        if short && let Some(f) = dates::find_date_wide(&text) {
            let rest = text[..f.span.start].to_string() + &text[f.span.end..];
            let bare = rest
                .trim_matches(|ch: char| !ch.is_alphanumeric())
                .chars()
                .count()
                <= 12;
            if bare && i <= head_end {
                push(
                    c,
                    "date",
                    f.date.to_string(),
                    80,
                    no,
                    "a date line at the head of the page",
                );
                if f.date.day.is_some() && lines_before_are_chrome(lines, i) {
                    lines[i].role = Role::Field("date");
                }
                continue;
            }
            if bare {
                push(
                    c,
                    "date",
                    f.date.to_string(),
                    55,
                    no,
                    "a date line in the text",
                );
            }
        }
        if (family == Family::Treaty || SIGNING.is_match(&text))
            && SIGNING.is_match(&text)
            && let Some(f) = dates::find_date_wide(&text)
        {
            let score = if family == Family::Treaty { 90 } else { 50 };
            push(
                c,
                "date",
                f.date.to_string(),
                score,
                no,
                "the signing clause",
            );
        }
    }
}

/// The chosen date, printed on a line of its own under the title, is metadata, not body.
fn mark_head_date(lines: &mut [Line], c: &Chosen) {
    let Some(chosen) =
        best(&c.candidates, "date").filter(|d| d.reason.starts_with("a date line at the head"))
    else {
        return;
    };
    if let Some(i) = lines
        .iter()
        .position(|l| l.no == chosen.line && l.is_body())
        && lines_before_are_chrome(lines, i)
    {
        lines[i].role = Role::Field("date");
    }
}

/// True when every line before `i` is chrome, blank or used: the date heads the page.
fn lines_before_are_chrome(lines: &[Line], i: usize) -> bool {
    lines[..i].iter().all(|l| !l.is_body())
}

fn month_number(name: &str) -> Option<u8> {
    let f = dates::find_date_wide(&format!("1 {name} 2000"))?;
    f.date.month
}

fn title_candidates(lines: &[Line], family: Family, hints: &[String], c: &mut Chosen) {
    let body: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].is_body()).collect();
    let mut shaped_seen = 0;
    let mut covered_until = 0;
    for (k, &i) in body.iter().enumerate() {
        let text = &lines[i].text;
        // A line that continues the title block above it is not a title of its own.
        if i < covered_until || !title_shaped(text) {
            continue;
        }
        let mut score = 20 - 4 * shaped_seen.min(5);
        let mut reasons = vec!["shaped like a title"];
        shaped_seen += 1;
        let next = body.get(k + 1).map(|&j| lines[j].text.as_str());
        let prev_is_head_date = i > 0
            && lines[..i]
                .iter()
                .rev()
                .find(|l| !l.text.is_empty())
                .is_some_and(|l| {
                    l.role == Role::Field("date") || l.role == Role::Field("time stamp")
                });
        if next.is_some_and(|n| DATELINE.is_match(n) || ZH_DATELINE.is_match(n)) {
            score += 50;
            reasons.push("stands above the dateline");
        }
        if prev_is_head_date {
            score += 45;
            reasons.push("follows the date at the head of the page");
        }
        if followed_by_fields(lines, i) {
            score += 45;
            reasons.push("heads a block of labelled fields");
        }
        let repeats = lines
            .iter()
            .filter(|l| squeeze(&l.text) == squeeze(text))
            .count();
        if repeats >= 2 {
            score += 35;
            reasons.push("repeated on the page, as a headline is");
        }
        if hints.iter().any(|h| squeeze(h) == squeeze(text)) {
            score += 40;
            reasons.push("the page's own heading (h1)");
        }
        if named_kind(text).is_some() && k * 3 <= body.len() {
            score += 25;
            reasons.push("names a kind of document");
        }
        if family == Family::Treaty && is_all_caps(text) && named_kind(text).is_some() {
            score += 20;
            reasons.push("a treaty title in capitals");
        }
        if k + 1 == body.len() {
            score -= 30;
            reasons.push("the last line of the body");
        }
        if next.is_none_or(|n| title_shaped(n)) && !reasons.iter().any(|r| r.contains("heading")) {
            score -= 5;
        }
        let (block, used) = title_block(lines, i);
        covered_until = i + used;
        let value = block.trim_end_matches('.').to_string();
        let value = if value.is_empty() {
            text.clone()
        } else {
            value
        };
        push(c, "title", value, score, lines[i].no, &reasons.join(", "));
    }
}

/// The title may run over the next lines: a Chinese headline in parts, a treaty title block in
/// capitals. Joins up to three lines of the same shape.
fn title_block(lines: &[Line], i: usize) -> (String, usize) {
    let first = &lines[i].text;
    let han = first.chars().any(is_han) && !first.contains(['。', '，']);
    let caps = is_all_caps(first);
    let mut parts = vec![squeeze(first)];
    for l in lines[i + 1..].iter().take(3) {
        let t = &l.text;
        let same = !l.text.is_empty()
            && l.is_body()
            && title_shaped(t)
            && !DATELINE.is_match(t)
            && ((han
                && t.chars().any(is_han)
                && !t.contains(['。', '，'])
                && t.chars().count() <= 30)
                || (caps && is_all_caps(t) && named_kind(t).is_none()));
        if !same || squeeze(t) == parts[0] || BYLINE.is_match(t) {
            break;
        }
        parts.push(squeeze(t));
    }
    let used = parts.len();
    (parts.join(" "), used)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// The next non-blank lines are labelled fields (Peking Review: title, then Year/Column/…).
fn followed_by_fields(lines: &[Line], i: usize) -> bool {
    lines[i + 1..]
        .iter()
        .filter(|l| !l.text.is_empty())
        .take(2)
        .filter(|l| matches!(l.role, Role::Field(f) if !matches!(f, "heading" | "support" | "citation" | "note")))
        .count()
        >= 2
}

fn title_shaped(text: &str) -> bool {
    // A title in capitals may end on the period OCR keeps from the printed line.
    let text = if is_all_caps(text) {
        text.trim_end_matches('.')
    } else {
        text
    };
    let n = text.chars().count();
    let words = text.split_whitespace().count();
    (2..=250).contains(&n)
        && (words >= 2 || text.chars().any(is_han))
        && !(ends_sentence(text) && !text.ends_with(['?', '!', '？', '！']))
        && !text.ends_with(':')
        && !text.starts_with(['(', '[', '（', '【', '"', '“'])
        && dates::whole_date(text).is_none()
        && dates::find_date_wide(text).is_none_or(|f| f.span.len() * 2 < text.len())
        && !DATELINE.is_match(text)
        && text.chars().any(char::is_alphabetic)
}

/// The title and its repeats (the headline a forum page prints twice) leave the body.
fn mark_title_lines(lines: &mut [Line], title: &str) {
    let title = squeeze(title);
    for l in lines.iter_mut().filter(|l| l.is_body()) {
        let t = squeeze(&l.text);
        if t == title
            || (t.chars().count() >= 2
                && title.split(' ').any(|part| part == t)
                && !ends_sentence(&t))
        {
            l.role = Role::Field("title");
        }
    }
}

fn choose_date(lines: &[Line], c: &mut Chosen) {
    // A date beside the title dates the document more surely than one elsewhere in the head.
    if let Some(title_line) = best(&c.candidates, "title").map(|t| t.line) {
        for cand in c
            .candidates
            .iter_mut()
            .filter(|k| k.field == "date" && k.score < 90)
        {
            let near = lines
                .iter()
                .filter(|l| {
                    !l.text.is_empty() && l.no.min(title_line) < l.no.max(title_line).max(1)
                })
                .filter(|l| {
                    (l.no > cand.line.min(title_line)) && (l.no < cand.line.max(title_line))
                })
                .count()
                == 0;
            if near && cand.line != title_line {
                cand.score += 10;
                cand.reason.push_str(", beside the title");
            }
        }
    }
    let full: Option<Candidate> = best(&c.candidates, "date").cloned();
    let dateline = best(&c.candidates, "dateline").cloned();
    let parsed = full.as_ref().and_then(|f| parse_date(&f.value));
    if let Some(dl) = dateline {
        let (m, d) = dl.value.split_once('-').map_or((0, 0), |(m, d)| {
            (m.parse().unwrap_or(0), d.parse().unwrap_or(0))
        });
        match parsed {
            Some(p) if p.month == Some(m) && p.day == Some(d) => c.date = Some((p, None)),
            Some(p) => {
                // The page's own date differs from the dateline: the dateline dates the item, in
                // the year of the page's date.
                let year = if p.month.is_some_and(|pm| pm < m) {
                    p.year - 1
                } else {
                    p.year
                };
                c.date = PartialDate::ymd(year, m, d).map(|date| {
                    let reason = format!(
                        "the dateline gives {} without a year; the year is that of the page's date ({}), line {}",
                        date_words(m, d),
                        p,
                        full.as_ref().map_or(0, |f| f.line)
                    );
                    (date, Some(reason))
                });
            }
            None if let Some(stated) = lines.iter().filter(|l| l.is_body()).find_map(|l| {
                dates::find_date_wide(&l.text)
                    .map(|f| f.date)
                    .filter(|f| f.month == Some(m) && f.day == Some(d))
            }) =>
            {
                // The text itself states the dateline's day with its year.
                c.date = Some((stated, None));
            }
            None => {
                let years: Vec<i32> = lines
                    .iter()
                    .filter(|l| !matches!(l.role, Role::Chrome(_)))
                    .flat_map(|l| {
                        YEARS
                            .captures_iter(&l.text)
                            .filter_map(|y| y[1].parse().ok())
                            .collect::<Vec<i32>>()
                    })
                    .collect();
                c.warnings.push((
                    dl.line,
                    if years.is_empty() {
                        "the dateline gives no year and the page states none: the date is left absent".to_string()
                    } else {
                        "the dateline gives no year; the years the text mentions do not date it: the date is left absent".to_string()
                    },
                ));
            }
        }
        return;
    }
    if let Some(p) = parsed {
        c.date = Some((p, None));
    }
}

/// A candidate's value as a date: normalised already, or as the page wrote it.
fn parse_date(value: &str) -> Option<PartialDate> {
    value
        .parse::<PartialDate>()
        .ok()
        .or_else(|| dates::find_date_wide(value).map(|f| f.date))
}

fn date_words(m: u8, d: u8) -> String {
    crate::model::MONTHS
        .get(usize::from(m).saturating_sub(1))
        .map_or_else(|| format!("{m}/{d}"), |name| format!("{name} {d}"))
}

fn kind_candidates(lines: &[Line], family: Family, c: &mut Chosen) {
    if let Some(t) = c.candidates.iter().find(|k| k.field == "kind").cloned()
        && let Some((kind, _)) = named_kind(&t.value)
    {
        push(
            c,
            "kind",
            kind.code().into(),
            90,
            t.line,
            "the page's document type field",
        );
    }
    c.candidates
        .retain(|k| k.field != "kind" || k.value.parse::<DocKind>().is_ok());
    if let Some(title) = c.title.clone()
        && let Some((kind, word)) = named_kind(&title)
        && title_names_itself(&title, word, family)
    {
        let line = best(&c.candidates, "title").map_or(0, |t| t.line);
        push(
            c,
            "kind",
            kind.code().into(),
            80,
            line,
            &format!("the title says '{word}'"),
        );
    }
    for l in lines.iter().filter(|l| l.is_body()).take(4) {
        // A heading of the text ("CIPHERED TELEGRAM"), not a sentence that mentions a kind.
        if l.text.chars().count() < 80
            && !ends_sentence(&l.text)
            && let Some((kind, word)) = named_kind(&l.text)
            && title_names_itself(&l.text, word, family)
        {
            push(
                c,
                "kind",
                kind.code().into(),
                70,
                l.no,
                &format!("the text opens with '{word}'"),
            );
        }
    }
    push(
        c,
        "kind",
        default_kind(family).code().into(),
        30,
        0,
        &format!("the usual kind for the family ({})", family.label()),
    );
    c.kind = best(&c.candidates, "kind")
        .and_then(|k| k.value.parse().ok())
        .unwrap_or(DocKind::Other);
}

/// A news headline that names a kind in its first words is that document ("Press Statement by
/// …"); one that names it later reports on it ("Kim Jong Un Sends Message …" is a news item).
fn title_names_itself(title: &str, word: &str, family: Family) -> bool {
    if family == Family::ChinesePress && REPORTING.is_match(title) {
        return false;
    }
    if family != Family::News && family != Family::Generic {
        return true;
    }
    let lower = title.to_lowercase();
    let at = lower.find(word.trim()).unwrap_or(usize::MAX);
    lower[..at.min(lower.len())].split_whitespace().count() <= 2
}
