//! Importer tests on the seed documents, field by field.

use super::*;
use crate::model::{BlockKind, DateRole, Lang, Origin, PartialDate, SourceKind};

const PEOPLES_DAILY: &str = include_str!("../../corpus/raw/000_019bcfc5ce5a24a3.txt");
const WILSON: &str = include_str!("../../corpus/raw/001_78758ff57c64ac5e.txt");
const BLOG: &str = include_str!("../../corpus/raw/002_669c83794a5684ce.txt");
const PRESS: &str = include_str!("../../corpus/raw/003_b5ece0f25f3e42c4.txt");
const UNTS: &str = include_str!("../../corpus/raw/004_df94f2d4f29a19fa.txt");

fn date(s: &str) -> PartialDate {
    s.parse().expect("test date")
}

fn imported(text: &str) -> Imported {
    import("raw/x.txt", text, None).expect("seed imports")
}

fn dates(doc: &Document) -> Vec<(DateRole, String)> {
    doc.dates
        .iter()
        .map(|d| (d.role, d.date.to_string()))
        .collect()
}

#[test]
fn each_seed_is_recognised_as_its_source_kind() {
    assert_eq!(Format::detect(PEOPLES_DAILY), Format::PeoplesDaily);
    assert_eq!(Format::detect(WILSON), Format::Wilson);
    assert_eq!(Format::detect(BLOG), Format::Web);
    assert_eq!(Format::detect(PRESS), Format::Web);
    assert_eq!(Format::detect(UNTS), Format::Unts);
    assert_eq!(
        Format::detect("Just a note.\n\nNothing more."),
        Format::Generic
    );
}

#[test]
fn peoples_daily_aligns_nine_english_paragraphs_with_nine_chinese_ones() {
    let Imported { doc, warnings, .. } = imported(PEOPLES_DAILY);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(doc.kind, DocKind::Article);
    assert!(doc.title.get(Lang::En).is_some_and(|t| {
        t.starts_with("Joint Communiqué Issued by the Soviet and Korean Governments")
    }));
    assert_eq!(
        doc.title.get(Lang::Zh),
        Some(
            "苏朝两国政府发表联合公报 双方支持就和平解决朝鲜问题召开国际会议 决定进一步扩大两国在经济文化方面的合作"
        )
    );
    assert_eq!(
        dates(&doc),
        vec![(DateRole::Published, "1956-07-14".into())]
    );
    assert_eq!(doc.source.kind, SourceKind::Newspaper);
    assert_eq!(doc.source.name_original.as_deref(), Some("人民日报"));
    assert_eq!(doc.source.page.as_deref(), Some("5"));
    assert_eq!(doc.source.column, None, "the 专栏： line is empty");
    assert_eq!(doc.source.author, None, "the Author: line is empty");
    assert_eq!(doc.languages(), vec![Lang::Zh, Lang::En]);
    assert_eq!(
        doc.origin_of(Lang::En).map(|o| o.origin),
        Some(Origin::MachineTranslation)
    );
    assert_eq!(doc.origin_of(Lang::Zh).map(|o| o.origin), Some(Origin::Ocr));

    // The heading pairs the English title with the three-line Chinese headline.
    let heading = &doc.blocks[0];
    assert_eq!(heading.kind, BlockKind::Heading);
    assert_eq!(
        heading.text.get(Lang::Zh).map(|t| t.lines().count()),
        Some(3)
    );
    assert_eq!(heading.text.get(Lang::En), doc.title.get(Lang::En));

    let body = &doc.blocks[1..];
    assert_eq!(body.len(), 9);
    assert!(body.iter().all(|b| b.kind == BlockKind::Paragraph
        && b.text.get(Lang::En).is_some()
        && b.text.get(Lang::Zh).is_some()));
    let pair = |i: usize| {
        (
            body[i].text.get(Lang::En).unwrap_or_default(),
            body[i].text.get(Lang::Zh).unwrap_or_default(),
        )
    };
    assert!(
        pair(0)
            .0
            .starts_with("Xinhua News Agency, Moscow, July 13th")
            && pair(0).1.starts_with("新华社莫斯科13日电")
    );
    assert!(pair(2).0.contains("Nikolai Bulganin") && pair(2).1.contains("布尔加宁"));
    assert!(pair(7).0.contains("Hungnam") && pair(7).1.contains("兴南"));
    assert!(
        pair(8).0.contains("cultural cooperation agreement") && pair(8).1.contains("文化合作协定")
    );
    assert!(doc.footnotes.is_empty());
}

#[test]
fn wilson_reads_the_citation_block_and_classifies_the_journal() {
    let Imported { doc, .. } = imported(WILSON);
    assert_eq!(doc.kind, DocKind::Journal);
    assert_eq!(
        doc.title.get(Lang::En),
        Some("Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 14 September 1960")
    );
    assert_eq!(dates(&doc), vec![(DateRole::Written, "1960-09-14".into())]);
    assert!(
        doc.summary
            .as_deref()
            .is_some_and(|s| s.starts_with("Kim Il Sung mentions a bilateral cooperative treaty"))
    );
    // The journal's author signs it: "(A. Puzanov)", with the title's fuller initials.
    assert_eq!(doc.source.author.as_deref(), Some("A. M. Puzanov"));
    assert!(doc.notes.iter().any(|n| n.contains("(A. Puzanov)")));
    assert!(!doc.inferred.contains_key("source.author"));
    let archive = doc.source.archive.as_ref().expect("archive signature");
    assert_eq!(
        archive.verbatim,
        "AVPRF fond 0102, opis 16, delo 7, p.102-129"
    );
    assert_eq!(
        (
            archive.archive.as_str(),
            archive.fond.as_deref(),
            archive.opis.as_deref(),
            archive.delo.as_deref(),
            archive.pages.as_deref()
        ),
        (
            "AVPRF",
            Some("0102"),
            Some("16"),
            Some("7"),
            Some("102-129")
        )
    );
    assert_eq!(
        doc.source.collection.as_deref(),
        Some("History and Public Policy Program Digital Archive")
    );
    assert_eq!(
        doc.source.support.as_deref(),
        Some("the ROK Ministry of Unification")
    );
    let en = doc.origin_of(Lang::En).expect("English origin");
    assert_eq!(
        (en.origin, en.translator.as_deref(), en.from),
        (Origin::Translation, Some("Gary Goldberg"), Some(Lang::Ru))
    );
    assert!(
        doc.inferred.contains_key("texts.en.from"),
        "the Russian original is inferred, and says so"
    );
    assert_eq!(doc.languages(), vec![Lang::En]);

    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    use BlockKind::*;
    assert_eq!(
        kinds,
        vec![
            Stamp, Dateline, Dateline, Stamp, Annotation, Heading, Dateline, Paragraph, Paragraph,
            Paragraph, Paragraph, Paragraph, Paragraph, Paragraph, Paragraph, Paragraph, Paragraph,
            Signature, List, Stamp, Dateline
        ]
    );
    let list = doc
        .blocks
        .iter()
        .find(|b| b.kind == List)
        .and_then(|b| b.text.get(Lang::En))
        .unwrap_or_default();
    assert_eq!(
        list.lines().collect::<Vec<_>>(),
        [
            "Five copies sent",
            "1 - Cde. A. A. Gromyko",
            "2 - Cde. Yu. V. Andropov",
            "3 - Cde. V. I. Tugarinov",
            "5 - to file"
        ]
    );
    assert!(
        doc.blocks[4]
            .text
            .get(Lang::En)
            .is_some_and(|t| t.ends_with("\"17 October 1960\"]")),
        "the annotation spans its blank line"
    );
}

#[test]
fn wilson_document_information_layout_is_read_too() {
    // The site's other layout, written here in its shape (no seed of it exists yet).
    let page = "Memorandum of Conversation with Kim Il Sung\n\nMarch 1, 1958\n\nI met Kim Il Sung today.\n\nHe spoke of the harvest.\n\nDocument Information\n\nSource\n\nAVPRF f. 0102, op. 14, d. 6, ll. 1-3. Translated by Jane Doe.\n\nOriginal Language\n\nRussian\n\nRights\n\nThe History and Public Policy Program Digital Archive\n";
    let Imported { format, doc, .. } = imported(page);
    assert_eq!(format, Format::Wilson);
    assert_eq!(
        doc.title.get(Lang::En),
        Some("Memorandum of Conversation with Kim Il Sung")
    );
    assert_eq!(dates(&doc), vec![(DateRole::Written, "1958-03-01".into())]);
    let archive = doc.source.archive.as_ref().expect("archive");
    assert_eq!(
        (
            archive.fond.as_deref(),
            archive.delo.as_deref(),
            archive.pages.as_deref()
        ),
        (Some("0102"), Some("6"), Some("1-3"))
    );
    let en = doc.origin_of(Lang::En).expect("origin");
    assert_eq!(
        (en.translator.as_deref(), en.from),
        (Some("Jane Doe"), Some(Lang::Ru))
    );
    assert!(
        !doc.inferred.contains_key("texts.en.from"),
        "the page states the original language"
    );
    assert_eq!(doc.blocks.len(), 2);
}

#[test]
fn unts_reads_registration_header_articles_and_the_footnote() {
    let Imported { doc, .. } = imported(UNTS);
    assert_eq!(doc.kind, DocKind::Treaty);
    assert_eq!(
        doc.title.get(Lang::En),
        Some("Treaty of friendship, co-operation and mutual assistance")
    );
    assert_eq!(
        doc.title.get(Lang::Fr),
        Some("Traité d'amitié, de coopération et d'assistance mutuelle")
    );
    assert_eq!(
        dates(&doc),
        vec![
            (DateRole::Signed, "1961-07-06".into()),
            (DateRole::Registered, "1962-01-23".into()),
            (DateRole::InForce, "1961-09-10".into())
        ]
    );
    assert_eq!(doc.dates[0].place.as_deref(), Some("Moscow"));
    assert_eq!(
        doc.parties,
        [
            "Union of Soviet Socialist Republics",
            "Democratic People's Republic of Korea"
        ]
    );
    assert_eq!(doc.source.number.as_deref(), Some("6045"));
    assert_eq!(
        doc.source.registered_by.as_deref(),
        Some("Union of Soviet Socialist Republics")
    );
    assert_eq!(doc.source.official_languages, [Lang::Ru, Lang::Ko]);
    assert_eq!(doc.source.page.as_deref(), Some("760"));
    assert!(doc.inferred.contains_key("source.page"));
    assert_eq!(doc.languages(), vec![Lang::En, Lang::Fr]);

    let articles: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Article)
        .filter_map(|b| b.text.get(Lang::En))
        .collect();
    assert_eq!(
        articles,
        [
            "Article 1",
            "Article 2",
            "Article 3",
            "Article 4",
            "Article 5",
            "Article 6"
        ]
    );
    // Article 1's first paragraph, cut by the page break and its footnote, is whole again.
    assert!(
        doc.blocks
            .iter()
            .any(|b| b.text.get(Lang::En).is_some_and(|t| t.contains(
                "peace and security in the Far East and throughout the world and will contribute"
            )))
    );
    assert_eq!(doc.footnotes.len(), 1);
    let note = &doc.footnotes[0];
    assert!(
        doc.block(note.block)
            .and_then(|b| b.text.get(Lang::En))
            .is_some_and(|t| t.contains("MUTUAL ASSISTANCE[^1] BETWEEN"))
    );
    assert!(
        note.text
            .get(Lang::En)
            .is_some_and(|t| t.starts_with("Came into force on 10 September 1961"))
    );
    let signatures: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Signature)
        .filter_map(|b| b.text.get(Lang::En))
        .collect();
    assert_eq!(signatures.len(), 2);
    assert!(signatures[0].ends_with("N. KHRUSHCHEV") && signatures[1].ends_with("KIM IL SUNG"));
    // The header is bilingual block by block.
    assert!(doc.blocks.iter().any(|b| b.text.get(Lang::En)
        == Some("Official texts: Russian and Korean.")
        && b.text.get(Lang::Fr) == Some("Textes officiels russe et coréen.")));
    assert_eq!(
        doc.article_of(crate::model::BlockNo::last_of(doc.blocks.len())),
        Some("Article 6")
    );
}

#[test]
fn press_release_dateline_in_juche_years_dates_it_and_the_address_is_metadata() {
    let Imported { doc, .. } = imported(PRESS);
    assert_eq!(doc.kind, DocKind::PressRelease);
    assert_eq!(
        doc.title.get(Lang::En),
        Some("Historic Declaration Demonstrating Strong DPRK-Russia Friendship")
    );
    assert_eq!(
        dates(&doc),
        vec![(DateRole::Published, "2022-08-05".into())]
    );
    let last = doc.blocks.last().expect("blocks");
    assert_eq!(last.kind, BlockKind::Dateline);
    assert_eq!(
        last.text.get(Lang::Ru),
        Some("г. Хабаровск, «05» августа 111 года чучхе (2022)")
    );
    assert!(
        doc.source
            .address
            .as_deref()
            .is_some_and(|a| a.contains("ул. Дикопольцева, 28") && a.contains("22-71-55"))
    );
    assert_eq!(doc.blocks.len(), 12);
    assert_eq!(doc.languages(), vec![Lang::En, Lang::Ru]);
}

#[test]
fn blog_post_ends_before_the_comment_form_and_states_no_date() {
    let Imported { doc, .. } = imported(BLOG);
    assert_eq!(doc.kind, DocKind::Post);
    assert_eq!(
        doc.title.get(Lang::En),
        Some("Historic Event Propelling DPRK-Russia Relations")
    );
    assert!(
        doc.dates.is_empty(),
        "the page prints no date; the overlay adds the inferred one"
    );
    assert_eq!(doc.blocks.len(), 8);
    assert!(
        doc.blocks
            .last()
            .and_then(|b| b.text.get(Lang::En))
            .is_some_and(|t| t.ends_with("defending the truth."))
    );
}

#[test]
fn unknown_text_imports_generically_with_a_warning() {
    let Imported {
        format,
        doc,
        warnings,
        ..
    } = imported("A note on archives\n\nSome words.\n");
    assert_eq!(
        (format, doc.kind, doc.blocks.len()),
        (Format::Generic, DocKind::Other, 1)
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.message.contains("no source family recognised"))
    );
}

#[test]
fn ids_are_made_from_date_and_title() {
    let Imported { doc, .. } = imported(UNTS);
    assert_eq!(doc.id, "1961-07-06-treaty-friendship-co-operation-mutual");
    let Imported { doc, .. } = imported(PEOPLES_DAILY);
    assert_eq!(doc.id, "1956-07-14-joint-communique-issued-soviet");
    assert_eq!(doc.date(), Some(date("1956-07-14")));
}

#[test]
fn truncated_and_garbled_sources_never_panic_the_importers() {
    for seed in [PEOPLES_DAILY, WILSON, BLOG, PRESS, UNTS] {
        let cuts = seed.char_indices().map(|(i, _)| i).step_by(37);
        for cut in cuts {
            let text = &seed[..cut];
            for format in Format::ALL {
                let _ = import("raw/x.txt", text, Some(format));
            }
            let garbled = text.replace('\n', "\x1b[2J\n").replace(' ', "\u{9b}");
            let _ = import("raw/x.txt", &garbled, None);
        }
    }
}
