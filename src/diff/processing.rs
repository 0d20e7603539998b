//! The `processing` facts of two versions compared by id: a kind of data,
//! a purpose or a recipient named where it was not is a new use of data
//! already collected; one taken away is narrower.

use serde_json::json;

use super::{Change, change};
use crate::doc::{DataItem, Document, Processing};
use crate::processing::{country_key, in_eea};
use crate::rules::id;

pub fn compare(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    let Some(n) = &new.processing else { return };
    let empty = Processing::default();
    let o = old.processing.as_ref().unwrap_or(&empty);
    if o.data.is_empty() && !n.data.is_empty() {
        // Facts written down for the first time restate what the text said:
        // a new disclosure to read, not new collection.
        changes.push(change(
            id::PROCESSING_ADDED,
            "processing.data".into(),
            format!(
                "The kinds of data processed were written down ({} of them)",
                n.data.len()
            ),
            json!(null),
            json!(n.data.iter().map(|d| &d.name).collect::<Vec<_>>()),
        ));
    } else {
        data(o, n, changes);
    }
    purposes(o, n, changes);
    recipients(o, n, changes);
    for right in o.rights.iter().filter(|r| !n.rights.contains(r)) {
        changes.push(change(
            id::RIGHT_REMOVED,
            format!("processing.rights.{right}"),
            format!("The right `{right}` was removed"),
            json!(right),
            json!(null),
        ));
    }
    if n.language_models == Some(true) && o.language_models != Some(true) {
        changes.push(change(
            id::PURPOSE_ADDED,
            "processing.language_models".into(),
            "Personal data is now used to train large language models".into(),
            json!(o.language_models),
            json!(true),
        ));
    }
}

fn data(o: &Processing, n: &Processing, changes: &mut Vec<Change>) {
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
}

fn data_changed(n: &Processing, before: &DataItem, d: &DataItem, changes: &mut Vec<Change>) {
    let path = format!("processing.data.{}", d.id);
    for p in d.purposes.iter().filter(|p| !before.purposes.contains(p)) {
        let name = n.purposes.get(p).map_or(p.as_str(), |x| x.name.as_str());
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
        let name = n.recipients.get(r).map_or(r.as_str(), |x| x.name.as_str());
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
    let facts = |x: &DataItem| json!({"sources": x.sources, "sensitive": x.sensitive, "required": x.required});
    if facts(before) != facts(d) {
        changes.push(change(
            id::FACT_CHANGED,
            path,
            format!(
                "Where \u{201c}{}\u{201d} comes from, whether it is sensitive or whether it is required changed",
                d.name
            ),
            facts(before),
            facts(d),
        ));
    }
}

/// A purpose whose name, legal basis or kind changed.
fn purposes(o: &Processing, n: &Processing, changes: &mut Vec<Change>) {
    for (pid, now) in &n.purposes {
        let Some(before) = o.purposes.get(pid) else {
            continue;
        };
        let path = format!("processing.purposes.{pid}");
        // Consent cannot be swapped for another basis after the fact.
        let (rule, what) = if before.consent && !now.consent {
            (id::CONSENT_REPLACED, "no longer rests on consent")
        } else {
            (id::PURPOSE_CHANGED, "changed")
        };
        if before.name != now.name || rule == id::CONSENT_REPLACED {
            changes.push(change(
                rule,
                path.clone(),
                format!(
                    "The purpose `{pid}` {what}: {} to {}",
                    before.name, now.name
                ),
                json!(before.name),
                json!(now.name),
            ));
        }
        for kind in now.kinds.iter().filter(|k| !before.kinds.contains(k)) {
            let rule = match kind.as_str() {
                "sale" => id::SALE_STARTED,
                "sharing" | "targeted-advertising" => id::SHARING_STARTED,
                _ => id::PURPOSE_CHANGED,
            };
            changes.push(change(
                rule,
                format!("{path}.kinds.{kind}"),
                format!("The purpose `{pid}` ({}) is now {kind}", now.name),
                json!(null),
                json!(kind),
            ));
        }
    }
}

/// A recipient whose data now goes to a country outside the EEA it did not
/// go to, or whose transfer rests on another safeguard.
fn recipients(o: &Processing, n: &Processing, changes: &mut Vec<Change>) {
    for (rid, now) in &n.recipients {
        let Some(before) = o.recipients.get(rid) else {
            continue;
        };
        let path = format!("processing.recipients.{rid}");
        let key = |c: &Option<String>| c.as_deref().map(country_key);
        let (was, is) = (key(&before.country), key(&now.country));
        let abroad = is.as_deref().is_some_and(|c| !in_eea(c));
        if was != is && abroad {
            changes.push(change(
                id::TRANSFER_ADDED,
                format!("{path}.country"),
                format!(
                    "Data given to {} now goes to {}",
                    now.name,
                    now.country.as_deref().unwrap_or_default()
                ),
                json!(before.country),
                json!(now.country),
            ));
        } else if was != is || before.safeguard != now.safeguard {
            changes.push(change(
                id::FACT_CHANGED,
                path,
                format!(
                    "Where {} is, or what its transfer rests on, changed",
                    now.name
                ),
                json!({"country": before.country, "safeguard": before.safeguard}),
                json!({"country": now.country, "safeguard": now.safeguard}),
            ));
        }
    }
}
