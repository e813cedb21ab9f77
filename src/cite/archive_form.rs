//! The archive's own citation form, as the Wilson Center Digital Archive suggests it under each
//! document, built from the document's fields (never copied from the stored suggestion):
//!
//! `"Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 14 September 1960," September 14,
//! 1960, History and Public Policy Program Digital Archive, AVPRF fond 0102, opis 16, delo 7,
//! p.102-129. Translated by Gary Goldberg.`

use super::facts::Facts;
use super::pinpoint::Pinpoint;
use crate::model::{MONTHS, PartialDate};

pub fn render(f: &Facts, pin: Option<&Pinpoint>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let title = f.title.english.clone().unwrap_or_else(|| f.title.display());
    let mut head = format!("\"{title},\"");
    match (f.date, f.inferred_date) {
        (Some(d), _) => head.push_str(&format!(" {}", us_date(d))),
        (None, Some(d)) => head.push_str(&format!(" [{}?]", us_date(d))),
        (None, None) => head.push_str(" n.d."),
    }
    parts.push(head);
    if let Some(c) = &f.collection {
        parts.push(c.clone());
    }
    // The pinpoint belongs to the document, before the signature that says where the
    // document is kept (as Chicago places a page before the collection and depository).
    if let Some(pin) = pin {
        parts.push(pin_text(pin));
    }
    if let Some(a) = &f.archive {
        // The archive writes its signature "AVPRF fond 0102, opis 16, delo 7, p.102-129".
        let mut sig = vec![a.archive.clone()];
        let mut inner = Vec::new();
        for (label, v) in [("fond", &a.fond), ("opis", &a.opis), ("delo", &a.delo)] {
            if let Some(v) = v {
                inner.push(format!("{label} {v}"));
            }
        }
        if let Some(p) = &a.pages {
            inner.push(format!("p.{p}"));
        }
        if !inner.is_empty() {
            sig.push(inner.join(", "));
        }
        parts.push(sig.join(" "));
    }
    let mut out = format!("{}.", parts.join(", "));
    let translators = f.translators();
    if !translators.is_empty() {
        out.push_str(&format!(" Translated by {}.", and_list(&translators)));
    }
    if let Some(note) = f.machine_translation_note() {
        out.push_str(&format!(" {note}"));
    }
    out
}

/// The archive's form follows Chicago, whose paragraph is "para.".
fn pin_text(pin: &Pinpoint) -> String {
    match pin {
        Pinpoint::Block(n) => format!("para. {n}"),
        other => other.to_string(),
    }
}

/// "September 14, 1960", "September 1960", "1960".
fn us_date(d: PartialDate) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{} {day}, {}", MONTHS[m as usize - 1], d.year),
        (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], d.year),
        _ => d.year.to_string(),
    }
}

fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
