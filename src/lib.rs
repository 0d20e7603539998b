//! policyc compiles privacy policies written as structured YAML.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! load     -> resolve   -> check -> render               -> write
//! (yaml,      (numbers,              (html, md, txt,        (atomic:
//!  spans)      refs, dates,           bytes in memory)       temp + rename)
//!              templates)
//! ```
//!
//! - [`load`] reads files and parses YAML into the [`model`], keeping the place of every value.
//! - [`resolve`] turns the model into a [`doc::Document`]: numbers, references, contacts,
//!   dates and template expansion, collecting every problem as a [`diag::Diagnostic`].
//! - [`render`] has one renderer per format, each returning bytes.
//! - [`write`] replaces outputs atomically.
//!
//! [`cmd`] holds one small file per command that runs these stages in order.

pub mod category;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod date;
pub mod diag;
pub mod diff;
pub mod doc;
pub mod exit;
pub mod load;
pub mod model;
pub mod render;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod schema;
pub mod suggest;
pub mod write;

use clap::Parser as _;

use crate::load::Source;

/// A compiled policy: the source model (which knows where every value is
/// written), the resolved document, and the warnings found on the way.
#[derive(Debug)]
pub struct Compilation {
    pub policy: model::Policy,
    pub doc: doc::Document,
    pub warnings: Vec<diag::Diagnostic>,
}

/// Loads and resolves one policy source, with the fragments it includes
/// (read relative to its path).
pub fn compile(source: &Source) -> Result<Compilation, Vec<diag::Diagnostic>> {
    let policy = load::parse(source)?;
    let (included, mut problems) = load::include(source, &policy.include);
    match resolve::resolve(source, &policy, &included) {
        Ok((doc, mut warnings)) if !problems.iter().any(diag::Diagnostic::is_error) => {
            problems.append(&mut warnings);
            Ok(Compilation {
                policy,
                doc,
                warnings: problems,
            })
        }
        Ok((_, mut diags)) | Err(mut diags) => {
            problems.append(&mut diags);
            Err(problems)
        }
    }
}

/// Runs the command line and returns the exit code.
pub fn run() -> u8 {
    let cli = cli::Cli::parse();
    let reporter = cmd::Reporter::stderr();
    let result = match &cli.command {
        cli::Command::Build(args) => cmd::build::run(args, &reporter),
        cli::Command::Render(args) => cmd::render::run(args, &reporter),
        cli::Command::Diff(args) => cmd::diff::run(args, &reporter),
        cli::Command::Check(args) => cmd::check::run(args, &reporter),
        cli::Command::History(args) => cmd::history::run(args, &reporter),
        cli::Command::Mdbook(args) => cmd::mdbook::run(args, &reporter),
        cli::Command::Init(args) => cmd::init::run(args, &reporter),
        cli::Command::Completions(args) => {
            let mut command = <cli::Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command, "policyc", &mut script);
            cmd::print(&script).map(|()| exit::SUCCESS)
        }
        cli::Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(<cli::Cli as clap::CommandFactory>::command())
                .render(&mut page)
                .map_err(anyhow::Error::from)
                .and_then(|()| cmd::print(&page))
                .map(|()| exit::SUCCESS)
        }
        cli::Command::Schema => cmd::print(schema::json().as_bytes()).map(|()| exit::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            reporter.status(&format!("error: {err:#}"));
            exit::BAD_INPUT
        }
    }
}
