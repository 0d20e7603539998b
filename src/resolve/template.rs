//! Template expansion of text strings with tera: `org`, `contacts`, `dates`, `vars`,
//! and the functions `ref`, `num`, `contact` and `ccpa_table`.
//!
//! Errors are mapped from the position inside the string back to the policy
//! file, so an unknown reference points at its own line and column.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use tera::{Context, ErrorKind, Kwargs, State, Tera};

use crate::diag::{Diagnostic, Pos};
use crate::load::Source;
use crate::model::Text;
use crate::suggest;

/// What `ccpa_table()` leaves in the markdown; the resolver cuts bodies at it.
/// U+FFFC (object replacement) does not occur in prose.
pub const TABLE_MARK: &str = "\u{FFFC}ccpa-table\u{FFFC}";

/// The functions templates may call, for "did you mean".
const FUNCTIONS: [&str; 4] = ["ref", "num", "contact", "ccpa_table"];

/// Separates rule, message and help in errors our functions return, so that
/// they survive tera's error wrapping intact.
const SEP: char = '\u{1f}';

/// A section a reference can point at.
#[derive(Debug, Clone)]
pub struct Target {
    pub number: Option<String>,
    pub title: String,
}

/// What the expander learned while expanding: which contacts were used and
/// whether the CCPA table was placed.
#[derive(Debug, Default)]
pub struct Usage {
    pub contacts: BTreeSet<String>,
    pub table_placed: bool,
}

pub struct Expander {
    tera: Tera,
    context: Context,
    targets: Arc<RwLock<BTreeMap<String, Target>>>,
    usage: Arc<Mutex<Usage>>,
    variables: Vec<String>,
}

fn fail(rule: &str, message: String, help: Option<String>) -> tera::Error {
    tera::Error::message(format!(
        "{rule}{SEP}{message}{SEP}{}",
        help.unwrap_or_default()
    ))
}

impl Expander {
    /// `contacts` maps each contact id to its markdown block.
    pub fn new(
        context: Context,
        variables: Vec<String>,
        targets: BTreeMap<String, Target>,
        contacts: BTreeMap<String, String>,
        has_table: bool,
    ) -> Expander {
        let targets = Arc::new(RwLock::new(targets));
        let usage = Arc::new(Mutex::new(Usage::default()));
        let mut tera = Tera::new();

        let t = Arc::clone(&targets);
        tera.register_function("ref", move |kwargs: Kwargs, _: &State| {
            let id: String = kwargs.must_get("id")?;
            let targets = t.read().unwrap_or_else(PoisonError::into_inner);
            let target = find(&targets, &id)?;
            let text = match &target.number {
                Some(n) => format!("Section {n}"),
                None => format!("\u{201c}{}\u{201d}", target.title),
            };
            Ok::<_, tera::Error>(format!("[{text}](#{id})"))
        });

        let t = Arc::clone(&targets);
        tera.register_function("num", move |kwargs: Kwargs, _: &State| {
            let id: String = kwargs.must_get("id")?;
            let targets = t.read().unwrap_or_else(PoisonError::into_inner);
            match &find(&targets, &id)?.number {
                Some(n) => Ok(n.clone()),
                None => Err(fail(
                    "unknown-ref",
                    format!(
                        "section `{id}` has no number (it is `numbered: false` or a supplement)"
                    ),
                    Some(format!(
                        "use {{{{ ref(id=\"{id}\") }}}}, which names it by its title"
                    )),
                )),
            }
        });

        let u = Arc::clone(&usage);
        tera.register_function("contact", move |kwargs: Kwargs, _: &State| {
            let id: String = kwargs.must_get("id")?;
            match contacts.get(&id) {
                Some(block) => {
                    u.lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .contacts
                        .insert(id);
                    Ok(block.clone())
                }
                None => Err(fail(
                    "unknown-contact",
                    format!("unknown contact `{id}`"),
                    suggest::did_you_mean(&id, contacts.keys().map(String::as_str), "contacts")
                        .or_else(|| Some("define it under `contacts:`".into())),
                )),
            }
        });

        let u = Arc::clone(&usage);
        tera.register_function("ccpa_table", move |_: Kwargs, _: &State| {
            if !has_table {
                return Err(fail(
                    "unknown-ref",
                    "ccpa_table() is called, but the policy has no `ccpa` categories".into(),
                    Some("add `ccpa: categories:` or remove the call".into()),
                ));
            }
            u.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .table_placed = true;
            Ok(format!("\n\n{TABLE_MARK}\n\n"))
        });

        Expander {
            tera,
            context,
            targets,
            usage,
            variables,
        }
    }

    /// Replaces the title a reference to `id` prints, once titles are expanded.
    pub fn set_title(&self, id: &str, title: &str) {
        let mut targets = self.targets.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(t) = targets.get_mut(id) {
            t.title = title.to_string();
        }
    }

    pub fn usage(&self) -> std::sync::MutexGuard<'_, Usage> {
        self.usage.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Expands one text string; text without template syntax is returned as is.
    pub fn expand(&self, source: &Source, text: &Text) -> Result<String, Diagnostic> {
        let value = &text.value;
        if !(value.contains("{{") || value.contains("{%") || value.contains("{#")) {
            return Ok(value.clone());
        }
        self.tera
            .render_str(value, &self.context, false)
            .map_err(|err| self.diagnose(source, text, &err))
    }

    fn diagnose(&self, source: &Source, text: &Text, err: &tera::Error) -> Diagnostic {
        let (message, line, col, width) = match err.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let span = report.span();
                let width = if span.start_line == span.end_line {
                    span.end_col.saturating_sub(span.start_col)
                } else {
                    1
                };
                (
                    report.message().to_string(),
                    span.start_line,
                    span.start_col,
                    width,
                )
            }
            _ => {
                // Unknown functions are reported before rendering, as a plain message.
                let message = err.to_string();
                let name = backticked(&message).unwrap_or_default();
                let (line, col) = find_in(&text.value, &format!("{name}("));
                (
                    format!("Unknown function `{name}`"),
                    line,
                    col,
                    name.chars().count(),
                )
            }
        };
        let pos = locate(source, text, line, col);
        if let Some((rule, msg, help)) = split3(&message) {
            let rule = rule_id(rule);
            let help = (!help.is_empty()).then(|| help.to_string());
            return Diagnostic::error(msg, pos)
                .rule(rule)
                .help_opt(help)
                .width(width);
        }
        let name = backticked(&message).unwrap_or_default();
        let diag = if message.starts_with("Variable ") || message.starts_with("Field ") {
            let candidates: Vec<&str> = match message.split_once("Available fields: ") {
                Some((_, fields)) => fields.split(", ").map(str::trim).collect(),
                None => self.variables.iter().map(String::as_str).collect(),
            };
            let help = suggest::did_you_mean(&name, candidates, "names here").or_else(|| {
                Some(
                    "text can use org, contacts, dates and vars; define new facts under `vars:`"
                        .into(),
                )
            });
            let what = if message.starts_with("Field ") {
                "field"
            } else {
                "variable"
            };
            Diagnostic::error(format!("unknown {what} `{name}`"), pos)
                .rule("unknown-variable")
                .help_opt(help)
        } else if message.starts_with("Unknown function") {
            Diagnostic::error(format!("unknown function `{name}`"), pos)
                .rule("unknown-variable")
                .help_opt(suggest::did_you_mean(&name, FUNCTIONS, "functions"))
        } else {
            Diagnostic::error(format!("template error: {}", first_line(&message)), pos).help(
                "`{{ ... }}` holds a name or a call like ref(id=\"...\"); for literal braces write {{ \"{{\" }}",
            )
        };
        diag.width(width)
    }
}

fn find<'a>(targets: &'a BTreeMap<String, Target>, id: &str) -> Result<&'a Target, tera::Error> {
    targets.get(id).ok_or_else(|| {
        fail(
            "unknown-ref",
            format!("unknown section id `{id}`"),
            suggest::did_you_mean(id, targets.keys().map(String::as_str), "section ids"),
        )
    })
}

/// The static rule id for a rule name our functions put in their errors.
fn rule_id(rule: &str) -> &'static str {
    match rule {
        "unknown-contact" => "unknown-contact",
        "unknown-variable" => "unknown-variable",
        _ => "unknown-ref",
    }
}

fn split3(message: &str) -> Option<(&str, &str, &str)> {
    let mut parts = message.splitn(3, SEP);
    let rule = parts.next()?;
    let msg = parts.next()?;
    let help = parts.next()?;
    // tera may append context after our text; keep only what we wrote.
    Some((
        rule.rsplit(['\n', ' ']).next().unwrap_or(rule),
        msg,
        help.lines().next().unwrap_or(""),
    ))
}

fn backticked(message: &str) -> Option<String> {
    message.split('`').nth(1).map(str::to_string)
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message)
}

/// 1-based line and 0-based column of `needle` in `haystack` (or the start).
fn find_in(haystack: &str, needle: &str) -> (usize, usize) {
    match haystack.find(needle) {
        Some(at) => {
            let before = &haystack[..at];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
            (line, col)
        }
        None => (1, 0),
    }
}

/// Maps a place inside a string value (1-based line, 0-based column) to the
/// policy file. Block scalars (`|`) and plain scalars start where their text
/// does; quoted scalars one character later.
fn locate(source: &Source, text: &Text, line: usize, col: usize) -> Pos {
    let base = Source::pos_of(text);
    if base.line == 0 {
        return base;
    }
    let quoted = Source::offset_of(text)
        .and_then(|o| source.text.get(o..))
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c == '"' || c == '\'');
    let line = line.max(1);
    let column = base.column + col + usize::from(quoted && line == 1);
    Pos::new(base.line + line - 1, column)
}
