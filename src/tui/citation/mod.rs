//! Citations, a component: its state ([`state::CitationState`]), its update
//! ([`CitationState::update`]: cycle the style (`c`), copy the citation with the pinpoint of
//! the current block (`y`) or of the whole document (`Y`)), and the panel section that shows
//! it ([`section`]). It reads the open document and the reader's position, and asks for the
//! status line and the terminal's bytes as [`Effect`]s.
//!
//! Copying never blocks the loop: OSC 52 alone is only bytes for the terminal and is done at
//! once; where tmux's buffer or a desktop clipboard is tried (each may take up to the copier's
//! timeout) the copy runs on a worker thread and posts its outcome back as
//! [`Msg::Copied`]. Either way the OSC 52 bytes go out as [`Effect::WriteTerminal`], which the
//! loop writes to the terminal between frames.

pub mod section;
pub mod state;

use super::action::Action;
use super::citation::section::Citation;
use super::citation::state::{CitationState, pin_label, takes_pinpoint};
use super::effect::Effect;
use super::keymap::{Keymap, Mode};
use super::msg::{CopyDone, Msg};
use super::panel::Panel;
use super::panel::state::SectionSlot;
use super::reader::state::ReaderState;
use super::status::Level;
use super::workers::{StopReport, WorkerKind};
use crate::clipboard::{Channel, Copier};
use crate::model::Document;
use crate::model::ids::BlockNo;
use std::sync::mpsc::Sender;

/// Puts the citation section in the panel's citation slot (replacing the plain pinpoint).
pub(super) fn install(panel: &mut Panel, keymap: &Keymap, citation: &CitationState) {
    let hint = [
        (Action::CycleStyle, "style"),
        (Action::CopyCitation, "copy"),
        (Action::CopyDocumentCitation, "copy without pinpoint"),
    ]
    .iter()
    .filter_map(|(a, what)| {
        let key = keymap.hint(Mode::Reader, *a)?;
        Some(format!("{key} {what}"))
    })
    .collect::<Vec<_>>()
    .join(" · ");
    let section = Citation {
        shown: citation.handle(),
        hint,
    };
    panel.add_section(SectionSlot::Citation, Box::new(section));
}

impl CitationState {
    /// A citation action (`App::update` routes them here in the reader or the panel). `docs`
    /// and `reader` say what is open; `tx` is where a copy on a worker thread reports.
    pub fn update(
        &mut self,
        action: Action,
        docs: &crate::corpus::Docs,
        reader: Option<&ReaderState>,
        tx: &Sender<Msg>,
    ) -> Vec<Effect> {
        match action {
            Action::CycleStyle => self
                .cycle(docs, reader)
                .map(|style| {
                    Effect::Status(Level::Info, format!("citation style: {}", style.label()))
                })
                .into_iter()
                .collect(),
            Action::CopyCitation => {
                let Some(shown) = self.current(docs, reader) else {
                    return Vec::new();
                };
                let what = if takes_pinpoint(shown.style) {
                    format!(
                        "{} citation at {}",
                        shown.style.label(),
                        pin_label(&shown.pin)
                    )
                } else {
                    format!("{} citation", shown.style.label())
                };
                self.copy(what, shown.text, tx)
            }
            Action::CopyDocumentCitation => {
                let Some((style, text)) = self.document_citation(docs, reader) else {
                    return Vec::new();
                };
                self.copy(
                    format!("{} citation of the document", style.label()),
                    text,
                    tx,
                )
            }
            _ => Vec::new(),
        }
    }

    /// Copies `passage` (quoted) followed by the citation with the pinpoint of the cursor
    /// block: the workspace's `C` (`Effect::CopyPassage`), by the same copier as `y`.
    pub fn copy_passage(
        &mut self,
        passage: String,
        docs: &crate::corpus::Docs,
        reader: Option<&ReaderState>,
        tx: &Sender<Msg>,
    ) -> Vec<Effect> {
        if passage.trim().is_empty() {
            return vec![Effect::Info("nothing to copy: no text there".into())];
        }
        let Some(shown) = self.current(docs, reader) else {
            return Vec::new();
        };
        let what = format!(
            "passage with its {} citation at {}",
            shown.style.label(),
            pin_label(&shown.pin)
        );
        let text = shown.text.map(|c| format!("“{}”\n\n{c}", passage.trim()));
        self.copy(what, text, tx)
    }

    /// Copies the citation of `doc` (any document, not only the open one) with the pinpoint
    /// of `block`, in the chosen style where it applies: a side of a comparison.
    pub fn copy_at(&mut self, doc: &Document, block: BlockNo, tx: &Sender<Msg>) -> Vec<Effect> {
        let facts = crate::cite::Facts::of(doc);
        let style = state::style_for(self.chosen, &facts);
        let pin = crate::cite::Pinpoint::for_block(doc, block);
        let text = crate::cite::render_facts(&facts, style, Some(&pin)).map_err(|e| e.to_string());
        let what = format!(
            "{} citation of {} at {}",
            style.label(),
            crate::text::sanitize::sanitize(&doc.id),
            pin_label(&pin)
        );
        self.copy(what, text, tx)
    }

    /// Copies `text` (described as `what` in the status line) by the citation's copier.
    fn copy(&self, what: String, text: Result<String, String>, tx: &Sender<Msg>) -> Vec<Effect> {
        let text = match text {
            Ok(t) => t,
            Err(e) => return vec![Effect::Status(Level::Warn, format!("nothing copied: {e}"))],
        };
        let copier = self.copier.clone();
        let what_line = what.clone();
        let run = move || {
            let mut osc52 = Vec::new();
            let result = copier.copy(&text, Some(&mut osc52));
            CopyDone {
                what,
                text,
                osc52,
                result,
            }
        };
        if !may_block(&self.copier) {
            return copied(run());
        }
        let mut effects = vec![Effect::Status(Level::Info, format!("copying {what_line}…"))];
        let report = StopReport::new(WorkerKind::Copy, tx.clone());
        let spawned = std::thread::Builder::new()
            .name("lectern-copy".into())
            .spawn(move || {
                // The loop may have ended meanwhile; then nobody needs the outcome.
                report.send(Msg::Copied(run()));
            });
        if let Err(e) = spawned {
            effects.push(Effect::Status(
                Level::Error,
                format!("could not copy: cannot start a thread: {e}"),
            ));
        }
        effects
    }
}

/// A finished copy: its OSC 52 bytes for the terminal, and how it went for the status line.
pub fn copied(done: CopyDone) -> Vec<Effect> {
    let CopyDone {
        what,
        text,
        osc52,
        result,
    } = done;
    let line = match result {
        Ok(report) => {
            let mut msg = format!("{what} {}: {}", report.summary(), preview(&text, 60));
            let level = if report.failed.is_empty() {
                Level::Info
            } else {
                let failed: Vec<String> = report
                    .failed
                    .iter()
                    .map(|(c, e)| format!("{} failed: {e}", channel_name(c)))
                    .collect();
                msg.push_str(&format!(" ({})", failed.join("; ")));
                Level::Warn
            };
            Effect::Status(level, msg)
        }
        Err(e) => Effect::Status(Level::Error, format!("{what}: {e}")),
    };
    vec![Effect::WriteTerminal(osc52), line]
}

/// Whether a copy may wait on another program (tmux) or a display.
fn may_block(copier: &Copier) -> bool {
    copier.env.tmux || copier.env.display
}

fn channel_name(c: &Channel) -> &'static str {
    match c {
        Channel::TmuxBuffer => "tmux buffer",
        Channel::Osc52 { .. } => "OSC 52",
        Channel::Native => "system clipboard",
    }
}

/// The first `max` characters of `text` on one line, quoted, with an ellipsis when cut. A
/// text that opens with its own quotation mark (a citation of a titled work) is not quoted
/// again: `““Su Chao…”` read as a stray mark.
fn preview(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(max).collect();
    let cut = one_line.chars().count() > max;
    if cut {
        out.push('…');
    }
    let quoted = one_line.starts_with(['“', '"', '«', '「', '‘', '\'']);
    match (quoted, cut) {
        (true, false) => out,
        // Its own closing mark was cut off: close it after the ellipsis.
        (true, true) => format!("{out}”"),
        (false, _) => format!("“{out}”"),
    }
}

#[cfg(test)]
mod preview_tests {
    use super::preview;

    #[test]
    fn a_text_that_opens_with_a_quotation_mark_is_not_quoted_twice() {
        assert_eq!(
            preview("“Su Chao Liangguo,” Renmin ribao", 12),
            "“Su Chao Lia…”"
        );
        assert_eq!(preview("“Short,” x", 60), "“Short,” x");
        assert_eq!(preview("Gary  Goldberg", 60), "“Gary Goldberg”");
    }
}
