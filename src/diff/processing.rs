//! The `processing` facts of two versions compared by id: a kind of data,
//! a purpose or a recipient named where it was not is a new use of data
//! already collected; one taken away is narrower.

use serde_json::json;

use super::{Change, change};
use crate::doc::{DataItem, Document, Processing};
use crate::rules::id;

pub fn compare(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    let (o, n) = match (&old.processing, &new.processing) {
        (Some(o), Some(n)) => (o, n),
        (None, Some(n)) if !n.data.is_empty() => {
            // Facts written down for the first time restate what the text
            // said: a new disclosure to read, not new collection.
            changes.push(change(
                id::PROCESSING_ADDED,
                "processing".into(),
                format!(
                    "The facts of processing were added ({} kinds of data)",
                    n.data.len()
                ),
                json!(null),
                json!(n.data.iter().map(|d| &d.name).collect::<Vec<_>>()),
            ));
            return;
        }
        _ => return,
    };
    for d in &n.data {
        match o.data.iter().find(|x| x.id == d.id) {
            None => changes.push(change(
                id::CATEGORY_COLLECTED,
                format!("processing.data.{}", d.id),
                format!("\u{201c}{}\u{201d} is now collected", d.name),
                json!(null),
                json!(d.name),
            )),
            Some(before) => data_changed(n, before, d, changes),
        }
    }
    for d in o
        .data
        .iter()
        .filter(|d| !n.data.iter().any(|x| x.id == d.id))
    {
        changes.push(change(
            id::NARROWED,
            format!("processing.data.{}", d.id),
            format!("\u{201c}{}\u{201d} is no longer collected", d.name),
            json!(d.name),
            json!(null),
        ));
    }
    bases_and_countries(o, n, changes);
    for right in o.rights.iter().filter(|r| !n.rights.contains(r)) {
        changes.push(change(
            id::RIGHT_REMOVED,
            format!("processing.rights.{right}"),
            format!("The right `{right}` was removed"),
            json!(right),
            json!(null),
        ));
    }
}

fn data_changed(n: &Processing, before: &DataItem, d: &DataItem, changes: &mut Vec<Change>) {
    let path = format!("processing.data.{}", d.id);
    for p in d.purposes.iter().filter(|p| !before.purposes.contains(p)) {
        let name = n.purposes.get(p).cloned().unwrap_or_else(|| p.clone());
        changes.push(change(
            id::PURPOSE_ADDED,
            format!("{path}.purposes.{p}"),
            format!("\u{201c}{}\u{201d} is now used for: {name}", d.name),
            json!(null),
            json!(name),
        ));
    }
    for r in d
        .recipients
        .iter()
        .filter(|r| !before.recipients.contains(r))
    {
        let name = n
            .recipients
            .get(r)
            .map_or_else(|| r.clone(), |(name, _)| name.clone());
        changes.push(change(
            id::RECIPIENT_ADDED,
            format!("{path}.recipients.{r}"),
            format!("\u{201c}{}\u{201d} is now disclosed to: {name}", d.name),
            json!(null),
            json!(name),
        ));
    }
    let dropped = before.purposes.iter().any(|p| !d.purposes.contains(p))
        || before.recipients.iter().any(|r| !d.recipients.contains(r));
    if dropped {
        changes.push(change(
            id::NARROWED,
            path.clone(),
            format!(
                "\u{201c}{}\u{201d} is used for less, or disclosed to fewer",
                d.name
            ),
            json!({"purposes": before.purposes, "recipients": before.recipients}),
            json!({"purposes": d.purposes, "recipients": d.recipients}),
        ));
    }
    if before.retention != d.retention {
        changes.push(change(
            id::RETENTION_CHANGED,
            format!("{path}.retention"),
            format!("How long \u{201c}{}\u{201d} is kept changed", d.name),
            json!(before.retention),
            json!(d.retention),
        ));
    }
}

/// A purpose whose name or legal basis changed, and a recipient whose data now goes
/// to another country.
fn bases_and_countries(o: &Processing, n: &Processing, changes: &mut Vec<Change>) {
    for (id, name) in &n.purposes {
        if let Some(before) = o.purposes.get(id).filter(|b| *b != name) {
            changes.push(change(
                id::PURPOSE_CHANGED,
                format!("processing.purposes.{id}"),
                format!("The purpose `{id}` changed: {before} to {name}"),
                json!(before),
                json!(name),
            ));
        }
    }
    for (id, (name, country)) in &n.recipients {
        let Some((_, before)) = o.recipients.get(id) else {
            continue;
        };
        if country.is_some() && country != before {
            changes.push(change(
                id::TRANSFER_ADDED,
                format!("processing.recipients.{id}.country"),
                format!(
                    "Data given to {name} now goes to {}",
                    country.as_deref().unwrap_or_default()
                ),
                json!(before),
                json!(country),
            ));
        }
    }
}
