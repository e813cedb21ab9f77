//! The registry in search: a name typed in one language finds the entity in every language
//! (`Kim Il Sung` → 金日成, Ким Ир Сен), and `mentions:ID` narrows results to the blocks that
//! mention an instrument or entity. Both are plugged into the search engine's hooks.
//!
//! It lives in search, above refs and corpus, so that refs needs nothing from either.

use super::{AliasExpander, Hooks, MentionResolver, Pin};
use crate::corpus::links::CorpusLinks;
use crate::corpus::{Catalog, Corpus};
use crate::model::DocIx;
use crate::refs::Registry;
use std::sync::{Arc, OnceLock};

/// Reads the registry and links of a corpus shared with whoever else holds it (the reader),
/// or of a catalog, whose links are read only when a `mentions:` filter asks.
struct RegistryHooks {
    held: Held,
}

enum Held {
    Corpus(Arc<Corpus>),
    Catalog {
        catalog: Arc<Catalog>,
        /// Read lazily from the cache: `mentions:` asks its target index, kept in the cache.
        links: OnceLock<CorpusLinks>,
    },
}

impl RegistryHooks {
    fn registry(&self) -> &Registry {
        match &self.held {
            Held::Corpus(c) => &c.registry,
            Held::Catalog { catalog, .. } => catalog.registry(),
        }
    }

    /// The id of a document, which the index names documents by (from its head: no body is
    /// read).
    fn id(&self, doc: DocIx) -> Option<&str> {
        match &self.held {
            Held::Corpus(c) => c.documents.id(doc.0),
            Held::Catalog { catalog, .. } => catalog.id(doc.0),
        }
    }
}

impl AliasExpander for RegistryHooks {
    /// Every other name of the instrument or entity the term names, in every language.
    fn alternatives(&self, term: &str) -> Vec<String> {
        let Some(target) = self.registry().find(term) else {
            return Vec::new();
        };
        let folded = crate::text::fold::fold(term);
        self.registry()
            .all_names(target)
            .into_iter()
            .filter(|n| crate::text::fold::fold(n) != folded)
            .map(String::from)
            .collect()
    }
}

impl MentionResolver for RegistryHooks {
    fn mentions(&self, entity: &str) -> Option<Vec<Pin>> {
        let target = self.registry().find(entity)?;
        let pin = |(doc, block): (DocIx, crate::model::BlockNo)| {
            Some(Pin {
                doc: self.id(doc)?.to_string(),
                block: Some(block),
            })
        };
        // A lazy corpus answers from its target index, which holds each mention's block:
        // no document's mentions are read.
        Some(match &self.held {
            Held::Corpus(c) => (c.links.blocks_of_target(target).into_iter())
                .filter_map(pin)
                .collect(),
            // A catalog of a corpus in memory lends its links; one of the cache answers from
            // the target index kept beside it.
            Held::Catalog { catalog, links } => match catalog.links_in_memory() {
                Some(all) => (all.of_target(target))
                    .filter_map(|m| pin((m.doc, m.block)))
                    .collect(),
                None => (links.get_or_init(|| CorpusLinks::lazy(catalog.clone())))
                    .blocks_of_target(target)
                    .into_iter()
                    .filter_map(pin)
                    .collect(),
            },
        })
    }

    fn close_matches(&self, name: &str) -> Vec<(String, String)> {
        let registry = self.registry();
        registry
            .close_matches(name)
            .into_iter()
            .map(|t| {
                let id = registry.target_id(t).to_string();
                (id, registry.target_name(t).to_string())
            })
            .collect()
    }
}

/// Search hooks over a shared corpus: nothing is copied.
pub fn shared_hooks(corpus: Arc<Corpus>) -> Hooks {
    let shared = Arc::new(RegistryHooks {
        held: Held::Corpus(corpus),
    });
    Hooks {
        aliases: Some(shared.clone()),
        mentions: Some(shared),
        ..Hooks::default()
    }
}

/// Search hooks over a catalog: the registry is read on first use, the links only for a
/// `mentions:` filter.
pub fn catalog_hooks(catalog: Arc<Catalog>) -> Hooks {
    let shared = Arc::new(RegistryHooks {
        held: Held::Catalog {
            catalog,
            links: OnceLock::new(),
        },
    });
    Hooks {
        aliases: Some(shared.clone()),
        mentions: Some(shared),
        ..Hooks::default()
    }
}
