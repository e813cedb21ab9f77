//! Where the reader's columns go across its body: the gutter, the two columns of a parallel
//! text (or the one full-width column), and the margin left over on wide screens.
//!
//! **Balanced columns.** An even split leaves the Chinese column of a zh/en document half
//! empty: a Chinese character takes two cells but says about as much as three or four Latin
//! letters, so Chinese needs roughly 40 % of the cells English needs. The split is chosen so
//! both columns of the document end near the same height: each column gets a share of the
//! width proportional to the display width (unicode-width) of its language's text, summed
//! over the blocks shown side by side (the only blocks where the two columns compete). A sum
//! over the whole document, not per block, because the split must be one for the whole
//! document: a column that changed width from block to block would be unreadable. Sums, not
//! line counts, because they do not depend on the width, so one pass over the document gives
//! the split at every width. Neither column gets less than a third of the text width nor less
//! than [`MIN_COLUMN`] cells, so a translation much shorter than its original (or a document
//! with one side nearly empty) still reads as a column.
//!
//! **The measure.** No line is longer than `max_measure` cells (the user's setting, default
//! [`DEFAULT_MAX_MEASURE`]): beyond about 90 characters the eye loses the next line. On a
//! wider body the wider column is capped at the measure and the other keeps its balanced
//! share of it; a full-width block is capped likewise. The text block (gutter and columns)
//! is then centred in the body, as a page is on a desk: the panel keeps its own width (it is
//! sized by the screen, [`crate::tui::layout`]), and a centred block keeps the margins even
//! whether or not the panel is open.

/// Space between the two columns: ` │ `.
pub const COLUMN_GAP: u16 = 3;
/// The narrowest column a balanced split leaves: ten Chinese characters, about three English
/// words.
pub const MIN_COLUMN: u16 = 20;
/// The longest line, in cells, unless the user's config says otherwise.
pub const DEFAULT_MAX_MEASURE: u16 = 90;

/// How much text each side of a parallel document holds, in display cells: what the split
/// balances.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ColumnWeights {
    pub left: u64,
    pub right: u64,
}

/// Horizontal geometry inside the reader's body, relative to its left edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Geometry {
    /// Where the gutter starts: the margin left of a centred text block.
    pub margin: u16,
    pub gutter: u16,
    pub left: (u16, u16),
    pub right: (u16, u16),
    pub full: (u16, u16),
}

impl Geometry {
    /// The geometry of a body `width` cells wide for a document of `blocks` blocks: two
    /// columns balanced by `columns` (`None`: one column), no line over `max_measure`.
    pub fn new(
        width: u16,
        blocks: usize,
        columns: Option<ColumnWeights>,
        max_measure: u16,
    ) -> Geometry {
        let measure = if max_measure == 0 {
            DEFAULT_MAX_MEASURE
        } else {
            max_measure
        };
        let digits = blocks.max(1).to_string().len() as u16;
        // The gutter (block numbers, the pinpoints) gives way first on tiny screens.
        let gutter = if width >= digits + 2 + 8 {
            digits + 2
        } else {
            0
        };
        let text = width - gutter;
        let Some(weights) = columns else {
            let line = text.min(measure);
            let margin = (text - line) / 2;
            let full = (margin + gutter, line);
            return Geometry {
                margin,
                gutter,
                left: full,
                right: full,
                full,
            };
        };
        let (a, b) = split(text.saturating_sub(COLUMN_GAP), weights, measure);
        let block = a + COLUMN_GAP + b;
        let margin = text.saturating_sub(block) / 2;
        let x = margin + gutter;
        Geometry {
            margin,
            gutter,
            left: (x, a),
            right: (x + a + COLUMN_GAP, b),
            full: (x, block.min(measure).min(text)),
        }
    }

    pub fn slot(&self, slot: super::layout::Slot) -> (u16, u16) {
        use super::layout::Slot;
        match slot {
            Slot::Left => self.left,
            Slot::Right => self.right,
            Slot::Full => self.full,
        }
    }
}

/// The widths of the two columns out of `avail` cells: proportional to `weights`, each at
/// least a third of `avail` and [`MIN_COLUMN`], the wider at most `measure` (the narrower
/// then scaled with it, so the balance holds on wide screens too).
fn split(avail: u16, weights: ColumnWeights, measure: u16) -> (u16, u16) {
    let total = weights.left + weights.right;
    let least = (avail / 3).max(MIN_COLUMN).min(avail / 2);
    let ideal = (u64::from(avail) * weights.left)
        .checked_div(total)
        .map_or(avail / 2, |a| a as u16);
    let a = ideal.clamp(least, avail - least);
    let b = avail - a;
    let wider = a.max(b);
    if wider <= measure {
        return (a, b);
    }
    // Capped: the wider column gets the measure, the other its share of it (never under
    // MIN_COLUMN, never over the measure).
    let scale = |w: u16| {
        ((u32::from(w) * u32::from(measure) + u32::from(wider) / 2) / u32::from(wider)) as u16
    };
    let (a, b) = (scale(a), scale(b));
    let floor = MIN_COLUMN.min(measure);
    (a.max(floor), b.max(floor))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(left: u64, right: u64) -> Option<ColumnWeights> {
        Some(ColumnWeights { left, right })
    }

    #[test]
    fn the_denser_language_gets_the_narrower_column() {
        let g = Geometry::new(140, 10, w(400, 1000), 200);
        assert!(g.left.1 < g.right.1, "{g:?}");
        assert_eq!(g.left.1 + COLUMN_GAP + g.right.1, 140 - g.gutter);
        // Proportional: 400/1400 of 133 would be 38, under a third (44): clamped to it.
        assert_eq!(g.left.1, (140 - g.gutter - COLUMN_GAP) / 3);
    }

    #[test]
    fn equal_weights_split_evenly_and_nothing_is_narrower_than_the_minimum() {
        let g = Geometry::new(120, 10, w(500, 500), 200);
        assert!(g.left.1.abs_diff(g.right.1) <= 1, "{g:?}");
        for width in 80..=400 {
            for (l, r) in [(0, 0), (1, 1_000_000), (1_000_000, 1), (3, 7)] {
                for m in [20, 45, 90, 1000] {
                    let g = Geometry::new(width, 100, w(l, r), m);
                    assert!(g.left.1 >= MIN_COLUMN && g.right.1 >= MIN_COLUMN, "{g:?}");
                    assert!(
                        g.left.1.max(g.right.1) <= m.max(MIN_COLUMN),
                        "{width} {m} {g:?}"
                    );
                    assert!(g.right.0 + g.right.1 <= width, "{width} {m} {g:?}");
                    assert!(g.left.0 + g.left.1 + COLUMN_GAP == g.right.0, "{g:?}");
                    assert!(g.full.1 <= m.max(MIN_COLUMN), "{g:?}");
                }
            }
        }
    }

    #[test]
    fn wide_bodies_cap_the_measure_and_centre_the_text() {
        let g = Geometry::new(200, 10, None, 90);
        assert_eq!(g.full.1, 90);
        let right_margin = 200 - (g.full.0 + g.full.1);
        assert!(g.margin.abs_diff(right_margin) <= 1, "{g:?}");
        let two = Geometry::new(260, 10, w(400, 1000), 90);
        assert_eq!(two.right.1, 90);
        assert!(two.left.1 < 90 && two.left.1 >= 45, "{two:?}");
        // 0 means the default.
        assert_eq!(Geometry::new(200, 10, None, 0).full.1, DEFAULT_MAX_MEASURE);
        // Narrow bodies: no margin, the text as wide as it was.
        let narrow = Geometry::new(60, 10, None, 90);
        assert_eq!((narrow.margin, narrow.full), (0, (4, 56)));
    }
}
