//! Sections and supplements, matched by id: added, removed, moved, and their titles and text.

use crate::rules::id;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::normalize::Normalizer;
use super::prose::{self, Piece};
use super::text::prose_change;
use super::{Change, SectionDiff, Status, change};
use crate::doc::{Document, Node};

/// A section or supplement with its place in the document.
pub(super) struct Flat<'a> {
    pub(super) node: &'a Node,
    parent: Option<&'a str>,
    supplement: bool,
}

impl Flat<'_> {
    fn path(&self) -> String {
        let kind = if self.supplement {
            "supplements"
        } else {
            "sections"
        };
        format!("{kind}.{}", self.node.id)
    }

    /// How a message names it: "Section 3 (Sharing)", or the title of an unnumbered one.
    fn label(&self) -> String {
        match &self.node.number {
            Some(n) => format!("Section {n} ({})", self.node.title),
            None if self.supplement => format!("the \u{201c}{}\u{201d}", self.node.title),
            None => format!("\u{201c}{}\u{201d}", self.node.title),
        }
    }

    /// A change under `rule` to this section, linked to it in the redline.
    fn change(
        &self,
        rule: crate::rules::RuleId,
        message: String,
        old: Value,
        new: Value,
    ) -> Change {
        let mut c = change(rule, self.path(), message, old, new);
        c.section = Some(self.node.id.clone());
        c
    }
}

/// Every section, then every supplement, each followed by its subsections.
pub(super) fn flatten(doc: &Document) -> Vec<Flat<'_>> {
    fn walk<'a>(
        nodes: &'a [Node],
        parent: Option<&'a str>,
        supplement: bool,
        out: &mut Vec<Flat<'a>>,
    ) {
        for node in nodes {
            out.push(Flat {
                node,
                parent,
                supplement: supplement && parent.is_none(),
            });
            walk(&node.children, Some(&node.id), false, out);
        }
    }
    let mut out = Vec::new();
    walk(&doc.sections, None, false, &mut out);
    walk(&doc.supplements, None, true, &mut out);
    out
}

fn by_id<'f, 'a>(flat: &'f [Flat<'a>]) -> BTreeMap<&'a str, &'f Flat<'a>> {
    flat.iter().map(|f| (f.node.id.as_str(), f)).collect()
}

/// The position of each id among its siblings that exist in both versions.
fn sibling_order<'a>(flat: &[Flat<'a>], common: &BTreeSet<&str>) -> BTreeMap<&'a str, usize> {
    let mut seen: BTreeMap<(Option<&str>, bool), usize> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for f in flat.iter().filter(|f| common.contains(f.node.id.as_str())) {
        let n = seen.entry((f.parent, f.supplement)).or_default();
        out.insert(f.node.id.as_str(), *n);
        *n += 1;
    }
    out
}

/// The sections of both versions, in the new version's order with removed
/// ones where they were; every change goes into `changes`.
pub fn compare(old: &Document, new: &Document, changes: &mut Vec<Change>) -> Vec<SectionDiff> {
    let (old_flat, new_flat) = (flatten(old), flatten(new));
    let (old_by_id, new_by_id) = (by_id(&old_flat), by_id(&new_flat));
    let common: BTreeSet<&str> = old_by_id
        .keys()
        .filter(|id| new_by_id.contains_key(*id))
        .copied()
        .collect();
    let norm = Normalizer::new(old, new);
    let (old_order, new_order) = (
        sibling_order(&old_flat, &common),
        sibling_order(&new_flat, &common),
    );
    let mut diffs = Vec::new();
    for f in &new_flat {
        let id = f.node.id.as_str();
        let Some(o) = old_by_id.get(id) else {
            diffs.push(added(f, changes));
            continue;
        };
        let moved = o.parent != f.parent
            || o.supplement != f.supplement
            || o.node.number != f.node.number
            || old_order.get(id) != new_order.get(id);
        diffs.push(kept(o, f, moved, &norm, changes));
    }
    removed(&old_flat, &new_by_id, &norm, &mut diffs, changes);
    diffs
}

fn added(f: &Flat, changes: &mut Vec<Change>) -> SectionDiff {
    changes.push(f.change(
        id::SECTION_ADDED,
        format!("{} was added", f.label()),
        Value::Null,
        json!(f.node.heading()),
    ));
    SectionDiff {
        id: f.node.id.clone(),
        old_heading: None,
        new_heading: Some(f.node.heading()),
        status: Status::Added,
        depth: f.node.depth,
        title: vec![Piece::Added(f.node.title.clone())],
        body: vec![Piece::Added(Normalizer::identity().body(&f.node.body))],
    }
}

/// A section in both versions: moved or renumbered, and its title and text
/// compared with the old ones normalised.
fn kept(
    o: &Flat,
    f: &Flat,
    moved: bool,
    norm: &Normalizer,
    changes: &mut Vec<Change>,
) -> SectionDiff {
    let new_body = Normalizer::identity().body(&f.node.body);
    let old_body = norm.body(&o.node.body);
    let old_title = norm.text(&o.node.title);
    let title = prose::compare(&old_title, &f.node.title);
    let body = prose::compare(&old_body, &new_body);
    let mut status = Status::Unchanged;
    if moved {
        status = Status::Moved;
        changes.push(moved_change(o, f));
    }
    for (what, diff, old_text, new_text) in [
        ("title", &title, &old_title, &f.node.title),
        ("body", &body, &old_body, &new_body),
    ] {
        let subject = match what {
            "title" => format!("the title of {}", f.label()),
            _ => format!("the text of {}", f.label()),
        };
        let path = format!("{}.{what}", f.path());
        if let Some(mut c) = prose_change(&path, &subject, diff, old_text, new_text) {
            status = Status::Changed;
            c.section = Some(f.node.id.clone());
            changes.push(c);
        }
    }
    SectionDiff {
        id: f.node.id.clone(),
        old_heading: Some(o.node.heading()),
        new_heading: Some(f.node.heading()),
        status,
        depth: f.node.depth,
        title: title.pieces,
        body: super::redline::by_sentence(body.pieces),
    }
}

/// "renumbered from 3 to 4" when only its number changed, "moved" otherwise.
fn moved_change(o: &Flat, f: &Flat) -> Change {
    let how = match (&o.node.number, &f.node.number) {
        (Some(a), Some(b)) if a != b && o.parent == f.parent => {
            format!("renumbered from {a} to {b}")
        }
        _ => "moved".to_string(),
    };
    f.change(
        id::SECTION_MOVED,
        format!("{} was {how}", f.label()),
        json!(o.node.number),
        json!(f.node.number),
    )
}

/// Removed sections go after the section that preceded them in the old version.
fn removed(
    old_flat: &[Flat],
    new_by_id: &BTreeMap<&str, &Flat>,
    norm: &Normalizer,
    diffs: &mut Vec<SectionDiff>,
    changes: &mut Vec<Change>,
) {
    let mut prev: Option<&str> = None;
    for o in old_flat {
        let id = o.node.id.as_str();
        if !new_by_id.contains_key(id) {
            changes.push(o.change(
                id::SECTION_REMOVED,
                format!("{} was removed", o.label()),
                json!(o.node.heading()),
                Value::Null,
            ));
            let at = place(prev, diffs);
            diffs.insert(
                at,
                SectionDiff {
                    id: id.to_string(),
                    old_heading: Some(o.node.heading()),
                    new_heading: None,
                    status: Status::Removed,
                    depth: o.node.depth,
                    title: vec![Piece::Removed(o.node.title.clone())],
                    body: vec![Piece::Removed(norm.body(&o.node.body))],
                },
            );
        }
        prev = Some(id);
    }
}

/// Where a removed section goes: after `prev`, and after any removed sections
/// already placed there, keeping the old order.
fn place(prev: Option<&str>, diffs: &[SectionDiff]) -> usize {
    let at = prev
        .and_then(|p| diffs.iter().position(|d| d.id == p))
        .map_or(0, |i| i + 1);
    diffs[at..]
        .iter()
        .position(|d| d.status != Status::Removed)
        .map_or(diffs.len(), |i| at + i)
}
