//! The legal rules, in one registry: every rule id with what it is, its
//! citation and a one-line reason (LEGAL.md).

use serde::{Deserialize, Serialize};

use crate::diag::Severity;

/// How a change between two versions is classed (LEGAL.md §1).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// Notice to users is needed before it takes effect.
    Material,
    /// A person must judge it.
    Review,
    /// No notice is needed.
    Editorial,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Material => "material",
            Class::Review => "review",
            Class::Editorial => "editorial",
        }
    }
}

/// What a rule checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Classifies a change between two versions (`policyc diff`).
    Change(Class),
    /// The notice gate (`policyc check NEW --against OLD`).
    Gate,
    /// A requirement one version must meet (`policyc check`).
    Lint(Severity),
    /// A structural problem found while compiling.
    Structure(Severity),
}

#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub kind: Kind,
    pub citation: &'static str,
    pub reason: &'static str,
}

const fn rule(id: &'static str, kind: Kind, citation: &'static str, reason: &'static str) -> Rule {
    Rule {
        id,
        kind,
        citation,
        reason,
    }
}

use Class::{Editorial, Material, Review};
use Kind::{Change, Gate, Lint, Structure};
use Severity::{Error, Warning};

const FTC: &str = "In re Gateway Learning (FTC 2004); 1Health.io (FTC 2023)";
const COLORADO: &str = "4 CCR 904-3 Rule 6.04";

/// Every rule policyc knows, in the order of LEGAL.md.
pub const RULES: &[Rule] = &[
    rule(
        "category-collected",
        Change(Material),
        "Cal. Civ. Code 1798.100(a)(1); 4 CCR 904-3 Rule 6.04",
        "Collecting a new category of personal information needs notice before collection starts.",
    ),
    rule(
        "sensitive-collected",
        Change(Material),
        "Cal. Civ. Code 1798.100(a)(2), 1798.121",
        "Collecting sensitive personal information needs notice, and brings the right to limit its use.",
    ),
    rule(
        "sale-started",
        Change(Material),
        "Cal. Civ. Code 1798.120; In re Gateway Learning (FTC 2004)",
        "Selling personal information that was not sold before is a material change, and consumers may opt out.",
    ),
    rule(
        "sharing-started",
        Change(Material),
        "Cal. Civ. Code 1798.120, 1798.140(ah); 4 CCR 904-3 Rule 6.04",
        "Sharing personal information for cross-context behavioural advertising is a new use that needs notice.",
    ),
    rule(
        "purpose-added",
        Change(Material),
        "Cal. Civ. Code 1798.100(a)(1); 4 CCR 904-3 Rule 6.04",
        "Using personal information for an additional purpose needs notice (and may need consent).",
    ),
    rule(
        "recipient-added",
        Change(Material),
        "4 CCR 904-3 Rule 6.04; 1Health.io (FTC 2023)",
        "Disclosing to a new category of third parties is a material change.",
    ),
    rule(
        "right-removed",
        Change(Material),
        "Cal. Civ. Code 1798.130(a)(5)(A); 4 CCR 904-3 Rule 6.04",
        "Taking away a way for consumers to exercise their rights is a material change.",
    ),
    rule(
        "request-method-removed",
        Change(Material),
        "Cal. Civ. Code 1798.130(a)(1); 4 CCR 904-3 Rule 6.04",
        "Removing a method for submitting requests changes how consumers exercise their rights.",
    ),
    rule(
        "request-method-changed",
        Change(Material),
        "Cal. Civ. Code 1798.130(a)(1); 4 CCR 904-3 Rule 6.04",
        "A changed request address or number changes how consumers exercise their rights.",
    ),
    rule(
        "controller-changed",
        Change(Material),
        COLORADO,
        "A change in the identity of the business that controls the data is material.",
    ),
    rule(
        "minors-sale-started",
        Change(Material),
        "Cal. Civ. Code 1798.120(c)",
        "Selling or sharing personal information of consumers under 16 requires opt-in consent.",
    ),
    rule(
        "retention-changed",
        Change(Review),
        "Cal. Civ. Code 1798.100(a)(3)",
        "A changed retention period must be judged: a longer one may be material.",
    ),
    rule(
        "section-added",
        Change(Review),
        FTC,
        "A new section may add a practice; a person must read it.",
    ),
    rule(
        "section-removed",
        Change(Review),
        FTC,
        "A removed section may remove a protection; a person must read it.",
    ),
    rule(
        "text-changed",
        Change(Review),
        FTC,
        "Prose changed in substance; a person must judge whether it is material.",
    ),
    rule(
        "prose-risk",
        Change(Review),
        FTC,
        "The prose change flips or moves a negation, adds a negating prefix, changes a modal, a number or duration, or adds an email, URL or company name.",
    ),
    rule(
        "contact-changed",
        Change(Review),
        "11 CCR 7011(e)(3)(J)",
        "A contact that is not a request method changed.",
    ),
    rule(
        "text-editorial",
        Change(Editorial),
        "WP260 rev.01 (Article 29 Working Party)",
        "Only spelling, punctuation, case, whitespace or a contraction changed; no word or sentence boundary moved.",
    ),
    rule(
        "section-moved",
        Change(Editorial),
        "WP260 rev.01 (Article 29 Working Party)",
        "A section moved or was renumbered with its text unchanged.",
    ),
    rule(
        "narrowed",
        Change(Editorial),
        "Cal. Civ. Code 1798.100(a)(1)",
        "Collection, use, disclosure, sale or sharing was reduced, or a right added: more protective.",
    ),
    rule(
        "dates-changed",
        Change(Editorial),
        "Cal. Civ. Code 1798.130(a)(5)",
        "Only dates, the changelog or the notice period changed.",
    ),
    rule(
        "notice-effective",
        Gate,
        FTC,
        "Material changes need a new effective date, later than the old one.",
    ),
    rule(
        "notice-period",
        Gate,
        "GitHub Site Policy practice (30 days); WP260 rev.01",
        "Material changes take effect no sooner than `notice.days` after publication.",
    ),
    rule(
        "notice-changelog",
        Gate,
        COLORADO,
        "Material changes need a changelog entry dated the new effective date with `material: true`.",
    ),
    rule(
        "last-updated-stale",
        Gate,
        "11 CCR 7011(e)(4)",
        "When the content changes, `dates.last_updated` must change too.",
    ),
    rule(
        "annual-review",
        Lint(Error),
        "Cal. Civ. Code 1798.130(a)(5)",
        "The policy must be updated at least once every 12 months.",
    ),
    rule(
        "last-updated",
        Lint(Error),
        "11 CCR 7011(e)(4)",
        "The policy must show the date it was last updated.",
    ),
    rule(
        "categories-complete",
        Lint(Warning),
        "Cal. Civ. Code 1798.130(a)(5)(B), 1798.140(v)(1)",
        "The table should say, for every statutory category A to L, whether it is collected.",
    ),
    rule(
        "category-sources",
        Lint(Warning),
        "Cal. Civ. Code 1798.130(a)(5)(B); 11 CCR 7011(e)(1)",
        "Each collected category should name at least one source.",
    ),
    rule(
        "category-purposes",
        Lint(Warning),
        "Cal. Civ. Code 1798.130(a)(5)(B); 11 CCR 7011(e)(1)",
        "Each collected category should name at least one purpose.",
    ),
    rule(
        "category-retention",
        Lint(Warning),
        "Cal. Civ. Code 1798.100(a)(3)",
        "Each collected category should say how long it is kept.",
    ),
    rule(
        "sold-recipients",
        Lint(Error),
        "11 CCR 7011(e)(1)",
        "Each sold or shared category must name the categories of third parties it goes to.",
    ),
    rule(
        "rights-listed",
        Lint(Error),
        "Cal. Civ. Code 1798.130(a)(5)(A), 1798.121; 11 CCR 7011(e)(2)",
        "The policy must list the rights to know, delete, correct and non-discrimination, opt-out when selling or sharing, and limit when collecting sensitive data.",
    ),
    rule(
        "request-methods",
        Lint(Error),
        "Cal. Civ. Code 1798.130(a)(1); 11 CCR 7020",
        "At least two request methods, one a toll-free number and one a web method when there is a website (email alone for online-only businesses).",
    ),
    rule(
        "privacy-contact",
        Lint(Error),
        "11 CCR 7011(e)(3)(J)",
        "The policy must give a contact for privacy questions.",
    ),
    rule(
        "minors",
        Lint(Error),
        "Cal. Civ. Code 1798.120(c); 11 CCR 7072(a)",
        "A business that sells or shares data of consumers under 16 must describe its opt-in process.",
    ),
    rule(
        "duplicate-id",
        Structure(Error),
        "policyc",
        "Ids name sections, rows and facts; each must be unique.",
    ),
    rule(
        "unknown-ref",
        Structure(Error),
        "policyc",
        "A reference must name a section that exists.",
    ),
    rule(
        "unknown-contact",
        Structure(Error),
        "policyc",
        "A contact reference must name a defined contact.",
    ),
    rule(
        "unknown-variable",
        Structure(Error),
        "policyc",
        "Text may only use defined variables and functions.",
    ),
    rule(
        "bad-date",
        Structure(Error),
        "policyc",
        "Dates are real calendar days written YYYY-MM-DD.",
    ),
    rule(
        "ccpa-table-unplaced",
        Structure(Warning),
        "policyc",
        "A policy with CCPA categories should show the table with {{ ccpa_table() }}.",
    ),
    rule(
        "contact-unused",
        Structure(Warning),
        "policyc",
        "A defined contact should appear somewhere.",
    ),
];

/// The rule with this id.
pub fn get(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The class a change rule gives.
pub fn class_of(id: &str) -> Class {
    match get(id).map(|r| r.kind) {
        Some(Kind::Change(class)) => class,
        _ => Class::Review,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len());
    }

    #[test]
    fn every_rule_has_a_citation_and_a_reason() {
        for r in RULES {
            assert!(
                !r.citation.is_empty() && r.reason.ends_with('.'),
                "{}",
                r.id
            );
        }
    }
}
