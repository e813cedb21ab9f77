//! Languages of the archive and text held per language.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// A language of the archive, by its ISO 639-1 code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
    Ru,
    Ko,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::Zh, Lang::En, Lang::Ru, Lang::Ko, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Ko => "ko",
            Lang::Fr => "fr",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::Zh => "Chinese",
            Lang::En => "English",
            Lang::Ru => "Russian",
            Lang::Ko => "Korean",
            Lang::Fr => "French",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(s) || l.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown language '{s}' (expected one of zh, en, ru, ko, fr)"))
    }
}

/// One piece of text in each language it exists in, e.g. a paragraph and its translation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LangText(pub BTreeMap<Lang, String>);

impl LangText {
    pub fn one(lang: Lang, text: impl Into<String>) -> Self {
        let mut map = BTreeMap::new();
        map.insert(lang, text.into());
        Self(map)
    }

    pub fn get(&self, lang: Lang) -> Option<&str> {
        self.0.get(&lang).map(String::as_str)
    }

    pub fn set(&mut self, lang: Lang, text: impl Into<String>) {
        self.0.insert(lang, text.into());
    }

    pub fn langs(&self) -> impl Iterator<Item = Lang> + '_ {
        self.0.keys().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(|t| t.trim().is_empty())
    }

    /// The text in the first of `prefs` that it has, else in any language.
    pub fn best(&self, prefs: &[Lang]) -> Option<&str> {
        prefs
            .iter()
            .find_map(|l| self.get(*l))
            .or_else(|| self.0.values().next().map(String::as_str))
    }
}
