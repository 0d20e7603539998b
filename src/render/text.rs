//! The plain-text renderer: no markup, numbered headings, bullets, aligned tables,
//! wrapped at a display width.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

use super::table::{Grid, layout};
use super::{Renderer, markup};
use crate::doc::{Block, Document, Node};

pub struct TextRenderer {
    width: usize,
}

impl TextRenderer {
    pub fn new(width: usize) -> TextRenderer {
        TextRenderer { width }
    }
}

impl Renderer for TextRenderer {
    fn render(&self, doc: &Document) -> anyhow::Result<Vec<u8>> {
        let mut w = Writer {
            out: String::new(),
            width: self.width,
            doc,
        };
        w.underlined(&doc.title, '=');
        w.line(&format!("Effective date: {}", doc.dates.effective_text()));
        // Shown even when it is the effective date: the law asks for it (11 CCR 7011(e)(4)).
        w.line(&format!("Last updated: {}", doc.dates.last_updated_text()));
        w.out.push('\n');
        w.blocks(&doc.lead);
        for node in &doc.sections {
            w.node(node, node.depth == 0);
        }
        for node in &doc.supplements {
            w.out.push('\n');
            w.underlined(&node.heading(), '=');
            w.blocks(&node.body);
            for child in &node.children {
                w.node(child, true);
            }
        }
        if !doc.changelog.is_empty() {
            w.out.push('\n');
            w.underlined("Version history", '-');
            for change in &doc.changelog {
                let date = crate::date::format(change.date, doc.dates.format);
                w.wrapped(&format!("{date}: {}", change.summary), "", "  ");
            }
            w.out.push('\n');
        }
        let mut out = w.out;
        out.truncate(out.trim_end().len());
        out.push('\n');
        Ok(out.into_bytes())
    }
}

struct Writer<'a> {
    out: String,
    width: usize,
    doc: &'a Document,
}

impl Writer<'_> {
    fn line(&mut self, text: &str) {
        self.out.push_str(text.trim_end());
        self.out.push('\n');
    }

    fn underlined(&mut self, text: &str, rule: char) {
        self.wrapped(text, "", "");
        let widest = self
            .out
            .lines()
            .rev()
            .take_while(|l| !l.is_empty())
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        self.line(&rule.to_string().repeat(widest.max(1)));
        self.out.push('\n');
    }

    /// `top` marks the first level of the policy or of a supplement, which is underlined.
    fn node(&mut self, node: &Node, top: bool) {
        if top {
            self.out.push('\n');
            self.underlined(&node.heading(), '-');
        } else {
            self.wrapped(&node.heading(), "", "");
            self.out.push('\n');
        }
        self.blocks(&node.body);
        for child in &node.children {
            self.node(child, false);
        }
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Markdown(md) => self.markdown(md),
                Block::CcpaTable => {
                    if let Some(ccpa) = &self.doc.ccpa {
                        let mut grid = Grid::ccpa(ccpa);
                        for cell in grid.rows.iter_mut().flatten() {
                            *cell = markup::plain(cell);
                        }
                        self.out.push_str(&layout(&grid, self.width));
                        self.out.push('\n');
                    }
                }
            }
        }
    }

    /// Wraps one logical line (hard breaks split it first) with the given indents.
    fn wrapped(&mut self, text: &str, first: &str, rest: &str) {
        for (i, line) in text.split('\n').enumerate() {
            let initial = if i == 0 { first } else { rest };
            if self.width == 0 {
                self.line(&format!("{initial}{line}"));
                continue;
            }
            if line.is_ascii() && initial.is_ascii() && rest.is_ascii() {
                self.wrap_ascii(line, initial, rest);
                continue;
            }
            // Break between words at spaces, so a URL stays whole; only text in
            // scripts written without spaces (CJK) needs Unicode's line-break rules.
            let wide = line
                .chars()
                .any(|c| unicode_width::UnicodeWidthChar::width(c) == Some(2));
            let separator = if wide {
                textwrap::WordSeparator::UnicodeBreakProperties
            } else {
                textwrap::WordSeparator::AsciiSpace
            };
            let options = textwrap::Options::new(self.width)
                .initial_indent(initial)
                .subsequent_indent(rest)
                .word_separator(separator)
                .break_words(false);
            for l in textwrap::wrap(line, options) {
                self.line(&l);
            }
        }
    }

    /// First-fit wrapping of ASCII text at spaces, where a byte is a column.
    /// Most policies are ASCII, and this is the hot path of the text renderer
    /// (textwrap's general machinery took half its time). It breaks lines
    /// where textwrap's first-fit with `AsciiSpace` and no word breaking
    /// does, but runs of spaces become one (a unit test compares the two).
    ///
    /// Each output line is found by looking back from the widest place it
    /// could end for a space, so the text is copied a line at a time and
    /// never scanned word by word. Text with a run of spaces goes word by word
    /// ([`Self::wrap_words`]) from the line where the run is, and text with
    /// other whitespace than spaces goes word by word from the start.
    fn wrap_ascii(&mut self, line: &str, first: &str, rest: &str) {
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
        while !text.is_empty() {
            let room = self.width.saturating_sub(indent.len());
            let bytes = text.as_bytes();
            let cut = if bytes.len() <= room {
                bytes.len()
            } else {
                match bytes[..=room].iter().rposition(|&b| b == b' ') {
                    Some(at) => at,
                    // The first word is wider than the line: it gets one of its own.
                    None => text.find(' ').unwrap_or(bytes.len()),
                }
            };
            // A run of spaces anywhere the line could reach would count as
            // one space word by word, and move where the line ends.
            let reach = (cut + 1).max(room + 2).min(bytes.len());
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

    /// [`Self::wrap_ascii`] one word at a time, runs of spaces becoming one.
    fn wrap_words(&mut self, line: &str, first: &str, rest: &str) {
        // Written straight into the output: `start` is where the current line begins.
        let mut start = self.out.len();
        self.out.push_str(first);
        let mut empty = true;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            if !empty && self.out.len() - start + 1 + word.len() > self.width {
                self.out.push('\n');
                start = self.out.len();
                self.out.push_str(rest);
                empty = true;
            }
            if !empty {
                self.out.push(' ');
            }
            self.out.push_str(word);
            empty = false;
        }
        // An indent with no words after it leaves no trailing spaces.
        let trimmed = self.out[start..].trim_end().len();
        self.out.truncate(start + trimmed);
        self.out.push('\n');
    }

    fn markdown(&mut self, md: &str) {
        let events = markup::events(md, true);
        let mut para = String::new();
        // Each open list: the next number, or None for bullets.
        let mut lists: Vec<Option<u64>> = Vec::new();
        let mut prefix: Option<String> = None;
        let mut quote = 0usize;
        let mut link: Vec<(String, usize)> = Vec::new();
        let mut code_block = false;
        let mut table: Option<Grid> = None;
        let mut cell = String::new();
        let indent = |lists: &Vec<Option<u64>>, quote: usize| {
            "  ".repeat(lists.len()) + &"    ".repeat(quote)
        };

        let flush = |w: &mut Self,
                     para: &mut String,
                     prefix: &mut Option<String>,
                     lists: &Vec<Option<u64>>,
                     quote: usize| {
            let text = para.trim();
            if text.is_empty() {
                return;
            }
            let rest = indent(lists, quote);
            let first = prefix.take().unwrap_or_else(|| rest.clone());
            w.wrapped(text, &first, &rest);
            para.clear();
        };

        for event in events {
            match event {
                Event::Start(Tag::Paragraph) => {}
                Event::End(TagEnd::Paragraph) => {
                    flush(self, &mut para, &mut prefix, &lists, quote);
                    if lists.is_empty() {
                        self.out.push('\n');
                    }
                }
                Event::Start(Tag::Heading { .. }) => {}
                Event::End(TagEnd::Heading(level)) => {
                    flush(self, &mut para, &mut prefix, &lists, quote);
                    if level <= HeadingLevel::H2 {
                        let last = self.out.lines().last().map_or(0, UnicodeWidthStr::width);
                        self.line(&"-".repeat(last.max(1)));
                    }
                    self.out.push('\n');
                }
                Event::Start(Tag::List(start)) => {
                    flush(self, &mut para, &mut prefix, &lists, quote);
                    lists.push(start);
                }
                Event::End(TagEnd::List(_)) => {
                    lists.pop();
                    if lists.is_empty() {
                        self.out.push('\n');
                    }
                }
                Event::Start(Tag::Item) => {
                    flush(self, &mut para, &mut prefix, &lists, quote);
                    let outer = "  ".repeat(lists.len().saturating_sub(1)) + &"    ".repeat(quote);
                    let marker = match lists.last_mut() {
                        Some(Some(n)) => {
                            *n += 1;
                            format!("{}. ", *n - 1)
                        }
                        _ => "- ".to_string(),
                    };
                    prefix = Some(format!("{outer}{marker}"));
                }
                Event::End(TagEnd::Item) => flush(self, &mut para, &mut prefix, &lists, quote),
                Event::Start(Tag::BlockQuote(_)) => quote += 1,
                Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
                Event::Start(Tag::CodeBlock(_)) => code_block = true,
                Event::End(TagEnd::CodeBlock) => {
                    code_block = false;
                    self.out.push('\n');
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    link.push((dest_url.to_string(), para.len()))
                }
                Event::End(TagEnd::Link) => {
                    if let Some((dest, start)) = link.pop() {
                        let shown = para.get(start..).unwrap_or("").trim().to_string();
                        let bare = dest.strip_prefix("mailto:").unwrap_or(&dest);
                        // Plain text cannot link, so an outside address is written out.
                        if !dest.starts_with('#') && shown != bare && !dest.is_empty() {
                            para.push_str(&format!(" ({bare})"));
                        }
                    }
                }
                Event::Start(Tag::Table(_)) => {
                    table = Some(Grid {
                        headings: Vec::new(),
                        rows: Vec::new(),
                        row_headers: false,
                    })
                }
                Event::End(TagEnd::Table) => {
                    if let Some(grid) = table.take() {
                        self.out.push_str(&layout(&grid, self.width));
                        self.out.push('\n');
                    }
                }
                Event::Start(Tag::TableRow) => {
                    if let Some(g) = table.as_mut() {
                        g.rows.push(Vec::new());
                    }
                }
                Event::End(TagEnd::TableCell) => {
                    if let Some(g) = table.as_mut() {
                        let text = std::mem::take(&mut cell).trim().to_string();
                        match g.rows.last_mut() {
                            Some(row) => row.push(text),
                            None => g.headings.push(text),
                        }
                    }
                }
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    if code_block {
                        for l in t.lines() {
                            self.line(&format!("{}    {l}", indent(&lists, quote)));
                        }
                    } else if table.is_some() {
                        cell.push_str(&t);
                    } else {
                        para.push_str(&t);
                    }
                }
                Event::SoftBreak => para.push(' '),
                Event::HardBreak => para.push('\n'),
                Event::Rule => {
                    let n = if self.width == 0 {
                        40
                    } else {
                        self.width.min(40)
                    };
                    self.line(&"-".repeat(n));
                    self.out.push('\n');
                }
                Event::TaskListMarker(done) => para.push_str(if done { "[x] " } else { "[ ] " }),
                Event::FootnoteReference(name) => para.push_str(&format!("[{name}]")),
                _ => {}
            }
        }
        flush(self, &mut para, &mut prefix, &lists, quote);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_wrapping_breaks_where_textwrap_does() {
        let text = "We keep account information while your account is open. When you delete your account, we delete your notes within 30 days and remove them from backups within 90 days, as https://fernhill.example/a/very/long/url/that/does/not/fit/anywhere explains.";
        for width in [10, 20, 33, 40, 80] {
            let options = textwrap::Options::new(width)
                .initial_indent("- ")
                .subsequent_indent("  ")
                .word_separator(textwrap::WordSeparator::AsciiSpace)
                .break_words(false);
            let expected: Vec<String> = textwrap::wrap(text, options)
                .into_iter()
                .map(|l| l.trim_end().to_string())
                .collect();
            let doc_free = Writer {
                out: String::new(),
                width,
                doc: &empty_doc(),
            };
            let mut w = doc_free;
            w.wrap_ascii(text, "- ", "  ");
            let got: Vec<&str> = w.out.lines().collect();
            assert_eq!(got, expected, "width {width}");
        }
    }

    #[test]
    fn ascii_wrapping_by_lines_matches_wrapping_word_by_word() {
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
        ];
        for text in texts {
            for width in [1, 2, 5, 8, 13, 21, 34, 80, 200] {
                for (first, rest) in [("", ""), ("- ", "  "), ("12345678", "    ")] {
                    let mut by_lines = Writer {
                        out: String::new(),
                        width,
                        doc: &empty_doc(),
                    };
                    let mut by_words = Writer {
                        out: String::new(),
                        width,
                        doc: &empty_doc(),
                    };
                    by_lines.wrap_ascii(text, first, rest);
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
