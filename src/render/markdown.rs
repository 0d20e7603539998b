//! The Markdown renderer: GitHub-flavoured Markdown, readable as-is and usable as an
//! mdBook chapter. The document is built as pulldown-cmark events and written
//! once (`cmark`), then checked as a whole as the published site will read it.

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::table::Grid;
use super::{Renderer, cmark};
use crate::doc::{Block, Document, Node};

pub struct MarkdownRenderer;

impl Renderer for MarkdownRenderer {
    fn render(&self, doc: &Document) -> anyhow::Result<Vec<u8>> {
        let mut out = Events::default();
        out.heading(1, &doc.title);
        out.dates(doc);
        // Statements a law dictates, where the reader starts (Texas 541.102).
        for statement in &doc.statements {
            out.open(Tag::Paragraph);
            out.open(Tag::Strong);
            out.text(statement.clone());
            out.close(TagEnd::Strong);
            out.close(TagEnd::Paragraph);
        }
        out.blocks(doc, &doc.lead);
        for node in doc.sections.iter().chain(&doc.supplements) {
            out.section(doc, node, 2);
        }
        if !doc.changelog.is_empty() {
            out.heading(2, "Version history");
            out.open(Tag::List(None));
            for change in &doc.changelog {
                out.open(Tag::Item);
                let date = crate::date::format(change.date, doc.dates.format);
                out.open(Tag::Strong);
                out.text(format!("{date}:"));
                out.close(TagEnd::Strong);
                out.text(" ");
                out.0
                    .extend(cmark::inline_events(&change.summary, doc.trust_html));
                out.close(TagEnd::Item);
            }
            out.close(TagEnd::List(false));
        }
        let mut markdown = cmark::write(&out.0)?;
        markdown.truncate(markdown.trim_end().len());
        markdown.push('\n');
        cmark::check(&markdown, doc.trust_html).map_err(|what| {
            anyhow::anyhow!(
                "the Markdown of this policy would publish {what}, which policyc refuses; nothing was written (please report this)"
            )
        })?;
        Ok(markdown.into_bytes())
    }
}

/// The events of the document being built.
#[derive(Default)]
struct Events(Vec<Event<'static>>);

impl Events {
    fn push(&mut self, event: Event<'static>) {
        self.0.push(event);
    }

    fn open(&mut self, tag: Tag<'static>) {
        self.push(Event::Start(tag));
    }

    fn close(&mut self, tag: TagEnd) {
        self.push(Event::End(tag));
    }

    fn text(&mut self, text: impl Into<String>) {
        self.push(Event::Text(CowStr::from(text.into())));
    }

    /// The dates the policy shows under its title. "Last updated" is shown
    /// even when it is the effective date: the law asks for it (11 CCR 7011(e)(4)).
    fn dates(&mut self, doc: &Document) {
        let show = doc.dates.show;
        if let Some(note) = &doc.dates.note {
            // After the dates, in a paragraph of its own.
            self.dates_only(doc, show);
            self.open(Tag::Paragraph);
            self.0.extend(cmark::inline_events(note, doc.trust_html));
            self.close(TagEnd::Paragraph);
            return;
        }
        self.dates_only(doc, show);
    }

    fn dates_only(&mut self, doc: &Document, show: crate::model::DatesShown) {
        if !show.effective() && !show.last_updated() {
            return;
        }
        self.open(Tag::Paragraph);
        if show.effective() {
            self.label("Effective date:", doc.dates.effective_text());
        }
        if show.effective() && show.last_updated() {
            self.push(Event::HardBreak);
        }
        if show.last_updated() {
            self.label("Last updated:", doc.dates.last_updated_text());
        }
        self.close(TagEnd::Paragraph);
    }

    /// `**label** value`.
    fn label(&mut self, label: &str, value: String) {
        self.open(Tag::Strong);
        self.text(label);
        self.close(TagEnd::Strong);
        self.text(format!(" {value}"));
    }

    fn heading(&mut self, level: usize, text: &str) {
        let level = match level {
            1 => HeadingLevel::H1,
            2 => HeadingLevel::H2,
            3 => HeadingLevel::H3,
            4 => HeadingLevel::H4,
            5 => HeadingLevel::H5,
            _ => HeadingLevel::H6,
        };
        self.open(Tag::Heading {
            level,
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        });
        self.text(text);
        self.close(TagEnd::Heading(level));
    }

    fn section(&mut self, doc: &Document, node: &Node, level: usize) {
        // An explicit anchor, so links to `#id` work on GitHub and in mdBook alike.
        // Ids are checked when the policy loads ([a-z0-9-]); escaped all the same.
        let mut anchor = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut anchor, &node.id);
        self.open(Tag::Paragraph);
        self.push(Event::InlineHtml(format!("<a id=\"{anchor}\"></a>").into()));
        self.close(TagEnd::Paragraph);
        self.heading(level, &node.heading());
        self.blocks(doc, &node.body);
        for child in &node.children {
            self.section(doc, child, level + 1);
        }
    }

    fn blocks(&mut self, doc: &Document, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Markdown(md) => self.0.extend(cmark::body_events(md, doc.trust_html)),
                Block::CcpaTable => {
                    if let Some(ccpa) = &doc.ccpa {
                        self.table(&Grid::ccpa(ccpa), doc.trust_html);
                    }
                }
            }
        }
    }

    /// A GFM pipe table. Headings are plain text; cells are inline markdown
    /// (a cell may link to a section), kept on one line.
    fn table(&mut self, grid: &Grid, trust_html: bool) {
        self.open(Tag::Table(vec![Alignment::None; grid.headings.len()]));
        self.open(Tag::TableHead);
        for heading in &grid.headings {
            self.open(Tag::TableCell);
            self.text(heading.as_str());
            self.close(TagEnd::TableCell);
        }
        self.close(TagEnd::TableHead);
        for row in &grid.rows {
            self.open(Tag::TableRow);
            for cell in row {
                self.open(Tag::TableCell);
                self.0.extend(cmark::inline_events(cell, trust_html));
                self.close(TagEnd::TableCell);
            }
            self.close(TagEnd::TableRow);
        }
        self.close(TagEnd::Table);
    }
}
