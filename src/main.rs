fn main() -> std::process::ExitCode {
    lectern::cli::main()
}
