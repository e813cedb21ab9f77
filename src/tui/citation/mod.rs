//! The reader's citation keys: cycle the style (`c`), copy the citation with the pinpoint of
//! the current block (`y`) or of the whole document (`Y`); and the panel section that shows it.
//!
//! Copying never blocks the loop: OSC 52 alone is only bytes for the terminal and is done at
//! once; where tmux's buffer or a desktop clipboard is tried (each may take up to the copier's
//! timeout) the copy runs on a worker thread and posts its outcome back as
//! [`Msg::Copied`]. Either way the OSC 52 bytes are queued in `app.after_frame`, which the
//! loop writes to the terminal between frames.

pub mod section;
pub mod state;

use super::action::Action;
use super::app::App;
use super::citation::section::Citation;
use super::citation::state::{pin_label, takes_pinpoint};
use super::keymap::Mode;
use super::msg::{CopyDone, Msg};
use super::panel::state::SectionSlot;
use super::status::Level;
use super::workers::{StopReport, WorkerKind};
use crate::clipboard::{Channel, Copier};

/// Puts the citation section in the panel's citation slot (replacing the plain pinpoint).
pub(super) fn install(app: &mut App) {
    let hint = [
        (Action::CycleStyle, "style"),
        (Action::CopyCitation, "copy"),
        (Action::CopyDocumentCitation, "copy without pinpoint"),
    ]
    .iter()
    .filter_map(|(a, what)| {
        let key = app.keymap.hint(Mode::Reader, *a)?;
        Some(format!("{key} {what}"))
    })
    .collect::<Vec<_>>()
    .join(" · ");
    let section = Citation {
        shown: app.citation.handle(),
        hint,
    };
    app.panel
        .add_section(SectionSlot::Citation, Box::new(section));
}

impl App {
    /// Carries out a citation action (`App::update` routes them here when a document is open,
    /// in the reader or the panel).
    pub(super) fn citation_action(&mut self, action: Action) {
        match action {
            Action::CycleStyle => {
                if let Some(style) = self
                    .citation
                    .cycle(&self.corpus.documents, self.reader.as_ref())
                {
                    self.status
                        .info(format!("citation style: {}", style.label()));
                }
            }
            Action::CopyCitation => {
                let Some(shown) = self
                    .citation
                    .current(&self.corpus.documents, self.reader.as_ref())
                else {
                    return;
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
                self.copy(what, shown.text);
            }
            _ => {
                let Some((style, text)) = self
                    .citation
                    .document_citation(&self.corpus.documents, self.reader.as_ref())
                else {
                    return;
                };
                self.copy(format!("{} citation of the document", style.label()), text);
            }
        }
    }

    /// Copies `text` (described as `what` in the status line) by the citation's copier.
    fn copy(&mut self, what: String, text: Result<String, String>) {
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                self.status.warn(format!("nothing copied: {e}"));
                return;
            }
        };
        let copier = self.citation.copier.clone();
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
        if !may_block(&self.citation.copier) {
            let done = run();
            self.copied(done);
            return;
        }
        self.status.info(format!("copying {what_line}…"));
        let report = StopReport::new(WorkerKind::Copy, self.sender());
        let spawned = std::thread::Builder::new()
            .name("lectern-copy".into())
            .spawn(move || {
                // The loop may have ended meanwhile; then nobody needs the outcome.
                report.send(Msg::Copied(run()));
            });
        if let Err(e) = spawned {
            self.status
                .error(format!("could not copy: cannot start a thread: {e}"));
        }
    }

    /// Queues the OSC 52 bytes for the terminal and says in the status line how it went.
    pub(super) fn copied(&mut self, done: CopyDone) {
        let CopyDone {
            what,
            text,
            osc52,
            result,
        } = done;
        self.after_frame.extend(osc52);
        match result {
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
                self.status.post(level, msg);
            }
            Err(e) => self.status.error(format!("{what}: {e}")),
        }
    }
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

/// The first `max` characters of `text` on one line, quoted, with an ellipsis when cut.
fn preview(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(max).collect();
    if one_line.chars().count() > max {
        out.push('…');
    }
    format!("“{out}”")
}
