//! A Markdown body written as plain text: a small state machine over pulldown-cmark's events.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

use super::Writer;
use crate::render::markup;
use crate::render::table::{Grid, layout};

impl Writer<'_> {
    pub(super) fn markdown(&mut self, md: &str) {
        let mut body = Body::new(self);
        for event in markup::events(md, true) {
            body.event(event);
        }
        body.flush();
    }
}

/// Where the writer is inside one body: the paragraph being gathered and the
/// blocks (lists, quotes, code, a table) it sits in.
struct Body<'w, 'a> {
    w: &'w mut Writer<'a>,
    /// The text of the current paragraph, heading or item, written when it ends.
    para: String,
    /// Each open list: the next number, or None for bullets.
    lists: Vec<Option<u64>>,
    /// The marker of an item whose first line is not written yet.
    prefix: Option<String>,
    /// How deep in block quotes.
    quote: usize,
    /// Each open link: its target and where its text starts in `para`.
    links: Vec<(String, usize)>,
    code_block: bool,
    table: Option<Grid>,
    cell: String,
}

impl<'w, 'a> Body<'w, 'a> {
    fn new(w: &'w mut Writer<'a>) -> Self {
        Body {
            w,
            para: String::new(),
            lists: Vec::new(),
            prefix: None,
            quote: 0,
            links: Vec::new(),
            code_block: false,
            table: None,
            cell: String::new(),
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                self.text(&t)
            }
            Event::SoftBreak => self.para.push(' '),
            Event::HardBreak => self.para.push('\n'),
            Event::Rule => self.rule(),
            Event::TaskListMarker(done) => self.para.push_str(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(name) => self.para.push_str(&format!("[{name}]")),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => self.item(),
            Tag::BlockQuote(_) => self.quote += 1,
            Tag::CodeBlock(_) => self.code_block = true,
            Tag::Link { dest_url, .. } => self.links.push((dest_url.to_string(), self.para.len())),
            Tag::Table(_) => {
                self.table = Some(Grid {
                    headings: Vec::new(),
                    rows: Vec::new(),
                    row_headers: false,
                })
            }
            Tag::TableRow => {
                if let Some(grid) = self.table.as_mut() {
                    grid.rows.push(Vec::new());
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.flush();
                if self.lists.is_empty() {
                    self.w.out.push('\n');
                }
            }
            TagEnd::Heading(level) => self.heading_end(level),
            TagEnd::List(_) => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.w.out.push('\n');
                }
            }
            TagEnd::Item => self.flush(),
            TagEnd::BlockQuote(_) => self.quote = self.quote.saturating_sub(1),
            TagEnd::CodeBlock => {
                self.code_block = false;
                self.w.out.push('\n');
            }
            TagEnd::Link => self.link_end(),
            TagEnd::Table => self.table_end(),
            TagEnd::TableCell => self.cell_end(),
            _ => {}
        }
    }

    /// The indent of the lines inside the open lists and quotes.
    fn indent(&self) -> String {
        "  ".repeat(self.lists.len()) + &"    ".repeat(self.quote)
    }

    /// Writes the gathered paragraph, after the pending item marker if there is one.
    fn flush(&mut self) {
        let text = self.para.trim();
        if text.is_empty() {
            return;
        }
        let rest = self.indent();
        let first = self.prefix.take().unwrap_or_else(|| rest.clone());
        self.w.wrapped(text, &first, &rest);
        self.para.clear();
    }

    fn text(&mut self, text: &str) {
        if self.code_block {
            let indent = self.indent();
            for l in text.lines() {
                self.w.line(&format!("{indent}    {l}"));
            }
        } else if self.table.is_some() {
            self.cell.push_str(text);
        } else {
            self.para.push_str(text);
        }
    }

    /// Headings of the first two levels are underlined; deeper ones stand alone.
    fn heading_end(&mut self, level: HeadingLevel) {
        self.flush();
        if level <= HeadingLevel::H2 {
            let last = self.w.out.lines().last().map_or(0, UnicodeWidthStr::width);
            self.w.line(&"-".repeat(last.max(1)));
        }
        self.w.out.push('\n');
    }

    /// An item's marker waits in `prefix` for the item's first line.
    fn item(&mut self) {
        self.flush();
        let outer = "  ".repeat(self.lists.len().saturating_sub(1)) + &"    ".repeat(self.quote);
        let marker = match self.lists.last_mut() {
            Some(Some(n)) => {
                *n += 1;
                format!("{}. ", *n - 1)
            }
            _ => "- ".to_string(),
        };
        self.prefix = Some(format!("{outer}{marker}"));
    }

    fn link_end(&mut self) {
        if let Some((dest, start)) = self.links.pop() {
            let shown = self.para.get(start..).unwrap_or("").trim().to_string();
            let bare = dest.strip_prefix("mailto:").unwrap_or(&dest);
            // Plain text cannot link, so an outside address is written out.
            if !dest.starts_with('#') && shown != bare && !dest.is_empty() {
                self.para.push_str(&format!(" ({bare})"));
            }
        }
    }

    fn cell_end(&mut self) {
        if let Some(grid) = self.table.as_mut() {
            let text = std::mem::take(&mut self.cell).trim().to_string();
            match grid.rows.last_mut() {
                Some(row) => row.push(text),
                None => grid.headings.push(text),
            }
        }
    }

    fn table_end(&mut self) {
        if let Some(grid) = self.table.take() {
            self.w.out.push_str(&layout(&grid, self.w.width));
            self.w.out.push('\n');
        }
    }

    fn rule(&mut self) {
        let n = if self.w.width == 0 {
            40
        } else {
            self.w.width.min(40)
        };
        self.w.line(&"-".repeat(n));
        self.w.out.push('\n');
    }
}
