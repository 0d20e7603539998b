//! The HTML renderer: a complete page from tera templates embedded in the binary,
//! each overridable by a file of the same name in a `templates/` folder.

use anyhow::Context as _;
use pulldown_cmark::html::push_html;
use serde::Serialize;
use tera::{Context, Tera};

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
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates(templates)
            .map_err(|e| anyhow::anyhow!("{}", report(&e)))
            .context("the HTML templates do not parse")?;
        Ok(HtmlRenderer { tera })
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
struct Page {
    id: String,
    title: String,
    org: Org,
    effective: Day,
    last_updated: Day,
    lead: String,
    toc: Vec<Entry>,
    sections: Vec<Entry>,
    changelog: Vec<Change>,
}

#[derive(Serialize)]
struct Org {
    name: String,
    legal_name: Option<String>,
    description: Option<String>,
}

#[derive(Serialize)]
struct Day {
    iso: String,
    text: String,
}

/// A section or supplement, flattened in document order.
#[derive(Serialize)]
struct Entry {
    id: String,
    number: Option<String>,
    title: String,
    heading: String,
    depth: usize,
    /// `h2` for top-level sections, deeper ones below it, `h6` at most.
    tag: String,
    supplement: bool,
    body: String,
}

#[derive(Serialize)]
struct Change {
    date: Day,
    summary: String,
    material: bool,
}

impl Renderer for HtmlRenderer {
    fn render(&self, doc: &Document) -> anyhow::Result<Vec<u8>> {
        let mut sections = Vec::new();
        for node in &doc.sections {
            flatten(doc, node, false, &mut sections);
        }
        for node in &doc.supplements {
            flatten(doc, node, true, &mut sections);
        }
        let day = |d: jiff::civil::Date| Day {
            iso: crate::date::iso(d),
            text: crate::date::format(d, doc.dates.format),
        };
        let page = Page {
            id: doc.id.clone(),
            title: doc.title.clone(),
            org: Org {
                name: doc.org.name.clone(),
                legal_name: doc.org.legal_name.clone(),
                description: doc.org.description.clone(),
            },
            effective: day(doc.dates.effective),
            last_updated: day(doc.dates.last_updated),
            lead: blocks(doc, &doc.lead),
            toc: sections
                .iter()
                .filter(|e| e.depth <= 1)
                .map(|e| Entry {
                    body: String::new(),
                    ..e.shallow()
                })
                .collect(),
            sections,
            changelog: doc
                .changelog
                .iter()
                .map(|c| Change {
                    date: day(c.date),
                    summary: markup::inline_html(&c.summary, doc.trust_html),
                    material: c.material,
                })
                .collect(),
        };
        let context = Context::from_serialize(&page).context("cannot build the page context")?;
        let html = self
            .tera
            .render("page.html", &context)
            .map_err(|e| anyhow::anyhow!("{}", report(&e)))
            .context("the HTML template failed")?;
        Ok(html.into_bytes())
    }
}

impl Entry {
    fn shallow(&self) -> Entry {
        Entry {
            id: self.id.clone(),
            number: self.number.clone(),
            title: self.title.clone(),
            heading: self.heading.clone(),
            depth: self.depth,
            tag: self.tag.clone(),
            supplement: self.supplement,
            body: String::new(),
        }
    }
}

fn flatten(doc: &Document, node: &Node, supplement: bool, out: &mut Vec<Entry>) {
    out.push(Entry {
        id: node.id.clone(),
        number: node.number.clone(),
        title: node.title.clone(),
        heading: node.heading(),
        depth: node.depth,
        tag: format!("h{}", (node.depth + 2).min(6)),
        supplement: supplement && node.depth == 0,
        body: blocks(doc, &node.body),
    });
    for child in &node.children {
        flatten(doc, child, supplement, out);
    }
}

/// A body as HTML: markdown through pulldown-cmark after the safety pass.
fn blocks(doc: &Document, blocks: &[Block]) -> String {
    let mut html = String::new();
    for block in blocks {
        match block {
            Block::Markdown(md) => push_html(&mut html, markup::events(md, doc.trust_html)),
            Block::CcpaTable => {
                if let Some(ccpa) = &doc.ccpa {
                    table(&mut html, &Grid::ccpa(ccpa), doc.trust_html);
                }
            }
        }
    }
    html
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
