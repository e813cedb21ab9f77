//! Pages saved from a browser (`.html`): the document tree is flattened to the text a browser
//! would show, one line per block element and a blank line after each paragraph or heading,
//! so that the same line rules apply as to a text dump. Scripts and styles never show; the
//! page's navigation, header, footer, sidebars and forms are removed as chrome, and the `h1`
//! headings are offered as title candidates.

use super::chrome::Chrome;
use ego_tree::NodeRef;
use scraper::{Html, Node};

/// The text of a page, its `h1` headings and the text removed with its structural chrome.
#[derive(Debug, Default)]
pub struct Flattened {
    pub text: String,
    pub headings: Vec<String>,
    pub removed: Vec<(Chrome, String)>,
}

/// Whether a file's text is HTML rather than a text dump.
pub fn looks_like(name: &str, text: &str) -> bool {
    let lower = name.to_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return true;
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

pub fn flatten(html: &str) -> Flattened {
    let doc = Html::parse_document(html);
    let mut out = Flattened::default();
    walk(doc.tree.root(), &mut out, false);
    // Squeeze the runs of blank lines block elements leave.
    let mut text = String::new();
    let mut blank = true;
    for line in out.text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !blank {
                text.push('\n');
            }
            blank = true;
        } else {
            text.push_str(line);
            text.push('\n');
            blank = false;
        }
    }
    out.text = format!("{}\n", text.trim_end());
    out
}

const SKIP: [&str; 8] = [
    "script", "style", "noscript", "template", "svg", "head", "iframe", "button",
];
const BLOCK: [&str; 22] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dd",
    "dt",
    "td",
    "center",
];
const PARAGRAPH: [&str; 9] = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"];

/// Structural chrome: elements that hold the site's furniture, unless they sit inside the
/// article (an article's own header holds its title).
fn chrome_of(name: &str, class_id: &str) -> Option<Chrome> {
    match name {
        "nav" | "menu" => Some(Chrome::Navigation),
        "footer" => Some(Chrome::Copyright),
        "aside" => Some(Chrome::Teaser),
        "form" => Some(Chrome::Comment),
        "header" => Some(Chrome::Navigation),
        _ => {
            let c = class_id.to_lowercase();
            let has = |w: &str| c.split([' ', '-', '_']).any(|p| p == w);
            if has("nav") || has("menu") || has("breadcrumb") || has("breadcrumbs") {
                Some(Chrome::Navigation)
            } else if has("share") || has("social") {
                Some(Chrome::Share)
            } else if has("comments") || has("comment") {
                Some(Chrome::Comment)
            } else if has("ad") || has("ads") || has("advert") || has("banner") {
                Some(Chrome::Ad)
            } else if has("sidebar") || has("related") {
                Some(Chrome::Teaser)
            } else {
                None
            }
        }
    }
}

fn walk(node: NodeRef<'_, Node>, out: &mut Flattened, in_article: bool) {
    match node.value() {
        Node::Text(t) => out.text.push_str(&t.replace(['\n', '\r', '\t'], " ")),
        Node::Element(el) => {
            let name = el.name();
            if SKIP.contains(&name) {
                return;
            }
            if name == "br" {
                out.text.push('\n');
                return;
            }
            let class_id = format!(
                "{} {}",
                el.attr("class").unwrap_or(""),
                el.attr("id").unwrap_or("")
            );
            let article = in_article || name == "article" || name == "main";
            if !article && let Some(class) = chrome_of(name, &class_id) {
                let mut inner = Flattened::default();
                for child in node.children() {
                    walk(child, &mut inner, false);
                }
                for line in inner.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    out.removed.push((class, line.to_string()));
                }
                out.headings.extend(inner.headings);
                return;
            }
            let block = BLOCK.contains(&name);
            if block {
                out.text.push('\n');
            }
            let start = out.text.len();
            for child in node.children() {
                walk(child, out, article);
            }
            if name == "h1" {
                let heading = out.text[start..]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if !heading.is_empty() {
                    out.headings.push(heading);
                }
            }
            if block {
                out.text.push('\n');
            }
            if PARAGRAPH.contains(&name) {
                out.text.push('\n');
            }
        }
        _ => {
            for child in node.children() {
                walk(child, out, in_article);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_and_structural_chrome_is_set_aside() {
        let page = "<html><head><title>T</title><script>var x=1;</script></head><body>\
            <nav><a>Home</a> | <a>News</a></nav>\
            <article><header><h1>Talks Held</h1></header><p>First <b>para</b>.</p><p>Second.</p></article>\
            <footer>Copyright 2024</footer></body></html>";
        let f = flatten(page);
        assert_eq!(f.text, "Talks Held\n\nFirst para.\n\nSecond.\n");
        assert_eq!(f.headings, vec!["Talks Held".to_string()]);
        assert!(
            f.removed
                .contains(&(Chrome::Copyright, "Copyright 2024".to_string()))
        );
        assert!(
            f.removed
                .iter()
                .any(|(c, t)| *c == Chrome::Navigation && t.contains("Home"))
        );
    }
}
