//! Copying a citation from the real binary inside tmux (see `tmux_support`; the server has
//! `set-clipboard on`): the test opens the 1961 treaty, moves into Article 2, presses `y`, and
//! tmux's paste buffer must hold exactly what `lectern cite <id> --style <the style shown> --pin "art. 2"` prints, while the
//! status line says it was copied to tmux's buffer.

mod tmux_support;

use crossterm::event::{KeyCode, KeyModifiers};
use lectern::cite::Style;
use lectern::corpus::Corpus;
use lectern::model::{BlockKind, Lang};
use lectern::tui::Action;
use lectern::tui::keymap::{Keymap, Mode};
use std::process::Command;
use tmux_support::{Lectern, TIMEOUT, isolated, tmux_or_skip};

const TREATY: &str = "1961-07-06-treaty-friendship-co-operation-mutual";

/// The character the keymap binds to `action` in `mode` (a plain key that `send-keys -l`
/// can type), so the test follows keymap changes.
fn plain_key(keymap: &Keymap, mode: Mode, action: Action) -> String {
    keymap
        .keys_for(mode, action)
        .into_iter()
        .find_map(|k| match k.code {
            KeyCode::Char(c) if !k.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                Some(c.to_string())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no plain key for {action:?} in {mode:?}"))
}

/// The style the panel's title names: "Citation · <label> (n/m)".
fn shown_style(screen: &str) -> Option<Style> {
    let rest = screen.split("Citation · ").nth(1)?;
    Style::ALL
        .into_iter()
        .filter(|s| rest.starts_with(&format!("{} (", s.label())))
        .max_by_key(|s| s.label().len())
}

#[test]
fn y_in_tmux_puts_the_treaty_citation_at_article_2_in_the_paste_buffer() {
    if !tmux_or_skip() {
        return;
    }
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let h = home.path();
    let lectern = Lectern::start(h, 200, 50);
    let out = lectern.tmux(&["set", "-g", "set-clipboard", "on"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Open the treaty by filtering the list with whatever key the keymap gives the filter.
    let keymap = Keymap::default();
    lectern.wait_for("the document list", |s| s.contains("1961-07-06"));
    lectern.type_text(&plain_key(&keymap, Mode::List, Action::Filter));
    lectern.type_text("treaty friendship");
    lectern.wait_for("the filter", |s| s.contains("treaty friendship"));
    lectern.keys(&["Enter"]);
    lectern.wait_for("the treaty's citation", |s| {
        s.contains("Citation ·") && s.contains("pinpoint: ¶1")
    });

    // Down to the first paragraph of Article 2.
    let corpus = Corpus::bundled();
    let doc = corpus
        .documents
        .iter()
        .find(|d| d.id == TREATY)
        .unwrap_or_else(|| panic!("{TREATY} is bundled"));
    let heading = doc
        .blocks
        .iter()
        .position(|b| {
            b.kind == BlockKind::Article && b.text.get(Lang::En).map(str::trim) == Some("Article 2")
        })
        .unwrap_or_else(|| panic!("the treaty has an Article 2"));
    let down = plain_key(&keymap, Mode::Reader, Action::Down);
    lectern.keys(&vec![down.as_str(); heading + 1]);
    let screen = lectern.wait_for("the Article 2 pinpoint", |s| {
        s.contains("pinpoint: Article 2")
    });

    // Another style than the document's default, with the key that cycles them.
    let first = shown_style(&screen);
    let cycle = plain_key(&keymap, Mode::Reader, Action::CycleStyle);
    lectern.type_text(&cycle);
    let screen = lectern.wait_for("the next style", |s| {
        s.contains("pinpoint: Article 2") && shown_style(s) != first
    });
    let label = shown_style(&screen).unwrap_or_else(|| panic!("no style named:\n{screen}"));
    let mut cli = Command::new(env!("CARGO_BIN_EXE_lectern"));
    cli.args(["cite", TREATY, "--style", label.code(), "--pin", "art. 2"]);
    isolated(&mut cli, h);
    let cli = cli.output().unwrap_or_else(|e| panic!("lectern cite: {e}"));
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let expected = String::from_utf8_lossy(&cli.stdout)
        .trim_end_matches('\n')
        .to_string();
    assert!(expected.contains("Mutual Assistance"), "{expected}");

    let copy = plain_key(&keymap, Mode::Reader, Action::CopyCitation);
    lectern.type_text(&copy);
    let buffer = lectern.poll("a citation in the paste buffer", TIMEOUT, |l| {
        let out = l.tmux(&["show-buffer"]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        (out.status.success() && !text.is_empty()).then_some(text)
    });
    assert_eq!(buffer, expected);

    let said = format!(
        "{} citation at Article 2 copied to tmux buffer",
        label.label()
    );
    lectern.wait_for("the status message", |s| s.contains(&said));
}
