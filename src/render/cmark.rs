//! Markdown written from pulldown-cmark events (with pulldown-cmark-to-cmark),
//! and the check every Markdown document policyc publishes must pass: read as
//! mdBook and GitHub read it, it holds no markup but policyc's own.

use std::borrow::Borrow;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::markup;

/// What mdBook 0.5 parses chapters with (mdbook-markdown's `new_cmark_parser`):
/// the check reads policyc's Markdown the way the published site will.
pub fn reader_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// The tags policyc itself writes into Markdown: section anchors and the
/// diff report's folds, redline and the findings beside it. Only `id`
/// attributes are allowed on them.
const OWN_TAGS: [&str; 12] = [
    "a", "details", "summary", "b", "br", "p", "del", "ins", "u", "s", "ul", "li",
];

/// A body's events, safe to write as Markdown: raw HTML is text unless the
/// policy trusts its HTML, unsafe link targets are gone (`markup::events`),
/// every link by reference is written inline, so no reference definition
/// can reach another body of the same file, and link titles (tooltips) are
/// left out: the writer does not escape them.
pub fn body_events(markdown: &str, trust_html: bool) -> Vec<Event<'static>> {
    let mut out = Vec::new();
    let (mut in_cell, mut in_html) = (false, false);
    for event in markup::events(markdown, trust_html) {
        let event = match event {
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                event
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                event
            }
            // A table row is one line: a break in a cell is written as `<br>`.
            Event::HardBreak | Event::SoftBreak if in_cell => Event::InlineHtml("<br>".into()),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => Event::Start(Tag::Link {
                link_type: match link_type {
                    LinkType::Autolink | LinkType::Email => link_type,
                    _ => LinkType::Inline,
                },
                dest_url: written_target(&dest_url),
                title: CowStr::Borrowed(""),
                id,
            }),
            Event::Start(Tag::Image { dest_url, id, .. }) => Event::Start(Tag::Image {
                link_type: LinkType::Inline,
                dest_url: written_target(&dest_url),
                title: CowStr::Borrowed(""),
                id,
            }),
            // Indented code is written fenced: after a list, an indented
            // block would be read back as part of the list's last item
            // (found by the fuzz target).
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced("".into())))
            }
            // The info string of a fence is written after the fence: only a
            // language name can stand there (a backtick would end the fence,
            // and what follows it would be Markdown, found by the fuzz target).
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let language: String = info
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || "+-_.#".contains(*c))
                    .collect();
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(language.into())))
            }
            // Raw HTML shown as text keeps the block it was, a paragraph, and its lines.
            Event::Start(Tag::HtmlBlock) if !trust_html => {
                in_html = true;
                Event::Start(Tag::Paragraph)
            }
            Event::End(TagEnd::HtmlBlock) if !trust_html => {
                in_html = false;
                if matches!(out.last(), Some(Event::HardBreak)) {
                    out.pop();
                }
                Event::End(TagEnd::Paragraph)
            }
            Event::Text(line) if in_html => {
                out.push(Event::Text(line.trim_end().to_string().into()));
                Event::HardBreak
            }
            other => other,
        };
        out.push(event.into_static());
    }
    out
}

/// A link target as it can be written between `(` and `)`: spaces, control
/// characters, angle brackets and parentheses percent-encoded, so that the
/// target reads back whole (a tab in it once ended the link and left the
/// rest to be read as HTML; found by the fuzz target).
fn written_target(url: &str) -> CowStr<'static> {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')' | '\\') {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    CowStr::from(out)
}

/// One line of markdown (a table cell, a changelog summary) as inline
/// events: blocks and line breaks become spaces, so it stays on its line.
pub fn inline_events(markdown: &str, trust_html: bool) -> Vec<Event<'static>> {
    let mut out: Vec<Event<'static>> = Vec::new();
    for event in body_events(markdown, trust_html) {
        match event {
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. },
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => out.push(event),
            // A line break the cell asks for (`<br>`, or a backslash at a line's end).
            Event::HardBreak => out.push(Event::InlineHtml("<br>".into())),
            Event::Html(html) if trust_html => out.push(Event::InlineHtml(html)),
            Event::Html(html) => out.push(Event::Text(html)),
            _ if !out.is_empty() => out.push(Event::Text(" ".into())),
            _ => {}
        }
    }
    while matches!(out.last(), Some(Event::Text(t)) if t.trim().is_empty()) {
        out.pop();
    }
    out
}

/// Writes events as Markdown. Text is escaped here rather than by the
/// writer, which escapes only a text's first character.
pub fn write<'a, E: Borrow<Event<'a>>>(events: &[E]) -> anyhow::Result<String> {
    let events = escaped(events.iter().map(Borrow::borrow));
    let mut options = pulldown_cmark_to_cmark::Options {
        list_token: '-',
        increment_ordered_list_bullets: true,
        ..Default::default()
    };
    // A fence longer than any run of backticks in the code it holds.
    options.code_block_token_count =
        pulldown_cmark_to_cmark::calculate_code_block_token_count(events.iter())
            .unwrap_or(3)
            .max(3);
    let mut out = String::new();
    pulldown_cmark_to_cmark::cmark_with_options(events.iter(), &mut out, options)
        .map_err(|e| anyhow::anyhow!("cannot write the Markdown: {e}"))?;
    Ok(out)
}

/// Text events outside code as escaped Markdown, which the writer copies as
/// it is (an inline-HTML event carries it through unchanged).
fn escaped<'a, 'e>(events: impl Iterator<Item = &'e Event<'a>>) -> Vec<Event<'a>>
where
    'a: 'e,
{
    let mut out = Vec::new();
    let mut in_code = false;
    let mut line_start = true;
    for event in events {
        let next = match event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                event.clone()
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                event.clone()
            }
            Event::Text(text) if !in_code => {
                Event::InlineHtml(CowStr::from(escape_text(text, line_start)))
            }
            _ => event.clone(),
        };
        // Text right after a block opens or a line breaks starts a line.
        line_start = match event {
            Event::SoftBreak | Event::HardBreak => true,
            // A heading or a table cell cannot hold a list or a definition.
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Heading { .. }
                | Tag::TableCell,
            ) => false,
            Event::Start(_) => true,
            _ => false,
        };
        out.push(next);
    }
    out
}

/// Text as Markdown that reads back as the same text: every character that
/// could open markup is escaped, those that matter only at the start of a
/// line (a list or a definition) only there. Line breaks become spaces.
pub fn escape_text(text: &str, line_start: bool) -> String {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = if line_start { text.trim_start() } else { text };
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    // Digits at the start of a line, which a `.` or `)` would make a list item.
    let digits = if line_start {
        bytes.iter().take_while(|b| b.is_ascii_digit()).count()
    } else {
        0
    };
    // Every character that matters is ASCII, so text is copied in runs
    // between them and never cut inside a character.
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let escape = match b {
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'{' | b'}' | b'|' | b'~'
            | b'#' => true,
            // `!` before a link that follows would make it an image.
            b'!' => next.is_none_or(|n| n == b'['),
            // `&amp;` or `&#60;` would be read as the character they name.
            b'&' => next.is_none_or(|n| n.is_ascii_alphanumeric() || n == b'#'),
            b'-' | b'+' | b'=' | b':' => line_start && i == 0,
            b'.' | b')' => digits > 0 && i == digits,
            b'\n' | b'\r' => {
                out.push_str(&text[copied..i]);
                out.push(' ');
                copied = i + 1;
                continue;
            }
            _ => false,
        };
        if escape {
            out.push_str(&text[copied..i]);
            out.push('\\');
            copied = i;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Text as a Markdown code span: delimited by more backticks than it holds,
/// on one line, with pipes escaped so that it can stand in a table cell.
pub fn code_span(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ").replace('|', "\\|");
    let ticks = "`".repeat(longest_run(&text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// Text as a fenced code block, its fence longer than any run of backticks
/// inside, so that nothing in it can close the block early.
pub fn code_block(info: &str, text: &str) -> String {
    let fence = "`".repeat((longest_run(text, '`') + 1).max(3));
    let newline = if text.ends_with('\n') { "" } else { "\n" };
    format!("{fence}{info}\n{text}{newline}{fence}\n")
}

fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// Checks Markdown as the published site will read it: no raw HTML but
/// policyc's own tags (any, when the policy trusts its HTML), no link or
/// image whose target could run a script, no heading attributes.
pub fn check(markdown: &str, trust_html: bool) -> Result<(), String> {
    for event in Parser::new_ext(markdown, reader_options()) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) if !trust_html => {
                if let Some(tag) = foreign_tag(&html) {
                    return Err(format!("raw HTML `{tag}`"));
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !markup::is_safe_url(&dest_url) =>
            {
                return Err(format!("a link to `{dest_url}`"));
            }
            Event::Start(Tag::Heading {
                id, classes, attrs, ..
            }) if id.is_some() || !classes.is_empty() || !attrs.is_empty() => {
                return Err("a heading with attributes".into());
            }
            _ => {}
        }
    }
    Ok(())
}

/// The first tag in raw HTML that policyc does not write itself, if any.
fn foreign_tag(html: &str) -> Option<String> {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let name_start = tag.strip_prefix('/').unwrap_or(tag);
        let name: String = name_start
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if name.is_empty() {
            // `<` before a space or a digit is text; `<!--` and `<?` are not.
            if name_start.starts_with(['!', '?']) {
                return Some(format!("<{tag}>"));
            }
            continue;
        }
        let attrs = name_start[name.len()..].trim();
        let own = OWN_TAGS.contains(&name.to_ascii_lowercase().as_str())
            && (attrs.is_empty() || is_id_attribute(attrs));
        if !own {
            return Some(format!("<{tag}>"));
        }
    }
    None
}

/// `id="x"`, with an id of letters, digits and hyphens only.
fn is_id_attribute(attrs: &str) -> bool {
    attrs
        .strip_prefix("id=\"")
        .and_then(|a| a.strip_suffix('"'))
        .is_some_and(|id| {
            id.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(md: &str) -> String {
        write(&body_events(md, false)).expect("writes")
    }

    #[test]
    fn hostile_bodies_come_out_inert() {
        for md in [
            "<div>\n[x](javascript:alert(1))\n</div>",
            "[x](javascript:alert(2) \"javascript:alert(2)\")",
            "[javascript:alert(3)](javascript:alert&#40;3&#41;)",
            "```\n<img src=x onerror=alert(4)>",
            "# Title { .x tabindex=1 autofocus onfocus=alert(5) }",
            "a <b>x</b> <div><img src=x onerror=alert(6)></div>",
            "[r]\n\n[r]: javascript:alert(7)",
            "<!-- x --> <script>alert(8)</script>",
            "x &lt;img src=x onerror=alert(9)&gt;",
            "Text!\n[x](https://a.example)",
            "![x](javascript:alert(10) \"javascript:alert(10)\")",
            "[x](https://a.example \"t\\\" onclick=\\\"y\")",
            // Found by the fuzz target: a tab in a link target.
            "[](j<e>&#9;1)",
            // Found by the fuzz target: indented code after a list.
            " -   .\n\n    [](:)",
            // Found by the fuzz target: a backtick in a tilde fence's info string.
            " ~~~~ 'c`<img src=x onerror=alert(11)>`':\n  code\n ~~~~",
        ] {
            let out = round_trip(md);
            assert_eq!(check(&out, false), Ok(()), "{md:?} gave {out:?}");
        }
    }

    #[test]
    fn text_reads_back_as_written() {
        for text in [
            "We do not sell *your* data_1 [ever] <really> & AT&amp;T {x} | y ~~z~~ #3 !",
            "- not a list",
            "2024. not a list",
            ": not a definition",
            "100% of 3 > 2",
        ] {
            let md = write(&[
                Event::Start(Tag::Paragraph),
                Event::Text(text.into()),
                Event::End(TagEnd::Paragraph),
            ])
            .expect("writes");
            let back: String = Parser::new_ext(&md, reader_options())
                .filter_map(|e| match e {
                    Event::Text(t) => Some(t.to_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(back, text, "{md}");
        }
    }

    #[test]
    fn a_fence_in_code_gets_a_longer_fence() {
        let out = round_trip("````\n```\n<img src=x onerror=alert(1)>\n```\n````\n\nafter");
        assert_eq!(check(&out, false), Ok(()), "{out}");
        assert!(out.contains("after"), "{out}");
    }

    #[test]
    fn only_policycs_own_tags_pass_the_check() {
        assert_eq!(check("<a id=\"x\"></a>\n\n## T", false), Ok(()));
        assert_eq!(
            check("<details><summary><b>x</b></summary>\n\n</details>", false),
            Ok(())
        );
        for md in [
            "<img src=x>",
            "<a href=\"javascript:x\">x</a>",
            "<a id=\"x\" onclick=\"y\"></a>",
            "<!-- c -->",
            "## T {onclick=x}",
            "[x](javascript:y)",
        ] {
            assert!(check(md, false).is_err(), "{md}");
        }
        assert_eq!(check("<img src=x>", true), Ok(()));
    }
}
