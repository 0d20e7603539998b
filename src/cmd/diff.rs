//! `policyc diff OLD NEW`: resolve both versions, compare them, show the report.

use super::{Reporter, compile_version};
use crate::cli::DiffArgs;
use crate::{diff, exit, report};

pub fn run(args: &DiffArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    // The two versions compile side by side; their diagnostics print in order.
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| compile_version(&args.old));
        let new = compile_version(&args.new);
        (old.join(), new)
    });
    let old =
        old.map_err(|_| anyhow::anyhow!("compiling the old version failed unexpectedly"))??;
    let (old, new) = (old.report(reporter), new?.report(reporter));
    let (Some(old), Some(mut new)) = (old, new) else {
        reporter.status("error: cannot compare: a version above has errors (the old one is the first argument, the new one the second)");
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
