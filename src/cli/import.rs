//! `lectern import FILE…`: imports raw sources into a corpus directory (`--corpus`,
//! `LECTERN_CORPUS`, or `./corpus`), applying the reviewed overlay of each, copying the raw
//! file into `raw/` and writing `documents/<id>.toml`. `--dry-run` prints instead.

use super::args::ImportArgs;
use super::write_out;
use crate::corpus::format;
use crate::import::{self, Format, overlay};
use anyhow::Context as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    let mut failed = 0;
    for file in &args.files {
        match import_one(file, &corpus, format, args.dry_run) {
            Ok(()) => {}
            Err(e) => {
                crate::errln!("{e:#}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        crate::errln!(
            "lectern: {failed} of {} files not imported",
            args.files.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn import_one(
    file: &Path,
    corpus: &Path,
    format: Option<Format>,
    dry_run: bool,
) -> anyhow::Result<()> {
    let text = crate::files::read_text(file, crate::files::limits::RAW_SOURCE)
        .map_err(|e| anyhow::anyhow!(e.describe(file)))?;
    let name = file
        .file_name()
        .context("not a file name")?
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
    let doc = if overlay_path.exists() {
        let overlay_text = crate::files::read_text(&overlay_path, crate::files::limits::REGISTRY)
            .map_err(|e| anyhow::anyhow!(e.describe(&overlay_path)))?;
        overlay::apply(&imported.doc, &overlay_text, &overlay_path)
            .map_err(|p| anyhow::anyhow!("{p}"))?
    } else {
        imported.doc
    };
    let toml_text = format::to_toml(&doc);
    let out_path = corpus.join("documents").join(format!("{}.toml", doc.id));
    // Validate exactly what will be written, so an import never produces a file `check` rejects.
    format::parse(&out_path, &toml_text).map_err(|p| anyhow::anyhow!("{p}"))?;
    if dry_run {
        write_out(&format!(
            "# {} ({}) → {}\n{toml_text}\n",
            file.display(),
            imported.format.code(),
            out_path.display()
        ))?;
        return Ok(());
    }
    std::fs::create_dir_all(corpus.join("documents"))?;
    std::fs::create_dir_all(corpus.join("raw"))?;
    let raw_dest = corpus.join(&raw_rel);
    if !same_file(file, &raw_dest) {
        std::fs::copy(file, &raw_dest)
            .with_context(|| format!("cannot copy to {}", raw_dest.display()))?;
    }
    write_atomically(&out_path, &toml_text)?;
    crate::errln!(
        "{} ({}) → {}",
        file.display(),
        imported.format.code(),
        out_path.display()
    );
    Ok(())
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
