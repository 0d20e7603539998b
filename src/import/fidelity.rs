//! How faithfully an imported policy gives back its source: the words a
//! reader sees in the original, in order, against the words of policyc's own
//! Markdown of the import.

use pulldown_cmark::{Event, Parser};
use similar::{Algorithm, ChangeTag, TextDiff};

use crate::render::cmark;

/// The words of a Markdown text as a reader sees them (link targets and raw
/// HTML tags are not words), lowercased.
pub fn words(markdown: &str) -> Vec<String> {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, cmark::reader_options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            // The text around tags in raw HTML is shown; the tags are not.
            Event::Html(html) | Event::InlineHtml(html) => {
                text.push(' ');
                text.push_str(&without_tags(&html));
                text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn without_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Words kept and added, comparing a source with what came back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fidelity {
    pub source_words: usize,
    /// Words of the source found, in order, in what came back.
    pub kept: usize,
    /// Words in what came back that the source does not have there.
    pub added: usize,
}

impl Fidelity {
    pub fn recall(&self) -> f64 {
        if self.source_words == 0 {
            1.0
        } else {
            self.kept as f64 / self.source_words as f64
        }
    }
}

/// Compares the words of a source with the words of what came back.
pub fn compare(source: &str, back: &str) -> Fidelity {
    let (a, b) = (words(source), words(back));
    let a_refs: Vec<&str> = a.iter().map(String::as_str).collect();
    let b_refs: Vec<&str> = b.iter().map(String::as_str).collect();
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_slices(&a_refs, &b_refs);
    let (mut kept, mut added) = (0, 0);
    for op in diff.ops() {
        for change in diff.iter_changes(op) {
            match change.tag() {
                ChangeTag::Equal => kept += 1,
                ChangeTag::Insert => added += 1,
                ChangeTag::Delete => {}
            }
        }
    }
    Fidelity {
        source_words: a.len(),
        kept,
        added,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_what_a_reader_sees() {
        assert_eq!(
            words("## Hello, *world*\n\n[a link](https://x.example) <b>b</b>"),
            ["hello", "world", "a", "link", "b"]
        );
    }

    #[test]
    fn kept_and_added_words_are_counted_in_order() {
        let f = compare("one two three four", "one three four five");
        assert_eq!(f.source_words, 4);
        assert_eq!(f.kept, 3);
        assert_eq!(f.added, 1);
    }
}
