#![forbid(unsafe_code)]

/// mimalloc instead of the system allocator: a first open allocates and frees millions of
/// small buffers on both cores (tokens, documents, index postings), and glibc's malloc spent
/// 12-17 % more time on it (BENCHMARKS, "first open").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    lectern::cli::main()
}
