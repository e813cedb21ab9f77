//! The bundled corpus, compiled in by `build.rs` so that `lectern` works from any directory.

include!(concat!(env!("OUT_DIR"), "/embedded_corpus.rs"));
