//! The command line, defined once with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::render::Format;

/// Compiles privacy policies written as structured YAML into HTML, Markdown and
/// plain text.
#[derive(Debug, Parser)]
#[command(name = "policyc", version, about, long_about = None)]
pub struct Cli {
    /// When to colour the output: on a terminal without NO_COLOR (auto), always, or never.
    #[arg(long, global = true, value_name = "WHEN", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

/// A rule id: any text is taken (an unknown one gets policyc's own
/// did-you-mean), and the known ids are offered to shell completion.
#[derive(Debug, Clone, Copy)]
struct RuleIdParser;

impl clap::builder::TypedValueParser for RuleIdParser {
    type Value = String;

    fn parse_ref(
        &self,
        _: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            crate::rules::RULES
                .iter()
                .map(|r| clap::builder::PossibleValue::new(r.id.as_str())),
        ))
    }
}

/// When output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile every policy under PATH into DIR, one file per format.
    Build(BuildArgs),
    /// Compile one policy to standard output.
    Render(RenderArgs),
    /// Check policies against the legal rules, or a new version against the old (the notice gate).
    ///
    /// Exits 1 when an error is found (with --deny-warnings, also a warning), 0 otherwise,
    /// 2 on bad input.
    Check(CheckArgs),
    /// Compare two versions of a policy: the redline, and which changes are material.
    ///
    /// Exits 0 when no change is material, 1 when one is, 2 on bad input.
    Diff(DiffArgs),
    /// Show every policy as published on a local web server, rebuilt and reloaded on save, with a
    /// redline against git.
    Serve(ServeArgs),
    /// List the policy files that build and check read, one per line (for scripts and CI).
    List(ListArgs),
    /// Turn an existing policy in Markdown or HTML into a policy source.
    ///
    /// Headings become sections, stated dates the `dates`, e-mail addresses
    /// contacts; the rest stays as written. Says what it did and what to check.
    Import(ImportArgs),
    /// Print the JSON Schema of the source format (for editors; kept in policy.schema.json).
    Schema,
    /// Print the version history of a policy as Markdown: its changelog, or with --git its
    /// versions in git with the redline between each two.
    History(HistoryArgs),
    /// Run as an mdBook preprocessor (mdBook calls this; see book.toml).
    Mdbook(MdbookArgs),
    /// Create a new policy project: a policy, a CI workflow, a README, the editor schema
    /// and an mdBook site.
    Init(InitArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print a manual page (roff): policyc's, or a command's; or write them all to a folder.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Policy files or folders (default: the policies/ folder here or in the nearest folder above
    /// that has one); with --against, the one new version.
    pub paths: Vec<PathBuf>,
    /// The old version (a file or REV:PATH): also run the notice gate on the change.
    #[arg(long, value_name = "OLD", conflicts_with = "old_rev")]
    pub against: Option<String>,
    /// The old version is the same file at this git revision: the notice gate
    /// without REV:PATH's two readings (the form for CI).
    #[arg(long, value_name = "REV")]
    pub old_rev: Option<String>,
    /// The day to check against, YYYY-MM-DD [default: today, UTC].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
    /// Fail on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// The report format.
    #[arg(long, short, default_value = "human")]
    pub format: crate::check::output::Format,
    /// Print a rule's reason and citation, and exit.
    #[arg(long, value_name = "RULE", exclusive = true, value_parser = RuleIdParser, hide_possible_values = true)]
    pub explain: Option<String>,
    /// Print every rule as a Markdown table, and exit.
    #[arg(long, exclusive = true)]
    pub list_rules: bool,
    /// HTML template folder [default: `templates/` beside the policy or its folder].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The policy to import: Markdown (.md) or HTML (.html).
    pub file: PathBuf,
    /// Write the source here instead of to standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long)]
    pub force: bool,
    /// What the file holds, when its extension does not say.
    #[arg(long, value_name = "KIND")]
    pub from: Option<crate::import::Kind>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the project [default: the current folder].
    pub dir: Option<PathBuf>,
    /// Also copy the built-in HTML templates into templates/, to customise them.
    #[arg(long)]
    pub templates: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The policy file.
    pub file: PathBuf,
    /// Read the versions from the git history of the file, with a redline for each change.
    #[arg(long)]
    pub git: bool,
}

#[derive(Debug, Args)]
pub struct MdbookArgs {
    /// `supports RENDERER`, as mdBook asks before it runs the preprocessor.
    #[arg(num_args = 0..=2, value_name = "supports RENDERER")]
    pub supports: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version: a file, or REV:PATH for a file at a git revision (origin/main:policies/privacy.yaml).
    pub old: String,
    /// The new version: a file, or REV:PATH.
    pub new: String,
    /// The report format.
    #[arg(long, short, default_value = "text")]
    pub format: crate::report::Format,
    /// The day the notice would be published, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
}

/// A date argument, checked like the dates in a policy.
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    crate::date::parse(text)
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Policy files or folders [default: the policies/ folder here or in the nearest folder
    /// above that has one].
    pub paths: Vec<PathBuf>,
    /// The port to listen on (0: any free port).
    #[arg(long, short, default_value_t = 3000)]
    pub port: u16,
    /// The address to listen on; the default lets only this computer connect.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The git revision the redline view compares each policy with.
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    pub rev: String,
    /// HTML template folder [default: `templates/` beside the policy or its folder].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (diff prints policyc-diff(1)) [default: policyc(1)].
    pub command: Option<String>,
    /// Write every page (policyc.1, policyc-build.1 ...) into this folder instead.
    #[arg(long, short, value_name = "DIR", conflicts_with = "command")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Policy files or folders [default: the policies/ folder here or in the nearest folder
    /// above that has one].
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Policy files or folders (folders are walked in sorted order; `_*.yaml` are fragments)
    /// [default: the policies/ folder here or in the nearest folder above that has one].
    pub paths: Vec<PathBuf>,
    /// Where the outputs go: DIR/<id>.html, DIR/<id>.md, DIR/<id>.txt [default: dist/ beside
    /// the policies/ folder found, or in the current folder when paths are given].
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Which formats to write.
    #[arg(long, short, value_delimiter = ',', default_value = "html,md,txt")]
    pub format: Vec<Format>,
    #[command(flatten)]
    pub render: RenderOptionArgs,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The policy file.
    pub file: PathBuf,
    /// The output format.
    #[arg(long, short, default_value = "html")]
    pub format: Format,
    #[command(flatten)]
    pub render: RenderOptionArgs,
}

#[derive(Debug, Args)]
pub struct RenderOptionArgs {
    /// Wrap plain text at this many display columns (0: do not wrap).
    #[arg(long, value_name = "COLUMNS", default_value_t = 80)]
    pub width: usize,
    /// HTML template folder [default: `templates/` beside the policy or its folder].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}
