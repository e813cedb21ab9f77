//! The treaty citation of legal writing, after OSCOLA (Oxford University Standard for the
//! Citation of Legal Authorities, 4th ed., 4.1): title, parties, signature, entry into force,
//! treaty-series reference and article pinpoint, with OSCOLA's lack of full stops ("art 2").
//!
//! `Treaty of Friendship, Co-operation and Mutual Assistance (USSR–DPRK) (signed at Moscow 6 July
//! 1961, entered into force 10 September 1961) UNTS No. 6045, art 2`
//!
//! OSCOLA's series reference is `(year) volume UNTS first page`; no source in the archive states
//! the volume, so the reference is the registration number the series gives ("No. 6045"), and
//! the series page appears only as a pinpoint the researcher asks for ("p 760").

use super::facts::{Facts, title_case};
use super::pinpoint::Pinpoint;
use crate::model::PartialDate;

pub fn render(f: &Facts, pin: Option<&Pinpoint>) -> String {
    let title = f.title.english.clone().unwrap_or_else(|| f.title.display());
    let mut out = title_case(title.trim_end_matches('.'));
    let named = |party: &str| out.to_lowercase().contains(&party.to_lowercase());
    let parties: Vec<&str> = f
        .parties
        .iter()
        .map(String::as_str)
        .filter(|p| !named(p))
        .collect();
    if !parties.is_empty() {
        let short: Vec<String> = parties.iter().map(|p| short_party(p)).collect();
        out.push_str(&format!(" ({})", short.join("–")));
    }
    let mut when = Vec::new();
    if let Some(d) = f.signed.or(f.date) {
        let verb = if f.signed.is_some() {
            "signed"
        } else {
            "dated"
        };
        match &f.place {
            Some(p) => when.push(format!("{verb} at {p} {}", oscola_date(d))),
            None => when.push(format!("{verb} {}", oscola_date(d))),
        }
    }
    if let Some(d) = f.in_force {
        when.push(format!("entered into force {}", oscola_date(d)));
    }
    if !when.is_empty() {
        out.push_str(&format!(" ({})", when.join(", ")));
    }
    if let Some(series) = series_reference(f) {
        out.push(' ');
        out.push_str(&series);
    }
    if let Some(pin) = pin {
        out.push_str(", ");
        out.push_str(&match pin {
            Pinpoint::Article(n) => format!("art {n}"),
            Pinpoint::Block(n) => format!("para {n}"),
            Pinpoint::Page(p) => format!("p {p}"),
        });
    }
    if let Some(note) = f.machine_translation_note() {
        out.push_str(&format!(". {note}"));
    }
    out
}

/// "UNTS No. 6045": the series abbreviated as lawyers write it, with the number it registered
/// the treaty under.
fn series_reference(f: &Facts) -> Option<String> {
    let series = f.container_english.as_deref().or(f.container.as_deref());
    let abbrev = series.map(|s| {
        if s.to_lowercase().contains("united nations treaty series") {
            "UNTS".to_string()
        } else {
            s.to_string()
        }
    });
    match (abbrev, &f.number) {
        (Some(s), Some(n)) => Some(format!("{s} No. {}", n.trim_start_matches("No. "))),
        (Some(s), None) => Some(s),
        (None, Some(n)) => Some(format!("No. {n}")),
        (None, None) => None,
    }
}

/// Common abbreviations of the parties in this archive; anything else is written out.
fn short_party(p: &str) -> String {
    match p.to_lowercase().as_str() {
        "union of soviet socialist republics" => "USSR".into(),
        "democratic people's republic of korea" | "democratic people’s republic of korea" => {
            "DPRK".into()
        }
        "russian federation" => "Russia".into(),
        _ => p.to_string(),
    }
}

/// OSCOLA writes dates day month year without commas: "6 July 1961".
fn oscola_date(d: PartialDate) -> String {
    d.long()
}

#[cfg(test)]
mod tests {
    use super::super::facts::title_case;

    #[test]
    fn treaty_names_get_capitals_on_major_words_only() {
        assert_eq!(
            title_case("Treaty of friendship, co-operation and mutual assistance"),
            "Treaty of Friendship, Co-operation and Mutual Assistance"
        );
    }
}
