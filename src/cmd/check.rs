//! `policyc check`: the lint rules on every policy, and with `--against` the
//! notice gate on a change. Check is build without render and write.

use std::path::PathBuf;

use super::{Reporter, compile_at, compile_version, policy_files, templates_for, today};
use crate::check::{Ctx, FileFindings, Finding, apply_waivers, gate, lint, output};
use crate::cli::CheckArgs;
use crate::rules::{Kind, RULES};
use crate::{diff, exit, load, suggest};

pub fn run(args: &CheckArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    if let Some(rule) = &args.explain {
        return Ok(explain(rule, reporter));
    }
    if args.list_rules {
        super::print(rules_table().as_bytes())?;
        return Ok(exit::SUCCESS);
    }
    let today = args.today.unwrap_or_else(today);
    let mut paths = super::paths_or_project(&args.paths)?;
    // The gate compares one policy: a folder that holds just one names it.
    if (args.against.is_some() || args.old_rev.is_some())
        && let [dir] = paths.as_slice()
        && dir.is_dir()
        && let Ok(files) = policy_files(std::slice::from_ref(dir))
        && let [only] = files.as_slice()
    {
        paths = vec![only.clone()];
    }
    let old = match old_version(args, &paths, reporter)? {
        Ok(old) => old,
        Err(code) => return Ok(code),
    };
    // A path that does not exist is reported as a file that cannot be read,
    // in the report's own format (JSON stays JSON).
    let mut files = Vec::new();
    for path in &paths {
        if std::fs::symlink_metadata(path).is_err() {
            files.push(path.clone());
        } else {
            files.extend(policy_files(std::slice::from_ref(path))?);
        }
    }
    if files.is_empty() {
        reporter.status("error: no policy files (*.yaml) found");
        return Ok(exit::BAD_INPUT);
    }
    let mut bad_input = false;
    let reports: Vec<FileFindings> = files
        .iter()
        .map(|file| {
            let (report, bad) = check_file(file, args, old.as_ref(), today);
            bad_input |= bad;
            report
        })
        .collect();
    let color = args.format == output::Format::Human && reporter.stdout_color();
    super::print(output::render(&reports, args.format, color).as_bytes())?;
    let (errors, warnings) = reports
        .iter()
        .map(FileFindings::counts)
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    Ok(if bad_input {
        exit::BAD_INPUT
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    })
}

/// The old version the notice gate compares with (`--against` or
/// `--old-rev`), if one was asked for; `Err` with the exit code when it
/// cannot be used (already reported).
fn old_version(
    args: &CheckArgs,
    paths: &[PathBuf],
    reporter: &Reporter,
) -> anyhow::Result<Result<Option<crate::Compilation>, u8>> {
    if args.against.is_none() && args.old_rev.is_none() {
        return Ok(Ok(None));
    }
    if paths.len() != 1 || !paths[0].is_file() {
        reporter.status("error: the notice gate compares one new version with the old one: name one policy file\n  = help: for example `policyc check policies/privacy.yaml --old-rev HEAD`; `policyc list` lists the policy files");
        return Ok(Err(exit::BAD_INPUT));
    }
    let (spec, compiled) = match (&args.against, &args.old_rev) {
        (Some(spec), _) => (spec.clone(), compile_version(spec)?),
        (None, rev) => {
            let rev = rev.as_deref().unwrap_or("HEAD");
            let spec = format!("{rev}:{}", paths[0].display());
            (spec, compile_at(rev, &paths[0])?)
        }
    };
    Ok(match compiled.report(reporter) {
        Some(old) => Ok(Some(old)),
        None => {
            reporter.status(&format!(
                "error: the old version {spec} has errors; the gate cannot compare"
            ));
            Err(exit::BAD_INPUT)
        }
    })
}

/// One file's findings, and whether it could not be checked (bad input).
/// A file that cannot be read or a broken template folder is a finding
/// like any other, so that the other files are still checked and the JSON
/// report still printed.
fn check_file(
    file: &std::path::Path,
    args: &CheckArgs,
    old: Option<&crate::Compilation>,
    today: jiff::civil::Date,
) -> (FileFindings, bool) {
    let problem_finding = |err: anyhow::Error, help: &str| Finding {
        diag: crate::diag::Diagnostic::error(format!("{err:#}"), crate::diag::Pos::FILE).help(help),
        waived: None,
    };
    let (source, problem) = match load::read_policy(file) {
        Ok(read) => read,
        Err(err) => {
            let finding = problem_finding(
                err,
                "check that the file exists, is readable and is a policy",
            );
            let source = load::Source::new(file.display().to_string(), "");
            return (
                FileFindings {
                    source,
                    findings: vec![finding],
                },
                true,
            );
        }
    };
    let compiled = match problem {
        Some(diag) => Err(vec![diag]),
        None => crate::compile(&source),
    };
    let compiled = match compiled {
        Ok(compiled) => compiled,
        Err(diags) => {
            let findings = diags
                .into_iter()
                .map(|diag| Finding { diag, waived: None })
                .collect();
            return (FileFindings { source, findings }, true);
        }
    };
    let templates = match templates_for(file, args.templates.as_deref()) {
        Ok(templates) => templates,
        Err(err) => {
            let finding = problem_finding(
                err,
                "--templates names a folder of page.html and style.css overrides",
            );
            return (
                FileFindings {
                    source,
                    findings: vec![finding],
                },
                true,
            );
        }
    };
    let ctx = Ctx {
        compiled: &compiled,
        today,
        templates: &templates,
    };
    let mut diags = compiled.warnings.clone();
    diags.extend(lint::run(&ctx));
    if let Some(old) = old {
        let old_text = old.restate(&compiled.doc);
        let text = old_text.as_ref().unwrap_or(&old.doc);
        let report = diff::diff_restated(&old.doc, text, &compiled.doc);
        diags.extend(gate::run(
            &compiled,
            old.doc.dates.effective,
            &report,
            today,
        ));
    }
    let findings = apply_waivers(&compiled, diags);
    (FileFindings { source, findings }, false)
}

/// `--explain RULE`: the rule's reason and citation, or the nearest rule id.
fn explain(id: &str, reporter: &Reporter) -> u8 {
    match crate::rules::get(id) {
        Some(rule) => {
            let _ = super::print(
                format!(
                    "{}: {}\n\n{}\n\nLaw: {}\nCitation: {}\n{}",
                    rule.id,
                    kind_text(rule.kind),
                    rule.reason,
                    law_text(rule),
                    rule.citation,
                    consent_text(rule)
                )
                .as_bytes(),
            );
            exit::SUCCESS
        }
        None => {
            let hint = suggest::did_you_mean(id, RULES.iter().map(|r| r.id.as_str()), "rules")
                .unwrap_or_else(|| "`policyc check --list-rules` lists them all".into());
            reporter.status(&format!("error: unknown rule `{id}`\n  = help: {hint}"));
            exit::BAD_INPUT
        }
    }
}

/// The law a rule belongs to and the day it applies from, or `any policy`.
fn law_text(rule: &crate::rules::Rule) -> String {
    match rule.pack {
        None => "any policy".to_string(),
        Some(pack) => {
            let unsure = if pack.confirmed {
                ""
            } else {
                "; its source is unconfirmed, so it only warns"
            };
            format!(
                "{}, from {}{unsure}",
                pack.laws
                    .iter()
                    .map(|l| l.name())
                    .collect::<Vec<_>>()
                    .join(" and "),
                pack.as_of
            )
        }
    }
}

/// For a change that puts data already collected to a new use: what each
/// law asks before it applies to that data.
fn consent_text(rule: &crate::rules::Rule) -> String {
    if !crate::rules::NEW_USE.contains(&rule.id) {
        return String::new();
    }
    let mut out = String::from(
        "\nA change under this rule puts data already collected to a new use. Before it applies to that data:\n",
    );
    for j in crate::jurisdiction::Jurisdiction::ALL {
        let (needs, citation) = j.new_use();
        let needs = match needs {
            crate::jurisdiction::Need::Consent => "consent first",
            crate::jurisdiction::Need::Notice => "notice is enough",
        };
        out.push_str(&format!(
            "  {} ({}): {needs} ({citation})\n",
            j.name(),
            j.id()
        ));
    }
    out
}

fn kind_text(kind: Kind) -> String {
    match kind {
        Kind::Change(class) => format!("diff rule, class {}", class.as_str()),
        Kind::Gate => "notice gate (check --against)".to_string(),
        Kind::Lint(severity) => format!("lint rule, {severity}"),
        Kind::Structure(severity) => format!("source rule, {severity}"),
    }
}

/// Every rule as a Markdown table, generated from the registry so that the
/// documentation cannot drift from the code.
pub fn rules_table() -> String {
    let mut out =
        String::from("| rule | kind | law, from | citation | reason |\n|---|---|---|---|---|\n");
    for r in RULES {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.id,
            kind_text(r.kind),
            law_text(r),
            r.citation,
            r.reason.replace('|', "\\|")
        ));
    }
    out
}
