//! The policyc binary: all of the program is in the library.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(policyc::run())
}
