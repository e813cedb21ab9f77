//! Labelled metadata on a page: "Key: value" header lines ("Date: 24/03/2025 | Source: …",
//! "Release Date:", "发表于:", "专栏:"), and the bare-heading blocks of archive portals
//! ("Document Information", then "Source", "Rights", "Record ID" … each over its values).
//!
//! What a label names goes into the document's metadata or becomes a scored candidate for
//! title, date or kind; the line is marked as used so that it never reaches the body.

use super::chrome::Chrome;
use super::page::{Line, Role};
use super::pattern::built_in;
use regex::Regex;
use std::sync::LazyLock;

/// A value a field might take, with how strongly the page supports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub field: &'static str,
    pub value: String,
    pub score: i32,
    /// 1-based raw line it comes from.
    pub line: usize,
    pub reason: String,
}

/// Metadata read from labels, besides the candidates.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    pub candidates: Vec<Candidate>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub column: Option<String>,
    pub page: Option<String>,
    pub issue: Option<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
    pub rights: Option<String>,
    pub record_id: Option<String>,
    pub archive: Option<String>,
    pub language: Option<String>,
    pub translator: Option<String>,
    pub citation: Option<String>,
    pub notes: Vec<String>,
}

/// What a label means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Title,
    Date,
    Source,
    Author,
    Column,
    Page,
    Year,
    Issue,
    Url,
    Summary,
    Rights,
    RecordId,
    Archive,
    Language,
    Type,
    Translator,
    Citation,
    /// Website metadata: upload and crawl dates, never the document's.
    Site,
    /// A marker whose value, if any, is body text ("Full Text:").
    BodyFollows,
    /// Kept as a note ("Associated Topics").
    Note,
    /// A heading that opens a metadata block and has no value of its own.
    Section,
}

const KEYS: [(&str, Key); 66] = [
    ("title", Key::Title),
    ("标题", Key::Title),
    ("題名", Key::Title),
    ("件名", Key::Title),
    ("date", Key::Date),
    ("年月日", Key::Date),
    ("published", Key::Date),
    ("publication date", Key::Date),
    ("日期", Key::Date),
    ("发表于", Key::Date),
    ("發表於", Key::Date),
    ("发表时间", Key::Date),
    ("发布时间", Key::Date),
    ("source", Key::Source),
    ("場所", Key::Note),
    ("备考", Key::Note),
    ("備考", Key::Note),
    ("全文", Key::BodyFollows),
    ("release date", Key::Site),
    ("来源", Key::Source),
    ("出典", Key::Source),
    ("出处", Key::Source),
    ("author", Key::Author),
    ("author(s)", Key::Author),
    ("authors", Key::Author),
    ("作者", Key::Author),
    ("column", Key::Column),
    ("专栏", Key::Column),
    ("栏目", Key::Column),
    ("page", Key::Page),
    ("版次", Key::Page),
    ("year", Key::Year),
    ("issue", Key::Issue),
    ("url", Key::Url),
    ("summary", Key::Summary),
    ("rights", Key::Rights),
    ("record id", Key::RecordId),
    ("original archive", Key::Archive),
    ("language", Key::Language),
    ("original language", Key::Language),
    ("type", Key::Type),
    ("document type", Key::Type),
    ("translated by", Key::Translator),
    ("translator", Key::Translator),
    ("citation", Key::Citation),
    ("original uploaded date", Key::Site),
    ("uploaded", Key::Site),
    ("date post", Key::Site),
    ("retrieved", Key::Site),
    ("accessed", Key::Site),
    ("category", Key::Site),
    ("tags", Key::Site),
    ("full text", Key::BodyFollows),
    ("associated places", Key::Note),
    ("associated topics", Key::Note),
    ("associated people & organizations", Key::Note),
    ("associated people and organizations", Key::Note),
    ("subjects discussed", Key::Note),
    ("geographic subjects", Key::Note),
    ("related documents", Key::Note),
    ("keywords", Key::Note),
    ("contents", Key::Note),
    ("collection", Key::Note),
    ("program", Key::Note),
    ("funders", Key::Note),
    ("document information", Key::Section),
];

/// Headings that only an archive portal's metadata block has.
const PORTAL_HEADINGS: [&str; 8] = [
    "document information",
    "record id",
    "original archive",
    "original uploaded date",
    "associated topics",
    "associated places",
    "author(s)",
    "rights",
];

fn key_of(label: &str) -> Option<Key> {
    let l = label
        .trim()
        .trim_end_matches([':', '：'])
        .trim()
        .to_lowercase();
    KEYS.iter().find(|(k, _)| *k == l).map(|(_, key)| *key)
}

static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    built_in(
        r"^(?:([A-Za-z][A-Za-z ()&]{1,38}|[\p{Han}]{2,4})\s*[:：]|[\[［【]([^\]］】]{1,8})[\]］】])\s*(.*)$",
    )
});
/// A forum's post date, wherever it stands on the line ("… 楼主 发表于: 1956-04-25").
static POSTED: LazyLock<Regex> = LazyLock::new(|| built_in(r"(?:发表于|發表於)\s*[:：]?\s*(.+)$"));
/// Peking Review: "Year:1958 Issue:1" on one line.
static YEAR_ISSUE: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"(?i)^Year\s*:\s*(\d{4})\s+Issue\s*:\s*(\S+)$"));
/// "第4版()" / "第4版(要闻)": the page of a newspaper.
static PAGE_MARK: LazyLock<Regex> =
    LazyLock::new(|| built_in(r"^第\s*(\d+)\s*版\s*(?:[(（][^)）]*[)）])?$"));
/// "Page: 21-23" and similar page ranges.
static PAGES: LazyLock<Regex> = LazyLock::new(|| built_in(r"^[\dIVX][\d\s,\-–IVX]*$"));

/// Reads every labelled line and bare-heading block of the page into `labels`.
pub fn read(lines: &mut [Line]) -> Labels {
    let mut labels = Labels::default();
    let headings: Vec<usize> = (0..lines.len())
        .filter(|&i| is_bare_heading(&lines[i].text))
        .collect();
    // Bare headings count only where the page has a block of them: two or more distinct ones,
    // one of which only an archive portal prints (so that a "Summary" heading of a report
    // does not turn the report into metadata).
    let distinct: std::collections::HashSet<String> = headings
        .iter()
        .map(|&i| lines[i].text.to_lowercase())
        .collect();
    let bare = distinct.len() >= 2
        && distinct
            .iter()
            .any(|h| PORTAL_HEADINGS.contains(&h.as_str()));
    let mut section: Option<(Key, usize)> = None;
    for i in 0..lines.len() {
        let text = lines[i].text.clone();
        let no = lines[i].no;
        if text.is_empty() || lines[i].role != Role::Body {
            continue;
        }
        if bare && is_bare_heading(&text) {
            let key = key_of(&text).unwrap_or(Key::Note);
            lines[i].role = Role::Field("heading");
            section = Some((key, i));
            continue;
        }
        if let Some((key, _)) = section {
            if key == Key::Section || key == Key::BodyFollows {
                section = None;
            } else {
                let heading = lines[section.map_or(i, |(_, h)| h)].text.clone();
                lines[i].role = take(&mut labels, key, &text, no, Some(&heading));
                continue;
            }
        }
        if let Some(c) = YEAR_ISSUE.captures(&text) {
            labels.issue = Some(format!("{}, no. {}", &c[1], &c[2]));
            labels.candidates.push(Candidate {
                field: "date",
                value: c[1].to_string(),
                score: 60,
                line: no,
                reason: "the year of the issue".into(),
            });
            lines[i].role = Role::Field("issue");
            continue;
        }
        if let Some(c) = PAGE_MARK.captures(&text) {
            labels.page = Some(c[1].to_string());
            lines[i].role = Role::Field("page");
            continue;
        }
        if let Some(c) = POSTED.captures(&text) {
            labels.candidates.push(Candidate {
                field: "date",
                value: c[1].trim().to_string(),
                score: 85,
                line: no,
                reason: "the forum's post date (发表于)".into(),
            });
            lines[i].role = Role::Field("date");
            continue;
        }
        if text.contains('|') && text.matches([':', '：']).count() >= 1 {
            // "Date: 24/03/2025 | Source: Pyongyang Times | Read original version at source"
            for part in text.split('|') {
                let part = part.trim();
                if let Some(c) = LABELLED.captures(part)
                    && let Some(key) = key_of(label_of(&c))
                {
                    take(&mut labels, key, c[3].trim(), no, None);
                } else if super::dates::find_date_wide(part).is_some() && part.chars().count() <= 30
                {
                    labels.candidates.push(Candidate {
                        field: "date",
                        value: part.to_string(),
                        score: 85,
                        line: no,
                        reason: "the date in the page's header line".into(),
                    });
                }
            }
            lines[i].role = Role::Field("header");
            continue;
        }
        if let Some(c) = LABELLED.captures(&text)
            && let Some(key) = key_of(label_of(&c))
        {
            let value = c[3].trim().to_string();
            if key == Key::BodyFollows {
                if value.is_empty() {
                    lines[i].role = Role::Field("full text");
                }
                continue;
            }
            if value.is_empty() {
                // "专栏:" with nothing after it: an empty field of the page.
                lines[i].role = Role::Field("empty label");
                continue;
            }
            lines[i].role = take(&mut labels, key, &value, no, None);
        }
    }
    labels
}

fn label_of<'t>(c: &regex::Captures<'t>) -> &'t str {
    c.get(1).or(c.get(2)).map_or("", |m| m.as_str())
}

fn is_bare_heading(text: &str) -> bool {
    !text.contains([':', '：']) && key_of(text).is_some() && text.chars().count() <= 40
}

/// Files one labelled value and says what the line became.
fn take(labels: &mut Labels, key: Key, value: &str, line: usize, heading: Option<&str>) -> Role {
    let value = value.trim().to_string();
    let candidate = |field, score, reason: &str| Candidate {
        field,
        value: value.clone(),
        score,
        line,
        reason: reason.to_string(),
    };
    let append = |slot: &mut Option<String>| match slot {
        Some(s) => {
            s.push(' ');
            s.push_str(&value);
        }
        None => *slot = Some(value.clone()),
    };
    match key {
        Key::Title => labels
            .candidates
            .push(candidate("title", 100, "a 'Title' label")),
        Key::Date => labels
            .candidates
            .push(candidate("date", 90, "a 'Date' label of the page")),
        Key::Year => {
            labels
                .candidates
                .push(candidate("date", 60, "the year of the issue"));
            append(&mut labels.issue);
        }
        Key::Type => {
            labels
                .candidates
                .push(candidate("kind", 90, "the page's document type field"))
        }
        Key::Source => append(&mut labels.source),
        Key::Author => append(&mut labels.author),
        Key::Column => append(&mut labels.column),
        Key::Page => {
            if PAGES.is_match(&value) {
                labels.page = Some(value.clone());
            } else {
                append(&mut labels.page);
            }
        }
        Key::Issue => append(&mut labels.issue),
        Key::Url => labels.url = Some(value.clone()),
        Key::Summary => append(&mut labels.summary),
        Key::Rights => append(&mut labels.rights),
        Key::RecordId => labels.record_id = Some(value.clone()),
        Key::Archive => append(&mut labels.archive),
        Key::Language => labels.language = Some(value.clone()),
        Key::Translator => labels.translator = Some(value.clone()),
        Key::Citation => {
            labels.citation = Some(value.clone());
            labels
                .candidates
                .push(candidate("citation", 95, "the page's suggested citation"));
        }
        Key::Site => return Role::Chrome(Chrome::SiteMetadata),
        Key::Note => {
            let head = heading.unwrap_or("Note");
            labels.notes.push(format!("{head}: {value}"));
        }
        Key::BodyFollows | Key::Section => {}
    }
    Role::Field(field_name(key))
}

fn field_name(key: Key) -> &'static str {
    match key {
        Key::Title => "title",
        Key::Date => "date",
        Key::Source => "source",
        Key::Author => "author",
        Key::Column => "column",
        Key::Page => "page",
        Key::Year | Key::Issue => "issue",
        Key::Url => "url",
        Key::Summary => "summary",
        Key::Rights => "rights",
        Key::RecordId => "record id",
        Key::Archive => "archive",
        Key::Language => "language",
        Key::Type => "type",
        Key::Translator => "translator",
        Key::Citation => "citation",
        Key::Site => "site metadata",
        Key::Note => "note",
        Key::BodyFollows | Key::Section => "heading",
    }
}
