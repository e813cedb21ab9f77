//! The sentence cursor in a real terminal (see `tmux_support`): in the People's Daily
//! communiqué, `)` on block 4 goes to its first Chinese sentence and again to its second, and
//! `capture-pane -e` must show that Chinese sentence and the two English sentences it became
//! in the highlight's background, while the block's first sentence keeps the cursor line's.

mod tmux_support;

use tmux_support::{Lectern, TIMEOUT, tmux_or_skip};

/// The SGR parameters in force where `needle` starts in a styled screen (from the last reset
/// on its line), or `None` when `needle` is not on screen.
fn style_at(styled: &str, needle: &str) -> Option<Vec<String>> {
    for line in styled.lines() {
        let mut params: Vec<String> = Vec::new();
        let mut rest = line;
        while !rest.is_empty() {
            if rest.starts_with(needle) {
                return Some(params);
            }
            if let Some(seq) = rest.strip_prefix("\u{1b}[") {
                let end = seq.find('m').unwrap_or(seq.len());
                let codes = &seq[..end];
                if codes.is_empty() || codes == "0" {
                    params.clear();
                } else {
                    params.extend(codes.split(';').map(str::to_string));
                }
                rest = seq.get(end + 1..).unwrap_or("");
                continue;
            }
            let c = rest.chars().next().map_or(1, char::len_utf8);
            rest = &rest[c..];
        }
    }
    None
}

/// Whether the parameters set the background to light cyan (the theme's `sentence` and
/// `counterpart`): SGR 106, or 48;5;14 from the 256-colour palette.
fn light_cyan_background(params: &[String]) -> bool {
    let joined = params.join(";");
    params.iter().any(|p| p == "106") || joined.contains("48;5;14")
}

#[test]
fn the_sentence_cursor_highlights_both_sides_of_one_pair_in_tmux() {
    if !tmux_or_skip() {
        return;
    }
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let lectern = Lectern::start(home.path(), 200, 50);
    lectern.wait_for("the document list", |s| s.contains("1956-07-14"));
    lectern.keys(&["f"]);
    lectern.type_text("joint communique");
    lectern.wait_for("the filter", |s| s.contains("/joint communique"));
    lectern.keys(&["Enter"]);
    lectern.wait_for("the reader", |s| s.contains("Xinhua News Agency"));
    lectern.keys(&["j", "j", "j"]);
    lectern.type_text("))");
    let zh = "公报宣布";
    let en = "The communiqué announced";
    let en_second = "The two sides extensively";
    let styled = lectern.wait_for_styled("the highlighted pair", TIMEOUT, |s| {
        style_at(s, zh).is_some_and(|p| light_cyan_background(&p))
    });
    let zh_style = style_at(&styled, zh).unwrap_or_default();
    let en_style = style_at(&styled, en).expect("the English sentence is on screen");
    assert!(light_cyan_background(&zh_style), "zh: {zh_style:?}");
    assert!(light_cyan_background(&en_style), "en: {en_style:?}");
    // The Chinese sentence became two English ones: the second is lit too.
    let second = style_at(&styled, en_second).expect("the second English sentence");
    assert!(light_cyan_background(&second), "en 2: {second:?}");
    // Only the pair: the block's first Chinese sentence is not.
    let first = style_at(&styled, "这个联合公报").expect("the first sentence");
    assert!(!light_cyan_background(&first), "first: {first:?}");
    // The status line says what the pair rests on.
    let screen = lectern.screen();
    assert!(screen.contains("¶4 zh sentence 2/2 ↔ en 2–3"), "{screen}");
    lectern.keys(&["q"]);
    lectern.poll("lectern's exit", TIMEOUT, |l| l.ended().then_some(()));
}
