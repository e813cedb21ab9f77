//! The panel section "Parallel text": how the open document's sentences were aligned (how many
//! pairs rest on lengths alone), or that it has no parallel text; then each translation
//! question of a block on screen, as a question, with both sides quoted. It reads what
//! [`super::Parallel::open`] computed; nothing is aligned or checked while drawing.

use super::state::LoadedHandle;
use crate::model::ids::BlockNo;
use crate::parallel::checks::{Question, Unmatched};
use crate::text::sanitize::sanitize;
use crate::tui::panel::state::{PanelSection, SectionContext};
use ratatui::text::{Line, Span};

/// The longest quote shown, in characters.
const QUOTE_CHARS: usize = 160;

pub struct ParallelSection {
    pub loaded: LoadedHandle,
}

impl PanelSection for ParallelSection {
    fn title(&self) -> String {
        "Parallel text".into()
    }

    fn lines(&self, ctx: &SectionContext<'_>) -> Vec<Line<'static>> {
        let label = ctx.theme.get("panel_label");
        let loaded = self.loaded.borrow();
        let Some(loaded) = loaded.as_ref().filter(|l| l.doc == ctx.ix) else {
            return Vec::new();
        };
        let alignment = match &loaded.alignment {
            Ok(a) => a,
            Err(why) => return vec![Line::styled(sanitize(&why.to_string()).into_owned(), label)],
        };
        let (pairs, by_length) = loaded.pair_counts();
        let mut out = vec![Line::styled(
            format!(
                "{} ↔ {}: {pairs} sentence pairs in {} blocks; {by_length} by length alone (marked when selected)",
                alignment.left.code(),
                alignment.right.code(),
                alignment.blocks.len()
            ),
            label,
        )];
        let shown: Vec<&Question> = loaded
            .questions
            .iter()
            .filter(|q| ctx.visible.contains(&BlockNo(q.block).index()))
            .collect();
        if loaded.questions.is_empty() {
            out.push(Line::styled(
                "no translation question: numbers, dates and names agree in every block",
                label,
            ));
            return out;
        }
        if shown.is_empty() {
            out.push(Line::styled(
                format!(
                    "{} blocks marked ? in the gutter; none on screen",
                    loaded.questions.len()
                ),
                label,
            ));
        }
        let question = ctx.theme.get("question");
        for q in shown {
            out.push(Line::from(Span::styled(
                format!(
                    "{} {}?",
                    crate::tui::pinpoint::block_pin(q.block),
                    q.concern.label()
                ),
                question,
            )));
            for (lang, other, found) in [
                (q.left_lang, q.right_lang, &q.left),
                (q.right_lang, q.left_lang, &q.right),
            ] {
                if !found.is_empty() {
                    out.push(Line::raw(format!(
                        "  {} has {}; not found in {}",
                        lang.code(),
                        items(found),
                        other.code()
                    )));
                }
            }
            let Some(block) = ctx.doc.block(q.block) else {
                continue;
            };
            for (l, r) in &q.quotes {
                for (lang, span) in [(q.left_lang, l), (q.right_lang, r)] {
                    let text = block.text.get(lang).and_then(|t| t.get(span.clone()));
                    out.push(Line::from(vec![
                        Span::styled(format!("  {}: ", lang.code()), label),
                        Span::raw(quote(text.unwrap_or(""))),
                    ]));
                }
            }
        }
        out
    }
}

fn items(found: &[Unmatched]) -> String {
    let items: Vec<String> = found
        .iter()
        .map(|u| format!("“{}” ({})", sanitize(&u.text), sanitize(&u.meaning)))
        .collect();
    items.join(", ")
}

/// A quote on one line, shortened to [`QUOTE_CHARS`].
fn quote(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut s: String = one.chars().take(QUOTE_CHARS).collect();
    if one.chars().count() > QUOTE_CHARS {
        s.push('…');
    }
    format!("“{}”", sanitize(&s))
}
