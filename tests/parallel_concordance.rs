//! The translation concordance on a generated archive: documents whose Chinese holds 朝鲜停战
//! in a sentence of random filler, rendered in the English as "the Korean armistice" in most
//! and as "the Korean truce" in some. The first rendering is a registry name; the second is
//! not, and must be found from the counterparts alone.
// Tests and benches print their figures for the reader of the output.
#![allow(clippy::disallowed_macros)]

use lectern::corpus::Corpus;
use lectern::model::{
    Block, BlockKind, DateRole, DocDate, DocKind, Document, Lang, LangText, PartialDate, Source,
};
use lectern::parallel::Aligner;
use lectern::parallel::concordance;
use lectern::search::synth::{Generator, Rng};
use lectern::search::{Location, SearchIndex};

const DOCS: usize = 40;
/// Every fourth document says "truce".
fn says_truce(i: usize) -> bool {
    i % 4 == 3
}

/// Filler without sentence marks and without the words the test looks for.
fn filler_zh(g: &Generator, rng: &mut Rng, bytes: usize) -> String {
    g.zh(rng, bytes)
        .replace(['。', '；', '！', '？'], "，")
        .replace("停战", "和平")
}

fn filler_en(g: &Generator, rng: &mut Rng, bytes: usize) -> String {
    g.words(rng, bytes, false)
        .replace(['.', ';', '!', '?', '"'], ",")
        .replace("armistice", "peace")
        .replace("truce", "peace")
}

fn archive() -> Vec<Document> {
    let g = Generator::new();
    let mut rng = Rng::new(14);
    (0..DOCS)
        .map(|i| {
            let rendering = if says_truce(i) {
                "Korean truce"
            } else {
                "Korean armistice"
            };
            let zh = format!(
                "{}，朝鲜停战{}。{}。",
                filler_zh(&g, &mut rng, 45),
                filler_zh(&g, &mut rng, 45),
                filler_zh(&g, &mut rng, 90)
            );
            let en = format!(
                "{} the {rendering} {}. {}.",
                filler_en(&g, &mut rng, 55),
                filler_en(&g, &mut rng, 55),
                filler_en(&g, &mut rng, 107)
            );
            let mut text = LangText::one(Lang::Zh, zh);
            text.set(Lang::En, en);
            let mut title = LangText::one(Lang::En, format!("Generated report {i}"));
            title.set(Lang::Zh, format!("报道{i}"));
            Document {
                id: format!("gen-{i:03}"),
                kind: DocKind::Article,
                title,
                dates: vec![DocDate {
                    role: DateRole::Published,
                    date: PartialDate::ymd(1953 + (i % 10) as i32, 7, 1).expect("date"),
                    place: None,
                    inferred: None,
                }],
                parties: Vec::new(),
                summary: None,
                source: Source {
                    raw: format!("gen/{i}.txt"),
                    ..Source::default()
                },
                texts: Vec::new(),
                notes: Vec::new(),
                inferred: Default::default(),
                blocks: vec![Block {
                    kind: BlockKind::Paragraph,
                    text,
                }],
                footnotes: Vec::new(),
            }
        })
        .collect()
}

#[test]
fn renderings_are_grouped_with_their_counts_and_dates_on_a_generated_archive() {
    let docs = archive();
    let registry = Corpus::bundled().registry.as_ref().clone();
    let aligner = Aligner::new(&registry);
    let cache = tempfile::tempdir().expect("tmp");
    let (index, _) =
        SearchIndex::open(&Location::at(cache.path()), &docs, &mut |_, _| {}).expect("index");
    let c = concordance::find(&index, &docs[..], &aligner, &registry, "朝鲜停战", 1000)
        .expect("concordance");
    let summary: Vec<(Option<String>, usize)> = c
        .groups
        .iter()
        .map(|g| (g.rendering.clone(), g.occurrences.len()))
        .collect();
    println!("generated archive, 朝鲜停战: {summary:?}");
    assert_eq!(c.blocks_examined, DOCS);
    let truce = (0..DOCS).filter(|i| says_truce(*i)).count();
    assert_eq!(
        summary,
        vec![
            (Some("Korean armistice".to_string()), DOCS - truce),
            (Some("Korean truce".to_string()), truce)
        ]
    );
    let armistice = &c.groups[0];
    assert_eq!(
        armistice.first.map(|d| d.to_string()).as_deref(),
        Some("1953-07-01")
    );
    assert_eq!(
        armistice.last.map(|d| d.to_string()).as_deref(),
        Some("1962-07-01")
    );
    // Every occurrence shows the term in its sentence and the rendering in the counterpart.
    for g in &c.groups {
        for o in &g.occurrences {
            assert_eq!(&o.sentence[o.hit.clone()], "朝鲜停战");
            let at = o.rendered_at.clone().expect("rendered");
            assert_eq!(Some(&o.counterpart[at]), g.rendering.as_deref());
        }
    }
}
