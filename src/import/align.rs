//! Aligns the paragraphs of an original with those of its translation.
//!
//! Equal counts align one to one. Otherwise a small Gale–Church style dynamic programme pairs
//! runs of paragraphs (1:1, 1:2, 2:1, and 1:0 / 0:1 at a high cost) so that the lengths of each
//! pair stay in the proportion of the two texts as a whole.

use std::ops::Range;

/// Pairs of paragraph ranges, `left` indices into the first list, `right` into the second.
pub type Bead = (Range<usize>, Range<usize>);

pub fn align(left: &[usize], right: &[usize]) -> Vec<Bead> {
    if left.len() == right.len() {
        return (0..left.len()).map(|i| (i..i + 1, i..i + 1)).collect();
    }
    let ratio =
        left.iter().sum::<usize>().max(1) as f64 / right.iter().sum::<usize>().max(1) as f64;
    let (n, m) = (left.len(), right.len());
    let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    cost[0][0] = 0.0;
    const MOVES: [(usize, usize, f64); 5] = [
        (1, 1, 0.0),
        (1, 2, 1.5),
        (2, 1, 1.5),
        (1, 0, 6.0),
        (0, 1, 6.0),
    ];
    for i in 0..=n {
        for j in 0..=m {
            if cost[i][j].is_infinite() {
                continue;
            }
            for (a, b, penalty) in MOVES {
                if i + a > n || j + b > m {
                    continue;
                }
                let l: usize = left[i..i + a].iter().sum();
                let r: usize = right[j..j + b].iter().sum();
                let mismatch = if a == 0 || b == 0 {
                    0.0
                } else {
                    ((l.max(1) as f64) / (r.max(1) as f64 * ratio)).ln().abs()
                };
                let c = cost[i][j] + penalty + mismatch;
                if c < cost[i + a][j + b] {
                    cost[i + a][j + b] = c;
                    back[i + a][j + b] = (a, b);
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (a, b) = back[i][j];
        beads.push((i - a..i, j - b..j));
        i -= a;
        j -= b;
    }
    beads.reverse();
    beads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_counts_pair_one_to_one() {
        assert_eq!(align(&[10, 20], &[5, 9]), vec![(0..1, 0..1), (1..2, 1..2)]);
    }

    #[test]
    fn a_split_paragraph_pairs_two_to_one() {
        // The translation split the second paragraph of the original in two.
        let beads = align(&[100, 200, 100], &[300, 300, 300, 300]);
        assert_eq!(beads, vec![(0..1, 0..1), (1..2, 1..3), (2..3, 3..4)]);
    }

    #[test]
    fn every_paragraph_is_in_exactly_one_bead() {
        let beads = align(&[5, 80, 7, 60], &[90, 70]);
        let left: usize = beads.iter().map(|(l, _)| l.len()).sum();
        let right: usize = beads.iter().map(|(_, r)| r.len()).sum();
        assert_eq!((left, right), (4, 2));
    }
}
