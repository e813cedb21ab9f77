//! The parallel text in the reader: the sentence cursor and the mouse highlight a sentence and
//! its counterpart, a pair aligned by length alone looks different and says so, a block with a
//! translation question gets a ? in the gutter (an agreeing block never does), the panel quotes
//! both sides, and a document in one language says it has no parallel text.

mod tui_support;

use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use lectern::corpus::Corpus;
use lectern::model::{BlockNo, Lang};
use lectern::tui::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use tui_support::{PEOPLES_DAILY, app, app_with, open, press, render, status_text, terminal};

/// The stored text each sentence highlight (the theme's `sentence`, `counterpart` or
/// `counterpart_guess` colours; links are highlights too) of block `block` in `lang` covers.
fn highlighted(app: &App, block: usize, lang: Lang) -> Vec<String> {
    let (Some(reader), Some(doc)) = (app.reader.as_ref(), app.document()) else {
        return Vec::new();
    };
    let block = BlockNo(block);
    let text = doc
        .block(block)
        .and_then(|b| b.text.get(lang))
        .unwrap_or("");
    reader
        .highlights_of(block, lang)
        .filter(|h| matches!(h.style.bg, Some(Color::LightCyan | Color::LightMagenta)))
        .map(|h| text[h.range.clone()].to_string())
        .collect()
}

/// Each screen row as (text, the x of each char).
fn rows(term: &Terminal<TestBackend>) -> Vec<(String, Vec<u16>)> {
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let mut s = String::new();
            let mut xs = Vec::new();
            let mut skip = false;
            for x in 0..buf.area.width {
                // The cell after a wide character only continues it.
                if std::mem::take(&mut skip) {
                    continue;
                }
                let symbol = buf[(x, y)].symbol();
                skip = unicode_width::UnicodeWidthStr::width(symbol) > 1;
                for c in symbol.chars() {
                    s.push(c);
                    xs.push(x);
                }
            }
            (s, xs)
        })
        .collect()
}

/// The cell where `needle` starts on screen.
fn find(term: &Terminal<TestBackend>, needle: &str) -> Option<(u16, u16)> {
    rows(term).iter().enumerate().find_map(|(y, (s, xs))| {
        let at = s.find(needle)?;
        Some((xs[s[..at].chars().count()], y as u16))
    })
}

fn click(app: &mut App, x: u16, y: u16) {
    app.handle(Msg::Input(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    })));
}

#[test]
fn the_sentence_cursor_highlights_a_chinese_sentence_and_the_two_english_sentences_it_became() {
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    // Block 4, its second Chinese sentence: English splits it in two.
    press(&mut app, "j j j ) )");
    assert_eq!(app.reader.as_ref().map(|r| r.cursor), Some(BlockNo(4)));
    let zh = highlighted(&app, 4, Lang::Zh);
    let en = highlighted(&app, 4, Lang::En);
    assert_eq!(zh.len(), 1, "{zh:?}");
    assert!(
        zh[0].starts_with("公报宣布，以金日成为首") && zh[0].ends_with("国际问题。"),
        "{zh:?}"
    );
    assert_eq!(en.len(), 1, "{en:?}");
    assert!(
        en[0].starts_with("The communiqué announced")
            && en[0].contains("friendly atmosphere. The two sides extensively")
            && en[0].ends_with("mutual concern."),
        "{en:?}"
    );
    let status = status_text(&app);
    assert!(
        status.starts_with("¶4 zh sentence 2/2 ↔ en 2–3 · lengths with shared"),
        "{status}"
    );
    // Drawn: both columns carry the highlight's colour in the same frame.
    render(&mut app, &mut term);
    let buf = term.backend().buffer();
    let (zx, zy) = find(&term, "公报宣布").expect("zh on screen");
    let (ex, ey) = find(&term, "The communiqué announced").expect("en on screen");
    assert_eq!(buf[(zx, zy)].bg, Color::LightCyan);
    assert_eq!(buf[(ex, ey)].bg, Color::LightCyan);
    // The first sentence of the block is not highlighted.
    let (fx, fy) = find(&term, "这个联合公报").expect("first sentence");
    assert_ne!(buf[(fx, fy)].bg, Color::LightCyan);
}

#[test]
fn moving_past_the_last_sentence_of_a_block_goes_to_the_next_block_and_back() {
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    press(&mut app, "j j j ) ) )");
    assert_eq!(
        app.reader.as_ref().map(|r| r.cursor),
        Some(BlockNo(5)),
        "into block 5"
    );
    assert!(highlighted(&app, 4, Lang::Zh).is_empty(), "block 4 cleared");
    assert_eq!(highlighted(&app, 5, Lang::Zh).len(), 1);
    press(&mut app, "(");
    assert_eq!(
        app.reader.as_ref().map(|r| r.cursor),
        Some(BlockNo(4)),
        "back to block 4"
    );
    assert!(highlighted(&app, 4, Lang::Zh)[0].starts_with("公报宣布"));
}

#[test]
fn a_pair_aligned_by_length_alone_is_marked_as_such() {
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    // Block 5's pairs share no number, date or name.
    press(&mut app, "j j j j )");
    let status = status_text(&app);
    assert!(status.contains("by length alone"), "{status}");
    render(&mut app, &mut term);
    let (ex, ey) = find(&term, "The communiqué stated that further").expect("en on screen");
    assert_eq!(term.backend().buffer()[(ex, ey)].bg, Color::LightMagenta);
}

#[test]
fn clicking_an_english_sentence_highlights_it_and_its_chinese_counterpart() {
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    let (x, y) = find(&term, "Both sides stated that").expect("block 2 on screen");
    click(&mut app, x + 3, y);
    assert_eq!(app.reader.as_ref().map(|r| r.cursor), Some(BlockNo(2)));
    let zh = highlighted(&app, 2, Lang::Zh);
    assert_eq!(zh.len(), 1);
    assert!(zh[0].starts_with("双方表示，它们将"), "{zh:?}");
    assert!(highlighted(&app, 2, Lang::En)[0].starts_with("Both sides stated"));
    assert!(
        status_text(&app).starts_with("¶2 en sentence 2/2 ↔ zh 2"),
        "{}",
        status_text(&app)
    );
}

/// The gutter cell after each block number that holds a `?`, as block numbers.
fn question_marks(term: &Terminal<TestBackend>) -> Vec<usize> {
    rows(term)
        .iter()
        .filter_map(|(s, _)| {
            let t = s.trim_start();
            let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
            let rest = &t[digits.len()..];
            (!digits.is_empty() && rest.starts_with('?')).then(|| digits.parse().ok())?
        })
        .collect()
}

#[test]
fn the_seed_article_has_no_question_mark_in_the_gutter() {
    let mut app = app();
    open(&mut app, PEOPLES_DAILY);
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    assert_eq!(question_marks(&term), Vec::<usize>::new());
    let screen: String = rows(&term).into_iter().map(|(s, _)| s + "\n").collect();
    assert!(screen.contains("no translation question"), "{screen}");
}

#[test]
fn a_changed_date_number_and_name_are_asked_about_in_the_gutter_and_quoted_in_the_panel() {
    let mut corpus = Corpus::bundled();
    let doc = corpus
        .documents
        .iter_mut()
        .find(|d| d.id == PEOPLES_DAILY)
        .expect("seed");
    for (block, from, to) in [
        (1, "issued on July 12th", "issued on July 11th"),
        (3, "Kim Il-sung.", "Kim Jong-il."),
        (7, "the two parts of Korea", "the three parts of Korea"),
    ] {
        let en = doc.blocks[block]
            .text
            .get(Lang::En)
            .expect("en")
            .to_string();
        assert!(en.contains(from), "{from}");
        doc.blocks[block]
            .text
            .set(Lang::En, en.replacen(from, to, 1));
    }
    let mut app = app_with(corpus);
    open(&mut app, PEOPLES_DAILY);
    let mut term = terminal(200, 60);
    render(&mut app, &mut term);
    assert_eq!(question_marks(&term), vec![2, 4, 8]);
    let screen: String = rows(&term).into_iter().map(|(s, _)| s + "\n").collect();
    assert!(screen.contains("¶2 numbers or dates differ?"), "{screen}");
    assert!(screen.contains("en has “11th” (day 11)"), "{screen}");
    // Both sides of the pair are quoted.
    assert!(screen.contains("zh: “新华社莫斯科13日电"), "{screen}");
    assert!(
        screen.contains("en: “Xinhua News Agency, Moscow"),
        "{screen}"
    );
}

#[test]
fn a_document_in_one_language_says_it_has_no_parallel_text() {
    let mut app = app();
    open(&mut app, "1960-09-14-journal-soviet-ambassador-dprk");
    let mut term = terminal(200, 50);
    render(&mut app, &mut term);
    let screen: String = rows(&term).into_iter().map(|(s, _)| s + "\n").collect();
    assert!(screen.contains("no parallel text"), "{screen}");
    press(&mut app, ")");
    let status = status_text(&app);
    assert!(
        status.contains("one language only") && status.contains("no parallel text"),
        "{status}"
    );
}
