//! Two documents side by side, aligned by their structure: the articles of two treaties by
//! number, otherwise blocks by content similarity (an order-keeping alignment that may leave a
//! block unpaired). Each pair has a similarity from 0 to 1 and, when both documents share a
//! language, a diff in it: by words, by characters for Chinese.

use super::split::is_han;
use crate::model::{BlockKind, BlockNo, Document, Lang};
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairedBy {
    ArticleNumber,
    ContentSimilarity,
}

impl PairedBy {
    pub fn label(self) -> &'static str {
        match self {
            PairedBy::ArticleNumber => "article by article",
            PairedBy::ContentSimilarity => "block by block, by content similarity",
        }
    }
}

/// One side of a pair: the first block of the unit and how a reader names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The pinpoint a citation of this side uses.
    pub block: BlockNo,
    pub label: String,
    #[serde(skip)]
    text: String,
}

impl Side {
    /// The text compared: the unit's blocks in the language compared, one a line.
    pub fn text(&self) -> &str {
        &self.text
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Same,
    Removed,
    Added,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub change: Change,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Pair {
    pub a: Option<Side>,
    pub b: Option<Side>,
    pub similarity: f64,
    /// From `a` to `b` in the shared language; `None` when the texts are the same or there
    /// is no shared language.
    pub diff: Option<Vec<Piece>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    pub by: PairedBy,
    /// The language compared, when the two share one.
    pub lang: Option<Lang>,
    pub pairs: Vec<Pair>,
}

/// Compares `a` with `b` in the first language of `a` that `b` also has.
pub fn compare(a: &Document, b: &Document) -> Comparison {
    let theirs = b.languages();
    let lang = a.languages().into_iter().find(|l| theirs.contains(l));
    let text_lang = lang.unwrap_or_else(|| a.languages().first().copied().unwrap_or(Lang::En));
    let (ua, ub) = (
        articles(a, text_lang),
        articles(b, lang.unwrap_or(text_lang)),
    );
    let (by, matched) = if !ua.is_empty() && !ub.is_empty() {
        (PairedBy::ArticleNumber, by_number(ua, ub))
    } else {
        let (ba, bb) = (blocks(a, text_lang), blocks(b, lang.unwrap_or(text_lang)));
        (PairedBy::ContentSimilarity, by_similarity(ba, bb, lang))
    };
    let pairs = matched
        .into_iter()
        .map(|(x, y)| {
            let (similarity, diff) = match (&x, &y, lang) {
                (Some(x), Some(y), Some(l)) => {
                    let d = diff(l, &x.text, &y.text);
                    (
                        similarity(l, &x.text, &y.text),
                        (x.text != y.text).then_some(d),
                    )
                }
                _ => (0.0, None),
            };
            Pair {
                a: x,
                b: y,
                similarity,
                diff,
            }
        })
        .collect();
    Comparison {
        a: a.id.clone(),
        b: b.id.clone(),
        by,
        lang,
        pairs,
    }
}

/// The articles of a treaty, each with its number and the text of its blocks: the heading and
/// what follows up to the next heading. Text before the first article (headings aside) is the
/// preamble, number 0. A document without articles has none.
fn articles(doc: &Document, lang: Lang) -> Vec<(u32, Side)> {
    if !doc.blocks.iter().any(|b| b.kind == BlockKind::Article) {
        return Vec::new();
    }
    let mut out: Vec<(u32, Side)> = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        let text = block.text.best(&[lang]).unwrap_or("");
        if block.kind == BlockKind::Article {
            let number = article_number(text).unwrap_or(out.len() as u32 + 1);
            out.push((
                number,
                Side {
                    block: BlockNo::from_index(i),
                    label: first_line(text),
                    text: text.to_string(),
                },
            ));
        } else if let Some((_, last)) = out.last_mut() {
            last.text.push('\n');
            last.text.push_str(text);
        } else if block.kind != BlockKind::Heading {
            out.push((
                0,
                Side {
                    block: BlockNo::from_index(i),
                    label: "Preamble".into(),
                    text: text.to_string(),
                },
            ));
        }
    }
    out
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").trim().to_string()
}

/// The number of "Article 3", "Статья 3", "Article III", "第三条".
fn article_number(heading: &str) -> Option<u32> {
    let line = first_line(heading);
    if let Some(start) = line.find(|c: char| c.is_ascii_digit()) {
        let digits: String = line[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        return digits.parse().ok();
    }
    if let Some(roman) = line.split_whitespace().nth(1).and_then(roman_value) {
        return Some(roman);
    }
    let han: String = line
        .chars()
        .skip_while(|c| *c == '第')
        .take_while(|c| is_han(*c) && *c != '条')
        .collect();
    let value = han.chars().try_fold(0u32, |acc, c| {
        let d = "〇一二三四五六七八九"
            .chars()
            .position(|x| x == c)
            .map(|d| d as u32);
        match (c, d) {
            ('十', _) => Some(if acc == 0 { 10 } else { acc * 10 }),
            (_, Some(d)) => Some(if acc >= 10 && acc % 10 == 0 {
                acc + d
            } else {
                acc * 10 + d
            }),
            _ => None,
        }
    })?;
    (value > 0).then_some(value)
}

fn roman_value(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(['.', ':']);
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in word.chars().rev() {
        let v = match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?
        } else {
            total += v;
            prev = v
        }
    }
    (total > 0).then_some(total)
}

fn by_number(a: Vec<(u32, Side)>, b: Vec<(u32, Side)>) -> Vec<(Option<Side>, Option<Side>)> {
    let mut b: Vec<Option<(u32, Side)>> = b.into_iter().map(Some).collect();
    let mut out = Vec::new();
    for (n, side) in a {
        let other = b
            .iter_mut()
            .find(|x| x.as_ref().is_some_and(|(m, _)| *m == n))
            .and_then(Option::take);
        out.push((Some(side), other.map(|(_, s)| s)));
    }
    out.extend(b.into_iter().flatten().map(|(_, s)| (None, Some(s))));
    out
}

fn blocks(doc: &Document, lang: Lang) -> Vec<Side> {
    doc.blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let text = b.text.get(lang).or_else(|| b.text.best(&[lang]))?;
            let block = BlockNo::from_index(i);
            Some(Side {
                block,
                label: format!("{block:#}"),
                text: text.to_string(),
            })
        })
        .collect()
}

/// Below this similarity two blocks are not paired.
const PAIR_FROM: f64 = 0.3;

/// Order-keeping alignment maximising total similarity (Needleman–Wunsch without gap cost).
fn by_similarity(
    a: Vec<Side>,
    b: Vec<Side>,
    lang: Option<Lang>,
) -> Vec<(Option<Side>, Option<Side>)> {
    let (n, m) = (a.len(), b.len());
    let sims: Vec<Vec<f64>> = a
        .iter()
        .map(|x| {
            b.iter()
                .map(|y| lang.map_or(0.0, |l| similarity(l, &x.text, &y.text)))
                .collect()
        })
        .collect();
    let sim = |i: usize, j: usize| sims[i][j];
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let s = sim(i, j);
            let take = if s >= PAIR_FROM {
                s + best[i + 1][j + 1]
            } else {
                f64::NEG_INFINITY
            };
            best[i][j] = take.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let mut a: Vec<Option<Side>> = a.into_iter().map(Some).collect();
    let mut b: Vec<Option<Side>> = b.into_iter().map(Some).collect();
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m {
            let s = sim(i, j);
            if s >= PAIR_FROM && (best[i][j] - (s + best[i + 1][j + 1])).abs() < 1e-9 {
                out.push((a[i].take(), b[j].take()));
                (i, j) = (i + 1, j + 1);
                continue;
            }
        }
        if i < n && (j == m || (best[i][j] - best[i + 1][j]).abs() < 1e-9) {
            out.push((a[i].take(), None));
            i += 1;
        } else {
            out.push((None, b[j].take()));
            j += 1;
        }
    }
    out
}

/// Similarity of two texts in one language: the share of their tokens (words, or characters
/// in Chinese; white space not counted) that a diff keeps in common, 0 to 1.
pub fn similarity(lang: Lang, a: &str, b: &str) -> f64 {
    let tokens = |t: &'_ str| -> Vec<String> {
        if lang == Lang::Zh {
            t.chars()
                .filter(|c| !c.is_whitespace())
                .map(String::from)
                .collect()
        } else {
            t.split_whitespace().map(str::to_lowercase).collect()
        }
    };
    let (x, y) = (tokens(a), tokens(b));
    if x.is_empty() && y.is_empty() {
        return 1.0;
    }
    let x: Vec<&str> = x.iter().map(String::as_str).collect();
    let y: Vec<&str> = y.iter().map(String::as_str).collect();
    f64::from(
        TextDiff::configure()
            .timeout(std::time::Duration::from_millis(200))
            .diff_slices(&x, &y)
            .ratio(),
    )
}

fn text_diff<'a>(lang: Lang, a: &'a str, b: &'a str) -> TextDiff<'a, 'a, 'a, str> {
    let mut config = TextDiff::configure();
    config.timeout(std::time::Duration::from_millis(200));
    if lang == Lang::Zh {
        config.diff_chars(a, b)
    } else {
        config.diff_words(a, b)
    }
}

/// The changes from `a` to `b`, neighbouring pieces of one kind joined.
pub fn diff(lang: Lang, a: &str, b: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for change in text_diff(lang, a, b).iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => Change::Same,
            ChangeTag::Delete => Change::Removed,
            ChangeTag::Insert => Change::Added,
        };
        match out.last_mut() {
            Some(last) if last.change == kind => last.text.push_str(change.value()),
            _ => out.push(Piece {
                change: kind,
                text: change.value().to_string(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_numbers_are_read_in_several_forms() {
        assert_eq!(article_number("Article 3"), Some(3));
        assert_eq!(article_number("Статья 12"), Some(12));
        assert_eq!(article_number("Article IV"), Some(4));
        assert_eq!(article_number("第三条"), Some(3));
        assert_eq!(article_number("第十二条"), Some(12));
        assert_eq!(article_number("第二十条"), Some(20));
    }

    #[test]
    fn a_changed_word_is_the_only_change_in_the_diff() {
        let d = diff(
            Lang::En,
            "shall immediately render aid",
            "shall promptly render aid",
        );
        let changed: Vec<(Change, &str)> = d
            .iter()
            .filter(|p| p.change != Change::Same)
            .map(|p| (p.change, p.text.trim()))
            .collect();
        assert_eq!(
            changed,
            vec![
                (Change::Removed, "immediately"),
                (Change::Added, "promptly")
            ]
        );
        let zh = diff(Lang::Zh, "立即提供援助", "迅速提供援助");
        assert!(
            zh.iter()
                .any(|p| p.change == Change::Removed && p.text == "立即")
        );
    }
}
