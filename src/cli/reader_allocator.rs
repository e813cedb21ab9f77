//! The reader gives freed memory back to the system at once. Its workers (heads decoded, the
//! filter's haystacks, the links' targets, the full check) each allocate and free tens of MB
//! on their own threads; mimalloc (the binary's allocator, `src/main.rs`) keeps what a thread
//! freed for a second (`purge_delay`) before it returns it, so at 100,000 documents, a file
//! added, the peak was 279 MB against 203 MB with no delay (BENCHMARKS, stop 26). mimalloc
//! reads the setting from the environment when the process starts, and `mi_option_set` would
//! need `unsafe`, so the reader starts itself again with `MIMALLOC_PURGE_DELAY=0`, the same
//! process (`exec`), before it allocates much. Someone's own setting is left as it is.

/// The variable mimalloc reads; also what tells the second start that it is one.
const VAR: &str = "MIMALLOC_PURGE_DELAY";

/// Replaces this process by the same binary and arguments with no purge delay, unless the
/// variable is set already; returns (and the reader goes on as it is) when that cannot be done.
#[cfg(unix)]
pub(super) fn purge_at_once() {
    use std::os::unix::process::CommandExt as _;
    if std::env::var_os(VAR).is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let argv0 = args.next().unwrap_or_else(|| exe.clone().into_os_string());
    // `exec` returns only on failure.
    let _ = std::process::Command::new(&exe)
        .arg0(argv0)
        .args(args)
        .env(VAR, "0")
        .exec();
}

/// Other systems: no `exec`; the reader keeps mimalloc's default delay.
#[cfg(not(unix))]
pub(super) fn purge_at_once() {}
