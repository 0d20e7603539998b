//! Helpers shared by the end-to-end tests: run the binary, find fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(path: &str) -> PathBuf {
    root().join("tests/fixtures").join(path)
}

/// Runs policyc in `dir` with `args`, without colour.
pub fn policyc_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("policyc runs")
}

pub fn policyc(args: &[&str]) -> Output {
    policyc_in(&root(), args)
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

pub fn code(out: &Output) -> i32 {
    out.status
        .code()
        .expect("policyc exited, not killed by a signal")
}

/// Renders a policy (relative to the repository root) and returns stdout,
/// failing the test if policyc did not succeed.
pub fn render(path: &str, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["render", path, "--format", format];
    args.extend_from_slice(extra);
    let out = policyc(&args);
    assert_eq!(code(&out), 0, "render {path} failed:\n{}", stderr(&out));
    stdout(&out)
}
