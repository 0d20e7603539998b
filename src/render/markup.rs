//! Markdown bodies: the pulldown-cmark options, set in one place, and the safety
//! pass that keeps raw HTML and `javascript:` links out of published pages.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

/// The markdown dialect of policy bodies: GFM tables, strikethrough and footnotes.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// Parsed events of a body, made safe: raw HTML becomes text (unless the policy
/// trusts its HTML) and links or images with a dangerous scheme lose their target.
pub fn events(markdown: &str, trust_html: bool) -> impl Iterator<Item = Event<'_>> {
    // For each open link, whether it was dropped (its end must go too).
    let mut dropped_links: Vec<bool> = Vec::new();
    Parser::new_ext(markdown, options()).filter_map(move |event| match event {
        // A line break written as HTML (common in table cells) is a line break.
        Event::InlineHtml(html) if is_line_break(&html) => Some(Event::HardBreak),
        Event::Html(html) | Event::InlineHtml(html) if !trust_html => Some(Event::Text(html)),
        Event::Start(Tag::Link { ref dest_url, .. }) if !is_safe_url(dest_url) => {
            dropped_links.push(true);
            None
        }
        Event::Start(Tag::Link { .. }) => {
            dropped_links.push(false);
            Some(event)
        }
        Event::End(pulldown_cmark::TagEnd::Link) => {
            (!dropped_links.pop().unwrap_or(false)).then_some(event)
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if !is_safe_url(&dest_url) => Some(Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        })),
        other => Some(other),
    })
}

/// `<br>`, `<br/>` or `<br />`, in any case.
fn is_line_break(html: &str) -> bool {
    let tag: String = html
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(tag.as_str(), "<br>" | "<br/>")
}

/// One line of markdown (a table cell, a changelog summary) as inline HTML,
/// without the paragraph around it.
pub fn inline_html(markdown: &str, trust_html: bool) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events(markdown, trust_html));
    let html = html.trim_end();
    html.strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        .unwrap_or(html)
        .to_string()
}

/// One line of markdown as plain text: the words, without markup.
pub fn plain(markdown: &str) -> String {
    if !markdown.contains(['*', '_', '[', '`', '<', '&', '\\']) {
        return markdown.to_string();
    }
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::InlineHtml(t) if is_line_break(&t) => text.push(' '),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(pulldown_cmark::TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Links may go to the web, to mail and phone, or within the site; any other
/// scheme (`javascript:`, `data:`, `vbscript:`, `file:` ...) is dropped.
/// Browsers ignore whitespace and control characters inside a scheme, so do we.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &cleaned[..colon];
            // "a/b:c" or "#x:y" has no scheme: the colon comes after a path or fragment.
            scheme.contains(['/', '?', '#'])
                || matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_schemes_are_refused_in_any_spelling() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:x",
            "java\tscript:x",
            " data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!is_safe_url(url), "{url}");
        }
        for url in [
            "https://x.example",
            "mailto:a@b.example",
            "#cookies",
            "tel:+18005550100",
            "docs/a:b",
        ] {
            assert!(is_safe_url(url), "{url}");
        }
    }
}
