//! The source model: a policy file exactly as written, with the place of every value.
//!
//! These types are the source format v1 (DESIGN.md §2). They are strict: an
//! unknown key is an error, and the loader turns serde's message into a
//! "did you mean" hint.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::category::Category;
use crate::rules::Class;

/// A string from the source together with where it was written.
pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Output file stem and the policy's identity in diffs: `[a-z0-9][a-z0-9-]*`.
    pub id: Text,
    pub title: Text,
    /// Fragment files (`_*.yaml`, relative to this file) whose organization,
    /// contacts and vars this policy uses, so several policies share one copy.
    #[serde(default)]
    pub include: Vec<Text>,
    /// Required, here or in an included fragment.
    pub organization: Option<Organization>,
    pub dates: Dates,
    /// Contacts, defined once and referenced by id with `contact(id=...)`.
    #[serde(default)]
    pub contacts: BTreeMap<String, Spanned<Contact>>,
    /// Free-form facts written once and used in text as `{{ vars.name }}`.
    #[serde(default)]
    pub vars: BTreeMap<String, Text>,
    /// Markdown before the first section.
    pub lead: Option<Text>,
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Parts after the main policy; each restarts numbering at 1.
    #[serde(default)]
    pub supplements: Vec<Section>,
    pub ccpa: Option<Ccpa>,
    #[serde(default)]
    pub changelog: Vec<ChangelogEntry>,
    pub notice: Option<Notice>,
    /// Lets raw HTML in bodies through to the HTML page. Off by default.
    #[serde(default)]
    pub trust_html: bool,
    /// Reviewers' judgements of changes `policyc diff` flagged in this version.
    #[serde(default)]
    pub decisions: Vec<Spanned<Decision>>,
    /// Lint rules switched off for this policy, each for a stated reason.
    #[serde(default)]
    pub waivers: Vec<Spanned<Waiver>>,
}

/// A lint rule switched off, with the reason the report shows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    pub rule: Text,
    /// Why the rule does not apply: required.
    pub reason: Option<Text>,
}

/// A reviewer's judgement of a flagged change, recorded in the new version:
/// the report shows it, with its reason, instead of the flag.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The `path` of the change in the diff report.
    pub path: Text,
    /// The rule whose flag is judged; without it, every change at `path`.
    pub rule: Option<Text>,
    /// The class the reviewer gives the change (default `editorial`).
    pub class: Option<Spanned<Class>>,
    /// Why: required, and shown in every report.
    pub reason: Option<Text>,
}

/// A shared fragment: facts several policies include instead of repeating them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fragment {
    pub organization: Option<Organization>,
    #[serde(default)]
    pub contacts: BTreeMap<String, Spanned<Contact>>,
    #[serde(default)]
    pub vars: BTreeMap<String, Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub name: Text,
    pub legal_name: Option<Text>,
    pub description: Option<Text>,
    /// The business's website; with one, CCPA requests need a web method.
    pub website: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    pub effective: Text,
    pub last_updated: Option<Text>,
    #[serde(default)]
    pub format: DateFormat,
}

/// How dates print in the outputs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateFormat {
    /// "July 1, 2024"
    #[default]
    Long,
    /// "July 2024"
    MonthYear,
    /// "7/1/2024"
    Numeric,
    /// "2024-07-01"
    Iso,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: Option<Text>,
    pub attention: Option<Text>,
    pub email: Option<Text>,
    pub phone: Option<Text>,
    #[serde(default)]
    pub toll_free: bool,
    pub web: Option<Text>,
    #[serde(default)]
    pub address: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique in the file; the HTML anchor and the key that diffs match on.
    pub id: Text,
    pub title: Text,
    /// `false` makes a heading without a number.
    #[serde(default = "yes")]
    pub numbered: bool,
    pub body: Option<Text>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ccpa {
    #[serde(default)]
    pub categories: Vec<CcpaRow>,
    pub columns: Option<Vec<Column>>,
    #[serde(default)]
    pub rights: Vec<Spanned<Right>>,
    /// Contact ids through which CCPA requests are accepted.
    #[serde(default)]
    pub request_methods: Vec<Text>,
    /// Actual knowledge of selling or sharing personal information of consumers under 16.
    pub sells_minors: Option<Spanned<bool>>,
    #[serde(default)]
    pub online_only: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CcpaRow {
    pub category: Spanned<Category>,
    /// Row key; defaults to the category key.
    pub id: Option<Text>,
    pub label: Option<Text>,
    pub examples: Option<Text>,
    pub collected: bool,
    pub note: Option<Text>,
    #[serde(default)]
    pub sources: Vec<Text>,
    #[serde(default)]
    pub purposes: Vec<Text>,
    #[serde(default)]
    pub recipients: Vec<Text>,
    #[serde(default)]
    pub sold: bool,
    #[serde(default)]
    pub shared: bool,
    pub retention: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub field: Field,
    pub heading: Option<Text>,
}

/// A column of the CCPA table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Category,
    Examples,
    Collected,
    Sources,
    Purposes,
    Recipients,
    Sold,
    Shared,
    Retention,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Category,
        Field::Examples,
        Field::Collected,
        Field::Sources,
        Field::Purposes,
        Field::Recipients,
        Field::Sold,
        Field::Shared,
        Field::Retention,
    ];

    /// The heading a column gets when the policy does not name one.
    pub fn default_heading(self) -> &'static str {
        match self {
            Field::Category => "Category",
            Field::Examples => "Examples",
            Field::Collected => "Collected",
            Field::Sources => "Sources",
            Field::Purposes => "Purposes",
            Field::Recipients => "Disclosed to",
            Field::Sold => "Sold",
            Field::Shared => "Shared",
            Field::Retention => "Retention",
        }
    }
}

/// A consumer right under the CCPA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Right {
    Know,
    Delete,
    Correct,
    OptOut,
    Limit,
    NonDiscrimination,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangelogEntry {
    pub date: Text,
    pub summary: Text,
    #[serde(default)]
    pub material: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// Material changes take effect no sooner than this many days after publication.
    pub days: u32,
}
