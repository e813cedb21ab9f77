//! The reader never lets document text drive the terminal, and never panics on any size.

mod tui_support;

use lectern::corpus::Corpus;
use lectern::model::{Block, BlockKind, DocKind, Document, Footnote, Lang, LangText, Source};
use tui_support::*;

fn hostile_document() -> Document {
    let mut text = LangText::one(
        Lang::En,
        "Bell\x07 and \x1b[31mred\x1b[0m \x1b]52;c;SGVsbG8=\x07 csi\u{9b}2J del\x7f [sic]\x1b",
    );
    text.set(Lang::Zh, "苏朝\x1b[2J两国\u{85}政府[^1]");
    Document {
        id: "hostile\x1b[5m".into(),
        kind: DocKind::Other,
        title: LangText::one(Lang::En, "Title \x1b]0;pwned\x07 here"),
        dates: vec![],
        parties: vec!["party\x1b[1m".into()],
        summary: Some("summary \x1b[2J".into()),
        source: Source {
            name: Some("site\u{9d}0;x\u{9c}".into()),
            raw: "raw/x\x1b.txt".into(),
            ..Source::default()
        },
        texts: vec![],
        notes: vec!["note \x07".into()],
        inferred: Default::default(),
        blocks: vec![
            Block {
                kind: BlockKind::Heading,
                text: text.clone(),
            },
            Block {
                kind: BlockKind::Paragraph,
                text,
            },
        ],
        footnotes: vec![Footnote {
            id: "1".into(),
            block: lectern::model::BlockNo(1),
            text: LangText::one(Lang::En, "foot\x1b[8mnote"),
        }],
    }
}

fn corpus_of(doc: Document) -> Corpus {
    Corpus::from_documents(vec![doc])
}

fn assert_no_control_chars(term: &ratatui::Terminal<ratatui::backend::TestBackend>) {
    for cell in term.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "control character in cell {:?}",
            cell.symbol()
        );
    }
}

#[test]
fn escape_bell_and_c1_controls_in_a_document_never_reach_the_screen() {
    let mut app = app_with(corpus_of(hostile_document()));
    for (w, h) in [(200, 50), (80, 24), (20, 5)] {
        let mut term = terminal(w, h);
        render(&mut app, &mut term);
        assert_no_control_chars(&term);
    }
    press(&mut app, "enter");
    for view in 0..4 {
        for (w, h) in [(200, 50), (120, 40), (80, 24), (20, 5)] {
            let mut term = terminal(w, h);
            render(&mut app, &mut term);
            assert_no_control_chars(&term);
        }
        assert!(app.document().is_some(), "view {view}");
        press(&mut app, "v");
    }
    // The controls are shown as visible placeholders instead.
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    let screen = rows(&term).join("\n");
    assert!(screen.contains("Bell␇"), "{screen}");
    assert!(screen.contains("␛[31mred"), "{screen}");
}

#[test]
fn every_size_down_to_one_by_one_and_every_resize_draws_without_panicking() {
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    let mut term = terminal(1, 1);
    for (w, h) in [
        (0, 0),
        (1, 1),
        (2, 1),
        (1, 2),
        (3, 3),
        (7, 2),
        (20, 5),
        (79, 24),
        (80, 24),
        (200, 50),
        (5, 40),
        (300, 3),
    ] {
        term.backend_mut().resize(w, h);
        term.resize(ratatui::layout::Rect::new(0, 0, w, h))
            .unwrap_or_else(|e| match e {});
        render(&mut app, &mut term);
        press(&mut app, "j G pagedown tab j tab v p");
        render(&mut app, &mut term);
        press(&mut app, "g pageup p");
        render(&mut app, &mut term);
    }
    // The list too, with a filter that matches nothing.
    press(&mut app, "esc / z z z");
    for (w, h) in [(1, 1), (20, 5)] {
        let mut term = terminal(w, h);
        render(&mut app, &mut term);
    }
}

#[test]
fn scrolling_never_goes_past_the_end_of_the_document() {
    let (mut app, mut term) = reading(PEOPLES_DAILY, 120, 40);
    for _ in 0..200 {
        press(&mut app, "ctrl-e");
    }
    render(&mut app, &mut term);
    let r = app.reader.as_ref().unwrap_or_else(|| panic!("open"));
    assert_eq!(r.scroll, r.layout.max_scroll(r.height));
    // The last row of the document is on the last row of the body.
    let body = app.areas().body;
    assert_eq!(r.scroll + body.height as usize, r.layout.rows.len());
}
