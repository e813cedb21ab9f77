//! The bottom line: the latest message, or hints from the keymap; where the reader is.

use super::View;
use crate::text::sanitize::sanitize;
use crate::text::wrap::str_width;
use crate::tui::action::Action;
use crate::tui::focus::Screen;
use crate::tui::status::Level;
use crate::tui::styled_wrap::ellipsize;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The cells the left part may use: all but one, kept between it and the position.
fn gap(left_w: u16) -> usize {
    (left_w as usize).saturating_sub(1)
}

pub fn draw(app: &View<'_>, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    buf.set_style(area, app.theme.get("status"));
    let right = match (app.screen, app.reader) {
        (Screen::Reader, Some(r)) => format!(
            " {}/{} · {} ",
            crate::tui::pinpoint::block_pin(r.cursor.at_most_last(r.layout.blocks())),
            r.layout.blocks(),
            r.layout.key.as_ref().map_or(r.view, |k| k.view).label()
        ),
        _ if !app.list.query.is_empty() || app.list.editing => {
            let cursor = if app.list.editing { "▏" } else { "" };
            format!(" /{}{cursor} ", sanitize(&app.list.query))
        }
        _ => String::new(),
    };
    let right_w = (str_width(&right) as u16).min(area.width);
    let left_w = area.width - right_w;
    match app.status.message() {
        Some(m) => {
            let style = app.theme.get(match m.level {
                Level::Info => "status_info",
                Level::Warn => "status_warn",
                Level::Error => "status_error",
            });
            // A cell before the position; a message too long ends with "…".
            let text = ellipsize(&format!(" {}", sanitize(&m.text)), gap(left_w));
            buf.set_stringn(area.x, area.y, text, left_w as usize, style);
        }
        None => {
            let mode = app.mode();
            let wanted: &[Action] = match app.screen {
                Screen::List if app.list.editing => &[Action::Open, Action::Back],
                Screen::List => &[
                    Action::Help,
                    Action::Search,
                    Action::Filter,
                    Action::Open,
                    Action::Quit,
                ],
                Screen::Reader => &[
                    Action::Help,
                    Action::CycleView,
                    Action::TogglePanel,
                    Action::NextFootnote,
                    Action::Back,
                ],
            };
            // Whole hints only, as many as fit before the position with a cell between.
            let mut text = String::new();
            for a in wanted {
                let Some(k) = app.keymap.hint(mode, *a) else {
                    continue;
                };
                let sep = if text.is_empty() { " " } else { " · " };
                let next = format!("{text}{sep}{k} {}", a.describe());
                if str_width(&next) > gap(left_w) {
                    break;
                }
                text = next;
            }
            buf.set_stringn(
                area.x,
                area.y,
                text,
                left_w as usize,
                app.theme.get("status_hint"),
            );
        }
    }
    let filter = if app.screen == Screen::List {
        app.theme.get("filter")
    } else {
        app.theme.get("status")
    };
    buf.set_stringn(area.x + left_w, area.y, right, right_w as usize, filter);
}
