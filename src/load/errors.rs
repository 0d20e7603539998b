//! YAML problems told by what they are (serde-saphyr's error kinds, and the
//! parser's events), not by the wording of the crate's messages: what went
//! wrong in plain words, and what to do.

use serde_saphyr::Error;
use serde_saphyr::granit_parser::{Event, Parser};

use super::{MAX_ALIAS_EVENTS, MAX_DEPTH, MAX_YAML_NODES};
use crate::diag::{Diagnostic, Pos};
use crate::suggest;

/// How the text can be patched to step over a problem and look for the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Blank out the key's line and the lines nested under it.
    DropKey,
    /// Put `with` in place of the value at the problem: `found` where it is
    /// known (a value of several words), else the word or quoted text there.
    Replace { with: String, found: Option<String> },
    /// Nothing after this problem can be read reliably.
    Stop,
}

/// A problem in plain words: the message, the hint, how many characters the
/// caret underlines (`None`: the word at the problem), and how to read on.
pub struct Explained {
    pub message: String,
    pub help: String,
    pub width: Option<usize>,
    pub fix: Fix,
}

/// The problems of a policy's shape (keys, values, kinds), told by kind; the
/// rest by [`explain_reading`]. `None` for parser errors, which come as
/// messages only.
pub fn explain(err: &Error) -> Option<Explained> {
    // A problem met while replaying an alias is told as the problem itself.
    if let Error::AliasError { error, .. } = err {
        return explain(error);
    }
    let explained = |message: String, help: String, width: Option<usize>, fix: Fix| Explained {
        message,
        help,
        width,
        fix,
    };
    Some(match err {
        Error::SerdeUnknownField {
            field, expected, ..
        } => explained(
            format!("unknown key `{field}`"),
            suggest::did_you_mean(field, expected.iter().copied(), "keys here")
                .unwrap_or_else(|| "remove it; this mapping has no keys".into()),
            Some(field.chars().count()),
            Fix::DropKey,
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => explained(
            format!("unknown value `{variant}`"),
            suggest::did_you_mean(variant, expected.iter().copied(), "values").unwrap_or_default(),
            Some(variant.chars().count()),
            // Any valid value will do to read on.
            expected.first().map_or(Fix::Stop, |v| Fix::Replace {
                with: (*v).to_string(),
                found: Some(variant.clone()),
            }),
        ),
        Error::SerdeMissingField { field, .. } => explained(
            format!("missing key `{field}`"),
            format!("add `{field}:` to this mapping"),
            None,
            Fix::Stop,
        ),
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_default();
            explained(
                format!("the key `{key}` appears twice in this mapping"),
                "each key may appear once; remove or merge the other one".into(),
                Some(key.chars().count().max(1)),
                Fix::DropKey,
            )
        }
        Error::InvalidBooleanStrict { .. } => explained(
            "expected `true` or `false`".into(),
            "write true or false (yes, no, on and off are not accepted, to avoid surprises)".into(),
            None,
            Fix::Replace {
                with: "false".into(),
                found: None,
            },
        ),
        _ => {
            let (message, help) = explain_reading(err)?;
            explained(message, help, None, Fix::Stop)
        }
    })
}

/// The plain-words message and hint for the errors of reading YAML whose
/// crate message would mislead or speak Rust; `None` for the others.
fn explain_reading(err: &Error) -> Option<(String, String)> {
    use serde_saphyr::budget::BudgetBreach;
    Some(match err {
        Error::UnknownAnchor { .. } => (
            "a value starts with `*`, which YAML reads as an alias to an anchor, and there is no such anchor".into(),
            "quote the value (\"*...\"), or write a body that starts with `*` as a block: `body: |` and the text on the next lines".into(),
        ),
        Error::MultipleDocuments { .. } => multiple_documents(),
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => (
                format!("the YAML nests too deeply (the limit is {MAX_DEPTH} levels)"),
                "sections rarely need more than four levels; flatten the structure".into(),
            ),
            BudgetBreach::Aliases { .. }
            | BudgetBreach::Anchors { .. }
            | BudgetBreach::AliasAnchorRatio { .. } => alias_limit(),
            _ => (
                format!("the file has more YAML values than a policy needs (the limit is {MAX_YAML_NODES})"),
                "check that this is a policy; a very large one is better split into several files".into(),
            ),
        },
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => alias_limit(),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            format!("expected {}, found {}", plain(expected), plain(unexpected)),
            help_for(expected),
        ),
        Error::InvalidScalar { ty, .. } => (
            format!("expected {} here", plain(ty)),
            help_for(ty),
        ),
        Error::Unexpected { expected, .. } => (
            format!("expected {} here", plain(expected)),
            help_for(expected),
        ),
        _ => return None,
    })
}

fn alias_limit() -> (String, String) {
    (
        format!("YAML aliases here expand to more than {MAX_ALIAS_EVENTS} values"),
        "policies need no aliases (`*name`); write the values out, or define shared facts once under `vars:` or `contacts:`".into(),
    )
}

/// A serde description of a kind of value, in words a lawyer reads.
fn plain(what: &str) -> String {
    let what = what.trim_matches('`');
    let words = if ["u8", "u16", "u32", "u64", "usize", "i32", "i64"]
        .iter()
        .any(|t| what.contains(t))
        || what.starts_with("integer")
    {
        match what.strip_prefix("integer ") {
            Some(n) => return format!("the number {}", n.trim_matches('`')),
            None => "a whole number",
        }
    } else if what.contains("string") || what.contains("String") || what.contains("char") {
        "text"
    } else if what.contains("sequence") || what.contains("Vec") {
        "a list"
    } else if what.contains("map") || what.contains("struct") {
        "a mapping (`key: value` lines)"
    } else if what.contains("bool") {
        "true or false"
    } else if what.contains("float") {
        "a number"
    } else if what.contains("unit") || what.contains("null") {
        "nothing (an empty value)"
    } else {
        return format!("`{what}`");
    };
    words.to_string()
}

fn help_for(expected: &str) -> String {
    match plain(expected).as_str() {
        "a whole number" => "write a whole number of 0 or more, without quotes".into(),
        "text" => {
            "write a single value; quote it if it contains `: ` or starts with a special character"
                .into()
        }
        "a list" => "write each item on its own line, starting with `- `".into(),
        "a mapping (`key: value` lines)" => {
            "write this as keys with values, not as a list or a single value".into()
        }
        "true or false" => "write true or false".into(),
        _ => "check the YAML on this line: indentation, colons and quotes".into(),
    }
}

/// What the deserializer accepts silently and a policy must not hold: a
/// YAML tag (`!!binary` decodes base64, a custom tag means nothing to a
/// policy), or a second document (`---`), whose first would be read alone.
/// Only a text with a `!` where a tag could start, or a `---` line, is parsed
/// for them.
pub fn find_hidden(text: &str) -> Option<Diagnostic> {
    // `!` or `&` where a value could start.
    let may_start = |mark: char| {
        text.match_indices(mark).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + 1..].chars().next();
            before.is_none_or(|c| c.is_whitespace() || matches!(c, '[' | '{' | ',' | ':' | '-'))
                && after.is_some_and(|c| !c.is_whitespace())
        })
    };
    let may_have_documents = text
        .lines()
        .any(|l| l.trim_end() == "---" || l.starts_with("--- "));
    if !may_start('!') && !may_start('&') && !may_have_documents {
        return None;
    }
    let mut documents = 0;
    // Anchors (`&name`) with where they are, and the ones aliases use.
    let mut anchors: Vec<(usize, Pos)> = Vec::new();
    let mut aliased: Vec<usize> = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else {
            return None; // the deserializer reports syntax errors
        };
        let at = span.start;
        match &event {
            // Only texts: an anchored list or mapping is YAML, not prose.
            Event::Scalar(_, _, id, _) if *id > 0 => {
                anchors.push((*id, anchor_pos(text, at.line(), at.col())));
            }
            Event::Alias(id) => aliased.push(*id),
            _ => {}
        }
        let tag = match &event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    let (message, help) = multiple_documents();
                    return Some(
                        Diagnostic::error(message, Pos::new(at.line(), 1))
                            .width(3)
                            .help(help),
                    );
                }
                continue;
            }
            Event::Scalar(_, _, _, Some(tag))
            | Event::SequenceStart(_, _, Some(tag))
            | Event::MappingStart(_, _, Some(tag)) => tag.original(),
            _ => continue,
        };
        // The event starts at the value; the tag is written before it on its line.
        let line = text.lines().nth(at.line().saturating_sub(1)).unwrap_or("");
        let before: String = line.chars().take(at.col()).collect();
        let column = before
            .rfind(&tag)
            .map_or(at.col(), |i| before[..i].chars().count());
        return Some(
            Diagnostic::error(
                format!("the YAML tag `{tag}` is not used in policies"),
                Pos::new(at.line(), column + 1),
            )
            .width(tag.chars().count())
            .help("remove the tag and write the value as text; quote a value that starts with `!`"),
        );
    }
    // An anchor no alias uses is a value that starts with `&` in prose: YAML
    // took its first word as a name and dropped it from the text.
    let (_, pos) = anchors.into_iter().find(|(id, _)| !aliased.contains(id))?;
    Some(
        Diagnostic::error(
            "a value starts with `&`, which YAML reads as an anchor name and drops from the text",
            pos,
        )
        .help("quote the value (\"&...\"), or write it as a block: `body: |` and the text on the next lines"),
    )
}

/// Where the `&` of an anchor is: the node's event starts at its value, and
/// the anchor is written before it on its line.
fn anchor_pos(text: &str, line: usize, col: usize) -> Pos {
    let written = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let before: String = written.chars().take(col).collect();
    let column = before
        .rfind('&')
        .map_or(col, |i| before[..i].chars().count());
    Pos::new(line, column + 1)
}

/// A syntax error the line itself explains, told with the fix written out:
/// a value with `: ` in it (quote it), or a line indented differently from
/// the keys around it (line it up, naming the key and its line). `None`
/// when the line shows neither.
pub fn layout(text: &str, line: usize, column: usize) -> Option<(String, String, Pos)> {
    let lines: Vec<&str> = text.lines().collect();
    let here = *lines.get(line.checked_sub(1)?)?;
    if let Some(quoted) = quote_value(here) {
        let second = here
            .match_indices(": ")
            .nth(1)
            .map_or(column, |(i, _)| here[..i].chars().count() + 1);
        return Some((
            "a value has `: ` in it, which YAML reads as the start of another key".into(),
            format!("put the value in quotes: {}", quoted.trim_start()),
            Pos::new(line, second),
        ));
    }
    if let Some(short) = short_text_line(&lines, line) {
        return Some(short);
    }
    if let Some(item) = list_item_off(&lines, line) {
        return Some(item);
    }
    // Where a line's key starts, after any `- ` of a list item.
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '-']).trim_start().len();
    let is_key = |l: &str| {
        let t = l.trim_start_matches([' ', '-']).trim_start();
        !t.is_empty() && !t.starts_with('#') && t.contains(':')
    };
    let mine = indent(here);
    let (above, key_line) = (0..line - 1)
        .rev()
        .map(|i| (i, lines[i]))
        .find(|(_, l)| is_key(l))?;
    let theirs = indent(key_line);
    if mine == theirs || here.trim().is_empty() {
        return None;
    }
    let key = key_line.trim_start_matches([' ', '-']).trim_start();
    let key = key.split(':').next().unwrap_or(key).trim();
    let (way, spaces) = if mine < theirs {
        ("less", theirs - mine)
    } else {
        ("more", mine - theirs)
    };
    Some((
        format!(
            "this line is indented {way} than `{key}` on line {} above it",
            above + 1
        ),
        format!(
            "line it up with `{key}`: {theirs} spaces before it, where it has {mine} ({spaces} {} {})",
            if spaces == 1 { "space" } else { "spaces" },
            if mine < theirs { "missing" } else { "too many" }
        ),
        Pos::new(line, mine + 1),
    ))
}

/// A line of a text written with `|` or `>` indented less than the text's
/// first line: YAML ends the text there. It belongs with the lines above,
/// not with the key that opens the text.
fn short_text_line(lines: &[&str], line: usize) -> Option<(String, String, Pos)> {
    let spaces = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let here = lines.get(line.checked_sub(1)?)?;
    let mine = spaces(here);
    let filled = |i: &usize| !lines[*i].trim().is_empty();
    let prev = (0..line - 1).rev().find(filled)?;
    if spaces(lines[prev]) <= mine {
        return None;
    }
    // The key that opens the text: the nearest line above less indented
    // than the text.
    // Strictly less: a line in line with the key is a sibling key, not text.
    let opener = (0..=prev)
        .rev()
        .filter(filled)
        .find(|&i| spaces(lines[i]) < mine)?;
    let key_line = lines[opener].trim_end();
    let block = ["|", ">", "|-", ">-", "|+", ">+"]
        .iter()
        .any(|m| key_line.ends_with(&format!(": {m}")));
    let first = (opener + 1..line - 1).find(filled)?;
    let theirs = spaces(lines[first]);
    if !block || mine >= theirs {
        return None;
    }
    let key = key_line.trim_start_matches([' ', '-']).trim_start();
    let key = key.split(':').next().unwrap_or(key).trim();
    let missing = theirs - mine;
    Some((
        format!(
            "this line of the text of `{key}` (line {}) is indented less than the lines above it, so YAML ends the text here",
            opener + 1
        ),
        format!(
            "line it up with the text above: {theirs} spaces before it, where it has {mine} ({missing} {} missing)",
            if missing == 1 { "space" } else { "spaces" }
        ),
        Pos::new(line, mine + 1),
    ))
}

/// A list item (`- `) whose dash is a space or two off the dash of the item
/// before it: it is lined up with that item, not with the key above it.
fn list_item_off(lines: &[&str], line: usize) -> Option<(String, String, Pos)> {
    let spaces = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let is_item = |l: &str| l.trim_start().starts_with("- ");
    let here = lines.get(line.checked_sub(1)?)?;
    if !is_item(here) {
        return None;
    }
    let mine = spaces(here);
    let (above, theirs) = (0..line - 1)
        .rev()
        .filter(|&i| is_item(lines[i]))
        .map(|i| (i, spaces(lines[i])))
        .find(|&(_, d)| d + 2 >= mine && d <= mine + 2)
        // In line with the item before it, the item is not the problem.
        .filter(|&(_, d)| d != mine)?;
    let (way, n) = if mine < theirs {
        ("less", theirs - mine)
    } else {
        ("more", mine - theirs)
    };
    Some((
        format!(
            "this list item is indented {way} than the item on line {} above it",
            above + 1
        ),
        format!(
            "line up its `-` with the `-` on line {}: {theirs} spaces before it, where it has {mine} ({n} {} {})",
            above + 1,
            if n == 1 { "space" } else { "spaces" },
            if mine < theirs { "missing" } else { "too many" }
        ),
        Pos::new(line, mine + 1),
    ))
}

/// A key serde reports missing from the mapping that starts at `at`, found
/// written nearby at another indentation (`   title:` under `  - id: use`):
/// its line, and the problem in plain words.
pub fn misplaced_key(text: &str, at: Pos, field: &str) -> Option<(String, String, Pos)> {
    let lines: Vec<&str> = text.lines().collect();
    let spaces = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let theirs = at.column.checked_sub(1)?;
    let first = lines.get(at.line.checked_sub(1)?)?;
    // Only the mapping of a list item (`- id: use`), and only up to the next
    // item or nested list: beyond it a key belongs to another mapping.
    if !first.trim_start().starts_with("- ") {
        return None;
    }
    let first_key = first.trim_start_matches([' ', '-']).trim_start();
    let first_key = first_key.split(':').next().unwrap_or(first_key).trim();
    for (i, l) in lines.iter().enumerate().skip(at.line) {
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let mine = spaces(l);
        if mine + 2 <= theirs || t.starts_with("- ") {
            return None;
        }
        // A slip of a space or two, not a key of another mapping.
        let near = mine != theirs && mine + 2 > theirs && mine <= theirs + 2;
        if near && t.starts_with(&format!("{field}:")) {
            let (way, n) = if mine < theirs {
                ("missing", theirs - mine)
            } else {
                ("too many", mine - theirs)
            };
            return Some((
                format!(
                    "`{field}` is indented {mine} spaces, but the keys of its mapping (`{first_key}` on line {}) have {theirs}, so YAML does not read it as one of them",
                    at.line
                ),
                format!(
                    "line it up with `{first_key}`: {theirs} spaces before it, where it has {mine} ({n} {} {way})",
                    if n == 1 { "space" } else { "spaces" }
                ),
                Pos::new(i + 1, mine + 1),
            ));
        }
    }
    None
}

/// `key: value: more` with the value quoted, when the line is one: a plain
/// value that holds `: `.
fn quote_value(line: &str) -> Option<String> {
    let (key, value) = line.split_once(": ")?;
    let key_ok =
        !key.trim_start_matches([' ', '-']).trim().is_empty() && !key.contains(['"', '\'', '#']);
    let value = value.trim_end();
    let plain = !value.starts_with(['"', '\'', '|', '>', '[', '{', '&', '*', '!']);
    (key_ok && plain && value.contains(": ")).then(|| {
        format!(
            "{key}: \"{}\"",
            value.replace('\\', "\\\\").replace('"', "\\\"")
        )
    })
}

fn multiple_documents() -> (String, String) {
    (
        "the file holds more than one YAML document (a `---` line starts another)".into(),
        "a policy file holds one policy; remove the `---` line, or move the second policy into a file of its own".into(),
    )
}
