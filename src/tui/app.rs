//! The application state and `update`: every key, click and message changes the state here,
//! and only here. Drawing ([`super::ui::draw`]) then reads it.

use super::action::Action;
use super::block_text::PieceKind;
use super::keymap::{Key, Keymap, Mode};
use super::overlay::{Outcome, OverlayStack};
use super::overlays::help::HelpOverlay;
use super::positions::{Position, PositionStore};
use super::sections;
use super::state::citation::CitationState;
use super::state::list::ListState;
use super::state::panel::PanelState;
use super::state::reader::ReaderState;
use super::state::search::SearchState;
use super::status::{Level, StatusLine};
use super::theme::Theme;
use super::ui::layout::{Areas, areas};
use crate::corpus::Corpus;
use crate::model::Document;
use crate::refs::{Links, Registry};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position as Cell, Rect};
use std::sync::mpsc::{Receiver, Sender, channel};

/// Which full screen is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    List,
    Reader,
}

/// Which pane receives keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Panel,
}

/// Something for the event loop: input, or work posted from another thread (search results,
/// a finished index build). The loop redraws after each.
pub enum AppEvent {
    Input(Event),
    Status(Level, String),
    Run(Box<dyn FnOnce(&mut App) + Send>),
}

/// What the app is started with: keys, styles, remembered positions, and problems met while
/// loading them (shown in the status line).
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    pub positions: PositionStore,
    pub problems: Vec<String>,
}

impl Settings {
    /// Built-in keys and colours, positions in memory: for tests and benchmarks.
    pub fn defaults() -> Settings {
        Settings {
            keymap: Keymap::default(),
            theme: Theme::builtin(false),
            positions: PositionStore::in_memory(),
            problems: Vec::new(),
        }
    }

    /// The user's configuration (XDG config dir), `NO_COLOR`, and saved positions.
    pub fn load() -> Settings {
        let mut problems = Vec::new();
        let (keymap, e) = Keymap::load();
        problems.extend(e.map(|e| format!("{e} (using the default keys)")));
        let (theme, e) = Theme::load();
        problems.extend(e.map(|e| format!("{e} (using the default theme)")));
        let (positions, e) = PositionStore::open_default();
        problems.extend(e);
        Settings {
            keymap,
            theme,
            positions,
            problems,
        }
    }
}

pub struct App {
    pub docs: Vec<Document>,
    pub screen: Screen,
    pub focus: Focus,
    pub list: ListState,
    /// The open document; kept when going back to the list so Tab returns to it.
    pub reader: Option<ReaderState>,
    pub panel: PanelState,
    /// The search overlay's query and results, and the hits shown in the reader.
    pub search: SearchState,
    /// The citation the panel shows and `y` copies.
    pub citation: CitationState,
    pub overlays: OverlayStack,
    pub status: StatusLine,
    pub keymap: Keymap,
    pub theme: Theme,
    pub positions: PositionStore,
    /// The instruments and entities the documents name, and where they are mentioned.
    pub registry: Registry,
    pub links: Links,
    /// The selected link and the history of followed links.
    pub link: super::links::LinkState,
    pub should_quit: bool,
    /// The terminal size at the last frame.
    pub size: Rect,
    /// Bytes for the terminal itself (OSC 52 and other escape sequences), written by the loop
    /// after the next frame so they never land inside one.
    pub after_frame: Vec<u8>,
    tx: Sender<AppEvent>,
    rx: Receiver<AppEvent>,
}

impl App {
    pub fn new(corpus: Corpus, settings: Settings) -> App {
        let (tx, rx) = channel();
        let mut panel = PanelState::default();
        sections::install_defaults(&mut panel);
        sections::install_backlinks(&mut panel, &corpus);
        let mut app = App {
            list: ListState::new(&corpus.documents),
            docs: corpus.documents,
            screen: Screen::List,
            focus: Focus::List,
            reader: None,
            panel,
            search: SearchState::default(),
            citation: CitationState::default(),
            overlays: OverlayStack::default(),
            status: StatusLine::default(),
            keymap: settings.keymap,
            theme: settings.theme,
            positions: settings.positions,
            registry: corpus.registry,
            links: corpus.links,
            link: Default::default(),
            should_quit: false,
            size: Rect::default(),
            after_frame: Vec::new(),
            tx,
            rx,
        };
        super::citation::install(&mut app);
        let mut problems = settings.problems;
        if let Some(skipped) = corpus_summary(&corpus.problems) {
            problems.push(skipped);
        }
        if !problems.is_empty() {
            app.status.warn(problems.join(" · "));
        }
        app
    }

    /// A sender for other threads to post events (results, messages) to the loop.
    pub fn sender(&self) -> Sender<AppEvent> {
        self.tx.clone()
    }

    /// Handles every event already posted; returns whether there were any.
    pub fn drain_events(&mut self) -> bool {
        let mut any = false;
        while let Ok(ev) = self.rx.try_recv() {
            self.handle(ev);
            any = true;
        }
        any
    }

    /// Waits for the next event (used by the loop).
    pub(crate) fn wait_event(&mut self) -> Option<AppEvent> {
        self.rx.recv().ok()
    }

    pub fn handle(&mut self, ev: AppEvent) {
        match ev {
            AppEvent::Input(Event::Key(key)) => self.key(key),
            AppEvent::Input(Event::Mouse(m)) => self.mouse(m),
            AppEvent::Input(_) => {}
            AppEvent::Status(level, text) => self.status.post(level, text),
            AppEvent::Run(f) => f(self),
        }
    }

    /// The keymap table that applies now.
    pub fn mode(&self) -> Mode {
        match self.focus {
            Focus::List if self.list.editing => Mode::Filter,
            Focus::List => Mode::List,
            Focus::Reader => Mode::Reader,
            Focus::Panel => Mode::Panel,
        }
    }

    pub fn document(&self) -> Option<&Document> {
        self.reader.as_ref().and_then(|r| self.docs.get(r.doc))
    }

    /// The screen areas at the last frame's size.
    pub fn areas(&self) -> Areas {
        areas(self.size, self.screen, self.panel.open, self.panel.focused)
    }

    /// Brings caches up to date with a terminal of `size`: the reader's layout (rebuilt only
    /// when width, view or document changed), visible heights, scroll limits. Call before
    /// each draw; drawing itself never computes layouts.
    pub fn prepare(&mut self, size: Rect) {
        self.size = size;
        let a = self.areas();
        self.list.height = a.list.height as usize;
        self.list.clamp();
        if self.screen != Screen::Reader {
            return;
        }
        if let Some(reader) = self.reader.as_mut()
            && let Some(doc) = self.docs.get(reader.doc)
            && a.body.width > 0
            && a.body.height > 0
        {
            reader.prepare(doc, a.body.width, a.body.height);
        }
        self.citation.refresh(&self.docs, self.reader.as_ref());
        if let Some(panel) = a.panel {
            // The panel scrolls no further than its last line.
            let (inner, rows) = super::ui::panel::measure(self, panel);
            self.panel.scroll = self
                .panel
                .scroll
                .min(rows.saturating_sub(inner.height as usize));
        }
    }

    pub fn key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.status.key_pressed();
        if let Some(top) = self.overlays.top_mut() {
            match top.handle_key(&key, &self.keymap) {
                Outcome::Consumed => return,
                Outcome::Close => {
                    self.overlays.pop();
                    return;
                }
                Outcome::Pass => {}
                Outcome::Run(f) => return f(self),
                Outcome::CloseAndRun(f) => {
                    self.overlays.pop();
                    return f(self);
                }
            }
        }
        let mode = self.mode();
        let k = Key::from_event(&key);
        if let Some(action) = self.keymap.action(mode, k) {
            self.update(action);
            return;
        }
        if mode == Mode::Filter {
            match key.code {
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    self.list.push_char(c)
                }
                KeyCode::Backspace if self.list.query.is_empty() => self.list.editing = false,
                KeyCode::Backspace => self.list.pop_char(),
                _ => {}
            }
        }
    }

    /// Carries out one action where the focus is.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => {
                self.save_position();
                self.should_quit = true;
                return;
            }
            Action::Help => {
                self.overlays.push(Box::new(HelpOverlay::new(self.mode())));
                return;
            }
            Action::Search => {
                self.open_search();
                return;
            }
            _ => {}
        }
        if self.citation_action(action) {
            return;
        }
        match self.focus {
            Focus::List => self.update_list(action),
            Focus::Reader => self.update_reader(action),
            Focus::Panel => self.update_panel(action),
        }
    }

    fn update_list(&mut self, action: Action) {
        let list = &mut self.list;
        match action {
            Action::Up => list.move_by(-1),
            Action::Down => list.move_by(1),
            Action::PageUp => list.move_by(-list.page()),
            Action::PageDown => list.move_by(list.page()),
            Action::Top => list.to_top(),
            Action::Bottom => list.to_bottom(),
            Action::Filter => {
                // A new filter, as `/` starts a new search in vi.
                list.query.clear();
                list.editing = true;
                list.refilter();
            }
            Action::Back => list.clear_filter(),
            Action::Open => {
                list.editing = false;
                match list.selected_doc() {
                    Some(i) => self.open_document(i),
                    None => self.status.info("no document to open"),
                }
            }
            Action::FocusNext | Action::FocusPrev if self.reader.is_some() => {
                self.screen = Screen::Reader;
                self.focus = Focus::Reader;
            }
            Action::Timeline => self.open_timeline(),
            _ => {}
        }
    }

    fn update_reader(&mut self, action: Action) {
        let Some(reader) = self.reader.as_mut() else {
            self.focus = Focus::List;
            return;
        };
        match action {
            Action::Up => reader.move_cursor(-1),
            Action::Down => reader.move_cursor(1),
            Action::ScrollUp => reader.scroll_by(-1),
            Action::ScrollDown => reader.scroll_by(1),
            Action::PageUp => reader.page(false),
            Action::PageDown => reader.page(true),
            Action::Top => reader.to_top(),
            Action::Bottom => reader.to_bottom(),
            Action::CycleView => {
                reader.cycle_view();
                let label = reader.view.label();
                self.status.info(format!("view: {label}"));
                self.link.selected = None;
                self.refresh_link_highlights();
            }
            Action::Back => self.close_reader(),
            Action::TogglePanel => {
                if self.wide() {
                    self.panel.open = !self.panel.open;
                } else {
                    self.panel.open = true;
                    self.focus_panel(true);
                }
            }
            Action::FocusNext | Action::FocusPrev => {
                self.panel.open = true;
                self.focus_panel(true);
            }
            Action::NextFootnote => self.next_footnote(),
            Action::Open => {
                // Enter follows the selected link; on a block without one, shows its note.
                let followed = self.follow_selected_link();
                if !followed {
                    self.footnote_of_cursor();
                }
            }
            Action::NextLink => self.step_link(true),
            Action::PrevLink => self.step_link(false),
            Action::HistoryBack => self.history_step(true),
            Action::HistoryForward => self.history_step(false),
            Action::Timeline => self.open_timeline(),
            Action::NextHit => self.step_search_hit(true),
            Action::PrevHit => self.step_search_hit(false),
            _ => {}
        }
    }

    fn open_timeline(&mut self) {
        let timeline = super::overlays::timeline::TimelineOverlay::new(self);
        self.overlays.push(Box::new(timeline));
    }

    fn update_panel(&mut self, action: Action) {
        let panel = &mut self.panel;
        match action {
            Action::Up => panel.scroll = panel.scroll.saturating_sub(1),
            Action::Down => panel.scroll += 1,
            Action::PageUp => panel.scroll = panel.scroll.saturating_sub(10),
            Action::PageDown => panel.scroll += 10,
            Action::Top => panel.scroll = 0,
            Action::Bottom => panel.scroll = usize::MAX / 2,
            Action::Back | Action::FocusNext | Action::FocusPrev => self.focus_panel(false),
            Action::TogglePanel => {
                if self.wide() {
                    self.panel.open = false;
                }
                self.focus_panel(false);
            }
            Action::NextFootnote => self.next_footnote(),
            Action::Open => {
                // Back to the text, at the block the selected note belongs to.
                let block = self.panel.selected_footnote.as_ref().and_then(|id| {
                    self.document()?
                        .footnotes
                        .iter()
                        .find(|f| &f.id == id)
                        .map(|f| f.block)
                });
                if let (Some(block), Some(reader)) = (block, self.reader.as_mut()) {
                    reader.cursor = block.saturating_sub(1);
                    reader.reveal_cursor();
                }
                self.focus_panel(false);
            }
            _ => {}
        }
    }

    /// Whether the panel sits beside the text (wide screens) rather than taking its place.
    fn wide(&self) -> bool {
        super::ui::layout::panel_beside(self.size)
    }

    fn focus_panel(&mut self, on: bool) {
        self.panel.focused = on;
        self.focus = if on { Focus::Panel } else { Focus::Reader };
    }

    /// Opens document `i` of the corpus at its remembered position.
    pub fn open_document(&mut self, i: usize) {
        if i >= self.docs.len() {
            return;
        }
        if self.reader.as_ref().is_none_or(|r| r.doc != i) {
            self.save_position();
            let doc = &self.docs[i];
            let mut reader = ReaderState::open(i, doc);
            if let Some(pos) = self.positions.get(&doc.id) {
                reader.restore_later(pos.block.saturating_sub(1), pos.top.saturating_sub(1));
            }
            self.reader = Some(reader);
            self.panel.scroll = 0;
            self.panel.selected_footnote = None;
        }
        self.screen = Screen::Reader;
        self.focus = Focus::Reader;
        self.panel.focused = false;
        self.after_document_change();
    }

    /// The corpus index of the document with this id.
    pub fn find_document(&self, id: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }

    /// Opens document `i` with the cursor on `block` (from 0), shown at the top: for search
    /// hits, cross-references and citations that point into a document.
    pub fn open_at(&mut self, i: usize, block: usize) {
        self.open_document(i);
        if let Some(reader) = self.reader.as_mut().filter(|r| r.doc == i) {
            reader.restore_later(block, block);
        }
    }

    fn close_reader(&mut self) {
        self.save_position();
        self.screen = Screen::List;
        self.focus = Focus::List;
        self.panel.focused = false;
        // Keep the list's selection on the document just read.
        if let Some(r) = &self.reader
            && let Some(p) = self.list.shown.iter().position(|&d| d == r.doc)
        {
            self.list.selected = p;
            self.list.clamp();
        }
    }

    /// Remembers where the reader is in the open document (and writes it to disk).
    pub fn save_position(&mut self) {
        let Some(reader) = &self.reader else { return };
        if reader.layout.key.is_none() {
            return; // never shown: nothing new to remember
        }
        let Some(doc) = self.docs.get(reader.doc) else {
            return;
        };
        let pos = Position {
            block: reader.cursor + 1,
            top: reader.top_block() + 1,
        };
        if let Err(e) = self.positions.set(&doc.id, pos) {
            self.status
                .error(format!("reading position not saved: {e}"));
        }
    }

    /// Jumps to the next footnote at or after the current block and shows it in the panel.
    fn next_footnote(&mut self) {
        let Some(reader) = self.reader.as_ref() else {
            return;
        };
        let Some(doc) = self.docs.get(reader.doc) else {
            return;
        };
        let cursor = reader.cursor + 1;
        let current = self.panel.selected_footnote.as_deref();
        let after_current = doc
            .footnotes
            .iter()
            .position(|f| Some(f.id.as_str()) == current && f.block == cursor);
        let next = doc
            .footnotes
            .iter()
            .enumerate()
            .filter(|(i, f)| f.block >= cursor && after_current.is_none_or(|c| *i > c))
            .min_by_key(|(i, f)| (f.block, *i))
            .map(|(_, f)| (f.id.clone(), f.block));
        match next {
            Some((id, block)) => self.show_footnote(id, block),
            None => self.status.info("no footnote from here to the end"),
        }
    }

    /// The first footnote of the current block, if it has one.
    fn footnote_of_cursor(&mut self) {
        let Some(doc) = self.document() else { return };
        let cursor = self.reader.as_ref().map_or(0, |r| r.cursor) + 1;
        match doc.footnotes.iter().find(|f| f.block == cursor) {
            Some(f) => {
                let (id, block) = (f.id.clone(), f.block);
                self.show_footnote(id, block);
            }
            None => self.status.info(format!("block {cursor} has no footnote")),
        }
    }

    fn show_footnote(&mut self, id: String, block: usize) {
        if let Some(reader) = self.reader.as_mut() {
            reader.cursor = block.saturating_sub(1);
            reader.reveal_cursor();
        }
        self.status.info(format!("footnote {id} (block {block})"));
        self.panel.selected_footnote = Some(id);
        self.panel.open = true;
        self.panel.scroll = 0;
        if !self.wide() {
            self.focus_panel(true);
        }
    }

    pub fn mouse(&mut self, m: MouseEvent) {
        let a = self.areas();
        let at = Cell {
            x: m.column,
            y: m.row,
        };
        let inside = |r: Rect| r.contains(at);
        if !self.overlays.is_empty() {
            return;
        }
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d: isize = if m.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                if self.screen == Screen::List && inside(a.list) {
                    self.list.move_by(d.signum());
                } else if a.panel.is_some_and(inside) {
                    self.panel.scroll = self.panel.scroll.saturating_add_signed(d);
                } else if inside(a.body)
                    && let Some(r) = self.reader.as_mut()
                {
                    r.scroll_by(d);
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if self.screen == Screen::List && inside(a.list) {
                    let row = self.list.offset + (m.row - a.list.y) as usize;
                    if row < self.list.shown.len() {
                        if row == self.list.selected {
                            self.update_list(Action::Open);
                        } else {
                            self.list.selected = row;
                            self.list.clamp();
                        }
                    }
                } else if a.panel.is_some_and(inside) {
                    self.focus_panel(true);
                } else if self.screen == Screen::Reader && inside(a.body) {
                    self.focus_panel(false);
                    self.click_text(m.column - a.body.x, m.row - a.body.y);
                }
            }
            _ => {}
        }
    }
}

impl App {
    /// A click at (`x`, `y`) inside the reader's body: selects the block there; on a footnote
    /// marker, jumps to the footnote.
    fn click_text(&mut self, x: u16, y: u16) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let row_index = r.scroll + y as usize;
        let Some(row) = r.layout.rows.get(row_index) else {
            return;
        };
        r.cursor = row.block as usize;
        let g = r.layout.geometry;
        let mut footnote = None;
        for part in row.parts.iter().flatten() {
            let (px, pw) = g.slot(part.slot);
            if x < px || x >= px + pw {
                continue;
            }
            let Some((laid, line)) = r.layout.text(part) else {
                continue;
            };
            // The character under the click, by display width.
            let mut col = px;
            let mut at = None;
            for (i, c) in line.char_indices() {
                let w = crate::text::wrap::char_width(c) as u16;
                if x < col + w.max(1) {
                    at = Some(part.range.start as usize + i);
                    break;
                }
                col += w;
            }
            let Some(at) = at else { continue };
            if let Some((_, PieceKind::FootnoteRef { index })) =
                laid.text.pieces_in(at..at + 1).next()
            {
                footnote = laid.text.footnote_ids.get(index as usize).cloned();
            }
        }
        if let Some(id) = footnote {
            let block = self
                .document()
                .and_then(|d| d.footnotes.iter().find(|f| f.id == id))
                .map_or(0, |f| f.block);
            if block > 0 {
                self.show_footnote(id, block);
            } else {
                self.status.warn(format!(
                    "footnote {id} is referenced but not in the document"
                ));
            }
        }
    }
}

fn corpus_summary(problems: &[crate::corpus::Problem]) -> Option<String> {
    match problems.len() {
        0 => None,
        1 => Some(format!("1 corpus file skipped: {}", problems[0])),
        n => Some(format!(
            "{n} corpus files skipped (run `lectern check` for details)"
        )),
    }
}
