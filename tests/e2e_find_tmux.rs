//! Find in the document end to end on the real binary in a real terminal (see
//! `tmux_support`): open the People's Daily communiqué, `ctrl-f`, type the Chinese 朝鲜 as
//! literal UTF-8, then the English "korean": the find bar and the status line count the
//! matches in both languages shown, `n` steps to the next, Esc ends the find; the terminal is
//! restored at quit.

mod tmux_support;

use tmux_support::{Lectern, tmux_or_skip};

/// The "k of n" count on the screen for `term`, as numbers.
fn count(screen: &str, term: &str) -> Option<(usize, usize)> {
    let at = screen.find(&format!("find “{term}”: "))?;
    let rest = &screen[at..];
    let rest = &rest[rest.find(": ")? + 2..];
    let mut words = rest.split_whitespace();
    let k = words.next()?.parse().ok()?;
    (words.next()? == "of").then_some(())?;
    let n = words
        .next()?
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    Some((k, n))
}

#[test]
fn find_in_document_counts_chinese_and_english_terms_and_n_steps() {
    if !tmux_or_skip() {
        return;
    }
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let lectern = Lectern::start(home.path(), 160, 45);
    lectern.wait_for("the list", |s| s.contains("1956-07-14"));
    lectern.keys(&["f"]);
    lectern.type_text("1956-07-14-joint");
    lectern.keys(&["Enter"]);
    lectern.wait_for("the reader", |s| s.contains("苏朝两国政府发表联合公报"));

    lectern.keys(&["C-f"]);
    lectern.wait_for("the find bar", |s| s.contains("find:"));
    lectern.type_text("朝鲜");
    let s = lectern.wait_for("a count for 朝鲜", |s| count(s, "朝鲜").is_some());
    let (k, zh) = count(&s, "朝鲜").unwrap_or_else(|| panic!("{s}"));
    assert_eq!(k, 1);
    assert!(zh > 1, "{s}");

    // Clear the line and find an English term: the same find, the other language.
    lectern.keys(&["C-u"]);
    lectern.type_text("korean");
    let s = lectern.wait_for("a count for korean", |s| count(s, "korean").is_some());
    let (_, en) = count(&s, "korean").unwrap_or_else(|| panic!("{s}"));
    assert!(en > 1, "{s}");

    // Enter keeps the matches; n goes to the second.
    lectern.keys(&["Enter"]);
    lectern.keys(&["n"]);
    lectern.wait_for("2 of n", |s| count(s, "korean") == Some((2, en)));

    lectern.keys(&["q"]);
    lectern.poll("lectern to end", tmux_support::TIMEOUT, |l| {
        l.ended().then_some(())
    });
}
