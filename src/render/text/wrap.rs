//! Line wrapping at a display width: a fast path for text of one column per
//! character (every alphabetic script), textwrap for the rest.

use unicode_width::UnicodeWidthChar;

use super::Writer;

impl Writer<'_> {
    /// Wraps one logical line (hard breaks split it first) with the given indents.
    pub(super) fn wrapped(&mut self, text: &str, first: &str, rest: &str) {
        for (i, line) in text.split('\n').enumerate() {
            let initial = if i == 0 { first } else { rest };
            if self.width == 0 {
                self.line(&format!("{initial}{line}"));
            } else if [line, initial, rest].into_iter().all(narrow) {
                self.wrap_narrow(line, initial, rest);
            } else {
                self.wrap_unicode(line, initial, rest);
            }
        }
    }

    fn wrap_unicode(&mut self, line: &str, first: &str, rest: &str) {
        // Break between words at spaces, so a URL stays whole; only text in
        // scripts written without spaces (CJK) needs Unicode's line-break rules.
        let wide = line.chars().any(|c| c.width() == Some(2));
        let separator = if wide {
            textwrap::WordSeparator::UnicodeBreakProperties
        } else {
            textwrap::WordSeparator::AsciiSpace
        };
        let options = textwrap::Options::new(self.width)
            .initial_indent(first)
            .subsequent_indent(rest)
            .word_separator(separator)
            .break_words(false);
        for l in textwrap::wrap(line, options) {
            self.line(&l);
        }
    }

    /// First-fit wrapping of text where a character is a column: the common
    /// case, kept off textwrap's general machinery. It breaks where textwrap's
    /// first-fit with `AsciiSpace` and no word breaking does, except that runs
    /// of spaces become one (the tests below compare it with both).
    ///
    /// Each line is found by looking back from the widest place it could end for
    /// a space, so text is copied a line at a time rather than word by word.
    fn wrap_narrow(&mut self, line: &str, first: &str, rest: &str) {
        let mut indent = first;
        // Word by word, a tab or form feed is part of a word, except at the
        // end of the text: such rare text takes that path.
        if line
            .bytes()
            .any(|b| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        {
            return self.wrap_words(line, first, rest);
        }
        let mut text = line.trim_matches(' ');
        if text.is_empty() {
            // No words: the indent alone, without trailing spaces.
            return self.line(first);
        }
        // Most text has no run of spaces: one search settles it for every line.
        let runs = text.contains("  ");
        let ascii = text.is_ascii();
        // Where the first `n` columns of `text` end, in bytes.
        let after = |text: &str, n: usize| match ascii {
            true => n.min(text.len()),
            false => text.char_indices().nth(n).map_or(text.len(), |(i, _)| i),
        };
        while !text.is_empty() {
            let room = self.width.saturating_sub(columns(indent));
            let cut = if after(text, room) == text.len() {
                text.len()
            } else {
                match text.as_bytes()[..after(text, room + 1)]
                    .iter()
                    .rposition(|&b| b == b' ')
                {
                    Some(at) => at,
                    // The first word is wider than the line: it gets one of its own.
                    None => text.find(' ').unwrap_or(text.len()),
                }
            };
            // A run of spaces anywhere the line could reach would count as
            // one space word by word, and move where the line ends.
            let reach = (cut + 1).max(after(text, room + 2)).min(text.len());
            if runs && text[..reach].contains("  ") {
                return self.wrap_words(text, indent, rest);
            }
            self.out.push_str(indent);
            self.out.push_str(&text[..cut]);
            self.out.push('\n');
            text = text[cut..].trim_start_matches(' ');
            indent = rest;
        }
    }

    /// [`Self::wrap_narrow`] one word at a time, runs of spaces becoming one.
    fn wrap_words(&mut self, line: &str, first: &str, rest: &str) {
        // Written straight into the output: `start` is where the current line begins.
        let mut start = self.out.len();
        self.out.push_str(first);
        let mut column = columns(first);
        let mut empty = true;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let width = columns(word);
            if !empty && column + 1 + width > self.width {
                self.out.push('\n');
                start = self.out.len();
                self.out.push_str(rest);
                column = columns(rest);
                empty = true;
            }
            if !empty {
                self.out.push(' ');
                column += 1;
            }
            self.out.push_str(word);
            column += width;
            empty = false;
        }
        // An indent with no words after it leaves no trailing spaces.
        let trimmed = self.out[start..].trim_end().len();
        self.out.truncate(start + trimmed);
        self.out.push('\n');
    }
}

/// Whether every character of the text takes one column.
fn narrow(text: &str) -> bool {
    text.is_ascii() || text.chars().all(|c| c.is_ascii() || c.width() == Some(1))
}

/// Display width of text where every character takes one column.
fn columns(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Document;

    #[test]
    fn narrow_wrapping_breaks_where_textwrap_does() {
        let texts = [
            "We keep account information while your account is open. When you delete your account, we delete your notes within 30 days and remove them from backups within 90 days, as https://fernhill.example/a/very/long/url/that/does/not/fit/anywhere explains.",
            "Wir löschen Ihre Daten spätestens 30 Tage nach Kündigung – außer gesetzliche Aufbewahrungsfristen (§ 257 HGB) verlangen es. « Données » à caractère personnel, même très éloignées.",
        ];
        let doc = empty_doc();
        for (text, width) in texts
            .iter()
            .flat_map(|t| [10, 20, 33, 40, 80].map(|w| (t, w)))
        {
            let options = textwrap::Options::new(width)
                .initial_indent("- ")
                .subsequent_indent("  ")
                .word_separator(textwrap::WordSeparator::AsciiSpace)
                .break_words(false);
            let expected: Vec<String> = textwrap::wrap(text, options)
                .into_iter()
                .map(|l| l.trim_end().to_string())
                .collect();
            let mut w = Writer::new(width, &doc);
            w.wrap_narrow(text, "- ", "  ");
            let got: Vec<&str> = w.out.lines().collect();
            assert_eq!(got, expected, "{text:?} at width {width}");
        }
    }

    #[test]
    fn narrow_wrapping_by_lines_matches_wrapping_word_by_word() {
        let texts = [
            "",
            "   ",
            "one",
            "  leading and trailing  ",
            "a run  of spaces   in the    middle, then more words after it to wrap",
            "supercalifragilisticexpialidocious words longer than the line",
            "x y z",
            "We keep account information while your account is open, and delete it within 30 days.",
            "a\t",
            "\t",
            "tab\tinside words and at the end\t \x0c",
            "\r carriage \r return\r",
            "Über  die Löschung   entscheidet der Verantwortliche – nach Art. 17 DSGVO – unverzüglich.",
            "« guillemets »  et  espaces, déjà très longues phrases à couper",
        ];
        let doc = empty_doc();
        for text in texts {
            for width in [1, 2, 5, 8, 13, 21, 34, 80, 200] {
                for (first, rest) in [("", ""), ("- ", "  "), ("12345678", "    "), ("• ", "  ")]
                {
                    let mut by_lines = Writer::new(width, &doc);
                    let mut by_words = Writer::new(width, &doc);
                    by_lines.wrap_narrow(text, first, rest);
                    by_words.wrap_words(text, first, rest);
                    assert_eq!(
                        by_lines.out, by_words.out,
                        "{text:?} at width {width} with {first:?}/{rest:?}"
                    );
                }
            }
        }
    }

    fn empty_doc() -> Document {
        crate::compile(&crate::load::Source::new(
            "t.yaml",
            "id: t\ntitle: T\norganization: {name: O}\ndates: {effective: 2025-01-01}\n",
        ))
        .expect("a minimal policy compiles")
        .doc
    }
}
