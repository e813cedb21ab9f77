//! The facts a citation is built from, taken from a document's metadata alone.
//!
//! The rule against invention lives here: every style and export reads [`Facts`], never the
//! document, so a fact that is not stated cannot reach a citation. A field the document marks
//! as inferred (`doc.inferred`, or a date's `inferred`) is left out: a citation reports what a
//! source states, and lectern shows the inferred value and its reason in the reader instead.
//! Two inferred facts are kept apart, marked, because the styles have a form for them: a date
//! worked out from the text ([`Facts::inferred_date`], Chicago's `[2021?]`) and a publisher
//! supplied by the editor ([`Facts::supplied_publisher`], in brackets). They never stand in
//! the fields that hold stated facts.

use super::romanize;
use crate::model::{
    ArchiveRef, BlockKind, DateRole, DocKind, Document, Lang, Origin, PartialDate, SourceKind,
};
use std::collections::BTreeSet;

/// What kind of thing is cited, which decides the CSL type and the form of the citation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Genre {
    /// An article in a newspaper (People's Daily).
    Newspaper,
    /// A document held in an archive and published by an archive portal (Wilson Center).
    Archival,
    /// A treaty or agreement published in a treaty series (UNTS).
    Treaty,
    /// A press release of an organization's website.
    PressRelease,
    /// A post on a blog or similar website.
    Post,
    /// A page on a website of any other kind.
    Web,
}

/// A title as a citation gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Title {
    /// The English title (a translation when the original is in another language).
    pub english: Option<String>,
    /// The title in the original language, when that is not English.
    pub original: Option<(Lang, String)>,
    /// The original title in pinyin, for Chinese titles.
    pub romanized: Option<String>,
    /// The English title in sentence case, as Chicago brackets a translated title.
    pub english_sentence: Option<String>,
}

impl Title {
    /// The title as Chicago writes a non-English title: romanized, then in its own script, then
    /// the English translation in brackets. English titles stand alone.
    pub fn display(&self) -> String {
        match (&self.original, &self.english) {
            (Some((_, orig)), english) => {
                let mut s = match &self.romanized {
                    Some(r) => format!("{r} {orig}"),
                    None => orig.clone(),
                };
                if let Some(en) = self.english_sentence.as_ref().or(english.as_ref()) {
                    s.push_str(&format!(" [{en}]"));
                }
                s
            }
            (None, Some(en)) => en.clone(),
            (None, None) => String::new(),
        }
    }
}

/// A translator, or the machine that made a translation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    pub lang: Lang,
    pub from: Option<Lang>,
    /// The person who translated; `None` when unnamed.
    pub translator: Option<String>,
    pub machine: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    pub id: String,
    pub genre: Genre,
    pub kind: DocKind,
    pub title: Title,
    pub author: Option<String>,
    /// The date a citation gives: signature for treaties, else writing, else publication.
    pub date: Option<PartialDate>,
    /// When no date is stated: the date the corpus works out, which a citation marks as
    /// inferred (`[2021?]`).
    pub inferred_date: Option<PartialDate>,
    /// When the source names no publisher: the one the corpus infers, which a citation gives
    /// in brackets as supplied.
    pub supplied_publisher: Option<String>,
    pub signed: Option<PartialDate>,
    /// Where the document was signed or written, when stated.
    pub place: Option<String>,
    pub in_force: Option<PartialDate>,
    /// Newspaper, website or series, romanized with its own script for Chinese names
    /// ("Renmin ribao 人民日报").
    pub container: Option<String>,
    /// The same name in English as the source gives it ("People's Daily").
    pub container_english: Option<String>,
    pub page: Option<String>,
    pub column: Option<String>,
    pub collection: Option<String>,
    pub archive: Option<ArchiveRef>,
    /// Number in a series: the UNTS registration number.
    pub number: Option<String>,
    pub registered_by: Option<String>,
    pub parties: Vec<String>,
    pub url: Option<String>,
    pub translations: Vec<Translation>,
    /// The language of the original, where known.
    pub original_lang: Option<Lang>,
    /// The source's own suggested citation, verbatim (never printed as lectern's citation; kept
    /// to check lectern's against).
    pub source_citation: Option<String>,
}

impl Facts {
    pub fn of(doc: &Document) -> Facts {
        let stated = |path: &str| !is_inferred(doc, path);
        let s = &doc.source;
        let keep = |value: &Option<String>, path: &str| {
            value
                .as_ref()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty() && stated(path))
        };
        let date_of = |role: DateRole| {
            doc.dates.iter().enumerate().find_map(|(i, d)| {
                (d.role == role && d.inferred.is_none() && stated(&format!("dates.{i}")))
                    .then_some(d)
            })
        };
        let signed = date_of(DateRole::Signed);
        let written = date_of(DateRole::Written);
        let published = date_of(DateRole::Published);
        let date = signed.or(written).or(published);
        let inferred_date = match date {
            Some(_) => None,
            None => [DateRole::Signed, DateRole::Written, DateRole::Published]
                .iter()
                .find_map(|role| doc.dates.iter().find(|d| d.role == *role))
                .map(|d| d.date),
        };
        let supplied_publisher = s
            .name
            .as_ref()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty() && !stated("source.name"));
        let original_lang = original_language(doc);
        let genre = genre(doc);
        let archive = s
            .archive
            .as_ref()
            .filter(|_| stated("source.archive"))
            .map(|a| ArchiveRef {
                archive: a.archive.clone(),
                fond: a.fond.clone().filter(|_| stated("source.archive.fond")),
                opis: a.opis.clone().filter(|_| stated("source.archive.opis")),
                delo: a.delo.clone().filter(|_| stated("source.archive.delo")),
                pages: a.pages.clone().filter(|_| stated("source.archive.pages")),
                verbatim: a.verbatim.clone(),
            });
        let container_english = keep(&s.name, "source.name");
        let container = match keep(&s.name_original, "source.name_original") {
            Some(orig) if romanize::is_chinese(&orig) => {
                Some(format!("{} {orig}", romanize::pinyin_sentence(&orig)))
            }
            Some(orig) if container_english.is_none() => Some(orig),
            _ => container_english.clone(),
        };
        // Fields of a text are addressed by its language (`texts.en.from`) or its index.
        let text_stated = |i: usize, lang: Lang, field: &str| {
            stated(&format!("texts.{lang}.{field}")) && stated(&format!("texts.{i}.{field}"))
        };
        let translations = doc
            .texts
            .iter()
            .enumerate()
            .filter(|(_, t)| matches!(t.origin, Origin::Translation | Origin::MachineTranslation))
            .map(|(i, t)| Translation {
                lang: t.lang,
                from: t.from.filter(|_| text_stated(i, t.lang, "from")),
                translator: t
                    .translator
                    .clone()
                    .filter(|n| !n.trim().is_empty() && text_stated(i, t.lang, "translator")),
                machine: t.origin == Origin::MachineTranslation,
            })
            .collect();
        Facts {
            id: doc.id.clone(),
            genre,
            kind: doc.kind,
            title: title(doc, original_lang, &stated),
            author: keep(&s.author, "source.author"),
            date: date.map(|d| d.date),
            inferred_date,
            supplied_publisher,
            signed: signed.map(|d| d.date),
            place: date.and_then(|d| d.place.clone()),
            in_force: date_of(DateRole::InForce).map(|d| d.date),
            container,
            container_english,
            page: keep(&s.page, "source.page"),
            column: keep(&s.column, "source.column"),
            collection: keep(&s.collection, "source.collection"),
            archive,
            number: keep(&s.number, "source.number"),
            registered_by: keep(&s.registered_by, "source.registered_by"),
            parties: if stated("parties") {
                doc.parties.clone()
            } else {
                Vec::new()
            },
            url: keep(&s.url, "source.url"),
            translations,
            original_lang,
            source_citation: s.citation.clone(),
        }
    }

    /// Named human translators, in the order the document lists them.
    pub fn translators(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for t in &self.translations {
            if let Some(n) = t.translator.as_deref().filter(|n| !names.contains(n)) {
                names.push(n);
            }
        }
        names
    }

    /// The statement a citation carries when a text of the document is machine-translated:
    /// "English text machine-translated from Chinese."
    pub fn machine_translation_note(&self) -> Option<String> {
        let machine: Vec<&Translation> = self.translations.iter().filter(|t| t.machine).collect();
        if machine.is_empty() {
            return None;
        }
        let parts: Vec<String> = machine
            .iter()
            .map(|t| match t.from.or(self.original_lang) {
                Some(from) => format!(
                    "{} text machine-translated from {}",
                    t.lang.name(),
                    from.name()
                ),
                None => format!("{} text machine-translated", t.lang.name()),
            })
            .collect();
        Some(format!("{}.", parts.join("; ")))
    }
}

/// Whether `path` (such as `source.page` or `dates.0`) is marked inferred, itself or through a
/// parent (`source.archive` covers `source.archive.pages`).
pub fn is_inferred(doc: &Document, path: &str) -> bool {
    doc.inferred.keys().any(|k| {
        k == path
            || path
                .strip_prefix(k.as_str())
                .is_some_and(|r| r.starts_with('.'))
    })
}

fn genre(doc: &Document) -> Genre {
    match (doc.source.kind, doc.kind) {
        (SourceKind::TreatySeries, _) => Genre::Treaty,
        (_, DocKind::Treaty) if doc.source.number.is_some() => Genre::Treaty,
        (SourceKind::Newspaper, _) => Genre::Newspaper,
        (SourceKind::Archive, _) => Genre::Archival,
        (SourceKind::Web, DocKind::PressRelease) => Genre::PressRelease,
        (SourceKind::Web, DocKind::Post) => Genre::Post,
        (SourceKind::Web, _) => Genre::Web,
    }
}

/// The language the document was written in: the text marked original (or its OCR), else the
/// language translations were made from.
/// For a treaty, the first of its authentic languages: a treaty series may print its own
/// header in another language, which is not the treaty's original.
fn original_language(doc: &Document) -> Option<Lang> {
    if let Some(l) = doc.source.official_languages.first() {
        return Some(*l);
    }
    doc.texts
        .iter()
        .find(|t| matches!(t.origin, Origin::Original | Origin::Ocr))
        .map(|t| t.lang)
        .or_else(|| {
            doc.texts
                .iter()
                .find(|t| !is_inferred(doc, &format!("texts.{}.from", t.lang)))
                .and_then(|t| t.from)
        })
}

fn title(doc: &Document, original: Option<Lang>, stated: &dyn Fn(&str) -> bool) -> Title {
    let get = |lang: Lang| {
        doc.title
            .get(lang)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty() && stated("title") && stated(&format!("title.{lang}")))
    };
    let english = get(Lang::En);
    // The original title is given only when it is not English and the source states it.
    let original = match original {
        Some(l) if l != Lang::En => get(l).map(|t| (l, t)),
        Some(_) => None,
        // No recorded origin: a title in another language stands as the original only when
        // there is no English one (which language is original is not guessed).
        None if english.is_none() => Lang::ALL.into_iter().find_map(|l| get(l).map(|t| (l, t))),
        None => None,
    };
    let romanized = match &original {
        Some((Lang::Zh, t)) => Some(romanized_title(t)),
        _ => None,
    };
    let original = original.map(|(l, t)| (l, tidy_original_title(&t)));
    let english_sentence = english
        .as_ref()
        .filter(|_| original.is_some())
        .map(|en| sentence_case_english(en, &proper_nouns(doc)));
    Title {
        english,
        original,
        romanized,
        english_sentence,
    }
}

/// A Chinese headline often stacks a title and subtitles separated by wide spaces; a citation
/// writes them as title: subtitle; subtitle.
/// Chinese does not put spaces between words, so any space in a Chinese headline separates
/// its parts.
fn split_headline(t: &str) -> Vec<&str> {
    t.split(|c: char| c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect()
}

fn tidy_original_title(t: &str) -> String {
    let parts = split_headline(t);
    if parts.len() <= 1 || !romanize::is_chinese(t) {
        return t.trim().to_string();
    }
    // Chinese punctuation for the joins, so the characters read as Chinese.
    let mut out = parts[0].to_string();
    for (i, p) in parts[1..].iter().enumerate() {
        out.push_str(if i == 0 { "：" } else { "；" });
        out.push_str(p);
    }
    out
}

fn romanized_title(t: &str) -> String {
    let parts = split_headline(t);
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        // Chicago capitalizes the first word of the title and of a subtitle; the further
        // clauses of a stacked headline are joined by semicolons and run on in lower case.
        let r = romanize::pinyin(p, i <= 1);
        match i {
            0 => out.push_str(&r),
            1 => out.push_str(&format!(": {r}")),
            _ => out.push_str(&format!("; {r}")),
        }
    }
    out
}

/// A name split as a citation sorts it: `(family, given)`. "Puzanov, A. M." is read at its comma;
/// "A. M. Puzanov" or "Gary Goldberg" (given names first, as the sources of this archive write
/// Western and Russian names) at its last word. A single word is a family name alone.
pub fn name_parts(name: &str) -> (String, Option<String>) {
    let name = name.trim();
    if let Some((family, given)) = name.split_once(',') {
        let given = given.trim();
        return (
            family.trim().to_string(),
            (!given.is_empty()).then(|| given.to_string()),
        );
    }
    match name.rsplit_once(char::is_whitespace) {
        Some((given, family)) => (family.to_string(), Some(given.trim().to_string())),
        None => (name.to_string(), None),
    }
}

/// Headline-style capitals for an English title (Chicago 8.159, MLA 1.2.1): the first and last
/// words and every major word get a capital; articles, coordinating conjunctions and short
/// prepositions are lower case inside the title. Only the first letter of a word is touched: a
/// part after a hyphen keeps the case the source gave it ("Co-operation", "DPRK-Russia"), since
/// the second part of a compound after a prefix is not capitalized (Chicago 8.161).
pub fn title_case(t: &str) -> String {
    const MINOR: &[&str] = &[
        "a", "an", "and", "as", "at", "between", "but", "by", "for", "from", "in", "into", "nor",
        "of", "on", "or", "the", "to", "with",
    ];
    let words: Vec<&str> = t.split(' ').collect();
    let last = words.len().saturating_sub(1);
    let mut after_colon = true;
    let mut out = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        let minor = !after_colon && i != last && MINOR.contains(&bare);
        out.push(if minor {
            lower
        } else {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        });
        if !w.is_empty() {
            after_colon = w.ends_with([':', '?', '!']);
        }
    }
    out.join(" ")
}

/// English translations of titles go in brackets in sentence case (Chicago 11.6 for translated
/// titles): the first word, the first word after a colon, acronyms and proper nouns keep their
/// capitals. Proper nouns are the words `proper` holds: those the document's own English text
/// capitalizes in mid-sentence ("Soviet", "Korean"), so the list comes from the source.
pub fn sentence_case_english(t: &str, proper: &BTreeSet<String>) -> String {
    let mut out = String::new();
    let mut keep_next = true;
    for word in t.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let acronym = bare.chars().filter(|c| c.is_uppercase()).count() >= 2;
        if keep_next || acronym || proper.contains(bare) {
            out.push_str(word);
        } else {
            out.push_str(&word.to_lowercase());
        }
        if !word.is_empty() {
            keep_next = word.ends_with(':');
        }
    }
    out
}

/// Words the English text of the document capitalizes where no sentence begins: its proper
/// nouns, as the source (or its translator) wrote them.
pub fn proper_nouns(doc: &Document) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    // Paragraphs only: headings repeat the title in title case, where every word is capitalized.
    for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
        let Some(text) = block.text.get(Lang::En) else {
            continue;
        };
        let mut sentence_start = true;
        for word in text.split_whitespace() {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            let caps = bare.starts_with(|c: char| c.is_uppercase());
            let all_caps = !bare.chars().any(char::is_lowercase);
            if !sentence_start && caps && !all_caps {
                set.insert(bare.to_string());
            }
            sentence_start = word.ends_with(['.', '!', '?', ':', '"']);
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LangText, Source};

    fn doc() -> Document {
        Document {
            id: "d".into(),
            kind: DocKind::Journal,
            title: LangText::one(Lang::En, "Journal"),
            dates: vec![],
            parties: vec![],
            summary: None,
            source: Source {
                kind: SourceKind::Archive,
                page: Some("12".into()),
                archive: Some(ArchiveRef {
                    archive: "AVPRF".into(),
                    fond: Some("0102".into()),
                    pages: Some("1-3".into()),
                    verbatim: "AVPRF fond 0102, p.1-3".into(),
                    ..Default::default()
                }),
                ..Default::default()
            },
            texts: vec![],
            notes: vec![],
            inferred: Default::default(),
            blocks: vec![],
            footnotes: vec![],
        }
    }

    #[test]
    fn an_inferred_parent_covers_its_fields_and_only_them() {
        let mut d = doc();
        d.inferred
            .insert("source.archive".into(), "read from a stamp".into());
        assert!(is_inferred(&d, "source.archive.pages"));
        assert!(!is_inferred(&d, "source.archive_note"));
        assert!(Facts::of(&d).archive.is_none());
        assert_eq!(Facts::of(&d).page.as_deref(), Some("12"));

        let mut d = doc();
        d.inferred
            .insert("source.archive.pages".into(), "guessed".into());
        let a = Facts::of(&d).archive.expect("the archive is stated");
        assert_eq!((a.fond.as_deref(), a.pages), (Some("0102"), None));
    }

    #[test]
    fn title_case_leaves_the_part_after_a_hyphen_as_the_source_cased_it() {
        assert_eq!(
            title_case("Treaty of friendship, co-operation and mutual assistance"),
            "Treaty of Friendship, Co-operation and Mutual Assistance"
        );
        assert_eq!(
            title_case("Historic Event Propelling DPRK-Russia Relations"),
            "Historic Event Propelling DPRK-Russia Relations"
        );
        assert_eq!(title_case("a plan: of the works"), "A Plan: Of the Works");
    }

    #[test]
    fn names_split_into_family_and_given() {
        let parts = |n: &str| name_parts(n);
        assert_eq!(
            parts("Gary Goldberg"),
            ("Goldberg".into(), Some("Gary".into()))
        );
        assert_eq!(
            parts("A. M. Puzanov"),
            ("Puzanov".into(), Some("A. M.".into()))
        );
        assert_eq!(
            parts("Puzanov, A. M."),
            ("Puzanov".into(), Some("A. M.".into()))
        );
        assert_eq!(parts("Xinhua"), ("Xinhua".into(), None));
    }

    #[test]
    fn translated_titles_keep_capitals_only_where_english_needs_them() {
        let proper: BTreeSet<String> = ["Soviet", "Korean"].map(String::from).into();
        assert_eq!(
            sentence_case_english(
                "Joint Communiqué Issued by the Soviet and DPRK Governments: Both Sides Agree",
                &proper
            ),
            "Joint communiqué issued by the Soviet and DPRK governments: Both sides agree"
        );
    }
}
