//! The workspace in the reader, driven by keys and the mouse as a user would: select a span,
//! highlight it, write a note, quit, start again and find the marks; bookmarks, the list's
//! `tag:`/`collection:` filter, the recent list, your notes' search, find in document, copy a
//! passage with its citation, and a failed save that is shown and kept for the report at quit.

mod tui_support;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use lectern::clipboard::osc52;
use lectern::corpus::Corpus;
use lectern::model::{BlockNo, Lang};
use lectern::tui::workspace::find::{Finder, fold};
use lectern::tui::workspace::{FIND, MARKS, shown_langs};
use lectern::tui::{App, Msg, Settings};
use lectern::workspace::{Colour, Workspace};
use std::path::Path;
use tui_support::*;

fn settings(dir: &Path) -> Settings {
    Settings {
        workspace: Some(Workspace::at(dir.to_path_buf())),
        ..Settings::defaults()
    }
}

fn ctrl(app: &mut App, c: char) {
    app.handle(Msg::Input(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    ))));
}

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    app.handle(Msg::Input(Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })));
}

/// The first language shown that block `b` of the open document has, and its text.
fn block_text(app: &App, b: usize) -> (Lang, String) {
    let reader = app.reader.as_ref().unwrap_or_else(|| panic!("a reader"));
    let doc = app.document().unwrap_or_else(|| panic!("a document"));
    shown_langs(reader)
        .into_iter()
        .find_map(|l| Some((l, doc.blocks[b].text.get(l)?.to_string())))
        .unwrap_or_else(|| panic!("block {b} has text"))
}

#[test]
fn select_highlight_note_quit_start_again_and_the_marks_are_there() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let ws = dir.path().join("ws");
    let mut app = App::new(Corpus::bundled(), settings(&ws));
    open(&mut app, PEOPLES_DAILY);
    let mut t = terminal(160, 40);
    render(&mut app, &mut t);
    press(&mut app, "j j");
    let (lang, text) = block_text(&app, 2);
    let chars: Vec<char> = text.chars().collect();

    // V, three chars to the right: a selection of four chars; 2 makes it green.
    press(&mut app, "V l l l");
    assert_eq!(app.overlays.top_name(), Some("select"));
    let sel = app.notes.selection.unwrap_or_else(|| panic!("a selection"));
    assert_eq!((sel.block, sel.lang, sel.chars()), (BlockNo(3), lang, 0..4));
    press(&mut app, "2");
    assert!(app.overlays.is_empty());
    assert!(
        status_text(&app).contains("highlighted in green"),
        "{}",
        status_text(&app)
    );

    // A note on chars 5..9 of the same block: V, five right, o (the other end is now at 5),
    // eight right (from 0 to 8), a, type, ctrl-s.
    press(&mut app, "V l l l l l o l l l l l l l l");
    let sel = app.notes.selection.unwrap_or_else(|| panic!("a selection"));
    assert_eq!(sel.chars(), 5..9);
    press(&mut app, "a");
    assert_eq!(app.overlays.top_name(), Some("note"));
    type_text(&mut app, "Compare *Article 2*");
    press(&mut app, "enter");
    type_text(&mut app, "second line");
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty());
    assert_eq!(status_text(&app), "note saved");
    press(&mut app, "q");
    assert!(app.should_quit);
    assert!(app.notes.failed_save.is_none());

    // Start again: the marks are read from the workspace and laid over the text.
    let mut app = App::new(Corpus::bundled(), settings(&ws));
    open(&mut app, PEOPLES_DAILY);
    let mut t = terminal(160, 60);
    render(&mut app, &mut t);
    let reader = app.reader.as_ref().unwrap_or_else(|| panic!("a reader"));
    let marks: Vec<_> = reader
        .highlights_of(BlockNo(3), lang)
        .map(|h| h.range.clone())
        .collect();
    let bytes = |a: usize, b: usize| {
        let s: String = chars[..a].iter().collect();
        let q: String = chars[a..b].iter().collect();
        s.len()..s.len() + q.len()
    };
    assert_eq!(marks, vec![bytes(0, 4), bytes(5, 9)]);
    let saved = Workspace::at(ws.clone())
        .document(PEOPLES_DAILY)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.marks.len(), 2);
    assert_eq!(saved.marks[0].colour, Some(Colour::Green));
    assert_eq!(saved.marks[1].note, "Compare *Article 2*\nsecond line");
    let quote: String = chars[5..9].iter().collect();
    assert_eq!(
        saved.marks[1].anchor.as_ref().map(|a| a.quote.clone()),
        Some(quote)
    );
    // The panel lists the notes of what is on screen.
    let screen = rows(&t).join("\n");
    assert!(screen.contains("Your notes"), "{screen}");
    assert!(screen.contains("Compare *Article 2*"), "{screen}");
    assert!(screen.contains("¶3 green"), "{screen}");
}

#[test]
fn a_reimport_moves_a_mark_with_its_text_or_lists_it_as_orphaned_in_the_panel() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let ws = Workspace::at(dir.path().to_path_buf());
    let bundled = Corpus::bundled();
    let doc = bundled
        .get(PEOPLES_DAILY)
        .unwrap_or_else(|| panic!("bundled"));
    let (&lang, text) = (doc.blocks[2].text.0.iter().next()).unwrap_or_else(|| panic!("text"));
    let text = text.clone();
    let anchor = lectern::workspace::Anchor::on_range(doc, BlockNo(3), Some(lang), 10, 20)
        .unwrap_or_else(|e| panic!("{e}"));
    let quote = anchor.quote.clone();
    ws.add_mark(
        PEOPLES_DAILY,
        lectern::workspace::NewMark {
            anchor: Some(anchor),
            colour: Some(Colour::Pink),
            note: String::new(),
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let reimported = |new_text: String| {
        let mut docs = bundled.documents.to_vec();
        let d = (docs.iter_mut().find(|d| d.id == PEOPLES_DAILY)).unwrap_or_else(|| panic!("doc"));
        d.blocks[2].text.0.insert(lang, new_text);
        Corpus::from_documents(docs)
    };

    // Words added before the highlight: it is drawn on its quote, further on.
    let prefix = "An editor's words come first. ";
    let mut app = App::new(reimported(format!("{prefix}{text}")), settings(dir.path()));
    open(&mut app, PEOPLES_DAILY);
    render(&mut app, &mut terminal(160, 60));
    let reader = app.reader.as_ref().unwrap_or_else(|| panic!("a reader"));
    let marks: Vec<_> = (reader.highlights_of(BlockNo(3), lang))
        .map(|h| h.range.clone())
        .collect();
    let start = prefix.len() + text.char_indices().nth(10).map_or(0, |(i, _)| i);
    assert_eq!(marks, vec![start..start + quote.len()]);

    // Its text gone: no mark in the text, and the panel lists it as orphaned, with its quote.
    let mut app = App::new(
        reimported("Nothing of it is left.".into()),
        settings(dir.path()),
    );
    open(&mut app, PEOPLES_DAILY);
    let mut t = terminal(160, 60);
    render(&mut app, &mut t);
    let reader = app.reader.as_ref().unwrap_or_else(|| panic!("a reader"));
    assert_eq!(reader.highlights_of(BlockNo(3), lang).count(), 0);
    let screen = rows(&t).join("\n");
    assert!(screen.contains("orphaned pink"), "{screen}");
    assert!(screen.contains(&quote), "{screen}");
    let kept = ws.document(PEOPLES_DAILY).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kept.marks.len(), 1, "never dropped");
}

#[test]
fn a_mouse_drag_selects_within_a_block_and_a_key_then_highlights_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(Corpus::bundled(), settings(dir.path()));
    open(&mut app, PEOPLES_DAILY);
    let mut t = terminal(160, 40);
    render(&mut app, &mut t);
    let body = app.areas().body;
    let reader = app.reader.as_ref().unwrap_or_else(|| panic!("a reader"));
    // The first row of block 3, a few cells into its left column.
    let row = reader.layout.block_span(BlockNo(3)).start - reader.scroll;
    let x = body.x + reader.layout.geometry.left.0 + 2;
    let y = body.y + row as u16;
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), x, y);
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), x + 6, y);
    assert_eq!(app.overlays.top_name(), Some("select"));
    let sel = app.notes.selection.unwrap_or_else(|| panic!("a selection"));
    assert_eq!(sel.block, BlockNo(3));
    assert!(sel.head > sel.anchor, "{sel:?}");
    // Dragging on extends the same selection.
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), x + 10, y);
    let longer = app.notes.selection.unwrap_or_else(|| panic!("a selection"));
    assert_eq!(longer.anchor, sel.anchor);
    assert!(longer.head > sel.head);
    press(&mut app, "4");
    let saved = Workspace::at(dir.path().to_path_buf())
        .document(PEOPLES_DAILY)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.marks.len(), 1);
    assert_eq!(saved.marks[0].colour, Some(Colour::Pink));
    let doc = app.document().unwrap_or_else(|| panic!("a document"));
    assert_eq!(
        saved.marks[0].anchor.as_ref().map(|a| a.quote.as_str()),
        Some(longer.quote(doc))
    );
}

#[test]
fn a_save_that_fails_is_shown_and_kept_for_the_report_at_quit() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // A file where the workspace folder should be: nothing can be written under it.
    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, "x").unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(Corpus::bundled(), settings(&blocked));
    open(&mut app, PEOPLES_DAILY);
    render(&mut app, &mut terminal(160, 40));
    press(&mut app, "V l 1");
    let msg = app
        .status
        .message()
        .cloned()
        .unwrap_or_else(|| panic!("a message"));
    assert_eq!(msg.level, lectern::tui::status::Level::Error);
    assert!(msg.text.contains("not saved"), "{}", msg.text);
    assert!(
        app.notes
            .failed_save
            .as_deref()
            .is_some_and(|e| e.contains("not saved"))
    );
}

#[test]
fn m_bookmarks_the_block_and_the_recent_list_opens_what_was_read_last() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(Corpus::bundled(), settings(dir.path()));
    open(&mut app, TREATY);
    render(&mut app, &mut terminal(160, 40));
    press(&mut app, "j j j m");
    assert_eq!(status_text(&app), "bookmarked ¶4");
    press(&mut app, "esc");
    open(&mut app, PEOPLES_DAILY);
    let ws = Workspace::at(dir.path().to_path_buf());
    let b = ws
        .document(TREATY)
        .unwrap_or_else(|e| panic!("{e}"))
        .bookmarks;
    assert_eq!(
        b.iter().map(|b| b.anchor.block).collect::<Vec<_>>(),
        vec![BlockNo(4)]
    );
    let recent: Vec<String> = ws
        .recent()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(recent, vec![PEOPLES_DAILY.to_string(), TREATY.to_string()]);
    // R lists them, the latest first; Enter on the second opens the treaty.
    press(&mut app, "R");
    assert_eq!(app.overlays.top_name(), Some("picker"));
    assert_eq!(app.notes.picker.items.len(), 2);
    app.handle(Msg::Input(Event::Key(KeyEvent::new(
        KeyCode::Down,
        KeyModifiers::NONE,
    ))));
    press(&mut app, "enter");
    assert_eq!(app.document().map(|d| d.id.as_str()), Some(TREATY));
}

#[test]
fn the_list_filters_by_tag_and_collection() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let ws = Workspace::at(dir.path().to_path_buf());
    ws.update_library(|lib| {
        lib.tags.insert(TREATY.into(), vec!["Alliance".into()]);
        lib.collections
            .insert("thesis".into(), vec![TREATY.into(), PEOPLES_DAILY.into()]);
        (true, ())
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(Corpus::bundled(), settings(dir.path()));
    let ids = |app: &App| -> Vec<String> {
        app.list
            .shown
            .iter()
            .map(|&i| app.corpus.documents[i.0].id.clone())
            .collect()
    };
    press(&mut app, "f");
    type_text(&mut app, "tag:alliance");
    assert_eq!(ids(&app), vec![TREATY.to_string()]);
    press(&mut app, "ctrl-u");
    type_text(&mut app, "collection:thesis");
    let mut both = ids(&app);
    both.sort();
    let mut want = vec![TREATY.to_string(), PEOPLES_DAILY.to_string()];
    want.sort();
    assert_eq!(both, want);
    // With a word as well: only the documents of the collection that match it.
    type_text(&mut app, " communique");
    assert_eq!(ids(&app), vec![PEOPLES_DAILY.to_string()]);
}

#[test]
fn your_notes_are_found_by_note_tag_and_plain_words_and_open_where_they_are() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(Corpus::bundled(), settings(dir.path()));
    open(&mut app, TREATY);
    render(&mut app, &mut terminal(160, 40));
    press(&mut app, "j j j j a");
    type_text(&mut app, "mutual assistance clause");
    ctrl(&mut app, 's');
    press(&mut app, "g esc");
    press(&mut app, "M");
    assert_eq!(app.overlays.top_name(), Some("picker"));
    type_text(&mut app, "note:assistance");
    assert_eq!(app.notes.picker.items.len(), 1);
    assert!(
        app.notes.picker.items[0]
            .label
            .contains("mutual assistance clause")
    );
    press(&mut app, "ctrl-u");
    type_text(&mut app, "nowhere-to-be-found");
    assert!(app.notes.picker.items.is_empty());
    press(&mut app, "ctrl-u");
    type_text(&mut app, "clause");
    press(&mut app, "enter");
    render(&mut app, &mut terminal(160, 40));
    let reader = app.reader.as_ref().unwrap_or_else(|| panic!("a reader"));
    assert_eq!(app.document().map(|d| d.id.as_str()), Some(TREATY));
    assert_eq!(reader.cursor, BlockNo(5), "the note's block");
}

/// Every occurrence of `q` (folded, overlapping) in the blocks of `langs`.
fn count(app: &App, langs: &[Lang], q: &str) -> usize {
    let doc = app.document().unwrap_or_else(|| panic!("a document"));
    let q = fold(q);
    doc.blocks
        .iter()
        .flat_map(|b| langs.iter().filter_map(|l| b.text.get(*l)))
        .map(|t| {
            let t = fold(t);
            (0..t.len())
                .filter(|&i| t.is_char_boundary(i) && t[i..].starts_with(&q))
                .count()
        })
        .sum()
}

#[test]
fn ctrl_f_finds_in_every_language_shown_counts_and_n_steps() {
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    render(&mut app, &mut terminal(160, 40));
    let langs = shown_langs(app.reader.as_ref().unwrap_or_else(|| panic!("a reader")));
    assert_eq!(langs.len(), 2, "side by side: both languages");
    ctrl(&mut app, 'f');
    assert_eq!(app.overlays.top_name(), Some("find"));
    type_text(&mut app, "KOREA");
    let n = count(&app, &langs, "korea");
    assert!(n > 1, "the communiqué names Korea more than once");
    assert_eq!(status_text(&app), format!("find “KOREA”: 1 of {n}"));
    let reader = app.reader.as_ref().unwrap_or_else(|| panic!("a reader"));
    let (hit, current) = (app.theme.get("find_hit"), app.theme.get("find_current"));
    let shown: usize = (1..=reader.layout.blocks())
        .map(|b| {
            let b = BlockNo(b);
            langs
                .iter()
                .map(|l| {
                    reader
                        .highlights_of(b, *l)
                        .filter(|h| h.style == hit || h.style == current)
                        .count()
                })
                .sum::<usize>()
        })
        .sum();
    // All matches highlighted, plus the current one again in its own style.
    assert_eq!(shown, n + 1);
    // Chinese in the same find.
    press(&mut app, "ctrl-u");
    type_text(&mut app, "朝鲜");
    let zh = count(&app, &langs, "朝鲜");
    assert!(zh > 1);
    assert_eq!(status_text(&app), format!("find “朝鲜”: 1 of {zh}"));
    press(&mut app, "enter");
    assert!(app.overlays.is_empty());
    let first = app.notes.find.matches[0].block;
    press(&mut app, "n");
    assert_eq!(status_text(&app), format!("find “朝鲜”: 2 of {zh}"));
    let second = app.notes.find.matches[1].block;
    assert_eq!(app.reader.as_ref().map(|r| r.cursor), Some(second));
    press(&mut app, "N N");
    assert_eq!(
        status_text(&app),
        format!("find “朝鲜”: {zh} of {zh}"),
        "N goes round"
    );
    press(&mut app, "n");
    assert_eq!(app.reader.as_ref().map(|r| r.cursor), Some(first));
    // Esc in the find bar ends it: no highlight left.
    ctrl(&mut app, 'f');
    press(&mut app, "esc");
    assert!(!app.notes.find.active());
    let reader = app.reader.as_ref().unwrap_or_else(|| panic!("a reader"));
    assert_eq!(
        reader
            .highlights_of(first, Lang::Zh)
            .filter(|h| h.style == hit)
            .count(),
        0
    );
    let _ = FIND;
}

#[test]
fn a_growing_query_filters_the_old_matches_and_finds_exactly_what_a_fresh_scan_finds() {
    let corpus = Corpus::bundled();
    for doc in &corpus.documents {
        let langs = doc.languages();
        let mut grown = Finder::default();
        for word in ["the", "de", "朝鲜", "соц"] {
            grown.clear();
            let mut typed = String::new();
            for c in word.chars() {
                typed.push(c);
                grown.query = typed.clone();
                grown.search(lectern::tui::DocIx(0), doc, &langs, BlockNo(1));
                let mut fresh = Finder::default();
                fresh.query = typed.clone();
                fresh.search(lectern::tui::DocIx(0), doc, &langs, BlockNo(1));
                assert_eq!(grown.matches, fresh.matches, "{} {typed}", doc.id);
                if typed.chars().count() > 1 {
                    assert!(
                        grown.last_work <= fresh.last_work,
                        "no full scan while typing on"
                    );
                }
            }
        }
    }
}

#[test]
fn c_copies_the_passage_then_its_citation_through_the_clipboard_chain() {
    let mut app = app();
    app.citation.copier = osc52_only();
    open(&mut app, PEOPLES_DAILY);
    render(&mut app, &mut terminal(160, 40));
    press(&mut app, "j j");
    let doc = app
        .document()
        .cloned()
        .unwrap_or_else(|| panic!("a document"));
    let reader = app.reader.as_ref();
    let cite = app
        .citation
        .current(&app.corpus.documents, reader)
        .and_then(|s| s.text.ok())
        .unwrap_or_else(|| panic!("a citation"));
    // The selection, in its language: four chars.
    press(&mut app, "V l l l C");
    let (_, text) = block_text(&app, 2);
    let quote: String = text.chars().take(4).collect();
    assert_eq!(
        app.after_frame,
        osc52::sequence(&format!("“{quote}”\n\n{cite}"))
    );
    assert!(
        status_text(&app).starts_with("passage with its"),
        "{}",
        status_text(&app)
    );
    // Without a selection: the cursor block in both languages shown.
    app.after_frame.clear();
    press(&mut app, "C");
    let both = [Lang::Zh, Lang::En]
        .iter()
        .filter_map(|l| doc.blocks[2].text.get(*l))
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(
        !both.contains("[^"),
        "this block has no footnote reference to strip"
    );
    assert_eq!(
        app.after_frame,
        osc52::sequence(&format!("“{}”\n\n{cite}", both.trim()))
    );
    let _ = MARKS;
}
