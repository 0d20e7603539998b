//! `policyc diff OLD NEW`: resolve both versions, compare them, show the report.

use super::{Reporter, compile_version};
use crate::check::{FileFindings, Finding, output};
use crate::cli::DiffArgs;
use crate::diag::{Diagnostic, Pos};
use crate::source::Source;
use crate::{diff, exit, report};

pub fn run(args: &DiffArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    // The two versions compile side by side; their diagnostics print in order.
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| compile_version(&args.old));
        let new = compile_version(&args.new);
        (old.join(), new)
    });
    let old = old.map_err(|_| anyhow::anyhow!("compiling the old version failed unexpectedly"))?;
    // What keeps a version from comparing: printed, and with --format json
    // also given as JSON findings (check's shape), so a script reads JSON either way.
    let mut problems: Vec<FileFindings> = Vec::new();
    let mut version = |spec: &str, compiled: anyhow::Result<super::Compiled>| match compiled {
        Ok(compiled) => match compiled.report_keeping(reporter) {
            Ok(compilation) => Some(compilation),
            Err(failed) => {
                let (source, diags) = *failed;
                let findings = diags
                    .into_iter()
                    .map(|diag| Finding { diag, waived: None })
                    .collect();
                problems.push(FileFindings { source, findings });
                None
            }
        },
        Err(err) => {
            reporter.status(&format!("error: {err:#}"));
            let diag = Diagnostic::error(format!("{err:#}"), Pos::FILE)
                .help("check that the file exists, is readable and is a policy");
            problems.push(FileFindings {
                source: Source::new(spec.to_string(), ""),
                findings: vec![Finding { diag, waived: None }],
            });
            None
        }
    };
    let (old, new) = (version(&args.old, old), version(&args.new, new));
    let (Some(old), Some(mut new)) = (old, new) else {
        // A file that could not be read has said so; errors in a policy
        // need saying which version they are in.
        let compiled = problems
            .iter()
            .any(|p| p.findings.iter().any(|f| f.diag.pos != Pos::FILE));
        if compiled {
            reporter.status("error: cannot compare: a version above has errors (the old one is the first argument, the new one the second)");
        }
        if args.format == report::Format::Json {
            super::print(output::render(&problems, output::Format::Json, false).as_bytes())?;
        }
        return Ok(exit::BAD_INPUT);
    };
    // Two imported versions state no organization; import guesses one from
    // each title, and a different guess is not a change of controller.
    if super::is_imported(&args.old) && super::is_imported(&args.new) {
        new.doc.org = old.doc.org.clone();
    }
    let old_text = old.restate(&new.doc);
    let result = diff::diff_restated(&old.doc, old_text.as_ref().unwrap_or(&old.doc), &new.doc);

    let options = report::Options {
        color: args.format == report::Format::Text && reporter.stdout_color(),
        today: Some(args.today.unwrap_or_else(super::today)),
    };
    let text = report::render(&result, args.format, options);
    super::print(text.as_bytes())?;
    Ok(if result.material {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    })
}
