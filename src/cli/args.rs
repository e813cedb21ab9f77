//! Command-line arguments.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A terminal reader for archives of historical documents.
#[derive(Debug, Parser)]
#[command(name = "lectern", version, about)]
pub struct Args {
    /// Corpus directory to open instead of the bundled corpus (also: LECTERN_CORPUS).
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// How the corpus cache checks it is current: `full` stats every document file (sees
    /// every change); `directory` trusts the documents directory's mtime (sees additions,
    /// deletions and saves by rename, not edits written in place); `auto` (the default) is
    /// `full` below 20,000 files and `directory` from there. Also: LECTERN_FRESHNESS.
    /// `index` and `check` always check in full; `show` stats the file it prints.
    #[arg(long, global = true, value_enum, value_name = "MODE")]
    pub freshness: Option<crate::corpus::freshness::Freshness>,
    /// Check every document file before answering (`--freshness full`).
    #[arg(long, global = true)]
    pub fresh: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the documents: date, kind, languages, id, title.
    List(ListArgs),
    /// Print a document.
    Show(ShowArgs),
    /// Validate a corpus directory; every problem as file:line: message.
    Check(CheckArgs),
    /// Turn raw source files into corpus documents.
    Import(ImportArgs),
    /// Search the archive.
    Search(SearchArgs),
    /// Build or rebuild the search index.
    Index(IndexArgs),
    /// Print a citation of a document.
    Cite(CiteArgs),
    /// Outgoing and incoming cross-references of a document.
    Refs(RefsArgs),
    /// What the registry knows of a person, place, organization or instrument.
    Entity(EntityArgs),
    /// Every aligned block that holds a word or phrase, beside its translation, grouped by
    /// how it was rendered.
    Concordance(ConcordanceArgs),
    /// Two documents side by side: treaty articles by number, else blocks by similarity.
    Compare(CompareArgs),
    /// Keep or remove a note or highlight on a document or a passage (see README: Workspace).
    Note(super::workspace::NoteArgs),
    /// The notes, highlights and bookmarks kept, one per line (tab-separated) or as JSON.
    Notes(super::workspace::NotesArgs),
    /// Bookmark a block: `bookmark ID#BLOCK` or `bookmark ID BLOCK`.
    Bookmark(super::workspace::BookmarkArgs),
    /// Put documents into a named collection, or take them out.
    Collection(super::workspace::CollectionArgs),
    /// The collections: name, size, ids.
    Collections(super::workspace::ListJsonArgs),
    /// Tag a document (`tag ID TAG…`), untag it (--remove), or print its tags.
    Tag(super::workspace::TagArgs),
    /// The documents read last in the reader, the latest first.
    Recent(super::workspace::ListJsonArgs),
    /// Export notes or a collection: Markdown (Obsidian, Zotero), JSON, BibTeX, CSL-JSON.
    Export(super::export::ExportArgs),
    /// Print a shell completion script (see README: Shell completions and man page).
    Completions(CompletionsArgs),
    /// Print the man page, in roff (`lectern man > lectern.1`).
    Man,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// One JSON object per document, in an array.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    En,
    Zh,
    Ru,
    Fr,
    Ko,
    Both,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Document id, as `lectern list` prints it (a part of one suggests the ids it matches).
    pub id: String,
    /// Language to print; `both` prints every language of each block.
    #[arg(long, value_enum, default_value = "both")]
    pub lang: LangChoice,
    /// The whole document as JSON.
    #[arg(long)]
    pub json: bool,
    /// The sentence pairs of each bilingual block, with their confidence (with --json, their
    /// byte and character offsets too).
    #[arg(long)]
    pub sentences: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Corpus directory (default: --corpus, LECTERN_CORPUS, or the bundled corpus).
    pub dir: Option<PathBuf>,
    /// Ask of each translation what must survive it (numbers, dates, names, list lengths),
    /// in one document or all; the corpus is DIR, --corpus, or the bundled one.
    #[arg(long, value_name = "ID", num_args = 0..=1, default_missing_value = "")]
    pub translations: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Raw source files (.txt, .md, .html) or directories of them.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Source kind, instead of detecting it: peoples-daily, wilson, unts, web, news,
    /// chinese-press, treaty, generic.
    #[arg(long)]
    pub kind: Option<String>,
    /// Print the documents instead of writing them.
    #[arg(long)]
    pub dry_run: bool,
    /// Print how each file was read (family and evidence, field candidates with their scores,
    /// every line removed as chrome) and write nothing.
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The query; several arguments are joined by spaces (`lectern search Kim Il Sung`);
    /// `-word` excludes a word (`lectern search treaty -1949`).
    /// `--json` and `--limit N` may follow the query too.
    #[arg(required = true, allow_hyphen_values = true, trailing_var_arg = true)]
    pub query: Vec<String>,
    /// Print at most this many hits (the total is always counted).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// The results as one JSON object: query, total, hits with snippets, notes.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// Build anew even if the index is current.
    #[arg(long)]
    pub rebuild: bool,
}

#[derive(Debug, clap::Args)]
pub struct CiteArgs {
    /// Document id (or --all).
    #[arg(required_unless_present = "all")]
    pub id: Option<String>,
    /// Every document of the corpus.
    #[arg(long, conflicts_with = "id")]
    pub all: bool,
    /// Citation style (default: treaty for treaties, else chicago-note).
    #[arg(long, value_parser = style_names(), ignore_case = true)]
    pub style: Option<String>,
    /// Output format: text, bibtex, ris, csl-json.
    #[arg(long, default_value = "text")]
    pub format: String,
    /// Pinpoint: a block number, "art. 3", or a page.
    #[arg(long)]
    pub pin: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct RefsArgs {
    /// Document id, as `lectern list` prints it.
    pub id: String,
    /// The references as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct EntityArgs {
    /// An id (kim-il-sung) or a name in any language (Kim Il Sung, 金日成); a part of one
    /// suggests the names it matches.
    pub name: String,
    /// The registry card and its mentions as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ConcordanceArgs {
    /// A word or phrase in any language; several arguments are one phrase.
    #[arg(required = true)]
    pub term: Vec<String>,
    /// Matching blocks to read at most, best-ranked first (titles count, and are skipped).
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
    /// The renderings and their entries as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The first document's id (see `lectern list`).
    pub a: String,
    /// The second document's id.
    pub b: String,
    /// The pairs, scores and diffs as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// The citation styles with their labels and aliases, so that `--help` and shell completion
/// list them and a wrong name is answered with the right ones.
pub(super) fn style_names() -> clap::builder::PossibleValuesParser {
    use crate::cite::Style;
    clap::builder::PossibleValuesParser::new(Style::ALL.map(|s| {
        clap::builder::PossibleValue::new(s.code())
            .help(s.label())
            .aliases(s.aliases())
    }))
}
