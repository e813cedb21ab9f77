//! Cross-references in the reader, a component: links are highlighted where the text names
//! an instrument or an entity; Tab / Shift-Tab select them in reading order from the cursor
//! block, Enter follows the selected one (to the document that holds the instrument's text,
//! or to a card), and a history of places takes the reader back and forward with cursor and
//! scroll as they were.
//!
//! Its state is [`LinkState`]; its update ([`LinkState::update`], [`LinkState::follow`],
//! [`LinkState::jump`]) reads the corpus and the reader's place from a [`LinkContext`] and
//! returns [`Effect`]s: open a document, move the cursor, lay highlights, show a card. The
//! windows it shows (cards, backlinks, the timeline) are overlays in [`card`], [`backlinks`]
//! and [`timeline`]; their lists build only the rows on screen ([`rows`]).

pub mod backlinks;
pub mod card;
pub mod rows;
pub mod timeline;

use super::action::Action;
use super::context::ReaderAt;
use super::effect::{Effect, Mark, Place};
use crate::corpus::Corpus;
use crate::model::Lang;
use crate::model::ids::{BlockNo, DocIds, DocIx};
use crate::refs::Target;
use std::collections::HashMap;
use std::ops::Range;

/// The owner name of the reader highlights set by links.
pub const HIGHLIGHT_OWNER: &str = "links";

/// The selected link and the way back and forward.
#[derive(Debug, Default)]
pub struct LinkState {
    /// Index into the open document's stops (as [`stops`] lists them).
    pub selected: Option<usize>,
    pub back: Vec<Place>,
    pub forward: Vec<Place>,
}

/// What the links component reads: the corpus, the id map, and where the reader is.
pub struct LinkContext<'a> {
    pub corpus: &'a Corpus,
    pub ids: &'a DocIds,
    pub reader: Option<&'a ReaderAt>,
}

/// One Tab stop: a target named in a block, with every place the block names it in the
/// languages shown (a name in both columns is one stop, not two).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stop {
    pub block: BlockNo,
    pub target: Target,
    pub marks: Vec<(Lang, Range<usize>)>,
}

/// The stops of document `doc` in reading order (block, then column, then position),
/// counting only mentions in `langs`, the languages shown in column order.
pub fn stops(links: &crate::corpus::CorpusLinks, doc: DocIx, langs: &[Lang]) -> Vec<Stop> {
    let column = |lang: Lang| langs.iter().position(|l| *l == lang);
    let mut mentions: Vec<_> = links
        .in_document(doc)
        .filter_map(|m| Some((column(m.lang)?, m)))
        .collect();
    mentions.sort_by_key(|(col, m)| (m.block, *col, m.range.start));
    let mut out: Vec<Stop> = Vec::new();
    let mut at: HashMap<(BlockNo, Target), usize> = HashMap::new();
    for (_, m) in mentions {
        let i = *at.entry((m.block, m.target)).or_insert_with(|| {
            out.push(Stop {
                block: m.block,
                target: m.target,
                marks: Vec::new(),
            });
            out.len() - 1
        });
        out[i].marks.push((m.lang, m.range.clone()));
    }
    out
}

impl LinkState {
    /// A link action in the reader (`Tab`, `Shift-Tab`, back, forward, the timeline, the
    /// backlinks list).
    pub fn update(&mut self, action: Action, ctx: &LinkContext<'_>) -> Vec<Effect> {
        match action {
            Action::NextLink => self.step(true, ctx),
            Action::PrevLink => self.step(false, ctx),
            Action::HistoryBack => self.history(true, ctx),
            Action::HistoryForward => self.history(false, ctx),
            Action::Timeline => vec![Effect::OpenTimeline],
            Action::Backlinks => match ctx.reader {
                Some(at) => vec![Effect::ShowBacklinks(at.doc)],
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// The stops of the open document in the view shown.
    pub fn stops_of(&self, ctx: &LinkContext<'_>) -> Vec<Stop> {
        let Some(at) = ctx.reader else {
            return Vec::new();
        };
        stops(&ctx.corpus.links, at.doc, &at.langs)
    }

    /// The target of the selected stop, if one is selected.
    pub fn selected_target(&self, ctx: &LinkContext<'_>) -> Option<Target> {
        let s = self.selected?;
        self.stops_of(ctx).get(s).map(|st| st.target)
    }

    /// Selects the next (or previous) stop. From the selected stop while the cursor is still
    /// on its block; otherwise from the cursor block, then from the rows on screen, and only
    /// then round to the other end of the document (said in the status line).
    pub fn step(&mut self, forward: bool, ctx: &LinkContext<'_>) -> Vec<Effect> {
        let stops = self.stops_of(ctx);
        let Some(at) = ctx.reader else {
            return Vec::new();
        };
        if stops.is_empty() {
            return vec![Effect::Info("no links in this document".into())];
        }
        let n = stops.len();
        let current =
            (self.selected).filter(|&s| stops.get(s).is_some_and(|st| st.block == at.cursor));
        let (next, wrapped) = match current {
            Some(s) if forward && s + 1 < n => (s + 1, false),
            Some(_) if forward => (0, true),
            Some(s) => s.checked_sub(1).map_or((n - 1, true), |p| (p, false)),
            None => from_cursor(&stops, at, forward),
        };
        self.selected = Some(next);
        let stop = &stops[next];
        let name = ctx.corpus.registry.target_name(stop.target);
        let round = match (wrapped, forward) {
            (false, _) => "",
            (true, true) => " · wrapped to the top",
            (true, false) => " · wrapped to the end",
        };
        let mut effects = vec![Effect::MoveCursor(stop.block)];
        effects.extend(self.highlights(ctx));
        effects.push(Effect::Info(format!(
            "link {} of {n}: {name} (enter follows){round}",
            next + 1
        )));
        effects
    }

    /// The open document's links as highlights, the selected stop in its own style.
    pub fn highlights(&self, ctx: &LinkContext<'_>) -> Vec<Effect> {
        let Some(at) = ctx.reader else {
            return Vec::new();
        };
        let marks = self
            .stops_of(ctx)
            .into_iter()
            .enumerate()
            .flat_map(|(i, stop)| {
                let style = if Some(i) == self.selected {
                    "link_selected"
                } else {
                    "link"
                };
                let block = stop.block;
                (stop.marks.into_iter()).map(move |(lang, range)| Mark {
                    block,
                    lang,
                    range,
                    style,
                })
            })
            .collect();
        vec![Effect::Highlight {
            doc: at.doc,
            owner: HIGHLIGHT_OWNER,
            marks,
        }]
    }

    /// Enter on the cursor block: follows the selected stop if it is on that block; `None`
    /// when there is none (Enter then does what it does on a block without links).
    pub fn follow_selected(&mut self, ctx: &LinkContext<'_>) -> Option<Vec<Effect>> {
        let cursor = ctx.reader?.cursor;
        let target = self
            .stops_of(ctx)
            .get(self.selected?)
            .filter(|st| st.block == cursor)?
            .target;
        Some(self.follow(target, ctx))
    }

    /// Goes where a registry target leads: the document holding an instrument's text, at its
    /// block; otherwise the target's card.
    pub fn follow(&mut self, target: Target, ctx: &LinkContext<'_>) -> Vec<Effect> {
        let reg = &ctx.corpus.registry;
        let text = match target {
            Target::Instrument(i) => reg.instruments.get(i).and_then(|x| x.text.as_ref()),
            Target::Entity(_) => None,
        };
        match text.and_then(|t| Some((ctx.ids.get(&t.doc)?, t.block))) {
            Some((doc, block)) => {
                let mut effects = self.jump(doc, block, ctx);
                let name = reg.target_name(target);
                effects.push(Effect::Info(format!("→ {name} (backspace returns)")));
                effects
            }
            None => vec![Effect::ShowCard(target)],
        }
    }

    /// Opens document `doc` at `block`, remembering where the reader was.
    pub fn jump(&mut self, doc: DocIx, block: BlockNo, ctx: &LinkContext<'_>) -> Vec<Effect> {
        if let Some(here) = ctx.reader.and_then(ReaderAt::place) {
            self.back.push(here);
            self.forward.clear();
        }
        vec![Effect::OpenAt(doc, block)]
    }

    /// Back (or forward) through the places links led to; back from the first one closes
    /// the reader.
    pub fn history(&mut self, back: bool, ctx: &LinkContext<'_>) -> Vec<Effect> {
        let here = ctx.reader.and_then(ReaderAt::place);
        let (from, to) = if back {
            (&mut self.back, &mut self.forward)
        } else {
            (&mut self.forward, &mut self.back)
        };
        let Some(there) = from.pop() else {
            return vec![if back {
                Effect::CloseReader
            } else {
                Effect::Info("nothing to go forward to".into())
            }];
        };
        to.extend(here);
        vec![Effect::ReturnTo(there)]
    }

    /// A document was opened or returned to, or its view changed: its links, none selected.
    pub fn document_changed(&mut self, ctx: &LinkContext<'_>) -> Vec<Effect> {
        self.selected = None;
        self.highlights(ctx)
    }
}

/// The first stop from the cursor block (`forward`), or the last up to it; failing that, the
/// first (last) on screen; failing that, round to the other end. Returns it and whether it
/// went round.
fn from_cursor(stops: &[Stop], at: &ReaderAt, forward: bool) -> (usize, bool) {
    let block = |s: &Stop| s.block;
    if forward {
        if let Some(i) = stops.iter().position(|s| block(s) >= at.cursor) {
            return (i, false);
        }
        match stops.iter().position(|s| block(s) >= at.visible.start) {
            Some(i) => (i, false),
            None => (0, true),
        }
    } else {
        if let Some(i) = stops.iter().rposition(|s| block(s) <= at.cursor) {
            return (i, false);
        }
        match stops.iter().rposition(|s| block(s) < at.visible.end) {
            Some(i) => (i, false),
            None => (stops.len() - 1, true),
        }
    }
}
