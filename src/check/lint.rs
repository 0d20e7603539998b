//! The lint rules of LEGAL.md §2, one small function each, in one registry.

use std::collections::BTreeSet;

use jiff::ToSpan as _;

use super::{Ctx, agreement, processing, statements, states};
use crate::category::{CATEGORIES, Category};
use crate::diag::{Diagnostic, Pos, Severity};
use crate::model::Right;
use crate::rules::{self, Kind, RuleId, id};
use crate::source::Source;

type Check = fn(&Ctx<'_>) -> Vec<Diagnostic>;

/// Every lint rule with its implementation. Its severity, citation, law and
/// the day it applies from are in [`crate::rules::RULES`].
pub const LINTS: &[(RuleId, Check)] = &[
    (id::LAST_UPDATED_FUTURE, last_updated_future),
    (id::POLICY_STALE, policy_stale),
    (id::CCPA_FACTS, ccpa_facts),
    (id::ANNUAL_REVIEW, annual_review),
    (id::LAST_UPDATED, last_updated),
    (id::CATEGORIES_COMPLETE, categories_complete),
    (id::CATEGORY_SOURCES, category_sources),
    (id::CATEGORY_PURPOSES, category_purposes),
    (id::CATEGORY_RETENTION, category_retention),
    (id::SOLD_RECIPIENTS, sold_recipients),
    (id::RIGHTS_LISTED, rights_listed),
    (id::REQUEST_METHODS, request_methods),
    (id::PRIVACY_CONTACT, privacy_contact),
    (id::MINORS, minors),
    (id::PROSE_DENIES_SALE, agreement::prose_denies_sale),
    (id::PROSE_DENIES_SHARING, agreement::prose_denies_sharing),
    (
        id::PROSE_DENIES_COLLECTION,
        agreement::prose_denies_collection,
    ),
    (id::PROSE_AFFIRMS_SALE, agreement::prose_affirms_sale),
    (id::TX_SALE_NOTICE, statements::tx_sale_notice),
    (id::CO_LAST_UPDATED, co_last_updated),
    (id::CT_REQUEST_METHOD, email_or_web),
    (id::CT_LLM_STATEMENT, statements::ct_llm_statement),
    (id::MN_LAST_UPDATED, mn_last_updated),
    (id::CO_PURPOSES, states::co_purposes),
    (id::CO_OPT_OUT_SIGNALS, states::co_opt_out_signals),
    (id::OR_REQUEST_METHOD, email_or_web),
    (id::MN_RETENTION, states::mn_retention),
    (id::CO_APPEAL, states::co_appeal),
    (id::CO_OPT_OUT, states::co_opt_out),
    (id::VA_APPEAL, states::va_appeal),
    (id::VA_OPT_OUT, states::va_opt_out),
    (id::CT_APPEAL, states::ct_appeal),
    (id::CT_OPT_OUT, states::ct_opt_out),
    (id::TX_APPEAL, states::tx_appeal),
    (id::TX_OPT_OUT, states::tx_opt_out),
    (id::OR_APPEAL, states::or_appeal),
    (id::OR_OPT_OUT, states::or_opt_out),
    (id::MN_APPEAL, states::mn_appeal),
    (id::MN_OPT_OUT, states::mn_opt_out),
    (id::GDPR_FACTS, processing::gdpr_facts),
    (id::GDPR_CONTROLLER, processing::gdpr_controller),
    (id::GDPR_DPO, processing::gdpr_dpo),
    (id::GDPR_LEGAL_BASIS, processing::gdpr_legal_basis),
    (id::GDPR_LEGIT_INTEREST, processing::gdpr_legit_interest),
    (id::GDPR_RECIPIENTS, processing::gdpr_recipients),
    (id::GDPR_TRANSFER, processing::gdpr_transfer),
    (id::GDPR_RETENTION, processing::gdpr_retention),
    (id::GDPR_RIGHTS, processing::gdpr_rights),
    (id::GDPR_WITHDRAW, processing::gdpr_withdraw),
    (id::GDPR_COMPLAINT, processing::gdpr_complaint),
    (id::GDPR_OBLIGATION, processing::gdpr_obligation),
    (id::GDPR_ADM, processing::gdpr_adm),
    (id::GDPR_INDIRECT, processing::gdpr_indirect),
    (
        id::UK_COMPLAINT_CONTROLLER,
        processing::uk_complaint_controller,
    ),
];

/// Runs the lint rules that apply to the policy on `ctx.today`: those of
/// every policy, and those of each law it answers to from the day the law
/// applies. Each finding carries its rule id and the rule's severity.
pub fn run(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, check) in LINTS {
        if !applies(*id, ctx) {
            continue;
        }
        let rule = rules::rule(*id);
        let severity = match rule.kind {
            // A rule on an unconfirmed source only warns (PACKS.md).
            Kind::Lint(_) if rule.pack.is_some_and(|p| !p.confirmed) => Severity::Warning,
            Kind::Lint(s) => s,
            _ => Severity::Error,
        };
        for mut d in check(ctx) {
            d.severity = severity;
            d.rule = Some(*id);
            out.push(d);
        }
    }
    out
}

/// Whether a rule applies to this policy today: a rule of any policy does;
/// a law's rule does when the policy answers to the law and the law applies.
pub fn applies(id: RuleId, ctx: &Ctx<'_>) -> bool {
    match rules::rule(id).pack {
        None => true,
        Some(pack) => {
            pack.laws
                .iter()
                .any(|l| ctx.compiled.doc.jurisdictions.contains(l))
                && pack.applies(ctx.today)
        }
    }
}

/// Where the `ccpa` block starts (its first row, or its first key).
fn ccpa_pos(ctx: &Ctx<'_>) -> Pos {
    let ccpa = ctx.compiled.policy.ccpa.as_ref();
    ccpa.and_then(|c| c.categories.first())
        .map(|r| Source::pos_of(&r.category))
        .or_else(|| ccpa.and_then(|c| c.rights.first()).map(Source::pos_of))
        .unwrap_or(Pos::new(1, 1))
}

/// Only a date written as `last_updated`: without it the effective date
/// stands in, and an effective date after today is how notice is given.
fn last_updated_future(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(at) = &ctx.compiled.policy.dates.last_updated else {
        return Vec::new();
    };
    let last = ctx.compiled.doc.dates.last_updated;
    if last <= ctx.today {
        return Vec::new();
    }
    vec![
        Diagnostic::error(
            format!(
                "last updated {}, after today ({})",
                crate::date::iso(last),
                crate::date::iso(ctx.today)
            ),
            Source::pos_of(at),
        )
        .width(at.value.chars().count())
        .help("set dates.last_updated to the day the text last changed; the effective date may be later"),
    ]
}

/// The day the CPRA's amendments apply from (Cal. Civ. Code 1798.185(d)).
const CPRA_FROM: jiff::civil::Date = jiff::civil::date(2023, 1, 1);

/// For every policy; California's `annual-review` says it as an error, so
/// a policy that answers to California gets that one instead.
fn policy_stale(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    if applies(id::ANNUAL_REVIEW, ctx) {
        return Vec::new();
    }
    let mut found = annual_review(ctx);
    for d in &mut found {
        d.help =
            Some("review the policy, and set dates.last_updated to the day it last changed".into());
    }
    found
}

fn ccpa_facts(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    if ctx.compiled.policy.ccpa.is_some() {
        return Vec::new();
    }
    let at = ctx
        .compiled
        .policy
        .jurisdictions
        .iter()
        .find(|j| j.value == crate::jurisdiction::Jurisdiction::UsCa)
        .map_or(Pos::new(1, 1), Source::pos_of);
    vec![
        Diagnostic::error(
            "the policy answers to California (`us-ca`) but has no `ccpa` block",
            at,
        )
        .width(5)
        .help("add `ccpa:` with the categories collected, the rights and the request methods (see the book's California chapter)"),
    ]
}

fn annual_review(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let dates = &ctx.compiled.policy.dates;
    let last = ctx.compiled.doc.dates.last_updated;
    let due = last.checked_add(12.months()).unwrap_or(last);
    if ctx.today <= due {
        return Vec::new();
    }
    let at = dates.last_updated.as_ref().unwrap_or(&dates.effective);
    vec![
        Diagnostic::error(
            format!(
                "last updated {}, more than 12 months before {}",
                crate::date::iso(last),
                crate::date::iso(ctx.today)
            ),
            Source::pos_of(at),
        )
        .width(at.value.chars().count())
        .help("review the policy and set dates.last_updated"),
    ]
}

fn last_updated(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    // The built-in templates always show it; an override must too.
    match ctx.templates.get("page.html") {
        Some(page) if !page.contains("last_updated") => vec![
            Diagnostic::error(
                "the HTML template page.html in use does not show the last-updated date",
                Pos::new(1, 1),
            )
            .help("show {{ last_updated.text }} near the top of templates/page.html"),
        ],
        _ => Vec::new(),
    }
}

/// Colorado's last-updated rule, unless California's already says it: one
/// mistake, one error.
fn co_last_updated(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    if applies(id::LAST_UPDATED, ctx) {
        return Vec::new();
    }
    last_updated(ctx)
}

/// Minnesota's, unless California's or Colorado's already says it.
fn mn_last_updated(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    if applies(id::LAST_UPDATED, ctx) || applies(id::CO_LAST_UPDATED, ctx) {
        return Vec::new();
    }
    last_updated(ctx)
}

/// A way to make a request that needs no phone call or letter: an email
/// address or a web form among the contacts.
fn email_or_web(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let doc = &ctx.compiled.doc;
    if doc
        .contacts
        .values()
        .any(|c| c.email.is_some() || c.web.is_some())
    {
        return Vec::new();
    }
    let at = ctx
        .compiled
        .policy
        .contacts
        .values()
        .next()
        .map_or(Pos::new(1, 1), Source::pos_of);
    vec![
        Diagnostic::error(
            "no contact gives an email address or a web form for consumers' requests",
            at,
        )
        .help("add `email:` or `web:` to the contact that takes privacy requests"),
    ]
}

fn categories_complete(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(ccpa) = &ctx.compiled.doc.ccpa else {
        return Vec::new();
    };
    let present: BTreeSet<Category> = ccpa
        .rows
        .iter()
        .flat_map(|r| std::iter::once(r.category).chain(r.also.iter().copied()))
        .collect();
    let missing: Vec<String> = CATEGORIES
        .iter()
        .filter(|c| !present.contains(&c.category))
        .map(|c| format!("{} ({})", c.key, c.letter))
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    vec![
        Diagnostic::warning(
            format!(
                "the CCPA table does not say whether it collects {}",
                missing.join(", ")
            ),
            ccpa_pos(ctx),
        )
        .help("add a row with `collected: false` for each category the business does not collect"),
    ]
}

/// A warning for every collected row that lacks `what`.
fn per_collected_row(
    ctx: &Ctx<'_>,
    what: &str,
    lacks: fn(&crate::model::CcpaRow) -> bool,
) -> Vec<Diagnostic> {
    let Some(ccpa) = &ctx.compiled.policy.ccpa else {
        return Vec::new();
    };
    ccpa.categories
        .iter()
        .filter(|r| r.collected && lacks(r))
        .map(|r| {
            let key =
                r.id.as_ref()
                    .map_or(r.category.value.key(), |t| t.value.as_str());
            Diagnostic::warning(
                format!("`{key}` is collected, but its {what} is not given"),
                Source::pos_of(&r.category),
            )
            .width(r.category.value.key().len())
            .help(format!(
                "add `{}:` to this row",
                what.split(' ').next().unwrap_or(what)
            ))
        })
        .collect()
}

fn category_sources(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    per_collected_row(ctx, "sources", |r| r.sources.is_empty())
}

fn category_purposes(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    per_collected_row(ctx, "purposes", |r| r.purposes.is_empty())
}

fn category_retention(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    per_collected_row(ctx, "retention period", |r| r.retention.is_none())
}

fn sold_recipients(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(ccpa) = &ctx.compiled.policy.ccpa else {
        return Vec::new();
    };
    ccpa.categories
        .iter()
        .filter(|r| (r.sold || r.shared) && r.recipients.is_empty())
        .map(|r| {
            let how = if r.sold { "sold" } else { "shared" };
            Diagnostic::error(
                format!(
                    "`{}` is {how}, but no recipients are named",
                    r.category.value.key()
                ),
                Source::pos_of(&r.category),
            )
            .width(r.category.value.key().len())
            .help("add `recipients:` with the categories of third parties it goes to")
        })
        .collect()
}

fn rights_listed(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(ccpa) = &ctx.compiled.doc.ccpa else {
        return Vec::new();
    };
    let mut needed = vec![
        (Right::Know, "know", "always"),
        (Right::Delete, "delete", "always"),
        (Right::NonDiscrimination, "non-discrimination", "always"),
    ];
    // The right to correct and the right to limit came with the CPRA.
    let cpra = ctx.today >= CPRA_FROM;
    if cpra {
        needed.insert(2, (Right::Correct, "correct", "always"));
    }
    if ccpa.rows.iter().any(|r| r.sold || r.shared) {
        needed.push((
            Right::OptOut,
            "opt-out",
            "because personal information is sold or shared",
        ));
    }
    if cpra
        && ccpa
            .rows
            .iter()
            .any(|r| r.collected && r.category == Category::Sensitive)
    {
        needed.push((
            Right::Limit,
            "limit",
            "because sensitive personal information is collected",
        ));
    }
    let missing: Vec<String> = needed
        .iter()
        .filter(|(r, _, _)| !ccpa.rights.contains(r))
        .map(|(_, key, why)| {
            if *why == "always" {
                format!("`{key}`")
            } else {
                format!("`{key}` ({why})")
            }
        })
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let at = ctx
        .compiled
        .policy
        .ccpa
        .as_ref()
        .and_then(|c| c.rights.first())
        .map_or(ccpa_pos(ctx), Source::pos_of);
    vec![
        Diagnostic::error(
            format!("`ccpa.rights` does not list {}", missing.join(", ")),
            at,
        )
        .help("add them to `rights:`, and describe each right in the text"),
    ]
}

fn request_methods(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let doc = &ctx.compiled.doc;
    let Some(ccpa) = &doc.ccpa else {
        return Vec::new();
    };
    let contacts: Vec<_> = ccpa
        .request_methods
        .iter()
        .filter_map(|id| doc.contacts.get(id))
        .collect();
    let emails = contacts.iter().filter(|c| c.email.is_some()).count();
    let phones = contacts.iter().filter(|c| c.phone.is_some()).count();
    let toll_free = contacts.iter().any(|c| c.phone.is_some() && c.toll_free);
    let webs = contacts.iter().filter(|c| c.web.is_some()).count();
    let mail = contacts.iter().filter(|c| !c.address.is_empty()).count();
    let methods = emails + phones + webs + mail;
    let website = doc.org.website.is_some() || doc.contacts.values().any(|c| c.web.is_some());
    let at = ctx
        .compiled
        .policy
        .ccpa
        .as_ref()
        .and_then(|c| c.request_methods.first())
        .map_or(ccpa_pos(ctx), Source::pos_of);
    let mut problems = Vec::new();
    if ccpa.online_only {
        if emails == 0 {
            problems.push(
                "an online-only business must offer an email address for requests".to_string(),
            );
        }
    } else {
        if methods < 2 {
            problems.push(format!(
                "requests can be made {methods} way{}; at least two are required",
                if methods == 1 { "" } else { "s" }
            ));
        }
        if !toll_free {
            problems.push("no request method is a toll-free phone number".to_string());
        }
        if website && webs == 0 {
            problems.push(
                "the business has a website, but no request method is a web address".to_string(),
            );
        }
    }
    problems
        .into_iter()
        .map(|p| {
            Diagnostic::error(p, at).help(
                "list contacts under `ccpa.request_methods` whose email, toll-free phone and web form together give the methods required (or set `online_only: true` if it applies)",
            )
        })
        .collect()
}

fn privacy_contact(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let doc = &ctx.compiled.doc;
    let methods = doc
        .ccpa
        .as_ref()
        .is_some_and(|c| !c.request_methods.is_empty());
    if !doc.shown_contacts.is_empty() || methods {
        return Vec::new();
    }
    vec![
        Diagnostic::error(
            "the policy shows no contact for privacy questions",
            Pos::new(1, 1),
        )
        .help("define a contact under `contacts:` and show it with {{ contact(id=\"...\") }}"),
    ]
}

fn minors(ctx: &Ctx<'_>) -> Vec<Diagnostic> {
    let Some(flag) = ctx
        .compiled
        .policy
        .ccpa
        .as_ref()
        .and_then(|c| c.sells_minors.as_ref())
    else {
        return Vec::new();
    };
    if !flag.value {
        return Vec::new();
    }
    let doc = &ctx.compiled.doc;
    let mut text = String::new();
    let blocks = doc.lead.iter().chain(
        doc.sections
            .iter()
            .chain(&doc.supplements)
            .flat_map(|n| n.walk())
            .flat_map(|n| n.body.iter()),
    );
    for b in blocks {
        if let crate::doc::Block::Markdown(md) = b {
            text.push_str(&md.to_lowercase());
            text.push('\n');
        }
    }
    if text.contains("opt-in") || text.contains("opt in") {
        return Vec::new();
    }
    vec![
        Diagnostic::error(
            "`sells_minors` is true, but the text does not describe the opt-in process",
            Source::pos_of(flag),
        )
        .width(4)
        .help("describe how consumers under 16 (or their parents, under 13) opt in to the sale or sharing"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lint_rule_of_the_registry_is_implemented_once() {
        let mut implemented: Vec<&str> = LINTS.iter().map(|(id, _)| id.as_str()).collect();
        let mut registered: Vec<&str> = rules::RULES
            .iter()
            .filter(|r| matches!(r.kind, Kind::Lint(_)))
            .map(|r| r.id.as_str())
            .collect();
        let count = implemented.len();
        implemented.sort_unstable();
        implemented.dedup();
        registered.sort_unstable();
        assert_eq!(implemented.len(), count, "a rule is implemented twice");
        assert_eq!(implemented, registered);
    }
}
