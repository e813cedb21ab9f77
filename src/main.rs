#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    lectern::cli::main()
}
