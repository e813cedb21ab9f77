//! Following a cross-reference in a real terminal (see `tmux_support`): the 1960 journal is
//! opened, its mention of the treaty to come is followed to the 1961 treaty text, and
//! backspace brings back the very same screen.

mod tmux_support;

use tmux_support::{Lectern, tmux_or_skip};

/// The number of the selected link, from the status line's "link N of M".
fn selected_link(screen: &str) -> Option<u32> {
    let at = screen.find("link ")? + "link ".len();
    let digits: String = screen[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The screen without its last two rows (status and hints), which name what just happened.
fn body(screen: &str) -> Vec<&str> {
    let lines: Vec<&str> = screen.lines().collect();
    lines[..lines.len().saturating_sub(2)].to_vec()
}

#[test]
fn the_journals_treaty_mention_leads_to_the_treaty_and_back_to_the_same_screen() {
    if !tmux_or_skip() {
        return;
    }
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let lectern = Lectern::start(home.path(), 120, 30);

    lectern.wait_for("the document list", |s| s.contains("1960-09-14"));
    // The list is in date order: the journal is the second document.
    lectern.keys(&["j", "Enter"]);
    lectern.wait_for("the journal", |s| s.contains("I visited Kim Il Sung"));
    // Scroll a little so that "the same place" is not simply the top.
    lectern.keys(&["C-e", "C-e", "C-e"]);
    // Tab through the links; after each press, wait for the status line to name the next one,
    // so that the screen read is the one this press produced.
    let mut screen = String::new();
    let mut last = None;
    for _ in 0..60 {
        lectern.keys(&["Tab"]);
        screen = lectern.wait_for("the next link", |s| {
            selected_link(s).is_some() && selected_link(s) != last
        });
        last = selected_link(&screen);
        if screen.contains("Treaty of Friendship, Co-operation") {
            break;
        }
    }
    assert!(
        screen.contains("Treaty of Friendship, Co-operation"),
        "no link to the treaty:\n{screen}"
    );
    let before = lectern.settled();

    lectern.keys(&["Enter"]);
    let treaty = lectern.wait_for("the treaty text", |s| {
        s.lines().next().is_some_and(|l| l.contains("1961-07-06"))
            && s.contains("TREATY OF FRIENDSHIP")
            && !s.contains("I visited Kim Il Sung")
    });
    assert!(treaty.contains("No. 6045"));

    lectern.keys(&["BSpace"]);
    // Back lands on the journal, row for row as it was left. The screen is read until it
    // settles on that (a capture may catch a frame half drawn); the timeout fails the test.
    let after = lectern.wait_for("the journal's screen as it was left", |s| {
        body(s) == body(&before)
    });
    assert_eq!(body(&after), body(&before), "back lands on the same screen");
    lectern.keys(&["q"]);
}
