//! Sections and supplements, matched by id (or, when the id changed, by
//! their text): added, removed, moved, renamed, and their titles and text.

use crate::rules::id;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

const MAX_RENAME_PAIRS: usize = 250_000;

/// Sections whose id changed, as git finds renamed files: each section only
/// in the new version is paired with the one only in the old version whose
/// words (title and text) it shares most, if they share at least half.
/// Old id to new id.
pub fn renames(old: &Document, new: &Document) -> BTreeMap<String, String> {
    let (old_flat, new_flat) = (flatten(old), flatten(new));
    let (old_by_id, new_by_id) = (by_id(&old_flat), by_id(&new_flat));
    let words = |f: &Flat| {
        let text = format!(
            "{} {}",
            f.node.title,
            Normalizer::identity().body(&f.node.body)
        );
        let mut counts: HashMap<String, usize> = HashMap::new();
        for w in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *counts.entry(w.to_lowercase()).or_default() += 1;
        }
        counts
    };
    let gone: Vec<(&str, HashMap<String, usize>)> = old_flat
        .iter()
        .filter(|f| !new_by_id.contains_key(f.node.id.as_str()))
        .map(|f| (f.node.id.as_str(), words(f)))
        .collect();
    let arrived: Vec<(&str, HashMap<String, usize>)> = new_flat
        .iter()
        .filter(|f| !old_by_id.contains_key(f.node.id.as_str()))
        .map(|f| (f.node.id.as_str(), words(f)))
        .collect();
    let mut pairs: Vec<(usize, &str, &str)> = Vec::new();
    // Every pair is compared: past 500 by 500 sections (no real policy comes
    // near), ids are taken as they are rather than risk a diff that hangs.
    if gone.len() * arrived.len() > MAX_RENAME_PAIRS {
        return BTreeMap::new();
    }
    for (o, ow) in &gone {
        for (n, nw) in &arrived {
            let shared: usize = ow
                .iter()
                .map(|(w, c)| (*c).min(nw.get(w).copied().unwrap_or(0)))
                .sum();
            let total: usize = ow.values().sum::<usize>() + nw.values().sum::<usize>();
            // Per mille of the words the two have in common (Dice).
            let similarity = (2000 * shared).checked_div(total).unwrap_or(0);
            if similarity >= 500 {
                pairs.push((similarity, o, n));
            }
        }
    }
    // Most similar first; ties in document order, so the result is stable.
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)).then(a.2.cmp(b.2)));
    let mut out = BTreeMap::new();
    let mut taken: BTreeSet<&str> = BTreeSet::new();
    for (_, o, n) in pairs {
        if !out.contains_key(o) && !taken.contains(n) {
            out.insert(o.to_string(), n.to_string());
            taken.insert(n);
        }
    }
    out
}

/// The sections of both versions, in the new version's order with removed
/// ones where they were; every change goes into `changes`.
pub fn compare(
    old: &Document,
    new: &Document,
    renamed: &BTreeMap<String, String>,
    changes: &mut Vec<Change>,
) -> Vec<SectionDiff> {
    let (old_flat, new_flat) = (flatten(old), flatten(new));
    let (old_by_id, new_by_id) = (by_id(&old_flat), by_id(&new_flat));
    let renamed_from: BTreeMap<&str, &Flat> = renamed
        .iter()
        .filter_map(|(o, n)| Some((n.as_str(), *old_by_id.get(o.as_str())?)))
        .collect();
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
        if let Some(o) = renamed_from.get(id) {
            changes.push(renamed_change(o, f));
            let mut diff = kept(o, f, false, &norm, changes);
            if diff.status == Status::Unchanged {
                diff.status = Status::Moved;
            }
            diffs.push(diff);
            continue;
        }
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
    removed(&old_flat, &new_by_id, renamed, &norm, &mut diffs, changes);
    diffs
}

/// A section found again under a new id: "renamed from “Old title”", or "has
/// a new id" when only the id changed.
fn renamed_change(o: &Flat, f: &Flat) -> Change {
    let how = if o.node.title == f.node.title {
        format!("has a new id (it was `{}`)", o.node.id)
    } else {
        format!("was renamed from \u{201c}{}\u{201d}", o.node.title)
    };
    f.change(
        id::SECTION_MOVED,
        format!("{} {how}", f.label()),
        json!(o.node.heading()),
        json!(f.node.heading()),
    )
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
    renamed: &BTreeMap<String, String>,
    norm: &Normalizer,
    diffs: &mut Vec<SectionDiff>,
    changes: &mut Vec<Change>,
) {
    let mut prev: Option<&str> = None;
    for o in old_flat {
        let id = o.node.id.as_str();
        if let Some(new_id) = renamed.get(id) {
            prev = Some(new_id);
            continue;
        }
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
