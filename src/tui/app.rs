//! The reader's top level: the state of every feature, and the routing of what comes in.
//!
//! [`App::handle`] takes every [`Msg`] apart; a key goes to the top overlay, then through the
//! keymap to an [`Action`], and [`App::update`] hands the action to the feature that owns it
//! (list, reader, panel, search, citation, links: each in its own module of `tui/`); what a
//! feature asks of another comes back as an [`super::Effect`], carried out by `App::apply`
//! in `apply.rs`. Nothing else is decided here. Drawing ([`super::ui::draw`]) then reads the state.

use super::action::Action;
use super::citation::state::CitationState;
use super::effect::Effect;
use super::focus::{Focus, Screen};
use super::help::HelpOverlay;
use super::keymap::{Key, Keymap, Mode};
use super::layout::{Areas, areas};
use super::list::List;
use super::msg::Msg;
use super::overlay::{Outcome, OverlayStack};
use super::panel::{Panel, sections, state::SectionContext};
use super::positions::PositionStore;
use super::reader::state::ReaderState;
use super::search::state::SearchState;
pub use super::settings::Settings;
use super::status::StatusLine;
use super::theme::Theme;
use super::workspace::{Ctx, Notes};
use crate::corpus::Corpus;
use crate::model::{BlockNo, DocIx, Document};
use crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::layout::Rect;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

pub struct App {
    /// The corpus, shared with the search worker (never copied).
    pub corpus: Arc<Corpus>,
    pub screen: Screen,
    pub focus: Focus,
    pub list: List,
    /// The open document; kept when going back to the list so Tab returns to it.
    pub reader: Option<ReaderState>,
    pub panel: Panel,
    /// The search overlay's query and results, and the hits shown in the reader.
    pub search: SearchState,
    /// The citation the panel shows and `y` copies.
    pub citation: CitationState,
    pub overlays: OverlayStack,
    pub status: StatusLine,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The reader's settings from the user's `config.toml` (the measure).
    pub reader_config: super::config::ReaderConfig,
    pub positions: PositionStore,
    /// The selected link and the history of followed links.
    pub link: super::links::LinkState,
    /// Sentence alignment, translation questions and the sentence cursor of the open document.
    pub parallel: super::parallel::Parallel,
    /// Highlights, notes, bookmarks, find in document (`workspace/`).
    pub notes: Notes,
    /// The translation concordance window (`concordance/`).
    pub concordance: super::concordance::ConcordanceView,
    /// The compare window (`compare/`).
    pub compare: super::compare::CompareView,
    pub should_quit: bool,
    /// The terminal size at the last frame.
    pub size: Rect,
    /// Bytes for the terminal itself (OSC 52 and other escape sequences), written by the loop
    /// after the next frame so they never land inside one.
    pub after_frame: Vec<u8>,
    pub(super) tx: Sender<Msg>,
    rx: Receiver<Msg>,
}

impl App {
    pub fn new(corpus: Corpus, settings: Settings) -> App {
        // A worker's panic is reported in the status line; the hook keeps its message.
        super::terminal::install_panic_hook();
        let (tx, rx) = channel();
        let mut panel = Panel::default();
        sections::install_defaults(&mut panel);
        let skipped = corpus_summary(&corpus.problems);
        let (notes, notes_problem) = Notes::new(settings.workspace);
        panel.add_section(
            super::panel::state::SectionSlot::Extra,
            Box::new(super::workspace::section::NotesSection {
                listed: notes.listed.clone(),
            }),
        );
        let mut app = App {
            list: List::new(&corpus.documents),
            corpus: Arc::new(corpus),
            screen: Screen::List,
            focus: Focus::List,
            reader: None,
            panel,
            search: SearchState::over(notes.store.clone()),
            citation: CitationState::default(),
            overlays: OverlayStack::default(),
            status: StatusLine::default(),
            keymap: settings.keymap,
            theme: settings.theme,
            reader_config: settings.reader,
            positions: settings.positions,
            link: Default::default(),
            parallel: Default::default(),
            notes,
            concordance: Default::default(),
            compare: Default::default(),
            should_quit: false,
            size: Rect::default(),
            after_frame: Vec::new(),
            tx,
            rx,
        };
        let key = (app.keymap).hint(Mode::Reader, Action::Backlinks);
        sections::install_backlinks(&mut app.panel, &app.corpus, key.map(|k| k.to_string()));
        app.list.filter_on_worker(app.tx.clone());
        super::citation::install(&mut app.panel, &app.keymap, &app.citation);
        let loaded = app.parallel.loaded.clone();
        (app.panel).add_section(
            super::panel::state::SectionSlot::Notes,
            Box::new(super::parallel::section::ParallelSection { loaded }),
        );
        app.list.set_labels(&app.corpus, &app.notes.library);
        let mut problems = settings.problems;
        problems.extend(notes_problem);
        problems.extend(skipped);
        if !problems.is_empty() {
            app.status.warn(problems.join(" · "));
        }
        app
    }

    /// The documents of the corpus, in list order.
    pub fn docs(&self) -> &crate::corpus::Docs {
        &self.corpus.documents
    }

    /// A sender for other threads to post messages (results, outcomes) to the loop.
    pub fn sender(&self) -> Sender<Msg> {
        self.tx.clone()
    }

    /// Handles every message already posted; returns whether there were any.
    pub fn drain_events(&mut self) -> bool {
        let mut any = false;
        while let Ok(msg) = self.rx.try_recv() {
            self.handle(msg);
            any = true;
        }
        any
    }

    /// Waits for the next message (used by the loop).
    pub(crate) fn wait_event(&mut self) -> Option<Msg> {
        self.rx.recv().ok()
    }

    /// The next message posted to the loop, without handling it: tests read what the workers
    /// sent as data, then hand it to [`App::handle`]. `None` after `timeout`.
    pub fn next_msg(&mut self, timeout: Duration) -> Option<Msg> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// The one place a message is taken apart: each goes to the feature that owns it.
    pub fn handle(&mut self, msg: Msg) {
        match msg {
            Msg::Input(Event::Key(key)) => {
                let layers = self.overlays.len();
                self.key(key);
                self.status.window_opened(self.overlays.len() > layers);
            }
            Msg::Input(Event::Mouse(m)) => self.mouse(m),
            Msg::Input(_) => {}
            Msg::Status(level, text) => self.status.post(level, text),
            Msg::Search(ev) => self.search_event(ev),
            Msg::SearchDue(edit) => self.search.due(edit),
            Msg::SearchKey(key) => {
                let effects = self.search.type_key(key);
                self.apply(effects);
            }
            Msg::SearchAction(action) => self.search_action(action),
            Msg::JumpTo { doc, block } => self.jump_to(doc, block),
            Msg::Follow(target) => self.follow(target),
            Msg::Notes(m) => self.route_notes(|notes, ctx| notes.handle(m, ctx)),
            Msg::Copied(done) => self.apply(super::citation::copied(done)),
            Msg::Concordance(m) => self.concordance_msg(m),
            Msg::CompareKey(key) => self.compare_key(key),
            Msg::WorkerStopped { worker, message } => self.worker_stopped(worker, message),
            Msg::ListFiltered {
                generation,
                shown,
                complete,
            } => {
                crate::trace!(
                    "list answer {generation} rows={} complete={complete}",
                    shown.len()
                );
                self.list.filtered(generation, shown, complete)
            }
            Msg::CorpusReloaded(reloaded) => self.corpus_reloaded(reloaded),
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

    /// The open document.
    pub fn document(&self) -> Option<&Document> {
        self.reader.as_ref().and_then(|r| self.doc(r.doc))
    }

    pub fn doc(&self, i: DocIx) -> Option<&Document> {
        self.corpus.documents.get(i.0)
    }

    /// The corpus index of the document with this id.
    pub fn find_document(&self, id: &str) -> Option<DocIx> {
        self.corpus.ix(id)
    }

    /// Every feature's state, read-only, for drawing one frame.
    pub fn view(&self) -> super::ui::View<'_> {
        super::ui::View {
            screen: self.screen,
            mode: self.mode(),
            corpus: &self.corpus,
            list: &self.list,
            reader: self.reader.as_ref(),
            panel: &self.panel,
            search: &self.search,
            parallel: &self.parallel,
            notes: &self.notes,
            concordance: &self.concordance,
            compare: &self.compare,
            overlays: &self.overlays,
            status: &self.status,
            keymap: &self.keymap,
            theme: &self.theme,
        }
    }

    /// The screen areas at the last frame's size.
    pub fn areas(&self) -> Areas {
        areas(self.size, self.screen, self.panel.open, self.panel.focused)
    }

    /// Brings caches up to date with a terminal of `size`: the reader's layout (rebuilt only
    /// when width, view or document changed), visible heights, scroll limits, the citation
    /// and the panel's lines. Call before each draw; drawing itself never computes layouts.
    pub fn prepare(&mut self, size: Rect) {
        self.size = size;
        let a = self.areas();
        self.list.height = a.list.height as usize;
        self.list.clamp();
        if self.screen != Screen::Reader {
            return;
        }
        if let Some(reader) = self.reader.as_mut()
            && let Some(doc) = self.corpus.documents.get(reader.doc.0)
            && a.body.width > 0
            && a.body.height > 0
        {
            reader.prepare(doc, a.body.width, a.body.height);
        }
        self.citation
            .refresh(&self.corpus.documents, self.reader.as_ref());
        let theme = &self.theme;
        // Copied out: the panel is changed while the context is alive.
        let selected = self.panel.selected_footnote.clone();
        let ctx = self.reader.as_ref().and_then(|reader| {
            Some(SectionContext {
                ix: reader.doc,
                doc: self.corpus.documents.get(reader.doc.0)?,
                visible: reader.layout.visible_blocks(reader.scroll, reader.height),
                cursor: reader.cursor,
                article_block: reader.article_block(),
                selected_footnote: selected.as_deref(),
                theme,
            })
        });
        self.panel.prepare(a.panel, ctx.as_ref());
    }

    /// Routing of a key: the top overlay first, then the keymap of the focused pane.
    pub fn key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.status.key_pressed();
        // The search window, while it shows, is above every overlay and takes every key.
        if self.search.open {
            return self.search_key(key);
        }
        if let Some(top) = self.overlays.top_mut() {
            match top.handle_key(&key, &self.keymap) {
                Outcome::Consumed => return,
                Outcome::Close => {
                    self.overlays.pop();
                    return;
                }
                Outcome::Pass => {}
                Outcome::Send(msg) => return self.handle(msg),
                Outcome::CloseAndSend(msg) => {
                    self.overlays.pop();
                    return self.handle(msg);
                }
            }
        }
        let mode = self.mode();
        match self.keymap.action(mode, Key::from_event(&key)) {
            Some(action) => self.update(action),
            None if mode == Mode::Filter => self.list.type_key(key),
            None => {}
        }
    }

    /// Routing of an action: the few that apply everywhere, then the focused feature's.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => {
                self.save_position();
                self.should_quit = true;
            }
            Action::Help => self.overlays.push(Box::new(HelpOverlay::new(self.mode()))),
            Action::Search => self.open_search(),
            Action::MyNotes | Action::Recent => {
                self.route_notes(|notes, ctx| notes.update(action, ctx))
            }
            Action::Select
            | Action::Annotate
            | Action::Bookmark
            | Action::FindInDocument
            | Action::CopyPassage
            | Action::TagDocument
            | Action::AddToCollection
                if self.focus == Focus::Reader =>
            {
                self.route_notes(|notes, ctx| notes.update(action, ctx))
            }
            // In the list: the selected document.
            Action::TagDocument | Action::AddToCollection if self.focus == Focus::List => {
                let doc = self.list.selected_doc();
                self.route_notes(|notes, ctx| notes.label_listed(action, doc, ctx))
            }
            // While a find is in force, n / N step through its matches.
            Action::NextHit | Action::PrevHit
                if self.focus == Focus::Reader && self.notes.find.active() =>
            {
                self.route_notes(|notes, ctx| notes.update(action, ctx))
            }
            Action::CycleStyle | Action::CopyCitation | Action::CopyDocumentCitation
                if matches!(self.focus, Focus::Reader | Focus::Panel) =>
            {
                let reader = self.reader.as_ref();
                let effects =
                    (self.citation).update(action, &self.corpus.documents, reader, &self.tx);
                self.apply(effects);
            }
            Action::Backlinks if matches!(self.focus, Focus::Reader | Focus::Panel) => {
                self.link_action(action)
            }
            Action::Concordance | Action::Compare if self.focus == Focus::Reader => {
                self.open_parallel_window(action)
            }
            // The reader's keys that belong to links and search.
            Action::NextLink
            | Action::PrevLink
            | Action::HistoryBack
            | Action::HistoryForward
            | Action::Timeline
                if self.focus == Focus::Reader =>
            {
                self.link_action(action)
            }
            // Enter follows the selected link; on a block without one, the reader shows its note.
            Action::Open if self.focus == Focus::Reader && self.follow_selected_link() => {}
            Action::NextHit | Action::PrevHit if self.focus == Focus::Reader => {
                self.step_search_hit(action == Action::NextHit)
            }
            Action::NextSentence | Action::PrevSentence if self.focus == Focus::Reader => {
                let block = self.reader.as_ref().map_or(BlockNo::FIRST, |r| r.cursor);
                let effects = self.parallel.update(action, block, &self.theme);
                self.apply(effects);
            }
            _ => match self.focus {
                Focus::List => {
                    let effects = self.list.update(action);
                    self.apply(effects);
                }
                Focus::Reader => self.reader_action(action),
                Focus::Panel => {
                    let wide = self.wide();
                    let doc =
                        (self.reader.as_ref()).and_then(|r| self.corpus.documents.get(r.doc.0));
                    let effects = self.panel.update(action, wide, doc);
                    self.apply(effects);
                }
            },
        }
    }

    /// Hands the workspace component its context and carries out what it asks.
    pub(super) fn route_notes(&mut self, f: impl FnOnce(&mut Notes, &Ctx) -> Vec<Effect>) {
        let ctx = Ctx {
            docs: &self.corpus.documents,
            reader: self.reader.as_ref(),
            ids: self.corpus.ids(),
            theme: &self.theme,
        };
        let effects = f(&mut self.notes, &ctx);
        self.apply(effects);
    }

    /// Whether the panel sits beside the text (wide screens) rather than taking its place.
    pub(super) fn wide(&self) -> bool {
        super::layout::panel_beside(self.size)
    }

    /// Gives the keys to the panel or back to the text.
    pub(super) fn focus_panel(&mut self, on: bool) {
        self.panel.focused = on;
        self.focus = if on { Focus::Panel } else { Focus::Reader };
    }
}

fn corpus_summary(problems: &[crate::diag::Problem]) -> Option<String> {
    match problems.len() {
        0 => None,
        1 => Some(format!("1 corpus file skipped: {}", problems[0])),
        n => Some(format!(
            "{n} corpus files skipped (run `lectern check` for details)"
        )),
    }
}
