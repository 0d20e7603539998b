//! The legal rules, in one registry: every rule id with what it is, its
//! citation and a one-line reason (LEGAL.md).

use serde::{Deserialize, Serialize};

use std::fmt;

use crate::jurisdiction::Jurisdiction;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

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

/// A rule's id. Only this module makes them (one constant per rule, in
/// [`id`]), so a misspelt id does not compile instead of classing a change
/// as a silent `review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(&'static str);

impl RuleId {
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

/// The registry and the id constants, written once together: every
/// constant has its rule, and every rule its constant.
macro_rules! rules {
    ($($name:ident = $id:literal, $kind:expr, $citation:expr, $reason:expr $(, $pack:expr)?;)*) => {
        /// The id of every rule.
        pub mod id {
            use super::RuleId;
            $(pub const $name: RuleId = RuleId($id);)*
        }
        /// Every rule policyc knows, in the order of LEGAL.md.
        pub const RULES: &[Rule] = &[
            $(Rule { id: id::$name, kind: $kind, citation: $citation, reason: $reason, pack: pack!($($pack)?) },)*
        ];
    };
}

/// A rule's pack: `None` for a rule of any policy (a diff, gate or
/// structure rule, or a lint rule every policy must meet).
macro_rules! pack {
    () => {
        None
    };
    ($pack:expr) => {
        Some($pack)
    };
}

#[derive(Debug)]
pub struct Rule {
    pub id: RuleId,
    pub kind: Kind,
    pub citation: &'static str,
    pub reason: &'static str,
    /// The law whose rule this is, if it is one law's.
    pub pack: Option<Pack>,
}

/// The law a lint rule belongs to, from when it applies, and how sure its
/// source is (PACKS.md marks: an unconfirmed one is a warning and says so).
#[derive(Debug, Clone, Copy)]
pub struct Pack {
    /// The laws whose rule it is (the EU and UK GDPR share their rules).
    pub laws: &'static [Jurisdiction],
    /// YYYY-MM-DD: before this day (`--today`) the rule does not apply.
    pub as_of: &'static str,
    pub confirmed: bool,
}

impl Pack {
    /// Whether the rule applies on `today`.
    pub fn applies(&self, today: jiff::civil::Date) -> bool {
        self.as_of
            .parse::<jiff::civil::Date>()
            .is_ok_and(|from| today >= from)
    }
}

/// The CCPA applies from 2020-01-01 (Cal. Civ. Code 1798.198).
const CA: Pack = Pack {
    laws: &[Jurisdiction::UsCa],
    as_of: "2020-01-01",
    confirmed: true,
};
/// The CPRA's amendments (sharing, correction, limiting) from 2023-01-01.
const CPRA: Pack = Pack {
    laws: &[Jurisdiction::UsCa],
    as_of: "2023-01-01",
    confirmed: true,
};
/// The Colorado Privacy Act and its rules apply from 2023-07-01.
const CO: Pack = Pack {
    laws: &[Jurisdiction::UsCo],
    as_of: "2023-07-01",
    confirmed: true,
};
/// The Connecticut Data Privacy Act applies from 2023-07-01.
const CT: Pack = Pack {
    laws: &[Jurisdiction::UsCt],
    as_of: "2023-07-01",
    confirmed: true,
};
/// Connecticut's statement on training large language models (PA 25-113),
/// from 2026-07-01: secondary sources only (PACKS.md), so it warns.
const CT_2026: Pack = Pack {
    laws: &[Jurisdiction::UsCt],
    as_of: "2026-07-01",
    confirmed: false,
};
/// The Minnesota Consumer Data Privacy Act applies from 2025-07-31.
const MN: Pack = Pack {
    laws: &[Jurisdiction::UsMn],
    as_of: "2025-07-31",
    confirmed: true,
};
/// The Virginia Consumer Data Protection Act applies from 2023-01-01
/// (secondary sources only, PACKS.md: its rules warn).
const VA: Pack = Pack {
    laws: &[Jurisdiction::UsVa],
    as_of: "2023-01-01",
    confirmed: false,
};
/// The Oregon Consumer Privacy Act applies from 2024-07-01 (ORS 646A.578(4)
/// read for (f)-(i) only, PACKS.md: its appeal rule warns).
const OR: Pack = Pack {
    laws: &[Jurisdiction::UsOr],
    as_of: "2024-07-01",
    confirmed: false,
};
/// The GDPR applies from 2018-05-25; the UK kept its text as the UK GDPR.
const GDPR: Pack = Pack {
    laws: &[Jurisdiction::EuGdpr, Jurisdiction::UkGdpr],
    as_of: "2018-05-25",
    confirmed: true,
};
/// The Data (Use and Access) Act 2025 s.103 adds DPA 2018 s.164A, in force
/// from 2026-06-19 (a secondary source for the date, PACKS.md).
const UK_2026: Pack = Pack {
    laws: &[Jurisdiction::UkGdpr],
    as_of: "2026-06-19",
    confirmed: false,
};
/// The Texas Data Privacy and Security Act applies from 2024-07-01.
const TX: Pack = Pack {
    laws: &[Jurisdiction::UsTx],
    as_of: "2024-07-01",
    confirmed: true,
};

use Class::{Editorial, Material, Review};
use Kind::{Change, Gate, Lint, Structure};
use Severity::{Error, Warning};

const FTC: &str = "In re Gateway Learning (FTC 2004); 1Health.io (FTC 2023)";
const COLORADO: &str = "4 CCR 904-3 Rule 6.04";

// Every rule policyc knows, in the order of LEGAL.md.
rules! {
    CATEGORY_COLLECTED = "category-collected", Change(Material),
        "Cal. Civ. Code 1798.100(a)(1); 4 CCR 904-3 Rule 6.04",
        "Collecting a new category of personal information needs notice before collection starts.";
    SENSITIVE_COLLECTED = "sensitive-collected", Change(Material),
        "Cal. Civ. Code 1798.100(a)(2), 1798.121",
        "Collecting sensitive personal information needs notice, and brings the right to limit its use.";
    SALE_STARTED = "sale-started", Change(Material),
        "Cal. Civ. Code 1798.120; In re Gateway Learning (FTC 2004)",
        "Selling personal information that was not sold before is a material change, and consumers may opt out.";
    SHARING_STARTED = "sharing-started", Change(Material),
        "Cal. Civ. Code 1798.120, 1798.140(ah); 4 CCR 904-3 Rule 6.04",
        "Sharing personal information for cross-context behavioural advertising is a new use that needs notice.";
    PURPOSE_ADDED = "purpose-added", Change(Material),
        "Cal. Civ. Code 1798.100(a)(1); 4 CCR 904-3 Rule 6.04",
        "Using personal information for an additional purpose needs notice (and may need consent).";
    RECIPIENT_ADDED = "recipient-added", Change(Material),
        "4 CCR 904-3 Rule 6.04; 1Health.io (FTC 2023)",
        "Disclosing to a new category of third parties is a material change.";
    RIGHT_REMOVED = "right-removed", Change(Material),
        "Cal. Civ. Code 1798.130(a)(5)(A); 4 CCR 904-3 Rule 6.04",
        "Taking away a way for consumers to exercise their rights is a material change.";
    REQUEST_METHOD_REMOVED = "request-method-removed", Change(Material),
        "Cal. Civ. Code 1798.130(a)(1); 4 CCR 904-3 Rule 6.04",
        "Removing a method for submitting requests changes how consumers exercise their rights.";
    REQUEST_METHOD_CHANGED = "request-method-changed", Change(Material),
        "Cal. Civ. Code 1798.130(a)(1); 4 CCR 904-3 Rule 6.04",
        "A changed request address or number changes how consumers exercise their rights.";
    CONTROLLER_CHANGED = "controller-changed", Change(Material),
        COLORADO,
        "A change in the identity of the business that controls the data is material.";
    MINORS_SALE_STARTED = "minors-sale-started", Change(Material),
        "Cal. Civ. Code 1798.120(c)",
        "Selling or sharing personal information of consumers under 16 requires opt-in consent.";
    TABLE_ADDED = "table-added", Change(Review),
        "Cal. Civ. Code 1798.100(a); 11 CCR 7011(e)(1)",
        "A CCPA table where there was none is a new disclosure: a person must check whether it restates the earlier text or adds collection, sale or sharing.";
    PROCESSING_ADDED = "processing-added", Change(Review),
        "Cal. Civ. Code 1798.100(a); GDPR Art. 13(3)",
        "Facts of processing where there were none are a new disclosure: a person must check whether they restate the earlier text or add a use.";
    PURPOSE_CHANGED = "purpose-changed", Change(Review),
        "GDPR Art. 6(4), 13(3)",
        "A purpose's name or legal basis changed: a person must judge whether the use is the same (a new legal basis needs telling people before it applies).";
    TRANSFER_ADDED = "transfer-added", Change(Material),
        "GDPR Art. 13(1)(f), 44; WP260 rev.01 (Article 29 Working Party)",
        "Data a recipient receives now goes to a country outside the EEA it did not go to: a new transfer abroad.";
    CONSENT_REPLACED = "consent-replaced", Change(Material),
        "GDPR Art. 6(1), 7(3), 13(3); EDPB Guidelines 05/2020 on consent, §122-123",
        "A purpose that rested on consent now rests on another basis: consent cannot be swapped for another basis after the fact, and people must be told before.";
    FACT_CHANGED = "fact-changed", Change(Review),
        "GDPR Art. 13(1)(f), 13(2)(e), 14(2)(f)",
        "A fact of processing changed (where data comes from, whether it is sensitive or required, where a recipient is, what a transfer rests on): a person must judge it.";
    RETENTION_CHANGED = "retention-changed", Change(Review),
        "Cal. Civ. Code 1798.100(a)(3)",
        "A changed retention period must be judged: a longer one may be material.";
    JURISDICTIONS_CHANGED = "jurisdictions-changed", Change(Review),
        FTC,
        "A law added to or dropped from `jurisdictions` changes which rights and notices apply; a person must judge it.";
    SECTION_ADDED = "section-added", Change(Review),
        FTC,
        "A new section may add a practice; a person must read it.";
    SECTION_REMOVED = "section-removed", Change(Review),
        FTC,
        "A removed section may remove a protection; a person must read it.";
    TEXT_CHANGED = "text-changed", Change(Review),
        FTC,
        "Prose changed in substance; a person must judge whether it is material.";
    PROSE_RISK = "prose-risk", Change(Review),
        FTC,
        "The prose change flips or moves a negation, adds a negating prefix, changes a modal, a number or duration, or adds an email, URL or company name.";
    PROSE_NEW_RECIPIENT = "prose-new-recipient", Change(Material),
        "Colorado 4 CCR 904-3 Rule 6.04; FTC, In re Gateway Learning (2004)",
        "Text added that shares or discloses personal data to a kind of recipient the policy did not name before.";
    PROSE_NEW_PURPOSE = "prose-new-purpose", Change(Material),
        "Colorado 4 CCR 904-3 Rule 6.04; FTC, AI and privacy-policy changes (2024)",
        "Text added that uses personal data for a purpose the policy did not name before (advertising, profiling, training AI models).";
    PROSE_NEW_DATA = "prose-new-data", Change(Material),
        "Cal. Civ. Code 1798.100(a); Colorado 4 CCR 904-3 Rule 6.04",
        "Text added that collects a kind of personal data the policy did not name before.";
    PROSE_NEW_TRACKING = "prose-new-tracking", Change(Material),
        "FTC, In re Gateway Learning (2004); ePrivacy Directive Art. 5(3)",
        "Text added that uses a tracking technology the policy did not name before.";
    PROSE_NEW_TRANSFER = "prose-new-transfer", Change(Material),
        "GDPR Art. 13(1)(f); WP260 rev.01 (Article 29 Working Party)",
        "Text added that transfers personal data to countries the policy did not name before.";
    PROSE_NEW_CONTROLLER = "prose-new-controller", Change(Material),
        "GDPR Art. 13(1)(a); WP260 rev.01 (Article 29 Working Party)",
        "Text added that names a controller the policy did not name before, or a company the policy did not call \"we\" before.";
    PROSE_RETROACTIVE = "prose-retroactive-use", Change(Material),
        "FTC, AI and privacy-policy changes (2024); FTC, In re Gateway Learning (2004); Colorado 4 CCR 904-3 Rule 6.04(B)",
        "Text added that applies a practice to data already collected (\"regardless of when it was posted\"): a retroactive change may need consent, not only notice.";
    PROSE_COMMITMENT_WITHDRAWN = "prose-commitment-withdrawn", Change(Material),
        "FTC, In re Gateway Learning (2004); 1Health.io (FTC 2023)",
        "A promise the policy made (not to sell, not to share, to ask first, to tell you) is taken out or given an exception.";
    PROSE_RETENTION_LONGER = "prose-retention-longer", Change(Material),
        "Cal. Civ. Code 1798.100(a)(3); Colorado 4 CCR 904-3 Rule 6.04",
        "A period that data is kept, or a deletion waits, is made longer.";
    PROSE_WEAKER_NOTICE = "prose-weaker-notice", Change(Material),
        "FTC, In re Gateway Learning (2004); WP260 rev.01",
        "A promise to give notice before changes take effect is taken out or weakened.";
    PROSE_RIGHTS_NARROWED = "prose-rights-narrowed", Change(Review),
        "Cal. Civ. Code 1798.100-1798.125; GDPR Art. 15-22",
        "Text about a right users have, or how they exercise it, is taken out: a person must check the right remains.";
    CONTACT_CHANGED = "contact-changed", Change(Review),
        "11 CCR 7011(e)(3)(J)",
        "A contact that is not a request method changed.";
    TEXT_EDITORIAL = "text-editorial", Change(Editorial),
        "WP260 rev.01 (Article 29 Working Party)",
        "Only spelling, punctuation, case, whitespace, a contraction or a synonym (\u{201c}&\u{201d} to \u{201c}and\u{201d}) changed; no word or sentence boundary moved.";
    TEXT_MOVED = "text-moved", Change(Editorial),
        "WP260 rev.01 (Article 29 Working Party)",
        "Sentences moved between the policy's texts, or a new heading put over text the policy had: every sentence is still in the policy, none is new to it.";
    SECTION_MOVED = "section-moved", Change(Editorial),
        "WP260 rev.01 (Article 29 Working Party)",
        "A section moved, was renumbered, or was found again under a new id or title by its text; changes to its text are reported on their own.";
    NARROWED = "narrowed", Change(Editorial),
        "Cal. Civ. Code 1798.100(a)(1)",
        "Collection, use, disclosure, sale or sharing was reduced, or a right added: more protective.";
    DATES_CHANGED = "dates-changed", Change(Editorial),
        "Cal. Civ. Code 1798.130(a)(5)",
        "Only dates, the changelog or the notice period changed.";
    NOTICE_EFFECTIVE = "notice-effective", Gate,
        FTC,
        "Material changes need a new effective date, later than the old one.";
    NOTICE_PERIOD = "notice-period", Gate,
        "GitHub Site Policy practice (30 days); WP260 rev.01",
        "Material changes take effect no sooner than `notice.days` after publication.";
    NOTICE_CHANGELOG = "notice-changelog", Gate,
        COLORADO,
        "Material changes need a changelog entry dated the new effective date with `material: true`.";
    LAST_UPDATED_STALE = "last-updated-stale", Gate,
        "11 CCR 7011(e)(4)",
        "When the content changes, `dates.last_updated` must change too.";
    CONSENT_NEEDED = "consent-needed", Gate,
        "4 CCR 904-3 Rule 6.04(B); GDPR Art. 6(4); Minn. Stat. 325M.16(e) (PACKS.md §3)",
        "A material change that puts data already collected to a new use needs consent first under some laws the policy answers to; a warning, as policyc cannot see whether consent was asked.";
    ANNUAL_REVIEW = "annual-review", Lint(Error),
        "Cal. Civ. Code 1798.130(a)(5)",
        "The policy must be updated at least once every 12 months.", CA;
    LAST_UPDATED = "last-updated", Lint(Error),
        "11 CCR 7011(e)(4)",
        "The policy must show the date it was last updated.", CA;
    CATEGORIES_COMPLETE = "categories-complete", Lint(Warning),
        "Cal. Civ. Code 1798.130(a)(5)(B), 1798.140(v)(1)",
        "The table should say, for every statutory category A to L, whether it is collected.", CA;
    CATEGORY_SOURCES = "category-sources", Lint(Warning),
        "Cal. Civ. Code 1798.130(a)(5)(B); 11 CCR 7011(e)(1)",
        "Each collected category should name at least one source.", CA;
    CATEGORY_PURPOSES = "category-purposes", Lint(Warning),
        "Cal. Civ. Code 1798.130(a)(5)(B); 11 CCR 7011(e)(1)",
        "Each collected category should name at least one purpose.", CA;
    CATEGORY_RETENTION = "category-retention", Lint(Warning),
        "Cal. Civ. Code 1798.100(a)(3)",
        "Each collected category should say how long it is kept.", CA;
    SOLD_RECIPIENTS = "sold-recipients", Lint(Error),
        "11 CCR 7011(e)(1)",
        "Each sold or shared category must name the categories of third parties it goes to.", CA;
    RIGHTS_LISTED = "rights-listed", Lint(Error),
        "Cal. Civ. Code 1798.130(a)(5)(A), 1798.121; 11 CCR 7011(e)(2)",
        "The policy must list the rights to know, delete, correct and non-discrimination, opt-out when selling or sharing, and limit when collecting sensitive data.", CA;
    REQUEST_METHODS = "request-methods", Lint(Error),
        "Cal. Civ. Code 1798.130(a)(1); 11 CCR 7020",
        "At least two request methods, one a toll-free number and one a web method when there is a website (email alone for online-only businesses).", CA;
    PRIVACY_CONTACT = "privacy-contact", Lint(Error),
        "11 CCR 7011(e)(3)(J)",
        "The policy must give a contact for privacy questions.", CA;
    MINORS = "minors", Lint(Error),
        "Cal. Civ. Code 1798.120(c); 11 CCR 7072(a)",
        "A business that sells or shares data of consumers under 16 must describe its opt-in process.", CA;
    PROSE_DENIES_SALE = "prose-denies-sale", Lint(Error),
        "Cal. Civ. Code 1798.120, 1798.130(a)(5)(C); FTC Act §5 (15 U.S.C. 45)",
        "The text must not deny selling personal information while the CCPA table marks a category sold.", CA;
    PROSE_DENIES_SHARING = "prose-denies-sharing", Lint(Error),
        "Cal. Civ. Code 1798.120, 1798.130(a)(5)(C); FTC Act §5 (15 U.S.C. 45)",
        "The text must not deny sharing personal information while the CCPA table marks a category shared.", CPRA;
    PROSE_DENIES_COLLECTION = "prose-denies-collection", Lint(Error),
        "Cal. Civ. Code 1798.100(a)(1), 1798.130(a)(5)(B); FTC Act §5 (15 U.S.C. 45)",
        "The text must not deny collecting a category the CCPA table marks collected.", CA;
    PROSE_AFFIRMS_SALE = "prose-affirms-sale", Lint(Warning),
        "Cal. Civ. Code 1798.130(a)(5)(C); 11 CCR 7011(e)(1)",
        "Text that says personal information is sold needs the sold categories marked in the CCPA table.", CA;
    POLICY_STALE = "policy-stale", Lint(Warning),
        "Good practice for every policy; Cal. Civ. Code 1798.130(a)(5) and Minn. Stat. 325M.16 make it law",
        "A policy last updated more than 12 months ago should be reviewed and its `last_updated` date set.";
    CCPA_FACTS = "ccpa-facts", Lint(Error),
        "Cal. Civ. Code 1798.130(a)(5); 11 CCR 7011",
        "A policy that answers to California states the CCPA facts (categories, rights, request methods) in its `ccpa` block.", CA;
    TX_SALE_NOTICE = "tx-sale-notice", Lint(Error),
        "Tex. Bus. & Com. Code 541.102(b)-(c)",
        "A controller that sells sensitive (or biometric) personal data prints \"NOTICE: We may sell your sensitive personal data.\" (\"... biometric personal data.\") where the notice is; the statement must not appear without the facts behind it.", TX;
    CO_LAST_UPDATED = "co-last-updated", Lint(Error),
        "4 CCR 904-3 Rule 6.03(A)(8)",
        "A policy for Colorado shows the date it was last updated.", CO;
    CT_REQUEST_METHOD = "ct-request-method", Lint(Error),
        "CGS 42-520(c)",
        "A policy for Connecticut gives an active email address or an online form for consumers' requests.", CT;
    CT_LLM_STATEMENT = "ct-llm-statement", Lint(Error),
        "CGS 42-520(c) as amended by PA 25-113 (secondary source)",
        "A policy for Connecticut says whether personal data is used to train large language models (`processing.language_models`); policyc prints the statement.", CT_2026;
    MN_LAST_UPDATED = "mn-last-updated", Lint(Error),
        "Minn. Stat. 325M.16 subd. 1(a)(8)",
        "A policy for Minnesota shows the date it was last updated.", MN;
    CO_APPEAL = "co-appeal", Lint(Error),
        "4 CCR 904-3 Rule 6.03(A)(6)-(8)",
        "A policy for Colorado says how to appeal a refused request: `processing.appeal` names the contact that takes appeals.", CO;
    VA_APPEAL = "va-appeal", Lint(Error),
        "Va. Code 59.1-578(C) (secondary source)",
        "A policy for Virginia says how to appeal a refused request: `processing.appeal` names the contact that takes appeals.", VA;
    CT_APPEAL = "ct-appeal", Lint(Error),
        "CGS 42-520(c)",
        "A policy for Connecticut says how to appeal a refused request: `processing.appeal` names the contact that takes appeals.", CT;
    TX_APPEAL = "tx-appeal", Lint(Error),
        "Tex. Bus. & Com. Code 541.102(a)",
        "A policy for Texas says how to appeal a refused request: `processing.appeal` names the contact that takes appeals.", TX;
    OR_APPEAL = "or-appeal", Lint(Error),
        "ORS 646A.578(4) (read for (f)-(i) only)",
        "A policy for Oregon says how to appeal a refused request: `processing.appeal` names the contact that takes appeals.", OR;
    MN_APPEAL = "mn-appeal", Lint(Error),
        "Minn. Stat. 325M.16 subd. 1",
        "A policy for Minnesota says how to appeal a refused request: `processing.appeal` names the contact that takes appeals.", MN;
    CO_OPT_OUT = "co-opt-out", Lint(Error),
        "4 CCR 904-3 Rule 6.03(A)",
        "A policy for Colorado that sells personal data or uses it for targeted advertising lists the right to opt out (`opt-out`).", CO;
    VA_OPT_OUT = "va-opt-out", Lint(Error),
        "Va. Code 59.1-578(C)-(E) (secondary source)",
        "A policy for Virginia that sells personal data or uses it for targeted advertising lists the right to opt out (`opt-out`).", VA;
    CT_OPT_OUT = "ct-opt-out", Lint(Error),
        "CGS 42-520(c)-(e)",
        "A policy for Connecticut that sells personal data or uses it for targeted advertising lists the right to opt out (`opt-out`).", CT;
    TX_OPT_OUT = "tx-opt-out", Lint(Error),
        "Tex. Bus. & Com. Code 541.102(a)",
        "A policy for Texas that sells personal data or uses it for targeted advertising lists the right to opt out (`opt-out`).", TX;
    OR_OPT_OUT = "or-opt-out", Lint(Error),
        "ORS 646A.578(4)-(5) (read in part)",
        "A policy for Oregon that sells personal data or uses it for targeted advertising lists the right to opt out (`opt-out`).", OR;
    MN_OPT_OUT = "mn-opt-out", Lint(Error),
        "Minn. Stat. 325M.16 subd. 1",
        "A policy for Minnesota that sells personal data or uses it for targeted advertising lists the right to opt out (`opt-out`).", MN;
    CO_PURPOSES = "co-purposes", Lint(Error),
        "4 CCR 904-3 Rule 6.03(A)(1)(b)",
        "A policy for Colorado links each kind of personal data to the purposes it is used for (`purposes` of each kind of data under `processing`, or of each collected CCPA row).", CO;
    CO_OPT_OUT_SIGNALS = "co-opt-out-signals", Lint(Error),
        "4 CCR 904-3 Rule 6.03(A)(4)(e)",
        "A policy for Colorado that sells personal data or uses it for targeted advertising says how universal opt-out signals are handled (`opt_out_signals` under `processing`).", CO;
    OR_REQUEST_METHOD = "or-request-method", Lint(Error),
        "ORS 646A.578(4)",
        "A policy for Oregon gives an active email address or an online form for consumers' requests.", OR;
    MN_RETENTION = "mn-retention", Lint(Error),
        "Minn. Stat. 325M.16 subd. 1(a)(7)",
        "A policy for Minnesota says how long each kind of personal data is kept (`retention` of each kind of data under `processing`, or of each collected CCPA row).", MN;
    GDPR_FACTS = "gdpr-facts", Lint(Error),
        "GDPR Art. 13-14",
        "A policy that answers to the GDPR states its facts of processing in a `processing` block: purposes with their legal basis, recipients, data, rights.", GDPR;
    GDPR_CONTROLLER = "gdpr-controller", Lint(Error),
        "GDPR Art. 13(1)(a), 14(1)(a)",
        "The controller is named by its legal name (`organization.legal_name`), with a contact that gives an email or postal address.", GDPR;
    GDPR_DPO = "gdpr-dpo", Lint(Error),
        "GDPR Art. 13(1)(b), 37(7)",
        "A designated data protection officer (`processing.dpo`) is given with an email or postal address.", GDPR;
    GDPR_LEGAL_BASIS = "gdpr-legal-basis", Lint(Error),
        "GDPR Art. 13(1)(c), 6(1)",
        "Every purpose states its legal basis (`basis`).", GDPR;
    GDPR_LEGIT_INTEREST = "gdpr-legit-interest", Lint(Error),
        "GDPR Art. 13(1)(d)",
        "A purpose based on legitimate interests states the interest pursued (`interest`).", GDPR;
    GDPR_RECIPIENTS = "gdpr-recipients", Lint(Error),
        "GDPR Art. 13(1)(e)",
        "The recipients of personal data, or their categories, are named (`recipients` under `processing`).", GDPR;
    GDPR_TRANSFER = "gdpr-transfer", Lint(Error),
        "GDPR Art. 13(1)(f), 44-49",
        "A recipient outside the EEA (or the UK) names what makes the transfer lawful (`safeguard`), an adequacy decision only where the country has one, and where a copy of other safeguards can be had (`copy`).", GDPR;
    GDPR_RETENTION = "gdpr-retention", Lint(Error),
        "GDPR Art. 13(2)(a)",
        "Every kind of data states how long it is kept, or the criteria (`retention`).", GDPR;
    GDPR_RIGHTS = "gdpr-rights", Lint(Error),
        "GDPR Art. 13(2)(b), 15-21",
        "`processing.rights` lists access, rectification, erasure, restriction, objection and portability.", GDPR;
    GDPR_WITHDRAW = "gdpr-withdraw", Lint(Error),
        "GDPR Art. 13(2)(c), 7(3)",
        "A purpose based on consent comes with the right to withdraw it (`withdraw-consent`).", GDPR;
    GDPR_COMPLAINT = "gdpr-complaint", Lint(Error),
        "GDPR Art. 13(2)(d), 77",
        "The right to complain to a supervisory authority is listed (`complaint`).", GDPR;
    GDPR_OBLIGATION = "gdpr-obligation", Lint(Error),
        "GDPR Art. 13(2)(e)",
        "Data the person provides says whether they must provide it (`required`).", GDPR;
    GDPR_ADM = "gdpr-adm", Lint(Error),
        "GDPR Art. 13(2)(f), 22",
        "The policy says whether it makes automated decisions (`processing.automated_decisions`, `[]` for none), each with its logic and consequences.", GDPR;
    GDPR_INDIRECT = "gdpr-indirect", Lint(Error),
        "GDPR Art. 14(2)(f)",
        "Data that does not come from the person names its sources.", GDPR;
    UK_COMPLAINT_CONTROLLER = "uk-complaint-controller", Lint(Error),
        "DPA 2018 s.164A (Data (Use and Access) Act 2025 s.103)",
        "A policy under the UK GDPR says people may complain to the controller (`complaint-to-controller`), besides the Information Commissioner.", UK_2026;
    UNKNOWN_FACT = "unknown-fact", Structure(Error),
        "policyc",
        "A kind of data names purposes and recipients defined under `processing`, and `processing` names defined contacts.";
    LAST_UPDATED_FUTURE = "last-updated-future", Lint(Error),
        "11 CCR 7011(e)(4)",
        "The last-updated date must not be in the future: it says when the policy last changed.";
    DUPLICATE_ID = "duplicate-id", Structure(Error),
        "policyc",
        "Ids name sections, rows and facts; each must be unique.";
    UNKNOWN_REF = "unknown-ref", Structure(Error),
        "policyc",
        "A reference must name a section that exists.";
    UNKNOWN_CONTACT = "unknown-contact", Structure(Error),
        "policyc",
        "A contact reference must name a defined contact.";
    UNKNOWN_VARIABLE = "unknown-variable", Structure(Error),
        "policyc",
        "Text may only use defined variables and functions.";
    BAD_DATE = "bad-date", Structure(Error),
        "policyc",
        "Dates are real calendar days written YYYY-MM-DD.";
    CCPA_TABLE_UNPLACED = "ccpa-table-unplaced", Structure(Warning),
        "policyc",
        "A policy with CCPA categories should show the table with {{ ccpa_table() }}.";
    PROCESSING_TABLE_UNPLACED = "processing-table-unplaced", Structure(Warning),
        "policyc; GDPR Art. 12(1), 13",
        "A policy with `processing` data should show it with {{ processing_table() }}: facts no output shows are not provided to anyone.";
    SINGLE_BRACES = "single-braces", Structure(Warning),
        "policyc",
        "Text in single braces that reads as a template (`{ ref(id=\"x\") }`) prints as written; templates take double braces.";
    CONTACT_UNUSED = "contact-unused", Structure(Warning),
        "policyc",
        "A defined contact should appear somewhere.";
    LIST_SPLIT = "list-split", Structure(Warning),
        "policyc",
        "A flow list splits at every comma; a phrase with commas must be quoted to stay one item.";
    SYNTAX = "syntax", Structure(Error),
        "policyc",
        "A policy must be a readable UTF-8 file of YAML in the source format: its keys, kinds of value and template syntax.";
}

/// The change rules whose change puts data already collected to a new use:
/// a new purpose, a sale or sharing that starts, a new recipient, a promise
/// not to do so withdrawn. For these a law may ask consent, not only notice.
pub const NEW_USE: &[RuleId] = &[
    id::PURPOSE_ADDED,
    id::SALE_STARTED,
    id::SHARING_STARTED,
    id::RECIPIENT_ADDED,
    id::MINORS_SALE_STARTED,
    id::PROSE_NEW_PURPOSE,
    id::PROSE_NEW_RECIPIENT,
    id::PROSE_COMMITMENT_WITHDRAWN,
    id::PROSE_RETROACTIVE,
    id::CONSENT_REPLACED,
];

/// The rule with this id, as a user wrote it (`--explain`, a decision).
pub fn get(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id.as_str() == id)
}

/// The registry entry of an id.
pub fn rule(id: RuleId) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.id == id)
        .expect("every id constant has its rule (the `rules!` macro)")
}

/// The class a change rule gives; a rule that is not a change rule is review.
pub fn class_of(id: RuleId) -> Class {
    match rule(id).kind {
        Kind::Change(class) => class,
        _ => Class::Review,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id.as_str()).collect();
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
