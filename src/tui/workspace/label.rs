//! Tagging a document (`T`) and putting it into a collection (`+`), the open one from the
//! reader, the selected one from the list: a one-line prompt that completes the names already
//! in use (Tab, again for the next one), saved at once to `library.toml`. The list's `tag:` /
//! `collection:` filters see the change at once ([`Effect::LibraryChanged`]), and the panel's
//! "Your notes" names the open document's tags and collections.

use super::{Ctx, Layer, Notes, NotesMsg};
use crate::model::ids::DocIx;
use crate::text::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Key, Keymap, Mode};
use crate::tui::msg::Msg;
use crate::tui::overlay::{FeatureWindow, Outcome, Overlay, OverlayContext};
use crate::tui::status::Level;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// What the prompt gives the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    Tag,
    Collection,
}

impl LabelKind {
    fn noun(self) -> &'static str {
        match self {
            LabelKind::Tag => "tag",
            LabelKind::Collection => "collection",
        }
    }
}

/// The prompt being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelPrompt {
    pub kind: LabelKind,
    pub doc: DocIx,
    pub doc_id: String,
    pub text: String,
    /// What the text was when Tab was first pressed, and which completion is shown.
    completing: Option<(String, usize)>,
}

impl Notes {
    /// `tags: a, b · collections: c` of document `id`, for the panel; empty without either.
    pub fn labels_line(&self, id: &str) -> String {
        let tags = self.library.tags_of(id);
        let collections = self.library.collections_of(id);
        let mut parts = Vec::new();
        if !tags.is_empty() {
            parts.push(format!("tags: {}", tags.join(", ")));
        }
        if !collections.is_empty() {
            parts.push(format!("collections: {}", collections.join(", ")));
        }
        parts.join(" · ")
    }

    /// The names in use of this kind, sorted: every tag of any document, or every collection.
    pub fn names_in_use(&self, kind: LabelKind) -> Vec<String> {
        let mut names: Vec<String> = match kind {
            LabelKind::Tag => self.library.tags.values().flatten().cloned().collect(),
            LabelKind::Collection => self.library.collections.keys().cloned().collect(),
        };
        names.sort_by_key(|n| n.to_lowercase());
        names.dedup();
        names
    }

    /// The names in use that begin with what is typed (case folded).
    pub fn completions(&self) -> Vec<String> {
        let Some(p) = &self.label else {
            return Vec::new();
        };
        let typed = p.completing.as_ref().map_or(&p.text, |(t, _)| t);
        let typed = typed.trim().to_lowercase();
        (self.names_in_use(p.kind).into_iter())
            .filter(|n| n.to_lowercase().starts_with(&typed))
            .collect()
    }

    /// `T` or `+` in the document list, on the selected document `doc`.
    pub fn label_listed(&mut self, action: Action, doc: Option<DocIx>, ctx: &Ctx) -> Vec<Effect> {
        let kind = match action {
            Action::TagDocument => LabelKind::Tag,
            Action::AddToCollection => LabelKind::Collection,
            _ => return Vec::new(),
        };
        match doc.and_then(|ix| Some((ix, ctx.docs.get(ix.0)?))) {
            Some((ix, d)) => self.start_label(kind, ix, &d.id),
            None => vec![Effect::Info(format!(
                "no document selected: no {}",
                kind.noun()
            ))],
        }
    }

    pub(super) fn start_label(&mut self, kind: LabelKind, doc: DocIx, id: &str) -> Vec<Effect> {
        if self.store.is_none() {
            let line = format!("no workspace folder: {} not saved", kind.noun());
            return vec![Effect::Status(Level::Warn, line)];
        }
        self.label = Some(LabelPrompt {
            kind,
            doc,
            doc_id: id.to_string(),
            text: String::new(),
            completing: None,
        });
        vec![Effect::OpenLayer(Layer::Label)]
    }

    pub(super) fn label_msg(&mut self, msg: NotesMsg) -> Vec<Effect> {
        match msg {
            NotesMsg::LabelKey(key) => {
                if let Some(p) = self.label.as_mut() {
                    p.completing = None;
                    crate::tui::line_edit::edit(&mut p.text, &key);
                }
                Vec::new()
            }
            NotesMsg::LabelComplete(step) => {
                let options = self.completions();
                if let Some(p) = self.label.as_mut()
                    && !options.is_empty()
                {
                    let (typed, i) = match p.completing.take() {
                        Some((typed, i)) => {
                            let n = options.len() as isize;
                            (typed, (i as isize + step).rem_euclid(n) as usize)
                        }
                        None => (p.text.clone(), 0),
                    };
                    p.text = options[i].clone();
                    p.completing = Some((typed, i));
                }
                Vec::new()
            }
            NotesMsg::LabelCancel => {
                self.label = None;
                Vec::new()
            }
            NotesMsg::LabelSave => self.save_label(),
            _ => Vec::new(),
        }
    }

    fn save_label(&mut self) -> Vec<Effect> {
        let Some(p) = self.label.take() else {
            return Vec::new();
        };
        let name = p.text.trim().to_string();
        if name.is_empty() {
            return vec![Effect::Info(format!(
                "no {} given: nothing saved",
                p.kind.noun()
            ))];
        }
        let Some(store) = self.store.clone() else {
            return Vec::new();
        };
        // A name in use with other capitals is that name, not a second one.
        let name = (self.names_in_use(p.kind).into_iter())
            .find(|n| n.to_lowercase() == name.to_lowercase())
            .unwrap_or(name);
        let id = p.doc_id.clone();
        let saved = store.update_library(|lib| {
            let list = match p.kind {
                LabelKind::Tag => lib.tags.entry(id.clone()).or_default(),
                LabelKind::Collection => lib.collections.entry(name.clone()).or_default(),
            };
            let item = match p.kind {
                LabelKind::Tag => &name,
                LabelKind::Collection => &id,
            };
            let new = !list.contains(item);
            if new {
                list.push(item.clone());
            }
            (new, (new, lib.clone()))
        });
        match saved {
            Ok(((new, library), _)) => {
                self.library = library;
                // The panel's line is the open document's: labelling another (from the list)
                // leaves it as it is.
                if self.open.as_ref().is_some_and(|(ix, _)| *ix == p.doc) {
                    self.listed.borrow_mut().labels = self.labels_line(&p.doc_id);
                }
                let line = match (p.kind, new) {
                    (LabelKind::Tag, true) => format!("tagged {name}"),
                    (LabelKind::Tag, false) => format!("already tagged {name}"),
                    (LabelKind::Collection, true) => format!("added to collection {name}"),
                    (LabelKind::Collection, false) => format!("already in collection {name}"),
                };
                vec![Effect::LibraryChanged, Effect::Info(line)]
            }
            Err(e) => vec![self.save_failed(format!("{} not saved: {e}", p.kind.noun()))],
        }
    }
}

/// The prompt's bar, just above the status line.
pub struct LabelBar;

impl LabelBar {
    pub const NAME: &'static str = "label";
}

impl Overlay for LabelBar {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    /// The keymap's `filter` table (the one for typing); Tab / shift-Tab complete.
    fn handle_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Outcome {
        let send = |m| Outcome::Send(Msg::Notes(m));
        match (keymap.action(Mode::Filter, Key::from_event(key)), key.code) {
            (Some(Action::Back), _) => Outcome::CloseAndSend(Msg::Notes(NotesMsg::LabelCancel)),
            (Some(Action::Open), _) => Outcome::CloseAndSend(Msg::Notes(NotesMsg::LabelSave)),
            (Some(Action::Down), _) | (None, KeyCode::Tab) => send(NotesMsg::LabelComplete(1)),
            (Some(Action::Up), _) | (None, KeyCode::BackTab) => send(NotesMsg::LabelComplete(-1)),
            (Some(Action::Quit), _) => Outcome::Pass,
            (Some(_), _) => Outcome::Consumed,
            (None, _) => send(NotesMsg::LabelKey(*key)),
        }
    }

    fn feature_window(&self) -> Option<FeatureWindow> {
        Some(FeatureWindow::Label)
    }
}

impl LabelBar {
    /// Draws the bar from the workspace's state (`ui` calls it for this [`FeatureWindow`]).
    pub fn draw_window(
        notes: &super::Notes,
        app: &OverlayContext<'_>,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let Some(p) = &notes.label else {
            return;
        };
        let options = notes.completions();
        let shown: Vec<String> = options.iter().take(6).map(|o| sanitize(o).into()).collect();
        let more = if options.len() > shown.len() {
            " …"
        } else {
            ""
        };
        let text = format!(
            " {} {}: {}▏   tab: {}{more}   (enter saves · esc)",
            p.kind.noun(),
            sanitize(&p.doc_id),
            sanitize(&p.text),
            if shown.is_empty() {
                "(new name)".to_string()
            } else {
                shown.join(" ")
            },
        );
        super::view::bar(app, area, &text, buf);
    }
}
