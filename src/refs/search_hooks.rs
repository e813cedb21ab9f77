//! The registry in search: a name typed in one language finds the entity in every language
//! (`Kim Il Sung` → 金日成, Ким Ир Сен), and `mentions:ID` narrows results to the blocks that
//! mention an instrument or entity. Both are plugged into the search engine's hooks.

use super::{Links, Registry};
use crate::corpus::Corpus;
use crate::search::{AliasExpander, Hooks, MentionResolver, Pin};
use std::sync::Arc;

struct RegistryHooks {
    registry: Registry,
    links: Links,
}

impl AliasExpander for RegistryHooks {
    /// Every other name of the instrument or entity the term names, in every language.
    fn alternatives(&self, term: &str) -> Vec<String> {
        let Some(target) = self.registry.find(term) else {
            return Vec::new();
        };
        let folded = super::mentions::fold(term);
        self.registry
            .all_names(target)
            .into_iter()
            .filter(|n| super::mentions::fold(n) != folded)
            .map(String::from)
            .collect()
    }
}

impl MentionResolver for RegistryHooks {
    fn mentions(&self, entity: &str) -> Option<Vec<Pin>> {
        let target = self.registry.find(entity)?;
        Some(
            self.links
                .of_target(target)
                .map(|m| Pin {
                    doc: m.doc.clone(),
                    block: Some(m.block),
                })
                .collect(),
        )
    }

    fn close_matches(&self, name: &str) -> Vec<(String, String)> {
        self.registry
            .close_matches(name)
            .into_iter()
            .map(|t| {
                let id = self.registry.target_id(t).to_string();
                (id, self.registry.target_name(t).to_string())
            })
            .collect()
    }
}

/// Search hooks backed by the corpus's registry and links.
pub fn hooks(corpus: &Corpus) -> Hooks {
    let shared = Arc::new(RegistryHooks {
        registry: corpus.registry.clone(),
        links: corpus.links.clone(),
    });
    Hooks {
        aliases: Some(shared.clone()),
        mentions: Some(shared),
    }
}
