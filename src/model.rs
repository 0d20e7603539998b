//! The source model: a policy file exactly as written, with the place of every value.
//!
//! These types are the source format v1 (DESIGN.md §2). They are strict: an
//! unknown key is an error, and the loader turns serde's message into a
//! "did you mean" hint.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::category::Category;
use crate::rules::Class;

/// A string from the source together with where it was written.
pub type Text = Spanned<String>;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Output file stem and the policy's identity in diffs: `[a-z0-9][a-z0-9-]*`.
    #[schemars(with = "String")]
    #[schemars(pattern(r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: Text,
    /// The title of the policy, as the page shows it (a text template).
    #[schemars(with = "String")]
    pub title: Text,
    /// Fragment files (`_*.yaml`, relative to this file) whose organization,
    /// contacts and vars this policy uses, so several policies share one copy.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub include: Vec<Text>,
    /// The laws the policy answers to (`us-ca`, `us-co`, `us-va`, `us-ct`,
    /// `us-tx`, `us-or`, `us-mn`, `eu-gdpr`, `uk-gdpr`): their rules are
    /// checked, and `diff` says for each whether a change needs consent. A
    /// policy with a `ccpa` block and no list answers to `us-ca`.
    #[serde(default)]
    #[schemars(with = "Vec<crate::jurisdiction::Jurisdiction>")]
    pub jurisdictions: Vec<Spanned<crate::jurisdiction::Jurisdiction>>,
    /// Required, here or in an included fragment.
    pub organization: Option<Organization>,
    /// When the policy takes effect and when it was last updated.
    pub dates: Dates,
    /// Further entities responsible for the data, for example one per region,
    /// by id: `{{ controllers.eu.name }}` in text.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Controller>")]
    pub controllers: BTreeMap<String, Spanned<Controller>>,
    /// Contacts, defined once and referenced by id with `contact(id=...)`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Contact>")]
    pub contacts: BTreeMap<String, Spanned<Contact>>,
    /// Free-form facts written once and used in text as `{{ vars.name }}`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub vars: BTreeMap<String, Text>,
    /// Markdown before the first section.
    #[schemars(with = "Option<String>")]
    pub lead: Option<Text>,
    /// Whether sections are numbered (1, 2, 2.1 ...), the default, or not at all.
    #[serde(default)]
    pub numbering: Numbering,
    /// The sections of the policy, numbered 1, 2, 3 ...; each may have sections of its own.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Parts after the main policy; each restarts numbering at 1.
    #[serde(default)]
    pub supplements: Vec<Section>,
    /// The CCPA personal-information table and the facts the California rules check.
    pub ccpa: Option<Ccpa>,
    /// The facts of processing every law asks for, written once: purposes,
    /// recipients, data, automated decisions, contacts and rights.
    pub processing: Option<crate::processing::Processing>,
    /// The versions of the policy, newest first.
    #[serde(default)]
    pub changelog: Vec<ChangelogEntry>,
    /// How much notice users get before a material change takes effect.
    pub notice: Option<Notice>,
    /// Lets raw HTML in bodies through to the HTML page. Off by default.
    #[serde(default)]
    pub trust_html: bool,
    /// Reviewers' judgements of changes `policyc diff` flagged in this version.
    #[serde(default)]
    #[schemars(with = "Vec<Decision>")]
    pub decisions: Vec<Spanned<Decision>>,
    /// Lint rules switched off for this policy, each for a stated reason.
    #[serde(default)]
    #[schemars(with = "Vec<Waiver>")]
    pub waivers: Vec<Spanned<Waiver>>,
}

/// A lint rule switched off, with the reason the report shows.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The id of the lint rule to switch off (see `policyc check --list-rules`).
    #[schemars(with = "String")]
    pub rule: Text,
    /// Why the rule does not apply: required.
    #[schemars(with = "Option<String>")]
    pub reason: Option<Text>,
}

/// A reviewer's judgement of a flagged change, recorded in the new version:
/// the report shows it, with its reason, instead of the flag.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The `path` of the change in the diff report.
    #[schemars(with = "String")]
    pub path: Text,
    /// The rule whose flag is judged; without it, every change at `path`.
    #[schemars(with = "Option<String>")]
    pub rule: Option<Text>,
    /// The class the reviewer gives the change (default `editorial`).
    #[schemars(with = "Option<Class>")]
    pub class: Option<Spanned<Class>>,
    /// Why: required, and shown in every report.
    #[schemars(with = "Option<String>")]
    pub reason: Option<Text>,
}

/// A shared fragment: facts several policies include instead of repeating them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fragment {
    /// The organization, for policies that include this fragment.
    pub organization: Option<Organization>,
    /// Contacts shared by the policies that include this fragment.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Contact>")]
    pub contacts: BTreeMap<String, Spanned<Contact>>,
    /// Facts shared by the policies that include this fragment, used as `{{ vars.name }}`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub vars: BTreeMap<String, Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// The short name of the business, `{{ org.name }}` in text.
    #[schemars(with = "String")]
    pub name: Text,
    /// The full legal name, `{{ org.legal_name }}` in text (defaults to `name`).
    #[schemars(with = "Option<String>")]
    pub legal_name: Option<Text>,
    /// A description such as "a Delaware corporation based in ...", `{{ org.description }}`.
    #[schemars(with = "Option<String>")]
    pub description: Option<Text>,
    /// The business's website; with one, CCPA requests need a web method.
    #[schemars(with = "Option<String>")]
    pub website: Option<Text>,
}

/// An entity responsible for personal data besides the organization, such
/// as the controller for one region.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Controller {
    /// Its name, `{{ controllers.ID.name }}` in text.
    #[schemars(with = "String")]
    pub name: Text,
    /// Its full legal name, `{{ controllers.ID.legal_name }}` (defaults to `name`).
    #[schemars(with = "Option<String>")]
    pub legal_name: Option<Text>,
    /// Where it is the controller ("the EEA and Switzerland"), `{{ controllers.ID.region }}`.
    #[schemars(with = "Option<String>")]
    pub region: Option<Text>,
    /// A description, `{{ controllers.ID.description }}`.
    #[schemars(with = "Option<String>")]
    pub description: Option<Text>,
    /// The ids of its contacts (defined under `contacts`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub contacts: Vec<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// The day the policy takes effect, YYYY-MM-DD.
    #[schemars(with = "String")]
    #[schemars(pattern(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub effective: Text,
    /// The day the policy was last updated, YYYY-MM-DD (defaults to `effective`).
    #[schemars(with = "Option<String>")]
    pub last_updated: Option<Text>,
    /// How dates print: `long` (July 1, 2024), `day-month-year` (1 July 2024), `month-year` (July 2024), `numeric` (7/1/2024) or `iso` (2024-07-01).
    #[serde(default)]
    pub format: DateFormat,
    /// Which dates the page shows under the title: `both` (the default),
    /// `effective`, `last-updated` or `none` (when the text says it itself).
    #[serde(default)]
    pub show: DatesShown,
    /// A line printed after the dates, inline Markdown and a text template,
    /// such as a link to the previous version.
    #[schemars(with = "Option<String>")]
    pub note: Option<Text>,
}

/// Which dates the outputs print under the title.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DatesShown {
    /// "Effective date" and "Last updated".
    #[default]
    Both,
    /// "Effective date" only.
    Effective,
    /// "Last updated" only.
    LastUpdated,
    /// Neither: the text states them itself.
    None,
}

impl DatesShown {
    pub fn effective(self) -> bool {
        matches!(self, DatesShown::Both | DatesShown::Effective)
    }

    pub fn last_updated(self) -> bool {
        matches!(self, DatesShown::Both | DatesShown::LastUpdated)
    }
}

/// Whether a policy's sections are numbered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    /// 1, 2, 2.1 ... (a section may opt out with `numbered: false`).
    #[default]
    Numbered,
    /// No section is numbered: real policies often are not.
    None,
}

/// How dates print in the outputs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DateFormat {
    /// "July 1, 2024"
    #[default]
    Long,
    /// "1 July 2024", as British and European policies write dates
    DayMonthYear,
    /// "July 2024"
    MonthYear,
    /// "7/1/2024"
    Numeric,
    /// "2024-07-01"
    Iso,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The name of the team or person, printed first in the contact block.
    #[schemars(with = "Option<String>")]
    pub name: Option<Text>,
    /// An "Attn:" line.
    #[schemars(with = "Option<String>")]
    pub attention: Option<Text>,
    /// An email address.
    #[schemars(with = "Option<String>")]
    pub email: Option<Text>,
    /// A phone number, quoted: "+1 800 555 0100".
    #[schemars(with = "Option<String>")]
    pub phone: Option<Text>,
    /// Whether the phone number is toll-free (printed, and checked by `request-methods`).
    #[serde(default)]
    pub toll_free: bool,
    /// A web address, such as a request form.
    #[schemars(with = "Option<String>")]
    pub web: Option<Text>,
    /// A postal address, one line per item.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub address: Vec<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique in the file; the HTML anchor and the key that diffs match on.
    #[schemars(with = "String")]
    #[schemars(pattern(r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: Text,
    /// The heading of the section, without its number (a text template).
    #[schemars(with = "String")]
    pub title: Text,
    /// `false` makes a heading without a number.
    #[serde(default = "yes")]
    pub numbered: bool,
    /// The text of the section in Markdown, expanded as a template first.
    #[schemars(with = "Option<String>")]
    pub body: Option<Text>,
    /// Sections inside this one, numbered 2.1, 2.2 ...
    #[serde(default)]
    pub sections: Vec<Section>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ccpa {
    /// The rows of the CCPA table, one or more per statutory category.
    #[serde(default)]
    pub categories: Vec<CcpaRow>,
    /// Which columns the table shows, in order, with their headings (default: category, examples, collected and every other field some row fills in).
    pub columns: Option<Vec<Column>>,
    /// The consumer rights the policy grants.
    #[serde(default)]
    #[schemars(with = "Vec<Right>")]
    pub rights: Vec<Spanned<Right>>,
    /// Contact ids through which CCPA requests are accepted.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub request_methods: Vec<Text>,
    /// Actual knowledge of selling or sharing personal information of consumers under 16.
    #[schemars(with = "Option<bool>")]
    pub sells_minors: Option<Spanned<bool>>,
    /// The business operates exclusively online and has a direct relationship with consumers (an email address then suffices for requests).
    #[serde(default)]
    pub online_only: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CcpaRow {
    /// The statutory category of the row.
    #[schemars(with = "Category")]
    pub category: Spanned<Category>,
    /// Row key; defaults to the category key.
    #[schemars(with = "Option<String>")]
    pub id: Option<Text>,
    /// Further statutory categories the row falls under, for a row whose
    /// label is not one of the twelve ("Customer service interactions":
    /// `category: commercial`, `also: [identifiers]`).
    #[serde(default)]
    #[schemars(with = "Vec<Category>")]
    pub also: Vec<Spanned<Category>>,
    /// The label the table prints (default: the conventional label of the category).
    #[schemars(with = "Option<String>")]
    pub label: Option<Text>,
    /// Examples of the information, as the table prints them.
    #[schemars(with = "Option<String>")]
    pub examples: Option<Text>,
    /// Whether the business collects this category.
    pub collected: bool,
    /// A qualifier printed after "Yes, " (or "No, "), such as "if you subscribe".
    #[schemars(with = "Option<String>")]
    pub note: Option<Text>,
    /// The categories of sources the information comes from.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub sources: Vec<Text>,
    /// The business or commercial purposes it is used for.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub purposes: Vec<Text>,
    /// The categories of third parties it is disclosed to.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Text>,
    /// Whether it is sold (default false).
    #[serde(default)]
    pub sold: bool,
    /// The words the Sold column prints instead of Yes or No ("We do not sell").
    #[schemars(with = "Option<String>")]
    pub sold_text: Option<Text>,
    /// Whether it is shared for cross-context behavioural advertising (default false).
    #[serde(default)]
    pub shared: bool,
    /// The words the Shared column prints instead of Yes or No.
    #[schemars(with = "Option<String>")]
    pub shared_text: Option<Text>,
    /// How long it is kept.
    #[schemars(with = "Option<String>")]
    pub retention: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The field the column shows.
    pub field: Field,
    /// The heading of the column (default: a heading for the field).
    #[schemars(with = "Option<String>")]
    pub heading: Option<Text>,
}

/// A column of the CCPA table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Right {
    Know,
    Delete,
    Correct,
    OptOut,
    Limit,
    NonDiscrimination,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangelogEntry {
    /// The day this version took effect, YYYY-MM-DD.
    #[schemars(with = "String")]
    #[schemars(pattern(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub date: Text,
    /// What changed, in a sentence.
    #[schemars(with = "String")]
    pub summary: Text,
    /// Whether the change was material (needed notice to users).
    #[serde(default)]
    pub material: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// Material changes take effect no sooner than this many days after publication.
    pub days: u32,
}

impl Notice {
    /// The notice period when a policy does not set `notice.days`: GitHub's
    /// practice for material changes to its site policies.
    pub const DEFAULT_DAYS: u32 = 30;
}
