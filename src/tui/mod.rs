//! The terminal reader: a list of documents, and a reader that shows an original and its
//! translation side by side, aligned block by block, with notes and source beside them.
//!
//! The loop is Input → [`Action`] → update → draw, redrawing only after a message:
//! - [`app::App`] holds each feature and only routes: every [`Msg`] is taken apart in
//!   `App::handle`; a key goes to the top [`overlay`], then through the [`keymap`] to an
//!   [`Action`], which `App::update` hands to the feature that owns it; what a feature asks of
//!   another comes back as an [`Effect`], carried out in `App::apply` (`apply.rs`);
//! - one folder per feature, each a component (own state, `update` returning effects,
//!   read-only arguments for the rest): [`list::List`], [`reader::state::ReaderState`]
//!   (reading a [`reader::ReaderContext`]), [`panel::Panel`],
//!   [`citation::state::CitationState`], [`search::state::SearchState`] and
//!   [`links::LinkState`] (reading a [`context::ReaderAt`], never the reader),
//!   [`parallel::Parallel`], [`workspace::Notes`]; `impl App` is only in the top layer:
//!   `app.rs` (routing), `apply.rs` (every [`Effect`] in one match), `routing.rs` (builds
//!   the reader, search and links contexts and applies their effects), `parallel_routing.rs`
//!   and `reload_routing.rs` (the corpus reloaded after files changed on disk); [`help`] is the `?` window; overlays draw from an [`overlay::OverlayContext`],
//!   the screen from a [`ui::View`];
//! - layers: the floor (action, effect, msg, context, overlay, keymap, theme, …) < the
//!   reader < the panel < the features < app, apply, routing, ui; a module imports only layers
//!   below it, and no feature imports another (`.ci/module-cycles.py`, run by CI);
//! - [`DocIx`] and [`BlockNo`] (in `crate::model::ids`): the one identity of a document
//!   and a block, shared with refs, search and citations;
//! - `App::prepare` brings caches up to date for the terminal size (the reader's layout, the
//!   panel's lines, the citation); [`ui::draw`] is then a pure function of `App::view`;
//! - [`workers`]: a worker thread that panics posts [`Msg::WorkerStopped`]; [`terminal`] owns
//!   raw mode and the alternate screen and restores them when the program ends.
//!
//! Where each key's behaviour lives (the keys are in `assets/keymap.toml`):
//!
//! | Action | focus | home |
//! |---|---|---|
//! | `Quit`, `Help` | any | `App::update` (`app.rs`), [`help`] |
//! | `Search` | any | `SearchState::open_window` (`search/mod.rs`); keys while the window shows: `SearchState::key` (moves, `Open`, typing) |
//! | `CycleStyle`, `CopyCitation`, `CopyDocumentCitation` | reader, panel | `CitationState::update` (`citation/mod.rs`); a copy's outcome [`Msg::Copied`] → `citation::copied` |
//! | `Up` … `Bottom`, `Filter`, `Back`, `Open`, `FocusNext/Prev`, `Timeline`; typed filter keys | list | [`list::List::update`], `List::type_key` |
//! | `Up` … `Bottom`, `ScrollUp/Down`, `CycleView`, `Back`, `TogglePanel`, `FocusNext/Prev` | reader | `ReaderState::update` (`reader/mod.rs`) |
//! | `NextFootnote`; `Open` on a block without a link | reader, panel | `reader/footnotes.rs` → [`Effect::ShowFootnote`] |
//! | `NextLink`, `PrevLink`, `Open` on a link, `HistoryBack/Forward`, `Timeline` | reader | [`links::LinkState::update`], `LinkState::follow_selected`; cards, backlinks and timeline keys: `links/card.rs`, `links/backlinks.rs`, `links/timeline.rs` |
//! | `Backlinks` | reader, panel | `LinkState::update` → [`Effect::ShowBacklinks`] |
//! | `NextHit`, `PrevHit` | reader | `SearchState::step_hit` (`search/mod.rs`): on past the document's last hit to the next document of the results |
//! | `NextSentence`, `PrevSentence`; a click on a sentence | reader | [`parallel::Parallel::update`], `Parallel::click` |
//! | `Concordance` (the select bar's too); keys of its window | reader | [`concordance::ConcordanceView`] (`concordance/mod.rs`), glue in `parallel_routing.rs` |
//! | `Compare`; keys of its window | reader | [`compare::CompareView`] (`compare/mod.rs`), glue in `parallel_routing.rs` |
//! | `Up` … `Bottom`, `Back`, `Open`, `TogglePanel`, `FocusNext/Prev` | panel | [`panel::Panel::update`] |
//! | mouse | — | `App::mouse` (`routing.rs`) → `List::click`, `ReaderState::click` (a footnote, or [`Effect::SentenceClicked`]), panel focus |
//!
//! To add a feature, see the README's "The reader's architecture". Other extension points:
//! - a panel section: implement [`panel::state::PanelSection`], add it with
//!   `app.panel.add_section(SectionSlot::…, Box::new(…))`;
//! - bytes for the terminal itself (an OSC 52 copy): return [`Effect::WriteTerminal`] (it
//!   lands on `app.after_frame`); the loop writes them after the next frame, never inside one;
//! - a status message: `app.status.info(…)`, an [`Effect::Info`] from a component, or from
//!   another thread `app.sender().send(Msg::Status(…))`;
//! - highlighted text (search hits, links): from a component, [`Effect::Highlight`] with
//!   [`effect::Mark`]s (byte ranges of a block's stored text in one language, a theme style
//!   name); `App::apply` lays them on the reader with `reader.set_highlights(owner, …)`.

pub mod action;
pub mod app;
mod apply;
pub mod citation;
pub mod compare;
pub mod concordance;
pub mod config;
pub mod context;
pub mod effect;
pub mod focus;
pub mod help;
pub mod keymap;
pub mod layout;
mod line_edit;
pub mod links;
pub mod list;
pub mod msg;
pub mod overlay;
pub mod panel;
pub mod parallel;
mod parallel_routing;
pub mod pinpoint;
pub mod positions;
pub mod reader;
mod reload_routing;
mod routing;
pub mod search;
pub mod settings;
pub mod status;
pub mod styled_wrap;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod workers;
pub mod workspace;

pub use crate::model::ids::{BlockNo, DocIx};
pub use action::Action;
pub use app::App;
pub use effect::Effect;
pub use msg::Msg;
pub use settings::Settings;

use crate::corpus::Corpus;
use ratatui::Terminal;
use ratatui::backend::Backend;

/// Runs the reader on `corpus` until the user quits.
pub fn run(corpus: Corpus) -> anyhow::Result<()> {
    let settings = Settings::load();
    crate::diag::timing("settings loaded");
    let mut app = App::new(corpus, settings);
    crate::diag::timing("app made");
    let mut guard = terminal::TerminalGuard::enter()?;
    crate::diag::timing("terminal set up");
    spawn_input_thread(app.sender());
    // The first citation would otherwise load styles and dictionaries (~0.3 s) on a key press.
    std::thread::spawn(crate::cite::warm_up);
    let mut first = true;
    loop {
        frame(&mut app, &mut guard.terminal)?;
        if std::mem::take(&mut first) {
            crate::diag::timing("first frame drawn");
            // After the first screen, the filter's haystacks first (the first thing typed
            // waits for them); then which documents mention each name (a lazy corpus reads
            // every document's mentions for it), so that the first card does not wait, and
            // the full check of the files. Run together, the three took ~6 s at 100k before
            // the first filter could answer (BENCHMARKS.md, "The reader in tmux at 100k").
            let corpus = std::sync::Arc::clone(&app.corpus);
            let check = app.full_check();
            app.list.warm_then(Box::new(move || {
                in_the_background(move || {
                    corpus.links.warm_up();
                    if let Some(check) = check {
                        check();
                    }
                })
            }));
        }
        write_after_frame(&mut app, &mut guard.terminal);
        if app.should_quit {
            break;
        }
        // Sleep until something happens, then take everything that queued up before drawing.
        match app.wait_event() {
            Some(ev) => {
                crate::trace!("woke");
                app.handle(ev)
            }
            None => break,
        }
        app.drain_events();
        if app.should_quit {
            break;
        }
    }
    drop(guard);
    // Said once the terminal is restored, where it stays readable after the reader is gone.
    if let Some(e) = app.positions.failed_save() {
        crate::errln!("lectern: reading position not saved: {e}");
    }
    if let Some(e) = &app.notes.failed_save {
        crate::errln!("lectern: workspace {e}");
    }
    Ok(())
}

/// Brings the state up to date with the terminal size and draws one frame.
pub fn frame<B: Backend>(app: &mut App, terminal: &mut Terminal<B>) -> Result<(), B::Error> {
    crate::trace!("frame start");
    let size = terminal.size()?;
    app.prepare(ratatui::layout::Rect::new(0, 0, size.width, size.height));
    terminal.draw(|f| ui::draw(&app.view(), f))?;
    crate::trace!("frame written");
    Ok(())
}

/// Runs `work` with its parallel loops on a pool of one thread of its own: the links' index
/// and the full check are `rayon` loops over 100,000 documents, and on the shared pool they
/// held each filter's answer (a `rayon` loop too) back until they were done, 1.3 s at 100k.
/// On one thread of their own they leave the shared pool to the filter and take one core.
fn in_the_background(work: impl FnOnce() + Send) {
    match rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "background".into())
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// Writes what the app queued for the terminal itself (OSC 52 of a copy) after a frame.
fn write_after_frame(app: &mut App, terminal: &mut terminal::Term) {
    if app.after_frame.is_empty() {
        return;
    }
    let bytes = std::mem::take(&mut app.after_frame);
    let out = terminal.backend_mut();
    if let Err(e) = std::io::Write::write_all(out, &bytes).and_then(|()| std::io::Write::flush(out))
    {
        app.status
            .error(format!("could not write to the terminal: {e}"));
    }
}

/// Reads terminal events on their own thread and posts them to the loop.
fn spawn_input_thread(tx: std::sync::mpsc::Sender<Msg>) {
    std::thread::spawn(move || {
        while let Ok(ev) = crossterm::event::read() {
            if let crossterm::event::Event::Key(key) = &ev {
                crate::trace!("key read {:?}", key.code);
            }
            if tx.send(Msg::Input(ev)).is_err() {
                break;
            }
        }
    });
}
