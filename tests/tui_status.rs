//! The status line: hints never cut mid-word nor run into the position, and a message from
//! before a window opened does not linger under it.

mod tui_support;

use lectern::tui::Action;
use tui_support::*;

#[test]
fn hints_are_whole_and_a_cell_apart_from_the_position_at_every_width() {
    let hints = [
        Action::Help,
        Action::CycleView,
        Action::TogglePanel,
        Action::NextFootnote,
        Action::Back,
    ];
    for w in 40..=140u16 {
        let (_, term) = reading(TREATY, w, 24);
        let last = rows(&term).pop().unwrap_or_default();
        let Some(at) = last.find(" ¶") else {
            panic!("{w}: the position is shown: {last:?}");
        };
        let left = last[..at].trim_end();
        assert!(
            left.is_empty() || hints.iter().any(|a| left.ends_with(a.describe())),
            "{w}: {last:?}"
        );
        assert!(
            last[..at].ends_with(' ') || left.is_empty(),
            "{w}: {last:?}"
        );
    }
}

#[test]
fn a_message_from_before_a_window_opened_is_gone_under_it() {
    let mut app = app();
    open(&mut app, TREATY);
    press(&mut app, "f");
    assert!(
        status_text(&app).contains("footnote"),
        "{}",
        status_text(&app)
    );
    press(&mut app, "?");
    assert_eq!(app.overlays.top_name(), Some("help"));
    assert_eq!(status_text(&app), "");
}
