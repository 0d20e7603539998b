//! `policyc build`: every policy under the given paths into the output folder.
//! Policies compile in parallel, one per thread; what they print and write
//! comes out in the order the files were found.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Compiled, Reporter, compiled_file, policy_files, render_one, templates_for};
use crate::cli::BuildArgs;
use crate::render::{Format, RenderOptions};
use crate::{exit, write};

/// One policy's build: its diagnostics not yet printed, and its id with the
/// outputs that changed, staged beside their paths (none when it has
/// errors), or why it failed.
struct Built {
    compiled: Option<Compiled>,
    outputs: anyhow::Result<Option<(String, write::Staged)>>,
}

pub fn run(args: &BuildArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    let paths = super::paths_or_project(&args.paths)?;
    // Found for the user, the project's outputs go beside its policies.
    let out = match (&args.out, args.paths.is_empty()) {
        (Some(out), _) => out.clone(),
        (None, true) => paths[0].with_file_name("dist"),
        (None, false) => PathBuf::from("dist"),
    };
    let files = policy_files(&paths)?;
    if files.is_empty() {
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        reporter.status(&format!(
            "error: no policy files (*.yaml) found in {}",
            paths.join(", ")
        ));
        return Ok(exit::BAD_INPUT);
    }
    let mut formats = args.format.clone();
    formats.sort();
    formats.dedup();
    // One build at a time in a folder; what a killed build left goes first.
    let _lock = write::lock(&out)?;
    write::remove_leftovers(&out);

    // A pool for one file would cost more to start than it saves.
    let built: Vec<Built> = if files.len() == 1 {
        vec![build_one(&files[0], &formats, args, &out)]
    } else {
        files
            .par_iter()
            .map(|file| build_one(file, &formats, args, &out))
            .collect()
    };
    let (mut failed, mut done) = (0, 0);
    let mut ids: BTreeMap<String, &Path> = BTreeMap::new();
    for (file, built) in files.iter().zip(built) {
        let compiled = built.compiled.and_then(|c| c.report(reporter));
        let outputs = match (compiled, built.outputs) {
            (Some(_), Ok(Some(outputs))) => outputs,
            (_, Err(err)) => {
                reporter.status(&format!("error: {}: {err:#}", file.display()));
                failed += 1;
                continue;
            }
            _ => {
                failed += 1;
                continue;
            }
        };
        let (id, outputs) = outputs;
        if let Some(first) = ids.get(&id) {
            reporter.status(&format!(
                "error: {} has the id `{id}`, like {}; both would be written to {}/{id}.*",
                file.display(),
                first.display(),
                out.display(),
            ));
            failed += 1;
            continue;
        }
        ids.insert(id.clone(), file);
        // A policy's formats are replaced together or not at all.
        if let Err(err) = outputs.persist() {
            reporter.status(&format!("error: {}: {err:#}", file.display()));
            failed += 1;
            continue;
        }
        done += 1;
        let exts: Vec<&str> = formats.iter().map(|f| f.extension()).collect();
        reporter.status(&format!(
            "  compiled {} -> {}/{id}.{{{}}}",
            file.display(),
            out.display(),
            exts.join(",")
        ));
    }
    if failed > 0 {
        let total = done + failed;
        reporter.status(&format!(
            "error: {failed} of {total} {} failed; {} previous outputs were left untouched",
            if total == 1 { "policy" } else { "policies" },
            if failed == 1 { "its" } else { "their" }
        ));
        return Ok(exit::BAD_INPUT);
    }
    Ok(exit::SUCCESS)
}

/// Compiles and renders one policy and stages what changed, printing nothing:
/// the slow part of a build, done on the policy's own thread.
fn build_one(file: &Path, formats: &[Format], args: &BuildArgs, out: &Path) -> Built {
    let compiled = match compiled_file(file) {
        Ok(compiled) => compiled,
        Err(err) => {
            return Built {
                compiled: None,
                outputs: Err(err),
            };
        }
    };
    let outputs = compiled.doc().map(|doc| {
        let templates = templates_for(file, args.render.templates.as_deref())?;
        let options = RenderOptions {
            width: args.render.width,
            templates: &templates,
        };
        let outputs = formats
            .iter()
            .map(|&format| {
                let path = out.join(format!("{}.{}", doc.id, format.extension()));
                render_one(doc, format, &options).map(|bytes| (path, bytes))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok((doc.id.clone(), write::stage(&outputs)?))
    });
    Built {
        outputs: outputs.transpose(),
        compiled: Some(compiled),
    }
}
