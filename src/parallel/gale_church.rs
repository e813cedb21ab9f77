//! Gale–Church sentence alignment (Gale & Church 1993, "A program for aligning sentences in
//! bilingual corpora"), with anchors: a bead (a group of sentences on each side that translate
//! each other) costs the negative log of its prior times the probability of its length ratio,
//! less a bonus for each anchor both sides share and plus a penalty for each one only one side
//! has. The best path is found by dynamic programming over a band around the diagonal, and
//! each bead's confidence is its posterior probability under the same model (forward–backward),
//! so a pair that another grouping would explain nearly as well is shown as doubtful.

use super::anchors::Agreement;
use std::ops::Range;

/// One sentence as the aligner sees it: its length and its anchors.
#[derive(Clone, Debug, Default)]
pub struct Unit {
    /// Characters, without white space.
    pub len: f64,
    pub anchors: Vec<Agreement>,
}

/// How lengths of the right side follow from the left: `right ≈ ratio · left`, with variance
/// `variance · left` (Gale–Church's c and s²).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LengthModel {
    pub ratio: f64,
    pub variance: f64,
}

/// A group of sentences that translate each other, by index on each side.
#[derive(Clone, Debug, PartialEq)]
pub struct Bead {
    pub left: Range<usize>,
    pub right: Range<usize>,
    /// Posterior probability of this bead, 0..1.
    pub confidence: f64,
    /// Anchors the two sides of the bead share.
    pub shared: usize,
}

/// Bead shapes (left sentences, right sentences) and their priors: Gale & Church's for 1:1,
/// 1:0, 0:1, 2:1, 1:2 and 2:2, and a small share taken from 1:1 for 3:1 and 1:3, which a
/// heading of three Chinese lines rendered as one English line needs.
const MOVES: [(usize, usize, f64); 8] = [
    (1, 1, 0.88),
    (1, 0, 0.0099 / 2.0),
    (0, 1, 0.0099 / 2.0),
    (2, 1, 0.089 / 2.0),
    (1, 2, 0.089 / 2.0),
    (2, 2, 0.011),
    (3, 1, 0.005),
    (1, 3, 0.005),
];

/// Log-likelihood bonus per shared anchor, penalty per anchor on one side only.
const SHARED_BONUS: f64 = 2.5;
const UNMATCHED_PENALTY: f64 = 0.75;

/// The band half-width: beads are searched only this many sentences off the diagonal.
const BAND: usize = 40;

/// Aligns `left` with `right`; every sentence is in exactly one bead, in order.
pub fn align(left: &[Unit], right: &[Unit], model: LengthModel) -> Vec<Bead> {
    let (n, m) = (left.len(), right.len());
    let band = Band::new(n, m);
    let prefix = |units: &[Unit]| -> Vec<f64> {
        std::iter::once(0.0)
            .chain(units.iter().scan(0.0, |acc, u| {
                *acc += u.len;
                Some(*acc)
            }))
            .collect()
    };
    let (lsum, rsum) = (prefix(left), prefix(right));
    // Each bead's score is computed once, in the first pass, and read back in the others.
    let cache = std::cell::RefCell::new(band.grid_of(MOVES.len(), f64::NAN));
    let score = |i: usize, j: usize, di: usize, dj: usize| -> f64 {
        let k = MOVES
            .iter()
            .position(|(a, b, _)| (*a, *b) == (di, dj))
            .unwrap_or(0);
        let slot = band.index(i, j).map(|c| c * MOVES.len() + k);
        if let Some(v) = slot
            .and_then(|s| cache.borrow().get(s).copied())
            .filter(|v| !v.is_nan())
        {
            return v;
        }
        let lens = (lsum[i] - lsum[i - di], rsum[j] - rsum[j - dj]);
        let v = bead_score(&left[i - di..i], &right[j - dj..j], lens, model, (di, dj));
        if let Some(s) = slot
            && let Some(cell) = cache.borrow_mut().get_mut(s)
        {
            *cell = v;
        }
        v
    };
    // Viterbi (max) and forward (log-sum) in one pass; backward in a second.
    let mut best = band.grid(f64::NEG_INFINITY);
    let mut back = band.grid(usize::MAX);
    let mut fwd = band.grid(f64::NEG_INFINITY);
    band.set(&mut best, 0, 0, 0.0);
    band.set(&mut fwd, 0, 0, 0.0);
    for i in 0..=n {
        for j in band.cols(i) {
            if i == 0 && j == 0 {
                continue;
            }
            let (mut top, mut arg, mut sum) = (f64::NEG_INFINITY, usize::MAX, f64::NEG_INFINITY);
            for (k, (di, dj, _)) in MOVES.iter().enumerate() {
                if *di > i || *dj > j {
                    continue;
                }
                let (pi, pj) = (i - di, j - dj);
                let prev = band.get(&best, pi, pj);
                if prev == f64::NEG_INFINITY {
                    continue;
                }
                let s = score(i, j, *di, *dj);
                if prev + s > top {
                    top = prev + s;
                    arg = k;
                }
                sum = log_add(sum, band.get(&fwd, pi, pj) + s);
            }
            band.set(&mut best, i, j, top);
            band.set(&mut back, i, j, arg);
            band.set(&mut fwd, i, j, sum);
        }
    }
    let mut bwd = band.grid(f64::NEG_INFINITY);
    band.set(&mut bwd, n, m, 0.0);
    for i in (0..=n).rev() {
        for j in band.cols(i).rev() {
            if i == n && j == m {
                continue;
            }
            let mut sum = f64::NEG_INFINITY;
            for (di, dj, _) in MOVES {
                let (ni, nj) = (i + di, j + dj);
                if ni > n || nj > m || !band.contains(ni, nj) {
                    continue;
                }
                sum = log_add(sum, score(ni, nj, di, dj) + band.get(&bwd, ni, nj));
            }
            band.set(&mut bwd, i, j, sum);
        }
    }
    let total = band.get(&fwd, n, m);
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let k = band.get_move(&back, i, j);
        let Some((di, dj, _)) = MOVES.get(k).copied() else {
            break;
        };
        let (pi, pj) = (i - di, j - dj);
        let s = score(i, j, di, dj);
        let posterior = (band.get(&fwd, pi, pj) + s + band.get(&bwd, i, j) - total).exp();
        beads.push(Bead {
            left: pi..i,
            right: pj..j,
            confidence: posterior.clamp(0.0, 1.0),
            shared: shared(&left[pi..i], &right[pj..j]).0,
        });
        (i, j) = (pi, pj);
    }
    beads.reverse();
    beads
}

/// Log-likelihood of a bead: prior, length ratio, anchors.
fn bead_score(
    left: &[Unit],
    right: &[Unit],
    (l1, l2): (f64, f64),
    model: LengthModel,
    shape: (usize, usize),
) -> f64 {
    let prior = MOVES
        .iter()
        .find(|(a, b, _)| (*a, *b) == shape)
        .map_or(1e-9, |(_, _, p)| *p);
    let (shared, unmatched) = shared(left, right);
    prior.ln() + length_log_prob(l1, l2, model) + SHARED_BONUS * shared as f64
        - UNMATCHED_PENALTY * unmatched as f64
}

/// Anchors both sides share, and anchors of either side the other lacks.
fn shared(left: &[Unit], right: &[Unit]) -> (usize, usize) {
    let count = |units: &[Unit]| units.iter().map(|u| u.anchors.len()).sum::<usize>();
    let (na, nb) = (count(left), count(right));
    if na == 0 || nb == 0 {
        // Repeated anchors count once, as below.
        let distinct = |units: &[Unit]| {
            let mut all: Vec<Agreement> = units
                .iter()
                .flat_map(|u| u.anchors.iter().copied())
                .collect();
            all.sort();
            all.dedup();
            all.len()
        };
        return (
            0,
            if na + nb == 0 {
                0
            } else {
                distinct(left) + distinct(right)
            },
        );
    }
    let mut a: Vec<Agreement> = left
        .iter()
        .flat_map(|u| u.anchors.iter().copied())
        .collect();
    let mut b: Vec<Agreement> = right
        .iter()
        .flat_map(|u| u.anchors.iter().copied())
        .collect();
    a.sort();
    a.dedup();
    b.sort();
    b.dedup();
    let common = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    (common, a.len() + b.len() - 2 * common)
}

/// log P(|δ| at least this large), δ the normalised difference of the lengths.
fn length_log_prob(l1: f64, l2: f64, model: LengthModel) -> f64 {
    let mean = ((l1 + l2 / model.ratio) / 2.0).max(1.0);
    let delta = (l2 - l1 * model.ratio) / (mean * model.variance).sqrt();
    let p = 2.0 * (1.0 - normal_cdf(delta.abs()));
    p.max(1e-30).ln()
}

/// Φ(x), from the complementary error function (Numerical Recipes' erfc, error < 1.2e-7).
fn normal_cdf(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let erfc = t * poly.exp();
    if x >= 0.0 {
        1.0 - erfc / 2.0
    } else {
        erfc / 2.0
    }
}

fn log_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

/// The cells of the grid searched: for each row, the columns near the diagonal.
struct Band {
    n: usize,
    m: usize,
    /// Start of each row in a flat grid, and its first column.
    rows: Vec<(usize, usize, usize)>,
}

impl Band {
    fn new(n: usize, m: usize) -> Self {
        let width = BAND.max(n.abs_diff(m) + 3);
        let mut rows = Vec::with_capacity(n + 1);
        let mut at = 0;
        for i in 0..=n {
            let centre = (i * m).checked_div(n).unwrap_or(0);
            let lo = centre.saturating_sub(width);
            let hi = (centre + width).min(m);
            rows.push((at, lo, hi));
            at += hi - lo + 1;
        }
        Self { n, m, rows }
    }

    fn grid<T: Clone>(&self, fill: T) -> Vec<T> {
        let last = self.rows.last().map_or(0, |(at, lo, hi)| at + hi - lo + 1);
        vec![fill; last]
    }

    /// A grid with `per_cell` values in each cell.
    fn grid_of<T: Clone>(&self, per_cell: usize, fill: T) -> Vec<T> {
        let last = self.rows.last().map_or(0, |(at, lo, hi)| at + hi - lo + 1);
        vec![fill; last * per_cell]
    }

    fn cols(&self, i: usize) -> std::ops::RangeInclusive<usize> {
        let (_, lo, hi) = self.rows[i];
        lo..=hi
    }

    fn contains(&self, i: usize, j: usize) -> bool {
        i <= self.n && j <= self.m && self.cols(i).contains(&j)
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        let (at, lo, hi) = *self.rows.get(i)?;
        (lo..=hi).contains(&j).then(|| at + j - lo)
    }

    /// The value at a cell; outside the band a cell is unreachable.
    fn get(&self, grid: &[f64], i: usize, j: usize) -> f64 {
        self.index(i, j).map_or(f64::NEG_INFINITY, |k| grid[k])
    }

    fn get_move(&self, grid: &[usize], i: usize, j: usize) -> usize {
        self.index(i, j).map_or(usize::MAX, |k| grid[k])
    }

    fn set<T>(&self, grid: &mut [T], i: usize, j: usize, value: T) {
        if let Some(k) = self.index(i, j) {
            grid[k] = value;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(lens: &[f64]) -> Vec<Unit> {
        lens.iter()
            .map(|l| Unit {
                len: *l,
                anchors: Vec::new(),
            })
            .collect()
    }

    const ZH_EN: LengthModel = LengthModel {
        ratio: 3.5,
        variance: 9.0,
    };

    #[test]
    fn equal_shapes_pair_one_to_one() {
        let beads = align(
            &units(&[40.0, 60.0, 20.0]),
            &units(&[140.0, 210.0, 70.0]),
            ZH_EN,
        );
        let shapes: Vec<(usize, usize)> = beads
            .iter()
            .map(|b| (b.left.len(), b.right.len()))
            .collect();
        assert_eq!(shapes, vec![(1, 1), (1, 1), (1, 1)]);
        assert!(beads.iter().all(|b| b.confidence > 0.5), "{beads:?}");
    }

    #[test]
    fn a_long_sentence_translated_as_two_pairs_one_to_two() {
        let beads = align(
            &units(&[40.0, 100.0]),
            &units(&[140.0, 170.0, 180.0]),
            ZH_EN,
        );
        let shapes: Vec<(usize, usize)> = beads
            .iter()
            .map(|b| (b.left.len(), b.right.len()))
            .collect();
        assert_eq!(shapes, vec![(1, 1), (1, 2)]);
    }

    #[test]
    fn shared_anchors_pull_the_split_where_lengths_alone_would_not() {
        // Three short Chinese sentences, two English ones: lengths cannot tell whether the
        // middle one goes with the first or the second; a date both sides share can.
        let mut left = units(&[50.0, 50.0, 50.0]);
        let mut right = units(&[262.0, 263.0]);
        left[1].anchors.push(Agreement::Value(1956));
        right[1].anchors.push(Agreement::Value(1956));
        let beads = align(&left, &right, ZH_EN);
        let middle = beads.iter().find(|b| b.left.contains(&1)).expect("bead");
        assert_eq!(
            (middle.left.clone(), middle.right.clone(), middle.shared),
            (1..3, 1..2, 1)
        );
        right[1].anchors.clear();
        right[0].anchors.push(Agreement::Value(1956));
        let beads = align(&left, &right, ZH_EN);
        let middle = beads.iter().find(|b| b.left.contains(&1)).expect("bead");
        assert_eq!((middle.left.clone(), middle.right.clone()), (0..2, 0..1));
    }

    #[test]
    fn empty_sides_give_omissions() {
        let beads = align(&units(&[10.0]), &[], ZH_EN);
        assert_eq!(beads.len(), 1);
        assert_eq!(
            (beads[0].left.clone(), beads[0].right.clone()),
            (0..1, 0..0)
        );
    }
}
