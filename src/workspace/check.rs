//! What `lectern check` says of the workspace: files that do not parse (problems), and what
//! is worth knowing but not wrong (warnings): anchors whose text is gone from the document
//! (orphaned), ids that are not in the corpus checked, and copies kept aside after a parse
//! error that are waiting to be merged back.

use super::{DocNotes, Workspace};
use crate::corpus::Corpus;
use crate::diag::{self, Problem};
use std::path::Path;

#[derive(Debug, Default)]
pub struct Report {
    /// Files that cannot be read: the user must fix these.
    pub problems: Vec<Problem>,
    /// Orphaned anchors, unknown ids, kept-aside copies.
    pub warnings: Vec<Problem>,
    pub documents: usize,
    pub marks: usize,
    pub orphaned: usize,
}

/// Checks every file of `ws` against `corpus`.
pub fn check(ws: &Workspace, corpus: &Corpus) -> Report {
    let mut report = Report::default();
    let (docs, problems) = ws.documents();
    report.problems = problems;
    for notes in &docs {
        check_document(ws, corpus, notes, &mut report);
    }
    match ws.library() {
        Ok(library) => {
            let path = ws.library_path();
            let text = read_text(&path);
            let ids = library
                .collections
                .values()
                .flatten()
                .chain(library.tags.keys());
            let mut seen = std::collections::BTreeSet::new();
            for id in ids.filter(|id| corpus.get(id).is_none()) {
                if seen.insert(id.clone()) {
                    let line = diag::line_after(&text, 1, &format!("\"{id}\""));
                    report.warnings.push(Problem::new(
                        &path,
                        line,
                        format!("{id} is not in the corpus"),
                    ));
                }
            }
        }
        Err(p) => report.problems.push(p),
    }
    if let Err(p) = ws.recent() {
        report.problems.push(p);
    }
    for dir in [ws.dir().to_path_buf(), ws.dir().join("documents")] {
        for aside in kept_aside(&dir) {
            report.warnings.push(Problem::new(
                &aside,
                0,
                "kept aside after a parse error: merge what you need back into the file and \
                 delete this copy",
            ));
        }
    }
    report
}

fn check_document(ws: &Workspace, corpus: &Corpus, notes: &DocNotes, report: &mut Report) {
    let path = ws.document_path(&notes.id);
    report.documents += 1;
    report.marks += notes.marks.len();
    let Some(doc) = corpus.get(&notes.id) else {
        let line = diag::line_of_key(&read_text(&path), "id");
        report.warnings.push(Problem::new(
            &path,
            line,
            format!("{} is not in the corpus; its notes are kept", notes.id),
        ));
        return;
    };
    let text = read_text(&path);
    for (i, mark) in notes.marks.iter().enumerate() {
        if let Some(anchor) = &mark.anchor
            && anchor.locate(doc).is_none()
        {
            report.orphaned += 1;
            report.warnings.push(Problem::new(
                &path,
                diag::line_of_table(&text, "marks", i),
                format!(
                    "{} is orphaned: \"{}\" is no longer in {} (block {} in {}); it is kept",
                    mark.id, anchor.quote, notes.id, anchor.block, anchor.lang
                ),
            ));
        }
    }
    for (i, bookmark) in notes.bookmarks.iter().enumerate() {
        if bookmark.anchor.locate(doc).is_none() {
            report.orphaned += 1;
            report.warnings.push(Problem::new(
                &path,
                diag::line_of_table(&text, "bookmarks", i),
                format!(
                    "{} is orphaned: block {} is gone; it is kept",
                    bookmark.id, bookmark.anchor.block
                ),
            ));
        }
    }
}

fn read_text(path: &Path) -> String {
    crate::files::read_text(path, crate::files::limits::STATE).unwrap_or_default()
}

/// The `*.bak-*` copies in `dir`.
fn kept_aside(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".toml.bak-"))
        .collect();
    found.sort();
    found
}
