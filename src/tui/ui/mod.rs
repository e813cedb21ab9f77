//! Drawing: a pure function of the app state. One file per pane; [`super::layout`] says where each
//! goes. Nothing here wraps documents or touches files: `App::prepare` has done that.

mod header;
mod status;

use super::app::App;
use super::focus::Screen;
use super::layout;
use super::list::view as list;
use super::overlay::OverlayContext;
use super::panel::view as panel;
use super::reader::view as reader;
use super::search::view as search;
use ratatui::Frame;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    let a = layout::areas(area, app.screen, app.panel.open, app.panel.focused);
    let buf = frame.buffer_mut();
    header::draw(app, a.header, buf);
    match app.screen {
        Screen::List => list::draw(&app.list, app.docs(), &app.theme, a.list, buf),
        Screen::Reader => {
            reader::draw(app, a.body, buf);
            if let Some(p) = a.panel {
                panel::draw(&app.panel, &app.theme, p, buf);
            }
        }
    }
    status::draw(app, a.status, buf);
    let ctx = OverlayContext {
        theme: &app.theme,
        keymap: &app.keymap,
        corpus: &app.corpus,
        notes: &app.notes,
        concordance: &app.concordance,
        compare: &app.compare,
    };
    for overlay in app.overlays.iter() {
        overlay.draw(&ctx, area, buf);
    }
    if app.search.open {
        search::draw(&app.search, &app.theme, area, buf);
    }
}
