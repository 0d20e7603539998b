//! The outline of an imported Markdown policy: its title, the text before the
//! first section (the lead) and the sections, found at its headings. Bodies
//! are the author's Markdown exactly as written between headings.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::render::markup;

/// A section found at a heading, with the ones nested under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's words, as plain text (a leading number taken out when
    /// the policy's numbering is policyc's own).
    pub title: String,
    /// The number the heading was written with ("2.3"), if any.
    pub number: Option<String>,
    pub body: String,
    pub children: Vec<Section>,
}

/// The parts of an imported policy's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub title: Option<String>,
    pub lead: String,
    pub sections: Vec<Section>,
}

/// A heading of the source: its level, where it starts and ends, its text.
struct Heading {
    level: usize,
    start: usize,
    end: usize,
    text: String,
}

fn headings(markdown: &str) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut open: Option<Heading> = None;
    for (event, range) in Parser::new_ext(markdown, markup::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                open = Some(Heading {
                    level: level as usize,
                    start: range.start,
                    end: range.end,
                    text: String::new(),
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = open.as_mut() {
                    h.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = open.as_mut() {
                    h.text.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut h) = open.take() {
                    h.text = h.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    out.push(h);
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a paragraph reads as a heading: one line of at most 12 words,
/// starting with a letter or digit, not ending like a sentence.
fn heading_like(line: &str) -> bool {
    !line.is_empty()
        && !line.contains('\n')
        && line.split_whitespace().count() <= 12
        && !line.starts_with(['*', '-', '+', '|', '>', '#', '[', '!', '<', '`'])
        && !line.ends_with(['.', ':', ';', ',', '!', '?'])
        && !line.contains(": ")
        && line.chars().next().is_some_and(char::is_alphanumeric)
}

/// Markdown whose paragraphs that are a short bold line alone
/// (`**Information You Provide**`) are made headings one level below the
/// heading they follow: pages often mark their subsections so. Only in a
/// text with headings of its own. Returns the text and how many it made.
pub fn with_bold_headings(markdown: &str) -> (String, usize) {
    if headings(markdown).is_empty() {
        return (markdown.to_string(), 0);
    }
    let lines: Vec<&str> = markdown.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let (mut level, mut made) = (1, 0);
    for (i, line) in lines.iter().enumerate() {
        let marks = line.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&marks) && line[marks..].starts_with(' ') {
            level = marks;
        }
        let alone = (i == 0 || lines[i - 1].trim().is_empty())
            && lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
        let inner = line
            .trim_end()
            .strip_prefix("**")
            .and_then(|l| l.strip_suffix("**"))
            .filter(|t| !t.contains('*'));
        match inner {
            Some(title) if alone && !line.starts_with(' ') && heading_like(title.trim()) => {
                out.push(format!(
                    "{} {}",
                    "#".repeat((level + 1).min(6)),
                    title.trim()
                ));
                made += 1;
            }
            _ => out.push((*line).to_string()),
        }
    }
    (out.join("\n"), made)
}

/// Markdown with each empty heading given the short line that follows it
/// ("### " then "Information We Collect", as some pages are saved), so no
/// section is left without a title. Returns the text and how many it filled.
pub fn with_filled_headings(markdown: &str) -> (String, usize) {
    let lines: Vec<&str> = markdown.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut filled = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let marks = line.trim_end();
        let empty_heading = (1..=6).contains(&marks.len()) && marks.bytes().all(|b| b == b'#');
        let next = (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty());
        // The line must stand alone in its paragraph to be the title.
        let alone = |j: usize| lines.get(j + 1).is_none_or(|l| l.trim().is_empty());
        match next {
            Some(j) if empty_heading && alone(j) && heading_like(lines[j].trim()) => {
                out.push(format!("{marks} {}", lines[j].trim()));
                filled += 1;
                i = j + 1;
            }
            _ => {
                out.push(line.to_string());
                i += 1;
            }
        }
    }
    (out.join("\n"), filled)
}

/// Markdown whose headings are written as plain short lines (text copied from
/// a web page often is), with those lines made headings: a line alone in its
/// paragraph, of at most 12 words, not ending like a sentence, with more
/// text after it. The first becomes the title when it opens the text.
/// Returns the text and how many lines were made headings; a text that has
/// headings of its own is returned as it is.
pub fn with_plain_headings(markdown: &str) -> (String, usize) {
    if !headings(markdown).is_empty() {
        return (markdown.to_string(), 0);
    }
    let blocks: Vec<&str> = markdown.split("\n\n").collect();
    let mut made = 0;
    let mut out = Vec::with_capacity(blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        let line = block.trim();
        let more_after = blocks[i + 1..].iter().any(|b| !b.trim().is_empty());
        if more_after && !block.starts_with([' ', '\t']) && heading_like(line) {
            let marks = if made == 0 && out.iter().all(|b: &String| b.trim().is_empty()) {
                "#"
            } else {
                "##"
            };
            out.push(format!("{marks} {line}"));
            made += 1;
        } else {
            out.push(block.to_string());
        }
    }
    (out.join("\n\n"), made)
}

/// Splits Markdown at its headings. A first heading that opens the text and
/// is at the highest level is the title; the sections are the others, each
/// with the deeper ones after it nested under it.
pub fn outline(markdown: &str) -> Outline {
    let all = headings(markdown);
    let Some(top) = all.iter().map(|h| h.level).min() else {
        return Outline {
            title: None,
            lead: markdown.to_string(),
            sections: Vec::new(),
        };
    };
    // The first heading is the title when nothing but blank space comes
    // before it and no heading is above it.
    let is_title = all[0].level == top && markdown[..all[0].start].trim().is_empty();
    let (title, rest) = if is_title {
        (Some(all[0].text.clone()), &all[1..])
    } else {
        (None, &all[..])
    };
    let lead_start = if is_title { all[0].end } else { 0 };
    let lead_end = rest.first().map_or(markdown.len(), |h| h.start);
    let flat: Vec<(usize, String, String)> = rest
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let next = rest.get(i + 1).map_or(markdown.len(), |n| n.start);
            (h.level, h.text.clone(), markdown[h.end..next].to_string())
        })
        .collect();
    Outline {
        title,
        lead: markdown[lead_start..lead_end].to_string(),
        sections: nest(&flat),
    }
}

/// Nests flat headings by level: a heading takes every later one deeper than
/// itself, up to the next one at its level or above.
fn nest(flat: &[(usize, String, String)]) -> Vec<Section> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < flat.len() {
        let (level, title, body) = &flat[i];
        let end = flat[i + 1..]
            .iter()
            .position(|(l, _, _)| l <= level)
            .map_or(flat.len(), |p| i + 1 + p);
        out.push(Section {
            title: title.clone(),
            number: None,
            body: body.clone(),
            children: nest(&flat[i + 1..end]),
        });
        i = end;
    }
    out
}

/// The number a heading starts with ("2.", "2.3", "2.3."), and the rest.
fn leading_number(title: &str) -> Option<(String, &str)> {
    let end = title
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(title.len());
    let number = title[..end].trim_end_matches('.');
    let rest = title[end..].trim_start();
    let well_formed = !number.is_empty()
        && number.split('.').all(|n| !n.is_empty() && n.len() <= 3)
        && end < title.len()
        && title[end..].starts_with(char::is_whitespace);
    well_formed.then(|| (number.to_string(), rest))
}

/// Takes the numbers out of the titles when they are exactly the numbers
/// policyc would print (1, 2, 2.1 ..., an unnumbered heading using none up);
/// returns whether it did. Otherwise the titles keep what was written.
pub fn take_numbers(sections: &mut [Section]) -> bool {
    /// `prefix`: the parent's number; `None` at the top, and below an
    /// unnumbered heading (`numbered` false), where nothing may have one.
    fn planned(
        sections: &[Section],
        prefix: Option<&str>,
        numbered: bool,
        ok: &mut bool,
        any: &mut bool,
    ) {
        let mut n = 0;
        for s in sections {
            match leading_number(&s.title).map(|(num, _)| num) {
                Some(num) => {
                    *any = true;
                    n += 1;
                    let expected = prefix.map_or(n.to_string(), |p| format!("{p}.{n}"));
                    *ok &= numbered && num == expected;
                    planned(&s.children, Some(&expected), numbered, ok, any);
                }
                None => planned(&s.children, None, false, ok, any),
            }
        }
    }
    let (mut ok, mut any) = (true, false);
    planned(sections, None, true, &mut ok, &mut any);
    if !(ok && any) {
        return false;
    }
    fn strip(sections: &mut [Section]) {
        for s in sections {
            if let Some((num, rest)) = leading_number(&s.title) {
                let rest = rest.to_string();
                s.number = Some(num);
                s.title = rest;
            }
            strip(&mut s.children);
        }
    }
    strip(sections);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_top_heading_is_the_title_and_the_next_level_the_sections() {
        let md = "# Acme Privacy Policy\n\nLead text.\n\n## 1. About\n\nAbout text.\n\n### 1.1 Scope\n\nScope.\n\n## 2. Data\n\nData text.\n";
        let mut o = outline(md);
        assert_eq!(o.title.as_deref(), Some("Acme Privacy Policy"));
        assert_eq!(o.lead.trim(), "Lead text.");
        assert_eq!(o.sections.len(), 2);
        assert_eq!(o.sections[0].children[0].title, "1.1 Scope");
        assert_eq!(o.sections[1].body.trim(), "Data text.");
        assert!(take_numbers(&mut o.sections));
        assert_eq!(o.sections[0].title, "About");
        assert_eq!(o.sections[0].children[0].title, "Scope");
    }

    #[test]
    fn numbers_that_are_not_policycs_stay_in_the_titles() {
        let md = "Lead.\n\n## 1. A\n\n## 3. B\n";
        let mut o = outline(md);
        assert_eq!(o.title, None);
        assert!(!take_numbers(&mut o.sections));
        assert_eq!(o.sections[1].title, "3. B");
        let mut plain = outline("## A\n\n## B\n").sections;
        assert!(!take_numbers(&mut plain));
    }

    #[test]
    fn short_lines_are_headings_in_a_text_without_any() {
        let (md, made) = with_plain_headings(
            "Privacy Policy\n\nEffective date: May 1, 2024\n\nWe care.\n\nInformation We Collect\n\n*   Data.\n",
        );
        assert_eq!(made, 2);
        let o = outline(&md);
        assert_eq!(o.title.as_deref(), Some("Privacy Policy"));
        assert_eq!(o.sections[0].title, "Information We Collect");
        assert!(o.lead.contains("Effective date: May 1, 2024"));
    }

    #[test]
    fn an_empty_heading_takes_the_short_line_after_it() {
        let (md, filled) = with_filled_headings(
            "# Policy\n\n### \n\nInformation We Collect\n\nWe collect.\n\n###\n\nA whole sentence.\n",
        );
        assert_eq!(filled, 1);
        let o = outline(&md);
        assert_eq!(o.sections[0].title, "Information We Collect");
        assert_eq!(o.sections[0].body.trim(), "We collect.");
        // A sentence is not a title: that heading stays empty.
        assert_eq!(o.sections[1].title, "");
    }

    #[test]
    fn a_short_bold_line_alone_is_a_subsection() {
        let (md, made) = with_bold_headings(
            "# Policy\n\n## What we collect\n\n**Information You Provide**\n\nYour name.\n\n**This applies to users in Canada.**\n\nText with **bold** in it.\n",
        );
        assert_eq!(made, 1);
        let o = outline(&md);
        assert_eq!(o.sections[0].children[0].title, "Information You Provide");
        // A bold sentence is a statement, not a title.
        assert!(
            o.sections[0].children[0]
                .body
                .contains("**This applies to users in Canada.**")
        );
        // A text without headings of its own is left to the plain-line rule.
        assert_eq!(with_bold_headings("**Title**\n\nText.\n").1, 0);
    }

    #[test]
    fn setext_and_emphasised_headings_give_their_words() {
        let o = outline("**Spotify Privacy Policy**\n====\n\nx\n\n1\\. About\n---\n\ny\n");
        assert_eq!(o.title.as_deref(), Some("Spotify Privacy Policy"));
        assert_eq!(o.sections[0].title, "1. About");
    }
}
