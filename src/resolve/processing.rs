//! The `processing` facts resolved: every id a kind of data names is defined
//! and every contact exists; and the table `processing_table()` prints.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::doc;
use crate::model::Text;
use crate::processing::{Basis, Data, Processing};
use crate::rules::{RuleId, id};
use crate::source::Source;
use crate::suggest::did_you_mean;

/// Problems with the ids `processing` defines and names.
pub fn check<T>(p: &Processing, contacts: &BTreeMap<String, T>, diags: &mut Vec<Diagnostic>) {
    let purposes = defined(p.purposes.iter().map(|x| &x.id), "purpose", diags);
    let recipients = defined(p.recipients.iter().map(|x| &x.id), "recipient", diags);
    defined(p.data.iter().map(|x| &x.id), "kind of data", diags);
    for data in &p.data {
        for named in &data.purposes {
            known(named, &purposes, "purpose", "purposes", diags);
        }
        for named in &data.recipients {
            known(named, &recipients, "recipient", "recipients", diags);
        }
    }
    let contact_ids: BTreeSet<&str> = contacts.keys().map(String::as_str).collect();
    for named in [&p.dpo, &p.representative, &p.appeal].into_iter().flatten() {
        known(named, &contact_ids, "contact", "contacts", diags);
    }
}

/// The ids of one list, each once: a repeated id is an error.
fn defined<'a>(
    ids: impl Iterator<Item = &'a Text>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for id in ids {
        super::check_id(id, &format!("{what} id"), diags);
        if !seen.insert(id.value.as_str()) {
            diags.push(
                Diagnostic::error(
                    format!("{what} `{}` is defined twice", id.value),
                    Source::pos_of(id),
                )
                .rule(id::DUPLICATE_ID)
                .width(id.value.chars().count())
                .help("give each one its own id"),
            );
        }
    }
    seen
}

fn known(named: &Text, ids: &BTreeSet<&str>, what: &str, list: &str, diags: &mut Vec<Diagnostic>) {
    if ids.contains(named.value.as_str()) {
        return;
    }
    let rule: RuleId = if what == "contact" {
        id::UNKNOWN_CONTACT
    } else {
        id::UNKNOWN_FACT
    };
    diags.push(
        Diagnostic::error(
            format!("unknown {what} `{}`", named.value),
            Source::pos_of(named),
        )
        .rule(rule)
        .width(named.value.chars().count())
        .help_opt(
            did_you_mean(&named.value, ids.iter().copied(), list).or_else(|| {
                Some(match list {
                    "contacts" => "define it under `contacts:`".to_string(),
                    _ => format!("define it under `{list}:` in `processing:`"),
                })
            }),
        ),
    );
}

/// The facts as a Markdown table: a row per kind of data, with where it
/// comes from, what it is used for and on which legal basis, who receives
/// it (and under what safeguard, abroad) and how long it is kept.
pub fn table(p: &Processing) -> String {
    let mut out = String::from(
        "| Data | Where it comes from | What we use it for | Who receives it | How long we keep it |\n|---|---|---|---|---|\n",
    );
    for data in &p.data {
        let cells = [
            name(data),
            sources(data),
            purposes(p, data),
            recipients(p, data),
            data.retention
                .as_ref()
                .map_or(String::new(), |t| t.value.clone()),
        ];
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

fn name(data: &Data) -> String {
    let mut name = data.name.value.clone();
    if data.sensitive {
        name.push_str(" (sensitive)");
    }
    match data.required {
        Some(true) => name.push_str("; you must provide it to use the service"),
        Some(false) => name.push_str("; providing it is up to you"),
        None => {}
    }
    name
}

fn sources(data: &Data) -> String {
    let named: Vec<&str> = data
        .sources
        .iter()
        .map(|s| {
            if s.value == "you" {
                "You"
            } else {
                s.value.as_str()
            }
        })
        .collect();
    named.join("; ")
}

fn purposes(p: &Processing, data: &Data) -> String {
    let named: Vec<String> = data
        .purposes
        .iter()
        .filter_map(|id| p.purposes.iter().find(|x| x.id.value == id.value))
        .map(|x| match (&x.basis, &x.interest) {
            (Some(basis), Some(interest)) if basis.value == Basis::LegitimateInterests => {
                format!(
                    "{} (on the basis of {}: {})",
                    x.name.value,
                    basis.value.label(),
                    interest.value
                )
            }
            (Some(basis), _) => {
                format!("{} (on the basis of {})", x.name.value, basis.value.label())
            }
            (None, _) => x.name.value.clone(),
        })
        .collect();
    named.join("; ")
}

fn recipients(p: &Processing, data: &Data) -> String {
    let named: Vec<String> = data
        .recipients
        .iter()
        .filter_map(|id| p.recipients.iter().find(|x| x.id.value == id.value))
        .map(|x| match (&x.country, &x.safeguard) {
            (Some(country), Some(s)) => {
                format!(
                    "{} (in {}, under {})",
                    x.name.value,
                    country.value,
                    s.value.label()
                )
            }
            (Some(country), None) => format!("{} (in {})", x.name.value, country.value),
            _ => x.name.value.clone(),
        })
        .collect();
    if named.is_empty() {
        "No one".into()
    } else {
        named.join("; ")
    }
}

/// Text as one table cell: its own lines joined, a pipe escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The facts by id, for the differ.
pub fn resolved(p: &Processing) -> doc::Processing {
    let ids = |list: &[Text]| list.iter().map(|t| t.value.clone()).collect();
    let purposes = p.purposes.iter().map(|x| {
        let name = match &x.basis {
            Some(b) => format!("{} (on the basis of {})", x.name.value, b.value.label()),
            None => x.name.value.clone(),
        };
        let facts = doc::PurposeFacts {
            name,
            consent: x.basis.as_ref().is_some_and(|b| b.value == Basis::Consent),
            kinds: x.kinds.iter().map(|k| k.key().to_string()).collect(),
        };
        (x.id.value.clone(), facts)
    });
    let recipients = p.recipients.iter().map(|x| {
        let facts = doc::RecipientFacts {
            name: x.name.value.clone(),
            country: x.country.as_ref().map(|c| c.value.clone()),
            safeguard: x.safeguard.as_ref().map(|s| s.value.key().to_string()),
        };
        (x.id.value.clone(), facts)
    });
    doc::Processing {
        purposes: purposes.collect(),
        recipients: recipients.collect(),
        data: p
            .data
            .iter()
            .map(|d| doc::DataItem {
                id: d.id.value.clone(),
                name: d.name.value.clone(),
                purposes: ids(&d.purposes),
                recipients: ids(&d.recipients),
                retention: d.retention.as_ref().map(|t| t.value.clone()),
                sources: ids(&d.sources),
                sensitive: d.sensitive,
                required: d.required,
            })
            .collect(),
        rights: p.rights.iter().map(|r| r.value.key().to_string()).collect(),
        language_models: p.language_models,
        table: table(p),
    }
}
