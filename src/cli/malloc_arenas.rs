//! The reader runs with one glibc malloc arena. Its workers (heads decoded, the filter's
//! haystacks, the links' targets, the full check) each allocate and free tens of MB; with an
//! arena per thread, what one freed stays resident in its arena, out of the others' reach,
//! and after a file added at 100,000 documents the peak was 291 MB against 233 MB with one
//! (BENCHMARKS.md, "The reader's peak after a change on disk (mem8)"). glibc reads the setting
//! only when the process starts, and `mallopt` would need `unsafe`, so the reader starts
//! itself again with `MALLOC_ARENA_MAX` set, the same process (`exec`), before it allocates
//! much. Someone's own `MALLOC_ARENA_MAX` or `GLIBC_TUNABLES` is left as it is.

/// The variable glibc reads; also what tells the second start that it is one.
const VAR: &str = "MALLOC_ARENA_MAX";

/// Replaces this process by the same binary and arguments with one arena, unless a setting
/// is there already; returns (and the reader goes on as it is) when that cannot be done.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(super) fn use_one() {
    use std::os::unix::process::CommandExt as _;
    if std::env::var_os(VAR).is_some() || std::env::var_os("GLIBC_TUNABLES").is_some() {
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
        .env(VAR, "1")
        .exec();
}

/// Other allocators and systems: nothing to set.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(super) fn use_one() {}
