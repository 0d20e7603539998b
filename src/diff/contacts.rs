//! Contacts matched by id: a contact for requests field by field, any other as a whole.

use crate::rules::id;
use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::facts::methods;
use super::{Change, change};
use crate::doc::{Contact, Document};

/// Contacts by id. For request-method contacts, a removed email, phone or web
/// address is `request-method-removed`, a changed one `request-method-changed`.
pub(super) fn compare(old: &Document, new: &Document, changes: &mut Vec<Change>) {
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
        if methods.contains(id) {
            request_contact(id, a, b, changes);
            continue;
        }
        let message = match (old.contacts.contains_key(id), new.contacts.contains_key(id)) {
            (false, _) => format!("Contact `{id}` was added"),
            (_, false) => format!("Contact `{id}` was removed"),
            _ => format!(
                "Contact `{id}` changed: {}",
                changed_fields(a, b).join(", ")
            ),
        };
        changes.push(change(
            id::CONTACT_CHANGED,
            format!("contacts.{id}"),
            message,
            contact_json(a),
            contact_json(b),
        ));
    }
}

/// A contact through which requests are accepted: each way of reaching it on
/// its own, since losing one takes a request method away.
fn request_contact(id: &str, a: &Contact, b: &Contact, changes: &mut Vec<Change>) {
    let path = format!("contacts.{id}");
    let address = |c: &Contact| (!c.address.is_empty()).then(|| c.address.join(", "));
    for (field, x, y) in [
        ("email", a.email.clone(), b.email.clone()),
        ("phone", a.phone.clone(), b.phone.clone()),
        ("web", a.web.clone(), b.web.clone()),
        ("address", address(a), address(b)),
    ] {
        let (rule, message) = match (&x, &y) {
            (Some(x), None) => (
                id::REQUEST_METHOD_REMOVED,
                format!("The {field} for requests ({x}) was removed"),
            ),
            (Some(x), Some(y)) if x != y => (
                id::REQUEST_METHOD_CHANGED,
                format!("The {field} for requests changed from {x} to {y}"),
            ),
            (None, Some(y)) => (
                id::NARROWED,
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
            id::REQUEST_METHOD_CHANGED,
            format!("{path}.toll_free"),
            "The request phone number is no longer toll-free".into(),
            json!(true),
            json!(false),
        ));
    }
    if (&a.name, &a.attention) != (&b.name, &b.attention) {
        changes.push(change(
            id::CONTACT_CHANGED,
            path,
            format!("The name of contact `{id}` changed"),
            json!(a.name),
            json!(b.name),
        ));
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
