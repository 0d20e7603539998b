//! A policy source in memory (its text, the name diagnostics print for it,
//! the revision it was read at) and a place in it: what diagnostics point at.

use std::path::PathBuf;

use serde_saphyr::{Location, Spanned};

/// A place in a source file: 1-based line and column (in characters).
/// Line 0 means "somewhere in the file", for problems with no better place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub const FILE: Pos = Pos { line: 0, column: 0 };

    pub fn new(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }

    /// The place of a byte offset in a text (clamped to the text's end, and
    /// back to a character boundary).
    pub fn of_offset(text: &str, offset: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Pos::new(line, column)
    }
}

/// A policy source in memory: its text and the name diagnostics print for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    /// The path as the user wrote it (or as found under a folder they named).
    pub name: String,
    pub text: String,
    /// The git revision the text was read at, for `REV:PATH` versions.
    pub rev: Option<String>,
    /// Where each line starts, found on first use: diagnostics look lines up
    /// by number, and a file with many problems must not be scanned for each.
    pub line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        let name = name.into();
        Source {
            path: PathBuf::from(&name),
            name,
            text: text.into(),
            rev: None,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, number: usize) -> Option<&str> {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let start = *starts.get(number.checked_sub(1)?)?;
        if start >= self.text.len() {
            return None;
        }
        let end = starts.get(number).map_or(self.text.len(), |next| next - 1);
        let line = &self.text[start..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    /// The place a serde-saphyr location points at, as a diagnostic position.
    pub fn pos(loc: &Location) -> Pos {
        Pos::new(loc.line() as usize, loc.column() as usize)
    }

    /// Where a spanned value was written.
    pub fn pos_of<T>(value: &Spanned<T>) -> Pos {
        Source::pos(&value.referenced)
    }

    /// Maps a place inside a string value (1-based line, 0-based column) to
    /// this file. Block scalars (`|`) and plain scalars start where their
    /// text does; quoted scalars one character later.
    pub fn locate<T>(&self, value: &Spanned<T>, line: usize, col: usize) -> Pos {
        let base = Source::pos_of(value);
        if base.line == 0 {
            return base;
        }
        let quoted = self
            .line(base.line)
            .and_then(|l| l.chars().nth(base.column.saturating_sub(1)))
            .is_some_and(|c| c == '"' || c == '\'');
        let line = line.max(1);
        let column = base.column + col + usize::from(quoted && line == 1);
        Pos::new(base.line + line - 1, column)
    }

    /// Where a byte offset inside a string value lies in this file.
    pub fn pos_in(&self, value: &Spanned<String>, offset: usize) -> Pos {
        let inner = Pos::of_offset(&value.value, offset);
        self.locate(value, inner.line, inner.column - 1)
    }

    /// Where the key of a mapping entry is written, given its value: the
    /// nearest line at or above the value that starts with `key:`. A mapping
    /// value's own place is its first key, one line too low for a message
    /// about the entry as a whole.
    pub fn key_pos<T>(&self, key: &str, value: &Spanned<T>) -> Pos {
        let at = Source::pos_of(value);
        let found = (1..=at.line).rev().find_map(|n| {
            let line = self.line(n)?;
            let content = line.trim_start();
            let rest = content.strip_prefix(key)?;
            rest.starts_with(':')
                .then(|| Pos::new(n, line.len() - content.len() + 1))
        });
        found.unwrap_or(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_by_number_as_str_lines_gives_them() {
        for text in ["", "a", "a\n", "a\n\nb", "a\r\nb\r\n", "\n\n", "x\ny\nz"] {
            let source = Source::new("t.yaml", text);
            let expected: Vec<&str> = text.lines().collect();
            for n in 1..=expected.len() + 2 {
                assert_eq!(
                    source.line(n),
                    expected.get(n - 1).copied(),
                    "{text:?} line {n}"
                );
            }
            assert_eq!(source.line(0), None);
        }
    }
}
