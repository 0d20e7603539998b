//! The rules that read the `processing` facts for the GDPR pack (shared by
//! the EU and UK GDPR) and the UK's own rule.

use super::Ctx;
use crate::diag::{Diagnostic, Pos};
use crate::model::Text;
use crate::processing::{
    Basis, Processing, Right, Safeguard, country_key, eu_adequate, in_eea, uk_adequate,
};
use crate::source::Source;

fn facts<'a>(ctx: &Ctx<'a>) -> Option<&'a Processing> {
    ctx.compiled.policy.processing.as_ref()
}

/// Where the `processing` facts start, for findings about what they lack.
fn start(ctx: &Ctx<'_>) -> Pos {
    let p = facts(ctx);
    p.and_then(|p| p.data.first().map(|d| Source::pos_of(&d.id)))
        .or_else(|| {
            p.and_then(|p| p.purposes.first())
                .map(|x| Source::pos_of(&x.id))
        })
        .unwrap_or(Pos::new(1, 1))
}

fn at(text: &Text, message: String, help: &str) -> Diagnostic {
    Diagnostic::error(message, Source::pos_of(text))
        .width(text.value.chars().count())
        .help(help)
}

pub fn gdpr_facts(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    if facts(ctx).is_some() {
        return Vec::new();
    }
    vec![
        Diagnostic::error(
            "the policy answers to the GDPR but has no `processing` block",
            Pos::new(1, 1),
        )
        .help("add `processing:` with the purposes and their legal basis, the recipients, the data and the rights (see the book's chapter on the GDPR)"),
    ]
}

pub fn gdpr_controller(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let doc = &ctx.compiled.doc;
    let mut out = Vec::new();
    let org = ctx.compiled.policy.organization.as_ref();
    if doc.org.legal_name.is_none() {
        let pos = org.map_or(Pos::new(1, 1), |o| Source::pos_of(&o.name));
        out.push(
            Diagnostic::error("the controller's legal name is not given", pos)
                .help("add `legal_name:` under `organization:` (or to the fragment it comes from)"),
        );
    }
    if !doc
        .contacts
        .values()
        .any(|c| c.email.is_some() || !c.address.is_empty())
    {
        out.push(
            Diagnostic::error(
                "no contact gives an email or postal address",
                Pos::new(1, 1),
            )
            .help("add `email:` or `address:` to the contact people write to about their data"),
        );
    }
    out
}

pub fn gdpr_dpo(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(dpo) = facts(ctx).and_then(|p| p.dpo.as_ref()) else {
        return Vec::new();
    };
    match ctx.compiled.doc.contacts.get(&dpo.value) {
        Some(c) if c.email.is_none() && c.address.is_empty() => vec![at(
            dpo,
            format!(
                "the data protection officer `{}` has no email or postal address",
                dpo.value
            ),
            "add `email:` or `address:` to that contact",
        )],
        _ => Vec::new(),
    }
}

pub fn gdpr_legal_basis(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(p) = facts(ctx) else {
        return Vec::new();
    };
    p.purposes
        .iter()
        .filter(|x| x.basis.is_none())
        .map(|x| {
            at(
                &x.id,
                format!("purpose `{}` has no legal basis", x.id.value),
                "add `basis:` (consent, contract, legal-obligation, vital-interests, public-task or legitimate-interests)",
            )
        })
        .collect()
}

pub fn gdpr_legit_interest(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(p) = facts(ctx) else {
        return Vec::new();
    };
    p.purposes
        .iter()
        .filter(|x| {
            x.basis
                .as_ref()
                .is_some_and(|b| b.value == Basis::LegitimateInterests)
        })
        .filter(|x| x.interest.is_none())
        .map(|x| {
            at(
                &x.id,
                format!(
                    "purpose `{}` rests on legitimate interests but does not say which",
                    x.id.value
                ),
                "add `interest:` with the interest pursued, in a sentence",
            )
        })
        .collect()
}

pub fn gdpr_recipients(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(p) = facts(ctx) else {
        return Vec::new();
    };
    if !p.recipients.is_empty() {
        return Vec::new();
    }
    vec![
        Diagnostic::error("no recipients of personal data are named", start(ctx))
            .help("add `recipients:` under `processing:` (hosting providers, payment processors …), and name their ids in each kind of data's `recipients:`"),
    ]
}

pub fn gdpr_transfer(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(p) = facts(ctx) else {
        return Vec::new();
    };
    let uk_only = !ctx
        .compiled
        .doc
        .jurisdictions
        .contains(&crate::jurisdiction::Jurisdiction::EuGdpr);
    let mut out = Vec::new();
    for r in &p.recipients {
        let Some(country) = &r.country else { continue };
        let name = country_key(&country.value);
        // Under the UK GDPR the UK is home, and the EEA and Gibraltar have UK
        // adequacy regulations.
        let inside =
            in_eea(&name) || uk_only && matches!(name.as_str(), "united kingdom" | "gibraltar");
        if inside {
            continue;
        }
        let adequate = if uk_only {
            uk_adequate(&name)
        } else {
            eu_adequate(&name)
        };
        match &r.safeguard {
            None => out.push(at(
                country,
                format!("recipient `{}` is in {}, but no safeguard for the transfer is named", r.id.value, country.value),
                "add `safeguard:` (adequacy, scc, bcr, dpf or derogation)",
            )),
            Some(s) if s.value == Safeguard::Dpf && name != "united states" => out.push(
                Diagnostic::error(
                    format!("the Data Privacy Framework covers only the United States, not {}", country.value),
                    Source::pos_of(s),
                )
                .width(3)
                .help("name the safeguard the transfer rests on: adequacy (if the country has a decision), scc, bcr or derogation"),
            ),
            Some(s) if s.value == Safeguard::Adequacy && !adequate => out.push(
                Diagnostic::error(
                    format!("there is no adequacy decision for {}", country.value),
                    Source::pos_of(s),
                )
                .width(8)
                .help("name the safeguard the transfer rests on: scc, bcr, dpf (certified US companies) or derogation"),
            ),
            Some(s) if matches!(s.value, Safeguard::Scc | Safeguard::Bcr) && r.copy.is_none() => {
                out.push(
                    Diagnostic::error(
                        format!("recipient `{}`: the policy does not say where a copy of the safeguard can be had", r.id.value),
                        Source::pos_of(s),
                    )
                    .help("add `copy:` with the contact id to write to, or the address of the clauses on the web"),
                )
            }
            Some(_) => {}
        }
    }
    out
}

pub fn gdpr_retention(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(p) = facts(ctx) else {
        return Vec::new();
    };
    p.data
        .iter()
        .filter(|d| d.retention.is_none())
        .map(|d| {
            at(
                &d.id,
                format!("`{}` does not say how long it is kept", d.id.value),
                "add `retention:` with the period, or the criteria that decide it",
            )
        })
        .collect()
}

fn rights_missing(ctx: &Ctx<'_>, needed: &[Right], why: &str) -> Vec<Diagnostic> {
    let Some(p) = facts(ctx) else {
        return Vec::new();
    };
    let missing: Vec<String> = needed
        .iter()
        .filter(|r| !p.rights.iter().any(|x| x.value == **r))
        .map(|r| format!("`{}`", r.key()))
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let pos = p.rights.first().map_or(start(ctx), Source::pos_of);
    vec![
        Diagnostic::error(
            format!(
                "`processing.rights` does not list {}{why}",
                missing.join(", ")
            ),
            pos,
        )
        .help("add them to `rights:` under `processing:`, and describe each right in the text"),
    ]
}

pub fn gdpr_rights(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    use Right::*;
    rights_missing(
        ctx,
        &[
            Access,
            Rectification,
            Erasure,
            Restriction,
            Objection,
            Portability,
        ],
        "",
    )
}

pub fn gdpr_withdraw(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let consent = facts(ctx).is_some_and(|p| {
        p.purposes
            .iter()
            .any(|x| x.basis.as_ref().is_some_and(|b| b.value == Basis::Consent))
    });
    if !consent {
        return Vec::new();
    }
    rights_missing(
        ctx,
        &[Right::WithdrawConsent],
        " (a purpose rests on consent)",
    )
}

pub fn gdpr_complaint(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    rights_missing(ctx, &[Right::Complaint], "")
}

pub fn uk_complaint_controller(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    rights_missing(ctx, &[Right::ComplaintToController], "")
}

pub fn gdpr_obligation(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(p) = facts(ctx) else {
        return Vec::new();
    };
    p.data
        .iter()
        .filter(|d| d.from_the_person() && d.required.is_none())
        .map(|d| {
            at(
                &d.id,
                format!("`{}` comes from the person, but the policy does not say whether they must provide it", d.id.value),
                "add `required: true` (and say in the text what follows if they do not) or `required: false`",
            )
        })
        .collect()
}

pub fn gdpr_adm(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(p) = facts(ctx) else {
        return Vec::new();
    };
    let Some(decisions) = &p.automated_decisions else {
        return vec![
            Diagnostic::error("the policy does not say whether it makes automated decisions", start(ctx))
                .help("add `automated_decisions: []` under `processing` if it makes none, or list each with its `logic` and `consequences`"),
        ];
    };
    decisions
        .iter()
        .filter(|d| d.logic.is_none() || d.consequences.is_none())
        .map(|d| {
            at(
                &d.name,
                format!(
                    "the automated decision `{}` does not state its logic and consequences",
                    d.name.value
                ),
                "add `logic:` and `consequences:`",
            )
        })
        .collect()
}

pub fn gdpr_indirect(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(p) = facts(ctx) else {
        return Vec::new();
    };
    p.data
        .iter()
        .filter(|d| d.sources.is_empty())
        .map(|d| {
            at(
                &d.id,
                format!("`{}` does not say where it comes from", d.id.value),
                "add `sources: [you]` for data the person gives, or name where it comes from",
            )
        })
        .collect()
}
