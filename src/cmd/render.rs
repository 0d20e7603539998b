//! `policyc render FILE --format F`: one policy to standard output.

use super::{Reporter, compile_file, render_one, templates_for};
use crate::cli::RenderArgs;
use crate::exit;
use crate::render::RenderOptions;

/// Prints one policy.
pub fn run(args: &RenderArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    let Some(doc) = compile_file(&args.file, reporter)? else {
        return Ok(exit::BAD_INPUT);
    };
    let templates = templates_for(&args.file, args.render.templates.as_deref())?;
    let options = RenderOptions {
        width: args.render.width,
        templates: &templates,
    };
    super::print(&render_one(&doc, args.format, &options)?)?;
    Ok(exit::SUCCESS)
}
