//! What the registry knows of one instrument or entity, as labelled lines with their
//! sources: shared by `lectern entity` and the reader's cards.

use super::registry::{EntityKind, Registry, Target};
use crate::model::dated;

/// The kind of a target, for people to read.
pub fn kind_label(reg: &Registry, target: Target) -> &'static str {
    match target {
        Target::Instrument(i) => reg.instruments[i].kind.label(),
        Target::Entity(i) => match reg.entities[i].kind {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organization => "organization",
        },
    }
}

/// `(label, text)` lines: where the text is, dates, parties, relations, facts — each fact
/// followed by its `[document#block]`.
pub fn facts(reg: &Registry, target: Target) -> Vec<(String, String)> {
    let mut out = vec![("kind".to_string(), kind_label(reg, target).to_string())];
    match target {
        Target::Instrument(i) => {
            let inst = &reg.instruments[i];
            let text = inst.text.as_ref().map_or_else(
                || "not in the archive".to_string(),
                |t| format!("in the archive: {t}"),
            );
            out.push(("text".into(), text));
            for d in &inst.dates {
                let when = dated(d.date.long(), d.place.as_deref(), d.inferred.as_deref());
                out.push((d.role.label().into(), format!("{when}  [{}]", d.source)));
            }
            for p in &inst.parties {
                out.push(("party".into(), format!("{}  [{}]", p.name, p.source)));
            }
            for r in &inst.relations {
                let name = reg
                    .instrument(&r.target)
                    .map_or(r.target.as_str(), |t| t.title.as_str());
                out.push((r.kind.label().into(), format!("{name}  [{}]", r.source)));
            }
        }
        Target::Entity(i) => {
            for f in &reg.entities[i].facts {
                out.push(("fact".into(), format!("{}  [{}]", f.text, f.source)));
            }
        }
    }
    out
}
