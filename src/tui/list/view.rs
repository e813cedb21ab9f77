//! The document list pane: date, kind, languages, title; columns give way on narrow screens.

use super::List;
use crate::corpus::Docs;
use crate::model::{Lang, PartialDate, TITLE_LANGS};
use crate::text::sanitize::sanitize;
use crate::text::wrap::str_width;
use crate::tui::styled_wrap::ellipsize;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The date that places a document in time, with a `?` when the corpus infers it rather than
/// the source stating it (Chicago's `[2021?]`; the legend is in the help window).
pub fn date_label(date: Option<PartialDate>, inferred: bool) -> Option<String> {
    let mark = if inferred { "?" } else { "" };
    Some(format!("{}{mark}", date?))
}

/// Draws `list` over the corpus documents `docs`.
pub fn draw(list: &List, docs: &Docs, t: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    if list.shown.is_empty() {
        let msg = if docs.is_empty() {
            " the corpus has no documents".to_string()
        } else {
            format!(" no document matches '{}'", sanitize(&list.query))
        };
        buf.set_stringn(
            area.x,
            area.y,
            msg,
            area.width as usize,
            t.get("status_hint"),
        );
        return;
    }
    let w = area.width as usize;
    // Which columns fit: the title always; date from 30 cells; kind and languages from 60.
    // The date column has room for an inferred date's mark (`1956-07-14?`).
    let (date_w, kind_w, langs_w) = match w {
        0..30 => (0, 0, 0),
        30..60 => (12, 0, 0),
        _ => (12, 14, 9),
    };
    for (y, &doc_i) in list
        .shown
        .iter()
        .skip(list.offset)
        .take(area.height as usize)
        .enumerate()
    {
        // The head: drawing a row reads no body.
        let Some(doc) = docs.head(doc_i.0) else {
            continue;
        };
        let y = area.y + y as u16;
        let selected = list.offset + (y - area.y) as usize == list.selected;
        let row = Rect {
            y,
            height: 1,
            ..area
        };
        let mut x = area.x;
        let mut put = |text: &str, width: usize, style: ratatui::style::Style, buf: &mut Buffer| {
            let room = (area.right() - x) as usize;
            let width = width.min(room);
            if width == 0 {
                return;
            }
            // A cell of gap after each column; what does not fit ends with "…".
            let text = ellipsize(text, width.saturating_sub(1).max(1));
            buf.set_stringn(x, y, text, width, style);
            x += width as u16;
        };
        let date =
            date_label(doc.date, doc.date_inferred.is_some()).unwrap_or_else(|| "undated".into());
        if date_w > 0 {
            put(&format!(" {date}"), date_w + 1, t.get("list_date"), buf);
        }
        if kind_w > 0 {
            put(doc.kind.label(), kind_w, t.get("list_kind"), buf);
        }
        if langs_w > 0 {
            let langs = super::state::langs_label(doc);
            put(&langs, langs_w, t.get("list_langs"), buf);
        }
        let title = sanitize(doc.display_title(&TITLE_LANGS)).replace('\n', " ");
        let lead = if date_w == 0 { " " } else { "" };
        let title = format!("{lead}{title}");
        // The columns before the title, as `put` placed them.
        let before = if date_w > 0 { date_w + 1 } else { 0 } + kind_w + langs_w;
        let room = w.saturating_sub(before);
        // The Chinese title after the other one, dimmed, where the row has room for both
        // (from 60 cells); the first title keeps at least three fifths of the row.
        let second = (date_w > 0 && kind_w > 0)
            .then(|| doc.title.get(Lang::Zh))
            .flatten()
            .filter(|zh| *zh != doc.display_title(&TITLE_LANGS))
            .map(|zh| sanitize(zh).replace('\n', " "));
        match second {
            Some(zh) => {
                let (whole, zh_w) = (str_width(&title) + 2, str_width(&zh) + 1);
                let first_w = if whole + zh_w <= room {
                    whole
                } else {
                    whole.min(room.saturating_sub(zh_w)).max(room * 3 / 5)
                };
                put(&title, first_w, t.get("list_title"), buf);
                put(&zh, usize::MAX, t.get("list_title_other"), buf);
            }
            None => put(&title, usize::MAX, t.get("list_title"), buf),
        }
        if selected {
            buf.set_style(row, t.get("selected"));
        }
    }
}
