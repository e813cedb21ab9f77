//! The kind of a document from its own words: the title, the heading of the text, or a type
//! field of the page ("Ciphered Telegram, Shtykov to …" is a telegram).
//!
//! The kind word that comes first wins, so "Report on a Telegram" is a report; longer phrases
//! beat the words inside them ("memorandum of conversation" is a record of conversation).

use crate::model::DocKind;

/// Kind words and phrases in the languages of the archive, longest phrases first.
const WORDS: [(&str, DocKind); 70] = [
    ("protocol of", DocKind::Minutes),
    ("protocol", DocKind::Treaty),
    ("memorandum of conversation", DocKind::RecordOfConversation),
    ("record of conversation", DocKind::RecordOfConversation),
    ("record of a conversation", DocKind::RecordOfConversation),
    ("record of the conversation", DocKind::RecordOfConversation),
    ("record of talks", DocKind::RecordOfConversation),
    ("record of a talk", DocKind::RecordOfConversation),
    ("conversation between", DocKind::RecordOfConversation),
    ("conversation with", DocKind::RecordOfConversation),
    ("notes of conversation", DocKind::RecordOfConversation),
    ("запись беседы", DocKind::RecordOfConversation),
    ("谈话记录", DocKind::RecordOfConversation),
    ("会谈记录", DocKind::RecordOfConversation),
    ("谈话纪要", DocKind::RecordOfConversation),
    ("minutes", DocKind::Minutes),
    ("transcript", DocKind::Minutes),
    ("протокол", DocKind::Minutes),
    ("会议记录", DocKind::Minutes),
    ("会议纪要", DocKind::Minutes),
    ("press release", DocKind::PressRelease),
    ("press statement", DocKind::Statement),
    ("statement", DocKind::Statement),
    ("заявление", DocKind::Statement),
    ("声明", DocKind::Statement),
    ("ciphered telegram", DocKind::Telegram),
    ("cipher telegram", DocKind::Telegram),
    ("telegram", DocKind::Telegram),
    ("cable", DocKind::Telegram),
    ("шифротелеграмма", DocKind::Telegram),
    ("телеграмма", DocKind::Telegram),
    ("电报", DocKind::Telegram),
    ("memorandum", DocKind::Memorandum),
    ("memo ", DocKind::Memorandum),
    ("меморандум", DocKind::Memorandum),
    ("备忘录", DocKind::Memorandum),
    ("journal", DocKind::Journal),
    ("diary", DocKind::Journal),
    ("дневник", DocKind::Journal),
    ("communiqué", DocKind::Communique),
    ("communique", DocKind::Communique),
    ("коммюнике", DocKind::Communique),
    ("公报", DocKind::Communique),
    ("treaty", DocKind::Treaty),
    ("договор", DocKind::Treaty),
    ("条约", DocKind::Treaty),
    ("條約", DocKind::Treaty),
    ("条約", DocKind::Treaty),
    ("agreement", DocKind::Agreement),
    ("соглашение", DocKind::Agreement),
    ("协定", DocKind::Agreement),
    ("協定", DocKind::Agreement),
    ("declaration", DocKind::Declaration),
    ("декларация", DocKind::Declaration),
    ("宣言", DocKind::Declaration),
    ("letter", DocKind::Letter),
    ("message", DocKind::Letter),
    ("письмо", DocKind::Letter),
    ("的信", DocKind::Letter),
    ("书信", DocKind::Letter),
    ("report", DocKind::Report),
    ("доклад", DocKind::Report),
    ("отчет", DocKind::Report),
    ("报告", DocKind::Report),
    ("speech", DocKind::Speech),
    ("address by", DocKind::Speech),
    ("remarks by", DocKind::Speech),
    ("речь", DocKind::Speech),
    ("讲话", DocKind::Speech),
    ("演说", DocKind::Speech),
];

/// The kind a text names, with the word that named it: the earliest kind word in it.
pub fn named_kind(text: &str) -> Option<(DocKind, &'static str)> {
    let lower = format!(" {} ", text.to_lowercase().replace('ё', "е"));
    WORDS
        .iter()
        .filter_map(|(word, kind)| {
            let at = find_word(&lower, word)?;
            Some((at, std::cmp::Reverse(word.chars().count()), *kind, *word))
        })
        .min()
        .map(|(_, _, kind, word)| (kind, word))
}

/// Where `word` stands in `text` as a word (Latin and Cyrillic words need a boundary before
/// them; Chinese ones do not).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let needs_boundary = word
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !is_han(c));
    text.match_indices(word).map(|(i, _)| i).find(|&i| {
        if !needs_boundary {
            return true;
        }
        let before = text[..i].chars().next_back();
        let mut after = text[i + word.len()..].chars();
        // A plural ("telegrams") still names the kind; "cablegram" does not name a cable.
        let end = match after.next() {
            Some('s') => after.next(),
            c => c,
        };
        before.is_none_or(|c| !c.is_alphanumeric()) && end.is_none_or(|c| !c.is_alphanumeric())
    })
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(t: &str) -> Option<DocKind> {
        named_kind(t).map(|(k, _)| k)
    }

    #[test]
    fn the_first_kind_word_names_the_kind() {
        assert_eq!(
            kind("Ciphered Telegram, Shtykov to Vyshinsky"),
            Some(DocKind::Telegram)
        );
        assert_eq!(
            kind("Report on the Telegram of 5 May"),
            Some(DocKind::Report)
        );
        assert_eq!(
            kind("Memorandum of Conversation between Kim Il Sung and Puzanov"),
            Some(DocKind::RecordOfConversation)
        );
        assert_eq!(
            kind("Record of Conversation with Comrade Kim"),
            Some(DocKind::RecordOfConversation)
        );
        assert_eq!(
            kind("Minutes of the Meeting of the Presidium"),
            Some(DocKind::Minutes)
        );
        assert_eq!(
            kind("Letter from Kim Il Sung to Stalin"),
            Some(DocKind::Letter)
        );
        assert_eq!(
            kind("Press Statement by Vice Foreign Minister"),
            Some(DocKind::Statement)
        );
        assert_eq!(kind("中苏友好同盟互助条约"), Some(DocKind::Treaty));
        assert_eq!(
            kind("Запись беседы с Ким Ир Сеном"),
            Some(DocKind::RecordOfConversation)
        );
        assert_eq!(kind("Kim Jong Un Inspects a Farm"), None);
        assert_eq!(kind("Cablegram"), None, "a kind word must stand as a word");
    }
}
