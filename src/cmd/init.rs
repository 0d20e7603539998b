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
    // Nothing is overwritten: a project is created whole or not at all.
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| p.exists())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        reporter.status(&format!(
            "error: these files exist already, so nothing was written:\n  {}\n  = help: run policyc init in an empty folder, or move them away",
            existing.join("\n  ")
        ));
        return Ok(exit::BAD_INPUT);
    }
    for (path, text) in &files {
        write::atomic(path, text.as_bytes())?;
    }
    let shown = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    reporter.status(&format!(
        "created a policy project in {} ({} files)\n  next: {shown}policyc build && policyc check",
        dir.display(),
        files.len()
    ));
    Ok(exit::SUCCESS)
}
