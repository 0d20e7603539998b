//! The law-neutral facts of processing (PACKS.md §1), as the source writes
//! them under `processing`: purposes and recipients defined once, the data
//! that refers to them, automated decisions, the people to contact and the
//! rights. Each law's rules read these facts; `processing_table()` prints them.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// A string from the source with where it was written (as `model::Text`).
type Text = Spanned<String>;

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Processing {
    /// Why personal data is used, each purpose defined once and named by id.
    #[serde(default)]
    pub purposes: Vec<Purpose>,
    /// Who receives personal data, each defined once and named by id.
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    /// The kinds of personal data processed, with where each comes from,
    /// what it is used for, who receives it and how long it is kept.
    #[serde(default)]
    pub data: Vec<Data>,
    /// Decisions made by automated means alone, profiling included, with
    /// legal or similarly significant effects (GDPR Art. 22); `[]` when
    /// there are none. Leaving the key out says nothing either way.
    pub automated_decisions: Option<Vec<AutomatedDecision>>,
    /// The contact id of the data protection officer, if one is designated.
    #[schemars(with = "Option<String>")]
    pub dpo: Option<Text>,
    /// The contact id of the representative in the EU or UK (GDPR Art. 27),
    /// for a controller established outside it.
    #[schemars(with = "Option<String>")]
    pub representative: Option<Text>,
    /// How a consumer appeals a refused request (US state laws): the contact
    /// id that takes appeals.
    #[schemars(with = "Option<String>")]
    pub appeal: Option<Text>,
    /// How requests to opt out sent by a browser or device signal (Global
    /// Privacy Control and the like) are handled, in a sentence: Colorado
    /// asks for it where data is sold or used for targeted advertising.
    #[schemars(with = "Option<String>")]
    pub opt_out_signals: Option<Text>,
    /// Whether personal data is collected, used or sold to train large
    /// language models: Connecticut makes the policy say so (from 2026-07-01),
    /// and policyc prints the statement from this fact.
    pub language_models: Option<bool>,
    /// The rights the policy grants, across the laws it answers to.
    #[serde(default)]
    #[schemars(with = "Vec<Right>")]
    pub rights: Vec<Spanned<Right>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purpose {
    /// The key data items use to name the purpose.
    #[schemars(with = "String")]
    pub id: Text,
    /// The purpose as the policy prints it.
    #[schemars(with = "String")]
    pub name: Text,
    /// Its legal basis under the GDPR (Art. 6(1)).
    #[schemars(with = "Option<Basis>")]
    pub basis: Option<Spanned<Basis>>,
    /// For `legitimate-interests`: the interest pursued (Art. 13(1)(d)).
    #[schemars(with = "Option<String>")]
    pub interest: Option<Text>,
    /// What US state laws call it, when it is one of these.
    #[serde(default)]
    pub kinds: Vec<UseKind>,
}

/// A lawful basis of GDPR Art. 6(1)(a)-(f).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    Consent,
    Contract,
    LegalObligation,
    VitalInterests,
    PublicTask,
    LegitimateInterests,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::Consent => "your consent",
            Basis::Contract => "our contract with you",
            Basis::LegalObligation => "a legal obligation",
            Basis::VitalInterests => "vital interests",
            Basis::PublicTask => "a task in the public interest",
            Basis::LegitimateInterests => "our legitimate interests",
        }
    }
}

/// A use the US state laws name and give an opt-out from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum UseKind {
    Sale,
    Sharing,
    TargetedAdvertising,
    Profiling,
}

impl UseKind {
    pub fn key(self) -> &'static str {
        match self {
            UseKind::Sale => "sale",
            UseKind::Sharing => "sharing",
            UseKind::TargetedAdvertising => "targeted-advertising",
            UseKind::Profiling => "profiling",
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// The key data items use to name the recipient.
    #[schemars(with = "String")]
    pub id: Text,
    /// The recipient, or its category, as the policy prints it.
    #[schemars(with = "String")]
    pub name: Text,
    /// What it is to the controller.
    pub kind: Option<RecipientKind>,
    /// For a recipient abroad: the country data goes to, by its English
    /// name as the policy prints it (`the United States`, `India`).
    #[schemars(with = "Option<String>")]
    pub country: Option<Text>,
    /// For a transfer abroad: what makes it lawful (GDPR Art. 45-49).
    #[schemars(with = "Option<Safeguard>")]
    pub safeguard: Option<Spanned<Safeguard>>,
    /// Where a copy of the safeguard can be had: a contact id or an address on the web.
    #[schemars(with = "Option<String>")]
    pub copy: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RecipientKind {
    Processor,
    ThirdParty,
    Affiliate,
    Authority,
}

/// What makes a transfer outside the EEA or the UK lawful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Safeguard {
    /// An adequacy decision for the country (Art. 45).
    Adequacy,
    /// Standard contractual clauses (Art. 46(2)(c)).
    Scc,
    /// Binding corporate rules (Art. 47).
    Bcr,
    /// The EU-US Data Privacy Framework (an adequacy decision for certified US companies).
    Dpf,
    /// A derogation for a specific situation (Art. 49).
    Derogation,
}

impl Safeguard {
    pub fn key(self) -> &'static str {
        match self {
            Safeguard::Adequacy => "adequacy",
            Safeguard::Scc => "scc",
            Safeguard::Bcr => "bcr",
            Safeguard::Dpf => "dpf",
            Safeguard::Derogation => "derogation",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Safeguard::Adequacy => "an adequacy decision",
            Safeguard::Scc => "standard contractual clauses",
            Safeguard::Bcr => "binding corporate rules",
            Safeguard::Dpf => "the EU-US Data Privacy Framework",
            Safeguard::Derogation => "a derogation (Art. 49 GDPR)",
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// The key of this kind of data.
    #[schemars(with = "String")]
    pub id: Text,
    /// The kind of data as the policy prints it ("Account details: name, email address").
    #[schemars(with = "String")]
    pub name: Text,
    /// Where it comes from: `you` for the person, and the other sources by name.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub sources: Vec<Text>,
    /// The ids of the purposes it is used for.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub purposes: Vec<Text>,
    /// The ids of the recipients it goes to.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Text>,
    /// How long it is kept, or the criteria that decide it.
    #[schemars(with = "Option<String>")]
    pub retention: Option<Text>,
    /// For data the person provides: whether they must provide it, and what
    /// follows if not (GDPR Art. 13(2)(e)): `true` when it is required.
    pub required: Option<bool>,
    /// Sensitive (special category) data.
    #[serde(default)]
    pub sensitive: bool,
}

impl Data {
    /// Whether the person provides it (`sources` names `you`).
    pub fn from_the_person(&self) -> bool {
        self.sources.iter().any(|s| s.value == "you")
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AutomatedDecision {
    /// The decision.
    #[schemars(with = "String")]
    pub name: Text,
    /// The logic involved, in words a reader can follow.
    #[schemars(with = "Option<String>")]
    pub logic: Option<Text>,
    /// Its significance and the consequences for the person.
    #[schemars(with = "Option<String>")]
    pub consequences: Option<Text>,
}

/// A right across the laws policyc knows (GDPR Art. 15-22 and 77, US state laws).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Right {
    Access,
    Rectification,
    Erasure,
    Restriction,
    Objection,
    Portability,
    WithdrawConsent,
    /// To complain to a supervisory authority (GDPR Art. 77).
    Complaint,
    /// To complain to the controller first (UK DPA 2018 s.164A).
    ComplaintToController,
    /// Not to be subject to a decision based solely on automated processing (Art. 22).
    HumanReview,
    /// To opt out of sale, targeted advertising and profiling (US states).
    OptOut,
    /// To appeal a refused request (US states).
    Appeal,
}

impl Right {
    pub fn key(self) -> &'static str {
        match self {
            Right::Access => "access",
            Right::Rectification => "rectification",
            Right::Erasure => "erasure",
            Right::Restriction => "restriction",
            Right::Objection => "objection",
            Right::Portability => "portability",
            Right::WithdrawConsent => "withdraw-consent",
            Right::Complaint => "complaint",
            Right::ComplaintToController => "complaint-to-controller",
            Right::HumanReview => "human-review",
            Right::OptOut => "opt-out",
            Right::Appeal => "appeal",
        }
    }
}

/// A country as written (`the United States`, `UK`), in one spelling for
/// comparing: lower case, without "the", common short forms spelt out.
pub fn country_key(name: &str) -> String {
    let name = name.trim().to_lowercase();
    let name = name
        .strip_prefix("the ")
        .unwrap_or(&name)
        .trim_end_matches('.');
    match name {
        "us" | "u.s" | "usa" | "u.s.a" | "united states of america" => "united states",
        "uk" | "u.k" | "great britain" | "united kingdom of great britain and northern ireland" => {
            "united kingdom"
        }
        "eu" => "european union",
        "eea" => "european economic area",
        "korea" | "republic of korea" => "south korea",
        "czech republic" => "czechia",
        other => other,
    }
    .to_string()
}

/// The countries of the European Economic Area, where the GDPR applies.
const EEA: [&str; 32] = [
    "austria",
    "belgium",
    "bulgaria",
    "croatia",
    "cyprus",
    "czechia",
    "denmark",
    "estonia",
    "finland",
    "france",
    "germany",
    "greece",
    "hungary",
    "ireland",
    "italy",
    "latvia",
    "lithuania",
    "luxembourg",
    "malta",
    "netherlands",
    "poland",
    "portugal",
    "romania",
    "slovakia",
    "slovenia",
    "spain",
    "sweden",
    "iceland",
    "liechtenstein",
    "norway",
    "european union",
    "european economic area",
];

/// Whether a country (a [`country_key`]) is in the EEA.
pub fn in_eea(key: &str) -> bool {
    EEA.contains(&key)
}

/// Countries with an EU adequacy decision (GDPR Art. 45), as the European
/// Commission listed them in 2026. The United States has one only for
/// companies in the Data Privacy Framework, which is `safeguard: dpf`.
pub fn eu_adequate(key: &str) -> bool {
    const LIST: [&str; 14] = [
        "andorra",
        "argentina",
        "canada",
        "faroe islands",
        "guernsey",
        "israel",
        "isle of man",
        "japan",
        "jersey",
        "new zealand",
        "south korea",
        "switzerland",
        "united kingdom",
        "uruguay",
    ];
    LIST.contains(&key)
}

/// Countries with UK adequacy regulations (UK GDPR Art. 45, DPA 2018 s.17A):
/// the EU's list but the UK, with Gibraltar; the EEA is adequate too.
pub fn uk_adequate(key: &str) -> bool {
    key == "gibraltar" || key != "united kingdom" && eu_adequate(key)
}
