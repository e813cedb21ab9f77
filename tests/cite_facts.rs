//! Every document's citation, in every style that applies to it, holds the document's key facts
//! — title, date, archive signature, translator, pinpoint, a machine translation stated as such —
//! and no fact that no source states: nothing the corpus marks as inferred unless marked so in
//! the citation (a year as "[2021?]", a publisher in brackets), and no treaty-series volume (none of the sources gives the volume of UNTS No. 6045).
//!
//! The expected facts are read from each document's own metadata, so the test follows the corpus.

use lectern::cite::{self, Facts, Pinpoint, Style};
use lectern::corpus::Corpus;
use lectern::model::{BlockNo, DateRole, Document, Origin};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn corpus() -> Corpus {
    let c = Corpus::bundled();
    assert!(
        c.documents.len() >= 5,
        "the bundled corpus is missing documents"
    );
    c
}

/// Lowercased, with typographic quotes made plain: what a reader compares by eye.
fn plain(s: &str) -> String {
    s.replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
        .to_lowercase()
}

fn render(doc: &Document, style: Style, pin: Option<&Pinpoint>) -> String {
    cite::render(doc, style, pin).unwrap_or_else(|e| panic!("{} in {style}: {e}", doc.id))
}

#[test]
fn every_citation_holds_the_key_facts() {
    let corpus = corpus();
    let mut checked = 0;
    for doc in &corpus.documents {
        let f = Facts::of(doc);
        for style in Style::for_doc(&f) {
            let text = render(doc, style, None);
            let t = plain(&text);
            let ctx = format!("{} in {style}:\n{text}", doc.id);
            let short = style == Style::ChicagoShortNote;

            // Title: the English title, or for a non-English original its own script (the
            // short note gives the romanized short title).
            match (&f.title.original, &f.title.romanized, &f.title.english) {
                (Some(_), Some(rom), _) if short => {
                    let main = rom.split(':').next().unwrap_or_default().trim();
                    assert!(
                        t.contains(&main.to_lowercase()),
                        "short title missing: {ctx}"
                    );
                }
                (Some((_, orig)), _, _) => {
                    let first = orig.split(['：', ' ']).next().unwrap_or_default();
                    assert!(text.contains(first), "original title missing: {ctx}");
                }
                (None, _, Some(en)) => {
                    let head: String = en.split(':').next().unwrap_or_default().to_lowercase();
                    assert!(t.contains(&head), "title missing: {ctx}");
                }
                (None, _, None) => panic!("{} has no title", doc.id),
            }

            // Date: the year of every stated date a citation gives; the month where the form
            // gives it (notes, bibliography, treaty and archive forms).
            if let Some(d) = f.date
                && !short
            {
                assert!(text.contains(&d.year.to_string()), "year missing: {ctx}");
                let with_month = matches!(
                    style,
                    Style::ChicagoNote
                        | Style::ChicagoBibliography
                        | Style::Treaty
                        | Style::Archive
                );
                if let (Some(m), true) = (d.month, with_month) {
                    assert!(
                        text.contains(MONTHS[m as usize - 1]),
                        "month missing: {ctx}"
                    );
                }
            }

            // Archive signature and translator.
            if let Some(a) = &f.archive
                && !short
            {
                assert!(text.contains(&a.archive), "archive missing: {ctx}");
                for (label, v) in [("fond", &a.fond), ("opis", &a.opis), ("delo", &a.delo)] {
                    if let Some(v) = v {
                        assert!(
                            t.contains(&format!("{label} {v}")),
                            "{label} missing: {ctx}"
                        );
                    }
                }
                if let Some(p) = &a.pages {
                    assert!(
                        text.contains(p.split('-').next().unwrap_or(p)),
                        "pages: {ctx}"
                    );
                }
            }
            // The translator by family name (APA gives initials), except in the short note,
            // and never in the author's place at the head of the citation.
            for tr in doc.texts.iter().filter_map(|t| t.translator.as_deref()) {
                let (family, _) = cite::facts::name_parts(tr);
                assert!(
                    short || text.contains(&family),
                    "translator {tr} missing: {ctx}"
                );
                assert!(
                    !text.starts_with(tr) && !text.starts_with(&family),
                    "the translator as author: {ctx}"
                );
            }
            // A stated author heads every form but the archive's own (which names none).
            if let Some(a) = &doc.source.author
                && style != Style::Archive
            {
                let (family, _) = cite::facts::name_parts(a);
                assert!(
                    text.starts_with(a.as_str()) || text.starts_with(&family),
                    "author {a} not at the head: {ctx}"
                );
            }

            // A machine translation is said to be one, once: in the full note and the
            // entries, not again in each short note.
            if doc
                .texts
                .iter()
                .any(|t| t.origin == Origin::MachineTranslation)
            {
                assert_eq!(
                    t.contains("machine-translated"),
                    !short,
                    "machine translation stated {}: {ctx}",
                    if short { "in a short note" } else { "nowhere" }
                );
            }

            // Treaties: the series number, and never a volume.
            if let (Some(n), Style::Treaty) = (&doc.source.number, style) {
                assert!(
                    text.contains(&format!("UNTS No. {n}")),
                    "series number: {ctx}"
                );
            }
            assert!(!t.contains("vol"), "a volume no source states: {ctx}");
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} citations checked");
}

/// The value an inferred path stands for, if it is a plain field the test can look for.
fn inferred_values(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for key in doc.inferred.keys() {
        let value = match key.as_str() {
            "source.page" => doc.source.page.clone(),
            "source.name" => doc.source.name.clone(),
            "source.author" => doc.source.author.clone(),
            "source.url" => doc.source.url.clone(),
            "source.collection" => doc.source.collection.clone(),
            "texts.en.from" => doc
                .origin_of(lectern::model::Lang::En)
                .and_then(|t| t.from)
                .map(|l| l.name().to_string()),
            _ => None,
        };
        if let Some(v) = value {
            out.push((key.clone(), v));
        }
    }
    for d in doc.dates.iter().filter(|d| d.inferred.is_some()) {
        // An inferred date's year, unless a stated date has the same year.
        let stated_same_year = doc
            .dates
            .iter()
            .any(|o| o.inferred.is_none() && o.date.year == d.date.year);
        if !stated_same_year {
            out.push((format!("{} date", d.role.label()), d.date.year.to_string()));
        }
    }
    out
}

#[test]
fn no_citation_states_what_is_only_inferred() {
    let corpus = corpus();
    let mut probes = 0;
    for doc in &corpus.documents {
        let values = inferred_values(doc);
        let f = Facts::of(doc);
        for style in Style::for_doc(&f) {
            let text = render(doc, style, None);
            for (what, value) in &values {
                // A value may occur in the title itself (a title naming its own date); that is
                // the source stating it.
                let in_title = doc.title.0.values().any(|t| t.contains(value.as_str()));
                if !in_title {
                    probes += 1;
                    // Where it appears, it is marked as supplied: in brackets ("[2021?]",
                    // "[Website of …]"), or as APA's "ca." for a year.
                    let mut rest = text.as_str();
                    while let Some(at) = rest.find(value.as_str()) {
                        let before = &rest[..at];
                        assert!(
                            before.ends_with('[') || before.ends_with("ca. "),
                            "{} in {style} gives the inferred {what} '{value}' as stated:\n{text}",
                            doc.id
                        );
                        rest = &rest[at + value.len()..];
                    }
                }
            }
        }
    }
    assert!(
        probes > 0,
        "the corpus marks nothing inferred that the test can probe"
    );
}

#[test]
fn pinpoints_reach_every_style() {
    let corpus = corpus();
    for doc in &corpus.documents {
        let f = Facts::of(doc);
        let mut pins = vec![Pinpoint::for_block(doc, BlockNo(3.min(doc.blocks.len())))];
        if let Some(b) = BlockNo::each(BlockNo::FIRST..BlockNo::from_index(doc.blocks.len()))
            .find(|b| matches!(Pinpoint::for_block(doc, *b), Pinpoint::Article(_)))
        {
            pins.push(Pinpoint::for_block(doc, b));
        }
        if let Some(p) = &f.page {
            pins.push(Pinpoint::Page(p.clone()));
        }
        for pin in &pins {
            for style in Style::for_doc(&f) {
                let with = render(doc, style, Some(pin));
                let without = render(doc, style, None);
                let ctx = format!("{} in {style} at {pin}:\n{with}", doc.id);
                if style == Style::ChicagoBibliography {
                    // A bibliography entry cites the whole work.
                    assert_eq!(with, without, "a pinpoint in a bibliography entry: {ctx}");
                    continue;
                }
                assert_ne!(with, without, "the pinpoint changed nothing: {ctx}");
                // One spelling of a paragraph per style: MLA's "par.", OSCOLA's "para" without
                // a full stop, "para." in Chicago, APA and the archive's form; never "¶".
                let para = match style {
                    Style::Mla => "par. ",
                    Style::Treaty => "para ",
                    _ => "para. ",
                };
                assert!(!with.contains('¶'), "a ¶ in a citation: {ctx}");
                let ok = match pin {
                    Pinpoint::Block(n) => with.contains(&format!("{para}{n}")),
                    Pinpoint::Article(n) => {
                        with.contains(&format!("art. {n}")) || with.contains(&format!("art {n}"))
                    }
                    Pinpoint::Page(p) => with.contains(p.as_str()),
                };
                assert!(ok, "pinpoint missing: {ctx}");
            }
        }
    }
}

#[test]
fn a_treaty_is_pinpointed_by_article() {
    let corpus = corpus();
    let treaty = corpus
        .documents
        .iter()
        .find(|d| d.source.number.as_deref() == Some("6045"))
        .expect("UNTS No. 6045 is in the corpus");
    // The first block of Article 2's text, found from the document, not assumed.
    let block = BlockNo::each(BlockNo::FIRST..BlockNo::from_index(treaty.blocks.len()))
        .find(|b| treaty.article_of(*b) == Some("Article 2"))
        .expect("Article 2")
        .next();
    let pin = Pinpoint::for_block(treaty, block);
    assert_eq!(pin, Pinpoint::Article("2".into()));
    let text = render(treaty, Style::Treaty, Some(&pin));
    assert!(
        text.contains("Treaty of Friendship, Co-operation and Mutual Assistance"),
        "{text}"
    );
    assert!(text.contains("(USSR–DPRK)"), "{text}");
    assert!(text.contains("signed at Moscow 6 July 1961"), "{text}");
    let in_force = treaty
        .date_of(DateRole::InForce)
        .map(|d| d.long())
        .expect("the series states entry into force");
    assert!(
        text.contains(&format!("entered into force {in_force}")),
        "{text}"
    );
    assert!(text.ends_with("UNTS No. 6045, art 2"), "{text}");
}

#[test]
fn the_archive_form_is_built_to_read_as_the_archive_writes_it() {
    let corpus = corpus();
    let mut seen = 0;
    for doc in &corpus.documents {
        let Some(verbatim) = &doc.source.citation else {
            continue;
        };
        // Built from the fields (archive_form never reads `source.citation`): equal to the
        // archive's own line.
        assert_eq!(&render(doc, Style::Archive, None), verbatim, "{}", doc.id);
        seen += 1;
    }
    assert!(seen > 0, "no document carries the archive's own citation");
}

#[test]
fn chinese_titles_follow_chicago_for_non_english_titles() {
    let corpus = corpus();
    let doc = corpus
        .documents
        .iter()
        .find(|d| d.source.name_original.as_deref() == Some("人民日报"))
        .expect("a People's Daily article");
    let note = render(doc, Style::ChicagoNote, None);
    // Romanized title in sentence case, then the characters, then the English in brackets.
    assert!(
        note.starts_with("“Su Chao liangguo zhengfu fabiao lianhe gongbao: "),
        "{note}"
    );
    assert!(note.contains("苏朝两国政府发表联合公报"), "{note}");
    assert!(
        note.contains("[Joint communiqué issued by the Soviet and Korean governments: "),
        "{note}"
    );
    assert!(note.contains("Renmin ribao 人民日报"), "{note}");
    assert!(
        note.contains("English text machine-translated from Chinese."),
        "{note}"
    );
}
