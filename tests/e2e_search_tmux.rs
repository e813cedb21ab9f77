//! Search end to end on the real binary in a real terminal (see `tmux_support`), with a fresh
//! cache, so the search index is built on first use.
//! `/`, the Chinese query 兴南 typed as literal UTF-8, Enter; then the screen is captured with
//! its escape sequences (`capture-pane -e`) and the test checks, cell by cell, that 兴南 is
//! drawn on the search-hit background (the default theme's yellow) and its neighbours are not.

mod tmux_support;

use std::time::Duration;
use tmux_support::{Lectern, tmux_or_skip};

/// A background colour as the terminal was told it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bg {
    Default,
    /// A palette index (SGR 40–47, 100–107 or 48;5;n).
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// Each line of a `capture-pane -e` screen as its characters with their background.
fn cells(screen: &str) -> Vec<Vec<(char, Bg)>> {
    let mut bg = Bg::Default;
    let mut out = Vec::new();
    for line in screen.lines() {
        let mut row = Vec::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\u{1b}' {
                row.push((c, bg));
                continue;
            }
            if chars.peek() != Some(&'[') {
                continue;
            }
            chars.next();
            let mut params = String::new();
            let mut last = ' ';
            for p in chars.by_ref() {
                if p.is_ascii_digit() || p == ';' || p == ':' {
                    params.push(p);
                } else {
                    last = p;
                    break;
                }
            }
            if last == 'm' {
                bg = apply_sgr(bg, &params);
            }
        }
        out.push(row);
    }
    out
}

/// The background after the SGR sequence `params`.
fn apply_sgr(mut bg: Bg, params: &str) -> Bg {
    let nums: Vec<u32> = params
        .split([';', ':'])
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    let mut i = 0;
    while i < nums.len() {
        match nums[i] {
            0 => bg = Bg::Default,
            49 => bg = Bg::Default,
            n @ 40..=47 => bg = Bg::Indexed((n - 40) as u8),
            n @ 100..=107 => bg = Bg::Indexed((n - 100 + 8) as u8),
            // Extended colours: skip their arguments, foreground or background.
            n @ (38 | 48 | 58) => match nums.get(i + 1) {
                Some(5) => {
                    if n == 48 {
                        bg = Bg::Indexed(nums.get(i + 2).copied().unwrap_or(0) as u8);
                    }
                    i += 2;
                }
                Some(2) => {
                    if n == 48 {
                        let c = |k: usize| nums.get(i + k).copied().unwrap_or(0) as u8;
                        bg = Bg::Rgb(c(2), c(3), c(4));
                    }
                    i += 4;
                }
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    if params.is_empty() { Bg::Default } else { bg }
}

/// Where `text` stands in a row: the index of its first cell.
fn find(row: &[(char, Bg)], text: &str) -> Option<usize> {
    let want: Vec<char> = text.chars().collect();
    row.windows(want.len())
        .position(|w| w.iter().map(|(c, _)| *c).eq(want.iter().copied()))
}

/// The default theme's `search_hit` / `search_hit_current` background: yellow (palette 3).
const HIT_BG: Bg = Bg::Indexed(3);

/// A row where `text` is drawn on the hit background and the cells around it are not.
fn highlighted_row(screen: &str, text: &str) -> Option<String> {
    cells(screen).into_iter().find_map(|row| {
        let at = find(&row, text)?;
        let n = text.chars().count();
        let inside = row[at..at + n].iter().all(|(_, b)| *b == HIT_BG);
        let before = at.checked_sub(1).map(|i| row[i].1);
        let after = row.get(at + n).map(|c| c.1);
        (inside && before != Some(HIT_BG) && after != Some(HIT_BG))
            .then(|| row.iter().map(|(c, _)| *c).collect())
    })
}

#[test]
fn slash_a_chinese_query_and_enter_show_the_hit_highlighted_in_the_reader() {
    if !tmux_or_skip() {
        return;
    }
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let h = home.path();
    let lectern = Lectern::start(h, 160, 45);
    // The index is built on first use by a debug build, on a shared machine.
    let slow = Duration::from_secs(180);

    lectern.wait_for("the document list", |s| {
        s.contains("documents") && s.contains("1956-07-14")
    });
    lectern.keys(&["/"]);
    lectern.wait_for("the search window", |s| s.contains("Search (enter opens"));
    lectern.type_text("兴南");
    lectern.wait_for_styled("a highlighted result for 兴南", slow, |s| {
        s.contains("1 result") && highlighted_row(s, "兴南").is_some()
    });
    let plain = lectern.screen();
    assert!(plain.contains("/ 兴南"), "the query line: {plain}");
    // The index went to the isolated cache, not the user's.
    let built = std::fs::read_dir(h.join("cache/lectern"))
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with("index-"));
    assert!(built, "no index in the temporary XDG cache");

    lectern.keys(&["Enter"]);
    let screen = lectern.wait_for_styled(
        "兴南 highlighted in the reader",
        tmux_support::TIMEOUT,
        |s| {
            !s.contains("Search (enter opens")
                && s.contains("hit 1 of 1")
                && highlighted_row(s, "兴南").is_some()
        },
    );
    let row = highlighted_row(&screen, "兴南").unwrap_or_default();
    // The reader's Chinese column, beside its English translation (the separator between).
    assert!(row.contains('│'), "{row}");
}

#[test]
fn the_sgr_reader_follows_background_changes() {
    // The parser the test above relies on, on sequences as tmux writes them.
    let screen =
        "a\u{1b}[30m\u{1b}[48;5;3m兴南\u{1b}[49mb \u{1b}[43mx\u{1b}[0my\u{1b}[38;2;1;2;3mz";
    let row = &cells(screen)[0];
    let bgs: Vec<(char, Bg)> = row.clone();
    assert_eq!(
        bgs,
        vec![
            ('a', Bg::Default),
            ('兴', HIT_BG),
            ('南', HIT_BG),
            ('b', Bg::Default),
            (' ', Bg::Default),
            ('x', HIT_BG),
            ('y', Bg::Default),
            ('z', Bg::Default),
        ]
    );
    assert!(highlighted_row(screen, "兴南").is_some());
    assert!(highlighted_row(screen, "ab").is_none());
}
