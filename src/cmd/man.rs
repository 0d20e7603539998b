//! `policyc man`: the manual pages in roff, policyc(1) and one per command
//! (policyc-diff(1) ...), printed or written to a folder.

use std::path::PathBuf;

use super::Reporter;
use crate::cli::{Cli, ManArgs};
use crate::{exit, write};

pub fn run(args: &ManArgs, reporter: &Reporter) -> anyhow::Result<u8> {
    let mut top = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    // Built, each command knows its full name ("policyc diff") for its page.
    top.build();
    let commands: Vec<clap::Command> = top
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .cloned()
        .collect();
    if let Some(dir) = &args.out {
        let mut pages = vec![page(top.clone())?];
        for command in commands {
            pages.push(page(command)?);
        }
        let files: Vec<(PathBuf, Vec<u8>)> = pages
            .into_iter()
            .map(|(name, roff)| (dir.join(name), roff))
            .collect();
        std::fs::create_dir_all(dir)?;
        write::replace_together(&files)?;
        reporter.status(&format!(
            "wrote {} manual pages to {} (policyc.1, policyc-build.1 ...)",
            files.len(),
            dir.display()
        ));
        return Ok(exit::SUCCESS);
    }
    let command = match &args.command {
        None => top,
        Some(name) => match commands.into_iter().find(|c| c.get_name() == name) {
            Some(command) => command,
            None => {
                let names: Vec<String> = <Cli as clap::CommandFactory>::command()
                    .get_subcommands()
                    .map(|c| c.get_name().to_string())
                    .collect();
                let hint = crate::suggest::did_you_mean(
                    name,
                    names.iter().map(String::as_str),
                    "commands",
                )
                .unwrap_or_else(|| format!("the commands are: {}", names.join(", ")));
                reporter.status(&format!(
                    "error: no command `{name}` has a manual page\n  = help: {hint}"
                ));
                return Ok(exit::BAD_INPUT);
            }
        },
    };
    super::print(&page(command)?.1)?;
    Ok(exit::SUCCESS)
}

/// A command's page: its file name (`policyc-diff.1`) and its roff.
fn page(command: clap::Command) -> anyhow::Result<(String, Vec<u8>)> {
    // The page's footer names the version; a command's own has none.
    let man = clap_mangen::Man::new(command.version(env!("CARGO_PKG_VERSION")));
    let mut roff = Vec::new();
    man.render(&mut roff)?;
    Ok((man.get_filename(), roff))
}
