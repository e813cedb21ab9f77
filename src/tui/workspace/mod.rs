//! The workspace in the reader, a component: select a span (`V`, or drag the mouse), then
//! highlight it (`1`–`5`, five colours) or attach a Markdown note (`a`); bookmark the cursor
//! block (`m`); find in the document (`ctrl-f`, then `n`/`N`); copy a passage with its
//! citation (`C`); search your own notes (`M`) and open what was read last (`R`).
//!
//! [`Notes`] owns its state; [`Notes::update`] (actions) and [`Notes::handle`] (what its
//! overlays send, [`NotesMsg`]) change only that state and return [`Effect`]s: highlights for
//! the reader, overlays to open, a passage for the citation to copy. Everything kept is
//! written at once through [`crate::workspace`] (atomic, locked); a save that fails is shown
//! in the status line and said again when lectern ends ([`Notes::failed_save`]).
//!
//! Parts: [`select`] (the selection and the mouse's hit test), [`find`] (find in document),
//! [`view`] (the overlays), [`section`] (the panel's list of notes on screen).

pub mod find;
mod highlights;
pub mod label;
pub mod picker;
pub mod section;
pub mod select;
pub mod view;

pub use crate::tui::effect::Layer;
pub use crate::tui::msg::NotesMsg;
pub use picker::{PickItem, Picker};

use super::action::Action;
use super::effect::Effect;
use super::reader::layout::View;
use super::reader::state::ReaderState;
use super::status::Level;
use super::theme::Theme;
use crate::model::ids::{BlockNo, DocIds, DocIx};
use crate::model::{Document, Lang};
use crate::workspace::{Anchor, DocNotes, Library, NewMark, Workspace};
use crossterm::event::KeyCode;
use find::Finder;
use select::Selection;
use std::cell::RefCell;
use std::rc::Rc;

/// Owner names of the reader highlights set here.
pub const MARKS: &str = "marks";
pub const SELECTION: &str = "selection";
pub const FIND: &str = "find";
pub const FIND_CURRENT: &str = "find_current";

/// What the reader and the other features look like to the workspace.
pub struct Ctx<'a> {
    pub docs: &'a crate::corpus::Docs,
    pub reader: Option<&'a ReaderState>,
    pub ids: &'a DocIds,
    pub theme: &'a Theme,
}

impl Ctx<'_> {
    fn open(&self) -> Option<(&ReaderState, &Document)> {
        let r = self.reader?;
        Some((r, self.docs.get(r.doc.0)?))
    }
}

#[derive(Debug, Default)]
pub struct Notes {
    /// Where things are kept; `None` without a data directory (nothing is saved, and the
    /// keys say so).
    pub store: Option<Workspace>,
    /// The open document's marks and bookmarks, as last saved.
    pub open: Option<(DocIx, DocNotes)>,
    pub library: Library,
    pub selection: Option<Selection>,
    /// The note being written, and the anchor it goes on; kept when the editor is left with
    /// Esc, so nothing typed is lost.
    pub draft: String,
    pending: Option<Anchor>,
    pub find: Finder,
    pub picker: Picker,
    /// Where a mouse press landed: a drag from there selects.
    drag_from: Option<(BlockNo, Lang, usize)>,
    /// The last save that failed, reported again when lectern ends.
    pub failed_save: Option<String>,
    /// The notes of the open document, for the panel section.
    pub listed: section::Listed,
    /// The tag or collection being typed for a document.
    pub label: Option<label::LabelPrompt>,
}

impl Notes {
    /// The workspace in `store`, its collections and tags read once.
    pub fn new(store: Option<Workspace>) -> (Notes, Option<String>) {
        let (library, problem) = match store.as_ref().map(Workspace::library) {
            Some(Ok(l)) => (l, None),
            Some(Err(p)) => (Library::default(), Some(p.to_string())),
            None => (Library::default(), None),
        };
        let notes = Notes {
            store,
            library,
            listed: Rc::new(RefCell::new(section::Listing::default())),
            ..Notes::default()
        };
        (notes, problem)
    }

    /// A document was opened: it goes to the top of the recent list, its marks are read.
    pub fn opened(&mut self, ctx: &Ctx) -> Vec<Effect> {
        let Some((reader, doc)) = ctx.open() else {
            return Vec::new();
        };
        self.selection = None;
        self.find.clear();
        let mut effects = vec![
            Effect::Highlights(FIND, Vec::new()),
            Effect::Highlights(FIND_CURRENT, Vec::new()),
            Effect::Highlights(SELECTION, Vec::new()),
        ];
        let Some(store) = self.store.clone() else {
            return effects;
        };
        if let Err(e) = store.record_read(&doc.id) {
            effects.push(self.save_failed(format!("recent list not saved: {e}")));
        }
        match store.document(&doc.id) {
            Ok(notes) => self.open = Some((reader.doc, notes)),
            Err(p) => {
                self.open = None;
                effects.push(Effect::Status(Level::Error, format!("notes not read: {p}")));
            }
        }
        effects.push(self.marks(ctx.theme, doc));
        effects
    }

    /// An action routed here by `App::update`.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Effect> {
        match action {
            Action::Recent => return self.open_recent(ctx),
            Action::MyNotes => return self.open_mine(ctx, String::new()),
            _ => {}
        }
        let Some((reader, doc)) = ctx.open() else {
            return Vec::new();
        };
        match action {
            Action::Select => {
                let Some(lang) = shown_langs(reader).into_iter().find(|l| {
                    doc.block(reader.cursor)
                        .is_some_and(|b| b.text.get(*l).is_some())
                }) else {
                    return vec![Effect::Info("this block has no text to select".into())];
                };
                self.selection = Some(Selection {
                    block: reader.cursor,
                    lang,
                    anchor: 0,
                    head: 0,
                });
                vec![
                    self.selection_highlight(ctx.theme, doc),
                    Effect::OpenLayer(Layer::Select),
                ]
            }
            Action::Annotate => self.handle(NotesMsg::StartNote, ctx),
            Action::TagDocument => self.start_label(label::LabelKind::Tag, reader.doc, &doc.id),
            Action::AddToCollection => {
                self.start_label(label::LabelKind::Collection, reader.doc, &doc.id)
            }
            Action::Bookmark => self.bookmark(reader, doc),
            Action::FindInDocument => vec![Effect::OpenLayer(Layer::Find)],
            Action::NextHit | Action::PrevHit => {
                self.handle(NotesMsg::FindStep(action == Action::NextHit), ctx)
            }
            Action::CopyPassage => {
                let block = doc.block(reader.cursor);
                let texts: Vec<String> = shown_langs(reader)
                    .iter()
                    .filter_map(|l| block?.text.get(*l))
                    .map(plain)
                    .collect();
                vec![Effect::CopyPassage(texts.join("\n\n"))]
            }
            _ => Vec::new(),
        }
    }

    /// What an overlay sent.
    pub fn handle(&mut self, msg: NotesMsg, ctx: &Ctx) -> Vec<Effect> {
        match msg {
            NotesMsg::PickerKey(key) => return self.picker_key(key, ctx),
            NotesMsg::PickerStep(d) => {
                let last = self.picker.items.len().saturating_sub(1);
                self.picker.selected = self.picker.selected.saturating_add_signed(d).min(last);
                return Vec::new();
            }
            NotesMsg::PickerOpen => {
                return (self.picker.items.get(self.picker.selected))
                    .map(|i| Effect::JumpTo(i.doc, i.block))
                    .into_iter()
                    .collect();
            }
            NotesMsg::LabelKey(_)
            | NotesMsg::LabelComplete(_)
            | NotesMsg::LabelSave
            | NotesMsg::LabelCancel => return self.label_msg(msg),
            _ => {}
        }
        let Some((reader, doc)) = ctx.open() else {
            return Vec::new();
        };
        match msg {
            NotesMsg::Move(m) => {
                let langs = shown_langs(reader);
                if let Some(s) = self.selection.as_mut() {
                    s.apply(m, doc, &langs);
                }
                vec![self.selection_highlight(ctx.theme, doc)]
            }
            NotesMsg::Highlight(colour) => {
                let Some(anchor) = self.selection_anchor(doc) else {
                    return Vec::new();
                };
                self.selection = None;
                let mark = NewMark {
                    anchor: Some(anchor),
                    colour: Some(colour),
                    note: String::new(),
                };
                self.save_mark(mark, ctx.theme, doc, format!("highlighted in {colour}"))
            }
            NotesMsg::StartNote => {
                let anchor = match self.selection_anchor(doc) {
                    Some(a) => Some(a),
                    None => {
                        Anchor::on_block(doc, reader.cursor, shown_langs(reader).first().copied())
                            .ok()
                    }
                };
                if anchor.is_none() {
                    return vec![Effect::Info("this block has no text to note".into())];
                }
                self.pending = anchor;
                vec![Effect::OpenLayer(Layer::NoteEditor)]
            }
            NotesMsg::NoteKey(key) => {
                if key.code == KeyCode::Enter {
                    self.draft.push('\n');
                } else {
                    super::line_edit::edit(&mut self.draft, &key);
                }
                Vec::new()
            }
            NotesMsg::SaveNote => {
                let note = self.draft.trim().to_string();
                if note.is_empty() {
                    return vec![Effect::Info("empty note: nothing saved".into())];
                }
                let mark = NewMark {
                    anchor: self.pending.take(),
                    colour: None,
                    note,
                };
                self.selection = None;
                let effects = self.save_mark(mark, ctx.theme, doc, "note saved".into());
                if self.failed_save.is_none() {
                    self.draft.clear();
                }
                effects
            }
            NotesMsg::CancelNote => vec![Effect::Info(
                "note not saved (kept: a gives it back)".into(),
            )],
            NotesMsg::CancelSelection => {
                self.selection = None;
                vec![Effect::Highlights(SELECTION, Vec::new())]
            }
            NotesMsg::CopySelection => {
                let text = self
                    .selection
                    .map(|s| plain(s.quote(doc)))
                    .unwrap_or_default();
                self.selection = None;
                vec![
                    Effect::Highlights(SELECTION, Vec::new()),
                    Effect::CopyPassage(text),
                ]
            }
            NotesMsg::FindKey(key) => {
                super::line_edit::edit(&mut self.find.query, &key);
                self.find
                    .search(reader.doc, doc, &shown_langs(reader), reader.cursor);
                self.find_effects(ctx.theme)
            }
            NotesMsg::FindStep(forward) => {
                self.find.step(forward);
                self.find_effects(ctx.theme)
            }
            NotesMsg::FindClose => {
                self.find.clear();
                vec![
                    Effect::Highlights(FIND, Vec::new()),
                    Effect::Highlights(FIND_CURRENT, Vec::new()),
                ]
            }
            _ => Vec::new(),
        }
    }

    /// A mouse press at a char of the text: a drag from there will select.
    pub fn press(&mut self, at: Option<(BlockNo, Lang, usize)>) {
        self.drag_from = at;
    }

    /// A drag to `at`: the selection runs from the press to here (within one block and
    /// language); the selection's keys then apply.
    pub fn drag(&mut self, at: Option<(BlockNo, Lang, usize)>, ctx: &Ctx) -> Vec<Effect> {
        let (Some((b0, l0, c0)), Some((b, l, c))) = (self.drag_from, at) else {
            return Vec::new();
        };
        let Some((_, doc)) = ctx.open() else {
            return Vec::new();
        };
        if (b, l) != (b0, l0) {
            return Vec::new();
        }
        let opened = self.selection.is_none();
        self.selection = Some(Selection {
            block: b,
            lang: l,
            anchor: c0,
            head: c,
        });
        let mut effects = vec![self.selection_highlight(ctx.theme, doc)];
        if opened {
            effects.push(Effect::OpenLayer(Layer::Select));
        }
        effects
    }

    fn selection_anchor(&self, doc: &Document) -> Option<Anchor> {
        let s = self.selection?;
        let r = s.chars();
        Anchor::on_range(doc, s.block, Some(s.lang), r.start, r.end).ok()
    }

    fn save_mark(
        &mut self,
        mark: NewMark,
        theme: &Theme,
        doc: &Document,
        done: String,
    ) -> Vec<Effect> {
        let mut effects = vec![Effect::Highlights(SELECTION, Vec::new())];
        let Some(store) = self.store.clone() else {
            effects.push(Effect::Status(
                Level::Warn,
                "no workspace folder (no data directory): nothing saved".into(),
            ));
            return effects;
        };
        match store.add_mark(&doc.id, mark) {
            Ok((mark, saved)) => {
                if let Some((_, notes)) = self.open.as_mut() {
                    notes.marks.push(mark);
                }
                self.failed_save = None;
                let mut line = done;
                for n in saved.notices {
                    line.push_str(&format!(" ({n})"));
                }
                effects.push(Effect::Info(line));
            }
            Err(e) => effects.push(self.save_failed(format!("not saved: {e}"))),
        }
        effects.push(self.marks(theme, doc));
        effects
    }

    fn save_failed(&mut self, line: String) -> Effect {
        self.failed_save = Some(line.clone());
        Effect::Status(Level::Error, line)
    }

    fn bookmark(&mut self, reader: &ReaderState, doc: &Document) -> Vec<Effect> {
        let Some(store) = self.store.clone() else {
            return vec![Effect::Status(
                Level::Warn,
                "no workspace folder: bookmark not saved".into(),
            )];
        };
        let block = reader.cursor;
        let anchor = match Anchor::on_block(doc, block, shown_langs(reader).first().copied()) {
            Ok(a) => a,
            Err(e) => return vec![Effect::Info(format!("no bookmark: {e}"))],
        };
        match store.add_bookmark(&doc.id, anchor) {
            Ok((b, _)) => {
                if let Some((_, notes)) = self.open.as_mut()
                    && !notes.bookmarks.iter().any(|x| x.id == b.id)
                {
                    notes.bookmarks.push(b);
                }
                vec![Effect::Info(format!(
                    "bookmarked {}",
                    crate::tui::pinpoint::block_pin(block)
                ))]
            }
            Err(e) => vec![self.save_failed(format!("bookmark not saved: {e}"))],
        }
    }
}

/// The languages the reader shows now, in reading order.
pub fn shown_langs(reader: &ReaderState) -> Vec<Lang> {
    match reader.view {
        View::Single(l) => vec![l],
        _ => reader.pair.clone(),
    }
}

/// Stored text as a reader reads it: footnote references out, editorial insertions kept.
fn plain(stored: &str) -> String {
    use crate::model::inline::{Segment, segments};
    segments(stored)
        .into_iter()
        .filter_map(|s| match s {
            Segment::Text(t) | Segment::Editorial(t) => Some(t),
            Segment::FootnoteRef(_) => None,
        })
        .collect()
}
