//! The commands: each file only orchestrates the pipeline stages for one command.

pub mod build;
pub mod check;
pub mod diff;
pub mod history;
pub mod import;
pub mod init;
pub mod man;
pub mod mdbook;
pub mod render;
pub mod serve;

use std::io::{IsTerminal as _, Write as _};

use anyhow::Context as _;
use std::path::{Path, PathBuf};

use crate::cli::ColorChoice;
use crate::diag::{self, Diagnostic};
use crate::doc::Document;
use crate::load;
use crate::render::{Format, RenderOptions, renderer};
use crate::source::Source;

/// Prints diagnostics to stderr, in colour as `--color` says: by default only
/// on a terminal without `NO_COLOR`.
pub struct Reporter {
    color: bool,
    choice: ColorChoice,
    quiet: bool,
}

impl Reporter {
    pub fn stderr(choice: ColorChoice) -> Reporter {
        Reporter {
            color: colored(choice, std::io::stderr().is_terminal()),
            choice,
            quiet: false,
        }
    }

    /// A reporter that prints nothing, for the fuzz targets.
    pub fn quiet() -> Reporter {
        Reporter {
            color: false,
            choice: ColorChoice::Never,
            quiet: true,
        }
    }

    /// Whether what goes to standard output is coloured.
    pub fn stdout_color(&self) -> bool {
        colored(self.choice, std::io::stdout().is_terminal())
    }

    pub fn diagnostics(&self, source: &Source, diags: &mut [Diagnostic]) {
        diag::sort(diags);
        if self.quiet {
            return;
        }
        let mut err = std::io::stderr().lock();
        for d in diags.iter() {
            let _ = writeln!(err, "{}", d.render(source, self.color));
        }
    }

    pub fn status(&self, message: &str) {
        if self.quiet {
            return;
        }
        let _ = writeln!(std::io::stderr(), "{}", diag::printable(message));
    }
}

/// A compiled source whose diagnostics are not printed yet.
pub struct Compiled {
    source: Source,
    result: Result<crate::Compilation, Vec<Diagnostic>>,
}

impl Compiled {
    /// The compiled document, unless the policy has errors.
    pub fn doc(&self) -> Option<&Document> {
        self.result.as_ref().ok().map(|c| &c.doc)
    }

    /// The compiled policy, or its diagnostics as plain text (for a page).
    pub fn into_text_result(self) -> Result<crate::Compilation, String> {
        self.result.map_err(|mut diags| {
            diag::sort(&mut diags);
            let text: Vec<String> = diags
                .iter()
                .map(|d| d.render(&self.source, false))
                .collect();
            text.join("\n")
        })
    }

    /// Prints the diagnostics; the compiled policy, unless it has errors.
    pub fn report(self, reporter: &Reporter) -> Option<crate::Compilation> {
        self.report_keeping(reporter).ok()
    }

    /// Prints the diagnostics; the compiled policy, or the source and its
    /// errors (sorted) for a report that lists them too.
    pub fn report_keeping(
        self,
        reporter: &Reporter,
    ) -> Result<crate::Compilation, Box<(Source, Vec<Diagnostic>)>> {
        match self.result {
            Ok(mut compiled) => {
                reporter.diagnostics(&self.source, &mut compiled.warnings);
                Ok(compiled)
            }
            Err(mut diags) => {
                reporter.diagnostics(&self.source, &mut diags);
                Err(Box::new((self.source, diags)))
            }
        }
    }
}

/// Reads and compiles a version named as a file or `REV:PATH`, printing
/// nothing, so that two versions can compile at once and report in order.
/// A version in Markdown or HTML (a policy not yet moved to policyc) is
/// imported first, as `policyc import` would.
pub fn compile_version(spec: &str) -> anyhow::Result<Compiled> {
    let (source, problem) = load::read_version(spec)?;
    match crate::import::Kind::of_path(&source.path) {
        Some(kind) if problem.is_none() => Ok(compiled(imported(source, kind), None)),
        _ => Ok(compiled(source, problem)),
    }
}

/// Whether a version is a Markdown or HTML file imported on the fly: its
/// organization is a guess, not a fact to compare.
pub fn is_imported(spec: &str) -> bool {
    let path = spec.rsplit_once(':').map_or(spec, |(_, p)| p);
    crate::import::Kind::of_path(Path::new(path)).is_some()
}

/// A Markdown or HTML source as the policy source its import gives.
fn imported(source: Source, kind: crate::import::Kind) -> Source {
    let stem = source
        .path
        .file_stem()
        .map_or("policy".into(), |s| s.to_string_lossy().into_owned());
    let imported = crate::import::import(&source.text, kind, &stem, today());
    let mut yaml = Source::new(format!("{} (imported)", source.name), imported.yaml);
    yaml.path = source.path.with_extension("yaml");
    yaml.rev = source.rev;
    yaml
}

/// Reads and compiles a policy as it was at a git revision, printing nothing.
pub fn compile_at(rev: &str, path: &Path) -> anyhow::Result<Compiled> {
    let (source, problem) = load::read_rev(rev, path)?;
    Ok(compiled(source, problem))
}

fn compiled(source: Source, problem: Option<Diagnostic>) -> Compiled {
    let result = match problem {
        Some(diag) => Err(vec![diag]),
        None => crate::compile(&source),
    };
    Compiled { source, result }
}

/// Reads and compiles one policy file, printing nothing.
pub fn compiled_file(path: &Path) -> anyhow::Result<Compiled> {
    let (source, problem) = load::read_policy(path)?;
    Ok(compiled(source, problem))
}

/// Reads, parses and resolves one policy file, printing its diagnostics.
/// `Ok(None)` means the file has errors, already reported.
pub fn compile_file(path: &Path, reporter: &Reporter) -> anyhow::Result<Option<Document>> {
    let (source, problem) = load::read_policy(path)?;
    Ok(compiled(source, problem).report(reporter).map(|c| c.doc))
}

/// The template overrides for a policy, from the folder asked for or found
/// beside it (see [`templates_dir`]).
pub fn templates_for(policy: &Path, asked: Option<&Path>) -> anyhow::Result<load::Overrides> {
    let names: Vec<&str> = crate::render::TEMPLATES.iter().map(|(n, _)| *n).collect();
    load::templates(templates_dir(policy, asked).as_deref(), &names)
}

/// The HTML template folder for a policy: the one asked for, else a `templates/`
/// folder beside the policy file or beside its folder.
pub fn templates_dir(policy: &Path, asked: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = asked {
        return Some(dir.to_path_buf());
    }
    let dir = policy.parent().unwrap_or(Path::new(""));
    [Some(dir), dir.parent()]
        .into_iter()
        .flatten()
        .map(|d| d.join("templates"))
        .find(|t| t.is_dir())
}

/// Renders a document in one format, in memory. A renderer that panics fails
/// its format with a message: nothing is written, and other policies still build.
pub fn render_one(
    doc: &Document,
    format: Format,
    options: &RenderOptions<'_>,
) -> anyhow::Result<Vec<u8>> {
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        renderer(format, options)?.render(doc)
    }));
    rendered.unwrap_or_else(|_| {
        Err(anyhow::anyhow!(
            "the {} renderer failed unexpectedly",
            format.extension()
        ))
    })
}

/// Writes a command's output to stdout. A reader that stops early (`| head`)
/// is not an error.
pub fn print(bytes: &[u8]) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Today's date in UTC, for commands whose `--today` was not given.
/// The `policies/` folder a command given no paths works on: in the current
/// folder or the nearest folder above it that has one, as cargo finds
/// `Cargo.toml`, but not above the top of a git work tree. The path is
/// relative to the current folder (`policies`, `../policies`), as a user
/// would type it, and `None` when there is no such folder.
pub fn project_policies() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let mut up = PathBuf::new();
    for dir in cwd.ancestors() {
        if dir.join("policies").is_dir() {
            return Some(up.join("policies"));
        }
        if dir.join(".git").exists() {
            return None;
        }
        up.push("..");
    }
    None
}

fn colored(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// `policyc list`: the policy files build and check would read, one per
/// line, as the shell loop of a CI job needs them.
pub fn list(args: &crate::cli::ListArgs) -> anyhow::Result<u8> {
    let files = policy_files(&paths_or_project(&args.paths)?)?;
    let text: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
    print(text.as_bytes())?;
    Ok(crate::exit::SUCCESS)
}

/// The paths a command was given, or the project's `policies/` folder.
pub fn paths_or_project(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Ok(paths.to_vec());
    }
    project_policies().map(|p| vec![p]).ok_or_else(|| {
        anyhow::anyhow!(
            "no policies/ folder here or in a folder above it (up to the top of the git repository)\n  = help: name the policy files or folders to use, or create a project with `policyc init`"
        )
    })
}

pub fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// The policy files under the given paths: files as named, folders walked in
/// sorted order for `*.yaml` and `*.yml`, skipping `_` fragments and hidden entries.
pub fn policy_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_file() {
            files.push(path.clone());
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()));
        for entry in walker {
            let entry = entry.with_context(|| format!("cannot walk {}", path.display()))?;
            let p = entry.path();
            let is_yaml = p.extension().is_some_and(|e| e == "yaml" || e == "yml");
            let fragment = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('_'));
            // A link is a policy too (reading it checks where it leads); one
            // that leads nowhere is reported, not skipped.
            let file_or_link = entry.file_type().is_file() || entry.path_is_symlink();
            if file_or_link && is_yaml && !fragment {
                files.push(p.to_path_buf());
            }
        }
    }
    Ok(files)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}
