//! Re-anchoring on open-ended input: it never panics, whatever the stored anchor says, and a
//! quote that is still in the document is always found, at a place that holds it.

use lectern::model::{Block, BlockKind, BlockNo, Document, Lang, LangText};
use lectern::workspace::Anchor;
use lectern::workspace::anchor::char_slice;
use proptest::prelude::*;

fn doc(blocks: &[String]) -> Document {
    let mut d = lectern::corpus::Corpus::bundled().documents[0].clone();
    d.blocks = blocks
        .iter()
        .map(|t| Block {
            kind: BlockKind::Paragraph,
            text: LangText::one(Lang::Zh, t.clone()),
        })
        .collect();
    d
}

/// Text with Chinese, Latin, spaces and repeats, so quotes occur more than once.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ab 和平朝鲜éx.]{0,40}").expect("regex")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_stored_anchor_locates_without_panicking(
        blocks in proptest::collection::vec(text(), 0..6),
        block in 0usize..10,
        start in 0usize..60,
        len in 0usize..60,
        quote in text(),
        prefix in text(),
        suffix in text(),
        whole in any::<bool>(),
    ) {
        let anchor = Anchor {
            block: BlockNo(block), lang: Lang::Zh, start, end: start + len, quote, prefix, suffix,
            whole_block: whole,
        };
        let d = doc(&blocks);
        if let Some(at) = anchor.locate(&d) {
            let text = d.block(at.block).and_then(|b| b.text.get(Lang::Zh));
            prop_assert!(text.is_some_and(|t| char_slice(t, at.start, at.end).is_some()));
        }
    }

    #[test]
    fn a_quote_still_in_the_document_is_always_found(
        blocks in proptest::collection::vec(text(), 1..6),
        pick in any::<prop::sample::Index>(),
        from in any::<prop::sample::Index>(),
        len in 1usize..8,
        before in text(),
        after in text(),
        new_blocks in proptest::collection::vec(text(), 0..4),
        insert_at in any::<prop::sample::Index>(),
    ) {
        let b = pick.index(blocks.len());
        let chars = blocks[b].chars().count();
        prop_assume!(chars > 0);
        let start = from.index(chars);
        let end = (start + len).min(chars);
        let original = doc(&blocks);
        let anchor = Anchor::on_range(&original, BlockNo::from_index(b), Some(Lang::Zh), start, end)
            .expect("a range inside the block");
        // A re-import: text changed before and after the quote, and new blocks put in.
        let mut changed = blocks.clone();
        let quote_block: String = changed[b].chars().collect();
        let head: String = quote_block.chars().take(start).collect();
        let tail: String = quote_block.chars().skip(end).collect();
        // The sentence before the quote is rewritten but for its last 3 chars; so is the text after.
        let kept: String = head.chars().skip(head.chars().count().saturating_sub(3)).collect();
        changed[b] = format!("{before}{kept}{}{after}{tail}", anchor.quote);
        let at = insert_at.index(changed.len() + 1);
        for (i, nb) in new_blocks.into_iter().enumerate() {
            changed.insert(at + i, nb);
        }
        let d = doc(&changed);
        let found = anchor.locate(&d);
        prop_assert!(found.is_some(), "{:?} not found in {:?}", anchor.quote, changed);
        let found = found.expect("checked");
        let text = d.block(found.block).and_then(|b| b.text.get(Lang::Zh)).unwrap_or_default();
        prop_assert_eq!(char_slice(text, found.start, found.end), Some(anchor.quote.as_str()));
    }
}
