//! The template context of policy text: the organization, contacts, dates
//! and vars by name and by path, and each contact as a Markdown block.

use std::collections::BTreeMap;

use tera::Context;

use super::facts;
use crate::{doc, model};

/// The template context, the names it defines (for "did you mean"), and its
/// values by path (`org.name`).
pub(super) fn context(
    org: Option<&doc::Organization>,
    facts: &facts::Facts<'_>,
    contacts: &BTreeMap<String, doc::Contact>,
    controllers: &BTreeMap<String, doc::Controller>,
    dates: Option<&doc::Dates>,
    facts_dates: &model::Dates,
    notice_days: u32,
) -> (Context, Vec<String>, BTreeMap<String, String>) {
    let org_map = org_map(org);
    let contact_maps = contact_maps(contacts);
    let controller_maps = controller_maps(controllers);
    let date_map = date_map(dates, facts_dates);
    let vars: BTreeMap<&str, &str> = facts
        .vars
        .iter()
        .map(|(k, v)| (*k, v.value.as_str()))
        .collect();
    let mut context = Context::new();
    context.insert("org", &org_map);
    context.insert("contacts", &contact_maps);
    context.insert("controllers", &controller_maps);
    context.insert("dates", &date_map);
    context.insert("vars", &vars);
    let notice = BTreeMap::from([("days", notice_days.to_string())]);
    context.insert("notice", &notice);
    let mut names = vec![
        "org".to_string(),
        "contacts".into(),
        "controllers".into(),
        "dates".into(),
        "vars".into(),
        "notice".into(),
    ];
    names.extend(org_map.keys().map(|k| format!("org.{k}")));
    names.extend(vars.keys().map(|k| format!("vars.{k}")));
    // The same values by their full path, for expressions that only name one.
    let mut paths = BTreeMap::new();
    paths.extend(org_map.iter().map(|(k, v)| (format!("org.{k}"), v.clone())));
    paths.extend(
        date_map
            .iter()
            .map(|(k, v)| (format!("dates.{k}"), v.clone())),
    );
    paths.extend(
        vars.iter()
            .map(|(k, v)| (format!("vars.{k}"), v.to_string())),
    );
    paths.insert("notice.days".to_string(), notice_days.to_string());
    for (id, fields) in &controller_maps {
        paths.extend(
            fields
                .iter()
                .map(|(k, v)| (format!("controllers.{id}.{k}"), v.clone())),
        );
    }
    for (id, fields) in &contact_maps {
        paths.extend(
            fields
                .iter()
                .map(|(k, v)| (format!("contacts.{id}.{k}"), v.clone())),
        );
    }
    (context, names, paths)
}

type Fields<'a> = BTreeMap<&'a str, String>;

/// `org.name`, `org.legal_name` (falling back to the name) ...
fn org_map(org: Option<&doc::Organization>) -> Fields<'static> {
    let mut org_map = BTreeMap::new();
    if let Some(org) = org {
        org_map.insert("name", org.name.clone());
        // `legal_name` falls back to `name`, so text can always use it.
        org_map.insert(
            "legal_name",
            org.legal_name.as_ref().unwrap_or(&org.name).clone(),
        );
        if let Some(d) = &org.description {
            org_map.insert("description", d.clone());
        }
        if let Some(w) = &org.website {
            org_map.insert("website", w.clone());
        }
    }
    org_map
}

/// Each contact's fields by id.
fn contact_maps(contacts: &BTreeMap<String, doc::Contact>) -> BTreeMap<String, Fields<'static>> {
    let mut contact_maps = BTreeMap::new();
    for (id, c) in contacts {
        let mut m: BTreeMap<&str, String> = BTreeMap::new();
        let fields = [
            ("name", &c.name),
            ("attention", &c.attention),
            ("email", &c.email),
            ("phone", &c.phone),
            ("web", &c.web),
        ];
        for (k, v) in fields {
            if let Some(v) = v {
                m.insert(k, v.clone());
            }
        }
        if !c.address.is_empty() {
            m.insert("address", c.address.join(", "));
        }
        contact_maps.insert(id.clone(), m);
    }
    contact_maps
}

/// Each controller's fields by id.
fn controller_maps(
    controllers: &BTreeMap<String, doc::Controller>,
) -> BTreeMap<String, Fields<'static>> {
    let mut controller_maps = BTreeMap::new();
    for (id, c) in controllers {
        let mut m: BTreeMap<&str, String> = BTreeMap::new();
        m.insert("name", c.name.clone());
        m.insert(
            "legal_name",
            c.legal_name.clone().unwrap_or_else(|| c.name.clone()),
        );
        for (k, v) in [("region", &c.region), ("description", &c.description)] {
            if let Some(v) = v {
                m.insert(k, v.clone());
            }
        }
        controller_maps.insert(id.clone(), m);
    }
    controller_maps
}

/// The dates as printed; as written when a date is bad (reported once, where
/// it is written, and not again in every text that uses it).
fn date_map(dates: Option<&doc::Dates>, facts_dates: &model::Dates) -> Fields<'static> {
    let mut date_map = BTreeMap::new();
    match dates {
        Some(d) => {
            date_map.insert("effective", d.effective_text());
            date_map.insert("last_updated", d.last_updated_text());
        }
        // A bad date is reported once, where it is written; text using it
        // gets the text as written instead of a second error.
        None => {
            let effective = facts_dates.effective.value.clone();
            let last = facts_dates
                .last_updated
                .as_ref()
                .map_or(effective.clone(), |t| t.value.clone());
            date_map.insert("effective", effective);
            date_map.insert("last_updated", last);
        }
    }
    date_map
}

/// A contact as a markdown block: name, Attn, address lines, email, phone, web.
/// Lines end in a backslash, GFM's hard line break.
pub fn contact_block(c: &doc::Contact) -> String {
    let mut lines = Vec::new();
    if let Some(name) = &c.name {
        lines.push(format!("**{name}**"));
    }
    if let Some(attn) = &c.attention {
        lines.push(format!("Attn: {attn}"));
    }
    lines.extend(c.address.iter().cloned());
    if let Some(email) = &c.email {
        lines.push(format!("Email: [{email}](mailto:{email})"));
    }
    if let Some(phone) = &c.phone {
        let toll_free = if c.toll_free { " (toll-free)" } else { "" };
        lines.push(format!("Phone: {phone}{toll_free}"));
    }
    if let Some(web) = &c.web {
        lines.push(format!("Web: <{web}>"));
    }
    lines.join("\\\n")
}
