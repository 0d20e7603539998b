//! The comparisons: sections by id, CCPA rows by key and then cell by cell,
//! contacts by id, lists as sets, and facts one by one.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::prose::{self, Piece, Verdict};
use super::{Change, RowDiff, SectionDiff, Status, change};
use crate::category::Category;
use crate::doc::{Block, Contact, Document, Node, Row};
use crate::model::Field;

/// A section or supplement with its place in the document.
struct Flat<'a> {
    node: &'a Node,
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
}

fn flatten(doc: &Document) -> Vec<Flat<'_>> {
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

/// Rewrites the old version's text so that what is reported elsewhere is not
/// also a change of prose: references take the new version's section numbers
/// (renumbering is `section-moved`), and facts printed in the text (dates,
/// the organization, contacts) their new values, since a changed fact is
/// reported once, under its own rule, where it is defined.
pub struct Normalizer<'a> {
    renumber: BTreeMap<&'a str, &'a str>,
    dates: Vec<(String, String)>,
}

impl<'a> Normalizer<'a> {
    fn new(old: &Document, new: &'a Document) -> Normalizer<'a> {
        // Only the sections whose number changed need their references rewritten.
        let old_numbers: BTreeMap<&str, Option<&str>> = flatten(old)
            .iter()
            .map(|f| (f.node.id.as_str(), f.node.number.as_deref()))
            .collect();
        let renumber = flatten(new)
            .iter()
            .filter_map(|f| Some((f.node.id.as_str(), f.node.number.as_deref()?)))
            .filter(|(id, n)| old_numbers.get(id).is_some_and(|o| *o != Some(*n)))
            .collect();
        let mut facts: Vec<(String, String)> = vec![
            (old.dates.effective_text(), new.dates.effective_text()),
            (old.dates.last_updated_text(), new.dates.last_updated_text()),
            (old.org.name.clone(), new.org.name.clone()),
        ];
        if let (Some(a), Some(b)) = (&old.org.legal_name, &new.org.legal_name) {
            facts.push((a.clone(), b.clone()));
        }
        for (id, a) in &old.contacts {
            let Some(b) = new.contacts.get(id) else {
                continue;
            };
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
        facts.retain(|(a, b)| a != b && !a.is_empty());
        // Longer first: a contact block before the email inside it, and
        // "July 1, 2024" before "July 2024".
        facts.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
        Normalizer {
            renumber,
            dates: facts,
        }
    }

    /// The new version's text is compared as it is.
    fn identity() -> Normalizer<'a> {
        Normalizer {
            renumber: BTreeMap::new(),
            dates: Vec::new(),
        }
    }

    fn text(&self, text: &str) -> String {
        let mut out = renumbered(text, &self.renumber);
        for (a, b) in &self.dates {
            if out.contains(a.as_str()) {
                out = out.replace(a.as_str(), b);
            }
        }
        out
    }

    /// A section's text for diffing: its markdown, with the table as a marker.
    fn body(&self, blocks: &[Block]) -> String {
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

pub fn sections(old: &Document, new: &Document, changes: &mut Vec<Change>) -> Vec<SectionDiff> {
    let (old_flat, new_flat) = (flatten(old), flatten(new));
    let old_by_id: BTreeMap<&str, &Flat> =
        old_flat.iter().map(|f| (f.node.id.as_str(), f)).collect();
    let new_by_id: BTreeMap<&str, &Flat> =
        new_flat.iter().map(|f| (f.node.id.as_str(), f)).collect();
    let common: BTreeSet<&str> = old_by_id
        .keys()
        .filter(|id| new_by_id.contains_key(*id))
        .copied()
        .collect();
    let (norm, same) = (Normalizer::new(old, new), Normalizer::identity());
    let (old_order, new_order) = (
        sibling_order(&old_flat, &common),
        sibling_order(&new_flat, &common),
    );

    let mut diffs = Vec::new();
    for f in &new_flat {
        let id = f.node.id.as_str();
        let new_body = same.body(&f.node.body);
        let Some(o) = old_by_id.get(id) else {
            let mut c = change(
                "section-added",
                f.path(),
                format!("{} was added", f.label()),
                Value::Null,
                json!(f.node.heading()),
            );
            c.section = Some(id.to_string());
            changes.push(c);
            diffs.push(SectionDiff {
                id: id.to_string(),
                old_heading: None,
                new_heading: Some(f.node.heading()),
                status: Status::Added,
                depth: f.node.depth,
                title: vec![Piece::Added(f.node.title.clone())],
                body: vec![Piece::Added(new_body)],
            });
            continue;
        };
        let old_body = norm.body(&o.node.body);
        let old_title = norm.text(&o.node.title);
        let title = prose::compare(&old_title, &f.node.title);
        let body = prose::compare(&old_body, &new_body);
        let mut status = Status::Unchanged;
        let moved = o.parent != f.parent
            || o.supplement != f.supplement
            || o.node.number != f.node.number
            || old_order.get(id) != new_order.get(id);
        if moved {
            status = Status::Moved;
            let how = match (&o.node.number, &f.node.number) {
                (Some(a), Some(b)) if a != b && o.parent == f.parent => {
                    format!("renumbered from {a} to {b}")
                }
                _ => "moved".to_string(),
            };
            let mut c = change(
                "section-moved",
                f.path(),
                format!("{} was {how}", f.label()),
                json!(o.node.number),
                json!(f.node.number),
            );
            c.section = Some(id.to_string());
            changes.push(c);
        }
        for (what, diff, old_text, new_text) in [
            ("title", &title, &old_title, &f.node.title),
            ("body", &body, &old_body, &new_body),
        ] {
            let subject = match what {
                "title" => format!("the title of {}", f.label()),
                _ => format!("the text of {}", f.label()),
            };
            if let Some(mut c) = prose_change(
                &format!("{}.{what}", f.path()),
                &subject,
                diff,
                old_text,
                new_text,
            ) {
                status = Status::Changed;
                c.section = Some(id.to_string());
                changes.push(c);
            }
        }
        diffs.push(SectionDiff {
            id: id.to_string(),
            old_heading: Some(o.node.heading()),
            new_heading: Some(f.node.heading()),
            status,
            depth: f.node.depth,
            title: title.pieces,
            body: body.pieces,
        });
    }
    // Removed sections go after the section that preceded them in the old version.
    let mut prev: Option<&str> = None;
    for o in &old_flat {
        let id = o.node.id.as_str();
        if new_by_id.contains_key(id) {
            prev = Some(id);
            continue;
        }
        let mut c = change(
            "section-removed",
            o.path(),
            format!("{} was removed", o.label()),
            json!(o.node.heading()),
            Value::Null,
        );
        c.section = Some(id.to_string());
        changes.push(c);
        let at = prev
            .and_then(|p| diffs.iter().position(|d| d.id == p))
            .map_or(0, |i| i + 1);
        // After any sections already placed there, keeping the old order.
        let at = diffs[at..]
            .iter()
            .position(|d| d.status != Status::Removed)
            .map_or(diffs.len(), |i| at + i);
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
        prev = Some(id);
    }
    diffs
}

/// The change a prose diff amounts to, if any: editorial, substantive or risky.
fn prose_change(
    path: &str,
    what: &str,
    diff: &prose::ProseDiff,
    old: &str,
    new: &str,
) -> Option<Change> {
    let (rule, message) = match &diff.verdict {
        Verdict::Same => return None,
        Verdict::Editorial(kind) => (
            "text-editorial",
            format!("Editorial change to {what}: {kind} only"),
        ),
        Verdict::Substantive => ("text-changed", format!("{what} changed")),
        Verdict::Risky(signals) => (
            "prose-risk",
            format!("{what} changed: {}", signals.join("; ")),
        ),
    };
    Some(change(
        rule,
        path.to_string(),
        capitalized(&message),
        json!(old),
        json!(new),
    ))
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The CCPA table: rows by key, then cell by cell; lists compared as sets.
pub fn ccpa(old: &Document, new: &Document, changes: &mut Vec<Change>) -> Vec<RowDiff> {
    let empty = Vec::new();
    let old_rows: BTreeMap<&str, &Row> = old
        .ccpa
        .as_ref()
        .map_or(&empty, |c| &c.rows)
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let new_rows = new.ccpa.as_ref().map_or(&empty, |c| &c.rows);
    let headings: BTreeMap<Field, String> = new
        .ccpa
        .iter()
        .flat_map(|c| c.columns.iter().cloned())
        .collect();
    let heading = |f: Field| {
        headings
            .get(&f)
            .cloned()
            .unwrap_or_else(|| f.default_heading().to_string())
    };
    let mut diffs = Vec::new();
    let new_ids: BTreeSet<&str> = new_rows.iter().map(|r| r.id.as_str()).collect();

    for n in new_rows {
        let path = format!("ccpa.categories.{}", n.id);
        let Some(o) = old_rows.get(n.id.as_str()) else {
            if n.collected {
                let rule = collected_rule(n.category);
                changes.push(change(
                    rule,
                    format!("{path}.collected"),
                    format!(
                        "{} {} now collected (new row){}",
                        n.label,
                        is_are(&n.label),
                        details(n)
                    ),
                    Value::Null,
                    json!(true),
                ));
            } else {
                changes.push(change(
                    "text-editorial",
                    path.clone(),
                    format!("Row added for {}, not collected", n.label),
                    Value::Null,
                    json!(false),
                ));
            }
            flag_started(&path, n, None, changes);
            diffs.push(RowDiff {
                id: n.id.clone(),
                label: n.label.clone(),
                status: Status::Added,
                cells: Field::ALL
                    .iter()
                    .map(|f| (heading(*f), String::new(), n.cell(*f)))
                    .filter(|c| !c.2.is_empty())
                    .collect(),
            });
            continue;
        };
        let mut cells = Vec::new();
        for f in Field::ALL {
            let (a, b) = (o.cell(f), n.cell(f));
            if a != b {
                cells.push((heading(f), a, b));
            }
        }
        if cells.is_empty() {
            continue;
        }
        match (o.collected, n.collected) {
            (false, true) => {
                // Its purposes, recipients, sources and retention are part of this
                // one change, not changes of their own.
                let rule = collected_rule(n.category);
                changes.push(change(
                    rule,
                    format!("{path}.collected"),
                    format!(
                        "{} {} now collected{}",
                        n.label,
                        is_are(&n.label),
                        details(n)
                    ),
                    json!(false),
                    json!(true),
                ));
                flag_started(&path, n, Some(o), changes);
                diffs.push(RowDiff {
                    id: n.id.clone(),
                    label: n.label.clone(),
                    status: Status::Changed,
                    cells,
                });
                continue;
            }
            (true, false) => changes.push(change(
                "narrowed",
                format!("{path}.collected"),
                format!("{} {} no longer collected", n.label, is_are(&n.label)),
                json!(true),
                json!(false),
            )),
            _ => {}
        }
        flag_started(&path, n, Some(o), changes);
        set_change(
            &path,
            "purposes",
            "purpose-added",
            "purpose",
            &n.label,
            &o.purposes,
            &n.purposes,
            changes,
        );
        set_change(
            &path,
            "recipients",
            "recipient-added",
            "category of recipients",
            &n.label,
            &o.recipients,
            &n.recipients,
            changes,
        );
        let (old_sources, new_sources): (BTreeSet<_>, BTreeSet<_>) =
            (o.sources.iter().collect(), n.sources.iter().collect());
        if old_sources != new_sources {
            changes.push(change(
                "text-changed",
                format!("{path}.sources"),
                format!("The sources of {} changed", n.label),
                json!(o.sources),
                json!(n.sources),
            ));
        }
        if o.retention != n.retention {
            changes.push(change(
                "retention-changed",
                format!("{path}.retention"),
                format!("The retention of {} changed", n.label),
                json!(o.retention),
                json!(n.retention),
            ));
        }
        for (field, a, b) in [
            ("label", &o.label, &n.label),
            ("examples", &o.examples, &n.examples),
        ] {
            let d = prose::compare(a, b);
            if let Some(c) = prose_change(
                &format!("{path}.{field}"),
                &format!("the {field} of {}", n.label),
                &d,
                a,
                b,
            ) {
                changes.push(c);
            }
        }
        if o.note != n.note {
            let (a, b) = (
                o.note.clone().unwrap_or_default(),
                n.note.clone().unwrap_or_default(),
            );
            let d = prose::compare(&a, &b);
            if let Some(c) = prose_change(
                &format!("{path}.note"),
                &format!("the note on {}", n.label),
                &d,
                &a,
                &b,
            ) {
                changes.push(c);
            }
        }
        if o.category != n.category {
            changes.push(change(
                "text-changed",
                format!("{path}.category"),
                format!(
                    "The row {} now maps to the statutory category {}",
                    n.id,
                    n.category.label()
                ),
                json!(o.category.key()),
                json!(n.category.key()),
            ));
        }
        diffs.push(RowDiff {
            id: n.id.clone(),
            label: n.label.clone(),
            status: Status::Changed,
            cells,
        });
    }
    for (id, o) in &old_rows {
        if new_ids.contains(id) {
            continue;
        }
        let path = format!("ccpa.categories.{id}");
        let message = if o.collected {
            format!(
                "{} {} no longer listed as collected (row removed)",
                o.label,
                is_are(&o.label)
            )
        } else {
            format!("Row for {} removed; it was not collected", o.label)
        };
        changes.push(change(
            "narrowed",
            path,
            message,
            json!(o.collected),
            Value::Null,
        ));
        diffs.push(RowDiff {
            id: id.to_string(),
            label: o.label.clone(),
            status: Status::Removed,
            cells: Field::ALL
                .iter()
                .map(|f| (heading(*f), o.cell(*f), String::new()))
                .filter(|c| !c.1.is_empty())
                .collect(),
        });
    }
    diffs
}

/// " (purposes: ...; disclosed to: ...)" for a newly collected category.
fn details(row: &Row) -> String {
    let mut parts = Vec::new();
    if !row.purposes.is_empty() {
        parts.push(format!("purposes: {}", row.purposes.join(", ")));
    }
    if !row.recipients.is_empty() {
        parts.push(format!("disclosed to: {}", row.recipients.join(", ")));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

fn is_are(label: &str) -> &'static str {
    if label.ends_with('s') && !label.ends_with("ss") {
        "are"
    } else {
        "is"
    }
}

/// Sensitive information has a rule of its own (LEGAL.md §1).
fn collected_rule(category: Category) -> &'static str {
    if category == Category::Sensitive {
        "sensitive-collected"
    } else {
        "category-collected"
    }
}

/// `sold` and `shared` turned on (material) or off (narrowed).
fn flag_started(path: &str, n: &Row, o: Option<&Row>, changes: &mut Vec<Change>) {
    for (field, rule, verb, old, new) in [
        (
            "sold",
            "sale-started",
            "sold",
            o.is_some_and(|o| o.sold),
            n.sold,
        ),
        (
            "shared",
            "sharing-started",
            "shared for cross-context behavioural advertising",
            o.is_some_and(|o| o.shared),
            n.shared,
        ),
    ] {
        match (old, new) {
            (false, true) => changes.push(change(
                rule,
                format!("{path}.{field}"),
                format!("{} {} now {verb}", n.label, is_are(&n.label)),
                json!(false),
                json!(true),
            )),
            (true, false) if o.is_some() => changes.push(change(
                "narrowed",
                format!("{path}.{field}"),
                format!("{} {} no longer {verb}", n.label, is_are(&n.label)),
                json!(true),
                json!(false),
            )),
            _ => {}
        }
    }
}

/// A list compared as a set: additions under `rule`, removals as `narrowed`.
#[allow(clippy::too_many_arguments)]
fn set_change(
    path: &str,
    field: &str,
    rule: &'static str,
    what: &str,
    label: &str,
    old: &[String],
    new: &[String],
    changes: &mut Vec<Change>,
) {
    let (a, b): (BTreeSet<&String>, BTreeSet<&String>) =
        (old.iter().collect(), new.iter().collect());
    let added: Vec<&str> = b.difference(&a).map(|s| s.as_str()).collect();
    let removed: Vec<&str> = a.difference(&b).map(|s| s.as_str()).collect();
    if !added.is_empty() {
        changes.push(change(
            rule,
            format!("{path}.{field}"),
            format!("New {what} for {label}: {}", added.join("; ")),
            json!(old),
            json!(new),
        ));
    }
    if !removed.is_empty() {
        changes.push(change(
            "narrowed",
            format!("{path}.{field}"),
            format!(
                "{} no longer applies to {label}: {}",
                capitalized(what),
                removed.join("; ")
            ),
            json!(old),
            json!(new),
        ));
    }
}

/// Facts: the organization, rights, request methods, contacts, flags, dates,
/// the lead and the title.
pub fn facts(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    for (field, a, b) in [
        ("name", Some(&old.org.name), Some(&new.org.name)),
        (
            "legal_name",
            old.org.legal_name.as_ref(),
            new.org.legal_name.as_ref(),
        ),
    ] {
        if a != b {
            changes.push(change(
                "controller-changed",
                format!("organization.{field}"),
                format!("The business is now {}", b.unwrap_or(&new.org.name)),
                json!(a),
                json!(b),
            ));
        }
    }
    if old.org.website != new.org.website {
        changes.push(change(
            "contact-changed",
            "organization.website".into(),
            "The business's website changed".into(),
            json!(old.org.website),
            json!(new.org.website),
        ));
    }
    if old.org.description != new.org.description {
        let (a, b) = (
            old.org.description.clone().unwrap_or_default(),
            new.org.description.clone().unwrap_or_default(),
        );
        if let Some(c) = prose_change(
            "organization.description",
            "the description of the business",
            &prose::compare(&a, &b),
            &a,
            &b,
        ) {
            changes.push(c);
        }
    }
    let norm = Normalizer::new(old, new);
    let title = norm.text(&old.title);
    if let Some(c) = prose_change(
        "title",
        "the title of the policy",
        &prose::compare(&title, &new.title),
        &title,
        &new.title,
    ) {
        changes.push(c);
    }
    let (a, b) = (norm.body(&old.lead), Normalizer::identity().body(&new.lead));
    if let Some(c) = prose_change(
        "lead",
        "the introduction (lead)",
        &prose::compare(&a, &b),
        &a,
        &b,
    ) {
        changes.push(c);
    }
    rights_and_methods(old, new, changes);
    contacts(old, new, changes);
    dates(old, new, changes);
}

fn rights_and_methods(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    let rights = |d: &Document| -> BTreeSet<&'static str> {
        d.ccpa
            .iter()
            .flat_map(|c| c.rights.iter().map(|r| right_name(*r)))
            .collect()
    };
    let (a, b) = (rights(old), rights(new));
    for r in a.difference(&b) {
        changes.push(change(
            "right-removed",
            "ccpa.rights".into(),
            format!("The right {r} is no longer listed"),
            json!(a),
            json!(b),
        ));
    }
    for r in b.difference(&a) {
        changes.push(change(
            "narrowed",
            "ccpa.rights".into(),
            format!("The right {r} is now listed"),
            json!(a),
            json!(b),
        ));
    }
    let (ma, mb) = (methods(old), methods(new));
    for m in ma.difference(&mb) {
        changes.push(change(
            "request-method-removed",
            "ccpa.request_methods".into(),
            format!("Requests are no longer accepted through the contact `{m}`"),
            json!(ma),
            json!(mb),
        ));
    }
    for m in mb.difference(&ma) {
        changes.push(change(
            "narrowed",
            "ccpa.request_methods".into(),
            format!("Requests are now also accepted through the contact `{m}`"),
            json!(ma),
            json!(mb),
        ));
    }
    let (sa, sb) = (
        old.ccpa.as_ref().is_some_and(|c| c.sells_minors),
        new.ccpa.as_ref().is_some_and(|c| c.sells_minors),
    );
    if !sa && sb {
        changes.push(change(
            "minors-sale-started",
            "ccpa.sells_minors".into(),
            "Personal information of consumers under 16 is now sold or shared".into(),
            json!(false),
            json!(true),
        ));
    } else if sa && !sb {
        changes.push(change(
            "narrowed",
            "ccpa.sells_minors".into(),
            "Personal information of consumers under 16 is no longer sold or shared".into(),
            json!(true),
            json!(false),
        ));
    }
    let (oa, ob) = (
        old.ccpa.as_ref().is_some_and(|c| c.online_only),
        new.ccpa.as_ref().is_some_and(|c| c.online_only),
    );
    if oa != ob {
        changes.push(change(
            "text-changed",
            "ccpa.online_only".into(),
            format!(
                "The business {} declared online-only",
                if ob { "is now" } else { "is no longer" }
            ),
            json!(oa),
            json!(ob),
        ));
    }
    let columns = |d: &Document| {
        d.ccpa
            .as_ref()
            .map(|c| c.columns.iter().map(|(_, h)| h.clone()).collect::<Vec<_>>())
    };
    let custom = |d: &Document| d.ccpa.as_ref().is_some_and(|c| c.custom_columns);
    if columns(old) != columns(new) && (custom(old) || custom(new)) {
        changes.push(change(
            "text-editorial",
            "ccpa.columns".into(),
            "The columns of the CCPA table changed".into(),
            json!(columns(old)),
            json!(columns(new)),
        ));
    }
}

fn methods(d: &Document) -> BTreeSet<String> {
    d.ccpa
        .iter()
        .flat_map(|c| c.request_methods.iter().cloned())
        .collect()
}

fn right_name(r: crate::model::Right) -> &'static str {
    use crate::model::Right::*;
    match r {
        Know => "to know",
        Delete => "to delete",
        Correct => "to correct",
        OptOut => "to opt out of sale and sharing",
        Limit => "to limit the use of sensitive information",
        NonDiscrimination => "to non-discrimination",
    }
}

/// Contacts by id. For request-method contacts, a removed email, phone or web
/// address is `request-method-removed`, a changed one `request-method-changed`.
fn contacts(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    let methods: BTreeSet<String> = methods(old).union(&methods(new)).cloned().collect();
    let ids: BTreeSet<&String> = old.contacts.keys().chain(new.contacts.keys()).collect();
    let empty = Contact::default();
    for id in ids {
        let (a, b) = (
            old.contacts.get(id).unwrap_or(&empty),
            new.contacts.get(id).unwrap_or(&empty),
        );
        if a == b {
            continue;
        }
        let path = format!("contacts.{id}");
        if !methods.contains(id) {
            let message = match (old.contacts.contains_key(id), new.contacts.contains_key(id)) {
                (false, _) => format!("Contact `{id}` was added"),
                (_, false) => format!("Contact `{id}` was removed"),
                _ => format!(
                    "Contact `{id}` changed: {}",
                    changed_fields(a, b).join(", ")
                ),
            };
            changes.push(change(
                "contact-changed",
                path,
                message,
                contact_json(a),
                contact_json(b),
            ));
            continue;
        }
        let address = |c: &Contact| (!c.address.is_empty()).then(|| c.address.join(", "));
        for (field, x, y) in [
            ("email", a.email.clone(), b.email.clone()),
            ("phone", a.phone.clone(), b.phone.clone()),
            ("web", a.web.clone(), b.web.clone()),
            ("address", address(a), address(b)),
        ] {
            let (rule, message) = match (&x, &y) {
                (Some(x), None) => (
                    "request-method-removed",
                    format!("The {field} for requests ({x}) was removed"),
                ),
                (Some(x), Some(y)) if x != y => (
                    "request-method-changed",
                    format!("The {field} for requests changed from {x} to {y}"),
                ),
                (None, Some(y)) => (
                    "narrowed",
                    format!("Requests can now also be made by {field}: {y}"),
                ),
                _ => continue,
            };
            changes.push(change(
                rule,
                format!("{path}.{field}"),
                message,
                json!(x),
                json!(y),
            ));
        }
        if a.toll_free && !b.toll_free && b.phone.is_some() {
            changes.push(change(
                "request-method-changed",
                format!("{path}.toll_free"),
                "The request phone number is no longer toll-free".into(),
                json!(true),
                json!(false),
            ));
        }
        if (&a.name, &a.attention) != (&b.name, &b.attention) {
            changes.push(change(
                "contact-changed",
                path,
                format!("The name of contact `{id}` changed"),
                json!(a.name),
                json!(b.name),
            ));
        }
    }
}

/// The names of the fields that differ between two versions of a contact.
fn changed_fields(a: &Contact, b: &Contact) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (name, differs) in [
        ("name", a.name != b.name),
        ("attention", a.attention != b.attention),
        ("email", a.email != b.email),
        ("phone", a.phone != b.phone || a.toll_free != b.toll_free),
        ("web", a.web != b.web),
        ("address", a.address != b.address),
    ] {
        if differs {
            out.push(name);
        }
    }
    out
}

fn contact_json(c: &Contact) -> Value {
    json!({
        "name": c.name, "attention": c.attention, "email": c.email, "phone": c.phone,
        "toll_free": c.toll_free, "web": c.web, "address": c.address,
    })
}

fn dates(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    let iso = crate::date::iso;
    for (field, a, b) in [
        ("effective", old.dates.effective, new.dates.effective),
        (
            "last_updated",
            old.dates.last_updated,
            new.dates.last_updated,
        ),
    ] {
        if a != b {
            changes.push(change(
                "dates-changed",
                format!("dates.{field}"),
                format!(
                    "The {} date changed from {} to {}",
                    field.replace('_', "-"),
                    iso(a),
                    iso(b)
                ),
                json!(iso(a)),
                json!(iso(b)),
            ));
        }
    }
    if old.dates.format != new.dates.format {
        changes.push(change(
            "dates-changed",
            "dates.format".into(),
            "The date format changed".into(),
            Value::Null,
            Value::Null,
        ));
    }
    let log = |d: &Document| -> Vec<Value> {
        d.changelog
            .iter()
            .map(|c| json!({"date": iso(c.date), "summary": c.summary, "material": c.material}))
            .collect()
    };
    if log(old) != log(new) {
        changes.push(change(
            "dates-changed",
            "changelog".into(),
            "The changelog changed".into(),
            json!(log(old)),
            json!(log(new)),
        ));
    }
    if old.notice_days != new.notice_days {
        changes.push(change(
            "dates-changed",
            "notice.days".into(),
            "The notice period changed".into(),
            json!(old.notice_days),
            json!(new.notice_days),
        ));
    }
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
