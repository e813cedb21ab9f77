//! The panel's built-in sections: notes of what is on screen, the pinpoint of the current
//! block (replaced by the [`crate::tui::citation`] section when the app starts), and the document's source.

pub mod backlinks;
mod notes;
mod pinpoint;
mod source;

use super::state::{Panel, SectionSlot};

pub fn install_defaults(panel: &mut Panel) {
    panel.add_section(SectionSlot::Notes, Box::new(notes::Notes));
    panel.add_section(SectionSlot::Citation, Box::new(pinpoint::Pinpoint));
    panel.add_section(SectionSlot::Source, Box::new(source::SourceInfo));
}

/// The backlinks of each document, from the corpus's cross-references; `key` is the key
/// that lists them all (`Action::Backlinks`), if one is bound.
pub fn install_backlinks(
    panel: &mut Panel,
    corpus: &std::sync::Arc<crate::corpus::Corpus>,
    key: Option<String>,
) {
    let hint = key.map_or_else(String::new, |k| format!("{k} lists them all (enter opens)"));
    panel.add_section(
        SectionSlot::Notes,
        Box::new(backlinks::Backlinks::new(corpus.clone(), hint)),
    );
}

use crate::text::sanitize::sanitize;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `label  value` with the label dimmed; the value sanitized.
pub(crate) fn field(label: &str, value: &str, label_style: Style) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label}: "), label_style),
        Span::raw(sanitize(value).into_owned()),
    ])
}
