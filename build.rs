//! Embeds the bundled corpus (`corpus/documents/*.toml`, `corpus/registry/*.toml`) in the binary.
// A build script and benchmarks print only their own figures and directives.
#![allow(clippy::disallowed_macros)]

use std::fmt::Write as _;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::new();
    for (name, sub) in [("DOCUMENTS", "documents"), ("REGISTRY", "registry")] {
        let dir = root.join(sub);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
        files.sort();
        let _ = writeln!(
            out,
            "#[allow(dead_code)]\npub static {name}: &[(&str, &str)] = &["
        );
        for path in files {
            let rel = format!(
                "{sub}/{}",
                path.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
            let _ = writeln!(
                out,
                "    ({rel:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
        out.push_str("];\n");
    }
    // Cargo always sets OUT_DIR for a build script; an error here names what failed.
    let dest = Path::new(&std::env::var("OUT_DIR")?).join("embedded_corpus.rs");
    std::fs::write(dest, out)?;
    Ok(())
}
