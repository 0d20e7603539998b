//! Facts compared one by one: organization, title, lead, rights, request
//! methods, flags, dates, jurisdictions.

use crate::rules::id;
use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::normalize::Normalizer;
use super::text::text_change;
use super::{Change, change, contacts};
use crate::doc::Document;

/// Facts: the organization, rights, request methods, contacts, flags, dates,
/// the lead and the title.
/// Facts compared as they are; the title and lead as `old_text` has them.
pub fn compare(old: &Document, old_text: &Document, new: &Document, changes: &mut Vec<Change>) {
    organization(old, new, changes);
    title_and_lead(old_text, new, changes);
    rights(old, new, changes);
    request_methods(old, new, changes);
    ccpa_flags(old, new, changes);
    columns(old, new, changes);
    contacts::compare(old, new, changes);
    controllers(old, new, changes);
    dates(old, new, changes);
    jurisdictions(old, new, changes);
}

/// The laws the policy answers to: one added or dropped is for review (a
/// law dropped may take away the rights it gave).
fn jurisdictions(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    for law in crate::jurisdiction::Jurisdiction::ALL {
        let (before, after) = (
            old.jurisdictions.contains(&law),
            new.jurisdictions.contains(&law),
        );
        if before == after {
            continue;
        }
        let message = if after {
            format!("The policy now answers to {}", law.name())
        } else {
            format!(
                "The policy no longer answers to {}: the rights and notices that law gave may be gone",
                law.name()
            )
        };
        changes.push(change(
            id::JURISDICTIONS_CHANGED,
            format!("jurisdictions.{}", law.id()),
            message,
            json!(before),
            json!(after),
        ));
    }
}

/// Controllers besides the organization, by id: one added, removed or
/// renamed is a new controller (material); a new region or description is
/// for review.
fn controllers(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    let ids: BTreeSet<&String> = old
        .controllers
        .keys()
        .chain(new.controllers.keys())
        .collect();
    for id in ids {
        let path = format!("controllers.{id}");
        match (old.controllers.get(id), new.controllers.get(id)) {
            (None, Some(n)) => changes.push(change(
                id::CONTROLLER_CHANGED,
                path,
                format!(
                    "{} is now a controller{}",
                    n.name,
                    n.region
                        .as_ref()
                        .map_or(String::new(), |r| format!(" ({r})"))
                ),
                Value::Null,
                json!(n.name),
            )),
            (Some(o), None) => changes.push(change(
                id::CONTROLLER_CHANGED,
                path,
                format!("{} is no longer a controller", o.name),
                json!(o.name),
                Value::Null,
            )),
            (Some(o), Some(n)) => {
                if o.name != n.name || o.legal_name != n.legal_name {
                    changes.push(change(
                        id::CONTROLLER_CHANGED,
                        format!("{path}.name"),
                        format!(
                            "The controller {id} is now {}",
                            n.legal_name.as_ref().unwrap_or(&n.name)
                        ),
                        json!(o.legal_name.as_ref().unwrap_or(&o.name)),
                        json!(n.legal_name.as_ref().unwrap_or(&n.name)),
                    ));
                }
                for (field, a, b) in [
                    ("region", &o.region, &n.region),
                    ("description", &o.description, &n.description),
                ] {
                    if a != b {
                        changes.push(change(
                            id::CONTACT_CHANGED,
                            format!("{path}.{field}"),
                            format!("The {field} of the controller {} changed", n.name),
                            json!(a),
                            json!(b),
                        ));
                    }
                }
            }
            (None, None) => {}
        }
    }
}

fn organization(old: &Document, new: &Document, changes: &mut Vec<Change>) {
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
                id::CONTROLLER_CHANGED,
                format!("organization.{field}"),
                format!("The business is now {}", b.unwrap_or(&new.org.name)),
                json!(a),
                json!(b),
            ));
        }
    }
    if old.org.website != new.org.website {
        changes.push(change(
            id::CONTACT_CHANGED,
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
        let what = "the description of the business";
        changes.extend(text_change("organization.description", what, &a, &b));
    }
}

/// The lead's place in the redline, before the sections, when it changed:
/// a sentence of the lead can narrow whom the whole policy protects.
pub fn lead_redline(old: &Document, new: &Document) -> Option<super::SectionDiff> {
    let norm = Normalizer::new(old, new);
    let (a, b) = (norm.body(&old.lead), Normalizer::identity().body(&new.lead));
    if a == b {
        return None;
    }
    let status = match (a.trim().is_empty(), b.trim().is_empty()) {
        (true, _) => super::Status::Added,
        (_, true) => super::Status::Removed,
        _ => super::Status::Changed,
    };
    Some(super::SectionDiff {
        id: "lead".to_string(),
        old_heading: Some("Introduction".to_string()),
        new_heading: Some("Introduction".to_string()),
        status,
        depth: 0,
        title: Vec::new(),
        body: super::prose::compare(&a, &b).pieces,
    })
}

/// The title and the lead as prose, the old ones normalised.
fn title_and_lead(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    let norm = Normalizer::new(old, new);
    let title = norm.text(&old.title);
    let what = "the title of the policy";
    changes.extend(text_change("title", what, &title, &new.title));
    let (a, b) = (norm.body(&old.lead), Normalizer::identity().body(&new.lead));
    changes.extend(text_change("lead", "the introduction (lead)", &a, &b));
}

fn rights(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    let rights = |d: &Document| -> BTreeSet<&'static str> {
        d.ccpa
            .iter()
            .flat_map(|c| c.rights.iter().map(|r| right_name(*r)))
            .collect()
    };
    let (a, b) = (rights(old), rights(new));
    for r in a.difference(&b) {
        changes.push(change(
            id::RIGHT_REMOVED,
            "ccpa.rights".into(),
            format!("The right {r} is no longer listed"),
            json!(a),
            json!(b),
        ));
    }
    for r in b.difference(&a) {
        changes.push(change(
            id::NARROWED,
            "ccpa.rights".into(),
            format!("The right {r} is now listed"),
            json!(a),
            json!(b),
        ));
    }
}

fn request_methods(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    let (ma, mb) = (methods(old), methods(new));
    for m in ma.difference(&mb) {
        changes.push(change(
            id::REQUEST_METHOD_REMOVED,
            "ccpa.request_methods".into(),
            format!("Requests are no longer accepted through the contact `{m}`"),
            json!(ma),
            json!(mb),
        ));
    }
    for m in mb.difference(&ma) {
        changes.push(change(
            id::NARROWED,
            "ccpa.request_methods".into(),
            format!("Requests are now also accepted through the contact `{m}`"),
            json!(ma),
            json!(mb),
        ));
    }
}

/// The ids of the contacts through which requests are accepted.
pub(super) fn methods(d: &Document) -> BTreeSet<String> {
    d.ccpa
        .iter()
        .flat_map(|c| c.request_methods.iter().cloned())
        .collect()
}

/// Selling minors' information, and being online-only.
fn ccpa_flags(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    let (sa, sb) = (
        old.ccpa.as_ref().is_some_and(|c| c.sells_minors),
        new.ccpa.as_ref().is_some_and(|c| c.sells_minors),
    );
    if !sa && sb {
        changes.push(change(
            id::MINORS_SALE_STARTED,
            "ccpa.sells_minors".into(),
            "Personal information of consumers under 16 is now sold or shared".into(),
            json!(false),
            json!(true),
        ));
    } else if sa && !sb {
        changes.push(change(
            id::NARROWED,
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
            id::TEXT_CHANGED,
            "ccpa.online_only".into(),
            format!(
                "The business {} declared online-only",
                if ob { "is now" } else { "is no longer" }
            ),
            json!(oa),
            json!(ob),
        ));
    }
}

/// The table's column headings, when either version names its own.
fn columns(old: &Document, new: &Document, changes: &mut Vec<Change>) {
    let columns = |d: &Document| {
        d.ccpa
            .as_ref()
            .map(|c| c.columns.iter().map(|(_, h)| h.clone()).collect::<Vec<_>>())
    };
    let custom = |d: &Document| d.ccpa.as_ref().is_some_and(|c| c.custom_columns);
    if columns(old) != columns(new) && (custom(old) || custom(new)) {
        changes.push(change(
            id::TEXT_EDITORIAL,
            "ccpa.columns".into(),
            "The columns of the CCPA table changed".into(),
            json!(columns(old)),
            json!(columns(new)),
        ));
    }
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

/// The effective and last-updated dates, their format, the changelog and the notice period.
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
                id::DATES_CHANGED,
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
            id::DATES_CHANGED,
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
            id::DATES_CHANGED,
            "changelog".into(),
            "The changelog changed".into(),
            json!(log(old)),
            json!(log(new)),
        ));
    }
    if old.notice_days != new.notice_days {
        changes.push(change(
            id::DATES_CHANGED,
            "notice.days".into(),
            "The notice period changed".into(),
            json!(old.notice_days),
            json!(new.notice_days),
        ));
    }
}
