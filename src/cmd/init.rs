//! `policyc init [DIR]`: a new policy project that builds, checks and publishes
//! as created.

use std::path::{Path, PathBuf};

use super::Reporter;
use crate::cli::InitArgs;
use crate::{exit, render, write};

/// The files of a new project: (path in the project, contents). `{TODAY}`
/// becomes today's date, so the new policy passes the annual-review rule.
const FILES: [(&str, &str); 8] = [
    ("policies/privacy.yaml", include_str!("init/privacy.yaml")),
    (
        ".github/workflows/policy.yml",
        include_str!("init/workflow.yml"),
    ),
    ("README.md", include_str!("init/README.md")),
    ("book.toml", include_str!("init/book.toml")),
    ("book/SUMMARY.md", include_str!("init/book/SUMMARY.md")),
    ("book/policy.md", include_str!("init/book/policy.md")),
    ("book/history.md", include_str!("init/book/history.md")),
    (".gitignore", include_str!("init/gitignore")),
];

pub fn run(args: &InitArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let today = crate::date::iso(super::today());
    let mut files: Vec<(PathBuf, String)> = FILES
        .iter()
        .map(|(path, text)| (dir.join(path), text.replace("{TODAY}", &today)))
        .collect();
    files.push((dir.join("policy.schema.json"), crate::schema::json()));
    if args.templates {
        for (name, text) in render::TEMPLATES {
            files.push((dir.join("templates").join(name), text.to_string()));
        }
    }
    // Nothing is overwritten: in an existing project, init adds what is
    // missing and says what it left alone. A folder that already holds
    // policies gets no starter policy beside them.
    let has_policies = super::policy_files(&[dir.join("policies")]).is_ok_and(|f| !f.is_empty());
    let starter = dir.join("policies/privacy.yaml");
    let (mut created, mut left) = (Vec::new(), Vec::new());
    let name = |p: &Path| p.strip_prefix(".").unwrap_or(p).display().to_string();
    for (path, text) in &files {
        if has_policies && *path == starter {
            continue;
        }
        if path.exists() {
            left.push(name(path));
            continue;
        }
        write::atomic(path, text.as_bytes())?;
        created.push(name(path));
    }
    let shown = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    let mut message = if created.is_empty() {
        format!(
            "nothing to add: {} has every file policyc init writes",
            dir.display()
        )
    } else if left.is_empty() {
        format!(
            "created a policy project in {} ({} files)",
            dir.display(),
            created.len()
        )
    } else {
        format!(
            "added to the project in {}:\n  {}\nleft alone, as they exist already:\n  {}",
            dir.display(),
            created.join("\n  "),
            left.join("\n  ")
        )
    };
    if has_policies && !starter.exists() {
        message.push_str(
            "\n  note: policies/ has policies already, so no starter policy was added; book/policy.md and book/history.md show policies/privacy.yaml: point them at yours",
        );
    }
    message.push_str(&format!("\n  next: {shown}policyc build && policyc check"));
    reporter.status(&message);
    Ok(exit::SUCCESS)
}
