//! The reader's full check after its first screen reloads the corpus when files changed on
//! disk: a document added after start shows in the list, an edited title is read again, the
//! selection stays on the same document, and an open document that was deleted is said to be.

// Setting the environment is `unsafe` in edition 2024; the crate denies `unsafe` elsewhere.
#![allow(unsafe_code)]

mod corpus_support;
mod tui_support;

use corpus_support::age;
use lectern::corpus::Corpus;
use lectern::tui::{App, Msg};
use std::path::Path;
use std::time::{Duration, Instant};
use tui_support::{answered, app_with, press, render, rows, status_text, terminal, type_text};

/// Handles what the workers post until the reload arrives (the check reads every file).
fn until_reloaded(app: &mut App) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(120) {
        match app.next_msg(Duration::from_secs(1)) {
            Some(msg @ Msg::CorpusReloaded(_)) => return app.handle(msg),
            Some(msg) => app.handle(msg),
            None => {}
        }
    }
    panic!("no reload after the corpus changed on disk");
}

fn file(dir: &Path, id: &str) -> std::path::PathBuf {
    dir.join("documents").join(format!("{id}.toml"))
}

fn selected_id(app: &App) -> Option<String> {
    let ix = app.list.selected_doc()?;
    app.docs().id(ix.0).map(String::from)
}

#[test]
fn files_changed_after_start_are_reloaded_keeping_the_selection() {
    let dir = corpus_support::probes_dir(12, 400, 3);
    let cache = tempfile::tempdir().expect("cache");
    // SAFETY: this test binary has this one test, so no other thread reads the environment.
    unsafe { std::env::set_var("LECTERN_INDEX_DIR", cache.path()) };
    age(dir.path(), 600);
    for _ in 0..2 {
        Corpus::open_lazy(Some(dir.path()), &mut |_, _| {}).expect("warm the cache");
    }
    let corpus = Corpus::open_lazy(Some(dir.path()), &mut |_, _| {}).expect("open");
    assert!(corpus.documents.is_lazy(), "opened from the cache");
    let mut app = app_with(corpus);
    let mut term = terminal(120, 40);
    render(&mut app, &mut term);
    press(&mut app, "j j j j j");
    let selected = selected_id(&app).expect("a selection");
    // Search is used before the change, so that its worker holds an index of the old files.
    press(&mut app, "/");
    type_text(&mut app, "probe");
    answered(&mut app, "probe");
    press(&mut app, "esc");

    // After start: a document added (a copy of another under a new id), one retitled.
    let text = std::fs::read_to_string(file(dir.path(), "synth-000003")).expect("read");
    let added = text
        .replace("Probe synth-000003 original", "Probe added later")
        .replace("synth-000003", "synth-added");
    std::fs::write(file(dir.path(), "synth-added"), added).expect("add");
    let path = file(dir.path(), "synth-000005");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        text.replace("Probe synth-000005 original", "Probe edited later"),
    )
    .expect("edit");

    app.check_corpus_in_full();
    until_reloaded(&mut app);
    render(&mut app, &mut term);
    let screen = rows(&term).join("\n");
    assert!(screen.contains("Probe added later"), "{screen}");
    assert!(screen.contains("Probe edited later"), "{screen}");
    assert!(!screen.contains("Probe synth-000005 original"), "{screen}");
    assert_eq!(selected_id(&app), Some(selected.clone()), "selection kept");
    assert_eq!(app.docs().len(), 13);
    let status = status_text(&app);
    assert!(
        status.contains("1 changed, 1 added; list reloaded"),
        "{status}"
    );
    // A search after the reload finds the edited and the added documents by their new words.
    press(&mut app, "/");
    press(
        &mut app,
        "backspace backspace backspace backspace backspace",
    );
    type_text(&mut app, "later");
    answered(&mut app, "later");
    let mut found: Vec<String> = (app.search.results.as_ref().expect("results").hits.iter())
        .map(|h| h.doc_id.clone())
        .collect();
    found.sort();
    found.dedup();
    assert_eq!(found, ["synth-000005", "synth-added"]);
    press(&mut app, "esc");

    // The open document deleted on disk: the reader says so and goes back to the list.
    press(&mut app, "enter");
    let open = app.document().map(|d| d.id.clone()).expect("open");
    assert_eq!(open, selected);
    std::fs::remove_file(file(dir.path(), &open)).expect("delete");
    app.check_corpus_in_full();
    until_reloaded(&mut app);
    assert!(app.document().is_none(), "the deleted document is closed");
    assert_eq!(app.docs().len(), 12);
    let status = status_text(&app);
    assert!(
        status.contains(&format!(
            "1 deleted; list reloaded; the open document {open} was deleted"
        )),
        "{status}"
    );
}
