//! The Markdown renderer: GitHub-flavoured Markdown, readable as-is and usable as an
//! mdBook chapter.

use super::table::Grid;
use super::{Renderer, markup};
use crate::doc::{Block, Document, Node};

pub struct MarkdownRenderer;

impl Renderer for MarkdownRenderer {
    fn render(&self, doc: &Document) -> anyhow::Result<Vec<u8>> {
        let mut out = String::new();
        out.push_str(&format!("# {}\n\n", markup::escape_text(&doc.title)));
        out.push_str(&format!(
            "**Effective date:** {}",
            doc.dates.effective_text()
        ));
        // Shown even when it is the effective date: the law asks for it (11 CCR 7011(e)(4)).
        out.push_str(&format!(
            "\\\n**Last updated:** {}",
            doc.dates.last_updated_text()
        ));
        out.push_str("\n\n");
        blocks(&mut out, doc, &doc.lead);
        for node in &doc.sections {
            section(&mut out, doc, node, 2);
        }
        for node in &doc.supplements {
            section(&mut out, doc, node, 2);
        }
        if !doc.changelog.is_empty() {
            out.push_str("## Version history\n\n");
            for change in &doc.changelog {
                let date = crate::date::format(change.date, doc.dates.format);
                out.push_str(&format!(
                    "- **{date}:** {}\n",
                    markup::sanitize(&change.summary, doc.trust_html)
                ));
            }
            out.push('\n');
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        Ok(out.into_bytes())
    }
}

fn section(out: &mut String, doc: &Document, node: &Node, level: usize) {
    // An explicit anchor, so links to `#id` work on GitHub and in mdBook alike.
    out.push_str(&format!(
        "<a id=\"{}\"></a>\n\n{} {}\n\n",
        node.id,
        "#".repeat(level.min(6)),
        markup::escape_text(&node.heading())
    ));
    blocks(out, doc, &node.body);
    for child in &node.children {
        section(out, doc, child, level + 1);
    }
}

fn blocks(out: &mut String, doc: &Document, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Markdown(md) => out.push_str(&markup::sanitize(md, doc.trust_html)),
            Block::CcpaTable => {
                if let Some(ccpa) = &doc.ccpa {
                    out.push_str(&pipe_table(&Grid::ccpa(ccpa), doc.trust_html));
                }
            }
        }
        out.push_str("\n\n");
    }
}

/// A GFM pipe table. Headings are plain text; cells are inline markdown (a cell
/// may link to a section). Pipes are escaped and line breaks flattened.
fn pipe_table(grid: &Grid, trust_html: bool) -> String {
    let row = |cells: Vec<String>| {
        let cells: Vec<String> = cells
            .iter()
            .map(|c| c.replace('|', "\\|").replace('\n', " "))
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = row(grid
        .headings
        .iter()
        .map(|h| markup::escape_text(h))
        .collect());
    out.push_str(&format!("|{}\n", " --- |".repeat(grid.headings.len())));
    for r in &grid.rows {
        out.push_str(&row(r
            .iter()
            .map(|c| markup::sanitize(c, trust_html).into_owned())
            .collect()));
    }
    out.trim_end().to_string()
}
