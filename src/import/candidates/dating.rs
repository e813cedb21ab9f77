//! Date candidates: labels, headers, datelines, signing clauses and end marks, and the choice
//! among them (a dateline without a year borrows one only with a reason).

use super::*;

static YEARS: LazyLock<Regex> = LazyLock::new(|| re(r"\b(1[89]\d\d|20\d\d)\b"));
static SIGNING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:signed|done|concluded)\s+(?:at|in)\s+[\w\s'-]{2,40}?,?\s+(?:on|this)\b|(?:signed|done)\s+(?:at|in)\s+\w+|совершено\s+в|订于|簽訂於|签订于|署名|に署名",
    )
});
static UPDATED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)updated at \d{1,2}:\d{2}|\b\d{1,2}:\d{2}\b"));
static CALENDAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^calendar\s*>>\s*(.+?)(?:\s+juch?e?\s+\d+)?$"));
pub(super) fn date_candidates(lines: &mut [Line], family: Family, c: &mut Chosen) {
    let first_body = lines.iter().position(Line::is_body).unwrap_or(0);
    let head_end = first_body + 8;
    for i in 0..lines.len() {
        let l = &lines[i];
        let (no, text) = (l.no, l.text.clone());
        if let Role::Chrome(crate::import::chrome::Chrome::EndMark) = l.role
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
pub(super) fn mark_head_date(lines: &mut [Line], c: &Chosen) {
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

pub(super) fn choose_date(lines: &[Line], c: &mut Chosen) {
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
