//! Importers: raw source text → documents.
