//! Searching your own material in the main search: `lectern search` on the real binary and
//! `/` in the reader find notes and highlights by plain words and by `note:`, `tag:` and
//! `collection:`; a note is shown as a note (document, block, quote, note text) and Enter
//! opens its document at its block. Notes written after the search started are found too.

mod cli_support;
mod tui_support;

use assert_cmd::Command;
use cli_support::stdout;
use lectern::corpus::Corpus;
use lectern::model::Lang;
use lectern::search::{Location, SearchResults};
use lectern::tui::{App, Settings};
use lectern::workspace::{Anchor, NewMark, Workspace};
use std::path::Path;
use tui_support::*;

/// A word no document of the bundled corpus holds (checked in each test that relies on it).
const OWN_WORD: &str = "zebrafinch";

fn lectern(cache: &Path, ws: &Path) -> Command {
    cli_support::lectern_in(cache, ws)
}

fn json(cmd: &mut Command) -> serde_json::Value {
    cli_support::json(cmd.arg("--json"))
}

fn no_document_holds(word: &str) {
    let corpus = Corpus::bundled();
    for d in &corpus.documents {
        for b in &d.blocks {
            for t in b.text.0.values() {
                assert!(!t.to_lowercase().contains(word), "{} holds {word}", d.id);
            }
        }
    }
}

/// A note on block `block` (from 1) of `id`, anchored on the first `len` characters of its
/// English text.
fn note_on(ws: &Workspace, id: &str, block: usize, len: usize, note: &str) -> String {
    let corpus = Corpus::bundled();
    let doc = corpus.get(id).unwrap_or_else(|| panic!("{id} is bundled"));
    let anchor = Anchor::on_range(doc, lectern::model::BlockNo(block), Some(Lang::En), 0, len)
        .unwrap_or_else(|e| panic!("{e}"));
    let quote = anchor.quote.clone();
    ws.add_mark(
        id,
        NewMark {
            anchor: Some(anchor),
            colour: None,
            note: note.into(),
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    quote
}

fn ids(v: &serde_json::Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} in {v}"))
        .iter()
        .map(|h| h["doc_id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn lectern_search_finds_notes_by_words_note_tag_and_collection() {
    no_document_holds(OWN_WORD);
    let (cache, dir) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    let ws = Workspace::at(dir.path().to_path_buf());
    let quote = note_on(
        &ws,
        TREATY,
        5,
        20,
        &format!("the {OWN_WORD} clause, *see* mutual aid"),
    );
    note_on(&ws, PEOPLES_DAILY, 3, 12, "armistice context");
    let run = |args: &[&str]| json(lectern(cache.path(), dir.path()).arg("search").args(args));

    // A plain word only a note holds: the note, no document.
    let v = run(&[OWN_WORD]);
    assert_eq!(ids(&v, "own"), vec![TREATY.to_string()], "{v}");
    assert!(ids(&v, "hits").is_empty(), "{v}");
    assert_eq!(v["own"][0]["block"], 5);
    assert_eq!(v["own"][0]["quote"], quote.as_str());
    assert_eq!(v["own"][0]["mark_id"], "m1");

    // note: alone lists the notes; note:WORD looks in the note's own text only.
    let mut both = ids(&run(&["note:"]), "own");
    both.sort();
    let mut want = vec![PEOPLES_DAILY.to_string(), TREATY.to_string()];
    want.sort();
    assert_eq!(both, want);
    assert_eq!(ids(&run(&["note:armistice"]), "own"), vec![PEOPLES_DAILY]);
    let v = run(&["note:armistice"]);
    assert!(ids(&v, "hits").is_empty(), "note: asks for notes only: {v}");

    // tag: and collection: narrow documents and notes alike.
    stdout(lectern(cache.path(), dir.path()).args(["tag", TREATY, "Alliance"]));
    stdout(lectern(cache.path(), dir.path()).args(["collection", "add", "thesis", PEOPLES_DAILY]));
    let v = run(&["tag:alliance", "mutual"]);
    assert_eq!(ids(&v, "own"), vec![TREATY]);
    assert!(!ids(&v, "hits").is_empty(), "{v}");
    assert!(ids(&v, "hits").iter().all(|d| d == TREATY), "{v}");
    let v = run(&["collection:thesis"]);
    assert_eq!(ids(&v, "own"), vec![PEOPLES_DAILY]);
    assert_eq!(
        ids(&v, "hits"),
        vec![PEOPLES_DAILY],
        "the document once, by its title"
    );
    let v = run(&["collection:thesis", OWN_WORD]);
    assert!(ids(&v, "own").is_empty(), "{v}");
    // Nothing the user never tagged matches a tag.
    let v = run(&["tag:nosuchtag"]);
    assert!(
        ids(&v, "own").is_empty() && ids(&v, "hits").is_empty(),
        "{v}"
    );

    // The human output shows the note as a note: its document, block, quote and text.
    let out = stdout(lectern(cache.path(), dir.path()).args(["search", OWN_WORD]));
    assert!(out.contains("your notes and highlights"), "{out}");
    let head = out
        .lines()
        .find(|l| l.contains(TREATY))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        head.contains("note") && head.contains("¶5") && head.contains("m1"),
        "{out}"
    );
    assert!(out.contains(&format!("“{quote}”")), "{out}");
    assert!(out.contains(&format!("the {OWN_WORD} clause")), "{out}");

    // A note written after the last search is found by the next: no stale index.
    note_on(&ws, PEOPLES_DAILY, 4, 10, &format!("a second {OWN_WORD}"));
    let mut got = ids(&run(&[OWN_WORD]), "own");
    got.sort();
    assert_eq!(got, want);
}

fn results(app: &App) -> &SearchResults {
    (app.search.results.as_ref()).unwrap_or_else(|| panic!("no results: {:?}", app.search))
}

#[test]
fn slash_in_the_reader_finds_a_note_shows_it_as_a_note_and_enter_opens_its_block() {
    no_document_holds(OWN_WORD);
    let (cache, dir) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    let ws = Workspace::at(dir.path().to_path_buf());
    let quote = note_on(&ws, TREATY, 6, 15, &format!("{OWN_WORD} here"));
    let settings = Settings {
        workspace: Some(ws.clone()),
        ..Settings::defaults()
    };
    let mut app = App::new(Corpus::bundled(), settings);
    app.search.location = Some(Location::at(cache.path()));
    let mut term = terminal(120, 40);
    open(&mut app, PEOPLES_DAILY);
    render(&mut app, &mut term);

    press(&mut app, "/");
    type_text(&mut app, &format!("note:{OWN_WORD}"));
    answered(&mut app, &format!("note:{OWN_WORD}"));
    let r = results(&app);
    assert!(r.hits.is_empty(), "note: finds no document: {r:?}");
    assert_eq!(r.own.len(), 1, "{r:?}");
    render(&mut app, &mut term);
    let screen = rows(&term).join("\n");
    assert!(screen.contains("1 of your notes"), "{screen}");
    let head = (rows(&term).into_iter())
        .find(|l| l.contains("note ") && l.contains("¶6"))
        .unwrap_or_else(|| panic!("a note row: {screen}"));
    assert!(head.contains("Treaty of friendship"), "{screen}");
    assert!(screen.contains(&quote), "{screen}");
    assert!(screen.contains(&format!("{OWN_WORD} here")), "{screen}");

    press(&mut app, "enter");
    assert_eq!(app.top_window(), None, "enter closes the window");
    render(&mut app, &mut term);
    assert_eq!(app.document().map(|d| d.id.as_str()), Some(TREATY));
    assert_eq!(
        app.reader.as_ref().map(|r| r.cursor),
        Some(lectern::model::BlockNo(6)),
        "block 6"
    );

    // A note written now (in another terminal, say) is found by the next query: the files
    // are read for every search.
    note_on(&ws, PEOPLES_DAILY, 2, 8, &format!("{OWN_WORD} again"));
    press(&mut app, "/ ctrl-u");
    type_text(&mut app, OWN_WORD);
    answered(&mut app, OWN_WORD);
    let mut got: Vec<&str> = results(&app)
        .own
        .iter()
        .map(|o| o.doc_id.as_str())
        .collect();
    got.sort_unstable();
    let mut want = vec![PEOPLES_DAILY, TREATY];
    want.sort_unstable();
    assert_eq!(got, want);
    // Documents first, then notes: the selection moves onto the notes after the hits.
    press(&mut app, "down enter");
    render(&mut app, &mut term);
    assert_eq!(app.document().map(|d| d.id.as_str()), Some(want[1]));
}
