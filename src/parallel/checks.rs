//! Translation checks: what must survive a translation, compared block by block. Numbers and
//! date parts, registry names (only those the registry can name in both languages), and the
//! number of lines of a list. Each difference is a question for the reader, placed at the
//! sentence pair that holds it: OCR misreads a digit, a machine translation drops a date,
//! either may be right. A block whose two sides agree is never flagged.

use super::anchors::{Agreement, Anchor, Key};
use super::{Aligner, BlockAlignment, DocAlignment};
use crate::model::{BlockKind, BlockNo, Document, Lang};
use crate::refs::{Registry, Target};
use serde::Serialize;
use std::collections::BTreeSet;
use std::ops::Range;

/// What differs between the two sides of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    /// A number or a part of a date one side has and the other lacks.
    Numbers,
    /// A registry name one side has and the other lacks.
    Names,
    /// A list with a different number of lines on each side.
    ListLength,
}

impl Concern {
    pub fn label(self) -> &'static str {
        match self {
            Concern::Numbers => "numbers or dates differ",
            Concern::Names => "names differ",
            Concern::ListLength => "list lengths differ",
        }
    }
}

/// Something one side says that the other does not: the words, where, and what they mean.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unmatched {
    pub text: String,
    pub bytes: Range<usize>,
    /// "day 12", "Kim Il Sung", "5 lines".
    pub meaning: String,
}

/// One question about one block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Question {
    pub block: BlockNo,
    pub concern: Concern,
    pub left_lang: Lang,
    pub right_lang: Lang,
    /// What the left side has and the right lacks, and the reverse.
    pub left: Vec<Unmatched>,
    pub right: Vec<Unmatched>,
    /// Byte spans of the sentence pairs to quote, on each side (left, right).
    pub quotes: Vec<(Range<usize>, Range<usize>)>,
}

/// Every question about the translation in `doc`, in block order.
pub fn check_document(
    aligner: &Aligner,
    registry: &Registry,
    doc: &Document,
    alignment: &DocAlignment,
) -> Vec<Question> {
    let mut out = Vec::new();
    for block in &alignment.blocks {
        let Some(b) = doc.block(block.block) else {
            continue;
        };
        let (Some(left), Some(right)) = (b.text.get(alignment.left), b.text.get(alignment.right))
        else {
            continue;
        };
        let sides = Sides {
            langs: (alignment.left, alignment.right),
            texts: (left, right),
            block,
        };
        let la = aligner.anchors(alignment.left, left);
        let ra = aligner.anchors(alignment.right, right);
        let is_number = |a: &&Anchor| !matches!(a.key, Key::Name(_));
        let nameable = |a: &&Anchor| match a.key {
            Key::Name(t) => {
                named_in(registry, t, alignment.left) && named_in(registry, t, alignment.right)
            }
            _ => false,
        };
        let numbers = (
            la.iter().filter(is_number).collect::<Vec<_>>(),
            ra.iter().filter(is_number).collect::<Vec<_>>(),
        );
        let names = (
            la.iter().filter(nameable).collect::<Vec<_>>(),
            ra.iter().filter(nameable).collect::<Vec<_>>(),
        );
        out.extend(sides.compare(Concern::Numbers, numbers, |k| k.describe()));
        out.extend(sides.compare(Concern::Names, names, |k| match k {
            Key::Name(t) => registry.target_name(t).to_string(),
            other => other.describe(),
        }));
        if b.kind == BlockKind::List {
            out.extend(sides.list_lengths());
        }
    }
    out
}

fn named_in(registry: &Registry, target: Target, lang: Lang) -> bool {
    registry
        .names_of(target)
        .get(&lang)
        .is_some_and(|names| !names.is_empty())
}

struct Sides<'a> {
    langs: (Lang, Lang),
    texts: (&'a str, &'a str),
    block: &'a BlockAlignment,
}

impl Sides<'_> {
    fn compare(
        &self,
        concern: Concern,
        (left, right): (Vec<&Anchor>, Vec<&Anchor>),
        meaning: impl Fn(Key) -> String,
    ) -> Option<Question> {
        let agree = |xs: &[&Anchor]| -> BTreeSet<Agreement> {
            xs.iter().map(|a| a.key.agreement()).collect()
        };
        let (lset, rset) = (agree(&left), agree(&right));
        let missing = |xs: &[&Anchor], other: &BTreeSet<Agreement>, text: &str| -> Vec<Unmatched> {
            let mut seen = BTreeSet::new();
            xs.iter()
                .filter(|a| !other.contains(&a.key.agreement()) && seen.insert(a.key.agreement()))
                .map(|a| Unmatched {
                    text: text[a.bytes.clone()].to_string(),
                    bytes: a.bytes.clone(),
                    meaning: meaning(a.key),
                })
                .collect()
        };
        let l = missing(&left, &rset, self.texts.0);
        let r = missing(&right, &lset, self.texts.1);
        if l.is_empty() && r.is_empty() {
            return None;
        }
        let quotes = self.quotes(&l, &r);
        Some(Question {
            block: self.block.block,
            concern,
            left_lang: self.langs.0,
            right_lang: self.langs.1,
            left: l,
            right: r,
            quotes,
        })
    }

    fn list_lengths(&self) -> Option<Question> {
        let lines = |t: &str| t.lines().filter(|l| !l.trim().is_empty()).count();
        let (a, b) = (lines(self.texts.0), lines(self.texts.1));
        if a == b {
            return None;
        }
        let whole = |t: &str, n: usize| Unmatched {
            text: t.to_string(),
            bytes: 0..t.len(),
            meaning: format!("{n} lines"),
        };
        Some(Question {
            block: self.block.block,
            concern: Concern::ListLength,
            left_lang: self.langs.0,
            right_lang: self.langs.1,
            left: vec![whole(self.texts.0, a)],
            right: vec![whole(self.texts.1, b)],
            quotes: vec![(0..self.texts.0.len(), 0..self.texts.1.len())],
        })
    }

    /// The sentence pairs that hold the unmatched anchors, each once, in order.
    fn quotes(&self, left: &[Unmatched], right: &[Unmatched]) -> Vec<(Range<usize>, Range<usize>)> {
        let block = self.block;
        let mut pairs: Vec<usize> = Vec::new();
        let find = |is_left: bool, at: usize| -> Option<usize> {
            let side = if is_left { &block.left } else { &block.right };
            let sentence = side.iter().position(|s| s.bytes.contains(&at))?;
            block.pairs.iter().position(|p| {
                let run = if is_left { &p.left } else { &p.right };
                run.contains(&sentence)
            })
        };
        for (is_left, u) in left
            .iter()
            .map(|u| (true, u))
            .chain(right.iter().map(|u| (false, u)))
        {
            if let Some(p) = find(is_left, u.bytes.start)
                && !pairs.contains(&p)
            {
                pairs.push(p);
            }
        }
        pairs.sort_unstable();
        pairs
            .into_iter()
            .map(|p| {
                let pair = &block.pairs[p];
                (block.span(true, &pair.left), block.span(false, &pair.right))
            })
            .collect()
    }
}
