//! Title, date and kind as scored candidates from the whole page. A title is a line shaped
//! like one (short, not a sentence, not chrome) that the page singles out: above a dateline,
//! under the date at the head, repeated as a headline, in a label or a citation. A date comes
//! from a label, a header, a dateline, a signing clause or an end mark, never from a teaser
//! or site metadata (those lines are chrome before candidates are sought); a dateline without
//! a year borrows one only with a reason.

mod dating;
mod titles;

use super::detect::Family;
use super::fields::{Candidate, Labels};
use super::page::{Line, Role};
use super::{dates, wilson};
use crate::model::{DateRole, DocKind, PartialDate};
use dating::{choose_date, date_candidates, mark_head_date};
use regex::Regex;
use std::sync::LazyLock;
use titles::{kind_candidates, mark_title_lines, title_candidates};

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
    super::pattern::built_in(p)
}

/// "Pyongyang, July 21 (KCNA) --", "Moscow, March 3 (Xinhua) --".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^([A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+)?),?\s+([A-Z][a-z]+)\.?\s+(\d{1,2})\s*\(([A-Za-z]+)\)\s*[-—–]+",
    )
});
static ZH_DATELINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^新华社([\p{Han}]{1,6}?)(\d{1,2})日电"));

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
