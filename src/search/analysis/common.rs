//! The common words of each analysed language: a pair of neighbouring words is indexed only
//! when its first word is common (see [`super`]). The lists are Snowball's stop word lists
//! (snowballstem.org, `algorithms/{english,russian,french}/stop.txt`); the English one as NLTK
//! ships it (single words, no contractions). A list only decides what is indexed as a pair: a
//! phrase matches the same blocks whatever it holds, only more or less quickly.

use super::TextField;
use super::lexer::fold_word;
use std::collections::HashSet;

const ENGLISH: &str = "i me my myself we our ours ourselves you your yours yourself yourselves \
    he him his himself she her hers herself it its itself they them their theirs themselves \
    what which who whom this that these those am is are was were be been being have has had \
    having do does did doing a an the and but if or because as until while of at by for with \
    about against between into through during before after above below to from up down in out \
    on off over under again further then once here there when where why how all any both each \
    few more most other some such no nor not only own same so than too very s t can will just \
    don should now";

const RUSSIAN: &str = "а без более больше будет будто бы был была были было быть в вам вас вдруг ведь во вот \
    впрочем все всегда всего всех всю вы где говорил да даже два для до другой его ее ей ему \
    если есть еще ж же жизнь за зачем здесь и из или им иногда их к кажется как какая какой \
    когда конечно кто куда ли лучше между меня мне много может можно мой моя мы на над надо \
    наконец нас не него нее ней нельзя нет ни нибудь никогда ним них ничего но ну о об один \
    он она они опять от перед по под после потом потому почти при про раз разве с сам свою \
    себе себя сегодня сейчас сказал сказала сказать со совсем так такой там тебя тем теперь \
    то тогда того тоже только том тот три тут ты у уж уже хорошо хоть чего человек чем через \
    что чтоб чтобы чуть эти этого этой этом этот эту я";

const FRENCH: &str = "ai aie aient aies ait au aurai auraient aurais aurait aurez auriez aurions aurons auront \
    aux avaient avais avait avec avez aviez avons ayant ayez ayons c ce ceci cela celà ces \
    cet cette d dans de des du elle en es et eu eue eues eurent eus eusse eussent eusses \
    eussiez eussions eut eux eûmes eût eûtes furent fus fusse fussent fusses fussiez \
    fussions fut fûmes fûtes ici il ils j je l la le les leur leurs lui m ma mais me mes moi \
    mon même n ne nos notre nous on ont ou par pas pour qu que quel quelle quelles quels qui \
    s sa sans se sera serai seraient serais serait seras serez seriez serions serons seront \
    ses soi soient sois soit sont soyez soyons suis sur t ta te tes toi ton tu un une vos \
    votre vous y à étaient étais était étant étiez étions étée étées êtes";

/// The common words of `field`, folded as the analyser folds words (`même` → `meme`). Chinese
/// fields have none: their words are names and numbers among the characters.
pub fn common_words(field: TextField) -> HashSet<String, rustc_hash::FxBuildHasher> {
    let list = match field {
        TextField::En => ENGLISH,
        TextField::Ru => RUSSIAN,
        TextField::Other => FRENCH,
        TextField::Zh => "",
    };
    list.split_whitespace()
        .map(|w| {
            let mut folded = String::new();
            fold_word(w, &mut folded);
            folded
        })
        .collect()
}
