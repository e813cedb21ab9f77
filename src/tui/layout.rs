//! Where each pane goes on a screen of a given size. Used by drawing and by mouse handling,
//! so a click always lands on what was drawn there. Never panics, down to 0×0.

use crate::tui::focus::Screen;
use ratatui::layout::Rect;

/// The narrowest panel worth showing beside the text.
const PANEL_MIN_WIDTH: u16 = 30;

/// Screens at least this wide show the panel beside the text; narrower ones show it in
/// place of part of the text, and only while it has the focus. The panel gives way before
/// the parallel text would have to stack: the text keeps room for two columns.
pub const PANEL_BESIDE_MIN_WIDTH: u16 =
    crate::tui::reader::layout::MIN_SIDE_BY_SIDE_WIDTH + PANEL_MIN_WIDTH;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub status: Rect,
    /// The document list (list screen).
    pub list: Rect,
    /// The reader's text (reader screen).
    pub body: Rect,
    pub panel: Option<Rect>,
}

pub fn panel_beside(size: Rect) -> bool {
    size.width >= PANEL_BESIDE_MIN_WIDTH
}

pub fn areas(size: Rect, screen: Screen, panel_open: bool, panel_focused: bool) -> Areas {
    let mut main = size;
    let mut out = Areas::default();
    if main.height >= 3 {
        out.header = Rect { height: 1, ..main };
        main.y += 1;
        main.height -= 1;
    }
    if main.height >= 2 {
        out.status = Rect {
            y: main.y + main.height - 1,
            height: 1,
            ..main
        };
        main.height -= 1;
    }
    match screen {
        Screen::List => out.list = main,
        Screen::Reader => {
            if panel_open && panel_beside(size) {
                let w = (main.width * 3 / 10)
                    .clamp(PANEL_MIN_WIDTH, 60)
                    .min(main.width - crate::tui::reader::layout::MIN_SIDE_BY_SIDE_WIDTH);
                out.body = Rect {
                    width: main.width - w,
                    ..main
                };
                out.panel = Some(Rect {
                    x: main.x + main.width - w,
                    width: w,
                    ..main
                });
            } else if panel_focused {
                // Narrow: the panel takes the lower part (or all of a short screen).
                let h = if main.height >= 12 {
                    main.height * 2 / 5
                } else {
                    main.height
                };
                out.body = Rect {
                    height: main.height - h,
                    ..main
                };
                out.panel = Some(Rect {
                    y: main.y + main.height - h,
                    height: h,
                    ..main
                });
            } else {
                out.body = main;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panel_beside_never_leaves_the_text_too_narrow_for_two_columns() {
        use crate::tui::reader::layout::MIN_SIDE_BY_SIDE_WIDTH;
        for w in 0..=400 {
            let a = areas(Rect::new(0, 0, w, 40), Screen::Reader, true, false);
            if a.panel.is_some() {
                assert!(a.body.width >= MIN_SIDE_BY_SIDE_WIDTH, "{w}: {a:?}");
            } else {
                assert_eq!(a.body.width, w);
            }
        }
    }

    #[test]
    fn areas_never_overlap_or_leave_the_screen_at_any_size() {
        for w in 0..130 {
            for h in 0..30 {
                let size = Rect::new(0, 0, w, h);
                for (screen, open, focused) in [
                    (Screen::List, true, false),
                    (Screen::Reader, true, false),
                    (Screen::Reader, true, true),
                    (Screen::Reader, false, false),
                ] {
                    let a = areas(size, screen, open, focused);
                    let all = [
                        a.header,
                        a.status,
                        a.list,
                        a.body,
                        a.panel.unwrap_or_default(),
                    ];
                    for r in all {
                        assert!(
                            r.is_empty() || size.contains(r.as_position()),
                            "{r:?} in {size:?}"
                        );
                        assert!(r.right() <= size.right() && r.bottom() <= size.bottom());
                    }
                    for (i, x) in all.iter().enumerate() {
                        for y in &all[i + 1..] {
                            assert!(
                                x.is_empty() || y.is_empty() || !x.intersects(*y),
                                "{x:?} {y:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
