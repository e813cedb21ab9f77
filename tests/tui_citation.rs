//! The citation panel and its keys, driven by key presses on the app: the panel shows the
//! citation the citation engine gives for the open document, the cursor's block and the style
//! chosen; `c` cycles the styles that apply; `y` and `Y` hand exactly that text to the
//! clipboard as OSC 52 bytes for the terminal, and the status line says what went where.

mod tui_support;

use lectern::cite::{self, Facts, Pinpoint, Style};
use lectern::clipboard::osc52;
use lectern::model::{BlockKind, BlockNo, Document, Lang};
use lectern::tui::keymap::Mode;
use lectern::tui::status::Level;
use lectern::tui::{Action, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_support::*;

/// Opens a bundled document by id (directly: the list's filter key is not what is tested).
fn open_doc(app: &mut App, id: &str) -> Document {
    let i = app
        .find_document(id)
        .unwrap_or_else(|| panic!("{id} is bundled"));
    app.open_document(i);
    app.corpus.documents[i].clone()
}

/// The panel's text on screen, whitespace collapsed (its lines wrap at spaces).
fn panel_text(app: &App, term: &Terminal<TestBackend>) -> String {
    let area = app
        .areas()
        .panel
        .unwrap_or_else(|| panic!("the panel is shown at {:?}", app.size));
    let buf = term.backend().buffer();
    let mut text = String::new();
    // Inside the panel's border: on its left beside the text, on top below it.
    let (left, top) = if area.x > 0 {
        (area.left() + 1, area.top())
    } else {
        (area.left(), area.top() + 1)
    };
    for y in top..area.bottom() {
        for x in left..area.right() {
            text.push_str(buf[(x, y)].symbol());
        }
        text.push(' ');
    }
    collapse(&text)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The citation the engine gives, independently of the reader.
fn expected(doc: &Document, style: Style, pin: Option<&Pinpoint>) -> String {
    cite::render(doc, style, pin).unwrap_or_else(|e| panic!("{e}"))
}

/// The article heading "Article n" of the treaty, as a block index from 0.
fn article_heading(doc: &Document, n: &str) -> usize {
    doc.blocks
        .iter()
        .position(|b| {
            b.kind == BlockKind::Article
                && b.text.get(Lang::En).map(str::trim) == Some(&format!("Article {n}"))
        })
        .unwrap_or_else(|| panic!("the treaty has an Article {n}"))
}

#[test]
fn the_panel_shows_the_treaty_citation_and_c_cycles_every_style_that_applies() {
    let mut app = app();
    let doc = open_doc(&mut app, TREATY);
    let facts = Facts::of(&doc);
    let styles = Style::for_doc(&facts);
    let mut t = terminal(200, 50);
    render(&mut app, &mut t);
    let pin = Pinpoint::for_block(&doc, BlockNo::FIRST);
    assert_eq!(
        pin,
        Pinpoint::Block(BlockNo(1)),
        "the cursor starts on the first block"
    );

    let mut style = Style::default_for(&facts);
    let mut seen = Vec::new();
    for _ in 0..styles.len() {
        let panel = panel_text(&app, &t);
        let at = styles.iter().position(|s| *s == style).map_or(0, |p| p + 1);
        let title = format!("Citation · {} ({at}/{})", style.label(), styles.len());
        assert!(panel.contains(&title), "{title} in {panel}");
        let text = collapse(&expected(&doc, style, Some(&pin)));
        assert!(
            panel.contains(&text),
            "the {style} citation\n{text}\nin {panel}"
        );
        seen.push((style, text));
        press(&mut app, "c");
        render(&mut app, &mut t);
        let msg = app.status.message().map(|m| m.text.clone());
        style = style.next_for(&facts);
        assert_eq!(msg, Some(format!("citation style: {}", style.label())));
    }
    // Every style that applies was shown once, and the cycle is back at the start.
    let mut shown: Vec<Style> = seen.iter().map(|(s, _)| *s).collect();
    shown.sort_by_key(|s| Style::ALL.iter().position(|a| a == s));
    assert_eq!(shown, styles);
    assert_eq!(style, Style::default_for(&facts));
    // The styles give different texts: cycling changes what the panel says.
    let mut texts: Vec<&String> = seen.iter().map(|(_, t)| t).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), seen.len(), "{seen:#?}");
}

#[test]
fn moving_into_article_2_of_the_treaty_points_the_citation_at_article_2() {
    let mut app = app();
    let doc = open_doc(&mut app, TREATY);
    let mut t = terminal(200, 50);
    render(&mut app, &mut t);
    let before = panel_text(&app, &t);
    assert!(before.contains("pinpoint: ¶1"), "{before}");

    // The first paragraph under the heading "Article 2".
    let heading = article_heading(&doc, "2");
    for _ in 0..heading + 1 {
        press(&mut app, "j");
    }
    render(&mut app, &mut t);
    let cursor = app.reader.as_ref().map_or(0, |r| r.cursor.index());
    assert_eq!(cursor, heading + 1);
    let pin = Pinpoint::Article("2".into());
    assert_eq!(Pinpoint::for_block(&doc, BlockNo::from_index(cursor)), pin);
    let panel = panel_text(&app, &t);
    assert!(panel.contains("pinpoint: Article 2"), "{panel}");
    let text = expected(&doc, Style::Treaty, Some(&pin));
    assert!(
        text.ends_with("art 2"),
        "the treaty form ends with the article: {text}"
    );
    assert!(panel.contains(&collapse(&text)), "{text}\nin {panel}");
    assert_ne!(before, panel);

    // The heading itself belongs to its article as well; the article before it does not.
    press(&mut app, "k");
    render(&mut app, &mut t);
    assert!(panel_text(&app, &t).contains("pinpoint: Article 2"));
    press(&mut app, "k");
    render(&mut app, &mut t);
    assert!(panel_text(&app, &t).contains("pinpoint: Article 1"));
}

#[test]
fn drawing_does_not_render_citations_only_a_change_of_block_or_style_does() {
    let mut app = app();
    open_doc(&mut app, TREATY);
    let mut t = terminal(200, 50);
    render(&mut app, &mut t);
    let first = app.citation.renders();
    assert_eq!(first, 1);
    for _ in 0..5 {
        render(&mut app, &mut t);
    }
    assert_eq!(app.citation.renders(), first, "frames alone render nothing");
    press(&mut app, "j");
    render(&mut app, &mut t);
    render(&mut app, &mut t);
    assert_eq!(
        app.citation.renders(),
        first + 1,
        "a new block renders once"
    );
    press(&mut app, "c");
    render(&mut app, &mut t);
    assert_eq!(
        app.citation.renders(),
        first + 2,
        "a new style renders once"
    );
}

#[test]
fn y_writes_osc52_of_exactly_the_citation_shown_and_says_how() {
    let mut app = app();
    app.citation.copier = osc52_only();
    let doc = open_doc(&mut app, TREATY);
    let mut t = terminal(200, 50);
    render(&mut app, &mut t);
    let heading = article_heading(&doc, "2");
    for _ in 0..heading + 1 {
        press(&mut app, "j");
    }
    press(&mut app, "c"); // Chicago note, after the treaty form
    render(&mut app, &mut t);
    assert!(app.after_frame.is_empty(), "nothing queued before the copy");

    press(&mut app, "y");
    let pin = Pinpoint::Article("2".into());
    let text = expected(&doc, Style::ChicagoNote, Some(&pin));
    assert_eq!(app.after_frame, osc52::sequence(&text));
    let msg = app
        .status
        .message()
        .cloned()
        .unwrap_or_else(|| panic!("a status message"));
    assert_eq!(msg.level, Level::Info);
    assert!(
        msg.text
            .starts_with("Chicago note citation at Article 2 copied via OSC 52: “"),
        "{}",
        msg.text
    );
    // The status line shows it.
    render(&mut app, &mut t);
    let screen = rows(&t).join("\n");
    assert!(screen.contains("Chicago note citation at Article 2 copied via OSC 52"));

    // Y copies the document's citation, without the pinpoint.
    app.after_frame.clear();
    press(&mut app, "Y");
    let whole = expected(&doc, Style::ChicagoNote, None);
    assert_ne!(whole, text);
    assert_eq!(app.after_frame, osc52::sequence(&whole));
    let msg = status_text(&app);
    assert!(
        msg.starts_with("Chicago note citation of the document copied via OSC 52"),
        "{msg}"
    );
}

#[test]
fn y_in_the_panel_copies_too_and_in_the_list_does_nothing() {
    let mut app = app();
    app.citation.copier = osc52_only();
    press(&mut app, "y");
    assert!(app.after_frame.is_empty(), "no document, nothing to copy");
    let doc = open_doc(&mut app, PEOPLES_DAILY);
    let mut t = terminal(200, 50);
    render(&mut app, &mut t);
    // Hide and show the panel, then focus it with the key the keymap gives.
    let focus = app
        .keymap
        .hint(Mode::Reader, Action::FocusNext)
        .unwrap_or_else(|| panic!("a key moves to the panel"));
    press(&mut app, &format!("p p {focus}"));
    assert_eq!(app.focus, lectern::tui::focus::Focus::Panel);
    press(&mut app, "y");
    let facts = Facts::of(&doc);
    let text = expected(
        &doc,
        Style::default_for(&facts),
        Some(&Pinpoint::Block(BlockNo(1))),
    );
    assert_eq!(app.after_frame, osc52::sequence(&text));
}

#[test]
fn inside_tmux_the_copy_runs_off_the_loop_and_posts_its_outcome_back() {
    let mut app = app();
    app.citation.copier = unrunnable_tmux();
    let doc = open_doc(&mut app, TREATY);
    press(&mut app, "y");
    // The key returned before the copy's outcome: it arrives as an event.
    assert!(app.after_frame.is_empty());
    let msg = status_text(&app);
    assert!(
        msg.starts_with("copying Treaty (OSCOLA) citation at ¶1"),
        "{msg}"
    );

    settle(&mut app, "the copy's bytes for the terminal", |a| {
        !a.after_frame.is_empty()
    });
    let text = expected(&doc, Style::Treaty, Some(&Pinpoint::Block(BlockNo(1))));
    assert_eq!(app.after_frame, osc52::for_terminal(&text, true));
    let msg = app
        .status
        .message()
        .cloned()
        .unwrap_or_else(|| panic!("the outcome is posted"));
    assert_eq!(msg.level, Level::Warn, "{}", msg.text);
    assert!(
        msg.text
            .starts_with("Treaty (OSCOLA) citation at ¶1 copied via OSC 52"),
        "{}",
        msg.text
    );
    assert!(msg.text.contains("tmux buffer failed"), "{}", msg.text);
}

#[test]
fn the_panel_says_a_pinpoint_is_cited_exactly_when_the_style_text_carries_it() {
    use lectern::tui::citation::state::takes_pinpoint;
    let corpus = lectern::corpus::Corpus::bundled();
    for doc in &corpus.documents {
        let facts = Facts::of(doc);
        let pin = Pinpoint::for_block(doc, BlockNo::last_of(doc.blocks.len()));
        for style in Style::for_doc(&facts) {
            let with = expected(doc, style, Some(&pin));
            let without = expected(doc, style, None);
            assert_eq!(
                takes_pinpoint(style),
                with != without,
                "{} in {style}:\n{with}\n{without}",
                doc.id
            );
        }
    }
}

#[test]
fn a_bibliography_entry_is_copied_without_claiming_a_pinpoint() {
    let mut app = app();
    app.citation.copier = osc52_only();
    let doc = open_doc(&mut app, TREATY);
    app.citation.chosen = Some(Style::ChicagoBibliography);
    let mut t = terminal(200, 50);
    render(&mut app, &mut t);
    assert!(
        panel_text(&app, &t).contains("pinpoint: ¶1 (a bibliography entry cites the whole work)")
    );
    press(&mut app, "y");
    assert_eq!(
        app.after_frame,
        osc52::sequence(&expected(&doc, Style::ChicagoBibliography, None))
    );
    let msg = status_text(&app);
    assert!(
        msg.starts_with("Chicago bibliography citation copied via OSC 52"),
        "{msg}"
    );
}
