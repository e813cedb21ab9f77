//! The People's Daily Chinese text as laid out by the reader, at many widths: no line starts
//! with closing punctuation, every line fits its column, and no character is lost.

use lectern::corpus::Corpus;
use lectern::model::Lang;
use lectern::text::wrap::str_width;
use lectern::tui::reader::layout::{ReaderLayout, View, reading_pair};

const NO_LINE_START: &str = "，。、；：？！）」』】》";

#[test]
fn chinese_lines_never_start_with_closing_punctuation_and_always_fit() {
    let corpus = Corpus::bundled();
    let doc = corpus
        .get("1956-07-14-joint-communique-issued-soviet")
        .unwrap_or_else(|| panic!("the People's Daily document is bundled"));
    let pair = reading_pair(doc);
    assert_eq!(pair, [Lang::Zh, Lang::En]);
    for width in 80..=200 {
        for view in [View::SideBySide, View::Stacked, View::Single(Lang::Zh)] {
            let layout = ReaderLayout::build(lectern::tui::DocIx(0), doc, &pair, width, view);
            let mut zh_by_block: Vec<String> = vec![String::new(); doc.blocks.len()];
            for row in &layout.rows {
                for part in row.parts.iter().flatten() {
                    let (laid, line) = layout.text(part).unwrap_or_else(|| panic!("in range"));
                    let (_, col) = layout.geometry.slot(part.slot);
                    assert!(str_width(line) <= col as usize, "{line:?} wider than {col}");
                    if laid.lang == Lang::Zh {
                        let first = line.chars().next();
                        assert!(
                            !first.is_some_and(|c| NO_LINE_START.contains(c)),
                            "width {width} {view:?}: line starts with {first:?}: {line}"
                        );
                        zh_by_block[laid.block as usize].push_str(line);
                    }
                }
            }
            for (b, block) in doc.blocks.iter().enumerate() {
                let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                if let Some(zh) = block.text.get(Lang::Zh) {
                    assert_eq!(
                        squash(&zh_by_block[b]),
                        squash(zh),
                        "block {} at {width}",
                        b + 1
                    );
                }
            }
        }
    }
}
