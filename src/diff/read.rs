//! What a reader reads of Markdown: the words and where blocks end, without
//! web link targets, emphasis or footnote numbers. Edits to the rest are not
//! edits to the text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The text a reader sees in Markdown, with each run of whitespace one
/// space: web link targets, emphasis marks, escapes and footnote marks set
/// aside. What a reader does see stays: struck-out text (`~~`), where each
/// block, list item and table cell ends (`¶`), and where a mail or phone
/// link leads, since that is a way to reach the company, and so where a web
/// link whose words name a way to reach it leads ("contact online", "Data
/// Protection Officer": a new form or page is a new channel).
pub fn visible(markdown: &str) -> String {
    let mut text = String::new();
    let mut links: Vec<(usize, String)> = Vec::new();
    for event in Parser::new_ext(markdown, crate::render::markup::options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t);
            }
            Event::Start(Tag::Link { dest_url, .. })
                if dest_url.starts_with("mailto:") || dest_url.starts_with("tel:") =>
            {
                text.push_str(&format!(" <{dest_url}> "));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push((text.len(), dest_url.to_string()))
            }
            Event::End(TagEnd::Link) => {
                // A link within the page ("#annotation-12") leads to no channel.
                if let Some((at, dest)) = links.pop()
                    && !dest.starts_with('#')
                    && names_a_channel(&text[at.min(text.len())..])
                {
                    text.push_str(&format!(" <{dest}> "));
                }
            }
            Event::Start(Tag::Emphasis | Tag::Strong)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong) => {}
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => {
                text.push_str("~~");
            }
            Event::SoftBreak | Event::HardBreak | Event::Start(_) => text.push(' '),
            Event::End(_) => text.push_str(" \u{b6} "),
            _ => {}
        }
    }
    without_footnote_marks(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a link's words name a way to reach the company or to exercise a
/// right.
fn names_a_channel(words: &str) -> bool {
    const CHANNELS: [&str; 10] = [
        "contact",
        "form",
        "data protection officer",
        "dpo",
        "opt out",
        "opt-out",
        "do not sell",
        "unsubscribe",
        "appeal",
        "complaint",
    ];
    let words = words.to_lowercase();
    CHANNELS.iter().any(|c| {
        words.match_indices(c).any(|(at, _)| {
            let before = words[..at].chars().next_back();
            let after = words[at + c.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// A text without footnote marks ("partners[70]"): they are renumbered when
/// a note is added before them, and say nothing themselves.
pub fn without_footnote_marks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('[') {
        let after = &rest[at + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..at]);
        if digits > 0 && after[digits..].starts_with(']') {
            rest = &after[digits + 1..];
        } else {
            out.push('[');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Words of a piece of Markdown as read: link targets and marks dropped.
pub fn as_read(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at]);
        rest = rest[at + 2..]
            .find(')')
            .map_or("", |end| &rest[at + 2 + end + 1..]);
    }
    out.push_str(rest);
    let out: String = out
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | '*' | '_' | '`'))
        .collect();
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
