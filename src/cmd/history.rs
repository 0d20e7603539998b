//! `policyc history FILE [--git]`: the version history of a policy as Markdown,
//! for a page of the published site.

use std::fmt::Write as _;
use std::path::Path;

use super::{Reporter, compile_at, compile_file};
use crate::cli::HistoryArgs;
use crate::render::cmark;
use crate::{diff, exit, load, report};

pub fn run(args: &HistoryArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    match page(&args.file, args.git, reporter)? {
        Some(text) => {
            super::print(text.as_bytes())?;
            Ok(exit::SUCCESS)
        }
        None => Ok(exit::BAD_INPUT),
    }
}

/// The history page, or `None` when a version has errors (already reported).
/// Titles and summaries come from the policy, so the page is checked as the
/// site will read it before it is handed out.
pub fn page(path: &Path, git: bool, reporter: &Reporter) -> anyhow::Result<Option<String>> {
    let Some(page) = markdown(path, git, reporter)? else {
        return Ok(None);
    };
    cmark::check(&page, false).map_err(|what| {
        anyhow::anyhow!("the history page of {} would publish {what}, which policyc refuses (please report this)", path.display())
    })?;
    Ok(Some(page))
}

fn markdown(path: &Path, git: bool, reporter: &Reporter) -> anyhow::Result<Option<String>> {
    let Some(doc) = compile_file(path, reporter)? else {
        return Ok(None);
    };
    let mut out = format!(
        "# Version history: {}\n\n",
        cmark::escape_text(&doc.title, false)
    );
    if !git {
        if doc.changelog.is_empty() {
            out.push_str("No versions are recorded in the changelog yet.\n");
            return Ok(Some(out));
        }
        out.push_str("| Effective | Summary | Material change |\n| --- | --- | --- |\n");
        for c in &doc.changelog {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                crate::date::format(c.date, doc.dates.format),
                summary_cell(&c.summary),
                if c.material { "Yes" } else { "No" }
            );
        }
        return Ok(Some(out));
    }
    // Versions from git, newest first; each compared with the one before it.
    let commits = load::git_versions(path)?;
    let mut versions = Vec::new();
    for (commit, date) in &commits {
        match compile_at(commit, path)?.report(reporter) {
            Some(c) => versions.push((commit.clone(), date.clone(), c)),
            None => return Ok(None),
        }
    }
    if versions.is_empty() {
        out.push_str("The file has no history in git yet.\n");
        return Ok(Some(out));
    }
    out.push_str("| Effective | Committed | Summary | Material change | Redline |\n| --- | --- | --- | --- | --- |\n");
    let mut redlines = String::new();
    for (i, (commit, date, compiled)) in versions.iter().enumerate() {
        let version = &compiled.doc;
        let short = &commit[..commit.len().min(10)];
        let summary = version
            .changelog
            .iter()
            .find(|c| c.date == version.dates.effective)
            .map_or(String::new(), |c| summary_cell(&c.summary));
        let (material, link) = match versions.get(i + 1) {
            Some((_, _, older)) => {
                let older_text = older.restate(version);
                let text = older_text.as_ref().unwrap_or(&older.doc);
                let result = diff::diff_restated(&older.doc, text, version);
                let md = report::render(&result, report::Format::Md, report::Options::default());
                let _ = write!(
                    redlines,
                    "<a id=\"redline-{short}\"></a>\n\n## Changes in {short} ({date})\n\n{}\n",
                    demote(&md)
                );
                (
                    if result.material { "Yes" } else { "No" },
                    format!("[redline](#redline-{short})"),
                )
            }
            None => ("First version", String::new()),
        };
        let _ = writeln!(
            out,
            "| {} | {date} (`{short}`) | {summary} | {material} | {link} |",
            crate::date::format(version.dates.effective, version.dates.format)
        );
    }
    out.push('\n');
    out.push_str(&redlines);
    Ok(Some(out))
}

/// A changelog summary (inline Markdown) in a table cell, made safe. Raw
/// HTML a policy trusts on its own page is not trusted here.
fn summary_cell(summary: &str) -> String {
    let events = cmark::inline_events(summary, false);
    cmark::write(&events)
        .map(|md| md.trim().replace('\n', " "))
        .unwrap_or_else(|_| cmark::escape_text(summary, false))
}

/// The diff report's headings one level down, under the history's own.
fn demote(md: &str) -> String {
    md.lines()
        .map(|l| {
            if l.starts_with('#') {
                format!("#{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
