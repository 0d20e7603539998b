//! `policyc build`: every policy under the given paths into the output folder.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{Reporter, compile_file, policy_files, render_all, templates_for};
use crate::cli::BuildArgs;
use crate::render::RenderOptions;
use crate::{exit, write};

/// Builds every policy. The last one's memory is left for the process's end
/// to take back (`cmd::keep_until_exit`): the process should end next.
pub fn run(args: &BuildArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    let files = policy_files(&args.paths)?;
    if files.is_empty() {
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        reporter.status(&format!(
            "error: no policy files (*.yaml) found in {}",
            paths.join(", ")
        ));
        return Ok(exit::BAD_INPUT);
    }
    let mut formats = args.format.clone();
    formats.sort();
    formats.dedup();
    let mut failed = 0;
    let mut built = 0;
    let mut ids: BTreeMap<String, PathBuf> = BTreeMap::new();
    for (index, file) in files.iter().enumerate() {
        // One policy's failure leaves its previous outputs as they were and
        // does not stop the others.
        let Some(doc) = compile_file(file, reporter)? else {
            failed += 1;
            continue;
        };
        if let Some(first) = ids.get(&doc.id) {
            reporter.status(&format!(
                "error: {} has the id `{}`, like {}; both would be written to {}/{}.*",
                file.display(),
                doc.id,
                first.display(),
                args.out.display(),
                doc.id
            ));
            failed += 1;
            continue;
        }
        ids.insert(doc.id.clone(), file.clone());
        let templates = templates_for(file, args.render.templates.as_deref())?;
        let options = RenderOptions {
            width: args.render.width,
            templates: &templates,
        };
        // Each output is compared with the file it would replace on the thread
        // that rendered it, while the others still render. The changed ones are
        // written only once every format has rendered, so that one renderer's
        // failure writes nothing; each is written and synced on a thread of its
        // own, so that a fresh build's three syncs overlap. Every thread is
        // joined before the first error, in the order of the formats, is reported.
        let outputs = render_all(&doc, &formats, &options, |format, bytes| {
            let path = args.out.join(format!("{}.{}", doc.id, format.extension()));
            let unchanged = write::unchanged(&path, &bytes);
            Output {
                path,
                bytes,
                unchanged,
            }
        })?;
        let written: Vec<anyhow::Result<()>> = std::thread::scope(|scope| {
            let writes: Vec<_> = outputs
                .iter()
                .map(|(_, output)| output)
                .filter(|output| !output.unchanged)
                .map(|Output { path, bytes, .. }| {
                    (path, scope.spawn(|| write::replace(path, bytes)))
                })
                .collect();
            writes
                .into_iter()
                .map(|(path, thread)| {
                    thread.join().unwrap_or_else(|_| {
                        Err(anyhow::anyhow!(
                            "writing {} failed unexpectedly",
                            path.display()
                        ))
                    })
                })
                .collect()
        });
        written.into_iter().collect::<anyhow::Result<Vec<()>>>()?;
        built += 1;
        let exts: Vec<&str> = formats.iter().map(|f| f.extension()).collect();
        reporter.status(&format!(
            "  compiled {} -> {}/{}.{{{}}}",
            file.display(),
            args.out.display(),
            doc.id,
            exts.join(",")
        ));
        if index + 1 == files.len() {
            super::keep_until_exit((doc, outputs));
        }
    }
    if failed > 0 {
        let total = built + failed;
        reporter.status(&format!(
            "error: {failed} of {total} {} failed; {} previous outputs were left untouched",
            if total == 1 { "policy" } else { "policies" },
            if failed == 1 { "its" } else { "their" }
        ));
        return Ok(exit::BAD_INPUT);
    }
    Ok(exit::SUCCESS)
}

/// One rendered output, and whether the file it would replace already holds it.
struct Output {
    path: PathBuf,
    bytes: Vec<u8>,
    unchanged: bool,
}
