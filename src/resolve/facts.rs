//! Facts written once: the organization, contacts and vars of a policy together
//! with those of the fragments it includes.

use crate::rules::id;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Pos};
use crate::load::Included;
use crate::model::{Contact, Organization, Policy, Text};
use crate::source::Source;

/// A contact and, when it comes from a fragment, that fragment's source.
pub struct ContactFact<'a> {
    pub contact: &'a Spanned<Contact>,
    pub from: Option<&'a Arc<Source>>,
}

pub struct Facts<'a> {
    pub org: Option<&'a Organization>,
    pub contacts: BTreeMap<&'a str, ContactFact<'a>>,
    pub vars: BTreeMap<&'a str, &'a Text>,
}

/// Gathers the facts of a policy and its fragments. A fact defined twice is an
/// error, so that each fact has exactly one place where it is changed.
pub fn gather<'a>(
    source: &Source,
    policy: &'a Policy,
    included: &'a [Included],
    diags: &mut Vec<Diagnostic>,
) -> Facts<'a> {
    let mut facts = Facts {
        org: policy.organization.as_ref(),
        contacts: policy
            .contacts
            .iter()
            .map(|(id, c)| {
                (
                    id.as_str(),
                    ContactFact {
                        contact: c,
                        from: None,
                    },
                )
            })
            .collect(),
        vars: policy.vars.iter().map(|(k, v)| (k.as_str(), v)).collect(),
    };
    let twice = |what: String, at: Pos, fragment: &Source| {
        Diagnostic::error(
            format!("{what} is defined here and in {}", fragment.name),
            at,
        )
        .rule(id::DUPLICATE_ID)
        .help("define each fact once: remove one of the two")
    };
    // Which fragment each var came from (`None`: the policy itself).
    let mut var_from: std::collections::BTreeMap<&str, &Source> = std::collections::BTreeMap::new();
    let own_org = policy
        .organization
        .as_ref()
        .map(|o| Source::pos_of(&o.name));
    for inc in included {
        let f = &inc.fragment;
        if let Some(org) = &f.organization {
            match facts.org {
                Some(_) => diags.push(twice(
                    "`organization`".into(),
                    own_org.unwrap_or(inc.at),
                    &inc.source,
                )),
                None => facts.org = Some(org),
            }
        }
        for (id, contact) in &f.contacts {
            if let Some(own) = facts.contacts.get(id.as_str()) {
                let at = if own.from.is_none() {
                    source.key_pos(id, own.contact)
                } else {
                    inc.at
                };
                diags.push(twice(format!("contact `{id}`"), at, &inc.source));
            } else {
                facts.contacts.insert(
                    id,
                    ContactFact {
                        contact,
                        from: Some(&inc.source),
                    },
                );
            }
        }
        for (name, value) in &f.vars {
            if let Some(own) = facts.vars.get(name.as_str()) {
                // Defined in the policy: reported there; in an earlier
                // fragment: at this include, naming both fragments.
                let diag = match var_from.get(name.as_str()) {
                    None => twice(format!("var `{name}`"), Source::pos_of(*own), &inc.source),
                    Some(first) => twice(
                        format!("var `{name}` of {}", first.name),
                        inc.at,
                        &inc.source,
                    ),
                };
                diags.push(diag);
            } else {
                facts.vars.insert(name, value);
                var_from.insert(name, &inc.source);
            }
        }
    }
    if facts.org.is_none() {
        diags.push(
            Diagnostic::error("missing key `organization`", Pos::new(1, 1)).help(
                "add `organization:` with at least `name`, or include a fragment that defines it",
            ),
        );
    }
    facts
}
