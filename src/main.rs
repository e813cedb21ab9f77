#![forbid(unsafe_code)]

/// mimalloc instead of the system allocator: a first open allocates and frees millions of
/// small buffers on both cores (tokens, documents, index postings), and with mimalloc it takes
/// 20-34 % less wall time than with glibc's malloc (BENCHMARKS, stop 26). Built with
/// `no_thp`: transparent huge pages bought no speed here and cost the reader 60 MB of peak memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    lectern::cli::main()
}
