//! The schema of the index of your own material: one unit per highlight or note.

use crate::search::analysis::TextField;
use crate::workspace::DocNotes;
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// The fields of one unit (a highlight or a note).
#[derive(Clone, Debug)]
pub struct Fields {
    /// The workspace file it came from: what an update deletes by.
    pub file: Field,
    /// Its document's id (stored; fast, for document order).
    pub doc: Field,
    pub mark: Field,
    /// Block from 1; 0 for a note on the whole document.
    pub block: Field,
    /// Its place among the marks of its file (fast, for mark order).
    pub seq: Field,
    pub quote: Field,
    pub note: Field,
    /// The language it is anchored in.
    pub lang: Field,
    /// `yes` when it has a note.
    pub has_note: Field,
    /// Quote and note, one field per analysis profile.
    pub all: [Field; 4],
    /// The note alone (`note:WORD`).
    pub note_text: [Field; 4],
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |b: &mut tantivy::schema::SchemaBuilder, name: String, tf: TextField| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(tf.tokenizer_name())
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        b.add_text_field(&name, TextOptions::default().set_indexing_options(indexing))
    };
    let file = b.add_text_field("file", STRING);
    let doc = b.add_text_field("doc", STRING | STORED | FAST);
    let mark = b.add_text_field("mark", STORED);
    let block = b.add_u64_field("block", STORED);
    let seq = b.add_u64_field("seq", FAST);
    let quote = b.add_text_field("quote", STORED);
    let note = b.add_text_field("note", STORED);
    let lang = b.add_text_field("lang", STRING);
    let has_note = b.add_text_field("has_note", STRING);
    let all = TextField::ALL.map(|tf| text(&mut b, format!("all_{}", tf.name()), tf));
    let note_text = TextField::ALL.map(|tf| text(&mut b, format!("note_{}", tf.name()), tf));
    let fields = Fields {
        file,
        doc,
        mark,
        block,
        seq,
        quote,
        note,
        lang,
        has_note,
        all,
        note_text,
    };
    (b.build(), fields)
}

/// One unit per mark of `notes`, from file `name`.
pub(super) fn add_units(
    writer: &tantivy::IndexWriter<TantivyDocument>,
    f: &Fields,
    name: &str,
    notes: &DocNotes,
) -> anyhow::Result<()> {
    for (seq, m) in notes.marks.iter().enumerate() {
        let mut d = TantivyDocument::default();
        d.add_text(f.file, name);
        d.add_text(f.doc, &notes.id);
        d.add_text(f.mark, &m.id);
        d.add_u64(f.block, m.anchor.as_ref().map_or(0, |a| a.block.0 as u64));
        d.add_u64(f.seq, seq as u64);
        let quote = m.anchor.as_ref().map_or("", |a| a.quote.as_str());
        d.add_text(f.quote, quote);
        d.add_text(f.note, &m.note);
        if let Some(a) = &m.anchor {
            d.add_text(f.lang, a.lang.code());
        }
        if !m.note.trim().is_empty() {
            d.add_text(f.has_note, "yes");
        }
        for tf in TextField::ALL {
            let i = tf as usize;
            // The quote is in one language; a note's language is not known, so every profile.
            if m.anchor
                .as_ref()
                .is_some_and(|a| TextField::of(a.lang) == tf)
            {
                d.add_text(f.all[i], quote);
            }
            d.add_text(f.all[i], &m.note);
            d.add_text(f.note_text[i], &m.note);
        }
        writer.add_document(d)?;
    }
    Ok(())
}
