//! Synthetic bilingual corpora for tests and benchmarks, drawn from the seed texts' statistics:
//! Chinese follows the seeds' character-to-character transitions, English and Russian their
//! word-to-word transitions, so bigram and term frequencies look like the archive's and names
//! such as `Kim Il-sung` and `金日成` recur. Deterministic for a given seed.
//!
//! These documents are invented for measurement only and never enter the corpus.

use crate::model::{
    Block, BlockKind, DateRole, DocDate, DocKind, Document, Lang, LangText, PartialDate, Source,
};
use std::collections::HashMap;

/// The raw seeds, compiled in so that benches and tests need no files.
const SEEDS: [&str; 5] = [
    include_str!("../../corpus/raw/000_019bcfc5ce5a24a3.txt"),
    include_str!("../../corpus/raw/001_78758ff57c64ac5e.txt"),
    include_str!("../../corpus/raw/002_669c83794a5684ce.txt"),
    include_str!("../../corpus/raw/003_b5ece0f25f3e42c4.txt"),
    include_str!("../../corpus/raw/004_df94f2d4f29a19fa.txt"),
];

/// A small, fast, deterministic generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// First-order Markov chain over items (characters or words), weighted by seed frequency.
struct Chain<T> {
    starts: Vec<T>,
    next: HashMap<T, Vec<T>>,
}

impl<T: Clone + Eq + std::hash::Hash> Chain<T> {
    fn new(sequences: &[Vec<T>]) -> Self {
        let mut starts = Vec::new();
        let mut next: HashMap<T, Vec<T>> = HashMap::new();
        for seq in sequences {
            starts.extend(seq.iter().cloned());
            for pair in seq.windows(2) {
                next.entry(pair[0].clone())
                    .or_default()
                    .push(pair[1].clone());
            }
        }
        Self { starts, next }
    }

    fn walk(&self, rng: &mut Rng, mut emit: impl FnMut(&T) -> bool) {
        if self.starts.is_empty() {
            return;
        }
        let mut cur = &self.starts[rng.below(self.starts.len())];
        // Restart now and then, like a new sentence, and at dead ends.
        while emit(cur) {
            cur = match self.next.get(cur) {
                Some(nexts) if rng.below(12) != 0 => &nexts[rng.below(nexts.len())],
                _ => &self.starts[rng.below(self.starts.len())],
            };
        }
    }
}

/// The statistics of the seed texts, ready to generate from.
pub struct Generator {
    zh: Chain<char>,
    en: Chain<String>,
    ru: Chain<String>,
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || matches!(c, '，' | '。' | '、' | '：' | '；')
}

impl Default for Generator {
    fn default() -> Self {
        Self::new()
    }
}

impl Generator {
    pub fn new() -> Self {
        let mut zh = Vec::new();
        let mut en = Vec::new();
        let mut ru = Vec::new();
        for seed in SEEDS {
            for line in seed.lines() {
                let han: Vec<char> = line.trim().chars().filter(|c| is_han(*c)).collect();
                if han.len() > 4 {
                    zh.push(han);
                    continue;
                }
                let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
                if words
                    .iter()
                    .any(|w| w.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)))
                {
                    ru.push(words);
                } else if words.len() > 3 && line.is_ascii() {
                    en.push(words);
                }
            }
        }
        Self {
            zh: Chain::new(&zh),
            en: Chain::new(&en),
            ru: Chain::new(&ru),
        }
    }

    /// About `bytes` of Chinese text.
    pub fn zh(&self, rng: &mut Rng, bytes: usize) -> String {
        let mut s = String::with_capacity(bytes + 4);
        self.zh.walk(rng, |c| {
            s.push(*c);
            s.len() < bytes
        });
        s
    }

    /// About `bytes` of English text (or Russian with `ru`).
    pub fn words(&self, rng: &mut Rng, bytes: usize, ru: bool) -> String {
        let chain = if ru { &self.ru } else { &self.en };
        let mut s = String::with_capacity(bytes + 16);
        chain.walk(rng, |w| {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(w);
            s.len() < bytes
        });
        s
    }

    /// `n` documents of about `doc_bytes` each: bilingual zh/en mostly, every fifth ru/en.
    pub fn corpus(&self, n: usize, doc_bytes: usize, seed: u64) -> Vec<Document> {
        self.documents(n, doc_bytes, seed).collect()
    }

    /// The documents of [`Generator::corpus`] one at a time, for corpora too big to hold.
    pub fn documents(
        &self,
        n: usize,
        doc_bytes: usize,
        seed: u64,
    ) -> impl Iterator<Item = Document> + '_ {
        let mut rng = Rng::new(seed);
        (0..n).map(move |i| self.document(&mut rng, i, doc_bytes))
    }

    fn document(&self, rng: &mut Rng, i: usize, doc_bytes: usize) -> Document {
        let second = if i % 5 == 4 { Lang::Ru } else { Lang::Zh };
        let mut title = LangText::one(Lang::En, self.words(rng, 60, false));
        title.set(second, self.text(rng, second, 30));
        // Blocks of ~300 bytes per language; two languages per block.
        let per_block = 600;
        let blocks = (doc_bytes / per_block).max(1);
        let blocks = (0..blocks)
            .map(|_| {
                let mut text = LangText::one(Lang::En, self.words(rng, 300, false));
                text.set(second, self.text(rng, second, 300));
                Block {
                    kind: BlockKind::Paragraph,
                    text,
                }
            })
            .collect();
        let year = 1945 + rng.below(80) as i32;
        let date = PartialDate::ymd(year, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8)
            .unwrap_or(PartialDate::year(year));
        Document {
            id: format!("synth-{i:06}"),
            kind: DocKind::ALL[i % DocKind::ALL.len()],
            title,
            dates: vec![DocDate {
                role: DateRole::Published,
                date,
                place: None,
                inferred: None,
            }],
            parties: Vec::new(),
            summary: None,
            source: Source {
                raw: format!("synth/{i}.txt"),
                ..Source::default()
            },
            texts: Vec::new(),
            notes: Vec::new(),
            inferred: Default::default(),
            blocks,
            footnotes: Vec::new(),
        }
    }

    fn text(&self, rng: &mut Rng, lang: Lang, bytes: usize) -> String {
        match lang {
            Lang::Zh => self.zh(rng, bytes),
            Lang::Ru => self.words(rng, bytes, true),
            _ => self.words(rng, bytes, false),
        }
    }
}
