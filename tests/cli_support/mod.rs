//! Helpers shared by the CLI tests: the repository root, copies of the bundled corpus, and the
//! binary with its index and workspace in given directories. Each test crate uses some of them.
#![allow(dead_code)]

use std::path::PathBuf;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the given folders of the bundled corpus (`documents`, `raw`, `overlays`,
/// `registry`) in a temporary directory, for tests that change or import into it.
pub fn corpus_copy(folders: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in folders {
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        for entry in std::fs::read_dir(repo().join("corpus").join(sub)).expect("corpus dir") {
            let path = entry.expect("entry").path();
            std::fs::copy(
                &path,
                dir.path().join(sub).join(path.file_name().expect("name")),
            )
            .expect("copy");
        }
    }
    dir
}

/// What a command that must succeed printed on stdout; its stderr when it fails.
pub fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The JSON a command that must succeed printed.
pub fn json(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    serde_json::from_str(&stdout(cmd)).expect("valid JSON")
}

/// `lectern` on the bundled corpus, with its index in `cache` and its workspace in `ws`, and
/// no colour: what the workspace's CLI tests run.
pub fn lectern_in(cache: &std::path::Path, ws: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("lectern").expect("binary is built");
    cmd.env_remove("LECTERN_CORPUS")
        .env("NO_COLOR", "1")
        .env("LECTERN_INDEX_DIR", cache)
        .env("LECTERN_WORKSPACE", ws);
    cmd
}

/// Starts `n` processes at once, each made by `make` (stdout and stderr piped), and waits
/// for them all: what commands racing on one cache or index see.
pub fn run_at_once(
    n: usize,
    mut make: impl FnMut() -> std::process::Command,
) -> Vec<std::process::Output> {
    let children: Vec<std::process::Child> = (0..n)
        .map(|_| {
            make()
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    (children.into_iter())
        .map(|child| child.wait_with_output().expect("wait"))
        .collect()
}
