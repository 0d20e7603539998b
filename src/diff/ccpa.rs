//! The CCPA table: rows matched by key, then compared cell by cell, with lists as sets.

use crate::rules::id;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::text::{capitalized, text_change};
use super::{Change, RowDiff, Status, change};
use crate::category::Category;
use crate::doc::{Document, Row};
use crate::model::Field;

/// The column headings of the new version's table, for the table diff.
struct Headings(BTreeMap<Field, String>);

impl Headings {
    fn new(doc: &Document) -> Headings {
        Headings(
            doc.ccpa
                .iter()
                .flat_map(|c| c.columns.iter().cloned())
                .collect(),
        )
    }

    fn get(&self, f: Field) -> String {
        self.0
            .get(&f)
            .cloned()
            .unwrap_or_else(|| f.default_heading().to_string())
    }

    /// (heading, old text, new text) for every cell that differs; a missing
    /// row is given as `None`, its cells as empty.
    fn cells(&self, o: Option<&Row>, n: Option<&Row>) -> Vec<(String, String, String)> {
        let cell = |r: Option<&Row>, f: Field| r.map_or_else(String::new, |r| r.cell(f));
        Field::ALL
            .iter()
            .map(|f| (self.get(*f), cell(o, *f), cell(n, *f)))
            .filter(|c| c.1 != c.2)
            .collect()
    }
}

/// The CCPA table: rows by key, then cell by cell; lists compared as sets.
pub fn compare(old: &Document, new: &Document, changes: &mut Vec<Change>) -> Vec<RowDiff> {
    let empty = Vec::new();
    let old_rows: BTreeMap<&str, &Row> = old
        .ccpa
        .as_ref()
        .map_or(&empty, |c| &c.rows)
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let new_rows = new.ccpa.as_ref().map_or(&empty, |c| &c.rows);
    let headings = Headings::new(new);
    if old_rows.is_empty() && !new_rows.is_empty() {
        return first_table(new_rows, &headings, changes);
    }
    let mut diffs = Vec::new();
    let new_ids: BTreeSet<&str> = new_rows.iter().map(|r| r.id.as_str()).collect();
    for n in new_rows {
        let path = format!("ccpa.categories.{}", n.id);
        match old_rows.get(n.id.as_str()) {
            None => diffs.push(added(&path, n, &headings, changes)),
            Some(o) => diffs.extend(changed(&path, o, n, &headings, changes)),
        }
    }
    for (id, o) in &old_rows {
        if !new_ids.contains(id) {
            diffs.push(removed(id, o, &headings, changes));
        }
    }
    diffs
}

/// A table where there was none is a new disclosure of what the policy
/// collects, which its prose may already have said: one change for a person
/// to read, not every row as new collection.
fn first_table(rows: &[Row], headings: &Headings, changes: &mut Vec<Change>) -> Vec<RowDiff> {
    let collected: Vec<&str> = rows
        .iter()
        .filter(|r| r.collected)
        .map(|r| r.label.as_str())
        .collect();
    let sold: Vec<&str> = rows
        .iter()
        .filter(|r| r.sold || r.shared)
        .map(|r| r.label.as_str())
        .collect();
    let mut message = format!(
        "A CCPA category table appears for the first time ({} rows; collected: {})",
        rows.len(),
        if collected.is_empty() {
            "none".to_string()
        } else {
            collected.join(", ")
        }
    );
    if !sold.is_empty() {
        message.push_str(&format!("; sold or shared: {}", sold.join(", ")));
    }
    message.push_str(": check that the earlier text said as much");
    changes.push(change(
        id::TABLE_ADDED,
        "ccpa.categories".to_string(),
        message,
        Value::Null,
        json!(rows.len()),
    ));
    rows.iter()
        .map(|n| RowDiff {
            id: n.id.clone(),
            label: n.label.clone(),
            status: Status::Added,
            cells: headings.cells(None, Some(n)),
        })
        .collect()
}

fn added(path: &str, n: &Row, headings: &Headings, changes: &mut Vec<Change>) -> RowDiff {
    if n.collected {
        changes.push(now_collected(path, n, " (new row)", Value::Null));
    } else {
        changes.push(change(
            id::TEXT_EDITORIAL,
            path.to_string(),
            format!("Row added for {}, not collected", n.label),
            Value::Null,
            json!(false),
        ));
    }
    flag_started(path, n, None, changes);
    RowDiff {
        id: n.id.clone(),
        label: n.label.clone(),
        status: Status::Added,
        cells: headings.cells(None, Some(n)),
    }
}

/// A row in both versions; `None` when no cell differs.
fn changed(
    path: &str,
    o: &Row,
    n: &Row,
    headings: &Headings,
    changes: &mut Vec<Change>,
) -> Option<RowDiff> {
    let cells = headings.cells(Some(o), Some(n));
    if cells.is_empty() {
        return None;
    }
    // A newly collected category's purposes, recipients, sources and
    // retention are part of that one change, not changes of their own.
    let newly_collected = !o.collected && n.collected;
    if newly_collected {
        changes.push(now_collected(path, n, "", json!(false)));
    } else if o.collected && !n.collected {
        changes.push(change(
            id::NARROWED,
            format!("{path}.collected"),
            format!("{} {} no longer collected", n.label, is_are(&n.label)),
            json!(true),
            json!(false),
        ));
    }
    flag_started(path, n, Some(o), changes);
    if !newly_collected {
        lists(path, o, n, changes);
        texts(path, o, n, changes);
    }
    Some(RowDiff {
        id: n.id.clone(),
        label: n.label.clone(),
        status: Status::Changed,
        cells,
    })
}

fn removed(id: &str, o: &Row, headings: &Headings, changes: &mut Vec<Change>) -> RowDiff {
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
        id::NARROWED,
        format!("ccpa.categories.{id}"),
        message,
        json!(o.collected),
        Value::Null,
    ));
    RowDiff {
        id: id.to_string(),
        label: o.label.clone(),
        status: Status::Removed,
        cells: headings.cells(Some(o), None),
    }
}

/// "X is now collected", with what it is collected for and who it goes to.
fn now_collected(path: &str, n: &Row, how: &str, old: Value) -> Change {
    change(
        collected_rule(n.category),
        format!("{path}.collected"),
        format!(
            "{} {} now collected{how}{}",
            n.label,
            is_are(&n.label),
            details(n)
        ),
        old,
        json!(true),
    )
}

/// Purposes and recipients as sets, then sources and retention.
fn lists(path: &str, o: &Row, n: &Row, changes: &mut Vec<Change>) {
    set_change(
        path,
        "purposes",
        id::PURPOSE_ADDED,
        "purpose",
        &n.label,
        &o.purposes,
        &n.purposes,
        changes,
    );
    set_change(
        path,
        "recipients",
        id::RECIPIENT_ADDED,
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
            id::TEXT_CHANGED,
            format!("{path}.sources"),
            format!("The sources of {} changed", n.label),
            json!(o.sources),
            json!(n.sources),
        ));
    }
    if o.retention != n.retention {
        changes.push(change(
            id::RETENTION_CHANGED,
            format!("{path}.retention"),
            format!("The retention of {} changed", n.label),
            json!(o.retention),
            json!(n.retention),
        ));
    }
}

/// The label, examples and note as prose, and the statutory category.
fn texts(path: &str, o: &Row, n: &Row, changes: &mut Vec<Change>) {
    for (field, a, b) in [
        ("label", &o.label, &n.label),
        ("examples", &o.examples, &n.examples),
    ] {
        let what = format!("the {field} of {}", n.label);
        changes.extend(text_change(&format!("{path}.{field}"), &what, a, b));
    }
    for (field, a, b) in [
        ("note", &o.note, &n.note),
        ("sold_text", &o.sold_text, &n.sold_text),
        ("shared_text", &o.shared_text, &n.shared_text),
    ] {
        if a != b {
            let (a, b) = (a.clone().unwrap_or_default(), b.clone().unwrap_or_default());
            let what = format!("the {} on {}", field.replace('_', " "), n.label);
            changes.extend(text_change(&format!("{path}.{field}"), &what, &a, &b));
        }
    }
    if o.also != n.also {
        let keys = |r: &Row| r.also.iter().map(|c| c.key()).collect::<Vec<_>>();
        changes.push(change(
            id::TEXT_CHANGED,
            format!("{path}.also"),
            format!(
                "The row {} now also falls under: {}",
                n.id,
                keys(n).join(", ")
            ),
            json!(keys(o)),
            json!(keys(n)),
        ));
    }
    if o.category != n.category {
        changes.push(change(
            id::TEXT_CHANGED,
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
fn collected_rule(category: Category) -> crate::rules::RuleId {
    if category == Category::Sensitive {
        id::SENSITIVE_COLLECTED
    } else {
        id::CATEGORY_COLLECTED
    }
}

/// `sold` and `shared` turned on (material) or off (narrowed).
fn flag_started(path: &str, n: &Row, o: Option<&Row>, changes: &mut Vec<Change>) {
    for (field, rule, verb, old, new) in [
        (
            "sold",
            id::SALE_STARTED,
            "sold",
            o.is_some_and(|o| o.sold),
            n.sold,
        ),
        (
            "shared",
            id::SHARING_STARTED,
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
                id::NARROWED,
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
    rule: crate::rules::RuleId,
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
            id::NARROWED,
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
