//! Tagging and collections from inside the reader and from the document list (`T`, `+`: a
//! prompt that completes the names in use, shown in the panel, seen at once by the list's
//! filter), and the selection's keys
//! rebound through the user's keymap like every other action, and listed by `?`.

mod tui_support;

use lectern::corpus::Corpus;
use lectern::tui::keymap::Keymap;
use lectern::tui::{App, Settings};
use lectern::workspace::{Colour, Workspace};
use std::path::Path;
use tui_support::*;

fn settings(dir: &Path, keymap: Keymap) -> Settings {
    Settings {
        workspace: Some(Workspace::at(dir.to_path_buf())),
        keymap,
        ..Settings::defaults()
    }
}

fn shown_ids(app: &App) -> Vec<String> {
    (app.list.shown.iter())
        .map(|&i| app.corpus.documents[i.0].id.clone())
        .collect()
}

#[test]
fn t_tags_and_plus_collects_the_open_document_with_completion_shown_in_the_panel() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let ws = Workspace::at(dir.path().to_path_buf());
    // Names already in use, on another document: what Tab completes to.
    ws.update_library(|lib| {
        lib.tags
            .insert(PEOPLES_DAILY.into(), vec!["Alliance".into()]);
        lib.collections
            .insert("thesis".into(), vec![PEOPLES_DAILY.into()]);
        (true, ())
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(Corpus::bundled(), settings(dir.path(), Keymap::default()));
    let mut term = terminal(120, 30);
    open(&mut app, TREATY);
    render(&mut app, &mut term);

    press(&mut app, "T");
    assert_eq!(app.overlays.top_name(), Some("label"));
    type_text(&mut app, "al");
    press(&mut app, "tab");
    render(&mut app, &mut term);
    insta::assert_snapshot!("tag_prompt_completed_120x30", term.backend());
    press(&mut app, "enter");
    assert_eq!(app.overlays.top_name(), None);
    assert!(
        status_text(&app).contains("tagged Alliance"),
        "{}",
        status_text(&app)
    );

    // A new collection name is taken as typed; an existing one completes.
    press(&mut app, "+");
    type_text(&mut app, "th");
    press(&mut app, "tab enter");
    press(&mut app, "+");
    type_text(&mut app, "Moscow1961");
    press(&mut app, "enter");

    let lib = ws.library().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lib.tags_of(TREATY), ["Alliance".to_string()]);
    assert_eq!(
        lib.collections_of(TREATY),
        vec!["Moscow1961".to_string(), "thesis".to_string()]
    );
    // Said in the panel, beside the notes of what is on screen (tall enough to show it all).
    let mut tall = terminal(120, 100);
    render(&mut app, &mut tall);
    let screen = rows(&tall).join("\n");
    // (The panel wraps the line: the tag, then the collections.)
    assert!(screen.contains("tags: Alliance · collections:"), "{screen}");
    assert!(screen.contains("Moscow1961, thesis"), "{screen}");

    // The list's filter sees it at once, and so does the next start.
    press(&mut app, "esc");
    press(&mut app, "f");
    type_text(&mut app, "tag:alliance");
    let mut got = shown_ids(&app);
    got.sort();
    let mut want = vec![PEOPLES_DAILY.to_string(), TREATY.to_string()];
    want.sort();
    assert_eq!(got, want);
    let mut again = App::new(Corpus::bundled(), settings(dir.path(), Keymap::default()));
    press(&mut again, "f");
    type_text(&mut again, "collection:moscow1961");
    assert_eq!(shown_ids(&again), vec![TREATY.to_string()]);
}

#[test]
fn t_and_plus_in_the_list_label_the_selected_document_and_the_filter_sees_it_at_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let ws = Workspace::at(dir.path().to_path_buf());
    ws.update_library(|lib| {
        lib.tags
            .insert(PEOPLES_DAILY.into(), vec!["Alliance".into()]);
        (true, ())
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(Corpus::bundled(), settings(dir.path(), Keymap::default()));
    let mut term = terminal(120, 30);
    // A document is open; back in the list, another one is selected.
    open(&mut app, PEOPLES_DAILY);
    press(&mut app, "esc f ctrl-u esc g");
    assert!(app.list.shown.len() > 1, "the whole list");
    let selected =
        |app: &App| (app.list.selected_doc()).map(|i| app.corpus.documents[i.0].id.clone());
    for _ in 0..app.list.shown.len() {
        if selected(&app).as_deref() == Some(TREATY) {
            break;
        }
        press(&mut app, "j");
    }
    assert_eq!(selected(&app).as_deref(), Some(TREATY));
    render(&mut app, &mut term);

    press(&mut app, "T");
    assert_eq!(app.overlays.top_name(), Some("label"));
    type_text(&mut app, "al");
    press(&mut app, "tab");
    render(&mut app, &mut term);
    insta::assert_snapshot!("list_tag_prompt_completed_120x30", term.backend());
    press(&mut app, "enter");
    assert!(
        status_text(&app).contains("tagged Alliance"),
        "{}",
        status_text(&app)
    );
    press(&mut app, "+");
    type_text(&mut app, "Moscow1961");
    press(&mut app, "enter");

    let lib = ws.library().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lib.tags_of(TREATY), ["Alliance".to_string()]);
    assert_eq!(lib.collections_of(TREATY), vec!["Moscow1961".to_string()]);
    assert!(
        lib.collections_of(PEOPLES_DAILY).is_empty(),
        "the open one is untouched"
    );
    // The open document's line in the panel stays its own.
    assert_eq!(app.notes.listed.borrow().labels, "tags: Alliance");

    // The filter sees both at once.
    press(&mut app, "f");
    type_text(&mut app, "collection:moscow1961");
    assert_eq!(shown_ids(&app), vec![TREATY.to_string()]);
    press(&mut app, "ctrl-u");
    type_text(&mut app, "tag:alliance");
    let mut got = shown_ids(&app);
    got.sort();
    let mut want = vec![PEOPLES_DAILY.to_string(), TREATY.to_string()];
    want.sort();
    assert_eq!(got, want);
    // Opened, the document's panel names its tag and collection.
    press(&mut app, "ctrl-u");
    type_text(&mut app, "collection:moscow1961");
    press(&mut app, "enter");
    assert_eq!(app.document().map(|d| d.id.as_str()), Some(TREATY));
    let mut tall = terminal(120, 100);
    render(&mut app, &mut tall);
    let screen = rows(&tall).join("\n");
    assert!(screen.contains("tags: Alliance · collections:"), "{screen}");
    assert!(screen.contains("Moscow1961"), "{screen}");
}

#[test]
fn esc_in_the_prompt_saves_nothing_and_without_a_workspace_it_says_so() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(Corpus::bundled(), settings(dir.path(), Keymap::default()));
    open(&mut app, TREATY);
    press(&mut app, "T");
    type_text(&mut app, "draft");
    press(&mut app, "esc");
    assert_eq!(app.overlays.top_name(), None);
    let ws = Workspace::at(dir.path().to_path_buf());
    assert!(
        ws.library()
            .unwrap_or_else(|e| panic!("{e}"))
            .tags
            .is_empty()
    );

    let mut bare = app_with(Corpus::bundled());
    open(&mut bare, TREATY);
    press(&mut bare, "T");
    assert_eq!(bare.overlays.top_name(), None);
    assert!(
        status_text(&bare).contains("no workspace folder"),
        "{}",
        status_text(&bare)
    );
}

#[test]
fn the_selection_keys_follow_the_users_keymap_and_help_lists_them() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut keymap = Keymap::default();
    // Arrow-only extension, `x` for yellow, `9` for blue; the defaults `l` and `1` removed.
    let user = "[select]\nl = \"none\"\n\"1\" = \"none\"\nx = \"highlight_yellow\"\n\"9\" = \"highlight_blue\"\n[reader]\nctrl-t = \"tag_document\"\n";
    keymap
        .layer(Path::new("keymap.toml"), user)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(Corpus::bundled(), settings(dir.path(), keymap));
    let mut term = terminal(160, 40);
    open(&mut app, TREATY);
    render(&mut app, &mut term);
    press(&mut app, "j j j j V");
    assert_eq!(app.overlays.top_name(), Some("select"));
    // `l` no longer extends; `right` still does.
    let len = |app: &App| app.notes.selection.map_or(0, |s| s.chars().len());
    let start = len(&app);
    press(&mut app, "l l");
    assert_eq!(len(&app), start, "l was unbound");
    press(&mut app, "right right right");
    assert_eq!(len(&app), start + 3);
    // `1` is unbound: nothing saved, still selecting. `9` highlights in blue.
    press(&mut app, "1");
    assert_eq!(app.overlays.top_name(), Some("select"));
    press(&mut app, "9");
    assert_eq!(app.overlays.top_name(), None);
    let ws = Workspace::at(dir.path().to_path_buf());
    let notes = ws.document(TREATY).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(notes.marks.len(), 1);
    assert_eq!(notes.marks[0].colour, Some(Colour::Blue));
    // And `x` is yellow.
    press(&mut app, "V right x");
    let notes = ws.document(TREATY).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        notes.marks.last().and_then(|m| m.colour),
        Some(Colour::Yellow)
    );
    // The bar names the keys that work now.
    press(&mut app, "V");
    render(&mut app, &mut term);
    let screen = rows(&term).join("\n");
    assert!(screen.contains("x-5 highlight"), "{screen}");
    press(&mut app, "esc");
    // The reader's own workspace keys rebind too.
    press(&mut app, "ctrl-t");
    assert_eq!(app.overlays.top_name(), Some("label"));
    press(&mut app, "esc");

    // `?` lists the selection's keys as they are bound.
    press(&mut app, "?");
    let mut tall = terminal(160, 120);
    render(&mut app, &mut tall);
    let screen = rows(&tall).join("\n");
    assert!(screen.contains("While selecting"), "{screen}");
    let line = |needle: &str| {
        rows(&tall)
            .into_iter()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} in help:\n{screen}"))
    };
    assert!(line("highlight blue").contains('9'), "{screen}");
    assert!(line("highlight yellow").contains('x'), "{screen}");
    assert!(line("tag the document").contains("ctrl-t"), "{screen}");
}
