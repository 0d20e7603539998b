//! `policyc render FILE --format F`: one policy to standard output.

use super::{Reporter, compile_file, render_all, templates_for};
use crate::cli::RenderArgs;
use crate::exit;
use crate::render::RenderOptions;

/// Prints one policy. Its memory is left for the process's end to take back
/// (`cmd::keep_until_exit`): the process should end next.
pub fn run(args: &RenderArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    let Some(doc) = compile_file(&args.file, reporter)? else {
        return Ok(exit::BAD_INPUT);
    };
    let templates = templates_for(&args.file, args.render.templates.as_deref())?;
    let options = RenderOptions {
        width: args.render.width,
        templates: &templates,
    };
    let outputs = render_all(&doc, &[args.format], &options, |_, bytes| bytes)?;
    for (_, bytes) in &outputs {
        super::print(bytes)?;
    }
    super::keep_until_exit((doc, outputs));
    Ok(exit::SUCCESS)
}
