//! The workspace API the reader and the search layer will call: the recent list, the search
//! records, and concurrent writers under the lock.

use lectern::workspace::{Anchor, NewMark, Workspace};
use std::sync::Arc;

const COMMUNIQUE: &str = "1956-07-14-joint-communique-issued-soviet";
const TREATY: &str = "1961-07-06-treaty-friendship-co-operation-mutual";

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = Workspace::at(dir.path().join("workspace"));
    (dir, ws)
}

#[test]
fn the_recent_list_puts_the_latest_first_once() {
    let (_dir, ws) = workspace();
    assert!(ws.recent().expect("empty").is_empty());
    for id in [COMMUNIQUE, TREATY, COMMUNIQUE] {
        ws.record_read(id).expect("saved");
    }
    let ids: Vec<String> = ws
        .recent()
        .expect("read")
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, vec![COMMUNIQUE, TREATY]);
}

#[test]
fn search_records_carry_the_quote_the_note_the_tags_and_the_collections() {
    let (_dir, ws) = workspace();
    let corpus = lectern::corpus::Corpus::bundled();
    let doc = corpus.get(COMMUNIQUE).expect("doc");
    let anchor = Anchor::on_quote(doc, lectern::model::BlockNo(2), None, "Korean armistice")
        .expect("anchor");
    let new = NewMark {
        anchor: Some(anchor),
        colour: None,
        note: "a *stabiliser*".into(),
    };
    ws.add_mark(COMMUNIQUE, new).expect("saved");
    ws.update_library(|lib| {
        lib.tags.insert(COMMUNIQUE.into(), vec!["armistice".into()]);
        lib.collections
            .insert("thesis".into(), vec![COMMUNIQUE.into()]);
        (true, ())
    })
    .expect("saved");
    let (records, problems) = ws.records();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(
        (r.doc_id.as_str(), r.mark_id.as_str(), r.block),
        (COMMUNIQUE, "m1", Some(lectern::model::BlockNo(2)))
    );
    assert_eq!(r.text, "Korean armistice\n\na *stabiliser*");
    assert_eq!(r.tags, vec!["armistice".to_string()]);
    assert_eq!(r.collections, vec!["thesis".to_string()]);
}

#[test]
fn writers_at_the_same_time_lose_no_note() {
    let (_dir, ws) = workspace();
    let ws = Arc::new(ws);
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let ws = Arc::clone(&ws);
            std::thread::spawn(move || {
                let note = NewMark {
                    note: format!("note {i}"),
                    ..NewMark::default()
                };
                ws.add_mark(COMMUNIQUE, note).expect("saved");
            })
        })
        .collect();
    for t in threads {
        t.join().expect("thread");
    }
    let notes = ws.document(COMMUNIQUE).expect("read");
    let mut ids: Vec<String> = notes.marks.iter().map(|m| m.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8, "{ids:?}");
}
