//! Concordance (to come).
