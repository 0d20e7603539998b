//! A CCPA category table found in an imported policy: a Markdown table with a
//! column whose cells name the statutory categories (by their usual labels)
//! becomes the `ccpa` block, its rows mapped to categories with the labels,
//! headings and words of the original kept.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::yaml::Yaml;
use crate::category::Category;

/// What stands for the table in the text until template syntax in the prose
/// is escaped; then it becomes `{{ ccpa_table() }}`.
pub const MARK: &str = "\u{FFFC}policyc-ccpa-table\u{FFFC}";

/// A table found in a text: where it is, and its cells as plain text.
struct Table {
    start: usize,
    end: usize,
    rows: Vec<Vec<String>>,
}

fn tables(markdown: &str) -> Vec<Table> {
    let mut out = Vec::new();
    let mut current: Option<Table> = None;
    let mut cell: Option<String> = None;
    for (event, range) in
        Parser::new_ext(markdown, crate::render::markup::options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Table(_)) => {
                current = Some(Table {
                    start: range.start,
                    end: range.end,
                    rows: Vec::new(),
                })
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(t) = current.as_mut() {
                    t.rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = cell.as_mut() {
                    c.push(' ');
                }
            }
            Event::InlineHtml(_) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str("; ");
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let (Some(t), Some(c)) = (current.as_mut(), cell.take())
                    && let Some(row) = t.rows.last_mut()
                {
                    row.push(c.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            Event::End(TagEnd::Table) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// The statutory category a label names, by the words policies use for it.
fn category_of(label: &str) -> Option<Category> {
    let l = label.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
    Some(if has(&["sensitive"]) {
        Category::Sensitive
    } else if has(&["identifier"]) {
        Category::Identifiers
    } else if has(&[
        "customer record",
        "1798.80",
        "personal information categories listed",
    ]) {
        Category::CustomerRecords
    } else if has(&["protected classification", "characteristics of protected"]) {
        Category::ProtectedClassifications
    } else if has(&["commercial"]) {
        Category::Commercial
    } else if has(&["biometric"]) {
        Category::Biometric
    } else if has(&["internet", "network activity"]) {
        Category::InternetActivity
    } else if has(&["geolocation", "location"]) {
        Category::Geolocation
    } else if has(&["audio", "sensory", "visual"]) {
        Category::Sensory
    } else if has(&["professional", "employment"]) {
        Category::Professional
    } else if has(&["education"]) {
        Category::Education
    } else if has(&["inference"]) {
        Category::Inferences
    } else {
        return None;
    })
}

/// What a column of the table holds, by its heading.
fn field_of(heading: &str, first: bool) -> Option<&'static str> {
    let h = heading.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    Some(if first {
        "category"
    } else if has(&["example"]) {
        "examples"
    } else if has(&["sold", "sell"]) {
        "sold"
    } else if has(&["cross-context", "shared"]) {
        "shared"
    } else if has(&["collect"]) {
        "collected"
    } else if has(&["source"]) {
        "sources"
    } else if has(&["purpose", "why"]) {
        "purposes"
    } else if has(&["disclos", "recipient", "third part", "share"]) {
        "recipients"
    } else if has(&["retention", "retain", "how long", "kept"]) {
        "retention"
    } else {
        return None;
    })
}

/// The text with its CCPA table replaced by `{{ ccpa_table() }}`, and the
/// `ccpa` block written, when the text has one: a table whose first column
/// names at least three statutory categories, and whose every other column
/// policyc can say what it holds.
pub fn take_table(markdown: &str, out: &mut Yaml) -> Option<String> {
    for table in tables(markdown) {
        let mut rows = table.rows.clone();
        // A header row left empty: the first row of the body is the header.
        if rows.first().is_some_and(|r| r.iter().all(String::is_empty)) {
            rows.remove(0);
        }
        let (header, body) = rows.split_first()?;
        let fields: Option<Vec<&str>> = header
            .iter()
            .enumerate()
            .map(|(i, h)| field_of(h, i == 0))
            .collect();
        let Some(fields) = fields else { continue };
        let mapped: Vec<Option<Category>> = body
            .iter()
            .map(|r| r.first().and_then(|c| category_of(c)))
            .collect();
        if mapped.iter().filter(|c| c.is_some()).count() < 3 || mapped.iter().any(Option::is_none) {
            continue;
        }
        write_block(out, header, body, &fields, &mapped);
        let mut text = markdown[..table.start].to_string();
        text.push_str(MARK);
        text.push('\n');
        text.push_str(&markdown[table.end..]);
        return Some(text);
    }
    None
}

fn write_block(
    out: &mut Yaml,
    header: &[String],
    body: &[Vec<String>],
    fields: &[&str],
    mapped: &[Option<Category>],
) {
    out.open(0, "ccpa");
    out.open(2, "categories");
    let mut ids: Vec<String> = Vec::new();
    for (row, category) in body.iter().zip(mapped) {
        let Some(category) = category else { continue };
        let id = super::unique(category.key(), |id| ids.iter().any(|t| t == id));
        ids.push(id.clone());
        out.item_word(4, "category", category.key());
        out.word(6, "id", &id);
        out.quoted(6, "label", row.first().map_or("", String::as_str));
        let mut collected = true;
        for (field, cell) in fields.iter().zip(row).skip(1) {
            match *field {
                "collected" => {
                    let lower = cell.to_lowercase();
                    collected = !lower.starts_with("no");
                    let rest = cell
                        .trim_start_matches(|c: char| c.is_alphabetic())
                        .trim_start_matches([',', ' ']);
                    if !rest.is_empty() {
                        out.quoted(6, "note", rest);
                    }
                }
                "sold" | "shared" => {
                    out.word(
                        6,
                        field,
                        if cell.to_lowercase().starts_with("yes") {
                            "true"
                        } else {
                            "false"
                        },
                    );
                    out.quoted(6, &format!("{field}_text"), cell);
                }
                "sources" | "purposes" | "recipients" if !cell.is_empty() => {
                    out.open(6, field);
                    out.quoted_item(8, cell);
                }
                "examples" | "retention" if !cell.is_empty() => out.quoted(6, field, cell),
                _ => {}
            }
        }
        out.word(6, "collected", if collected { "true" } else { "false" });
    }
    out.open(2, "columns");
    for (field, heading) in fields.iter().zip(header) {
        out.flow_item(
            4,
            &format!(
                "{{field: {field}, heading: {}}}",
                super::yaml::quote(heading)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_of_statutory_categories_becomes_the_ccpa_block() {
        let md = "Intro.\n\n|     |     |\n| --- | --- |\n| **Category** | **Examples** |\n| Identifiers | Name, email |\n| Commercial information | Purchases |\n| Geolocation information | Rough location |\n\nAfter.\n";
        let mut out = Yaml::default();
        let text = take_table(md, &mut out).expect("a CCPA table");
        assert!(text.contains(&format!("Intro.\n\n{MARK}\n")), "{text}");
        assert!(text.contains("After."), "{text}");
        let yaml = out.finish();
        assert!(yaml.contains("category: identifiers"), "{yaml}");
        assert!(yaml.contains("label: \"Commercial information\""), "{yaml}");
        assert!(
            yaml.contains("{field: examples, heading: \"Examples\"}"),
            "{yaml}"
        );
    }

    #[test]
    fn other_tables_stay_as_they_are() {
        let md = "| Name | Age |\n| --- | --- |\n| A | 1 |\n";
        assert_eq!(take_table(md, &mut Yaml::default()), None);
    }
}
