//! Importer tests on the seed documents.
