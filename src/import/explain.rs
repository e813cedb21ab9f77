//! What the importer decided and why, for `lectern import --explain`: the family and its
//! evidence, every field candidate with its score, every line used as metadata and every line
//! removed as chrome, with its class.

use super::chrome::Chrome;
use super::detect::Detection;
use super::fields::Candidate;
use crate::text::sanitize::sanitize;
use std::fmt::Write as _;

#[derive(Clone, Debug, Default)]
pub struct Explanation {
    pub detection: Option<Detection>,
    /// The importer that ran, and why it was chosen over the general one.
    pub route: String,
    pub candidates: Vec<Candidate>,
    pub removed: Vec<Removed>,
    pub used: Vec<Used>,
}

/// A line removed as chrome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    pub line: usize,
    pub class: Chrome,
    pub text: String,
}

/// A line read into the metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Used {
    pub line: usize,
    pub field: &'static str,
    pub text: String,
}

impl Explanation {
    /// The explanation as text; everything that came from the file is sanitized.
    pub fn render(&self, chosen: &Chosen) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "decision: {}", self.route);
        if let Some(d) = &self.detection {
            let _ = writeln!(
                out,
                "family: {} (confidence {:.2})",
                d.family.label(),
                d.confidence
            );
            for r in &d.reasons {
                let _ = writeln!(out, "  because it {r}");
            }
            let scores: Vec<String> = d
                .scores
                .iter()
                .map(|(f, s)| format!("{} {s}", f.label()))
                .collect();
            let _ = writeln!(out, "  scores: {}", scores.join(", "));
        }
        let _ = writeln!(
            out,
            "chosen: title {:?}; date {}; kind {}; languages {}",
            sanitize(&chosen.title),
            chosen.date,
            chosen.kind,
            chosen.languages
        );
        for field in [
            "title",
            "date",
            "dateline",
            "dateline-day",
            "kind",
            "citation",
        ] {
            let mut cands: Vec<&Candidate> = self
                .candidates
                .iter()
                .filter(|c| c.field == field)
                .collect();
            if cands.is_empty() {
                continue;
            }
            cands.sort_by(|a, b| b.score.cmp(&a.score).then(a.line.cmp(&b.line)));
            let _ = writeln!(out, "{field} candidates:");
            for c in cands {
                let _ = writeln!(
                    out,
                    "  {:>4}  line {:<4} {:?}  ({})",
                    c.score,
                    c.line,
                    sanitize(&clip(&c.value)),
                    sanitize(&c.reason)
                );
            }
        }
        let _ = writeln!(out, "used as metadata ({} lines):", self.used.len());
        for u in &self.used {
            let _ = writeln!(
                out,
                "  line {:<4} [{}] {}",
                u.line,
                u.field,
                sanitize(&clip(&u.text))
            );
        }
        let _ = writeln!(out, "removed as chrome ({} lines):", self.removed.len());
        for r in &self.removed {
            let _ = writeln!(
                out,
                "  line {:<4} [{}] {}",
                r.line,
                r.class,
                sanitize(&clip(&r.text))
            );
        }
        out
    }
}

/// The fields as finally chosen, in words.
pub struct Chosen {
    pub title: String,
    pub date: String,
    pub kind: String,
    pub languages: String,
}

fn clip(text: &str) -> String {
    const MAX: usize = 100;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// The lines of a seed layout's raw file that reached neither the body nor the metadata: the
/// layout's own marks ("Original:", rules, page furniture), each with its chrome class or
/// marked as layout.
pub fn unaccounted(raw: &str, doc: &crate::model::Document) -> Vec<Removed> {
    let kept = squeeze_all(&serde_json::to_string(doc).unwrap_or_default());
    let values: Vec<String> = [
        &doc.source.support,
        &doc.source.citation,
        &doc.source.address,
        &doc.source.collection,
    ]
    .into_iter()
    .flatten()
    .map(|v| squeeze_all(v))
    .filter(|v| v.chars().count() >= 8)
    .collect();
    raw.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let t = line.trim();
            let key = squeeze_all(
                t.trim_start_matches(['#', '*', '•', ' '])
                    .trim_end_matches(['*', '\\']),
            );
            if key.is_empty()
                || kept.contains(&key)
                || values.iter().any(|v| key.contains(v.as_str()))
            {
                return None;
            }
            Some(Removed {
                line: i + 1,
                class: super::chrome::classify_line(t).unwrap_or(Chrome::Layout),
                text: t.to_string(),
            })
        })
        .collect()
}

fn squeeze_all(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}
