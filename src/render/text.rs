//! The plain-text renderer: no markup, underlined headings, bullets, aligned tables, wrapped lines.

mod body;
mod wrap;

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
        let mut w = Writer::new(self.width, doc);
        w.front_matter();
        w.blocks(&doc.lead);
        for node in &doc.sections {
            w.node(node, node.depth == 0);
        }
        for node in &doc.supplements {
            w.supplement(node);
        }
        w.changelog();
        let mut out = w.out;
        out.truncate(out.trim_end().len());
        out.push('\n');
        Ok(out.into_bytes())
    }
}

/// The text written so far, and what every part of the document needs to write more.
struct Writer<'a> {
    out: String,
    /// The wrap width in display columns; 0 turns wrapping off.
    width: usize,
    doc: &'a Document,
}

impl<'a> Writer<'a> {
    fn new(width: usize, doc: &'a Document) -> Writer<'a> {
        Writer {
            out: String::new(),
            width,
            doc,
        }
    }

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

    /// The title and the dates.
    fn front_matter(&mut self) {
        let doc = self.doc;
        self.underlined(&doc.title, '=');
        let show = doc.dates.show;
        if show.effective() {
            self.line(&format!("Effective date: {}", doc.dates.effective_text()));
        }
        // Shown even when it is the effective date: the law asks for it (11 CCR 7011(e)(4)).
        if show.last_updated() {
            self.line(&format!("Last updated: {}", doc.dates.last_updated_text()));
        }
        if let Some(note) = &doc.dates.note {
            self.line(&crate::render::markup::plain(note));
        }
        if show.effective() || show.last_updated() || doc.dates.note.is_some() {
            self.out.push('\n');
        }
        // Statements a law dictates, where the reader starts (Texas 541.102).
        for statement in &doc.statements {
            self.wrapped(statement, "", "");
            self.out.push('\n');
        }
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

    /// A supplement's heading is underlined like the title, and its sections like top ones.
    fn supplement(&mut self, node: &Node) {
        self.out.push('\n');
        self.underlined(&node.heading(), '=');
        self.blocks(&node.body);
        for child in &node.children {
            self.node(child, true);
        }
    }

    fn changelog(&mut self) {
        let doc = self.doc;
        if doc.changelog.is_empty() {
            return;
        }
        self.out.push('\n');
        self.underlined("Version history", '-');
        for change in &doc.changelog {
            let date = crate::date::format(change.date, doc.dates.format);
            self.wrapped(&format!("{date}: {}", change.summary), "", "  ");
        }
        self.out.push('\n');
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Markdown(md) => self.markdown(md),
                Block::CcpaTable => self.ccpa_table(),
            }
        }
    }

    fn ccpa_table(&mut self) {
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
