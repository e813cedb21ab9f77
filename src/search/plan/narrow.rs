//! Narrowing a phrase by a rarer token its cover left out: the matches and scores stay the
//! phrase's own, only fewer candidates have their positions checked.

use super::Pattern;
use crate::search::analysis::{Mode, TextField, Tok, cover, tokenize};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term as TTerm};

/// A query text's tokens that must match (its [`cover`]) and the word pairs and bigrams the
/// cover leaves out, any of which stands in every match too.
pub(super) fn cover_and_left_out(tf: TextField, text: &str) -> (Vec<Tok>, Vec<String>) {
    let every = tokenize(tf, Mode::Document, text);
    let toks = cover(every.clone());
    let left_out = (every.into_iter())
        .filter(|t| t.span == 2 && !toks.iter().any(|c| c.pos == t.pos && c.text == t.text))
        .map(|t| t.text)
        .collect();
    (toks, left_out)
}

/// A phrase narrowed by the rarest of the tokens its cover left out, when that is much rarer
/// than every token of the cover: `朝鲜人民` is covered by 朝鲜 and 人民, which stand in a third
/// and a sixth of the units, while 鲜人 stands in a few hundred. Every match of the phrase
/// holds that token and it scores nothing, so the matches and their scores are the phrase's
/// own; only far fewer candidates have their positions checked.
pub(super) fn narrowed(
    searcher: &Searcher,
    field: tantivy::schema::Field,
    phrase: Box<dyn Query>,
    pattern: &Pattern,
    left_out: &[String],
) -> Box<dyn Query> {
    narrowed_from(searcher, field, phrase, pattern, left_out, WORTH_NARROWING)
}

/// [`narrowed`], when the cover's rarest token stands in at least `worth` units.
fn narrowed_from(
    searcher: &Searcher,
    field: tantivy::schema::Field,
    phrase: Box<dyn Query>,
    pattern: &Pattern,
    left_out: &[String],
    worth: u64,
) -> Box<dyn Query> {
    if pattern.len() < 2 || left_out.is_empty() {
        return phrase;
    }
    let units_with =
        |text: &str| (searcher.doc_freq(&TTerm::from_field_text(field, text))).unwrap_or(u64::MAX);
    let cover = pattern
        .iter()
        .map(|(_, t)| units_with(t))
        .min()
        .unwrap_or(0);
    // A cover token this rare leaves few candidates to check: nothing to gain.
    if cover < worth {
        return phrase;
    }
    let Some((rarest, rare)) = (left_out.iter())
        .map(|t| (t, units_with(t)))
        .min_by_key(|(_, n)| *n)
    else {
        return phrase;
    };
    // Comparable frequencies: one more postings list to walk for little narrowing.
    if rare.saturating_mul(NARROWER_BY) > cover {
        return phrase;
    }
    let filter = TermQuery::new(
        TTerm::from_field_text(field, rarest),
        IndexRecordOption::Basic,
    );
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, phrase),
        (
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(filter), 0.0)),
        ),
    ]))
}

/// How much rarer than the cover a left-out token must be to narrow a phrase.
const NARROWER_BY: u64 = 4;

/// Units below which a phrase's candidates are checked quicker than their tokens are counted.
const WORTH_NARROWING: u64 = 1000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analysis::is_cjk;
    use crate::search::plan::pattern_query;
    use crate::search::store;
    use tantivy::collector::{Count, TopDocs};

    /// Narrowing a phrase keeps its matches and their scores: for every 4 to 6 character
    /// string of a generated corpus's Chinese text, the narrowed query counts and ranks (the
    /// same units, the same scores, bit for bit) what the phrase alone does.
    #[test]
    fn a_narrowed_phrase_finds_and_scores_what_the_phrase_does() {
        let docs = crate::search::synth::Generator::new().corpus(150, 1800, 4);
        let dir = tempfile::tempdir().expect("tempdir");
        store::write_index(dir.path(), &docs, &mut |_, _| {}).expect("index");
        let open = store::open_checked(dir.path(), store::DOCUMENTS_KEY).expect("opens");
        let searcher = open.reader.searcher();
        let field = open.fields.text(TextField::Zh);
        let texts = (docs.iter().take(40))
            .flat_map(|d| &d.blocks)
            .filter_map(|b| b.text.get(crate::model::Lang::Zh));
        let (mut compared, mut narrowed_some) = (0, 0);
        for text in texts {
            let chars: Vec<char> = text.chars().filter(|c| is_cjk(*c)).collect();
            for len in 4..=6 {
                for at in 0..chars.len().saturating_sub(len) {
                    let string: String = chars[at..at + len].iter().collect();
                    let (toks, left_out) = cover_and_left_out(TextField::Zh, &string);
                    let base = toks[0].pos;
                    let pattern: Pattern =
                        toks.into_iter().map(|t| (t.pos - base, t.text)).collect();
                    let phrase = pattern_query(field, &pattern);
                    // Any frequency: the corpus is too small for the real threshold.
                    let narrow = narrowed_from(
                        &searcher,
                        field,
                        pattern_query(field, &pattern),
                        &pattern,
                        &left_out,
                        1,
                    );
                    let collector = (Count, TopDocs::with_limit(30).order_by_score());
                    let want = searcher.search(&*phrase, &collector).expect("searches");
                    let got = searcher.search(&*narrow, &collector).expect("searches");
                    let bits = |r: &(usize, Vec<(f32, tantivy::DocAddress)>)| {
                        let top: Vec<_> = r.1.iter().map(|(s, a)| (s.to_bits(), *a)).collect();
                        (r.0, top)
                    };
                    assert_eq!(bits(&got), bits(&want), "{string}");
                    compared += 1;
                    narrowed_some += usize::from(format!("{narrow:?}").starts_with("BooleanQuery"));
                }
            }
        }
        assert!(
            compared > 1000 && narrowed_some > 50,
            "{compared} compared, {narrowed_some} narrowed"
        );
    }
}
