//! Title and kind candidates: lines shaped like a title that the page singles out, and the
//! kind the title or the text's heading names.

use super::*;
use crate::import::kinds::named_kind;
use crate::import::text::{ends_sentence, is_all_caps, squeeze};

/// An article heading of a treaty is never its title.
static ARTICLE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:Article|ARTICLE|Статья|СТАТЬЯ|SECTION)\s+[\dIVXLC]+\.?$|^第[一二三四五六七八九十百\d]+[条條]$",
    )
});
/// A byline under a headline: "本报评论员", "本报记者 …".
static BYLINE: LazyLock<Regex> = LazyLock::new(|| re(r"^本报|^本報|评论员$|记者$|^By\s"));
/// Verbs of a Chinese headline that reports on a document rather than being it.
static REPORTING: LazyLock<Regex> =
    LazyLock::new(|| re(r"签订|簽訂|签字|庆祝|慶祝|举行|舉行|通过|到达|会见|欢迎|歡迎|致电|访问"));
pub(super) fn title_candidates(lines: &[Line], family: Family, hints: &[String], c: &mut Chosen) {
    let body: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].is_body()).collect();
    let mut shaped_seen = 0;
    let mut covered_until = 0;
    // How often each line occurs, counted once: comparing every title-shaped line with every
    // line made a page of 2,000 wrapped lines take most of a minute.
    let mut occurrences: std::collections::HashMap<String, usize> = Default::default();
    for l in lines {
        *occurrences.entry(squeeze(&l.text)).or_default() += 1;
    }
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
        let repeats = occurrences.get(&squeeze(text)).copied().unwrap_or(0);
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
        if next.is_none_or(title_shaped) && !reasons.iter().any(|r| r.contains("heading")) {
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
        && (!ends_sentence(text) || text.ends_with(['?', '!', '？', '！']))
        && !text.ends_with(':')
        && !text.starts_with(['(', '[', '（', '【', '"', '“'])
        && dates::whole_date(text).is_none()
        && dates::find_date_wide(text).is_none_or(|f| f.span.len() * 2 < text.len())
        && !DATELINE.is_match(text)
        && !ARTICLE_HEADING.is_match(text)
        && text.chars().any(char::is_alphabetic)
}

/// The title and its repeats (the headline a forum page prints twice) leave the body.
pub(super) fn mark_title_lines(lines: &mut [Line], title: &str) {
    let title = squeeze(title);
    for l in lines.iter_mut().filter(|l| l.is_body()) {
        let t = squeeze(&l.text);
        let t = if is_all_caps(&t) {
            t.trim_end_matches('.').to_string()
        } else {
            t
        };
        if t == title
            || (t.chars().count() >= 2
                && title.split(' ').any(|part| part == t)
                && !ends_sentence(&t))
        {
            l.role = Role::Field("title");
        }
    }
}

pub(super) fn kind_candidates(lines: &[Line], family: Family, c: &mut Chosen) {
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
    // "Full Text of Speech by …" is the speech itself.
    let lower = lower
        .strip_prefix("full text of ")
        .or_else(|| lower.strip_prefix("text of "))
        .unwrap_or(&lower)
        .to_string();
    let at = lower.find(word.trim()).unwrap_or(usize::MAX);
    lower[..at.min(lower.len())].split_whitespace().count() <= 2
}
