//! Markdown bodies: the pulldown-cmark options, set in one place, and the safety
//! pass that keeps raw HTML and `javascript:` links out of published pages.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag};

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

/// The markdown itself made safe in the same way, for the Markdown output,
/// which mdBook and others turn into HTML without asking.
pub fn sanitize(markdown: &str, trust_html: bool) -> Cow<'_, str> {
    if !may_need_sanitizing(markdown) {
        return Cow::Borrowed(markdown);
    }
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let parser = Parser::new_ext(markdown, options());
    // A reference definition with an unsafe target points at `#` instead,
    // used here or not: the Markdown output joins every body into one file,
    // where a link in another body could use it.
    for (_, def) in parser.reference_definitions().iter() {
        if !is_safe_url(&def.dest) {
            let text = &markdown[def.span.clone()];
            let label = text.find("]:").map_or(text.len(), |at| at + 2);
            let line_end = &text[text.trim_end_matches(['\n', '\r']).len()..];
            edits.push((def.span.clone(), format!("{} #{line_end}", &text[..label])));
        }
    }
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) if !trust_html => {
                edits.push((range.clone(), markdown[range].replace('<', "&lt;")));
            }
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    ..
                },
            ) if !is_safe_url(&dest_url) => {
                // A link by reference gets its target from a definition, made safe above.
                if !matches!(
                    link_type,
                    LinkType::Inline | LinkType::Autolink | LinkType::Email
                ) {
                    continue;
                }
                let text = &markdown[range.clone()];
                match text.rfind(dest_url.as_ref()) {
                    Some(at) => {
                        let start = range.start + at;
                        edits.push((start..start + dest_url.len(), "#".into()));
                    }
                    // Written with entities or escapes, the target cannot be
                    // found as written: the whole link is shown as text.
                    None => edits.push((range.clone(), escape_text(text))),
                }
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return Cow::Borrowed(markdown);
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue; // nested in an edit already made
        }
        out.push_str(&markdown[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&markdown[at..]);
    Cow::Owned(out)
}

/// Whether markdown could hold anything [`sanitize`] changes. Raw HTML and
/// autolinks start with `<`; a link or image target follows `](` (inline)
/// or `]:` (a reference definition), with nothing between. A target that
/// starts with `#` stays on the page, as every `ref()` does. Text with none
/// of the others is safe as it is, and needs no parse for the Markdown output.
fn may_need_sanitizing(markdown: &str) -> bool {
    let bytes = markdown.as_bytes();
    markdown.contains('<')
        || markdown
            .match_indices(']')
            .any(|(at, _)| match bytes.get(at + 1) {
                Some(b':') => true,
                Some(b'(') => bytes.get(at + 2) != Some(&b'#'),
                _ => false,
            })
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

/// Plain text (a title, a message) for Markdown: every character Markdown
/// would read as markup (emphasis, links, images, raw HTML) is escaped, so it
/// shows as written, as in the HTML page. Backticks stay: a code span is inert.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '#' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
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

    #[test]
    fn only_markdown_without_html_or_link_targets_skips_sanitizing() {
        for md in [
            "<b>x</b>",
            "a <https://x.example> b",
            "[x](javascript:alert(1))",
            "![i](data:x)",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "[^1]: note",
            "[x](&#35;javascript:alert(1))",
            "[x]( javascript:alert(1))",
        ] {
            assert!(may_need_sanitizing(md), "{md}");
        }
        for md in [
            "Plain prose, with [brackets] and (parentheses).",
            "a ] (b",
            "x: y",
            "See [Section 2](#cookies) and [\u{201c}Rights\u{201d}](#rights).",
        ] {
            assert!(!may_need_sanitizing(md), "{md}");
            assert_eq!(sanitize(md, false), md);
        }
    }

    #[test]
    fn raw_html_is_escaped_in_markdown_unless_trusted() {
        let md = "Hi <script>alert(1)</script> [x](javascript:alert(1))";
        let safe = sanitize(md, false);
        assert!(!safe.contains("<script>"), "{safe}");
        assert!(!safe.contains("javascript:"), "{safe}");
        assert!(sanitize(md, true).contains("<script>"));
    }
}
