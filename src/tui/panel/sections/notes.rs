//! Notes of what is on screen: the footnotes anchored in visible blocks, and the editorial
//! insertions (`[sic]`, `[signature]`) they contain.

use crate::model::Lang;
use crate::model::ids::BlockNo;
use crate::model::inline::{Segment, segments};
use crate::text::sanitize::sanitize;
use crate::tui::panel::state::{PanelSection, SectionContext};
use crate::tui::reader::block_text::marker;
use ratatui::text::{Line, Span};

pub struct Notes;

impl PanelSection for Notes {
    fn title(&self) -> String {
        "Notes on this screen".into()
    }

    fn lines(&self, ctx: &SectionContext<'_>) -> Vec<Line<'static>> {
        let doc = ctx.doc;
        let mut out = Vec::new();
        let label = ctx.theme.get("panel_label");
        let visible = |block: usize| ctx.visible.contains(&BlockNo(block).index());
        for f in doc.footnotes.iter().filter(|f| visible(f.block)) {
            let mut style = ctx.theme.get("footnote_marker");
            if ctx.selected_footnote == Some(f.id.as_str()) {
                style = style.patch(ctx.theme.get("panel_selected"));
            }
            let mut spans = vec![
                Span::styled(marker(&f.id), style),
                Span::styled(
                    format!(" {} ", crate::tui::pinpoint::block_pin(f.block)),
                    label,
                ),
            ];
            let texts: Vec<String> = f
                .text
                .0
                .iter()
                .map(|(lang, t)| {
                    let t = sanitize(t).into_owned();
                    if f.text.0.len() > 1 {
                        format!("[{lang}] {t}")
                    } else {
                        t
                    }
                })
                .collect();
            spans.push(Span::raw(texts.join("  ")));
            out.push(Line::from(spans));
        }
        let editorial = ctx.theme.get("editorial");
        for b in ctx.visible.clone() {
            let Some(block) = doc.blocks.get(b) else {
                continue;
            };
            // Insertions are the same in every language; list them from the first one that
            // has any, to avoid repeating them.
            let langs: Vec<Lang> = block.text.langs().collect();
            for lang in langs {
                let text = block.text.get(lang).unwrap_or("");
                let inserts: Vec<&str> = segments(text)
                    .into_iter()
                    .filter_map(|s| match s {
                        Segment::Editorial(e) => Some(e),
                        _ => None,
                    })
                    .collect();
                if inserts.is_empty() {
                    continue;
                }
                let mut spans = vec![Span::styled(
                    format!(
                        "{} ",
                        crate::tui::pinpoint::block_pin(BlockNo::from_index(b))
                    ),
                    label,
                )];
                for (n, e) in inserts.into_iter().enumerate() {
                    if n > 0 {
                        spans.push(Span::raw(" "));
                    }
                    spans.push(Span::styled(sanitize(e).into_owned(), editorial));
                }
                out.push(Line::from(spans));
                break;
            }
        }
        if out.is_empty() {
            out.push(Line::styled("no footnotes or insertions on screen", label));
        }
        out
    }
}
