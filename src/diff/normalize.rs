//! Normalisation: the old text given the new section numbers and facts before it is compared.

use std::collections::BTreeMap;

use super::sections::flatten;
use crate::doc::{Block, Contact, Document};

/// Rewrites the old version's text so that what is reported elsewhere is not
/// also a change of prose: references take the new version's section numbers
/// (renumbering is `section-moved`), and facts printed in the text (dates,
/// the organization, contacts) their new values, since a changed fact is
/// reported once, under its own rule, where it is defined.
pub(super) struct Normalizer<'a> {
    renumber: BTreeMap<&'a str, &'a str>,
    dates: Vec<(String, String)>,
}

impl<'a> Normalizer<'a> {
    pub(super) fn new(old: &Document, new: &'a Document) -> Normalizer<'a> {
        let mut facts: Vec<(String, String)> = vec![
            (old.dates.effective_text(), new.dates.effective_text()),
            (old.dates.last_updated_text(), new.dates.last_updated_text()),
            (old.org.name.clone(), new.org.name.clone()),
        ];
        if let (Some(a), Some(b)) = (&old.org.legal_name, &new.org.legal_name) {
            facts.push((a.clone(), b.clone()));
        }
        for (id, a) in &old.contacts {
            if let Some(b) = new.contacts.get(id) {
                contact_facts(a, b, &mut facts);
            }
        }
        facts.retain(|(a, b)| a != b && !a.is_empty());
        // Longer first: a contact block before the email inside it, and
        // "July 1, 2024" before "July 2024".
        facts.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
        Normalizer {
            renumber: renumbering(old, new),
            dates: facts,
        }
    }

    /// The new version's text is compared as it is.
    pub(super) fn identity() -> Normalizer<'a> {
        Normalizer {
            renumber: BTreeMap::new(),
            dates: Vec::new(),
        }
    }

    pub(super) fn text(&self, text: &str) -> String {
        let mut out = renumbered(text, &self.renumber);
        for (a, b) in &self.dates {
            if out.contains(a.as_str()) {
                out = out.replace(a.as_str(), b);
            }
        }
        out
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

/// A contact as the text prints it, old and new: the whole block, then each field.
fn contact_facts(a: &Contact, b: &Contact, facts: &mut Vec<(String, String)>) {
    facts.push((
        crate::resolve::contact_block(a),
        crate::resolve::contact_block(b),
    ));
    for (x, y) in [
        (&a.email, &b.email),
        (&a.phone, &b.phone),
        (&a.web, &b.web),
        (&a.name, &b.name),
    ] {
        if let (Some(x), Some(y)) = (x, y) {
            facts.push((x.clone(), y.clone()));
        }
    }
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
