//! Which source family a page comes from, by evidence: each family scores the marks its pages
//! carry, and the page goes to the family with the strongest case. The decision comes with a
//! confidence and the reasons, for `lectern import --explain`.

use regex::Regex;
use std::sync::LazyLock;

/// The source families the general importer knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Wilson Center Digital Archive pages.
    Wilson,
    /// KCNA, Rodong Sinmun, Pyongyang Times, DPRK embassies, Xinhua, People's Daily Online.
    News,
    /// Chinese newspaper archives: forum-style reprints, People's Daily, Peking Review.
    ChinesePress,
    /// Treaty texts: UN Treaty Series (OCR), treaty databases, other collections.
    Treaty,
    /// None of the above.
    Generic,
}

impl Family {
    pub fn label(self) -> &'static str {
        match self {
            Family::Wilson => "Wilson Center Digital Archive",
            Family::News => "news agency or embassy",
            Family::ChinesePress => "Chinese newspaper archive",
            Family::Treaty => "treaty text",
            Family::Generic => "unknown source",
        }
    }
}

/// The decision and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Detection {
    pub family: Family,
    /// 0.0–1.0: how far the evidence for this family outweighs the rest.
    pub confidence: f32,
    pub reasons: Vec<String>,
    /// Every family's score, for the explanation.
    pub scores: Vec<(Family, i32)>,
}

struct Mark {
    family: Family,
    weight: i32,
    pattern: Regex,
    reason: &'static str,
}

static MARKS: LazyLock<Vec<Mark>> = LazyLock::new(|| {
    use Family::*;
    let table: [(Family, i32, &str, &str); 43] = [
        (Wilson, 3, r"Digital Archive", "names the Digital Archive"),
        (
            Wilson,
            3,
            r"Wilson Center|History and Public Policy Program",
            "names the Wilson Center or its programme",
        ),
        (
            Wilson,
            2,
            r"(?m)^\s*(?:Record ID|Original Archive|Original Uploaded Date)\s*$",
            "has the portal's metadata headings",
        ),
        (
            Wilson,
            2,
            r"(?m)^\s*Associated (?:Topics|Places|People)",
            "has the portal's 'Associated …' headings",
        ),
        (
            Wilson,
            2,
            r"This document was made possible with support",
            "has the portal's support line",
        ),
        (
            Wilson,
            1,
            r"(?i)\bfond\s+\w+,?\s+opis\b|\bf\.\s*\d+,\s*op\.\s*\d+",
            "cites a fond/opis/delo signature",
        ),
        (
            Wilson,
            1,
            r"(?i)(?:obtained and )?translated (?:for \S+ )?by",
            "credits a translator",
        ),
        (
            Wilson,
            2,
            r"(?i)^\s*(?:ciphered |cipher )?telegram|record of (?:a |the )?conversation|memorandum of conversation|запись беседы|шифротелеграмма",
            "opens as an archival document",
        ),
        (
            News,
            4,
            r"\((?:KCNA|Xinhua|XINHUA|TASS|Yonhap)\)\s*[-—–]",
            "has an agency dateline",
        ),
        (
            News,
            2,
            r"\bKCNA\b|Korean Central News Agency",
            "names KCNA",
        ),
        (
            News,
            3,
            r"Rodong Sinmun|Pyongyang Times|Naenara|Voice of Korea",
            "names a DPRK newspaper or site",
        ),
        (
            News,
            2,
            r"(?i)embassy of the (?:dprk|democratic people)|dprk embassy",
            "names a DPRK embassy",
        ),
        (
            News,
            3,
            r"People's Daily Online|english\.people|china\.org\.cn|Xinhua",
            "names Xinhua or People's Daily Online",
        ),
        (
            News,
            3,
            r"updated at \d{1,2}:\d{2}\s*\(GMT\+8\)",
            "has People's Daily Online's time stamp",
        ),
        (News, 3, r"(?i)calendar\s*>>", "has a KCNA calendar header"),
        (
            News,
            2,
            r"Read original version at source",
            "has an aggregator's source line",
        ),
        (
            News,
            2,
            r"www\.kcna\.kp|kcna\.co\.jp|kcnawatch",
            "names the KCNA site",
        ),
        (News, 1, r"(?m)^\s*-0-\s*$", "has the agency end mark -0-"),
        (
            News,
            1,
            r"(?i)\bjuche\s+\d{2,3}\b",
            "dates by the Juche calendar",
        ),
        (ChinesePress, 3, r"发表于|發表於", "has a forum post date"),
        (
            ChinesePress,
            3,
            r"只看楼主|倒序阅读|上一主题",
            "has forum navigation",
        ),
        (
            ChinesePress,
            2,
            r"\d+\s*阅读|\d+\s*回复|\[复制链接\]",
            "has forum counters",
        ),
        (
            ChinesePress,
            2,
            r"(?m)^\s*第\s*\d+\s*版",
            "has a newspaper page mark (第N版)",
        ),
        (ChinesePress, 1, r"专栏[:：]", "has a column label"),
        (
            ChinesePress,
            2,
            r"人民日报|人民日報|光明日报",
            "names a Chinese newspaper",
        ),
        (
            ChinesePress,
            3,
            r"新华社[^\n，。]{0,8}电",
            "has a Xinhua dateline in Chinese",
        ),
        (ChinesePress, 4, r"Peking Review", "names Peking Review"),
        (
            ChinesePress,
            4,
            r"(?i)Year\s*:\s*\d{4}\s+Issue\s*:",
            "has Peking Review's Year/Issue line",
        ),
        (
            ChinesePress,
            1,
            r"(?m)^\s*Release Date\s*:",
            "has a release date label",
        ),
        (
            Treaty,
            4,
            r"Treaty Series|Recueil des Traités",
            "names the Treaty Series",
        ),
        (
            Treaty,
            4,
            r"\[TRANSLATION\s*[—–-]\s*TRADUCTION\]",
            "has the Series' translation mark",
        ),
        (
            Treaty,
            3,
            r"(?m)(?:^|\s)(?:Article|ARTICLE)\s+(?:1|I|One)\b",
            "has an Article 1",
        ),
        (
            Treaty,
            3,
            r"(?m)^\s*第[一1]\s*[条條]",
            "has a 第一条 heading",
        ),
        (
            Treaty,
            3,
            r"(?i)high contracting parties|contracting parties|缔约双方|締約国|締約双方|缔约国",
            "speaks of contracting parties",
        ),
        (
            Treaty,
            2,
            r"(?i)in witness whereof|signed at|done at|done in|订于|締結|署名した",
            "has a testimonium or signing clause",
        ),
        (
            Treaty,
            1,
            r"(?m)^\s*SECTION\s+[IVX]+\b",
            "has SECTION headings",
        ),
        (
            Treaty,
            1,
            r"データベース|数据库|(?i)database",
            "comes from a database page",
        ),
        (
            Treaty,
            2,
            r"(?i)^\W*(?:treaty|agreement|convention|protocol)\b|条约|条約|條約|協定|协定",
            "is titled as a treaty or agreement",
        ),
        (
            Treaty,
            2,
            r"Registered by|Enregistré par",
            "has a registration line",
        ),
        (Generic, 0, r"^$", ""),
        (
            News,
            1,
            r"(?i)\bpress release\b|press statement",
            "is a press release or statement",
        ),
        (ChinesePress, 1, r"[\p{Han}]{20,}", "is written in Chinese"),
        (
            Wilson,
            1,
            r"(?m)^\s*(?:TOP SECRET|SECRET|Top Secret|Secret)\s*$",
            "carries a classification mark",
        ),
    ];
    table
        .into_iter()
        .filter(|(_, w, _, _)| *w > 0)
        .map(|(family, weight, p, reason)| Mark {
            family,
            weight,
            pattern: super::pattern::built_in(p),
            reason,
        })
        .collect()
});

/// Scores of a family under which the page is imported as unknown.
const MIN_SCORE: i32 = 3;

pub fn detect(text: &str) -> Detection {
    let families = [
        Family::Wilson,
        Family::News,
        Family::ChinesePress,
        Family::Treaty,
    ];
    let mut scores: Vec<(Family, i32)> = families.iter().map(|f| (*f, 0)).collect();
    let mut reasons: Vec<(Family, String)> = Vec::new();
    for mark in MARKS.iter() {
        if mark.pattern.is_match(text) {
            if let Some(s) = scores.iter_mut().find(|(f, _)| *f == mark.family) {
                s.1 += mark.weight;
            }
            reasons.push((mark.family, format!("{} (+{})", mark.reason, mark.weight)));
        }
    }
    scores.sort_by_key(|s| std::cmp::Reverse(s.1));
    let (best, best_score) = scores[0];
    let runner_up = scores.get(1).map_or(0, |s| s.1);
    if best_score < MIN_SCORE {
        return Detection {
            family: Family::Generic,
            confidence: 0.2,
            reasons: vec![format!(
                "no family has enough evidence (best: {} with {best_score})",
                best.label()
            )],
            scores,
        };
    }
    let confidence = best_score as f32 / (best_score + runner_up + 2) as f32;
    Detection {
        family: best,
        confidence: (confidence * 100.0).round() / 100.0,
        reasons: reasons
            .into_iter()
            .filter(|(f, _)| *f == best)
            .map(|(_, r)| r)
            .collect(),
        scores,
    }
}
