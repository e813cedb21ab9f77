//! The registry of what the documents name: instruments (treaties, agreements, declarations,
//! communiqués, conferences, summits) and entities (people, places, organizations), kept as
//! TOML under `corpus/registry/`. Every fact carries the document and block that states it.

use crate::model::{BlockNo, Lang, PartialDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Registry {
    #[serde(default, rename = "instrument")]
    pub instruments: Vec<Instrument>,
    #[serde(default, rename = "entity")]
    pub entities: Vec<Entity>,
}

/// Names a reader may meet or type, per language: the first is the usual form.
pub type Names = BTreeMap<Lang, Vec<String>>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Instrument {
    pub id: String,
    pub kind: InstrumentKind,
    /// A descriptive title for cards and the timeline.
    pub title: String,
    /// Where the archive holds the instrument's own text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<SourceRef>,
    #[serde(default)]
    pub names: Names,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<InstrumentDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub descriptions: Vec<Description>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentKind {
    Treaty,
    Agreement,
    Declaration,
    Communique,
    Conference,
    Summit,
}

impl InstrumentKind {
    pub fn label(self) -> &'static str {
        match self {
            InstrumentKind::Treaty => "treaty",
            InstrumentKind::Agreement => "agreement",
            InstrumentKind::Declaration => "declaration",
            InstrumentKind::Communique => "communiqué",
            InstrumentKind::Conference => "conference",
            InstrumentKind::Summit => "summit",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub source: SourceRef,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentDate {
    pub role: InstrumentDateRole,
    pub date: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub source: SourceRef,
    /// Set when the date is worked out rather than stated; says how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentDateRole {
    Signed,
    InForce,
    Ended,
    Held,
}

impl InstrumentDateRole {
    pub fn label(self) -> &'static str {
        match self {
            InstrumentDateRole::Signed => "signed",
            InstrumentDateRole::InForce => "in force",
            InstrumentDateRole::Ended => "ended",
            InstrumentDateRole::Held => "held",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    #[serde(rename = "type")]
    pub kind: RelationKind,
    pub target: String,
    pub source: SourceRef,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    Supersedes,
    SupersededBy,
    Implements,
    Extends,
    BasedOn,
}

impl RelationKind {
    pub fn label(self) -> &'static str {
        match self {
            RelationKind::Supersedes => "supersedes",
            RelationKind::SupersededBy => "superseded by",
            RelationKind::Implements => "implements",
            RelationKind::Extends => "extends",
            RelationKind::BasedOn => "based on",
        }
    }
}

/// A mention that uses no name ("a bilateral treaty of friendship…"), resolved once, here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Description {
    pub at: SourceRef,
    /// The words of the mention, as they stand in the block.
    pub text: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    #[serde(default)]
    pub names: Names,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Place,
    Organization,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    pub text: String,
    pub source: SourceRef,
}

/// `document-id#block`: the document and block that state a fact. A reference always names
/// one block: block 0 (no block) is refused when the registry is validated.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SourceRef {
    pub doc: String,
    pub block: BlockNo,
}

impl TryFrom<String> for SourceRef {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let (doc, block) = s
            .rsplit_once('#')
            .ok_or_else(|| format!("'{s}' is not a reference of the form document-id#block"))?;
        let block = block
            .parse()
            .map(BlockNo)
            .map_err(|_| format!("'{s}': block '{block}' is not a number"))?;
        Ok(SourceRef {
            doc: doc.to_string(),
            block,
        })
    }
}

impl From<SourceRef> for String {
    fn from(r: SourceRef) -> String {
        r.to_string()
    }
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.doc, self.block)
    }
}

/// Anything a link can point to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Target {
    Instrument(usize),
    Entity(usize),
}

impl Registry {
    pub fn instrument(&self, id: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|i| i.id == id)
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    pub fn target_id(&self, target: Target) -> &str {
        match target {
            Target::Instrument(i) => &self.instruments[i].id,
            Target::Entity(i) => &self.entities[i].id,
        }
    }

    pub fn target_name(&self, target: Target) -> &str {
        match target {
            Target::Instrument(i) => &self.instruments[i].title,
            Target::Entity(i) => &self.entities[i].name,
        }
    }

    pub fn names_of(&self, target: Target) -> &Names {
        match target {
            Target::Instrument(i) => &self.instruments[i].names,
            Target::Entity(i) => &self.entities[i].names,
        }
    }

    /// Finds an instrument or entity by id or by any of its names in any language,
    /// ignoring case, hyphens and diacritics.
    pub fn find(&self, query: &str) -> Option<Target> {
        let wanted = crate::text::fold::fold(query);
        let targets = (0..self.instruments.len())
            .map(Target::Instrument)
            .chain((0..self.entities.len()).map(Target::Entity));
        let mut best = None;
        for target in targets {
            if crate::text::fold::fold(self.target_id(target)) == wanted {
                return Some(target);
            }
            let names = self.names_of(target).values().flatten().map(String::as_str);
            if names
                .chain(std::iter::once(self.target_name(target)))
                .any(|n| crate::text::fold::fold(n) == wanted)
            {
                best = best.or(Some(target));
            }
        }
        best
    }

    /// The instruments and entities a partial or misspelt name may stand for, best first:
    /// those with a name (or id) whose words begin with the words typed (`kim` → Kim Il Sung,
    /// Kim Jong Il, Kim Jong Un; `Treaty of Friendship` → the 1961 treaty), or that contain it
    /// (for names in Chinese, written without spaces). Empty for an empty query.
    pub fn close_matches(&self, query: &str) -> Vec<Target> {
        let wanted = crate::text::fold::fold(query).to_lowercase();
        let typed: Vec<&str> = wanted.split(' ').filter(|w| !w.is_empty()).collect();
        if typed.is_empty() {
            return Vec::new();
        }
        let targets = (0..self.instruments.len())
            .map(Target::Instrument)
            .chain((0..self.entities.len()).map(Target::Entity));
        let mut found: Vec<(u8, Target)> = Vec::new();
        for target in targets {
            let names: Vec<String> = self
                .names_of(target)
                .values()
                .flatten()
                .map(String::as_str)
                .chain([self.target_name(target), self.target_id(target)])
                .map(|n| crate::text::fold::fold(n).to_lowercase())
                .collect();
            let rank = names
                .iter()
                .filter_map(|n| {
                    let words: Vec<&str> = n.split(' ').collect();
                    let all_begin = typed.iter().all(|t| words.iter().any(|w| w.starts_with(t)));
                    if n.starts_with(&wanted) {
                        Some(0)
                    } else if all_begin {
                        Some(1)
                    } else if n.contains(&wanted) {
                        Some(2)
                    } else {
                        None
                    }
                })
                .min();
            if let Some(rank) = rank {
                found.push((rank, target));
            }
        }
        found.sort();
        found.into_iter().map(|(_, t)| t).collect()
    }

    /// Every name of a target in every language: what search expands a name into.
    pub fn all_names(&self, target: Target) -> Vec<&str> {
        self.names_of(target)
            .values()
            .flatten()
            .map(String::as_str)
            .collect()
    }
}
