//! `policyc import FILE [--out FILE]`: an existing policy in Markdown or HTML
//! as a policy source, with a report of what was done and what to check.

use anyhow::Context as _;

use super::Reporter;
use crate::cli::ImportArgs;
use crate::import::{self, Kind};
use crate::{exit, load, write};

pub fn run(args: &ImportArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    let Some(kind) = args.from.or_else(|| Kind::of_path(&args.file)) else {
        reporter.status(&format!(
            "error: cannot tell whether {} is Markdown or HTML\n  = help: name it .md or .html, or say --from markdown|html",
            args.file.display()
        ));
        return Ok(exit::BAD_INPUT);
    };
    let imported = match imported(&args.file, kind)? {
        Ok(imported) => imported,
        Err(problem) => {
            reporter.status(&problem);
            return Ok(exit::BAD_INPUT);
        }
    };
    // The import must compile and give the source's words back.
    let source = crate::source::Source::new(
        args.out
            .as_ref()
            .map_or("imported.yaml".into(), |o| o.display().to_string()),
        imported.yaml.clone(),
    );
    let compiled = match crate::compile(&source) {
        Ok(compiled) => compiled,
        Err(mut diags) => {
            reporter.diagnostics(&source, &mut diags);
            reporter.status("error: the imported policy does not compile, so nothing was written (please report this, with the file)");
            return Ok(exit::BAD_INPUT);
        }
    };
    let options = crate::render::RenderOptions {
        width: 80,
        templates: &crate::render::Overrides::new(),
    };
    let back = super::render_one(&compiled.doc, crate::render::Format::Md, &options)?;
    let fidelity = import::fidelity::compare(&imported.markdown, &String::from_utf8_lossy(&back));
    match &args.out {
        Some(out) if out.exists() && !args.force => {
            reporter.status(&format!(
                "error: {} exists, so nothing was written\n  = help: choose another --out, or add --force to replace it",
                out.display()
            ));
            return Ok(exit::BAD_INPUT);
        }
        Some(out) => {
            write::atomic(out, imported.yaml.as_bytes())?;
            reporter.status(&format!(
                "imported {} -> {}",
                args.file.display(),
                out.display()
            ));
        }
        None => super::print(imported.yaml.as_bytes())?,
    }
    let mut report = format!(
        "round trip: policyc's Markdown of the import has {:.1}% of the source's {} words, in order, and {} word(s) the source does not have there\nwhat import did:\n",
        fidelity.recall() * 100.0,
        fidelity.source_words,
        fidelity.added
    );
    for line in &imported.done {
        report.push_str(&format!("  - {line}\n"));
    }
    report.push_str("left for a person to check:\n");
    for line in &imported.to_check {
        report.push_str(&format!("  - {line}\n"));
    }
    reporter.status(report.trim_end());
    Ok(exit::SUCCESS)
}

/// A file imported, or why it cannot be (not text).
pub fn imported(
    path: &std::path::Path,
    kind: Kind,
) -> anyhow::Result<Result<import::Imported, String>> {
    let (source, problem) = load::read(path)?;
    if problem.is_some() {
        return Ok(Err(format!(
            "error: {} is not UTF-8 text, so it cannot be imported",
            path.display()
        )));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .context("the file has no name")?;
    Ok(Ok(import::import(
        &source.text,
        kind,
        &stem,
        super::today(),
    )))
}
