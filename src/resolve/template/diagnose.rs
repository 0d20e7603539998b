//! Diagnostics of a template that failed: the error tera gives, told at its
//! place in the policy file, with the slips people make most (curly quotes,
//! a call given a title instead of `id="..."`) named and written out right.

use std::sync::PoisonError;

use tera::ErrorKind;

use super::{Expander, position};
use crate::diag::Diagnostic;
use crate::model::Text;
use crate::resolve::syntax;
use crate::rules::id;
use crate::source::Source;
use crate::suggest;

impl Expander {
    pub(super) fn diagnose(
        &self,
        source: &Source,
        text: &Text,
        err: &tera::Error,
        at: (usize, usize),
    ) -> Diagnostic {
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
        // Spans count from where the template started in the text.
        let (line, col) = match err.kind() {
            ErrorKind::SyntaxError(_) | ErrorKind::RenderingError(_) if line <= 1 => {
                (at.0, at.1 + col)
            }
            ErrorKind::SyntaxError(_) | ErrorKind::RenderingError(_) => (at.0 + line - 1, col),
            _ => (line, col),
        };
        let pos = source.locate(text, line, col);
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
                .rule(id::UNKNOWN_VARIABLE)
                .help_opt(help)
        } else if message.starts_with("Unknown function") {
            Diagnostic::error(format!("unknown function `{name}`"), pos)
                .rule(id::UNKNOWN_VARIABLE)
                .help_opt(suggest::did_you_mean(&name, syntax::FUNCTIONS, "functions"))
        } else if let Some(diag) = self.misquoted(source, text) {
            return diag;
        } else {
            Diagnostic::error(format!("template error: {}", first_line(&message)), pos).help(
                "`{{ ... }}` holds a name or a call like ref(id=\"...\"); for literal braces write {{ \"{{\" }}",
            )
        };
        diag.width(width)
    }

    /// What a failed template most often is in text pasted from a word
    /// processor or written from memory: curly quotes inside `{{ }}`, or a
    /// call given a text instead of `id="..."` (`ref("Cookies")`), told with
    /// the template written out right.
    fn misquoted(&self, source: &Source, text: &Text) -> Option<Diagnostic> {
        let value = &text.value;
        let mut from = 0;
        while let Some(open) = value[from..].find("{{").map(|i| from + i) {
            let close = value[open..]
                .find("}}")
                .map_or(value.len(), |i| open + i + 2);
            let expr = &value[open..close];
            from = close;
            let pos = source.pos_in(text, open);
            let width = expr.chars().count();
            if expr.contains(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}']) {
                let fixed = expr
                    .replace(['\u{201c}', '\u{201d}'], "\"")
                    .replace(['\u{2018}', '\u{2019}'], "'");
                let (curly, straight) = if expr.contains(['\u{201c}', '\u{201d}']) {
                    ("\u{201c} \u{201d}", "\"")
                } else {
                    ("\u{2018} \u{2019}", "'")
                };
                return Some(
                    Diagnostic::error(format!("curly quotes ({curly}) inside `{{{{ }}}}`: a template needs straight quotes ({straight})"), pos)
                        .width(width)
                        .help(format!("write {fixed}; a word processor turns straight quotes into curly ones, so edit this text in a plain-text editor")),
                );
            }
            let inner = expr.trim_start_matches('{').trim_end_matches('}').trim();
            let Some((name, arg)) = inner.split_once('(') else {
                continue;
            };
            let arg = arg.trim_end_matches(')').trim();
            let quoted = arg.len() >= 2
                && (arg.starts_with('"') && arg.ends_with('"')
                    || arg.starts_with('\'') && arg.ends_with('\''));
            let name = name.trim();
            if !quoted || !syntax::FUNCTIONS.contains(&name) {
                continue;
            }
            let given = &arg[1..arg.len() - 1];
            let help = match self.id_for(given) {
                Some(id) if id == given => format!("write {{{{ {name}(id=\"{id}\") }}}}"),
                Some(id) => format!(
                    "write {{{{ {name}(id=\"{id}\") }}}}: `{id}` is the id of the section titled \"{given}\""
                ),
                // No section has that id or title: a guess would fail again.
                None if name == "ref" => format!(
                    "write {{{{ ref(id=\"...\") }}}} with the id of a section; {}",
                    self.section_ids_hint(given)
                ),
                None => format!("write {{{{ {name}(id=\"{given}\") }}}}"),
            };
            return Some(
                Diagnostic::error(
                    format!("`{name}` takes the id as `id=\"...\"`, not a text"),
                    pos,
                )
                .width(width)
                .help(help),
            );
        }
        None
    }

    /// The id of the section a text names: its id, or the id of the section
    /// whose title it is (letter case aside).
    fn id_for(&self, given: &str) -> Option<String> {
        let targets = self
            .calls
            .targets
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        if targets.contains_key(given) {
            return Some(given.to_string());
        }
        targets
            .iter()
            .find(|(_, t)| t.title.eq_ignore_ascii_case(given.trim()))
            .map(|(id, _)| id.clone())
    }

    /// The section ids to choose from: the nearest to `given`, or the list.
    fn section_ids_hint(&self, given: &str) -> String {
        let targets = self
            .calls
            .targets
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        let ids: Vec<&str> = targets.keys().map(String::as_str).collect();
        match crate::suggest::nearest(given, ids.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the ids are: {}", ids.join(", ")),
        }
    }
}

fn backticked(message: &str) -> Option<String> {
    message.split('`').nth(1).map(str::to_string)
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message)
}

/// 1-based line and 0-based column of `needle` in `haystack` (or the start).
fn find_in(haystack: &str, needle: &str) -> (usize, usize) {
    haystack
        .find(needle)
        .map_or((1, 0), |at| position(haystack, at))
}
