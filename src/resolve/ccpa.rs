//! The CCPA block resolved: rows with their labels and cells expanded, the
//! columns the table shows, and the request methods and rights it names.

use crate::rules::id;
use std::collections::BTreeMap;

use super::template::Expander;
use super::{Resolver, check_id};
use crate::diag::Diagnostic;
use crate::doc;
use crate::model::{self, Field, Text};
use crate::source::Source;
use crate::suggest;

impl Resolver<'_> {
    pub(super) fn ccpa(
        &mut self,
        expander: &Expander,
        ccpa: &model::Ccpa,
        contacts: &BTreeMap<String, doc::Contact>,
        facts: Option<&crate::processing::Processing>,
    ) -> doc::Ccpa {
        // A purpose or recipient defined under `processing` is written once:
        // a row names it by id and prints its name.
        let pairs = |list: &mut dyn Iterator<Item = (&Text, &Text)>| -> BTreeMap<String, String> {
            list.map(|(id, name)| (id.value.clone(), name.value.clone()))
                .collect()
        };
        let named = Named {
            purposes: facts.map_or_else(BTreeMap::new, |p| {
                pairs(&mut p.purposes.iter().map(|x| (&x.id, &x.name)))
            }),
            recipients: facts.map_or_else(BTreeMap::new, |p| {
                pairs(&mut p.recipients.iter().map(|x| (&x.id, &x.name)))
            }),
        };
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut rows = Vec::new();
        for row in &ccpa.categories {
            let category = row.category.value;
            let id = row
                .id
                .as_ref()
                .map_or(category.key().to_string(), |t| t.value.clone());
            let pos = row
                .id
                .as_ref()
                .map_or(Source::pos_of(&row.category), Source::pos_of);
            if let Some(first) = seen.get(&id) {
                self.diags.push(
                    Diagnostic::error(format!("two CCPA rows have the id `{id}`"), pos)
                        .rule(id::DUPLICATE_ID)
                        .help(format!(
                            "rows are keyed by `id` (default: the category key); give row {} and this one distinct ids, e.g. `id: {id}-2`",
                            first + 1
                        )),
                );
            }
            seen.insert(id.clone(), rows.len());
            if let Some(t) = &row.id {
                check_id(t, "row id", &mut self.diags);
            }
            let row = self.row(expander, row, id, &named);
            rows.push(row);
        }
        let columns = match &ccpa.columns {
            Some(columns) => columns
                .iter()
                .map(|c| {
                    let heading = c
                        .heading
                        .as_ref()
                        .map_or(c.field.default_heading().to_string(), |h| {
                            self.expand(expander, h)
                        });
                    (c.field, heading)
                })
                .collect(),
            None => default_columns(&rows),
        };
        for method in &ccpa.request_methods {
            if !contacts.contains_key(&method.value) {
                self.diags.push(
                    Diagnostic::error(
                        format!("unknown contact `{}`", method.value),
                        Source::pos_of(method),
                    )
                    .rule(id::UNKNOWN_CONTACT)
                    .width(method.value.chars().count())
                    .help_opt(
                        suggest::did_you_mean(
                            &method.value,
                            contacts.keys().map(String::as_str),
                            "contacts",
                        )
                        .or_else(|| {
                            Some("request methods name contacts defined under `contacts:`".into())
                        }),
                    ),
                );
            }
        }
        let mut rights: Vec<model::Right> = ccpa.rights.iter().map(|r| r.value).collect();
        rights.dedup();
        doc::Ccpa {
            columns,
            custom_columns: ccpa.columns.is_some(),
            rows,
            rights,
            request_methods: ccpa
                .request_methods
                .iter()
                .map(|m| m.value.clone())
                .collect(),
            sells_minors: ccpa.sells_minors.as_ref().is_some_and(|s| s.value),
            online_only: ccpa.online_only,
        }
    }
}

/// The purposes and recipients `processing` defines, by id, with their names.
pub(super) struct Named {
    purposes: BTreeMap<String, String>,
    recipients: BTreeMap<String, String>,
}

impl Resolver<'_> {
    /// One row of the table, its texts expanded.
    fn row(
        &mut self,
        expander: &Expander,
        row: &model::CcpaRow,
        id: String,
        named: &Named,
    ) -> doc::Row {
        let category = row.category.value;
        let list = |this: &mut Self, items: &[Text], ids: &BTreeMap<String, String>| {
            this.split_phrase_warning(items);
            items
                .iter()
                .map(|t| match ids.get(&t.value) {
                    Some(name) => name.clone(),
                    None => this.expand(expander, t),
                })
                .collect::<Vec<String>>()
        };
        let none = BTreeMap::new();
        doc::Row {
            id,
            category,
            also: row.also.iter().map(|c| c.value).collect(),
            label: row
                .label
                .as_ref()
                .map_or(category.label().to_string(), |t| self.expand(expander, t)),
            examples: row
                .examples
                .as_ref()
                .map(|t| self.expand(expander, t))
                .unwrap_or_default(),
            collected: row.collected,
            note: row.note.as_ref().map(|t| self.expand(expander, t)),
            sources: list(self, &row.sources, &none),
            purposes: list(self, &row.purposes, &named.purposes),
            recipients: list(self, &row.recipients, &named.recipients),
            sold: row.sold,
            sold_text: row.sold_text.as_ref().map(|t| self.expand(expander, t)),
            shared: row.shared,
            shared_text: row.shared_text.as_ref().map(|t| self.expand(expander, t)),
            retention: row.retention.as_ref().map(|t| self.expand(expander, t)),
        }
    }

    /// `[vendors, partners, or affiliates]` is three items to YAML; an item
    /// that starts with "and" or "or" is most likely the rest of a phrase.
    fn split_phrase_warning(&mut self, items: &[Text]) {
        let split = items.iter().skip(1).find(|t| {
            let lower = t.value.to_lowercase();
            lower.starts_with("or ") || lower.starts_with("and ") || lower.starts_with("and/or ")
        });
        if let Some(item) = split {
            self.diags.push(
                Diagnostic::warning(
                    format!(
                        "this list has {} items; \"{}\" looks like the end of a phrase that its commas split",
                        items.len(),
                        item.value
                    ),
                    Source::pos_of(item),
                )
                .rule(id::LIST_SPLIT)
                .width(item.value.chars().count())
                .help("to keep a phrase with commas as one item, quote it: [\"vendors, partners, or affiliates\"]"),
            );
        }
    }
}

/// Without `columns`, the table shows category, examples and collected, then
/// every other field that some row fills in.
fn default_columns(rows: &[doc::Row]) -> Vec<(Field, String)> {
    Field::ALL
        .into_iter()
        .filter(|f| {
            matches!(f, Field::Category | Field::Examples | Field::Collected)
                || rows.iter().any(|r| match f {
                    Field::Sources => !r.sources.is_empty(),
                    Field::Purposes => !r.purposes.is_empty(),
                    Field::Recipients => !r.recipients.is_empty(),
                    Field::Sold => r.sold,
                    Field::Shared => r.shared,
                    Field::Retention => r.retention.is_some(),
                    _ => false,
                })
        })
        .map(|f| (f, f.default_heading().to_string()))
        .collect()
}
