//! `policyc render FILE --format F`: one policy to standard output.

use std::io::Write as _;

use super::{Reporter, compile_file, render_all, templates_for};
use crate::cli::RenderArgs;
use crate::exit;
use crate::render::RenderOptions;

pub fn run(args: &RenderArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    let Some(doc) = compile_file(&args.file, reporter)? else {
        return Ok(exit::BAD_INPUT);
    };
    let templates = templates_for(&args.file, args.render.templates.as_deref())?;
    let options = RenderOptions {
        width: args.render.width,
        templates: &templates,
    };
    let outputs = render_all(&doc, &[args.format], &options)?;
    let mut stdout = std::io::stdout().lock();
    for (_, bytes) in outputs {
        match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
            // A reader that stops early (`| head`) is not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(exit::SUCCESS),
            other => other?,
        }
    }
    Ok(exit::SUCCESS)
}
