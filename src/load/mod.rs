//! Loading: the one reader of policy files, and the one module that names the YAML crate.
//!
//! Everything after loading works on in-memory [`Source`]s, so tests feed strings.

use crate::diag::Diagnostic;
use crate::model::{Fragment, Policy};
pub use crate::source::{Pos, Source};

mod errors;
use errors::Fix;
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

/// Parses YAML data of policyc's own (the prose vocabulary), with the
/// crate's message on failure: its text is part of the program, not a user's.
pub fn data<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| e.to_string())
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
        Fix::Replace { with, found } => {
            let start = line.char_indices().nth(pos.column.saturating_sub(1))?.0;
            let rest = &line[start..];
            // All of the value: a patch that left a word of it would be
            // read as another unknown value, one the file does not have.
            let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''));
            let len = match (found, quote) {
                (Some(found), _) if rest.starts_with(found.as_str()) => found.len(),
                (_, Some(q)) => rest[1..].find(q).map_or(rest.len(), |end| end + 2),
                _ => rest
                    .find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '#'))
                    .unwrap_or(rest.len()),
            };
            lines[at] = format!("{}{with}{}", &line[..start], &line[start + len..]);
            Some(lines.join("\n"))
        }
    }
}

fn find_nul(text: &str) -> Option<Pos> {
    Some(Pos::of_offset(text, text.find('\0')?))
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
        // Point at the tab itself: the parser reports the character after it,
        // or the line before a line that starts with one.
        let found = (pos.line.max(1)..=pos.line + 1).find_map(|n| {
            let line = source.line(n)?;
            Some(Pos::new(n, line[..line.find('\t')?].chars().count() + 1))
        });
        if let Some(at) = found {
            pos = at;
        }
    }
    // serde reports a missing key where its mapping ends; for the top-level
    // mapping that is the end of the file, a poor place to look.
    if raw.starts_with("missing field") && pos.line >= source.text.lines().count() {
        pos = Pos::new(1, 1);
    }
    if let serde_saphyr::Error::SerdeMissingField { field, .. } = err
        && let Some((message, help, at)) = errors::misplaced_key(&source.text, pos, field)
    {
        return (diagnostic(message, at, Some(help), Some(1), ""), Fix::Stop);
    }
    let found = word_at(source, pos);
    if let Some(e) = errors::explain(err) {
        // A value whose caret width is the word found there, as written.
        let message = match err {
            serde_saphyr::Error::InvalidBooleanStrict { .. } => {
                format!("expected `true` or `false`, found `{found}`")
            }
            _ => e.message,
        };
        let help = (!e.help.is_empty()).then_some(e.help);
        return (diagnostic(message, pos, help, e.width, &found), e.fix);
    }
    // What is left are the parser's own messages (tabs, quotes, syntax).
    let about_layout = [
        "mapping values are not allowed",
        "did not find expected",
        "block end",
    ]
    .iter()
    .any(|m| raw.contains(m));
    if about_layout
        && !raw.contains("tab")
        && let Some((message, help, at)) = errors::layout(&source.text, pos.line, pos.column)
    {
        return (diagnostic(message, at, Some(help), Some(1), ""), Fix::Stop);
    }
    let (mut message, mut help, width) = explain(raw);
    if raw.contains("quoted scalar") {
        message = format!("a quoted string does not end where YAML expects it ({raw})");
        if let Some(line) = unclosed_quote_before(source, pos.line) {
            help = Some(format!(
                "the quote opened on line {line} may not be closed; add the closing quote there"
            ));
        }
    }
    (diagnostic(message, pos, help, width, &found), Fix::Stop)
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

/// The plain-words message, hint and caret width for a message of the YAML
/// parser (the problems with a kind of their own are in `errors`).
fn explain(raw: &str) -> (String, Option<String>, Option<usize>) {
    if raw.contains("while scanning a block scalar") {
        return (
            "a value starts with `|` or `>`, which YAML reads as the start of a block of lines".into(),
            Some("quote the value (\"| a | b |\"), or start the text on the next line after `body: |`".into()),
            Some(1),
        );
    }
    if raw.contains("found a tab") || raw.contains("tabs") {
        return (
            "a tab character where YAML expects spaces".into(),
            Some("indent YAML with spaces only; set your editor to insert spaces for Tab".into()),
            Some(1),
        );
    }
    (
        raw.to_string(),
        Some("check the YAML syntax on this line: indentation, colons and quotes".into()),
        None,
    )
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
