//! The researcher's workspace: highlights, notes and bookmarks on documents, collections and
//! tags of documents, and the list of what was read last. Everything a user keeps lives here,
//! in files they can read, back up and keep in git.
//!
//! # Where and how it is stored
//! The folder is `$LECTERN_WORKSPACE` if set, else `$XDG_DATA_HOME/lectern/workspace/`
//! (`~/.local/share/lectern/workspace/`), beside `positions.toml`. It holds TOML files, the
//! format of the corpus and of every other file lectern keeps (readable, diffable, with
//! `file:line` errors):
//! - `documents/<id>.toml`: one file per document, its [`Mark`]s (highlights and notes) and
//!   [`Bookmark`]s ([`DocNotes`]);
//! - `library.toml`: collections and tags ([`Library`]);
//! - `recent.toml`: what was read last ([`Recent`]).
//!
//! Every file carries `schema = 1`. Reads never change a file; writes are atomic and locked,
//! and a file that does not parse is kept aside, never overwritten (see [`store`]).
//!
//! # For the reader (TUI)
//! ```no_run
//! use lectern::workspace::{Anchor, Colour, NewMark, Workspace};
//! let corpus = lectern::corpus::Corpus::bundled();
//! let doc = &corpus.documents[0];
//! let ws = Workspace::open_default().expect("a data directory");
//! // A selection of chars 3..9 of block 2, in the language shown:
//! let anchor = Anchor::on_range(doc, lectern::model::BlockNo(2), None, 3, 9)?;
//! ws.add_mark(&doc.id, NewMark { anchor: Some(anchor), colour: Some(Colour::Yellow), note: String::new() })?;
//! // Drawing: where each mark is now (None = orphaned: list it, do not drop it).
//! for mark in ws.document(&doc.id)?.marks {
//!     let _where = mark.anchor.as_ref().and_then(|a| a.locate(doc));
//! }
//! ws.record_read(&doc.id)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//! [`Workspace::records`] gives what a search index of the user's own material needs.

pub mod anchor;
pub mod check;
pub mod export;
pub mod index;
pub mod search;
pub mod store;

pub use anchor::{Anchor, AnchorError, Found, Located};
pub use store::{SaveError, Saved};

use crate::diag::Problem;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The schema the files are written in; files of a later schema are reported, not read.
pub const SCHEMA: u32 = 1;
/// Environment variable naming the workspace folder instead of the XDG data dir.
pub const DIR_ENV: &str = "LECTERN_WORKSPACE";
/// How many documents the recent list keeps.
pub const RECENT_MAX: usize = 50;

/// The colours a highlight may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    Yellow,
    Green,
    Blue,
    Pink,
    Orange,
}

impl Colour {
    pub const ALL: [Colour; 5] = [
        Colour::Yellow,
        Colour::Green,
        Colour::Blue,
        Colour::Pink,
        Colour::Orange,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Colour::Yellow => "yellow",
            Colour::Green => "green",
            Colour::Blue => "blue",
            Colour::Pink => "pink",
            Colour::Orange => "orange",
        }
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Colour {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let want = s.trim().to_lowercase();
        Colour::ALL
            .into_iter()
            .find(|c| c.code() == want)
            .ok_or_else(|| {
                let all: Vec<_> = Colour::ALL.iter().map(|c| c.code()).collect();
                format!("unknown colour '{s}' (expected one of {})", all.join(", "))
            })
    }
}

/// A highlight or a note: a highlight has a colour, a note has Markdown text; a mark may have
/// both. Without an anchor, a note is on the document as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// `m1`, `m2`, … within the document; never reused.
    pub id: String,
    /// When it was made, UTC (`20261201T093000Z`).
    pub created: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<Colour>,
    /// Markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
}

impl Mark {
    pub fn is_highlight(&self) -> bool {
        self.note.is_empty()
    }
}

/// What the caller gives to make a [`Mark`]; the workspace adds the id and the time.
#[derive(Clone, Debug, Default)]
pub struct NewMark {
    pub anchor: Option<Anchor>,
    pub colour: Option<Colour>,
    pub note: String,
}

/// A bookmark on a block (a whole-block [`Anchor`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// `b1`, `b2`, … within the document.
    pub id: String,
    pub created: String,
    pub anchor: Anchor,
}

/// `documents/<id>.toml`: what the user kept on one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocNotes {
    pub schema: u32,
    /// The document's id (the file name encodes it, this says it plainly).
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Mark>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bookmarks: Vec<Bookmark>,
}

impl DocNotes {
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty() && self.bookmarks.is_empty()
    }
}

impl store::Versioned for DocNotes {
    fn schema(&self) -> u32 {
        self.schema
    }
}

/// `library.toml`: named collections of document ids, and tags per document id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    pub schema: u32,
    #[serde(default)]
    pub collections: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub tags: BTreeMap<String, Vec<String>>,
}

impl Library {
    /// The collections `id` is in.
    pub fn collections_of(&self, id: &str) -> Vec<String> {
        self.collections
            .iter()
            .filter(|(_, ids)| ids.iter().any(|i| i == id))
            .map(|(name, _)| name.clone())
            .collect()
    }

    pub fn tags_of(&self, id: &str) -> &[String] {
        self.tags.get(id).map_or(&[], Vec::as_slice)
    }
}

impl store::Versioned for Library {
    fn schema(&self) -> u32 {
        self.schema
    }
}

/// `recent.toml`: documents read, the latest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recent {
    pub schema: u32,
    #[serde(default)]
    pub read: Vec<RecentEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentEntry {
    pub id: String,
    /// UTC, as [`Mark::created`].
    pub at: String,
}

impl store::Versioned for Recent {
    fn schema(&self) -> u32 {
        self.schema
    }
}

/// One searchable piece of the user's own material: what a search index needs to find a note
/// or highlight by its words, its document's tags and collections (the hook for `note:`,
/// `tag:`, `collection:`; not wired into search yet).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NoteRecord {
    pub doc_id: String,
    pub mark_id: String,
    /// The block as stored; `None` for a note on the whole document.
    pub block: Option<crate::model::BlockNo>,
    /// The quote and the note's text, a blank line between.
    pub text: String,
    pub tags: Vec<String>,
    pub collections: Vec<String>,
}

/// The workspace folder and what is in it.
#[derive(Clone, Debug)]
pub struct Workspace {
    dir: PathBuf,
}

impl Workspace {
    /// `$LECTERN_WORKSPACE`, else `<data dir>/lectern/workspace`; `None` without a data dir.
    pub fn open_default() -> Option<Workspace> {
        if let Some(dir) = std::env::var_os(DIR_ENV).filter(|d| !d.is_empty()) {
            return Some(Workspace::at(PathBuf::from(dir)));
        }
        dirs::data_dir().map(|d| Workspace::at(d.join("lectern").join("workspace")))
    }

    /// The workspace in `dir` (created on the first write).
    pub fn at(dir: PathBuf) -> Workspace {
        Workspace { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of one document's marks and bookmarks.
    pub fn document_path(&self, id: &str) -> PathBuf {
        self.dir.join("documents").join(store::file_name(id))
    }

    pub fn library_path(&self) -> PathBuf {
        self.dir.join("library.toml")
    }

    pub fn recent_path(&self) -> PathBuf {
        self.dir.join("recent.toml")
    }

    /// What the user kept on document `id`; empty when nothing yet.
    pub fn document(&self, id: &str) -> Result<DocNotes, Problem> {
        Ok(
            store::read::<DocNotes>(&self.document_path(id))?.unwrap_or_else(|| DocNotes {
                schema: SCHEMA,
                id: id.to_string(),
                ..DocNotes::default()
            }),
        )
    }

    /// Every document file that reads, by id, and the problems of those that do not.
    pub fn documents(&self) -> (Vec<DocNotes>, Vec<Problem>) {
        let (mut docs, mut problems) = (Vec::new(), Vec::new());
        for path in self.document_files() {
            match store::read::<DocNotes>(&path) {
                Ok(Some(d)) => docs.push(d),
                Ok(None) => {}
                Err(p) => problems.push(p),
            }
        }
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        (docs, problems)
    }

    /// The `documents/*.toml` files, sorted.
    pub fn document_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.join("documents"))
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        files
    }

    /// Adds a highlight or note to document `id`; returns it as saved.
    pub fn add_mark(&self, id: &str, new: NewMark) -> Result<(Mark, Saved), SaveError> {
        self.update_document(id, |notes| {
            let mark = Mark {
                id: next_id("m", notes.marks.iter().map(|m| m.id.as_str())),
                created: now(),
                colour: new.colour,
                note: new.note,
                anchor: new.anchor,
            };
            notes.marks.push(mark.clone());
            (true, mark)
        })
    }

    /// Removes mark or bookmark `item` (`m3`, `b1`) of document `id`; `false` if there was none.
    pub fn remove(&self, id: &str, item: &str) -> Result<(bool, Saved), SaveError> {
        self.update_document(id, |notes| {
            let before = notes.marks.len() + notes.bookmarks.len();
            notes.marks.retain(|m| m.id != item);
            notes.bookmarks.retain(|b| b.id != item);
            let removed = notes.marks.len() + notes.bookmarks.len() < before;
            (removed, removed)
        })
    }

    /// Bookmarks the block `anchor` is on; a block already bookmarked keeps its bookmark.
    pub fn add_bookmark(&self, id: &str, anchor: Anchor) -> Result<(Bookmark, Saved), SaveError> {
        self.update_document(id, |notes| {
            if let Some(b) = notes
                .bookmarks
                .iter()
                .find(|b| b.anchor.block == anchor.block)
            {
                return (false, b.clone());
            }
            let bookmark = Bookmark {
                id: next_id("b", notes.bookmarks.iter().map(|b| b.id.as_str())),
                created: now(),
                anchor,
            };
            notes.bookmarks.push(bookmark.clone());
            (true, bookmark)
        })
    }

    fn update_document<R>(
        &self,
        id: &str,
        change: impl FnOnce(&mut DocNotes) -> (bool, R),
    ) -> Result<(R, Saved), SaveError> {
        store::update(
            &self.dir,
            &self.document_path(id),
            |notes: &mut DocNotes| {
                notes.schema = SCHEMA;
                notes.id = id.to_string();
                change(notes)
            },
        )
    }

    /// Collections and tags; empty when none yet.
    pub fn library(&self) -> Result<Library, Problem> {
        Ok(store::read::<Library>(&self.library_path())?.unwrap_or_default())
    }

    /// Changes collections or tags; `change` says whether it changed anything.
    pub fn update_library<R>(
        &self,
        change: impl FnOnce(&mut Library) -> (bool, R),
    ) -> Result<(R, Saved), SaveError> {
        store::update(&self.dir, &self.library_path(), |lib: &mut Library| {
            lib.schema = SCHEMA;
            change(lib)
        })
    }

    /// What was read last, the latest first.
    pub fn recent(&self) -> Result<Vec<RecentEntry>, Problem> {
        Ok(store::read::<Recent>(&self.recent_path())?.map_or_else(Vec::new, |r| r.read))
    }

    /// Puts `id` at the top of the recent list.
    pub fn record_read(&self, id: &str) -> Result<Saved, SaveError> {
        store::update(&self.dir, &self.recent_path(), |recent: &mut Recent| {
            recent.schema = SCHEMA;
            recent.read.retain(|e| e.id != id);
            recent.read.insert(
                0,
                RecentEntry {
                    id: id.to_string(),
                    at: now(),
                },
            );
            recent.read.truncate(RECENT_MAX);
            (true, ())
        })
        .map(|((), saved)| saved)
    }

    /// Every mark as a searchable record, with its document's tags and collections; the
    /// problems of files that did not read.
    pub fn records(&self) -> (Vec<NoteRecord>, Vec<Problem>) {
        let (docs, mut problems) = self.documents();
        let library = self.library().unwrap_or_else(|p| {
            problems.push(p);
            Library::default()
        });
        let records = docs
            .iter()
            .flat_map(|d| {
                let tags = library.tags_of(&d.id).to_vec();
                let collections = library.collections_of(&d.id);
                d.marks.iter().map(move |m| NoteRecord {
                    doc_id: d.id.clone(),
                    mark_id: m.id.clone(),
                    block: m.anchor.as_ref().map(|a| a.block),
                    text: [m.anchor.as_ref().map_or("", |a| a.quote.as_str()), &m.note]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join("\n\n"),
                    tags: tags.clone(),
                    collections: collections.clone(),
                })
            })
            .collect();
        (records, problems)
    }
}

/// `prefix` and one more than the highest number among `ids` with that prefix.
fn next_id<'a>(prefix: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let max = ids
        .filter_map(|i| i.strip_prefix(prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", max + 1)
}

/// Now, UTC, in the form files keep.
fn now() -> String {
    crate::files::utc_stamp(std::time::SystemTime::now())
}
