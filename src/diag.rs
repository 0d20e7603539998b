//! Diagnostics: problems in a policy source, located at `file:line:col`, with a hint.

use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

pub use crate::rules::Severity;
pub use crate::source::{Pos, Source};

/// One problem in a policy source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A rule id from LEGAL.md for problems a rule names (`unknown-ref`, `bad-date`, ...).
    pub rule: Option<crate::rules::RuleId>,
    pub message: String,
    pub pos: Pos,
    /// How many characters from `pos` the caret underlines (at least one).
    pub width: usize,
    /// A suggestion of what to do about it.
    pub help: Option<String>,
    /// The file the problem is in, when it is not the policy being compiled
    /// (a fragment the policy includes).
    pub source: Option<Arc<Source>>,
    /// Whether the source line is shown: not for a file that is not text,
    /// whose "line" may be anything (`/proc/self/environ` is one line).
    pub quote: bool,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, pos: Pos) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            rule: None,
            message: message.into(),
            pos,
            width: 1,
            help: None,
            source: None,
            quote: true,
        }
    }

    pub fn warning(message: impl Into<String>, pos: Pos) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message, pos)
        }
    }

    pub fn rule(mut self, rule: crate::rules::RuleId) -> Diagnostic {
        self.rule = Some(rule);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }

    pub fn width(mut self, width: usize) -> Diagnostic {
        self.width = width.max(1);
        self
    }

    pub fn quote(mut self, quote: bool) -> Diagnostic {
        self.quote = quote;
        self
    }

    /// Marks the diagnostic as belonging to another file than the policy's.
    pub fn in_source(mut self, source: &Arc<Source>) -> Diagnostic {
        self.source = Some(Arc::clone(source));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Prints the diagnostic the way rustc does: the message, `file:line:col`,
    /// the source line with a caret under the problem, and the hint.
    pub fn render(&self, source: &Source, color: bool) -> String {
        let source = self.source.as_deref().unwrap_or(source);
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = printable(&self.message);
        let mut title = level.primary_title(message.as_ref());
        if let Some(rule) = self.rule {
            title = title.id(rule.as_str());
        }
        let path = source.name.as_str();
        // A line is shown whole (the renderer fits it to the screen and keeps
        // its columns); one too long to show, such as a minified file, is not
        // shown, as an excerpt would give the renderer the wrong columns.
        let line_text = (self.pos.line > 0 && self.quote)
            .then(|| source.line(self.pos.line))
            .flatten()
            .map(|text| text.strip_suffix('\r').unwrap_or(text))
            .filter(|text| text.chars().count() <= LONG_LINE)
            .map(|text| (printable(text).into_owned(), self.pos.column));
        let help = self.help.as_deref().map(printable);
        let mut group = match &line_text {
            Some((text, column)) => {
                let column = *column;
                let start = byte_of_column(text, column);
                let end = byte_of_column(text, column + self.width).max(start);
                let span = start..end;
                Group::with_title(title).element(
                    Snippet::source(text.as_str())
                        .line_start(self.pos.line)
                        .path(path)
                        .annotation(AnnotationKind::Primary.span(span)),
                )
            }
            None if self.pos.line > 0 => Group::with_title(title).element(
                annotate_snippets::Origin::path(path)
                    .line(self.pos.line)
                    .char_column(self.pos.column),
            ),
            None => Group::with_title(title).element(annotate_snippets::Origin::path(path)),
        };
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_ref()));
        }
        renderer.render(&[group])
    }

    /// `file:line:col: severity: message` on one line, for logs and CI annotations.
    pub fn short(&self, file: &str) -> String {
        if self.pos.line == 0 {
            format!("{file}: {}: {}", self.severity, self.message)
        } else {
            format!(
                "{file}:{}:{}: {}: {}",
                self.pos.line, self.pos.column, self.severity, self.message
            )
        }
    }
}

/// The longest line a diagnostic shows.
const LONG_LINE: usize = 1000;

/// Text for a terminal: each control character (an escape sequence in a
/// title could rewrite the screen) shown as its picture (`␛`), one for one,
/// so columns stay where they were; tabs and line breaks kept.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let shown = |c: char| c.is_control() && c != '\t' && c != '\n';
    if !text.chars().any(shown) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            _ if !shown(c) => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            _ => '\u{fffd}',
        })
        .collect::<String>()
        .into()
}

/// The byte index of a 1-based character column in a line (clamped to its end).
fn byte_of_column(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// All the problems of one file, errors first, each in source order.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (a.severity, a.pos, &a.message).cmp(&(b.severity, b.pos, &b.message)));
}
