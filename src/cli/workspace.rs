//! The workspace on the command line (see [`crate::workspace`]): `lectern note add|remove`,
//! `notes`, `bookmark`, `collection add|remove|delete`, `collections`, `tag`, `recent`, and
//! the workspace part of `lectern check`. Every change is saved at once; what a save had to
//! keep aside is told on stderr.

use super::write_out;
use crate::corpus::Corpus;
use crate::model::{BlockNo, Document, Lang};
use crate::output::{self, Safe};
use crate::workspace::{Anchor, Colour, DocNotes, NewMark, Saved, Workspace};
use anyhow::{Context as _, bail};
use clap::Subcommand;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct NoteArgs {
    #[command(subcommand)]
    pub command: NoteCommand,
}

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Keep a note or a highlight: `note add ID#BLOCK [TEXT…]` (or `ID BLOCK`, or `ID` alone
    /// for a note on the whole document). With --quote it is on that passage of the block,
    /// else on the whole block; without TEXT it is a highlight. TEXT is Markdown.
    Add(NoteAddArgs),
    /// Remove a note, highlight or bookmark by its id (`m3`, `b1`, as `lectern notes` shows).
    Remove {
        /// Document id.
        id: String,
        /// The mark's or bookmark's id.
        item: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct NoteAddArgs {
    /// Document id, or ID#BLOCK.
    pub target: String,
    /// The block number (unless given as ID#BLOCK), then the note's text.
    pub rest: Vec<String>,
    /// The language of the quote (default: the first of the document's that the block has).
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// The passage of the block the note or highlight is on, exactly as the text has it.
    #[arg(long)]
    pub quote: Option<String>,
    /// Highlight colour: yellow, green, blue, pink, orange.
    #[arg(long, alias = "color", value_parser = parse_colour)]
    pub colour: Option<Colour>,
}

#[derive(Debug, clap::Args)]
pub struct NotesArgs {
    /// Only this document's.
    pub id: Option<String>,
    /// As JSON: each mark with its anchor, where it is now, its pinpoint and citation.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct BookmarkArgs {
    /// Document id, or ID#BLOCK.
    pub target: String,
    /// The block number (unless given as ID#BLOCK).
    pub block: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub struct CollectionArgs {
    #[command(subcommand)]
    pub command: CollectionCommand,
}

#[derive(Debug, Subcommand)]
pub enum CollectionCommand {
    /// Put documents into a collection (made if new).
    Add {
        name: String,
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Take documents out of a collection.
    Remove {
        name: String,
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Delete a collection (the documents and their notes stay).
    Delete { name: String },
}

#[derive(Debug, clap::Args)]
pub struct ListJsonArgs {
    /// As JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// Document id.
    pub id: String,
    /// Tags to add (one word each); none: print the document's tags.
    pub tags: Vec<String>,
    /// Remove the tags instead.
    #[arg(long)]
    pub remove: bool,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

fn parse_colour(s: &str) -> Result<Colour, String> {
    s.parse()
}

/// The workspace the user's files are in.
pub(super) fn workspace() -> anyhow::Result<Workspace> {
    Workspace::open_default()
        .context("no data directory for the workspace: set XDG_DATA_HOME or LECTERN_WORKSPACE")
}

pub(super) fn document<'a>(corpus: &'a Corpus, id: &str) -> anyhow::Result<&'a Document> {
    corpus
        .get(id)
        .with_context(|| format!("no document with id '{id}' (see `lectern list`)"))
}

/// Tells on stderr what a save kept aside.
pub(super) fn tell(saved: &Saved) {
    for notice in &saved.notices {
        crate::errln!("lectern: {notice}");
    }
}

/// `ID#BLOCK`, or `ID` and the first of `rest` when it is a number.
/// The document and block of `ID#BLOCK` (or `ID BLOCK`): the user's number, read as a [`BlockNo`].
fn split_target(target: &str, rest: &mut Vec<String>) -> anyhow::Result<(String, Option<BlockNo>)> {
    if let Some((id, block)) = target.split_once('#') {
        let n = block
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .with_context(|| format!("'{block}' is not a block number (blocks count from 1)"))?;
        return Ok((id.to_string(), Some(BlockNo(n))));
    }
    let block = rest
        .first()
        .filter(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
        .and_then(|r| r.parse::<usize>().ok())
        .map(BlockNo);
    if block.is_some() {
        rest.remove(0);
    }
    Ok((target.to_string(), block))
}

pub fn note(corpus: &Corpus, args: &NoteArgs) -> anyhow::Result<ExitCode> {
    let ws = workspace()?;
    match &args.command {
        NoteCommand::Add(a) => note_add(corpus, &ws, a),
        NoteCommand::Remove { id, item } => {
            let (removed, saved) = ws.remove(id, item)?;
            tell(&saved);
            if !removed {
                bail!(
                    "{id} has no note, highlight or bookmark '{item}' (see `lectern notes {id}`)"
                );
            }
            write_out(&format!("removed {item} from {id}\n"))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn note_add(corpus: &Corpus, ws: &Workspace, args: &NoteAddArgs) -> anyhow::Result<ExitCode> {
    let mut rest = args.rest.clone();
    let (id, block) = split_target(&args.target, &mut rest)?;
    let doc = document(corpus, &id)?;
    let text = rest.join(" ");
    let anchor = match (block, &args.quote) {
        (Some(b), Some(q)) => Some(Anchor::on_quote(doc, b, args.lang, q)?),
        (Some(b), None) => Some(Anchor::on_block(doc, b, args.lang)?),
        (None, Some(_)) => bail!("--quote needs a block: write {id}#BLOCK"),
        (None, None) => None,
    };
    if text.trim().is_empty() && anchor.is_none() {
        bail!("nothing to keep: give a note's text, or a block (ID#BLOCK) to highlight");
    }
    let colour = args
        .colour
        .or_else(|| (text.trim().is_empty()).then_some(Colour::Yellow));
    let new = NewMark {
        anchor,
        colour,
        note: text,
    };
    let (mark, saved) = ws.add_mark(&doc.id, new)?;
    tell(&saved);
    let place = mark.anchor.as_ref().map_or_else(
        || "the document".to_string(),
        |a| format!("block {} ({})", a.block, a.lang),
    );
    let what = if mark.is_highlight() {
        "highlight"
    } else {
        "note"
    };
    write_out(&format!(
        "{what} {} added to {} on {place}\n",
        mark.id, doc.id
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn notes(corpus: &Corpus, args: &NotesArgs) -> anyhow::Result<ExitCode> {
    let ws = workspace()?;
    let (all, problems) = match &args.id {
        Some(id) => (vec![ws.document(&document(corpus, id)?.id)?], Vec::new()),
        None => ws.documents(),
    };
    for p in &problems {
        crate::errln!("lectern: {p}");
    }
    let library = ws.library().unwrap_or_else(|p| {
        crate::errln!("lectern: {p}");
        Default::default()
    });
    let items: Vec<crate::workspace::export::Item> = all
        .iter()
        .filter_map(|notes| match corpus.get(&notes.id) {
            Some(doc) => Some(crate::workspace::export::Item { doc, notes }),
            None => {
                crate::errln!(
                    "lectern: {} is not in the corpus; its notes are kept",
                    notes.id
                );
                None
            }
        })
        .collect();
    if args.json {
        let value = crate::workspace::export::json(&items, &library, None);
        output::stdout(&Safe::json(&value)?)?;
    } else {
        let lines: String = items.iter().map(|i| note_lines(i.doc, i.notes)).collect();
        write_out(&lines)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `id<TAB>mark<TAB>where<TAB>kind<TAB>quote<TAB>note`, one line per mark and bookmark.
fn note_lines(doc: &Document, notes: &DocNotes) -> String {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let place = |a: Option<&Anchor>| match a {
        None => "document".to_string(),
        Some(a) => match a.locate(doc) {
            Some(at) => format!(
                "{} ({})",
                crate::cite::Pinpoint::for_block(doc, at.block),
                a.lang
            ),
            None => format!("orphaned (was ¶ {})", a.block),
        },
    };
    let mut out = String::new();
    for m in &notes.marks {
        let kind = match (m.is_highlight(), m.colour) {
            (true, Some(c)) => format!("highlight {c}"),
            (true, None) => "highlight".into(),
            (false, Some(c)) => format!("note {c}"),
            (false, None) => "note".into(),
        };
        let quote = m
            .anchor
            .as_ref()
            .map_or(String::new(), |a| one_line(&a.quote));
        out.push_str(&format!(
            "{}\t{}\t{}\t{kind}\t{quote}\t{}\n",
            doc.id,
            m.id,
            place(m.anchor.as_ref()),
            one_line(&m.note)
        ));
    }
    for b in &notes.bookmarks {
        out.push_str(&format!(
            "{}\t{}\t{}\tbookmark\t{}\t\n",
            doc.id,
            b.id,
            place(Some(&b.anchor)),
            one_line(&b.anchor.quote)
        ));
    }
    out
}

pub fn bookmark(corpus: &Corpus, args: &BookmarkArgs) -> anyhow::Result<ExitCode> {
    let mut rest: Vec<String> = args.block.iter().map(ToString::to_string).collect();
    let (id, block) = split_target(&args.target, &mut rest)?;
    let doc = document(corpus, &id)?;
    let block = block.with_context(|| format!("name a block: {id}#BLOCK or {id} BLOCK"))?;
    let (b, saved) = workspace()?.add_bookmark(&doc.id, Anchor::on_block(doc, block, None)?)?;
    tell(&saved);
    write_out(&format!(
        "bookmark {} on block {} of {}\n",
        b.id, b.anchor.block, doc.id
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn collection(corpus: &Corpus, args: &CollectionArgs) -> anyhow::Result<ExitCode> {
    let ws = workspace()?;
    let (message, saved) = match &args.command {
        CollectionCommand::Add { name, ids } => {
            let ids: Vec<String> = ids
                .iter()
                .map(|id| document(corpus, id).map(|d| d.id.clone()))
                .collect::<anyhow::Result<_>>()?;
            if name.trim().is_empty() {
                bail!("a collection needs a name");
            }
            ws.update_library(|lib| {
                let members = lib.collections.entry(name.clone()).or_default();
                let before = members.len();
                for id in ids {
                    if !members.contains(&id) {
                        members.push(id);
                    }
                }
                let added = members.len() - before;
                (
                    true,
                    format!("{name}: {added} added, {} in all\n", members.len()),
                )
            })?
        }
        CollectionCommand::Remove { name, ids } => ws
            .update_library(|lib| {
                let Some(members) = lib.collections.get_mut(name) else {
                    return (false, None);
                };
                let before = members.len();
                members.retain(|m| !ids.contains(m));
                let gone = before - members.len();
                (
                    gone > 0,
                    Some(format!("{name}: {gone} removed, {} left\n", members.len())),
                )
            })
            .map(|(m, s)| (m.unwrap_or_default(), s))?,
        CollectionCommand::Delete { name } => ws.update_library(|lib| {
            let gone = lib.collections.remove(name).is_some();
            (
                gone,
                if gone {
                    format!("deleted the collection {name}\n")
                } else {
                    String::new()
                },
            )
        })?,
    };
    tell(&saved);
    if message.is_empty() {
        bail!(
            "no collection is named '{}' (see `lectern collections`)",
            collection_name(args)
        );
    }
    write_out(&message)?;
    Ok(ExitCode::SUCCESS)
}

fn collection_name(args: &CollectionArgs) -> &str {
    match &args.command {
        CollectionCommand::Add { name, .. }
        | CollectionCommand::Remove { name, .. }
        | CollectionCommand::Delete { name } => name,
    }
}

pub fn collections(args: &ListJsonArgs) -> anyhow::Result<ExitCode> {
    let library = workspace()?.library()?;
    if args.json {
        output::stdout(&Safe::json(&library.collections)?)?;
    } else {
        let lines: String = library
            .collections
            .iter()
            .map(|(name, ids)| format!("{name}\t{}\t{}\n", ids.len(), ids.join(",")))
            .collect();
        write_out(&lines)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn tag(corpus: &Corpus, args: &TagArgs) -> anyhow::Result<ExitCode> {
    let id = document(corpus, &args.id)?.id.clone();
    let ws = workspace()?;
    if let Some(bad) = args
        .tags
        .iter()
        .find(|t| t.is_empty() || t.chars().any(char::is_whitespace))
    {
        bail!("'{bad}' is not a tag: a tag is one word (join words with - or _)");
    }
    let (tags, saved) = ws.update_library(|lib| {
        let tags = lib.tags.entry(id.clone()).or_default();
        let before = tags.clone();
        if args.remove {
            tags.retain(|t| !args.tags.contains(t));
        } else {
            for t in &args.tags {
                if !tags.contains(t) {
                    tags.push(t.clone());
                }
            }
        }
        let now = tags.clone();
        if now.is_empty() {
            lib.tags.remove(&id);
        }
        (now != before, now)
    })?;
    tell(&saved);
    write_out(&format!("{id}\t{}\n", tags.join(",")))?;
    Ok(ExitCode::SUCCESS)
}

pub fn recent(args: &ListJsonArgs) -> anyhow::Result<ExitCode> {
    let recent = workspace()?.recent()?;
    if args.json {
        output::stdout(&Safe::json(&recent)?)?;
    } else {
        let lines: String = recent
            .iter()
            .map(|e| format!("{}\t{}\n", e.at, e.id))
            .collect();
        write_out(&lines)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The workspace part of `lectern check`: prints what it found; returns how many problems
/// (files that do not read) there are. Warnings (orphaned anchors, ids not in this corpus)
/// are printed but do not fail the check: after a re-import they are expected.
pub fn check(corpus: &Corpus) -> usize {
    let Some(ws) = Workspace::open_default() else {
        return 0;
    };
    if !ws.dir().exists() {
        return 0;
    }
    let report = crate::workspace::check::check(&ws, corpus);
    for p in &report.problems {
        crate::errln!("{p}");
    }
    for w in &report.warnings {
        crate::errln!("{w} (warning)");
    }
    let _ = write_out(&format!(
        "workspace {}: {} documents with notes, {} marks, {} orphaned, {} problem{}\n",
        ws.dir().display(),
        report.documents,
        report.marks,
        report.orphaned,
        report.problems.len(),
        if report.problems.len() == 1 { "" } else { "s" }
    ));
    report.problems.len()
}
