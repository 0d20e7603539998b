//! Loading: the one reader of policy files, and the one module that names the YAML crate.
//!
//! Everything after loading works on in-memory [`Source`]s, so tests feed strings.

use crate::diag::Diagnostic;
use crate::model::{Fragment, Policy};
pub use crate::source::{Pos, Source};
use crate::suggest;

mod errors;
mod git;
mod read;

pub use read::{
    Included, Overrides, confined, from_bytes, git_versions, include, project_root, read,
    read_policy, read_rev, read_version, templates,
};

/// Policy files larger than this are refused before parsing: a policy is prose,
/// and the largest real ones are a few hundred kilobytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// How deeply YAML may nest (sections within sections count two levels each).
pub const MAX_DEPTH: usize = 128;
/// How many YAML values (parser events) a file may hold: a policy of a few
/// hundred kilobytes has tens of thousands.
pub const MAX_YAML_NODES: usize = 1_000_000;
/// How many nodes YAML aliases may replay in all: real policies use none, and
/// an "alias bomb" of a few lines would otherwise expand to gigabytes.
pub const MAX_ALIAS_EVENTS: usize = 100_000;

/// How many problems in the YAML itself are reported for one file.
pub const MAX_YAML_PROBLEMS: usize = 20;

/// Parses a policy source into the source model, or reports every problem
/// found in its YAML (see `parse_yaml`).
pub fn parse(source: &Source) -> Result<Policy, Vec<Diagnostic>> {
    parse_yaml(
        source,
        "a policy needs at least `id`, `title`, `organization` and `dates`; see README.md",
    )
}

/// Parses a shared fragment (`_*.yaml`): organization, contacts and vars.
pub fn parse_fragment(source: &Source) -> Result<Fragment, Vec<Diagnostic>> {
    parse_yaml(
        source,
        "a fragment holds `organization`, `contacts` or `vars` that policies include",
    )
}

/// Parses YAML into `T`. Serde stops at the first problem; to report more in
/// one run, the text is patched around each problem that can be stepped over
/// (an unknown or repeated key is blanked out, a bad boolean or enum value
/// replaced by a valid one, all without moving any line) and parsed again.
fn parse_yaml<T: serde::de::DeserializeOwned>(
    source: &Source,
    empty_help: &str,
) -> Result<T, Vec<Diagnostic>> {
    if let Some(problem) = precheck(source, empty_help) {
        return Err(vec![problem]);
    }
    let options = options();
    // Borrowed until the first patch: a policy without problems is never copied.
    let mut text = std::borrow::Cow::Borrowed(source.text.as_str());
    let mut diags: Vec<Diagnostic> = Vec::new();
    // Keys suggested for misspelt ones: their "missing key" would say it twice.
    let mut suggested: Vec<String> = Vec::new();
    while diags.len() < MAX_YAML_PROBLEMS {
        let err = match serde_saphyr::from_str_with_options::<T>(&text, options.clone()) {
            Ok(value) if diags.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(err) => err,
        };
        let (diag, fix) = yaml_error(source, &err);
        if diags
            .iter()
            .any(|d| d.pos == diag.pos && d.message == diag.message)
        {
            break; // the patch did not get past it
        }
        let missing_suggested = diag
            .message
            .strip_prefix("missing key ")
            .is_some_and(|k| suggested.iter().any(|s| k.trim_matches('`') == s));
        if let Some(near) = diag
            .help
            .as_deref()
            .and_then(|h| h.strip_prefix("did you mean `"))
        {
            suggested.push(near.trim_end_matches("`?").to_string());
        }
        if !missing_suggested {
            diags.push(diag.clone());
        }
        match patch(&text, diag.pos, fix) {
            Some(patched) => text = std::borrow::Cow::Owned(patched),
            None => break,
        }
    }
    Err(diags)
}

/// What makes a file unreadable as YAML before it is parsed: being empty or binary.
fn precheck(source: &Source, empty_help: &str) -> Option<Diagnostic> {
    if source.text.trim().is_empty() {
        return Some(Diagnostic::error("the file is empty", Pos::new(1, 1)).help(empty_help));
    }
    let Some(pos) = find_nul(&source.text) else {
        return errors::find_hidden(&source.text);
    };
    Some(
        Diagnostic::error("the file contains a NUL byte, so it is not text", pos)
            .quote(false)
            .help("check that this is a policy source and not a binary file"),
    )
}

/// How serde-saphyr reads every policy and fragment.
fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    // `collected: yes` must not silently mean true, nor `collected: maybe` anything.
    options.strict_booleans = true;
    options.reject_unsupported_tags = true;
    options.with_snippet = false;
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_EVENTS;
    if let Some(budget) = options.budget.as_mut() {
        budget.max_depth = MAX_DEPTH;
        budget.max_events = MAX_YAML_NODES;
    }
    options
}

/// How the text can be patched to step over a problem and look for the next.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fix {
    /// Blank out the key's line and the lines nested under it.
    DropKey,
    /// Put this value in place of the word at the problem.
    Replace(String),
    /// Nothing after this problem can be read reliably.
    Stop,
}

/// The text with the problem at `pos` patched over, keeping every line where it is.
fn patch(text: &str, pos: Pos, fix: Fix) -> Option<String> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let at = pos.line.checked_sub(1)?;
    let line = lines.get(at)?.clone();
    match fix {
        Fix::Stop => None,
        Fix::DropKey => {
            let indent = line.len() - line.trim_start().len();
            // A key that opens a list item carries the item's `-`: not safe to drop.
            if line.trim_start().starts_with('-') {
                return None;
            }
            let indent_of = |l: &str| l.len() - l.trim_start().len();
            lines[at] = String::new();
            let mut next = None;
            for (i, l) in lines.iter_mut().enumerate().skip(at + 1) {
                if !l.trim().is_empty() && indent_of(l) <= indent {
                    next = Some(i);
                    break;
                }
                l.clear();
            }
            // A mapping whose only key was dropped must stay a mapping.
            let parent = lines[..at].iter().rposition(|l| !l.trim().is_empty());
            if let Some(p) = parent {
                let parent_indent = indent_of(&lines[p]);
                let emptied = next.is_none_or(|n| indent_of(&lines[n]) <= parent_indent);
                if lines[p].trim_end().ends_with(':') && parent_indent < indent && emptied {
                    lines[p].push_str(" {}");
                }
            }
            Some(lines.join("\n"))
        }
        Fix::Replace(value) => {
            let start = line.char_indices().nth(pos.column.saturating_sub(1))?.0;
            let len = line[start..]
                .find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '#'))
                .unwrap_or(line.len() - start);
            lines[at] = format!("{}{value}{}", &line[..start], &line[start + len..]);
            Some(lines.join("\n"))
        }
    }
}

fn find_nul(text: &str) -> Option<Pos> {
    let at = text.find('\0')?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some(Pos::new(line, column))
}

/// Turns a YAML or shape error into a diagnostic in plain words, with a hint,
/// and says how the text could be patched to look past it.
fn yaml_error(source: &Source, err: &serde_saphyr::Error) -> (Diagnostic, Fix) {
    let mut pos = err.location().map_or(Pos::new(1, 1), |l| Source::pos(&l));
    let full = err.to_string();
    // The location is ours to print; drop the crate's own " at line X, column Y".
    let raw = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    if raw.contains("tab") {
        // Point at the tab itself; the parser reports the character after it.
        let line = source
            .text
            .lines()
            .nth(pos.line.saturating_sub(1))
            .unwrap_or("");
        if let Some(at) = line.find('\t') {
            pos.column = line[..at].chars().count() + 1;
        }
    }
    // serde reports a missing key where its mapping ends; for the top-level
    // mapping that is the end of the file, a poor place to look.
    if raw.starts_with("missing field") && pos.line >= source.text.lines().count() {
        pos = Pos::new(1, 1);
    }
    let found = word_at(source, pos);
    let (mut message, mut help, width) = match errors::explain(err) {
        Some((message, help)) => (message, Some(help), None),
        None => explain(raw, &found),
    };
    if raw.contains("quoted scalar") {
        message = format!("a quoted string does not end where YAML expects it ({raw})");
        if let Some(line) = unclosed_quote_before(source, pos.line) {
            help = Some(format!(
                "the quote opened on line {line} may not be closed; add the closing quote there"
            ));
        }
    }
    let fix = if raw.starts_with("unknown field ") || raw.starts_with("duplicate mapping key") {
        Fix::DropKey
    } else if raw.starts_with("invalid boolean") || raw.contains("expected a boolean") {
        Fix::Replace("false".into())
    } else if raw.starts_with("unknown variant ") {
        // Any valid value will do to read on.
        expected_names(raw)
            .into_iter()
            .next()
            .map_or(Fix::Stop, Fix::Replace)
    } else {
        Fix::Stop
    };
    (diagnostic(message, pos, help, width, &found), fix)
}

fn diagnostic(
    message: String,
    pos: Pos,
    help: Option<String>,
    width: Option<usize>,
    found: &str,
) -> Diagnostic {
    Diagnostic::error(message, pos)
        .help_opt(help)
        .width(width.unwrap_or(found.chars().count()))
}

/// The plain-words message, hint and caret width for a serde-saphyr message.
fn explain(raw: &str, found: &str) -> (String, Option<String>, Option<usize>) {
    let ticked = backticked(raw);
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let key = ticked.first().cloned().unwrap_or_default();
        let valid = expected_names(rest);
        let help = suggest::did_you_mean(&key, valid.iter().map(String::as_str), "keys here");
        return (
            format!("unknown key `{key}`"),
            help,
            Some(key.chars().count()),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let value = ticked.first().cloned().unwrap_or_default();
        let valid = expected_names(rest);
        let help = suggest::did_you_mean(&value, valid.iter().map(String::as_str), "values");
        return (
            format!("unknown value `{value}`"),
            help,
            Some(value.chars().count()),
        );
    }
    if let Some(key) = raw.strip_prefix("missing field ") {
        let key = key.trim_matches('`');
        return (
            format!("missing key `{key}`"),
            Some(format!("add `{key}:` to this mapping")),
            None,
        );
    }
    if let Some(key) = raw.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        return (
            format!("the key `{key}` appears twice in this mapping"),
            Some("each key may appear once; remove or merge the other one".into()),
            Some(key.chars().count()),
        );
    }
    if raw.starts_with("invalid boolean") {
        return (
            format!("expected `true` or `false`, found `{found}`"),
            Some(
                "write true or false (yes, no, on and off are not accepted, to avoid surprises)"
                    .into(),
            ),
            None,
        );
    }
    if raw.contains("found a tab") || raw.contains("tabs") {
        return (
            "a tab character where YAML expects spaces".into(),
            Some("indent YAML with spaces only; set your editor to insert spaces for Tab".into()),
            Some(1),
        );
    }
    if raw.contains("expected mapping") {
        return (
            "expected a mapping (`key: value` lines) here".into(),
            Some("write this as keys with values, not as a list or a single value".into()),
            None,
        );
    }
    if raw.contains("expected sequence") {
        return (
            "expected a list here".into(),
            Some("write each item on its own line, starting with `- `".into()),
            None,
        );
    }
    if raw.contains("expected string") {
        return (
            "expected text here".into(),
            Some("write a single value; quote it if it contains `: ` or starts with a special character".into()),
            None,
        );
    }
    if raw.contains("alias") {
        return (
            format!("YAML aliases here expand to more than {MAX_ALIAS_EVENTS} values"),
            Some("policies need no aliases (`*name`); write the values out, or define shared facts once under `vars:` or `contacts:`".into()),
            None,
        );
    }
    if raw.contains("budget") || raw.contains("depth") || raw.contains("nesting") {
        return (
            format!("the YAML nests too deeply (the limit is {MAX_DEPTH} levels)"),
            Some("sections rarely need more than four levels; flatten the structure".into()),
            None,
        );
    }
    let message = raw.replace("invalid type: ", "wrong kind of value: ");
    let help = if raw.contains("expected a boolean") {
        Some("write true or false".into())
    } else if raw.contains("expected u32") || raw.contains("integer") {
        Some("write a whole number, without quotes".into())
    } else {
        Some("check the YAML syntax on this line: indentation, colons and quotes".into())
    };
    (message, help, None)
}

/// The first line up to `until` with an odd number of double quotes: a string
/// left open there makes YAML report the problem much later.
fn unclosed_quote_before(source: &Source, until: usize) -> Option<usize> {
    source
        .text
        .lines()
        .take(until)
        .position(|l| {
            let code = l.split(" #").next().unwrap_or(l);
            (code.matches('"').count() - code.matches("\\\"").count()) % 2 == 1
        })
        .map(|i| i + 1)
}

/// The words between backticks in a message.
fn backticked(message: &str) -> Vec<String> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The names after "expected one of" (or "expected"), as serde-saphyr lists them.
fn expected_names(rest: &str) -> Vec<String> {
    let list = rest
        .split_once("expected one of ")
        .or_else(|| rest.split_once("expected "))
        .map_or("", |(_, l)| l);
    list.split([',', ' '])
        .map(|w| w.trim_matches(|c| c == '`' || c == ' '))
        .filter(|w| !w.is_empty() && *w != "or")
        .map(str::to_string)
        .collect()
}

/// The word of the source at a position, for quoting in messages.
fn word_at(source: &Source, pos: Pos) -> String {
    let Some(line) = source.line(pos.line) else {
        return String::new();
    };
    line.chars()
        .skip(pos.column.saturating_sub(1))
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}' | ':' | '#'))
        .collect()
}
