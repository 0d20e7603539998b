//! `policyc build` and `policyc render` end to end, in a scratch project.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::fs;
use std::path::Path;

use common::{code, policyc_in, root, stderr, stdout};

/// A scratch project with the example policy in `policies/`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("policies")).unwrap();
    fs::copy(
        root().join("policies/privacy.yaml"),
        dir.path().join("policies/privacy.yaml"),
    )
    .unwrap();
    dir
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn build_defaults_to_policies_into_dist() {
    let p = project();
    let out = policyc_in(p.path(), &["build"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        files(&p.path().join("dist")),
        ["privacy.html", "privacy.md", "privacy.txt"]
    );
    assert!(stderr(&out).contains("compiled policies/privacy.yaml -> dist/privacy.{html,md,txt}"));
}

#[test]
fn build_outputs_match_render() {
    let p = project();
    assert_eq!(code(&policyc_in(p.path(), &["build"])), 0);
    for format in ["html", "md", "txt"] {
        let rendered = policyc_in(
            p.path(),
            &["render", "policies/privacy.yaml", "--format", format],
        );
        let built = fs::read_to_string(p.path().join(format!("dist/privacy.{format}"))).unwrap();
        assert_eq!(stdout(&rendered), built, "{format}");
    }
}

/// A rebuild leaves alone each output whose bytes would not change, so its
/// modification time still says when it last changed, and replaces the others.
#[test]
fn a_rebuild_replaces_only_the_outputs_that_change() {
    let p = project();
    assert_eq!(code(&policyc_in(p.path(), &["build"])), 0);
    let past = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    for format in ["html", "md", "txt"] {
        let file = fs::File::options()
            .write(true)
            .open(p.path().join(format!("dist/privacy.{format}")))
            .unwrap();
        file.set_modified(past).unwrap();
    }
    fs::write(p.path().join("dist/privacy.md"), "an edit by hand").unwrap();
    let out = policyc_in(p.path(), &["build"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let modified = |format: &str| {
        fs::metadata(p.path().join(format!("dist/privacy.{format}")))
            .unwrap()
            .modified()
            .unwrap()
    };
    assert_eq!(modified("html"), past, "the unchanged page was rewritten");
    assert_eq!(modified("txt"), past, "the unchanged text was rewritten");
    let md = fs::read_to_string(p.path().join("dist/privacy.md")).unwrap();
    let rendered = policyc_in(
        p.path(),
        &["render", "policies/privacy.yaml", "--format", "md"],
    );
    assert_eq!(
        md,
        stdout(&rendered),
        "the changed Markdown was not replaced"
    );
}

#[test]
fn build_takes_files_folders_out_and_formats() {
    let p = project();
    let out = policyc_in(
        p.path(),
        &[
            "build",
            "policies/privacy.yaml",
            "--out",
            "site/public",
            "--format",
            "md,txt",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        files(&p.path().join("site/public")),
        ["privacy.md", "privacy.txt"]
    );
}

#[test]
fn fragments_and_hidden_files_are_not_policies() {
    let p = project();
    fs::write(p.path().join("policies/_shared.yaml"), "not: a policy\n").unwrap();
    fs::write(p.path().join("policies/.draft.yaml"), "nor: this\n").unwrap();
    fs::write(p.path().join("policies/notes.txt"), "ignored\n").unwrap();
    let out = policyc_in(p.path(), &["build"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(files(&p.path().join("dist")).len(), 3);
}

#[test]
fn a_failing_policy_keeps_its_old_outputs_and_others_still_build() {
    let p = project();
    let policies = p.path().join("policies");
    let second = fs::read_to_string(policies.join("privacy.yaml"))
        .unwrap()
        .replace("id: privacy", "id: terms");
    fs::write(policies.join("terms.yaml"), &second).unwrap();
    assert_eq!(code(&policyc_in(p.path(), &["build"])), 0);
    let before = fs::read(p.path().join("dist/terms.html")).unwrap();

    // Break `terms` and change `privacy`: privacy must update, terms must stay as it was.
    fs::write(
        policies.join("terms.yaml"),
        second.replace("effective: 2026-10-01", "effective: 2026-02-30"),
    )
    .unwrap();
    let privacy = fs::read_to_string(policies.join("privacy.yaml")).unwrap();
    fs::write(
        policies.join("privacy.yaml"),
        privacy.replace("title: Privacy Policy", "title: Privacy Notice"),
    )
    .unwrap();
    let out = policyc_in(p.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("policies/terms.yaml:16:14"), "{err}");
    assert!(err.contains("1 of 2 policies failed"), "{err}");
    assert_eq!(fs::read(p.path().join("dist/terms.html")).unwrap(), before);
    assert!(
        fs::read_to_string(p.path().join("dist/privacy.html"))
            .unwrap()
            .contains("Privacy Notice")
    );
    // No temporary files are left behind.
    assert!(
        files(&p.path().join("dist"))
            .iter()
            .all(|f| !f.starts_with('.'))
    );
}

#[test]
fn two_policies_with_one_id_is_an_error() {
    let p = project();
    fs::copy(
        p.path().join("policies/privacy.yaml"),
        p.path().join("policies/copy.yaml"),
    )
    .unwrap();
    let out = policyc_in(p.path(), &["build"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("has the id `privacy`, like policies/copy.yaml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn no_policies_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("policies")).unwrap();
    let out = policyc_in(dir.path(), &["build"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no policy files"));
    let out = policyc_in(dir.path(), &["build", "missing"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cannot read missing"));
}

#[test]
fn templates_folder_overrides_one_file_at_a_time() {
    let p = project();
    fs::create_dir(p.path().join("templates")).unwrap();
    fs::write(
        p.path().join("templates/style.css"),
        "body { color: rebeccapurple; }",
    )
    .unwrap();
    let html = stdout(&policyc_in(p.path(), &["render", "policies/privacy.yaml"]));
    assert!(html.contains("rebeccapurple"));
    assert!(
        html.contains("<nav class=\"toc\""),
        "page.html is still the built-in one"
    );

    fs::write(
        p.path().join("templates/page.html"),
        "<p>{{ title }} by {{ org.name }}</p>",
    )
    .unwrap();
    let html = stdout(&policyc_in(p.path(), &["render", "policies/privacy.yaml"]));
    assert_eq!(html, "<p>Privacy Policy by Fernhill</p>");
}

#[test]
fn an_output_folder_that_cannot_be_made_is_an_error_with_exit_2() {
    let p = project();
    fs::write(p.path().join("blocker"), "a file, not a folder").unwrap();
    let out = policyc_in(p.path(), &["build", "policies", "--out", "blocker/dist"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("error: cannot create folder blocker/dist"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        fs::read_to_string(p.path().join("blocker")).unwrap(),
        "a file, not a folder"
    );
}

/// The facts `page.html` receives are a contract with the templates users
/// keep (guide/templates.md): each one is printed here from the example policy.
#[test]
fn page_template_receives_every_documented_fact() {
    let p = project();
    fs::create_dir(p.path().join("templates")).unwrap();
    let template = concat!(
        "id={{ id }} title={{ title }}\n",
        "org={{ org.name }}|{{ org.legal_name }}|{{ org.description }}\n",
        "dates={{ effective.iso }}|{{ effective.text }}|{{ last_updated.iso }}|{{ last_updated.text }}\n",
        "lead={% if lead %}yes{% endif %}\n",
        "{% for e in toc %}toc={{ e.id }}|{{ e.heading }}|{{ e.depth }}|{{ e.tag }}|{{ e.supplement }}",
        "|{{ e.body | replace(from=\"\\n\", to=\" \") | truncate(length=14) | safe }}\n{% endfor %}",
        "{% for s in sections %}section={{ s.id }}|{% if s.number %}{{ s.number }}{% endif %}|{{ s.title }}",
        "|{{ s.heading }}|{{ s.depth }}|{{ s.tag }}|{{ s.supplement }}",
        "|{{ s.body | replace(from=\"\\n\", to=\" \") | truncate(length=30) | safe }}\n{% endfor %}",
        "{% for c in changelog %}change={{ c.date.iso }}|{{ c.date.text }}|{{ c.material }}|{{ c.summary }}\n{% endfor %}",
    );
    fs::write(p.path().join("templates/page.html"), template).unwrap();
    let page = stdout(&policyc_in(p.path(), &["render", "policies/privacy.yaml"]));
    let lines: Vec<&str> = page.lines().collect();
    for expected in [
        "id=privacy title=Privacy Policy",
        "org=Fernhill|Fernhill Software, Inc.|a Delaware corporation based in Portland, Oregon, USA",
        "dates=2026-10-01|October 1, 2026|2026-09-01|September 1, 2026",
        "lead=yes",
        "toc=collect|1. Information we collect|0|h2|false|<p>We collect …",
        "toc=you-give-us|Information you give us|1|h3|false|<ul> <li><stro…",
        "toc=california|Supplement for California Residents|0|h2|true|<p>This supple…",
        "section=collect|1|Information we collect|1. Information we collect|0|h2|false|<p>We collect only what we nee…",
        "section=you-give-us||Information you give us|Information you give us|1|h3|false|<ul> <li><strong>Account detai…",
        "section=california||Supplement for California Residents|Supplement for California Residents|0|h2|true|<p>This supplement applies to …",
        "section=ca-rights|2|Your rights|2. Your rights|1|h3|false|<p>You have the right to know …",
        "change=2025-10-01|October 1, 2025|false|First published version.",
    ] {
        assert!(
            lines.contains(&expected),
            "no line {expected:?} in:\n{page}"
        );
    }
    let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(
        count("toc="),
        16,
        "every section of the example is at depth 0 or 1"
    );
    assert_eq!(count("section="), 16);
    assert_eq!(count("change="), 2);
}

#[test]
fn a_broken_template_is_reported() {
    let p = project();
    fs::create_dir(p.path().join("templates")).unwrap();
    fs::write(p.path().join("templates/page.html"), "{% if %}").unwrap();
    let out = policyc_in(p.path(), &["render", "policies/privacy.yaml"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("the HTML templates do not parse"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn warnings_are_printed_but_do_not_fail() {
    let p = project();
    let path = p.path().join("policies/privacy.yaml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("{{ ccpa_table() }}", "");
    fs::write(&path, text).unwrap();
    let out = policyc_in(p.path(), &["build"]);
    assert_eq!(code(&out), 0);
    assert!(
        stderr(&out).contains("warning[ccpa-table-unplaced]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn render_to_a_closed_pipe_is_not_an_error() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["render", "policies/privacy.yaml", "--format", "txt"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "exit {:?}: {err}", out.status.code());
    assert!(
        err.is_empty(),
        "a closed pipe is not worth a message: {err}"
    );
}

#[test]
fn an_unreadable_policy_fails_alone_and_check_still_reports_in_json() {
    let dir = project();
    let d = dir.path();
    let policies = d.join("policies");
    fs::copy(policies.join("privacy.yaml"), policies.join("b.yaml")).unwrap();
    let b = fs::read_to_string(policies.join("b.yaml"))
        .unwrap()
        .replace("id: privacy", "id: b");
    fs::write(policies.join("b.yaml"), b).unwrap();
    // A dangling link: found by the walk, unreadable when read.
    std::os::unix::fs::symlink(d.join("nowhere.yaml"), policies.join("a.yaml")).unwrap();
    let out = policyc_in(d, &["build"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("a.yaml"), "{}", stderr(&out));
    assert!(d.join("dist/privacy.html").is_file(), "{}", stderr(&out));
    assert!(d.join("dist/b.html").is_file(), "{}", stderr(&out));

    let out = policyc_in(d, &["check", "--format", "json"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let files: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(files.iter().any(|f| f.ends_with("a.yaml")), "{json}");
}

#[test]
fn a_missing_templates_folder_is_an_error() {
    let dir = project();
    let out = policyc_in(dir.path(), &["build", "--templates", "no-such-folder"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("the template folder no-such-folder does not exist"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("dist/privacy.html").exists());
}

#[test]
fn what_a_killed_build_left_is_removed_by_the_next() {
    let dir = project();
    let d = dir.path();
    fs::create_dir(d.join("dist")).unwrap();
    fs::write(d.join("dist/.policyc-AbC123"), "half a page").unwrap();
    let out = policyc_in(d, &["build"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mut left: Vec<String> = fs::read_dir(d.join("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["privacy.html", "privacy.md", "privacy.txt"]);
}

#[test]
fn commands_given_no_paths_find_the_project_from_a_folder_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join(".git")).unwrap();
    fs::create_dir_all(d.join("policies")).unwrap();
    fs::create_dir_all(d.join("docs/deep")).unwrap();
    fs::copy(
        root().join("tests/check/base.yaml"),
        d.join("policies/privacy.yaml"),
    )
    .unwrap();
    let deep = d.join("docs/deep");
    let out = policyc_in(&deep, &["check", "--today", "2025-06-01"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("checked 1 file"), "{}", stdout(&out));
    let out = policyc_in(&deep, &["build"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("../../policies/privacy.yaml -> ../../dist/check."),
        "{}",
        stderr(&out)
    );
    assert!(
        d.join("dist/check.html").is_file(),
        "the outputs go beside policies/"
    );
    assert!(!deep.join("dist").exists());

    // Not above the top of the repository: a nested repository without
    // policies/ does not borrow its parent's.
    let nested = d.join("vendor/other");
    fs::create_dir_all(nested.join(".git")).unwrap();
    let out = policyc_in(&nested, &["check"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no policies/ folder here or in a folder above it"),
        "{}",
        stderr(&out)
    );
}
