#![forbid(unsafe_code)]

/// mimalloc instead of the system allocator: a first open allocates and frees millions of
/// small buffers on both cores (tokens, documents, index postings), and glibc's malloc spent
/// 12-35 % more time on it (BENCHMARKS, "first open"). Built with `no_thp`: transparent huge
/// pages bought no speed here and raised the reader's peak memory by 60 MB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    lectern::cli::main()
}
