//! Hostile input that is not markup: git arguments, a pull request that
//! stands a file in for the old version, includes that reach outside the
//! project, files that never end, and terminal escapes.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::fs;
use std::path::Path;

use common::{code, git, policyc, policyc_in, repo_with_a_sale, root, stderr, stdout};

#[test]
fn a_revision_that_looks_like_an_option_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    repo_with_a_sale(d);
    let target = d.join("overwritten");
    let spec = format!("--output={}:x", target.display());
    let against = format!("--against={spec}");
    for args in [
        vec!["check", "policies/privacy.yaml", against.as_str()],
        vec!["diff", "--", spec.as_str(), "policies/privacy.yaml"],
        vec!["check", "policies/privacy.yaml", "--old-rev=--output=x"],
    ] {
        let out = policyc_in(d, &args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("cannot start with `-`"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(!target.exists(), "git wrote the file an option named");
    assert!(!d.join("x").exists());
}

#[test]
fn a_committed_file_named_like_a_revision_cannot_fake_the_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    repo_with_a_sale(d);
    // The pull request adds the new policy itself at the path the gate reads.
    let fake = d.join("HEAD:policies/privacy.yaml");
    fs::create_dir_all(fake.parent().unwrap()).unwrap();
    fs::copy(d.join("policies/privacy.yaml"), &fake).unwrap();
    let out = policyc_in(
        d,
        &[
            "check",
            "policies/privacy.yaml",
            "--against",
            "HEAD:policies/privacy.yaml",
        ],
    );
    assert_eq!(code(&out), 2, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stderr(&out)
            .contains("names both a file and the file policies/privacy.yaml at git revision HEAD"),
        "{}",
        stderr(&out)
    );
    let out = policyc_in(
        d,
        &[
            "diff",
            "HEAD:policies/privacy.yaml",
            "policies/privacy.yaml",
        ],
    );
    assert_eq!(code(&out), 2, "{}", stdout(&out));

    // The explicit form reads git, and the gate catches the sale.
    let out = policyc_in(
        d,
        &[
            "check",
            "policies/privacy.yaml",
            "--old-rev",
            "HEAD",
            "--today",
            "2025-06-01",
        ],
    );
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("notice"), "{}", stdout(&out));
    // In a project of one policy, the gate needs no file named.
    let bare = policyc_in(d, &["check", "--old-rev", "HEAD", "--today", "2025-06-01"]);
    assert_eq!(stdout(&bare), stdout(&out), "{}", stderr(&bare));
    // So does REV:PATH once the file is gone.
    fs::remove_dir_all(d.join("HEAD:policies")).unwrap();
    let out = policyc_in(
        d,
        &[
            "check",
            "policies/privacy.yaml",
            "--against",
            "HEAD:policies/privacy.yaml",
            "--today",
            "2025-06-01",
        ],
    );
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn a_revision_that_is_not_one_and_no_such_file_is_an_error_that_says_both() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    repo_with_a_sale(d);
    let out = policyc_in(
        d,
        &[
            "diff",
            "nobranch:policies/privacy.yaml",
            "policies/privacy.yaml",
        ],
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("there is no such file, and `nobranch` is not a revision"),
        "{}",
        stderr(&out)
    );
}

/// A policy in a fresh project (a git repository of its own) that includes `entry`.
fn project_including(d: &Path, entry: &str) -> String {
    git(d, &["init", "-q"]);
    let policy = format!(
        "id: p\ntitle: T\ninclude: [\"{entry}\"]\ndates:\n  effective: 2025-01-01\nsections:\n  - id: a\n    title: A\n    body: Hello.\n"
    );
    fs::write(d.join("p.yaml"), policy).unwrap();
    d.join("p.yaml").display().to_string()
}

#[test]
fn includes_outside_the_project_are_refused_without_quoting_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let secret = tempfile::tempdir().unwrap();
    let leaked = "LEAKED-SECRET-VALUE";
    fs::write(
        secret.path().join("_secret.yaml"),
        format!("token: {leaked}\n"),
    )
    .unwrap();
    for entry in [
        "/proc/self/environ".to_string(),
        "/etc/passwd".to_string(),
        secret.path().join("_secret.yaml").display().to_string(),
        "../../../../../../../../etc/passwd".to_string(),
    ] {
        let policy = project_including(d, &entry);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_policyc"))
            .args(["render", &policy])
            .current_dir(d)
            .env("NO_COLOR", "1")
            .env("POLICYC_TEST_SECRET", leaked)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(code(&out), 2, "{entry}: {err}");
        assert!(err.contains("outside the project folder"), "{entry}: {err}");
        assert!(!err.contains(leaked), "{entry} leaked: {err}");
        assert!(!err.contains("root:"), "{entry} leaked: {err}");
    }
}

#[test]
fn a_symlink_out_of_the_project_is_refused_and_one_inside_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("org.yaml"),
        "organization:\n  name: Evil\n",
    )
    .unwrap();
    fs::write(d.join("org.yaml"), "organization:\n  name: Acme\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("org.yaml"), d.join("_out.yaml")).unwrap();
    std::os::unix::fs::symlink(d.join("org.yaml"), d.join("_in.yaml")).unwrap();
    let policy = project_including(d, "_out.yaml");
    let out = policyc(&["render", &policy]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("outside the project folder"),
        "{}",
        stderr(&out)
    );
    let policy = project_including(d, "_in.yaml");
    let out = policyc(&["render", &policy, "--format", "txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn endless_files_and_pipes_are_refused_without_hanging() {
    let out = policyc(&["render", "/dev/zero"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("p.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = policyc(&["render", &fifo.display().to_string()]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );

    let d = tempfile::tempdir().unwrap();
    let policy = project_including(d.path(), "/dev/zero");
    let out = policyc(&["render", &policy]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn escape_sequences_in_a_title_do_not_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.yaml");
    // An unknown reference puts the title's line in the diagnostic.
    fs::write(
        &p,
        "id: p\ntitle: \"\\e]0;owned\\a\\e[2J{{ ref(id='nope') }}\"\norganization: {name: A}\ndates: {effective: 2025-01-01}\nsections:\n  - {id: a, title: A, body: x}\n",
    )
    .unwrap();
    let out = policyc(&["render", &p.display().to_string()]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "an escape reached the terminal: {err:?}"
    );
}

#[test]
fn a_long_line_is_quoted_only_around_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.yaml");
    let filler = "word ".repeat(4000);
    fs::write(
        &p,
        format!(
            "id: p\ntitle: T\norganization: {{name: A}}\ndates: {{effective: 2025-01-01}}\nsections:\n  - {{id: a, title: A, body: \"{filler} {{{{ ref(id='nope') }}}} {filler}\"}}\n"
        ),
    )
    .unwrap();
    let out = policyc(&["render", &p.display().to_string()]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("nope"), "{err}");
    assert!(err.len() < 2000, "{} bytes quoted", err.len());
}

#[test]
fn a_policy_linked_from_outside_the_project_is_refused_and_others_build() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    fs::create_dir(d.join("policies")).unwrap();
    fs::copy(
        root().join("tests/corpus/base.yaml"),
        d.join("policies/base.yaml"),
    )
    .unwrap();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.yaml");
    fs::write(&secret, "LEAKED-SECRET: \0 LEAKED-SECRET-VALUE\n").unwrap();
    std::os::unix::fs::symlink(&secret, d.join("policies/evil.yaml")).unwrap();
    let out = policyc_in(d, &["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("outside the project folder"), "{err}");
    assert!(!err.contains("LEAKED"), "{err}");
    assert!(d.join("dist/corpus.html").is_file(), "{err}");
}

#[test]
fn a_binary_file_is_not_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.yaml");
    fs::write(&p, "SECRET=hunter2\0OTHER=x").unwrap();
    let out = policyc(&["render", &p.display().to_string()]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("NUL byte"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}
