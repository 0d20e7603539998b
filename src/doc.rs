//! The resolved document: numbers assigned, references and templates expanded, dates
//! parsed. Every renderer and the differ work from this, never from the source.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::category::Category;
use crate::model::{DateFormat, Field, Right};
use crate::rules::Class;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The laws the policy answers to: as listed, or `us-ca` for a policy
    /// with a `ccpa` block and no list.
    pub jurisdictions: Vec<crate::jurisdiction::Jurisdiction>,
    /// Statements a law makes the policy print, in its words, from the facts
    /// (Texas: "NOTICE: We may sell your sensitive personal data.").
    pub statements: Vec<String>,
    pub id: String,
    pub title: String,
    pub org: Organization,
    pub dates: Dates,
    pub contacts: BTreeMap<String, Contact>,
    /// Further controllers by id (one per region, for example).
    pub controllers: BTreeMap<String, Controller>,
    /// Markdown blocks before the first section.
    pub lead: Vec<Block>,
    pub sections: Vec<Node>,
    /// Parts after the main policy, each numbered from 1 again.
    pub supplements: Vec<Node>,
    pub ccpa: Option<Ccpa>,
    /// The `processing` facts, names resolved, as the differ compares them.
    pub processing: Option<Processing>,
    pub changelog: Vec<Change>,
    pub notice_days: Option<u32>,
    /// Raw HTML in bodies reaches the HTML page only when this is set.
    pub trust_html: bool,
    pub decisions: Vec<Decision>,
    /// Lint rules switched off: (rule id, reason).
    pub waivers: Vec<(String, String)>,
    /// Contacts the text shows with `contact(id=...)`.
    pub shown_contacts: std::collections::BTreeSet<String>,
}

/// A reviewer's judgement of a change, from the `decisions` of the new version.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub path: String,
    pub rule: Option<String>,
    pub class: Class,
    pub reason: String,
    /// Where it is written, for reports.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Organization {
    pub name: String,
    pub legal_name: Option<String>,
    pub description: Option<String>,
    pub website: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dates {
    pub effective: Date,
    pub last_updated: Date,
    pub format: DateFormat,
    pub show: crate::model::DatesShown,
    /// A line after the dates (inline Markdown), such as a link to the previous version.
    pub note: Option<String>,
}

impl Dates {
    pub fn effective_text(&self) -> String {
        crate::date::format(self.effective, self.format)
    }

    pub fn last_updated_text(&self) -> String {
        crate::date::format(self.last_updated, self.format)
    }
}

/// An entity responsible for personal data besides the organization.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Controller {
    pub name: String,
    pub legal_name: Option<String>,
    pub region: Option<String>,
    pub description: Option<String>,
    /// Ids of its contacts.
    pub contacts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contact {
    pub name: Option<String>,
    pub attention: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub toll_free: bool,
    pub web: Option<String>,
    pub address: Vec<String>,
}

/// A section or a supplement with its place in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    /// "2.1"; `None` for unnumbered headings and for supplements themselves.
    pub number: Option<String>,
    pub title: String,
    /// 0 for top-level sections and supplements, 1 for their children, ...
    pub depth: usize,
    pub body: Vec<Block>,
    pub children: Vec<Node>,
}

impl Node {
    /// "2.1 Title" or "Title".
    pub fn heading(&self) -> String {
        match &self.number {
            Some(n) => format!("{n}. {}", self.title),
            None => self.title.clone(),
        }
    }

    /// This node and all nodes below it, depth first, in document order.
    pub fn walk(&self) -> Vec<&Node> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.walk());
        }
        out
    }
}

/// A piece of a body: markdown, or the place where the CCPA table goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Markdown(String),
    CcpaTable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ccpa {
    pub columns: Vec<(Field, String)>,
    /// Whether the policy chose the columns, or they follow from what rows fill in.
    pub custom_columns: bool,
    pub rows: Vec<Row>,
    pub rights: Vec<Right>,
    pub request_methods: Vec<String>,
    pub sells_minors: bool,
    pub online_only: bool,
}

/// One row of the CCPA table, keyed by `id`.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub category: Category,
    /// Further statutory categories the row falls under.
    pub also: Vec<Category>,
    pub label: String,
    pub examples: String,
    pub collected: bool,
    pub note: Option<String>,
    pub sources: Vec<String>,
    pub purposes: Vec<String>,
    pub recipients: Vec<String>,
    pub sold: bool,
    pub sold_text: Option<String>,
    pub shared: bool,
    pub shared_text: Option<String>,
    pub retention: Option<String>,
}

impl Row {
    /// The text of one cell: lists joined with "; ", booleans as Yes/No, the
    /// note after "Yes, ".
    pub fn cell(&self, field: Field) -> String {
        let yes_no = |b: bool| if b { "Yes" } else { "No" }.to_string();
        match field {
            Field::Category => self.label.clone(),
            Field::Examples => self.examples.clone(),
            Field::Collected => match (&self.note, self.collected) {
                (Some(note), true) => format!("Yes, {note}"),
                (Some(note), false) => format!("No, {note}"),
                (None, b) => yes_no(b),
            },
            Field::Sources => self.sources.join("; "),
            Field::Purposes => self.purposes.join("; "),
            Field::Recipients => self.recipients.join("; "),
            Field::Sold => self.sold_text.clone().unwrap_or_else(|| yes_no(self.sold)),
            Field::Shared => self
                .shared_text
                .clone()
                .unwrap_or_else(|| yes_no(self.shared)),
            Field::Retention => self.retention.clone().unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub date: Date,
    pub summary: String,
    pub material: bool,
}

/// The facts of processing by id: what `diff` compares.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Processing {
    pub purposes: BTreeMap<String, PurposeFacts>,
    pub recipients: BTreeMap<String, RecipientFacts>,
    pub data: Vec<DataItem>,
    /// The rights, by their keys.
    pub rights: Vec<String>,
    /// Whether personal data trains large language models, when stated.
    pub language_models: Option<bool>,
    /// What `processing_table()` prints: the old version's text is restated
    /// with the new one's, so a changed fact is reported once, as a fact.
    pub table: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PurposeFacts {
    /// The name, with its legal basis when it has one.
    pub name: String,
    pub consent: bool,
    /// What US state laws call it (`sale`, `targeted-advertising` ...).
    pub kinds: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecipientFacts {
    pub name: String,
    pub country: Option<String>,
    pub safeguard: Option<String>,
}

/// A kind of data and the ids of what it names.
#[derive(Debug, Clone, PartialEq)]
pub struct DataItem {
    pub id: String,
    pub name: String,
    pub purposes: Vec<String>,
    pub recipients: Vec<String>,
    pub retention: Option<String>,
    pub sources: Vec<String>,
    pub sensitive: bool,
    pub required: Option<bool>,
}
