//! The reader's components driven by `Action` values alone: each `update` changes only its own
//! state and returns what it asks of the others as `Effect` data, which these tests check
//! before `App::apply` carries it out.

mod tui_support;

use lectern::corpus::Corpus;
use lectern::tui::list::List;
use lectern::tui::panel::Panel;
use lectern::tui::{Action, BlockNo, DocIx, Effect};
use tui_support::*;

#[test]
fn opening_the_selected_document_is_asked_for_by_index_and_carried_out_by_the_app() {
    let mut app = app();
    app.list.update(Action::Down);
    let want = app
        .list
        .selected_doc()
        .unwrap_or_else(|| panic!("a second document"));
    let effects = app.list.update(Action::Open);
    assert_eq!(effects, vec![Effect::OpenDocument(want)]);
    assert!(
        app.reader.is_none(),
        "the list does not open the reader itself"
    );
    app.apply(effects);
    assert_eq!(app.reader.as_ref().map(|r| r.doc), Some(want));
}

#[test]
fn a_filter_that_matches_nothing_leaves_nothing_to_open_and_says_so() {
    let corpus = Corpus::bundled();
    let mut list = List::new(&corpus.documents);
    assert!(list.update(Action::Filter).is_empty());
    list.query.push_str("zzzz-no-such-document");
    list.refilter();
    assert!(list.shown.is_empty());
    assert_eq!(
        list.update(Action::Open),
        vec![Effect::Info("no document to open".into())]
    );
}

#[test]
fn the_list_asks_for_the_reader_and_the_app_goes_there_only_when_a_document_is_open() {
    let mut app = app();
    let effects = app.list.update(Action::FocusNext);
    assert_eq!(effects, vec![Effect::ShowReader]);
    app.apply(effects);
    assert_eq!(
        app.screen,
        lectern::tui::focus::Screen::List,
        "nothing is open"
    );
    assert_eq!(
        app.list.update(Action::Timeline),
        vec![Effect::OpenTimeline]
    );
}

#[test]
fn the_panel_sends_the_reader_to_the_block_of_its_selected_footnote() {
    let corpus = Corpus::bundled();
    let (ix, doc) = corpus
        .documents
        .iter()
        .enumerate()
        .find(|(_, d)| d.footnotes.iter().any(|f| f.block > 0))
        .unwrap_or_else(|| panic!("the bundled corpus has a document with a footnote"));
    let note = doc
        .footnotes
        .iter()
        .find(|f| f.block > 0)
        .unwrap_or_else(|| panic!("found above"));
    let mut panel = Panel::default();
    panel.show_footnote(note.id.clone());
    assert_eq!(
        panel.update(Action::Open, true, Some(doc)),
        vec![
            Effect::MoveCursor(BlockNo(note.block)),
            Effect::FocusPanel(false)
        ]
    );
    // Through the app: the reader's cursor lands on the note's block.
    let mut app = app();
    app.apply(vec![Effect::OpenDocument(DocIx(ix))]);
    app.apply(vec![Effect::MoveCursor(BlockNo(note.block))]);
    assert_eq!(
        app.reader.as_ref().map(|r| r.cursor),
        Some(BlockNo(note.block).index())
    );
}

#[test]
fn panel_keys_scroll_the_panel_and_hand_the_focus_back_as_an_effect() {
    let corpus = Corpus::bundled();
    let mut panel = Panel::default();
    assert!(
        panel
            .update(Action::PageDown, true, corpus.documents.first())
            .is_empty()
    );
    assert_eq!(panel.scroll, 10);
    assert_eq!(
        panel.update(Action::TogglePanel, true, None),
        vec![Effect::FocusPanel(false)]
    );
    assert!(!panel.open, "a wide panel closes itself");
    assert_eq!(
        panel.update(Action::NextFootnote, false, None),
        vec![Effect::NextFootnote]
    );
}

#[test]
fn a_copy_without_a_worker_comes_back_as_terminal_bytes_and_a_status_line() {
    use lectern::clipboard::{Copier, Env};
    use lectern::tui::status::Level;
    let mut app = app();
    open(&mut app, TREATY);
    let mut term = terminal(120, 40);
    render(&mut app, &mut term);
    // OSC 52 alone never blocks: the copy is done at once, and its outcome is data.
    app.citation.copier = Copier {
        env: Env {
            tmux: false,
            ssh: true,
            display: false,
        },
        tmux_command: vec!["tmux".into()],
        timeout: std::time::Duration::from_secs(2),
    };
    let tx = app.sender();
    let reader = app.reader.as_ref();
    let effects = app
        .citation
        .update(Action::CopyCitation, &app.corpus.documents, reader, &tx);
    match effects.as_slice() {
        [
            Effect::WriteTerminal(bytes),
            Effect::Status(Level::Info, line),
        ] => {
            assert!(bytes.starts_with(b"\x1b]52;"), "OSC 52 bytes: {bytes:?}");
            assert!(line.contains("citation"), "{line}");
        }
        other => panic!("a copy's effects: {other:?}"),
    }
    assert!(
        app.after_frame.is_empty(),
        "nothing is written until the app applies it"
    );
}
