//! The one spelling of a pinpoint on screen: `¶9`, `Article 2`, `p. 760`. The panel, the
//! status line, backlinks, cards, search results, notes and every window write a block
//! number through [`block_pin`] (or [`pin_label`]), so the reader sees one form everywhere.
//!
//! `¶9` without a space, because a wrapped panel line can never leave the `¶` alone at a line
//! end, and it reads like the number in the gutter. The citation styles keep their own
//! forms (`para. 9` in Chicago, `para 9` in OSCOLA, `par. 9` in MLA): those are in
//! `crate::cite`, never here.

use crate::cite::Pinpoint;
use crate::model::BlockNo;

/// A pinpoint as the reader names it: `¶9`, `Article 2`, `p. 760`, `pp. 102-129`.
pub fn pin_label(pin: &Pinpoint) -> String {
    match pin {
        Pinpoint::Block(n) => block_pin(*n),
        Pinpoint::Article(n) => format!("Article {n}"),
        other => other.to_string(),
    }
}

/// Block `n` as the reader names it: `¶9`. The form itself is `BlockNo`'s `{:#}`, which the
/// command line prints too, so screen and terminal output agree.
pub fn block_pin(n: BlockNo) -> String {
    format!("{n:#}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_spelt_the_same_by_both_functions() {
        assert_eq!(block_pin(BlockNo(9)), "¶9");
        assert_eq!(
            block_pin(BlockNo(9)),
            pin_label(&Pinpoint::Block(BlockNo(9)))
        );
        assert_eq!(pin_label(&Pinpoint::Article("2".into())), "Article 2");
        assert_eq!(pin_label(&Pinpoint::Page("760".into())), "p. 760");
    }
}
