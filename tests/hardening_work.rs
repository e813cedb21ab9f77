//! Linear work on any input (issue 11), measured without a clock: the importers by the
//! allocations they make on this thread, the query parser by the characters and notes it looks
//! at (`parse_cost`). Each input is measured at n and at 10n; linear work grows about ten-fold,
//! quadratic work a hundred-fold. (The inline parser's count is in `hardening_inline.rs`.)
//!
//! Allocations are a proxy for an importer's work: every rule builds strings from the lines it
//! reads, so a rule that revisits every line for every line allocates quadratically, as the
//! title rule did (2,000 wrapped lines took 48 s). A scan that allocates nothing would slip
//! through; the step counts of the parsers do not have that gap.

use lectern::import::{Format, import};
use lectern::search::parse_cost;
use proptest::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting the allocations of the current thread.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

// SAFETY: every call is passed on to the system allocator unchanged; the counter is a
// thread-local `Cell` with no destructor, so counting never allocates.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_of(f: impl FnOnce()) -> u64 {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// How much more work 10n may cost than n: ten-fold, with room for logarithmic factors
/// (sorting, hash maps growing); quadratic work is a hundred-fold.
const TEN_FOLD: u64 = 16;

fn import_work(lines: &[String], repeat: usize, format: Option<Format>) -> u64 {
    let text = lines
        .iter()
        .cycle()
        .take(lines.len() * repeat)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    allocations_of(|| {
        let _ = import("raw/x.txt", &text, format);
    })
}

/// Lines in the shapes the importers look for: prose wrapped without blank lines, headings,
/// datelines, fields, footnotes, Chinese text.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{2,9}( [a-z]{2,9}){4,12}",
        "[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9}){0,5}",
        "[A-Z ]{4,40}",
        Just(String::new()),
        Just("Original: 1956-07-14".to_string()),
        Just("Moscow, 12 July 1960".to_string()),
        Just("Citation:".to_string()),
        Just("Article 3".to_string()),
        Just("[^1]: a note".to_string()),
        "[朝鲜苏联人民日报。，]{2,30}",
    ]
}

fn format() -> impl Strategy<Value = Option<Format>> {
    prop_oneof![
        Just(None),
        prop::sample::select(Format::ALL.to_vec()).prop_map(Some)
    ]
}

/// The page the title rule was quadratic on: one paragraph of wrapped lines.
#[test]
fn wrapped_prose_costs_linear_work_in_every_importer() {
    let lines = vec!["word word word word word word word word word word word word".to_string()];
    for format in std::iter::once(None).chain(Format::ALL.iter().copied().map(Some)) {
        let small = import_work(&lines, 200, format);
        let large = import_work(&lines, 2_000, format);
        assert!(
            large <= TEN_FOLD * small + 1_000,
            "{format:?}: {small} allocations at 200 lines, {large} at 2,000"
        );
    }
}

#[test]
fn many_distinct_notes_cost_linear_work_in_the_query_parser() {
    // Each unknown filter makes its own note, and notes are compared with those before them.
    // Distinct names of three letters: the query grows linearly with n.
    let name = |i: usize| -> String {
        [i / 676, i / 26 % 26, i % 26]
            .iter()
            .map(|&d| char::from(b'a' + d as u8))
            .collect()
    };
    let query = |n: usize| {
        (0..n)
            .map(|i| format!("{}:x", name(i)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (small, large) = (parse_cost(&query(100)), parse_cost(&query(1_000)));
    assert!(
        large <= TEN_FOLD * small,
        "{small} steps at 100, {large} at 1,000"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_importers_cost_linear_work(
        lines in prop::collection::vec(line(), 1..12),
        format in format(),
    ) {
        let small = import_work(&lines, 20, format);
        let large = import_work(&lines, 200, format);
        prop_assert!(
            large <= TEN_FOLD * small + 1_000,
            "{:?}: {} allocations at 20 copies, {} at 200", format, small, large
        );
    }

    #[test]
    fn the_query_parser_costs_linear_work(
        q in "[a-z朝 \"'()\\-:*^~.,0-9]{1,40}|(lang|kind|date|title|mentions|ab|x):[a-z0-9.\\-]{0,12}( OR | -|\")?[a-z]{0,8}"
    ) {
        let once = parse_cost(&q);
        prop_assert!(once <= 4 * q.chars().count() as u64 + 16, "{} steps for {:?}", once, q);
        let ten = parse_cost(&[q.as_str(); 10].join(" "));
        prop_assert!(ten <= TEN_FOLD * once + 16, "{} steps once, {} ten times", once, ten);
    }
}
