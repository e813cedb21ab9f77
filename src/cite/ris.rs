//! RIS export (the tagged format of EndNote, Zotero and Mendeley): `TAG  - value` lines, one
//! record per document ending with `ER  - `.

use super::csl_json::archive_location;
use super::facts::{Facts, Genre, name_parts};

/// One record, ending with a newline.
pub fn record(f: &Facts) -> String {
    let ty = match f.genre {
        Genre::Newspaper => "NEWS",
        Genre::Archival => "MANSCPT",
        Genre::Treaty => "LEGAL",
        Genre::Post => "BLOG",
        Genre::PressRelease | Genre::Web => "ELEC",
    };
    let mut lines: Vec<(&str, String)> = vec![("TY", ty.to_string()), ("ID", f.id.clone())];
    let title = f.title.display();
    if !title.is_empty() {
        lines.push(("TI", title));
    }
    // RIS names are "Family, Given".
    let ris_name = |n: &str| match name_parts(n) {
        (family, Some(given)) => format!("{family}, {given}"),
        (family, None) => family,
    };
    if let Some(a) = &f.author {
        lines.push(("AU", ris_name(a)));
    }
    for t in f.translators() {
        // A4: subsidiary author, which Zotero reads as translator.
        lines.push(("A4", ris_name(t)));
    }
    if let Some(d) = f.date {
        lines.push(("PY", d.year.to_string()));
        // DA is YYYY/MM/DD/ with empty parts for what is unknown.
        let two = |v: Option<u8>| v.map(|v| format!("{v:02}")).unwrap_or_default();
        lines.push(("DA", format!("{}/{}/{}/", d.year, two(d.month), two(d.day))));
    }
    if let (None, Some(d)) = (f.date, f.inferred_date) {
        // No PY for a year no source states; DA's free last part says it is inferred.
        lines.push(("DA", format!("{}///inferred", d.year)));
    }
    if let Some(c) = &f.container {
        lines.push(("T2", c.clone()));
    }
    if let Some(p) = &f.supplied_publisher {
        lines.push(("PB", format!("[{p}]")));
    }
    if let Some(c) = &f.collection {
        lines.push(("T3", c.clone()));
    }
    if let Some(p) = &f.page {
        lines.push(("SP", p.clone()));
    }
    if let Some(n) = &f.number {
        lines.push(("M1", n.clone()));
    }
    if let Some(p) = &f.place {
        lines.push(("CY", p.clone()));
    }
    if let Some(a) = &f.archive {
        lines.push((
            "AV",
            format!("{} {}", a.archive, archive_location(a).unwrap_or_default())
                .trim()
                .to_string(),
        ));
    }
    if let Some((lang, _)) = &f.title.original {
        lines.push(("LA", lang.name().to_string()));
    }
    if let Some(u) = &f.url {
        lines.push(("UR", u.clone()));
    }
    if let Some(n) = f.machine_translation_note() {
        lines.push(("N1", n));
    }
    let mut out = String::new();
    for (tag, value) in lines {
        // A value is one line: RIS has no continuation lines.
        let value = value.replace(['\r', '\n'], " ");
        out.push_str(&format!("{tag}  - {value}\n"));
    }
    out.push_str("ER  - \n");
    out
}
