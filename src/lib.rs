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
//! - [`source`] is a policy's text in memory, and [`source::Pos`] a place in it.
//! - [`load`] reads files and parses YAML into the [`model`], keeping the place of every value.
//! - [`resolve`] turns the model into a [`doc::Document`]: numbers, references, contacts,
//!   dates and template expansion, collecting every problem as a [`diag::Diagnostic`].
//! - [`render`] has one renderer per format, each returning bytes.
//! - [`write`] replaces outputs atomically.
//! - `compile` runs load and resolve for one policy ([`compile()`]).
//!
//! [`cmd`] holds one small file per command that runs these stages in order.

pub mod category;
pub mod check;
pub mod cli;
pub mod cmd;
mod compile;
pub mod date;
pub mod diag;
pub mod diff;
pub mod doc;
pub mod exit;
pub mod import;
pub mod jurisdiction;
pub mod load;
pub mod model;
pub mod processing;
pub mod render;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod schema;
pub mod source;
pub mod statements;
pub mod suggest;
pub mod write;

use clap::Parser as _;

pub use compile::{Compilation, compile};

/// Runs the command line and returns the exit code.
pub fn run() -> u8 {
    let cli = cli::Cli::parse();
    let reporter = cmd::Reporter::stderr(cli.color);
    let result = match &cli.command {
        cli::Command::Build(args) => cmd::build::run(args, &reporter),
        cli::Command::Render(args) => cmd::render::run(args, &reporter),
        cli::Command::Diff(args) => cmd::diff::run(args, &reporter),
        cli::Command::Check(args) => cmd::check::run(args, &reporter),
        cli::Command::List(args) => cmd::list(args),
        cli::Command::Serve(args) => cmd::serve::run(args, &reporter),
        cli::Command::History(args) => cmd::history::run(args, &reporter),
        cli::Command::Mdbook(args) => cmd::mdbook::run(args, &reporter),
        cli::Command::Init(args) => cmd::init::run(args, &reporter),
        cli::Command::Import(args) => cmd::import::run(args, &reporter),
        cli::Command::Completions(args) => {
            let mut command = <cli::Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command, "policyc", &mut script);
            cmd::print(&script).map(|()| exit::SUCCESS)
        }
        cli::Command::Man(args) => cmd::man::run(args, &reporter),
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
