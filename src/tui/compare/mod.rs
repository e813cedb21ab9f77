//! Two documents side by side in the reader, a component: the open document and a second one
//! chosen from a filtered list, aligned by their structure (articles of treaties by number,
//! else blocks by content similarity: `crate::parallel::compare`), each pair with its
//! similarity and, when both share a language, a diff in it (by words; by characters for
//! Chinese).
//!
//! - opened by [`Action::Compare`] ([`CompareView::open`]): the list of the other documents,
//!   filtered by what is typed; Enter compares the open document with the one selected;
//! - in the comparison, `j`/`k` move from pair to pair, `h`/`l` (or Tab) choose the side, `y`
//!   copies the citation of that side with its pinpoint ([`Effect::CopyCitationAt`], the
//!   citation's own copier) and Enter opens it in the reader at that block.
//!
//! Keys come in raw ([`CompareView::key`]), as the window does not know which stage it is
//! in; they become [`Input`]s through the keymap. [`view`] draws the window from the state.

pub mod state;
pub mod view;

pub use state::{CompareView, Picking, Showing};

use crate::model::ids::DocIx;
use crate::parallel::compare::compare;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Key, Keymap, Mode};
use crate::tui::line_edit::{Edit, edit};
use crossterm::event::{KeyCode, KeyEvent};

/// How far Page Up and Page Down move in compare's lists.
const PAGE: usize = 10;

/// What a key means to the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Action(Action),
    /// A key that edits the filter line while choosing.
    Type(KeyEvent),
    /// Choose the side: the second document (`true`) or the first.
    Side(bool),
    ToggleSide,
}

impl CompareView {
    /// The list of documents to compare document `first` with.
    pub fn open(&mut self, first: DocIx, docs: &crate::corpus::Docs) -> Vec<Effect> {
        let mut picking = Picking {
            first,
            filter: String::new(),
            matches: Vec::new(),
            selected: 0,
        };
        picking.refilter(docs.heads());
        *self = CompareView::Picking(picking);
        Vec::new()
    }

    /// Compares `a` with `b` at once (the list skipped).
    pub fn show(&mut self, a: DocIx, b: DocIx, docs: &crate::corpus::Docs) -> Vec<Effect> {
        let (Some(da), Some(db)) = (docs.get(a.0), docs.get(b.0)) else {
            return Vec::new();
        };
        let comparison = compare(da, db);
        let line = format!(
            "{} pairs, {}{}",
            comparison.pairs.len(),
            comparison.by.label(),
            comparison.lang.map_or_else(
                || " (no language in common: no diff)".to_string(),
                |l| format!(", compared in {}", l.name())
            )
        );
        *self = CompareView::Showing(Box::new(Showing {
            a,
            b,
            comparison,
            selected: 0,
            right: false,
        }));
        vec![Effect::Info(line)]
    }

    /// A key in the window: the keymap's `filter` table while choosing (other keys type),
    /// the `help` table and the reader's `y` in the comparison; h/l, ←/→ and Tab choose the side.
    pub fn key(
        &mut self,
        key: &KeyEvent,
        keymap: &Keymap,
        docs: &crate::corpus::Docs,
    ) -> Vec<Effect> {
        let k = Key::from_event(key);
        let input = match self {
            CompareView::Closed => return Vec::new(),
            CompareView::Picking(_) => keymap
                .action(Mode::Filter, k)
                .map_or(Input::Type(*key), Input::Action),
            CompareView::Showing(_) => match key.code {
                KeyCode::Tab => Input::ToggleSide,
                KeyCode::Left | KeyCode::Char('h') => Input::Side(false),
                KeyCode::Right | KeyCode::Char('l') => Input::Side(true),
                _ => match keymap.action(Mode::Help, k) {
                    Some(a) => Input::Action(a),
                    None => match keymap.action(Mode::Reader, k) {
                        Some(a @ Action::CopyCitation) => Input::Action(a),
                        _ => return Vec::new(),
                    },
                },
            },
        };
        self.update(input, docs)
    }

    pub fn update(&mut self, input: Input, docs: &crate::corpus::Docs) -> Vec<Effect> {
        let close = || vec![Effect::CloseOverlay(view::NAME)];
        match self {
            CompareView::Closed => Vec::new(),
            CompareView::Picking(p) => match input {
                Input::Type(key) => {
                    if edit(&mut p.filter, &key) == Edit::Changed {
                        p.refilter(docs.heads());
                    }
                    Vec::new()
                }
                Input::Action(Action::Back) => close(),
                Input::Action(Action::Quit) => vec![Effect::Quit],
                Input::Action(Action::Open) => match p.matches.get(p.selected).copied() {
                    Some(b) => {
                        let a = p.first;
                        self.show(a, b, docs)
                    }
                    None => vec![Effect::Info("no document matches the filter".into())],
                },
                Input::Action(a) => {
                    crate::tui::overlay::list_keys_by(a, &mut p.selected, p.matches.len(), PAGE);
                    Vec::new()
                }
                _ => Vec::new(),
            },
            CompareView::Showing(s) => match input {
                Input::Side(right) => {
                    s.right = right;
                    Vec::new()
                }
                Input::ToggleSide => {
                    s.right = !s.right;
                    Vec::new()
                }
                Input::Action(Action::Back | Action::Help) => close(),
                Input::Action(Action::Quit) => vec![Effect::Quit],
                Input::Action(Action::CopyCitation) => match s.side() {
                    Some((doc, side)) => vec![Effect::CopyCitationAt(doc, side.block)],
                    None => vec![Effect::Info("that side has no counterpart to cite".into())],
                },
                Input::Action(Action::Open) => match s.side() {
                    Some((doc, side)) => {
                        let block = side.block;
                        vec![Effect::CloseOverlay(view::NAME), Effect::JumpTo(doc, block)]
                    }
                    None => vec![Effect::Info("that side has no counterpart to open".into())],
                },
                Input::Action(a) => {
                    crate::tui::overlay::list_keys_by(
                        a,
                        &mut s.selected,
                        s.comparison.pairs.len(),
                        PAGE,
                    );
                    Vec::new()
                }
                Input::Type(_) => Vec::new(),
            },
        }
    }
}
