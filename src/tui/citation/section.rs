//! The panel's citation section (it takes the citation slot from the plain pinpoint): the
//! open document's citation in the chosen style, pointing at the block under the cursor, with
//! the style's name and the keys that cycle and copy it. It only reads what
//! `CitationState::refresh` rendered before the frame; it never renders while drawing.

use crate::text::sanitize::sanitize;
use crate::tui::citation::state::{ShownHandle, pin_label, takes_pinpoint};
use crate::tui::panel::sections::field;
use crate::tui::panel::state::{PanelSection, SectionContext};
use ratatui::text::{Line, Span};

pub struct Citation {
    pub shown: ShownHandle,
    /// "c style · y copy · Y copy without pinpoint", from the keymap.
    pub hint: String,
}

impl PanelSection for Citation {
    fn title(&self) -> String {
        match self.shown.borrow().as_ref() {
            Some(s) => format!(
                "Citation · {} ({}/{})",
                s.style.label(),
                s.position.0,
                s.position.1
            ),
            None => "Citation".into(),
        }
    }

    fn lines(&self, ctx: &SectionContext<'_>) -> Vec<Line<'static>> {
        let label = ctx.theme.get("panel_label");
        let shown = self.shown.borrow();
        // Only a citation of what is drawn: same document, same block.
        let Some(s) = shown
            .as_ref()
            .filter(|s| s.key.0 == ctx.ix && s.key.1 == ctx.cursor)
        else {
            return vec![Line::styled("citation not ready", label)];
        };
        let mut pin = pin_label(&s.pin);
        if !takes_pinpoint(s.style) {
            pin.push_str(" (a bibliography entry cites the whole work)");
        }
        let mut out = vec![field("pinpoint", &pin, label)];
        match &s.text {
            // The text is sanitized by the citation engine; author-date styles put the
            // in-text citation on a second line.
            Ok(text) => out.extend(text.lines().map(|l| Line::raw(l.to_string()))),
            Err(e) => out.push(Line::styled(
                sanitize(e).into_owned(),
                ctx.theme.get("status_warn"),
            )),
        }
        if !self.hint.is_empty() {
            out.push(Line::from(Span::styled(self.hint.clone(), label)));
        }
        out
    }
}
