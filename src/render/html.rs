//! The HTML renderer: a complete page from tera templates embedded in the binary,
//! each overridable by a file of the same name in a `templates/` folder.

use anyhow::Context as _;
use pulldown_cmark::html::push_html;
use serde::Serialize;
use tera::{Context, Tera, Value};

use super::table::Grid;
use super::{Overrides, Renderer, markup};
use crate::doc::{Block, Document, Node};

/// The built-in templates: (name, text). A file of the same name in the
/// templates folder replaces one.
pub const TEMPLATES: [(&str, &str); 2] = [
    ("page.html", include_str!("../../templates/page.html")),
    ("style.css", include_str!("../../templates/style.css")),
];

pub struct HtmlRenderer {
    tera: Tera,
    /// The bytes of the templates in use, for sizing the page's buffer.
    template_bytes: usize,
}

impl HtmlRenderer {
    /// The renderer with the built-in templates, each replaced by the text of
    /// an override of the same name (read by the loader from a `templates/` folder).
    pub fn new(overrides: &Overrides) -> anyhow::Result<HtmlRenderer> {
        let templates: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(name, text)| {
                let text = overrides.get(*name).map_or(*text, String::as_str);
                (name.to_string(), text.to_string())
            })
            .collect();
        let template_bytes = templates.iter().map(|(_, text)| text.len()).sum();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates(templates)
            .map_err(|e| anyhow::anyhow!("{}", report(&e)))
            .context("the HTML templates do not parse")?;
        Ok(HtmlRenderer {
            tera,
            template_bytes,
        })
    }
}

fn report(err: &tera::Error) -> String {
    use std::error::Error as _;
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(&format!("\n{s}"));
        source = s.source();
    }
    text
}

#[derive(Serialize)]
struct Org<'a> {
    name: &'a str,
    legal_name: Option<&'a str>,
    description: Option<&'a str>,
}

#[derive(Serialize)]
struct Day {
    iso: String,
    text: String,
}

/// A section or supplement, flattened in document order.
#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    number: Option<&'a str>,
    title: &'a str,
    heading: String,
    depth: usize,
    /// `h2` for top-level sections, deeper ones below it, `h6` at most.
    tag: String,
    supplement: bool,
    body: &'a str,
}

#[derive(Serialize)]
struct Change {
    date: Day,
    summary: String,
    material: bool,
}

impl Renderer for HtmlRenderer {
    fn render(&self, doc: &Document) -> anyhow::Result<Vec<u8>> {
        let day = |d: jiff::civil::Date| Day {
            iso: crate::date::iso(d),
            text: crate::date::format(d, doc.dates.format),
        };
        let mut context = Context::new();
        context.insert_value("id", Value::from(doc.id.as_str()));
        context.insert_value("title", Value::from(doc.title.as_str()));
        context.insert_value(
            "org",
            value(&Org {
                name: &doc.org.name,
                legal_name: doc.org.legal_name.as_deref(),
                description: doc.org.description.as_deref(),
            })?,
        );
        context.insert_value("effective", value(&day(doc.dates.effective))?);
        context.insert_value("last_updated", value(&day(doc.dates.last_updated))?);
        context.insert_value("show_effective", Value::from(doc.dates.show.effective()));
        context.insert_value(
            "show_last_updated",
            Value::from(doc.dates.show.last_updated()),
        );
        let note = doc
            .dates
            .note
            .as_deref()
            .map(|n| markup::inline_html(n, doc.trust_html));
        context.insert_value("dates_note", Value::from(note.unwrap_or_default()));
        context.insert_value("statements", value(&doc.statements)?);
        let mut lead = String::new();
        blocks(&mut lead, doc, &doc.lead);
        let lead_bytes = lead.len();
        context.insert_value("lead", Value::from(lead));
        // Each body is rendered into one reused buffer and copied into the
        // context at once: the page never holds a second copy of every body,
        // and a large policy does not pay for growing a buffer per section.
        let mut toc = Vec::new();
        let mut sections = Vec::new();
        let mut body = String::new();
        let mut body_bytes = 0;
        // Depth first, in document order: sections, then supplements.
        let tops = doc.sections.iter().map(|n| (n, false));
        let tops = tops.chain(doc.supplements.iter().map(|n| (n, true)));
        let mut stack: Vec<(&Node, bool)> = tops.rev().collect();
        while let Some((node, supplement)) = stack.pop() {
            stack.extend(node.children.iter().rev().map(|c| (c, supplement)));
            body.clear();
            blocks(&mut body, doc, &node.body);
            body_bytes += body.len();
            let entry = Entry {
                id: &node.id,
                number: node.number.as_deref(),
                title: &node.title,
                heading: node.heading(),
                depth: node.depth,
                tag: format!("h{}", (node.depth + 2).min(6)),
                supplement: supplement && node.depth == 0,
                body: &body,
            };
            let section = value(&entry)?;
            // A table-of-contents entry is the section's own value, which tera
            // shares (its maps are behind an `Arc`) rather than copies.
            if node.depth <= 1 {
                toc.push(section.clone());
            }
            sections.push(section);
        }
        let entries = sections.len();
        context.insert_value("toc", Value::from(toc));
        context.insert_value("sections", Value::from(sections));
        let changelog: Vec<Change> = doc
            .changelog
            .iter()
            .map(|c| Change {
                date: day(c.date),
                summary: markup::inline_html(&c.summary, doc.trust_html),
                material: c.material,
            })
            .collect();
        context.insert_value("changelog", value(&changelog)?);
        // Room for the bodies, the templates and about 512 bytes a section for
        // what the built-in page puts around it (its tags, heading and line in
        // the table of contents), so that the page is usually written without
        // being copied as it grows. A page that needs more still grows.
        let capacity = body_bytes + lead_bytes + entries * 512 + self.template_bytes;
        let mut html = Vec::with_capacity(capacity);
        self.tera
            .render_to("page.html", &context, &mut html)
            .map_err(|e| anyhow::anyhow!("{}", report(&e)))
            .context("the HTML template failed")?;
        Ok(html)
    }
}

/// A context value from a page part.
fn value<T: Serialize>(part: &T) -> anyhow::Result<Value> {
    Value::try_from_serializable(part).context("cannot build the page context")
}

/// Appends a body as HTML to `html`: markdown through pulldown-cmark after
/// the safety pass.
fn blocks(html: &mut String, doc: &Document, body: &[Block]) {
    for block in body {
        match block {
            Block::Markdown(md) => push_html(html, markup::events(md, doc.trust_html)),
            Block::CcpaTable => {
                if let Some(ccpa) = &doc.ccpa {
                    table(html, &Grid::ccpa(ccpa), doc.trust_html);
                }
            }
        }
    }
}

/// The CCPA table, accessible: column headers and row headers carry `scope`,
/// and each cell its column's heading in `data-label`, so that narrow screens
/// can show each row as a card (see style.css). The ARIA roles keep the table
/// a table for screen readers when CSS changes how it is laid out.
/// Headings are plain text; cells are inline markdown, so a cell can link to a section.
fn table(html: &mut String, grid: &Grid, trust_html: bool) {
    let esc = |s: &str| {
        let mut out = String::with_capacity(s.len());
        // Writing into a String cannot fail.
        let _ = pulldown_cmark_escape::escape_html(pulldown_cmark_escape::FmtWriter(&mut out), s);
        out
    };
    let cell = |s: &str| markup::inline_html(s, trust_html);
    html.push_str("<div class=\"table-wrap\"><table class=\"ccpa\" role=\"table\">\n<thead role=\"rowgroup\">\n<tr role=\"row\">");
    for h in &grid.headings {
        html.push_str(&format!(
            "<th scope=\"col\" role=\"columnheader\">{}</th>",
            esc(h)
        ));
    }
    html.push_str("</tr>\n</thead>\n<tbody role=\"rowgroup\">\n");
    for row in &grid.rows {
        html.push_str("<tr role=\"row\">");
        for (i, text) in row.iter().enumerate() {
            let label = esc(grid.headings.get(i).map_or("", String::as_str));
            if i == 0 && grid.row_headers {
                html.push_str(&format!(
                    "<th scope=\"row\" role=\"rowheader\">{}</th>",
                    cell(text)
                ));
            } else {
                html.push_str(&format!(
                    "<td role=\"cell\" data-label=\"{label}\">{}</td>",
                    cell(text)
                ));
            }
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table></div>\n");
}
