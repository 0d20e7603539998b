//! Normalisation: the old text given the new section numbers before it is compared.

use std::collections::BTreeMap;

use super::sections::flatten;
use crate::doc::{Block, Document};

/// Rewrites the references of the old version's text to the new version's
/// section numbers, so that renumbering (`section-moved`) is not also a
/// change of prose. Facts printed in the text need no rewriting: the old text
/// comes resolved with the new facts ([`crate::Compilation::restate`]).
pub(super) struct Normalizer<'a> {
    renumber: BTreeMap<&'a str, &'a str>,
}

impl<'a> Normalizer<'a> {
    pub(super) fn new(old: &Document, new: &'a Document) -> Normalizer<'a> {
        Normalizer {
            renumber: renumbering(old, new),
        }
    }

    /// The new version's text is compared as it is.
    pub(super) fn identity() -> Normalizer<'a> {
        Normalizer {
            renumber: BTreeMap::new(),
        }
    }

    pub(super) fn text(&self, text: &str) -> String {
        renumbered(text, &self.renumber)
    }

    /// A section's text for diffing: its markdown, with the table as a marker.
    pub(super) fn body(&self, blocks: &[Block]) -> String {
        let parts: Vec<String> = blocks
            .iter()
            .map(|b| match b {
                Block::Markdown(md) => self.text(md),
                Block::CcpaTable => "[CCPA table]".to_string(),
            })
            .collect();
        parts.join("\n\n")
    }
}

/// The new number of every section whose number changed: only their
/// references need rewriting.
fn renumbering<'a>(old: &Document, new: &'a Document) -> BTreeMap<&'a str, &'a str> {
    let old_numbers: BTreeMap<&str, Option<&str>> = flatten(old)
        .iter()
        .map(|f| (f.node.id.as_str(), f.node.number.as_deref()))
        .collect();
    flatten(new)
        .iter()
        .filter_map(|f| Some((f.node.id.as_str(), f.node.number.as_deref()?)))
        .filter(|(id, n)| old_numbers.get(id).is_some_and(|o| *o != Some(*n)))
        .collect()
}

/// Rewrites `[Section N](#id)` links with the number `id` has in the new version.
fn renumbered(md: &str, renumber: &BTreeMap<&str, &str>) -> String {
    if renumber.is_empty() || !md.contains("[Section ") {
        return md.to_string();
    }
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(at) = rest.find("[Section ") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let parsed = tail.find("](#").and_then(|close| {
            let end = tail[close..].find(')')? + close;
            let id = &tail[close + 3..end];
            Some((renumber.get(id)?, id, end))
        });
        match parsed {
            Some((number, id, end)) => {
                out.push_str(&format!("[Section {number}](#{id})"));
                rest = &tail[end + 1..];
            }
            None => {
                out.push_str("[Section ");
                rest = &tail["[Section ".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_take_the_new_numbers() {
        let renumber = BTreeMap::from([("cookies", "5")]);
        assert_eq!(
            renumbered(
                "See [Section 4](#cookies) and [Section 2](#gone).",
                &renumber
            ),
            "See [Section 5](#cookies) and [Section 2](#gone)."
        );
    }
}
