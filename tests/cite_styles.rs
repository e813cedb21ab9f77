//! The full citation of every seed document in every style, with the pinpoint the reader gives
//! for block 3. Each string was read against the manuals (Chicago 17 notes, bibliography and
//! author-date; MLA 9; APA 7; OSCOLA 4 for the treaty; the Wilson Center's own form), not only
//! against a CSL processor: processors share a style's mistakes. `cite_facts` checks the facts in
//! each; this file checks the whole string, punctuation included.
//!
//! What each one shows: the journal's author is the ambassador (the translator is named as
//! translator), its own date is not a publication date, the pinpoint comes before the archive
//! signature, page ranges take an en dash; the treaty has one date and MLA's "no."; a title the
//! source cased keeps "Co-operation"; MLA quotes the journal, the post and the press release; a
//! year known only by inference is "[2021?]" (APA "ca."); a supplied publisher is in brackets;
//! the short note leaves the machine-translation sentence to the full note.

use lectern::cite::{self, Pinpoint, Style};
use lectern::corpus::Corpus;

/// The citation of the seed `id` in `style` at block 3.
fn cite_at_block_3(id: &str, style: Style) -> String {
    let corpus = Corpus::bundled();
    let doc = corpus
        .documents
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("seed {id} is missing"));
    let pin = Pinpoint::for_block(doc, lectern::model::BlockNo(3));
    cite::render(doc, style, Some(&pin)).unwrap_or_else(|e| panic!("{id} in {style}: {e}"))
}

fn check(style: Style, expected: &[(&str, &str)]) {
    for (id, want) in expected {
        assert_eq!(cite_at_block_3(id, style), *want, "{id} in {style}");
    }
}

const COMMUNIQUE: &str = "1956-07-14-joint-communique-issued-soviet";
const JOURNAL: &str = "1960-09-14-journal-soviet-ambassador-dprk";
const TREATY: &str = "1961-07-06-treaty-friendship-co-operation-mutual";
const POST: &str = "2021-historic-event-propelling-dprk-russia";
const PRESS_RELEASE: &str = "2022-08-05-historic-declaration-demonstrating-strong";

#[test]
fn chicago_note_in_full() {
    check(
        Style::ChicagoNote,
        &[
            (
                COMMUNIQUE,
                r#"“Su Chao liangguo zhengfu fabiao lianhe gongbao: Shuangfang zhichi jiu heping jiejue Chaoxian wenti zhaokai guoji huiyi; jueding jinyibu kuoda liangguo zai jingji wenhua fangmian de hezuo 苏朝两国政府发表联合公报：双方支持就和平解决朝鲜问题召开国际会议；决定进一步扩大两国在经济文化方面的合作 [Joint communiqué issued by the Soviet and Korean governments: Both sides support the convening of an international conference on the peaceful resolution of the Korean question; decision to further expand cooperation between the two countries in economic and cultural fields],” Renmin ribao 人民日报, July 14, 1956, para. 3. English text machine-translated from Chinese."#,
            ),
            (
                JOURNAL,
                r#"A. M. Puzanov, “Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 14 September 1960,” trans. Gary Goldberg, History and Public Policy Program Digital Archive, September 14, 1960, para. 3, fond 0102, opis 16, delo 7, pp. 102–129, AVPRF."#,
            ),
            (
                TREATY,
                r#"“Treaty of Friendship, Co-operation and Mutual Assistance,” United Nations Treaty Series, July 6, 1961, para. 3."#,
            ),
            (
                POST,
                r#"“Historic Event Propelling DPRK-Russia Relations,” [2021?], para. 3."#,
            ),
            (
                PRESS_RELEASE,
                r#"“Historic Declaration Demonstrating Strong DPRK-Russia Friendship,” press release ([Website of the DPRK mission in Khabarovsk], August 5, 2022), para. 3."#,
            ),
        ],
    );
}

#[test]
fn chicago_short_note_in_full() {
    check(
        Style::ChicagoShortNote,
        &[
            (
                COMMUNIQUE,
                r#"“Su Chao liangguo zhengfu fabiao lianhe gongbao,” para. 3."#,
            ),
            (
                JOURNAL,
                r#"Puzanov, “Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 14 September 1960,” para. 3."#,
            ),
            (
                TREATY,
                r#"“Treaty of Friendship, Co-operation and Mutual Assistance,” para. 3."#,
            ),
            (
                POST,
                r#"“Historic Event Propelling DPRK-Russia Relations,” para. 3."#,
            ),
            (
                PRESS_RELEASE,
                r#"“Historic Declaration Demonstrating Strong DPRK-Russia Friendship,” para. 3."#,
            ),
        ],
    );
}

#[test]
fn chicago_bibliography_in_full() {
    check(
        Style::ChicagoBibliography,
        &[
            (
                COMMUNIQUE,
                r#"Renmin ribao 人民日报. “Su Chao liangguo zhengfu fabiao lianhe gongbao: Shuangfang zhichi jiu heping jiejue Chaoxian wenti zhaokai guoji huiyi; jueding jinyibu kuoda liangguo zai jingji wenhua fangmian de hezuo 苏朝两国政府发表联合公报：双方支持就和平解决朝鲜问题召开国际会议；决定进一步扩大两国在经济文化方面的合作 [Joint communiqué issued by the Soviet and Korean governments: Both sides support the convening of an international conference on the peaceful resolution of the Korean question; decision to further expand cooperation between the two countries in economic and cultural fields],” July 14, 1956. English text machine-translated from Chinese."#,
            ),
            (
                JOURNAL,
                r#"Puzanov, A. M. “Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 14 September 1960.” Translated by Gary Goldberg. History and Public Policy Program Digital Archive, September 14, 1960. Fond 0102, opis 16, delo 7, pp. 102–129. AVPRF."#,
            ),
            (
                TREATY,
                r#"“Treaty of Friendship, Co-operation and Mutual Assistance.” United Nations Treaty Series, July 6, 1961."#,
            ),
            (
                POST,
                r#"“Historic Event Propelling DPRK-Russia Relations,” [2021?]."#,
            ),
            (
                PRESS_RELEASE,
                r#"“Historic Declaration Demonstrating Strong DPRK-Russia Friendship.” Press release. [Website of the DPRK mission in Khabarovsk], August 5, 2022."#,
            ),
        ],
    );
}

#[test]
fn chicago_author_date_in_full() {
    check(
        Style::ChicagoAuthorDate,
        &[
            (
                COMMUNIQUE,
                r#"Renmin ribao 人民日报. 1956. “Su Chao liangguo zhengfu fabiao lianhe gongbao: Shuangfang zhichi jiu heping jiejue Chaoxian wenti zhaokai guoji huiyi; jueding jinyibu kuoda liangguo zai jingji wenhua fangmian de hezuo 苏朝两国政府发表联合公报：双方支持就和平解决朝鲜问题召开国际会议；决定进一步扩大两国在经济文化方面的合作 [Joint communiqué issued by the Soviet and Korean governments: Both sides support the convening of an international conference on the peaceful resolution of the Korean question; decision to further expand cooperation between the two countries in economic and cultural fields],” July 14, 1956. English text machine-translated from Chinese.
(Renmin ribao 人民日报 1956, para. 3)"#,
            ),
            (
                JOURNAL,
                r#"Puzanov, A. M. 1960. “Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 14 September 1960.” Translated by Gary Goldberg. History and Public Policy Program Digital Archive. Fond 0102, opis 16, delo 7, pp. 102–129. AVPRF.
(Puzanov 1960, para. 3)"#,
            ),
            (
                TREATY,
                r#"“Treaty of Friendship, Co-operation and Mutual Assistance.” 1961. United Nations Treaty Series.
(“Treaty of Friendship, Co-operation and Mutual Assistance” 1961, para. 3)"#,
            ),
            (
                POST,
                r#"“Historic Event Propelling DPRK-Russia Relations.” [2021?].
(“Historic Event Propelling DPRK-Russia Relations” [2021?], para. 3)"#,
            ),
            (
                PRESS_RELEASE,
                r#"“Historic Declaration Demonstrating Strong DPRK-Russia Friendship.” 2022. Press release. [Website of the DPRK mission in Khabarovsk]. August 5, 2022.
(“Historic Declaration Demonstrating Strong DPRK-Russia Friendship” 2022, para. 3)"#,
            ),
        ],
    );
}

#[test]
fn mla_in_full() {
    check(
        Style::Mla,
        &[
            (
                COMMUNIQUE,
                r#"“Su Chao liangguo zhengfu fabiao lianhe gongbao: Shuangfang zhichi jiu heping jiejue Chaoxian wenti zhaokai guoji huiyi; jueding jinyibu kuoda liangguo zai jingji wenhua fangmian de hezuo 苏朝两国政府发表联合公报：双方支持就和平解决朝鲜问题召开国际会议；决定进一步扩大两国在经济文化方面的合作 [Joint communiqué issued by the Soviet and Korean governments: Both sides support the convening of an international conference on the peaceful resolution of the Korean question; decision to further expand cooperation between the two countries in economic and cultural fields].” Renmin ribao 人民日报, 14 July 1956, p. 5. English text machine-translated from Chinese.
(“Su Chao liangguo zhengfu fabiao lianhe gongbao,” par. 3)"#,
            ),
            (
                JOURNAL,
                r#"Puzanov, A. M. “Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 14 September 1960.” Translated by Gary Goldberg, 14 Sept. 1960. AVPRF, fond 0102, opis 16, delo 7, pp. 102–129.
(Puzanov, par. 3)"#,
            ),
            (
                TREATY,
                r#"“Treaty of Friendship, Co-operation and Mutual Assistance.” United Nations Treaty Series, no. 6045, 6 July 1961.
(“Treaty of Friendship, Co-operation and Mutual Assistance,” par. 3)"#,
            ),
            (
                POST,
                r#"“Historic Event Propelling DPRK-Russia Relations.” [2021?].
(“Historic Event Propelling DPRK-Russia Relations,” par. 3)"#,
            ),
            (
                PRESS_RELEASE,
                r#"“Historic Declaration Demonstrating Strong DPRK-Russia Friendship.” [Website of the DPRK mission in Khabarovsk], 5 Aug. 2022.
(“Historic Declaration Demonstrating Strong DPRK-Russia Friendship,” par. 3)"#,
            ),
        ],
    );
}

#[test]
fn apa_in_full() {
    check(
        Style::Apa,
        &[
            (
                COMMUNIQUE,
                r#"Su Chao liangguo zhengfu fabiao lianhe gongbao: Shuangfang zhichi jiu heping jiejue Chaoxian wenti zhaokai guoji huiyi; jueding jinyibu kuoda liangguo zai jingji wenhua fangmian de hezuo 苏朝两国政府发表联合公报：双方支持就和平解决朝鲜问题召开国际会议；决定进一步扩大两国在经济文化方面的合作 [Joint communiqué issued by the Soviet and Korean governments: Both sides support the convening of an international conference on the peaceful resolution of the Korean question; decision to further expand cooperation between the two countries in economic and cultural fields]. (1956, July 14). Renmin ribao 人民日报, 5. English text machine-translated from Chinese.
(“Su Chao liangguo zhengfu fabiao lianhe gongbao,” 1956, para. 3)"#,
            ),
            (
                JOURNAL,
                r#"Puzanov, A. M. (1960). Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 14 September 1960 (G. Goldberg, Trans.; fond 0102, opis 16, delo 7, pp. 102–129). AVPRF.
(Puzanov, 1960, para. 3)"#,
            ),
            (
                TREATY,
                r#"Treaty of Friendship, Co-operation and Mutual Assistance, July 6, 1961, United Nations Treaty Series No. 6045.
(Treaty of Friendship, Co-operation and Mutual Assistance, 1961, para. 3)"#,
            ),
            (
                POST,
                r#"Historic Event Propelling DPRK-Russia Relations. (ca. 2021).
(Historic Event Propelling DPRK-Russia Relations, ca. 2021, para. 3)"#,
            ),
            (
                PRESS_RELEASE,
                r#"Historic Declaration Demonstrating Strong DPRK-Russia Friendship. (2022, August 5). [Press release]. [Website of the DPRK mission in Khabarovsk].
(Historic Declaration Demonstrating Strong DPRK-Russia Friendship, 2022, para. 3)"#,
            ),
        ],
    );
}

#[test]
fn treaty_in_full() {
    check(
        Style::Treaty,
        &[(
            TREATY,
            r#"Treaty of Friendship, Co-operation and Mutual Assistance (USSR–DPRK) (signed at Moscow 6 July 1961, entered into force 10 September 1961) UNTS No. 6045, para 3"#,
        )],
    );
}

#[test]
fn archive_in_full() {
    check(
        Style::Archive,
        &[(
            JOURNAL,
            r#""Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 14 September 1960," September 14, 1960, History and Public Policy Program Digital Archive, para. 3, AVPRF fond 0102, opis 16, delo 7, p.102-129. Translated by Gary Goldberg."#,
        )],
    );
}
