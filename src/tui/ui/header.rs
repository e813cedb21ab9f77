//! The top line: what is open.

use super::View;
use crate::model::Lang;
use crate::text::sanitize::sanitize;
use crate::tui::focus::Screen;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn draw(app: &View<'_>, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let title = app.theme.get("title");
    let text = match (app.screen, app.document()) {
        (Screen::Reader, Some(doc)) => {
            let date =
                crate::tui::list::view::date_label(doc.date(), doc.date_inferred().is_some())
                    .unwrap_or_default();
            let t =
                sanitize(doc.display_title(&[Lang::En, Lang::Zh, Lang::Ru, Lang::Fr, Lang::Ko]));
            format!(" {date}  {t}")
        }
        _ => format!(
            " lectern · {}{} of {} documents · {}",
            app.list.shown.len(),
            // The first rows of a ranking are shown while the rest is matched.
            if app.list.partial() { "+" } else { "" },
            app.docs().len(),
            if app.list.ranked() {
                "best match first"
            } else {
                app.list.order.label()
            }
        ),
    };
    let text = crate::tui::styled_wrap::ellipsize(&text, area.width as usize);
    buf.set_stringn(area.x, area.y, text, area.width as usize, title);
}
