//! Rendering: one renderer per output format, each returning bytes in memory.

pub mod cmark;
mod html;
mod markdown;
pub mod markup;
mod table;
mod text;

use crate::doc::Document;

pub use html::{HtmlRenderer, TEMPLATES};

pub use crate::load::Overrides;
pub use markdown::MarkdownRenderer;
pub use text::TextRenderer;

/// An output format of `build` and `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    Html,
    Md,
    Txt,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Html, Format::Md, Format::Txt];

    /// The file extension, which is also the name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Md => "md",
            Format::Txt => "txt",
        }
    }
}

/// Turns a resolved document into the bytes of one format. Renderers never touch the disk.
pub trait Renderer {
    fn render(&self, doc: &Document) -> anyhow::Result<Vec<u8>>;
}

/// Options shared by the renderers.
#[derive(Debug, Clone)]
pub struct RenderOptions<'a> {
    /// Plain-text wrap width in display columns; 0 turns wrapping off.
    pub width: usize,
    /// Templates that replace the built-in HTML templates one by one.
    pub templates: &'a Overrides,
}

/// The renderer of a format.
pub fn renderer(format: Format, options: &RenderOptions<'_>) -> anyhow::Result<Box<dyn Renderer>> {
    Ok(match format {
        Format::Html => Box::new(HtmlRenderer::new(options.templates)?),
        Format::Md => Box::new(MarkdownRenderer),
        Format::Txt => Box::new(TextRenderer::new(options.width)),
    })
}
