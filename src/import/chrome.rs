//! Site chrome: the lines of a saved page that belong to the website, not to the document.
//!
//! One rule set serves every source family. A line is judged by its own shape (a menu of short
//! items, a view counter, a copyright notice, a share button) and by its place (the teaser list
//! under "More from …", whatever follows an end mark or a comment form). Each removed line keeps
//! its class so that `lectern import --explain` can show what went and why.

use super::page::{Line, Role};
use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// Why a line was removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Chrome {
    Navigation,
    Menu,
    Share,
    Comment,
    Ad,
    Counter,
    Copyright,
    Teaser,
    Address,
    EndMark,
    RunningHead,
    SiteName,
    /// Metadata of the website (upload, crawl or view dates, tags), not of the document.
    SiteMetadata,
    /// A mark of a seed layout that its importer reads past ("Original:", a rule).
    Layout,
}

impl Chrome {
    pub fn label(self) -> &'static str {
        match self {
            Chrome::Navigation => "navigation",
            Chrome::Menu => "menu",
            Chrome::Share => "share",
            Chrome::Comment => "comment form",
            Chrome::Ad => "ad",
            Chrome::Counter => "counter",
            Chrome::Copyright => "copyright",
            Chrome::Teaser => "teaser list",
            Chrome::Address => "address block",
            Chrome::EndMark => "end mark",
            Chrome::RunningHead => "running head",
            Chrome::SiteName => "site name",
            Chrome::SiteMetadata => "site metadata",
            Chrome::Layout => "layout mark",
        }
    }
}

impl fmt::Display for Chrome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

fn re(p: &str) -> Regex {
    super::pattern::built_in(p)
}

/// Whole lines (compared without case and trailing punctuation) that are always furniture.
const EXACT: [(&str, Chrome); 75] = [
    ("digital archive", Chrome::SiteName),
    ("skip to content", Chrome::Navigation),
    ("skip to main content", Chrome::Navigation),
    ("jump to navigation", Chrome::Navigation),
    ("main menu", Chrome::Navigation),
    ("menu", Chrome::Navigation),
    ("home", Chrome::Navigation),
    ("back to top", Chrome::Navigation),
    ("search", Chrome::Navigation),
    ("search in", Chrome::Navigation),
    ("add search filter cancel search filter", Chrome::Navigation),
    ("previous", Chrome::Navigation),
    ("next", Chrome::Navigation),
    ("prev", Chrome::Navigation),
    ("previous article", Chrome::Navigation),
    ("next article", Chrome::Navigation),
    ("read more", Chrome::Navigation),
    ("continue reading", Chrome::Navigation),
    ("print", Chrome::Navigation),
    ("download", Chrome::Navigation),
    ("english html", Chrome::Navigation),
    ("english pdf", Chrome::Navigation),
    ("original html", Chrome::Navigation),
    ("original pdf", Chrome::Navigation),
    ("original scan", Chrome::Navigation),
    ("get citation", Chrome::Navigation),
    ("citation", Chrome::Navigation),
    ("font size", Chrome::Navigation),
    ("a a a", Chrome::Navigation),
    ("返回顶部", Chrome::Navigation),
    ("返回列表", Chrome::Navigation),
    ("上一篇", Chrome::Navigation),
    ("下一篇", Chrome::Navigation),
    ("上一主题 下一主题", Chrome::Navigation),
    ("打印", Chrome::Navigation),
    ("コンテンツにスキップ", Chrome::Navigation),
    ("share", Chrome::Share),
    ("share this", Chrome::Share),
    ("share this:", Chrome::Share),
    ("share this article", Chrome::Share),
    ("share document", Chrome::Share),
    ("share this document with a friend", Chrome::Share),
    ("tweet", Chrome::Share),
    ("facebook", Chrome::Share),
    ("twitter", Chrome::Share),
    ("whatsapp", Chrome::Share),
    ("telegram", Chrome::Share),
    ("vk", Chrome::Share),
    ("email", Chrome::Share),
    ("e-mail", Chrome::Share),
    ("like this:", Chrome::Share),
    ("[复制链接]", Chrome::Share),
    ("复制链接", Chrome::Share),
    ("分享到", Chrome::Share),
    ("leave a reply", Chrome::Comment),
    ("leave a comment", Chrome::Comment),
    ("post comment", Chrome::Comment),
    ("comments", Chrome::Comment),
    ("comments are closed", Chrome::Comment),
    ("submit", Chrome::Comment),
    ("name *", Chrome::Comment),
    ("email *", Chrome::Comment),
    ("website", Chrome::Comment),
    ("you can comment this article", Chrome::Comment),
    ("快速回复", Chrome::Comment),
    ("发表回复", Chrome::Comment),
    ("回复", Chrome::Comment),
    ("advertisement", Chrome::Ad),
    ("sponsored", Chrome::Ad),
    ("广告", Chrome::Ad),
    ("-0-", Chrome::EndMark),
    ("(end)", Chrome::EndMark),
    ("[end]", Chrome::EndMark),
    ("(完)", Chrome::EndMark),
    (
        "digital archive international history declassified",
        Chrome::SiteName,
    ),
];

/// Patterns of furniture, tried in order.
static PATTERNS: LazyLock<Vec<(Regex, Chrome)>> = LazyLock::new(|| {
    [
        (r"(?i)^(?:•\s*)?\d[\d,.]*\s*(?:阅读|回复|浏览|次阅读|人阅读|views?|reads?|comments?|replies)$", Chrome::Counter),
        (r"(?i)^(?:•\s*)?(?:阅读|浏览|点击|回复|评论|views?|view|hits|comments?|replies|download)\s*[:：(（]?\s*\d[\d,]*\s*(?:次|times)?[)）]?$", Chrome::Counter),
        (r"^(?:狂踩|点赞|顶|踩)\s*[(（]\d+[)）]$|^\d{1,3}(?:\.\d)?%$", Chrome::Counter),
        (r"(?i)^(?:copyright|©|\(c\)|版权所有)|all rights reserved|版权所有|©\s*\d{4}", Chrome::Copyright),
        (r"(?i)buy it here|find a [\w ]*job|subscribe (?:now|to our)|sign up for our newsletter|^donate\b|^advert", Chrome::Ad),
        (r"(?i)your email address will not be published|required fields are marked|^log(?:ged)? in (?:to|as)|^(?:оставить|добавить) комментарий|^限\s*\d+\s*字节|只看楼主|倒序阅读|^fill in your details below|bloggers like this", Chrome::Comment),
        (r"(?i)^share (?:on|via|to) |^(?:facebook|twitter|whatsapp|telegram|email|linkedin|reddit)(?:\s*[|/·•]\s*(?:facebook|twitter|whatsapp|telegram|email|linkedin|reddit|print|vk))+$|wordpress\.com logo|twitter picture|facebook photo|google photo|connecting to %s|^log out /|^change \)", Chrome::Share),
        (r"(?i)^www\.kcna\.kp\s*\(|^\(?www\.[\w.-]+\.\w{2,3}\)?\s*\(\d{4}\.\d{1,2}\.\d{1,2}\.?\)$", Chrome::EndMark),
        (r"(?i)^\d{1,4}\s+united nations\s*[—–-]+\s*treaty series|^united nations\s*[—–-]+\s*treaty series(?:\s*[•·]\s*nations unies.*)?(?:\s+\d{4})?$|^nations unies\s*[—–-]+\s*recueil des traités|^\d{4}\s+united nations\s*[—–-]+\s*treaty series\s+\d{1,4}$", Chrome::RunningHead),
        (r"(?i)^(?:date post|upload|uploaded|category|tags?|retrieved|accessed|crawled|last modified|original uploaded date)\s*[:：]", Chrome::SiteMetadata),
        (r"(?i)^(?:tel\.?|fax|phone|тел\.|факс|e-?mail)\s*[:.]|^\d{5,6},\s|^ул\.\s|^p\.?\s?o\.? box", Chrome::Address),
        (r"(?i)^(?:the )?(?:pyongyang times|rodong sinmun|kcna(?: watch| mirror)?|korean central news agency|people's daily online|china\.org\.cn|peking review|beijing review|xinhua|naenara|embassy of the dprk(?: in [\w ]+)?)$", Chrome::SiteName),
        (r"^.{0,24}(?:データベース|数据库|資料庫|(?i:database))\s*(?:[(（].{0,30}[)）])?$|^データベース『世界と日本』", Chrome::SiteName),
    ]
    .into_iter()
    .map(|(p, c)| (re(p), c))
    .collect()
});

/// Headings that open a teaser list: everything under them, to the end of the list, is teasers.
static TEASER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:more (?:from|on|news|stories|articles)\b.*|related(?: (?:articles|posts|news|stories|documents|content))?|latest news|recent posts|most (?:read|popular|viewed)|recommended(?: for you)?|you might (?:also )?like|see also|top stories|editor'?s picks|相关(?:新闻|阅读|文章|链接|热词搜索)[:：]?|推荐阅读|热点新闻|最新文章|更多|関連記事|最新ニュース|читайте также|другие новости)$",
    )
});

/// The class of a line judged by its own shape, without its neighbours.
pub fn classify_line(line: &str) -> Option<Chrome> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    let key = t
        .trim_start_matches(['•', '·', '*', '-', '|', '>'])
        .trim()
        .trim_end_matches(['.', ':', '：'])
        .trim()
        .to_lowercase();
    let lower = t.to_lowercase();
    if let Some((_, c)) = EXACT
        .iter()
        .find(|(e, _)| *e == key || e.trim_end_matches(':') == key || *e == lower)
    {
        return Some(*c);
    }
    // Patterns judge lines of furniture size only: a paragraph is never chrome by a prefix.
    if t.chars().count() <= 200
        && let Some((_, c)) = PATTERNS.iter().find(|(r, _)| r.is_match(t))
    {
        return Some(*c);
    }
    if is_menu(t) {
        return Some(Chrome::Menu);
    }
    None
}

/// A row of short items separated by bars, bullets or dashes: "Home | News | Archive".
fn is_menu(t: &str) -> bool {
    if t.chars().count() > 160 {
        return false;
    }
    for sep in ['|', '•', '·', '»', '›', '>'] {
        let items: Vec<&str> = t
            .split(sep)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if items.len() >= 3 && items.iter().all(|i| is_menu_item(i)) {
            return true;
        }
    }
    // Chinese portals: "首页 - 国际新闻 - 军事频道"; or items split by wide spaces.
    let dashed: Vec<&str> = t.split(" - ").map(str::trim).collect();
    if dashed.len() >= 3 && dashed.iter().all(|i| is_menu_item(i)) {
        return true;
    }
    let spaced: Vec<&str> = t
        .split("  ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    spaced.len() >= 4 && spaced.iter().all(|i| is_menu_item(i))
}

fn is_menu_item(item: &str) -> bool {
    let words = item.split_whitespace().count();
    let chars = item.chars().count();
    chars <= 24 && words <= 3 && !item.ends_with(['.', '。', ','])
}

/// Marks the chrome of a whole page: each line by its shape, then teaser lists, then
/// everything after an end mark or a comment form, which is never the document.
pub fn mark(lines: &mut [Line]) {
    let mut after_end: Option<Chrome> = None;
    let mut teaser = false;
    for line in lines.iter_mut() {
        if line.text.is_empty() || line.role != Role::Body {
            continue;
        }
        if let Some(class) = after_end {
            line.role = Role::Chrome(classify_line(&line.text).unwrap_or(class));
            continue;
        }
        if TEASER_HEAD.is_match(line.text.trim_end_matches(['.', ':'])) {
            teaser = true;
            line.role = Role::Chrome(Chrome::Teaser);
            continue;
        }
        let own = classify_line(&line.text);
        if teaser {
            // A teaser list ends where a paragraph of running text begins.
            if own.is_none() && is_running_text(&line.text) {
                teaser = false;
            } else {
                line.role = Role::Chrome(own.unwrap_or(Chrome::Teaser));
                continue;
            }
        }
        if let Some(class) = own {
            line.role = Role::Chrome(class);
            if opens_tail(&line.text, class) {
                after_end = Some(match class {
                    Chrome::EndMark => Chrome::Teaser,
                    other => other,
                });
            }
        }
    }
}

/// A paragraph of the document, not a teaser: long, ending a sentence, not cut off with "…".
fn is_running_text(text: &str) -> bool {
    let t = text.trim_end();
    t.chars().count() >= 200 && !t.ends_with(['…']) && !t.ends_with("...") && !t.ends_with("[…]")
}

/// Lines after which the rest of the page is furniture: an agency's end mark, the opening of a
/// comment form.
fn opens_tail(text: &str, class: Chrome) -> bool {
    let lower = text.to_lowercase();
    match class {
        Chrome::EndMark => true,
        Chrome::Comment => {
            lower.starts_with("leave a")
                || lower.starts_with("快速回复")
                || lower.starts_with("you can comment")
                || lower.starts_with("comments are closed")
                || lower.starts_with("оставить")
                || lower.starts_with("добавить")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_recognised_by_its_shape() {
        let cases = [
            ("Skip to content", Chrome::Navigation),
            ("• 115阅读", Chrome::Counter),
            ("• 0回复", Chrome::Counter),
            ("Help | Sitemap | Archive | Advanced Search", Chrome::Menu),
            ("首页 - 国际新闻 - 军事频道 - 科学频道", Chrome::Menu),
            ("Find a Security Clearance Job!", Chrome::Ad),
            (
                "Copyright © 2024 Example Press. All rights reserved.",
                Chrome::Copyright,
            ),
            ("[复制链接]", Chrome::Share),
            ("-0-", Chrome::EndMark),
            ("www.kcna.kp (2025.10.21.)", Chrome::EndMark),
            (
                "154 United Nations — Treaty Series 1962",
                Chrome::RunningHead,
            ),
            ("Original Uploaded Date: 2013-05-01", Chrome::SiteMetadata),
            (
                "「世界と日本」データベース (代表 田中明彦)",
                Chrome::SiteName,
            ),
        ];
        for (line, class) in cases {
            assert_eq!(classify_line(line), Some(class), "{line}");
        }
    }

    #[test]
    fn document_lines_are_not_furniture() {
        for line in [
            "Ciphered Telegram, Shtykov to Vyshinsky",
            "Pyongyang, July 21 (KCNA) -- The delegation left for home.",
            "第一条 缔约双方将继续为维护远东和全世界的和平而努力。",
            "Article 1",
            "Telegram from Kim Il Sung to Stalin",
            "The talks were held in a friendly atmosphere.",
        ] {
            assert_eq!(classify_line(line), None, "{line}");
        }
    }
}
