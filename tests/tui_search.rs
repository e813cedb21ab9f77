//! The search overlay driven by keys on the app, with the real search worker building its
//! index in a temporary cache directory. Expected answers come from a plain substring scan of
//! the documents, not from the index.

mod tui_support;

use lectern::model::{BlockNo, Document, Lang};
use lectern::search::{Event, Location, SearchResults};
use lectern::tui::App;
use lectern::tui::focus::Screen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use std::collections::BTreeSet;
use tui_support::*;

/// Waits until the hits of the opened document are found, for the reader to mark.
fn settle_reader_hits(app: &mut App) {
    settle(app, "the hits in the document", |a| {
        a.search
            .reader_hits
            .as_ref()
            .is_some_and(|h| h.hits.is_some())
    });
}

fn results(app: &App) -> &SearchResults {
    app.search
        .results
        .as_ref()
        .unwrap_or_else(|| panic!("no results: {:?}", app.search))
}

/// (document id, block from 1, 0 = title) of every unit whose text in any language contains
/// one of `needles` (case-insensitively).
fn scan(docs: &[Document], needles: &[&str]) -> BTreeSet<(String, usize)> {
    let mut out = BTreeSet::new();
    for d in docs {
        let units = std::iter::once(&d.title).chain(d.blocks.iter().map(|b| &b.text));
        for (i, text) in units.enumerate() {
            if text.0.values().any(|t| contains_any(t, needles)) {
                out.insert((d.id.clone(), i));
            }
        }
    }
    out
}

fn contains_any(text: &str, needles: &[&str]) -> bool {
    let lower = text.to_lowercase();
    needles.iter().any(|n| lower.contains(&n.to_lowercase()))
}

fn terminal() -> Terminal<TestBackend> {
    tui_support::terminal(160, 45)
}

/// Every search highlight the reader holds for the open document (told from other features'
/// highlights, such as links, by the search styles): (block, lang, text).
fn highlighted(app: &App) -> Vec<(BlockNo, Lang, String)> {
    let reader = app.reader.as_ref().unwrap_or_else(|| panic!("no reader"));
    let doc = &app.corpus.documents[reader.doc];
    let styles = [
        app.theme.get("search_hit"),
        app.theme.get("search_hit_current"),
    ];
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let i = BlockNo::from_index(i);
        for (lang, text) in &b.text.0 {
            for h in reader
                .highlights_of(i, *lang)
                .filter(|h| styles.contains(&h.style))
            {
                let s = text
                    .get(h.range.clone())
                    .unwrap_or_else(|| panic!("range {:?} off char boundaries", h.range));
                out.push((i, *lang, s.to_string()));
            }
        }
    }
    out
}

fn message(app: &App) -> String {
    app.status
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_chinese_query_opens_the_document_at_the_hit_block_with_the_hits_highlighted() {
    let dir = cache();
    let mut app = app_in(&dir);
    let mut term = terminal();
    render(&mut app, &mut term);
    press(&mut app, "/");
    assert_eq!(app.top_window(), Some("search"));
    type_text(&mut app, "兴南");
    answered(&mut app, "兴南");

    let expected = scan(&app.corpus.documents, &["兴南"]);
    assert!(!expected.is_empty(), "the bundled corpus mentions 兴南");
    let r = results(&app);
    let got: BTreeSet<(String, usize)> = r
        .hits
        .iter()
        .map(|h| (h.doc_id.clone(), h.block.0))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(r.total, expected.len());

    // The result list shows the snippet with the match in the hit style.
    render(&mut app, &mut term);
    let screen = rows(&term).join("\n");
    assert!(screen.contains("1 result"), "{screen}");
    assert!(has_styled(&term, "兴南", Color::Yellow), "{screen}");

    press(&mut app, "enter");
    assert_eq!(app.top_window(), None, "enter closes the overlay");
    assert_eq!(app.screen, Screen::Reader);
    let (doc_id, block) = expected.first().cloned().unwrap_or_default();
    assert_eq!(app.document().map(|d| d.id.clone()), Some(doc_id));
    render(&mut app, &mut term);
    let cursor = app.reader.as_ref().map(|r| r.cursor);
    assert_eq!(
        cursor,
        Some(BlockNo(block)),
        "the cursor is on the hit block"
    );

    settle_reader_hits(&mut app);
    // Every occurrence is marked: of 兴南 in Chinese and, through the registry's names for the
    // place (corpus/registry/entities.toml: 兴南 / Hungnam), of Hungnam in the English column.
    let marks = highlighted(&app);
    let mut expected_marks = Vec::new();
    if let Some(d) = app.document() {
        for (i, b) in d.blocks.iter().enumerate() {
            for (lang, needle) in [(Lang::Zh, "兴南"), (Lang::En, "Hungnam")] {
                let n = b.text.get(lang).map_or(0, |t| t.matches(needle).count());
                expected_marks
                    .extend((0..n).map(|_| (BlockNo::from_index(i), lang, needle.to_string())));
            }
        }
    }
    expected_marks.sort();
    let mut sorted = marks.clone();
    sorted.sort();
    assert_eq!(sorted, expected_marks);
    assert!(
        marks.iter().all(|(b, _, _)| *b == BlockNo(block)),
        "{marks:?}"
    );
    // And the reader draws them.
    render(&mut app, &mut term);
    assert!(
        has_styled(&term, "兴南", Color::Yellow),
        "{}",
        rows(&term).join("\n")
    );
    assert_eq!(message(&app), "hit 1 of 1 · n next, N previous");
}

/// Whether `text` is on screen with every one of its cells on background `bg`.
fn has_styled(term: &Terminal<TestBackend>, text: &str, bg: Color) -> bool {
    let buf = term.backend().buffer();
    let want: Vec<String> = text.chars().map(|c| c.to_string()).collect();
    for y in 0..buf.area.height {
        let mut cells = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let c = &buf[(x, y)];
            cells.push((c.symbol().to_string(), c.bg));
            x += unicode_width::UnicodeWidthStr::width(c.symbol()).max(1) as u16;
        }
        if cells.windows(want.len()).any(|w| {
            w.iter()
                .zip(&want)
                .all(|((sym, b), ch)| sym == ch && *b == bg)
        }) {
            return true;
        }
    }
    false
}

#[test]
fn hits_in_both_columns_are_highlighted_and_n_and_shift_n_cycle_through_their_blocks() {
    let dir = cache();
    let mut app = app_in(&dir);
    let mut term = terminal();
    render(&mut app, &mut term);
    let query = "苏联 OR \"Soviet Union\"";
    press(&mut app, "/");
    type_text(&mut app, query);
    answered(&mut app, query);
    // Open the People's Daily result.
    let pos = results(&app)
        .hits
        .iter()
        .position(|h| h.doc_id == PEOPLES_DAILY)
        .unwrap_or_else(|| panic!("{:?}", results(&app)));
    // ctrl-n / ctrl-p and the arrows choose a result.
    press(&mut app, "ctrl-n ctrl-n ctrl-p up");
    assert_eq!(app.search.selected, 0);
    for i in 0..pos {
        press(&mut app, if i % 2 == 0 { "ctrl-n" } else { "down" });
    }
    assert_eq!(app.search.selected, pos);
    press(&mut app, "enter");
    render(&mut app, &mut term);
    settle_reader_hits(&mut app);

    let marks = highlighted(&app);
    let langs: BTreeSet<Lang> = marks.iter().map(|(_, l, _)| *l).collect();
    assert_eq!(
        langs,
        BTreeSet::from([Lang::Zh, Lang::En]),
        "both columns: {marks:?}"
    );
    assert!(
        marks
            .iter()
            .all(|(_, _, s)| s == "苏联" || s.eq_ignore_ascii_case("Soviet Union")),
        "{marks:?}"
    );
    // The hit blocks are the blocks a substring scan finds (the title is not a block).
    let expected: Vec<BlockNo> = scan(&app.corpus.documents, &["苏联", "Soviet Union"])
        .into_iter()
        .filter(|(d, b)| d == PEOPLES_DAILY && *b > 0)
        .map(|(_, b)| BlockNo(b))
        .collect();
    let marked: BTreeSet<BlockNo> = marks.iter().map(|(b, _, _)| *b).collect();
    assert_eq!(marked.into_iter().collect::<Vec<_>>(), expected);
    assert!(expected.len() >= 2, "{expected:?}");

    // From the top, n visits every hit block in order; N goes back.
    press(&mut app, "g");
    assert!(
        expected[0] > BlockNo(1),
        "n from the top goes to a hit block below it"
    );
    let n = expected.len();
    let mut visited = Vec::new();
    for i in 0..n {
        press(&mut app, "n");
        visited.push(
            app.reader
                .as_ref()
                .map_or(BlockNo(usize::MAX), |r| r.cursor),
        );
        assert_eq!(message(&app), format!("hit {} of {n}", i + 1));
    }
    assert_eq!(visited, expected);
    press(&mut app, "N");
    assert_eq!(app.reader.as_ref().map(|r| r.cursor), Some(expected[n - 2]));
    assert_eq!(message(&app), format!("hit {} of {n}", n - 1));
    // Past the last hit, n goes on to the next document of the results, not round this one.
    press(&mut app, "n n");
    assert!(
        results(&app).hits.iter().any(|h| h.doc_id != PEOPLES_DAILY),
        "other documents match"
    );
    assert!(
        message(&app).starts_with("result document"),
        "{}",
        message(&app)
    );
    assert_ne!(app.document().map(|d| d.id.as_str()), Some(PEOPLES_DAILY));
}

#[test]
fn an_answer_to_an_older_query_never_replaces_the_newer_one() {
    let dir = cache();
    let mut app = app_in(&dir);
    press(&mut app, "/");
    type_text(&mut app, "金日成");
    answered(&mut app, "金日成");
    let sent = app.search.sent;
    let shown = results(&app).clone();
    assert!(!shown.hits.is_empty());
    // A slow answer to an earlier generation arrives late: it is dropped.
    let stale = SearchResults {
        query: "金".into(),
        total: 0,
        hits: Vec::new(),
        notes: Vec::new(),
        own: Vec::new(),
    };
    app.search_event(Event::Results {
        generation: sent - 1,
        results: stale,
    });
    app.search_event(Event::Failed {
        generation: sent - 1,
        message: "an old failure".into(),
    });
    let now = results(&app);
    assert_eq!(now.query, "金日成");
    assert_eq!(now.total, shown.total);
    assert!(app.search.failure.is_none());

    // Typing on: the answer to the new query replaces the old one once it comes.
    type_text(&mut app, " 朝鲜");
    answered(&mut app, "金日成 朝鲜");
    assert_eq!(results(&app).query, "金日成 朝鲜");
    assert!(app.search.sent > sent);
}

#[test]
fn broken_queries_show_one_line_in_the_overlay_never_an_error_screen() {
    let dir = cache();
    let mut app = app_in(&dir);
    let mut term = terminal();
    press(&mut app, "/");
    for q in [
        "\"unclosed",
        "OR",
        "-",
        "kind:nonsense",
        "date:19..x",
        "\"",
        "(((",
    ] {
        press(&mut app, "ctrl-u");
        type_text(&mut app, q);
        answered(&mut app, q);
        assert!(
            app.search.failure.is_none(),
            "{q}: {:?}",
            app.search.failure
        );
        render(&mut app, &mut term);
        let screen = rows(&term);
        assert_eq!(app.top_window(), Some("search"), "{q}");
        assert!(
            screen.iter().any(|r| r.contains(&format!("/ {q}▏"))),
            "{q}: the query line is shown\n{}",
            screen.join("\n")
        );
        // The line under the query says what happened, in one line.
        let at = screen
            .iter()
            .position(|r| r.contains(&format!("/ {q}▏")))
            .unwrap_or(0);
        // Inside the overlay's frame only.
        let row = &screen[at + 1];
        let (l, r) = (row.find('│'), row.rfind('│'));
        let info = match (l, r) {
            (Some(l), Some(r)) if l < r => row[l + '│'.len_utf8()..r].trim(),
            _ => "",
        };
        // It is the parser's note on how the query was read.
        let note = results(&app).notes.first().cloned();
        let note = note.unwrap_or_else(|| panic!("{q}: no note from the parser"));
        let head: String = note.chars().take(40).collect();
        assert!(info.contains(&head), "{q}: {info:?} lacks {note:?}");
        assert_eq!(
            screen.iter().filter(|r| r.contains(&head)).count(),
            1,
            "{q}: one line"
        );
    }
    // And search still works after them.
    press(&mut app, "ctrl-u");
    type_text(&mut app, "兴南");
    answered(&mut app, "兴南");
    assert_eq!(
        results(&app).total,
        scan(&app.corpus.documents, &["兴南"]).len()
    );
}

#[test]
fn esc_closes_the_overlay_and_slash_reopens_it_with_the_query_and_results_kept() {
    let dir = cache();
    let mut app = app_in(&dir);
    let mut term = terminal();
    press(&mut app, "/");
    type_text(&mut app, "兴南");
    answered(&mut app, "兴南");
    press(&mut app, "esc");
    assert_eq!(app.top_window(), None);
    assert_eq!(app.screen, Screen::List);
    press(&mut app, "/");
    assert_eq!(app.search.query, "兴南");
    assert_eq!(results(&app).query, "兴南");
    // Open the hit; Esc leaves the reader; `/` in the list and in the reader keep the query.
    press(&mut app, "enter");
    render(&mut app, &mut term);
    press(&mut app, "/");
    assert_eq!(app.top_window(), Some("search"), "/ works in the reader");
    press(&mut app, "esc esc");
    assert_eq!(app.screen, Screen::List);
    press(&mut app, "/");
    render(&mut app, &mut term);
    assert!(rows(&term).iter().any(|r| r.contains("/ 兴南▏")));
    // The title filter moved to f and still works.
    press(&mut app, "esc f");
    type_text(&mut app, "treaty");
    assert!(app.list.editing);
    assert!(
        app.list
            .shown
            .iter()
            .all(|&i| app.corpus.documents[i].id.contains("treaty")),
        "{:?}",
        app.list.shown
    );
}

#[test]
fn the_index_is_built_off_the_ui_thread_into_the_cache_and_announced() {
    let dir = cache();
    let mut app = app_in(&dir);
    press(&mut app, "/");
    // Building has started on the worker; the key returned at once.
    assert_ne!(
        app.search.index,
        lectern::tui::search::state::IndexStatus::NotStarted
    );
    settle(&mut app, "the index", |a| {
        a.search.index == lectern::tui::search::state::IndexStatus::Ready
    });
    assert!(message(&app).contains("search index"), "{}", message(&app));
    let built = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with("index-"));
    assert!(built, "the index is in the cache dir given");
}

#[test]
fn when_the_cache_dir_cannot_be_written_search_still_answers_and_says_which_path() {
    let dir = cache();
    // A regular file where the cache directory should be: nothing can be written there.
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap_or_else(|e| panic!("{e}"));
    let root = file.join("lectern");
    let mut app = app();
    app.search.location = Some(Location::at(&root));
    press(&mut app, "/");
    type_text(&mut app, "兴南");
    settle(&mut app, "the results", |a| {
        a.search.results.as_ref().is_some_and(|r| r.total > 0)
    });
    let status = tui_support::status_text(&app);
    assert!(
        status.contains(&root.display().to_string()) && status.contains("in memory"),
        "{status}"
    );
    assert_eq!(app.top_window(), Some("search"));
}

#[test]
fn the_search_window_draws_at_any_terminal_size_without_panicking() {
    let dir = cache();
    let mut app = app_in(&dir);
    press(&mut app, "/");
    type_text(&mut app, "苏联 OR Korea");
    answered(&mut app, "苏联 OR Korea");
    assert!(results(&app).hits.len() > 3);
    press(&mut app, "pagedown");
    for (w, h) in [(1, 1), (9, 4), (20, 5), (40, 8), (80, 24), (200, 50)] {
        let mut term = tui_support::terminal(w, h);
        render(&mut app, &mut term);
        if w >= 80 {
            // The selected result is on screen, marked.
            let screen = rows(&term).join("\n");
            assert!(screen.contains('▶'), "{w}x{h}:\n{screen}");
        }
    }
}
