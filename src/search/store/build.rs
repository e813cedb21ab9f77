//! Writing a whole index: documents into units, in chunks on every core.

#[allow(unused_imports)]
use super::*;

/// Writes a complete index of `docs` into `dir` (created); its fingerprint is their digest.
pub fn write_index(dir: &Path, docs: &[Document], progress: Progress<'_>) -> anyhow::Result<()> {
    let source = Docs(docs);
    let hashes: Vec<u64> = docs.par_iter().map(doc_hash).collect();
    let fp = digest(&source, &hashes);
    write_source(dir, &source, &hashes, &fp, progress)
}

pub(super) fn write_source(
    dir: &Path,
    source: &dyn Source,
    hashes: &[u64],
    fp: &str,
    progress: Progress<'_>,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let (schema, _) = schema::build();
    let index = Index::create_in_dir(dir, schema)?;
    let state = fill_index(&index, source, hashes, fp, progress)?;
    write_state(dir, fp, &state)?;
    Ok(())
}

/// (id, fingerprint, slot) of every document an index holds.
pub(super) type State = Vec<(String, u64, u64)>;

/// Documents are read from the source this many at a time, in parallel.
pub(super) const CHUNK: usize = 512;

/// Indexes every document of `source` into the empty `index` (slot = position) and commits
/// with `fp` as payload. Returns the state to write beside it.
pub(super) fn fill_index(
    index: &Index,
    source: &dyn Source,
    hashes: &[u64],
    fp: &str,
    progress: Progress<'_>,
) -> anyhow::Result<State> {
    let fields = schema::build().1;
    analysis::register(index);
    let threads = cores();
    let mut writer =
        index.writer_with_num_threads::<TantivyDocument>(threads, threads * 96_000_000)?;
    // A few big segments, searched on all cores at once; updates later add small ones, which
    // the update's merge policy folds together.
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let total = source.len();
    let mut state = Vec::with_capacity(total);
    for start in (0..total).step_by(CHUNK) {
        let end = (start + CHUNK).min(total);
        let docs: Vec<anyhow::Result<Cow<'_, Document>>> = (start..end)
            .into_par_iter()
            .map(|i| source.document(i))
            .collect();
        for (i, doc) in (start..end).zip(docs) {
            let doc = doc?;
            add_document(&writer, &fields, &doc, i as u64)?;
            state.push((doc.id.clone(), hashes[i], i as u64));
        }
        progress(end, total);
    }
    crate::diag::timing("index documents added");
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(fp);
    commit.commit()?;
    crate::diag::timing("index committed");
    writer.wait_merging_threads()?;
    Ok(state)
}

/// Adds the units (title, blocks) of one document under `slot`.
pub(super) fn add_document(
    writer: &tantivy::IndexWriter<TantivyDocument>,
    fields: &Fields,
    doc: &Document,
    slot: u64,
) -> anyhow::Result<()> {
    let kind = doc.kind.code();
    let date = doc.date();
    let title = doc.display_title(&crate::model::TITLE_LANGS).to_string();
    for (block, text) in doc.units() {
        let mut d = TantivyDocument::new();
        let mut any = false;
        for (lang, raw) in &text.0 {
            let plain = plain_text(raw);
            if plain.trim().is_empty() {
                continue;
            }
            any = true;
            d.add_text(fields.text(TextField::of(*lang)), &plain);
            d.add_text(fields.lang, lang.code());
        }
        if !any {
            continue;
        }
        d.add_u64(fields.unit, schema::unit(slot, block));
        d.add_u64(fields.doc, slot);
        d.add_text(fields.id, &doc.id);
        d.add_u64(fields.block, block.0 as u64);
        if let Some(date) = date {
            d.add_i64(fields.date, schema::date_key(date));
        }
        d.add_text(fields.kind, kind);
        let stored = schema::StoredUnit {
            title: Cow::Borrowed(&title),
            kind: doc.kind,
            date,
            text: Cow::Borrowed(text),
        };
        let mut bytes = Vec::new();
        ciborium::into_writer(&stored, &mut bytes)
            .map_err(|e| anyhow::anyhow!("cannot store a unit: {e}"))?;
        d.add_bytes(fields.stored, &bytes);
        writer.add_document(d)?;
    }
    Ok(())
}
