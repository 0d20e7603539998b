//! Resolving: numbers, cross-references, contacts, dates and template expansion,
//! from the source model to the [`Document`] every renderer and the differ share.

mod ccpa;
mod context;
mod decisions;
mod facts;
mod processing;
mod syntax;
mod template;

use crate::rules::id;
pub use context::contact_block;
use context::context;

use std::collections::{BTreeMap, BTreeSet};

use crate::date;
use crate::diag::{Diagnostic, Pos};
use crate::doc::{self, Block, Document, Node};
use crate::load::Included;
use crate::model::{self, Policy, Section, Text};
use crate::source::Source;
use template::{Expander, TABLE_MARK, TABLE_MARK_START, Target};

/// A resolved document with its warnings, or every problem found.
pub type Resolved = Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Resolves a parsed policy with the fragments it includes. All problems are
/// collected, not just the first.
pub fn resolve(source: &Source, policy: &Policy, included: &[Included]) -> Resolved {
    Resolver {
        source,
        diags: Vec::new(),
        titles: BTreeMap::new(),
        facts_of: None,
    }
    .run(policy, included)
}

/// Resolves a policy with the facts (organization, contacts, controllers,
/// dates) of another version: its text as it would read had only its prose
/// changed. `diff` compares the new text with this, so that a fact printed
/// through a template is not also a change of prose, while the same words
/// typed in prose still are.
pub fn restate(
    source: &Source,
    policy: &Policy,
    included: &[Included],
    facts_of: &Document,
) -> Resolved {
    Resolver {
        source,
        diags: Vec::new(),
        titles: BTreeMap::new(),
        facts_of: Some(facts_of),
    }
    .run(policy, included)
}

struct Resolver<'a> {
    source: &'a Source,
    diags: Vec<Diagnostic>,
    /// Each section's expanded title, by the section's address: titles are
    /// expanded once, before bodies (whose references print them), and a
    /// problem in one is reported once.
    titles: BTreeMap<usize, String>,
    /// The version whose facts the text is expanded with, if not its own.
    facts_of: Option<&'a Document>,
}

impl Resolver<'_> {
    fn title_of(&self, section: &Section) -> String {
        let key = std::ptr::from_ref(section) as usize;
        self.titles.get(&key).cloned().unwrap_or_default()
    }

    fn run(mut self, policy: &Policy, included: &[Included]) -> Resolved {
        check_id(&policy.id, "policy id", &mut self.diags);
        let facts = facts::gather(self.source, policy, included, &mut self.diags);
        let mut dates = self.dates(&policy.dates);
        let mut contacts = self.contacts(&facts);
        let targets = self.targets(policy);

        let has_table = policy
            .ccpa
            .as_ref()
            .is_some_and(|c| !c.categories.is_empty());
        let mut controllers = self.controllers(policy, &contacts);
        let mut org = facts.org.map(organization);
        if let Some(other) = self.facts_of {
            take_facts(other, &mut org, &mut dates, &mut contacts, &mut controllers);
        }
        let (context, variables, paths) = context(
            org.as_ref(),
            &facts,
            &contacts,
            &controllers,
            dates.as_ref(),
            &policy.dates,
            policy
                .notice
                .as_ref()
                .map_or(model::Notice::DEFAULT_DAYS, |n| n.days),
        );
        let blocks = contacts
            .iter()
            .map(|(id, c)| (id.clone(), contact_block(c)))
            .collect();
        let (processing_facts, table) = self.processing(policy, &contacts);
        let expander = Expander::new(context, variables, paths, targets, blocks, has_table, table);

        // Titles first, so that a reference to an unnumbered section prints its expanded title.
        let title = self.expand(&expander, &policy.title);
        let dates_note = policy
            .dates
            .note
            .as_ref()
            .map(|t| self.expand(&expander, t));
        self.section_titles(&expander, policy);
        let lead = self.body(&expander, policy.lead.as_ref());
        let numbered = policy.numbering == model::Numbering::Numbered;
        let sections = self.nodes(&expander, &policy.sections, None, 0, numbered);
        let supplements = self.supplements(&expander, policy, numbered);
        let ccpa = policy
            .ccpa
            .as_ref()
            .map(|c| self.ccpa(&expander, c, &contacts, policy.processing.as_ref()));
        let changelog = self.changelog(&expander, policy);

        // A controller's contacts are used by it, shown in text or not.
        expander.usage().contacts.extend(
            controllers
                .values()
                .flat_map(|c| c.contacts.iter().cloned()),
        );
        self.usage_warnings(policy, &facts, &expander, has_table);
        let decisions = self.decisions(policy);
        let waivers = self.waivers(policy);
        let shown_contacts = expander.usage().contacts.clone();

        let errors = self.diags.iter().any(Diagnostic::is_error);
        let dates = dates.map(|d| doc::Dates {
            note: dates_note,
            ..d
        });
        match (dates, org) {
            (Some(dates), Some(org)) if !errors => {
                let jurisdictions = crate::statements::jurisdictions(policy);
                let statements = crate::statements::of(&jurisdictions, ccpa.as_ref(), policy);
                let document = Document {
                    jurisdictions,
                    statements,
                    id: policy.id.value.clone(),
                    title,
                    org,
                    dates,
                    contacts,
                    controllers,
                    lead,
                    sections,
                    supplements,
                    ccpa,
                    processing: processing_facts,
                    changelog,
                    notice_days: policy.notice.as_ref().map(|n| n.days),
                    trust_html: policy.trust_html,
                    decisions,
                    waivers,
                    shown_contacts,
                };
                Ok((document, self.diags))
            }
            _ => Err(self.diags),
        }
    }

    /// Every section's title, expanded, before any body refers to it.
    fn section_titles(&mut self, expander: &Expander, policy: &Policy) {
        for (s, _) in outline(policy) {
            let t = self.expand(expander, &s.title);
            expander.set_title(&s.id.value, &t);
            self.titles.insert(std::ptr::from_ref(s) as usize, t);
        }
    }

    /// Checks the `processing` facts and resolves them, with what
    /// `processing_table()` prints: restated with the other version's
    /// facts, as the facts are.
    fn processing(
        &mut self,
        policy: &Policy,
        contacts: &BTreeMap<String, doc::Contact>,
    ) -> (Option<doc::Processing>, Option<String>) {
        let Some(p) = policy.processing.as_ref() else {
            return (None, None);
        };
        processing::check(p, contacts, &mut self.diags);
        let facts = processing::resolved(p);
        let table = match self.facts_of.and_then(|o| o.processing.as_ref()) {
            _ if p.data.is_empty() => None,
            Some(other) => Some(other.table.clone()),
            None => Some(facts.table.clone()),
        };
        (Some(facts), table)
    }

    fn supplements(&mut self, expander: &Expander, policy: &Policy, numbered: bool) -> Vec<Node> {
        policy
            .supplements
            .iter()
            .map(|s| Node {
                id: s.id.value.clone(),
                number: None,
                title: self.title_of(s),
                depth: 0,
                body: self.body(expander, s.body.as_ref()),
                children: self.nodes(expander, &s.sections, None, 1, numbered),
            })
            .collect()
    }

    fn changelog(&mut self, expander: &Expander, policy: &Policy) -> Vec<doc::Change> {
        policy
            .changelog
            .iter()
            .filter_map(|entry| {
                let summary = self.expand(expander, &entry.summary);
                let date = self.date(&entry.date)?;
                Some(doc::Change {
                    date,
                    summary,
                    material: entry.material,
                })
            })
            .collect()
    }

    fn expand(&mut self, expander: &Expander, text: &Text) -> String {
        if let Some((span, meant)) = syntax::single_braces(&text.value) {
            let width = text.value[span.clone()].chars().count();
            let at = span.start;
            self.diags.push(
                Diagnostic::warning(
                    "single braces around what reads as a template: it prints as written",
                    self.source.pos_in(text, at),
                )
                .rule(id::SINGLE_BRACES)
                .width(width)
                .help(format!("a template takes double braces: {meant}")),
            );
        }
        expander.expand(self.source, text).unwrap_or_else(|diags| {
            self.diags.extend(diags);
            String::new()
        })
    }

    /// Expands a markdown body and cuts it where `ccpa_table()` placed the table.
    fn body(&mut self, expander: &Expander, body: Option<&Text>) -> Vec<Block> {
        let Some(body) = body else { return Vec::new() };
        let mut text = self.expand(expander, body);
        // Most bodies have no table, which one character tells.
        if !text.contains(TABLE_MARK_START) {
            // A block scalar ends with a line break; trimmed in place.
            text.truncate(text.trim_end().len());
            let indent = text.len() - text.trim_start().len();
            text.drain(..indent);
            return if text.is_empty() {
                Vec::new()
            } else {
                vec![Block::Markdown(text)]
            };
        }
        let mut blocks = Vec::new();
        for (i, part) in text.split(TABLE_MARK).enumerate() {
            if i > 0 {
                blocks.push(Block::CcpaTable);
            }
            if !part.trim().is_empty() {
                blocks.push(Block::Markdown(part.trim().to_string()));
            }
        }
        blocks
    }

    fn nodes(
        &mut self,
        expander: &Expander,
        sections: &[Section],
        prefix: Option<&str>,
        depth: usize,
        top: bool,
    ) -> Vec<Node> {
        let numbers = numbers(sections, prefix, top || prefix.is_some());
        sections
            .iter()
            .zip(numbers)
            .map(|(s, number)| {
                let children =
                    self.nodes(expander, &s.sections, number.as_deref(), depth + 1, false);
                Node {
                    id: s.id.value.clone(),
                    title: self.title_of(s),
                    depth,
                    body: self.body(expander, s.body.as_ref()),
                    children,
                    number,
                }
            })
            .collect()
    }

    fn date(&mut self, text: &Text) -> Option<jiff::civil::Date> {
        match date::parse(&text.value) {
            Ok(d) => Some(d),
            Err(message) => {
                self.diags.push(
                    Diagnostic::error(message, Source::pos_of(text))
                        .rule(id::BAD_DATE)
                        .width(text.value.chars().count())
                        .help("write the date as YYYY-MM-DD, for example 2024-07-01"),
                );
                None
            }
        }
    }

    fn dates(&mut self, dates: &model::Dates) -> Option<doc::Dates> {
        let effective = self.date(&dates.effective);
        let last_updated = match &dates.last_updated {
            Some(t) => self.date(t),
            None => effective,
        };
        Some(doc::Dates {
            effective: effective?,
            last_updated: last_updated?,
            format: dates.format,
            show: dates.show,
            note: None,
        })
    }

    fn contacts(&mut self, facts: &facts::Facts<'_>) -> BTreeMap<String, doc::Contact> {
        let value = |t: &Option<Text>| t.as_ref().map(|t| t.value.clone());
        let mut contacts = BTreeMap::new();
        for (id, fact) in &facts.contacts {
            let c = &fact.contact.value;
            if c.email.is_none() && c.phone.is_none() && c.web.is_none() && c.address.is_empty() {
                let at = fact
                    .from
                    .map_or(self.source, |f| f.as_ref())
                    .key_pos(id, fact.contact);
                let diag = Diagnostic::error(format!("contact `{id}` has no way to reach it"), at)
                    .width(id.chars().count())
                    .help("give it at least one of `email`, `phone`, `web` or `address`");
                self.diags.push(match fact.from {
                    Some(fragment) => diag.in_source(fragment),
                    None => diag,
                });
            }
            let contact = doc::Contact {
                name: value(&c.name),
                attention: value(&c.attention),
                email: value(&c.email),
                phone: value(&c.phone),
                toll_free: c.toll_free,
                web: value(&c.web),
                address: c.address.iter().map(|a| a.value.clone()).collect(),
            };
            contacts.insert(id.to_string(), contact);
        }
        contacts
    }

    /// Every section and supplement id with its number, checking that ids are unique.
    fn targets(&mut self, policy: &Policy) -> BTreeMap<String, Target> {
        let mut targets = BTreeMap::new();
        let mut first_seen: BTreeMap<&str, Pos> = BTreeMap::new();
        for (s, number) in outline(policy) {
            check_id(&s.id, "section id", &mut self.diags);
            let pos = Source::pos_of(&s.id);
            if let Some(first) = first_seen.get(s.id.value.as_str()) {
                self.diags.push(
                    Diagnostic::error(format!("the id `{}` is used twice", s.id.value), pos)
                        .rule(id::DUPLICATE_ID)
                        .width(s.id.value.chars().count())
                        .help(format!(
                            "ids name sections in links and diffs, so each must be unique; the first is on line {}",
                            first.line
                        )),
                );
                continue;
            }
            first_seen.insert(&s.id.value, pos);
            let title = s.title.value.clone();
            targets.insert(s.id.value.clone(), Target { number, title });
        }
        targets
    }

    /// The controllers besides the organization; each contact they name must
    /// be defined.
    fn controllers(
        &mut self,
        policy: &Policy,
        contacts: &BTreeMap<String, doc::Contact>,
    ) -> BTreeMap<String, doc::Controller> {
        let text = |t: &Option<Text>| t.as_ref().map(|t| t.value.clone());
        let mut out = BTreeMap::new();
        for (id, c) in &policy.controllers {
            for contact in &c.value.contacts {
                if !contacts.contains_key(&contact.value) {
                    self.diags.push(
                        Diagnostic::error(
                            format!("unknown contact `{}`", contact.value),
                            Source::pos_of(contact),
                        )
                        .rule(id::UNKNOWN_CONTACT)
                        .width(contact.value.chars().count())
                        .help_opt(
                            crate::suggest::did_you_mean(
                                &contact.value,
                                contacts.keys().map(String::as_str),
                                "contacts",
                            )
                            .or_else(|| Some("define it under `contacts:`".into())),
                        ),
                    );
                }
            }
            out.insert(
                id.clone(),
                doc::Controller {
                    name: c.value.name.value.clone(),
                    legal_name: text(&c.value.legal_name),
                    region: text(&c.value.region),
                    description: text(&c.value.description),
                    contacts: c.value.contacts.iter().map(|t| t.value.clone()).collect(),
                },
            );
        }
        out
    }

    fn usage_warnings(
        &mut self,
        policy: &Policy,
        facts: &facts::Facts<'_>,
        expander: &Expander,
        has_table: bool,
    ) {
        // A text that failed to expand used nothing: "never used" would be a
        // second finding for the one mistake already reported.
        if self.diags.iter().any(Diagnostic::is_error) {
            return;
        }
        let usage = expander.usage();
        if has_table && !usage.table_placed {
            let pos = policy
                .ccpa
                .as_ref()
                .and_then(|c| c.categories.first())
                .map_or(Pos::FILE, |r| Source::pos_of(&r.category));
            self.diags.push(
                Diagnostic::warning("the CCPA table is never placed, so no output shows it", pos)
                    .rule(id::CCPA_TABLE_UNPLACED)
                    .help(
                        "write {{ ccpa_table() }} in the body of the section that should show it",
                    ),
            );
        }
        let unplaced = policy.processing.as_ref().and_then(|p| p.data.first());
        if let (Some(first), false) = (unplaced, usage.processing_placed) {
            self.diags.push(
                Diagnostic::warning(
                    "the facts of processing are never placed, so no output shows them",
                    Source::pos_of(&first.id),
                )
                .rule(id::PROCESSING_TABLE_UNPLACED)
                .help("write {{ processing_table() }} in the body of the section that should show them"),
            );
        }
        let methods: BTreeSet<&str> = policy
            .ccpa
            .iter()
            .flat_map(|c| c.request_methods.iter().map(|m| m.value.as_str()))
            .collect();
        // Contacts from a fragment are shared: one policy need not use them all.
        let own = facts.contacts.iter().filter(|(_, f)| f.from.is_none());
        for (&id, fact) in own {
            let contact = fact.contact;
            if !usage.contacts.contains(id) && !methods.contains(id) {
                self.diags.push(
                    Diagnostic::warning(
                        format!("contact `{id}` is defined but never used"),
                        self.source.key_pos(id, contact),
                    )
                    .rule(id::CONTACT_UNUSED)
                    .width(id.chars().count())
                    .help(format!(
                        "show it with {{{{ contact(id=\"{id}\") }}}}, or remove it"
                    )),
                );
            }
        }
    }
}

/// Section numbers for one list of siblings: `prefix.1`, `prefix.2`, ... skipping
/// `numbered: false`. Below an unnumbered heading nothing is numbered.
fn numbers(
    sections: &[Section],
    prefix: Option<&str>,
    numbered_level: bool,
) -> Vec<Option<String>> {
    let mut n = 0;
    sections
        .iter()
        .map(|s| {
            if !numbered_level || !s.numbered {
                return None;
            }
            n += 1;
            Some(match prefix {
                Some(p) => format!("{p}.{n}"),
                None => n.to_string(),
            })
        })
        .collect()
}

/// Every section and supplement in document order, with its number.
fn outline(policy: &Policy) -> Vec<(&Section, Option<String>)> {
    fn walk<'a>(
        sections: &'a [Section],
        prefix: Option<&str>,
        top: bool,
        out: &mut Vec<(&'a Section, Option<String>)>,
    ) {
        for (s, n) in sections
            .iter()
            .zip(numbers(sections, prefix, top || prefix.is_some()))
        {
            out.push((s, n.clone()));
            walk(&s.sections, n.as_deref(), false, out);
        }
    }
    let mut out = Vec::new();
    let numbered = policy.numbering == model::Numbering::Numbered;
    walk(&policy.sections, None, numbered, &mut out);
    for s in &policy.supplements {
        out.push((s, None));
        walk(&s.sections, None, numbered, &mut out);
    }
    out
}

/// Ids become file names and URL anchors: lowercase letters, digits and dashes.
fn check_id(id: &Text, what: &str, diags: &mut Vec<Diagnostic>) {
    let v = &id.value;
    let ok = v
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        let suggestion: String = v
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .trim_matches('-')
            .to_string();
        diags.push(
            Diagnostic::error(format!("`{v}` is not a valid {what}"), Source::pos_of(id))
                .width(v.chars().count())
                .help(if suggestion.is_empty() {
                    "use lowercase letters, digits and dashes, starting with a letter or digit"
                        .to_string()
                } else {
                    format!("use lowercase letters, digits and dashes, for example `{suggestion}`")
                }),
        );
    }
}

/// Facts the other version also has take its values; the rest (a contact
/// it dropped) keep their own.
fn take_facts(
    other: &Document,
    org: &mut Option<doc::Organization>,
    dates: &mut Option<doc::Dates>,
    contacts: &mut BTreeMap<String, doc::Contact>,
    controllers: &mut BTreeMap<String, doc::Controller>,
) {
    *org = Some(other.org.clone());
    *dates = Some(other.dates.clone());
    for (id, c) in &other.contacts {
        contacts.insert(id.clone(), c.clone());
    }
    for (id, c) in &other.controllers {
        controllers.insert(id.clone(), c.clone());
    }
}

/// The organization as printed.
fn organization(org: &model::Organization) -> doc::Organization {
    doc::Organization {
        name: org.name.value.clone(),
        legal_name: org.legal_name.as_ref().map(|t| t.value.clone()),
        description: org.description.as_ref().map(|t| t.value.clone()),
        website: org.website.as_ref().map(|t| t.value.clone()),
    }
}
