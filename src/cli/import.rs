//! `lectern import FILE|DIR…`: imports raw sources into a corpus directory (`--corpus`,
//! `LECTERN_CORPUS`, or `./corpus`), applying the reviewed overlay of each, copying the raw
//! file into `raw/` and writing `documents/<id>.toml`. `--dry-run` prints the documents,
//! `--explain` prints how each file was read; neither writes.
//!
//! A batch goes on past a bad file and ends with a summary table; the exit status is non-zero
//! only when a file failed. Re-importing a raw file keeps the id of the document it made
//! before; a new document whose id is taken by another raw file gets a numbered id.

use super::args::ImportArgs;
use super::write_out;
use crate::corpus::format;
use crate::import::{self, Format, explain, overlay};
use crate::model::{Document, Lang};
use crate::text::sanitize::sanitize;
use anyhow::Context as _;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Batches from this size show a progress bar (on a terminal only).
const PROGRESS_FROM: usize = 5;
const SOURCE_EXTENSIONS: [&str; 5] = ["txt", "md", "html", "htm", "text"];

/// One row of the summary.
struct Row {
    file: String,
    outcome: Result<Summary, String>,
}

struct Summary {
    id: String,
    kind: String,
    date: String,
    title: String,
    confidence: String,
    warnings: usize,
}

pub fn run(args: &ImportArgs, corpus_flag: Option<&Path>) -> anyhow::Result<ExitCode> {
    let corpus: PathBuf = corpus_flag
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os(crate::corpus::CORPUS_ENV).map(Into::into))
        .unwrap_or_else(|| "corpus".into());
    let format: Option<Format> = args
        .kind
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let mut rows: Vec<Row> = Vec::new();
    let files = expand(&args.files, &mut rows);
    let mut ids = IdBook::read(&corpus);
    let bar = (crate::output::stderr_is_terminal() && files.len() >= PROGRESS_FROM).then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let write = !(args.dry_run || args.explain);
    for file in &files {
        if let Some(bar) = &bar {
            bar.set_message(sanitize(&file.display().to_string()).into_owned());
        }
        let outcome =
            import_one(file, &corpus, format, args, &mut ids, write).map_err(|e| format!("{e:#}"));
        if let Err(e) = &outcome {
            let line = format!("lectern: {}", sanitize(e));
            match &bar {
                Some(bar) => bar.println(line),
                None => {
                    crate::errln!("{line}");
                }
            }
        }
        rows.push(Row {
            file: file.display().to_string(),
            outcome,
        });
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if !args.explain {
        write_out(&table(&rows))?;
    }
    let failed = rows.iter().filter(|r| r.outcome.is_err()).count();
    if failed > 0 {
        crate::errln!("lectern: {failed} of {} files not imported", rows.len());
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Files, with directories expanded to their source files (recursively, in name order).
/// A path that is neither is kept, and fails when read, naming itself.
fn expand(paths: &[PathBuf], rows: &mut Vec<Row>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk(path, &mut found) {
                rows.push(Row {
                    file: path.display().to_string(),
                    outcome: Err(format!(
                        "{}: cannot read the directory: {e}",
                        path.display()
                    )),
                });
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| {
            SOURCE_EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str())
        }) {
            out.push(path);
        }
    }
    Ok(())
}

/// The ids of the corpus's documents, by the raw file each was made from.
struct IdBook {
    by_raw: BTreeMap<String, String>,
    taken: BTreeMap<String, String>,
}

impl IdBook {
    fn read(corpus: &Path) -> Self {
        let mut book = IdBook {
            by_raw: BTreeMap::new(),
            taken: BTreeMap::new(),
        };
        let Ok(entries) = std::fs::read_dir(corpus.join("documents")) else {
            return book;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.extension().is_some_and(|e| e == "toml")
                && let Ok(text) = crate::files::read_text(&path, crate::files::limits::DOCUMENT)
                && let Ok(doc) = format::parse(&path, &text)
            {
                book.by_raw.insert(doc.source.raw.clone(), doc.id.clone());
                book.taken.insert(doc.id, doc.source.raw);
            }
        }
        book
    }

    /// The id for a document from `raw`: the one it had, else its own unless another raw file
    /// holds it, else the first free numbered form.
    fn assign(&mut self, raw: &str, wanted: &str) -> String {
        if let Some(id) = self.by_raw.get(raw) {
            return id.clone();
        }
        let mut id = wanted.to_string();
        let mut n = 2;
        while self.taken.get(&id).is_some_and(|r| r != raw) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        self.by_raw.insert(raw.to_string(), id.clone());
        self.taken.insert(id.clone(), raw.to_string());
        id
    }
}

fn import_one(
    file: &Path,
    corpus: &Path,
    format: Option<Format>,
    args: &ImportArgs,
    ids: &mut IdBook,
    write: bool,
) -> anyhow::Result<Summary> {
    let text = crate::files::read_raw_text(file, crate::files::limits::RAW_SOURCE)
        .map_err(|e| anyhow::anyhow!(e.describe(file)))?;
    let name = file
        .file_name()
        .with_context(|| format!("{}: not a file name", file.display()))?
        .to_string_lossy()
        .to_string();
    let raw_rel = format!("raw/{name}");
    let imported = import::import(&raw_rel, &text, format)
        .map_err(|w| anyhow::anyhow!("{}:{}: {}", file.display(), w.line.max(1), w.message))?;
    for w in &imported.warnings {
        crate::errln!("{}:{w}", file.display());
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let overlay_path = corpus.join("overlays").join(format!("{stem}.toml"));
    let mut doc = if overlay_path.is_file() {
        let overlay_text = crate::files::read_text(&overlay_path, crate::files::limits::REGISTRY)
            .map_err(|e| anyhow::anyhow!(e.describe(&overlay_path)))?;
        overlay::apply(&imported.doc, &overlay_text, &overlay_path)
            .map_err(|p| anyhow::anyhow!("{p}"))?
    } else {
        imported.doc.clone()
    };
    let confidence = imported
        .explanation
        .detection
        .as_ref()
        .map_or_else(String::new, |d| format!("{:.2}", d.confidence));
    if args.explain {
        let chosen = explain::Chosen {
            title: doc.display_title(&[Lang::En]).to_string(),
            date: doc
                .date()
                .map_or_else(|| "absent".into(), |d| d.to_string()),
            kind: doc.kind.code().into(),
            languages: languages(&doc),
        };
        write_out(&format!(
            "# {} ({})\n{}\n",
            sanitize(&file.display().to_string()),
            imported.format.code(),
            imported.explanation.render(&chosen)
        ))?;
        return Ok(summary(&doc, confidence, imported.warnings.len()));
    }
    doc.id = ids.assign(&raw_rel, &doc.id);
    let toml_text = format::to_toml(&doc);
    let out_path = corpus.join("documents").join(format!("{}.toml", doc.id));
    // Validate exactly what will be written, so an import never produces a file `check` rejects.
    format::parse(&out_path, &toml_text).map_err(|p| anyhow::anyhow!("{p}"))?;
    if !write {
        write_out(&format!(
            "# {} ({}) → {}\n{}\n",
            sanitize(&file.display().to_string()),
            imported.format.code(),
            sanitize(&out_path.display().to_string()),
            sanitize(&toml_text)
        ))?;
        return Ok(summary(&doc, confidence, imported.warnings.len()));
    }
    std::fs::create_dir_all(corpus.join("documents"))?;
    std::fs::create_dir_all(corpus.join("raw"))?;
    let raw_dest = corpus.join(&raw_rel);
    if !same_file(file, &raw_dest) {
        std::fs::copy(file, &raw_dest)
            .with_context(|| format!("cannot copy to {}", raw_dest.display()))?;
    }
    write_atomically(&out_path, &toml_text)?;
    Ok(summary(&doc, confidence, imported.warnings.len()))
}

fn languages(doc: &Document) -> String {
    let langs: Vec<&str> = doc.languages().iter().map(|l| l.code()).collect();
    langs.join(",")
}

fn summary(doc: &Document, confidence: String, warnings: usize) -> Summary {
    Summary {
        id: doc.id.clone(),
        kind: doc.kind.code().into(),
        date: doc.date().map_or_else(|| "-".into(), |d| d.to_string()),
        title: doc.display_title(&[Lang::En]).to_string(),
        confidence,
        warnings,
    }
}

/// The summary: one row per file, failures with their reason.
fn table(rows: &[Row]) -> String {
    let mut out = String::from("file\tid\tkind\tdate\ttitle\tconfidence\twarnings\n");
    for row in rows {
        let file = sanitize(&row.file);
        match &row.outcome {
            Ok(s) => {
                let title: String = s.title.chars().take(60).collect();
                out.push_str(&format!(
                    "{file}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                    sanitize(&s.id),
                    s.kind,
                    s.date,
                    sanitize(&title),
                    s.confidence,
                    s.warnings
                ));
            }
            Err(e) => out.push_str(&format!("{file}\tFAILED\t\t\t{}\t\t\n", sanitize(e))),
        }
    }
    let ok = rows.iter().filter(|r| r.outcome.is_ok()).count();
    out.push_str(&format!("{ok} of {} files imported\n", rows.len()));
    out
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
