//! Parallel text in the reader, a component: the sentence cursor, which highlights a sentence
//! and its counterpart in the other column; gutter marks on blocks with a translation
//! question; the panel section that quotes both sides of each question on screen and says how
//! sure the alignment is. Everything is computed in [`Parallel::open`], when a document is
//! opened; `update` and `click` only move the cursor and return [`Effect`]s (the highlights,
//! the cursor block, a status line).

pub mod section;
pub mod state;

pub use state::{Parallel, SentenceCursor};

use crate::model::ids::{BlockNo, DocIx};
use crate::model::{Document, Lang};
use crate::parallel::checks::check_document;
use crate::parallel::{Aligner, Basis, BlockAlignment, SentencePair};
use crate::refs::Registry;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::reader::state::Highlight;
use crate::tui::theme::Theme;
use state::Loaded;

/// The owner name of the highlights this feature lays over the text.
pub const OWNER: &str = "sentence";

impl Parallel {
    /// Aligns the sentences of `doc` and checks its translation, once per opened document.
    pub fn open(&mut self, ix: DocIx, doc: &Document, registry: &Registry) -> Vec<Effect> {
        if self.loaded.borrow().as_ref().is_some_and(|l| l.doc == ix) {
            return Vec::new();
        }
        self.cursor = None;
        let aligner = self.aligner.get_or_insert_with(|| Aligner::new(registry));
        let alignment = aligner.document(doc);
        let questions = match &alignment {
            Ok(a) => check_document(aligner, registry, doc, a),
            Err(_) => Vec::new(),
        };
        *self.loaded.borrow_mut() = Some(Loaded {
            doc: ix,
            alignment,
            questions,
        });
        vec![Effect::Highlights(OWNER, Vec::new())]
    }

    /// The registry names in the sentence under the sentence cursor, as written there, in
    /// order and once each: what the concordance offers without a selection.
    pub fn cursor_terms(&self, doc: &Document) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in self.sentence_names(doc).unwrap_or_default() {
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    fn sentence_names(&self, doc: &Document) -> Option<Vec<String>> {
        let c = self.cursor?;
        let loaded = self.loaded.borrow();
        let l = loaded.as_ref()?;
        let a = l.alignment.as_ref().ok()?;
        let lang = if c.left { a.left } else { a.right };
        let b = l.block(c.block)?;
        let s = (if c.left { &b.left } else { &b.right }).get(c.sentence)?;
        let text = doc.blocks.get(BlockNo(c.block).index())?.text.get(lang)?;
        let sentence = text.get(s.bytes.clone())?;
        let names = self.aligner.as_ref()?.names(sentence);
        Some(
            names
                .into_iter()
                .filter_map(|(_, r)| sentence.get(r).map(str::to_string))
                .collect(),
        )
    }

    /// Whether block `number` (from 1) of the open document holds a translation question.
    pub fn flagged(&self, number: usize) -> bool {
        self.loaded
            .borrow()
            .as_ref()
            .is_some_and(|l| l.flagged(number))
    }

    /// `NextSentence` / `PrevSentence`, with the reader's cursor block (from 0).
    pub fn update(&mut self, action: Action, reader_block: usize, theme: &Theme) -> Vec<Effect> {
        let forward = match action {
            Action::NextSentence => true,
            Action::PrevSentence => false,
            _ => return Vec::new(),
        };
        let next = {
            let loaded = self.loaded.borrow();
            let Some(loaded) = loaded.as_ref() else {
                return Vec::new();
            };
            let alignment = match &loaded.alignment {
                Ok(a) => a,
                Err(why) => return vec![Effect::Info(why.to_string())],
            };
            let here = BlockNo::from_index(reader_block).0;
            let start = self.cursor.filter(|c| c.block == here);
            step(&alignment.blocks, here, start, forward)
        };
        let Some(next) = next else {
            let end = if forward { "last" } else { "first" };
            return vec![Effect::Info(format!("no sentence after the {end} one"))];
        };
        self.select(next, reader_block, theme)
    }

    /// A click on the stored byte `at` of block `index` (from 0) in `lang`.
    pub fn click(&mut self, index: usize, lang: Lang, at: usize, theme: &Theme) -> Vec<Effect> {
        let block = BlockNo::from_index(index).0;
        let found = {
            let loaded = self.loaded.borrow();
            let Some(Ok(a)) = loaded.as_ref().map(|l| &l.alignment) else {
                return Vec::new();
            };
            let left = if lang == a.left {
                true
            } else if lang == a.right {
                false
            } else {
                return Vec::new();
            };
            loaded.as_ref().and_then(|l| l.block(block)).and_then(|b| {
                let side = if left { &b.left } else { &b.right };
                let s = side.iter().position(|s| s.bytes.contains(&at))?;
                Some(SentenceCursor {
                    block,
                    left,
                    sentence: s,
                })
            })
        };
        match found {
            Some(c) => self.select(c, index, theme),
            None => Vec::new(),
        }
    }

    /// Puts the cursor on `c`: its pair's highlights, the reader's block, what the pair is.
    fn select(&mut self, c: SentenceCursor, reader_block: usize, theme: &Theme) -> Vec<Effect> {
        self.cursor = Some(c);
        let loaded = self.loaded.borrow();
        let Some((loaded, block)) = loaded.as_ref().and_then(|l| Some((l, l.block(c.block)?)))
        else {
            return Vec::new();
        };
        let Ok(a) = &loaded.alignment else {
            return Vec::new();
        };
        let Some(pair) = block.pair_of(c.left, c.sentence) else {
            return Vec::new();
        };
        let index = BlockNo(c.block).index();
        let (own_lang, other_lang) = if c.left {
            (a.left, a.right)
        } else {
            (a.right, a.left)
        };
        let (own_run, other_run) = if c.left {
            (&pair.left, &pair.right)
        } else {
            (&pair.right, &pair.left)
        };
        let counterpart = if pair.by_length_only() {
            theme.get("counterpart_guess")
        } else {
            theme.get("counterpart")
        };
        let mut marks = vec![Highlight {
            block: index,
            lang: own_lang,
            range: block.span(c.left, own_run),
            style: theme.get("sentence"),
        }];
        let other = block.span(!c.left, other_run);
        if !other.is_empty() {
            marks.push(Highlight {
                block: index,
                lang: other_lang,
                range: other,
                style: counterpart,
            });
        }
        let mut out = Vec::new();
        if index != reader_block {
            out.push(Effect::MoveCursor(BlockNo(c.block)));
        }
        out.push(Effect::Highlights(OWNER, marks));
        out.push(Effect::Info(describe(c, block, pair, own_lang, other_lang)));
        out
    }
}

/// The next (or previous) sentence from `start` on its side, into the neighbouring aligned
/// blocks; from no cursor, the first (or last) sentence of the block `here` or the nearest
/// aligned block in that direction.
fn step(
    blocks: &[BlockAlignment],
    here: usize,
    start: Option<SentenceCursor>,
    forward: bool,
) -> Option<SentenceCursor> {
    let left = start.is_none_or(|c| c.left);
    let count = |b: &BlockAlignment| if left { b.left.len() } else { b.right.len() };
    let at = |b: &BlockAlignment, first: bool| {
        let n = count(b);
        (n > 0).then(|| SentenceCursor {
            block: b.block,
            left,
            sentence: if first { 0 } else { n - 1 },
        })
    };
    if let Some(c) = start {
        let b = blocks.iter().find(|b| b.block == c.block)?;
        if forward && c.sentence + 1 < count(b) {
            return Some(SentenceCursor {
                sentence: c.sentence + 1,
                ..c
            });
        }
        if !forward && c.sentence > 0 {
            return Some(SentenceCursor {
                sentence: c.sentence - 1,
                ..c
            });
        }
        return if forward {
            blocks
                .iter()
                .filter(|b| b.block > here)
                .find_map(|b| at(b, true))
        } else {
            blocks
                .iter()
                .rev()
                .filter(|b| b.block < here)
                .find_map(|b| at(b, false))
        };
    }
    if forward {
        blocks
            .iter()
            .filter(|b| b.block >= here)
            .find_map(|b| at(b, true))
    } else {
        blocks
            .iter()
            .rev()
            .filter(|b| b.block <= here)
            .find_map(|b| at(b, false))
    }
}

/// "¶3 zh sentence 2/4 ↔ en 2–3 · anchored by numbers, dates or names (0.97)".
fn describe(
    c: SentenceCursor,
    block: &BlockAlignment,
    pair: &SentencePair,
    own: Lang,
    other: Lang,
) -> String {
    let total = if c.left {
        block.left.len()
    } else {
        block.right.len()
    };
    let run = if c.left { &pair.right } else { &pair.left };
    let counterpart = match run.len() {
        0 => format!("no {} counterpart", other.code()),
        1 => format!("{} {}", other.code(), run.start + 1),
        _ => format!("{} {}–{}", other.code(), run.start + 1, run.end),
    };
    let basis = match pair.basis {
        Basis::Block => "the block is one sentence on each side".to_string(),
        Basis::Anchors => format!(
            "lengths with shared numbers, dates or names (confidence {:.2})",
            pair.confidence
        ),
        Basis::Length => format!(
            "by length alone, nothing shared confirms it (confidence {:.2})",
            pair.confidence
        ),
    };
    format!(
        "{} {} sentence {}/{total} ↔ {counterpart} · {basis}",
        crate::tui::pinpoint::block_pin(c.block),
        own.code(),
        c.sentence + 1
    )
}

pub use crate::tui::reader::block_text::stored_offset;
