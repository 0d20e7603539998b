//! Import: an existing policy in Markdown or HTML turned into the source
//! format. Headings become sections (their numbers taken out when they are
//! policyc's own), the text before them the lead, stated dates the `dates`,
//! e-mail addresses contacts; everything else stays as the author's Markdown,
//! word for word. The import says what it did and what a person must check.

mod address;
mod ccpa;
mod facts;
pub mod fidelity;
mod outline;
mod yaml;

use std::collections::BTreeSet;

use outline::Section;
use yaml::Yaml;

/// What an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Markdown,
    Html,
}

impl Kind {
    /// The kind a file's extension names, if any.
    pub fn of_path(path: &std::path::Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "txt" => Some(Kind::Markdown),
            "html" | "htm" | "xhtml" => Some(Kind::Html),
            _ => None,
        }
    }
}

/// An imported policy: its YAML source, what was done, and what a person
/// should check.
#[derive(Debug, Clone)]
pub struct Imported {
    pub yaml: String,
    /// The Markdown the policy was read from (HTML converted first).
    pub markdown: String,
    pub done: Vec<String>,
    pub to_check: Vec<String>,
}

/// Imports a policy. `stem` names it (its file name, for the id), `today`
/// stands in for a date the text does not state.
pub fn import(text: &str, kind: Kind, stem: &str, today: jiff::civil::Date) -> Imported {
    let markdown = match kind {
        Kind::Markdown => text.replace("\r\n", "\n"),
        Kind::Html => html_to_markdown(text),
    };
    let mut report = Report::default();
    let markdown = with_headings(&markdown, &mut report);
    let mut outline = outline::outline(&markdown);
    let numbered = outline::take_numbers(&mut outline.sections);
    let title = match outline
        .title
        .clone()
        .or_else(|| title_from_lead(&mut outline.lead))
    {
        Some(title) => title,
        None => {
            report.check(
                "the text names no title before its first heading; the title is \"Privacy Policy\"",
            );
            "Privacy Policy".to_string()
        }
    };
    let dates = facts::dates(&outline.lead);
    let lead = dated_lead(&outline.lead, &dates);
    let all_text = all_text(&lead, &outline.sections);
    let emails = facts::emails(&all_text);
    let phones = facts::phones(&all_text);
    let addresses = address::blocks(&all_text);

    let mut out = Yaml::default();
    out.comment("yaml-language-server: $schema=../policy.schema.json");
    out.comment(&format!(
        "Imported by policyc import from {stem}; see what it left to check."
    ));
    out.word(0, "id", &slug(stem, "policy"));
    out.quoted(0, "title", &title);
    organization(&mut out, &title, &emails, &mut report);
    if !numbered {
        out.word(0, "numbering", "none");
    }
    write_dates(&mut out, &dates, today, &mut report);
    write_contacts(&mut out, &addresses, &emails, &phones, &mut report);
    let prose = |text: &str| prose(text, &addresses, &emails, &phones);
    if !lead.trim().is_empty() {
        out.text(0, "lead", prose(&lead).trim());
    }
    let mut ccpa_block = Yaml::default();
    if take_ccpa_table(&mut outline.sections, &mut ccpa_block) {
        report.done("a CCPA category table became the `ccpa` block (rows mapped to statutory categories, labels and headings kept); add `rights` and `request_methods`".to_string());
    }
    if !outline.sections.is_empty() {
        out.open(0, "sections");
        let mut ids = BTreeSet::new();
        let count = sections(&mut out, 2, &outline.sections, numbered, &prose, &mut ids);
        report.done(format!(
            "{count} heading(s) became sections{}",
            if numbered {
                ", their numbers now generated"
            } else {
                ", unnumbered as written"
            }
        ));
    }
    report.check("other tables, lists and links stay as Markdown in the bodies");
    report.check("postal addresses inside sentences or list items stay as prose; make them contacts if they are facts you change");
    let mut yaml = out.finish();
    yaml.push_str(&ccpa_block.finish());
    Imported {
        yaml,
        markdown,
        done: report.done,
        to_check: report.to_check,
    }
}

/// The text with headings made where the source marked them otherwise (an
/// empty heading, a bold line, a short line alone), each step reported.
fn with_headings(markdown: &str, report: &mut Report) -> String {
    let (markdown, filled) = outline::with_filled_headings(markdown);
    if filled > 0 {
        report.check(&format!(
            "{filled} empty heading(s) took the short line after them as their title; check the section titles"
        ));
    }
    let (markdown, bold) = outline::with_bold_headings(&markdown);
    if bold > 0 {
        report.check(&format!(
            "{bold} short bold line(s) standing alone were taken as subsection headings; check the sections"
        ));
    }
    let (markdown, made) = outline::with_plain_headings(&markdown);
    if made > 0 {
        report.check(&format!(
            "the text has no headings: {made} short line(s) standing alone were taken as headings; check the sections"
        ));
    }
    markdown
}

/// The `contacts` block: address blocks, e-mail addresses and phone numbers
/// found in the text, each written once.
fn write_contacts(
    out: &mut Yaml,
    addresses: &[address::Address],
    emails: &[(String, String)],
    phones: &[(String, String)],
    report: &mut Report,
) {
    if emails.is_empty() && phones.is_empty() && addresses.is_empty() {
        return;
    }
    out.open(0, "contacts");
    for a in addresses {
        out.open(2, &a.id);
        out.quoted(4, "name", &a.name);
        out.open(4, "address");
        for line in &a.lines {
            out.quoted_item(6, line);
        }
    }
    for (email, id) in emails {
        out.open(2, id);
        out.quoted(4, "email", email);
    }
    for (phone, id) in phones {
        out.open(2, id);
        out.quoted(4, "phone", phone);
    }
    if !phones.is_empty() {
        report.done(format!(
            "{} phone number(s) became contacts, used as {{{{ contacts.ID.phone }}}}",
            phones.len()
        ));
    }
    if !addresses.is_empty() {
        report.done(format!(
            "{} postal address block(s) became contacts (name and address lines), shown with {{{{ contact(id=\"ID\") }}}}",
            addresses.len()
        ));
    }
    if !emails.is_empty() {
        report.done(format!(
            "{} e-mail address(es) became contacts, written once and used as {{{{ contacts.ID.email }}}}",
            emails.len()
        ));
    }
}

/// A text as the source writes it: template syntax escaped, and the facts
/// found (addresses, e-mail, phones, the CCPA table, dates) used by name.
fn prose(
    text: &str,
    addresses: &[address::Address],
    emails: &[(String, String)],
    phones: &[(String, String)],
) -> String {
    // An address block is taken out before escaping and put back as the
    // contact that prints it.
    let mut text = text.to_string();
    for a in addresses {
        text = text.replace(&a.block, &address_mark(&a.id));
    }
    let mut text = facts::use_contacts(&escape_templates(&text), emails);
    for a in addresses {
        text = text.replace(
            &address_mark(&a.id),
            &format!("{{{{ contact(id=\"{}\") }}}}", a.id),
        );
    }
    facts::use_phones(&text, phones)
        .replace(ccpa::MARK, "{{ ccpa_table() }}")
        .replace(EFFECTIVE_MARK, "{{ dates.effective }}")
        .replace(UPDATED_MARK, "{{ dates.last_updated }}")
}

#[derive(Default)]
struct Report {
    done: Vec<String>,
    to_check: Vec<String>,
}

impl Report {
    fn done(&mut self, text: String) {
        self.done.push(text);
    }

    fn check(&mut self, text: &str) {
        self.to_check.push(text.to_string());
    }
}

fn organization(out: &mut Yaml, title: &str, emails: &[(String, String)], report: &mut Report) {
    let from_domain = || {
        let (email, _) = emails.first()?;
        let domain = email.split('@').nth(1)?;
        let name = domain.split('.').rev().nth(1)?;
        let mut chars = name.chars();
        Some(
            chars
                .next()?
                .to_uppercase()
                .chain(chars)
                .collect::<String>(),
        )
    };
    let (name, how) = match facts::organization(title) {
        Some(name) => (name, "from the title"),
        None => match from_domain() {
            Some(name) => (name, "from the first e-mail address's domain"),
            None => (
                "The Company".to_string(),
                "as a stand-in: the text does not say",
            ),
        },
    };
    out.open(0, "organization");
    out.quoted(2, "name", &name);
    report.check(&format!(
        "organization.name is \"{name}\", {how}; add its legal_name and check it"
    ));
}

fn write_dates(
    out: &mut Yaml,
    dates: &facts::Dates,
    today: jiff::civil::Date,
    report: &mut Report,
) {
    let effective = dates.effective.as_ref().or(dates.last_updated.as_ref());
    out.open(0, "dates");
    match effective {
        Some(line) => out.word(2, "effective", &crate::date::iso(line.date)),
        None => {
            out.word(2, "effective", &crate::date::iso(today));
            report.check("the text states no date; dates.effective is today's: set the real one");
        }
    }
    if let (Some(_), Some(updated)) = (&dates.effective, &dates.last_updated) {
        out.word(2, "last_updated", &crate::date::iso(updated.date));
    }
    let format = effective.map_or(crate::model::DateFormat::Long, |l| l.format);
    out.word(2, "format", date_format_name(format));
    let shown = |l: &Option<facts::DateLine>| l.as_ref().is_some_and(|l| l.standard);
    let show = match (shown(&dates.effective), shown(&dates.last_updated)) {
        (true, true) => "both",
        (true, false) => "effective",
        (false, true) => "last-updated",
        (false, false) => "none",
    };
    out.word(2, "show", show);
    if effective.is_some() {
        report.done(format!(
            "the dates the text states became `dates` (shown by policyc: {show}; other date lines stay in the text)"
        ));
    }
}

fn date_format_name(format: crate::model::DateFormat) -> &'static str {
    use crate::model::DateFormat;
    match format {
        DateFormat::Long => "long",
        DateFormat::DayMonthYear => "day-month-year",
        DateFormat::MonthYear => "month-year",
        DateFormat::Numeric => "numeric",
        DateFormat::Iso => "iso",
    }
}

/// Where a date line of the lead printed the effective or last-updated date
/// in its own words, until the prose is escaped and the marks become
/// templates.
fn address_mark(id: &str) -> String {
    format!("\u{FFFC}policyc-address-{id}\u{FFFC}")
}

const EFFECTIVE_MARK: &str = "\u{FFFC}policyc-effective\u{FFFC}";
const UPDATED_MARK: &str = "\u{FFFC}policyc-last-updated\u{FFFC}";

/// The lead without the date lines policyc prints itself from `dates`, and
/// with the date of each other date line printed from the fact, so that the
/// text follows the date when it changes and `diff` sees where it came from.
fn dated_lead(lead: &str, dates: &facts::Dates) -> String {
    let effective = dates.effective.as_ref().or(dates.last_updated.as_ref());
    // A line can print its date from the fact only in the format the
    // document prints dates in (the effective line's).
    let format = effective.map(|l| l.format);
    let lines: Vec<(&facts::DateLine, &str)> = [
        (&dates.effective, EFFECTIVE_MARK),
        (&dates.last_updated, UPDATED_MARK),
    ]
    .into_iter()
    .filter_map(|(l, mark)| Some((l.as_ref()?, mark)))
    .collect();
    let mut out = String::new();
    for text in lead.lines() {
        match lines.iter().find(|(l, _)| l.line == text) {
            Some((l, _)) if l.standard => continue,
            Some((l, mark)) if Some(l.format) == format => match &l.printed {
                Some(date) if text.matches(date.as_str()).count() == 1 => {
                    out.push_str(&text.replacen(date.as_str(), mark, 1));
                }
                _ => out.push_str(text),
            },
            _ => out.push_str(text),
        }
        out.push('\n');
    }
    out
}

/// The first CCPA category table in the sections' bodies made the `ccpa`
/// block, and `{{ ccpa_table() }}` put in its place; whether there was one.
fn take_ccpa_table(list: &mut [Section], block: &mut Yaml) -> bool {
    for s in list {
        if let Some(body) = ccpa::take_table(&s.body, block) {
            s.body = body;
            return true;
        }
        if take_ccpa_table(&mut s.children, block) {
            return true;
        }
    }
    false
}

/// Writes sections and their children; returns how many were written.
fn sections(
    out: &mut Yaml,
    indent: usize,
    list: &[Section],
    numbered: bool,
    prose: &dyn Fn(&str) -> String,
    ids: &mut BTreeSet<String>,
) -> usize {
    let mut count = 0;
    for s in list {
        let id = unique(&slug(&s.title, "section"), |id| ids.contains(id));
        ids.insert(id.clone());
        out.item_word(indent, "id", &id);
        out.quoted(indent + 2, "title", &escape_templates(&s.title));
        // With numbers generated, a heading written without one keeps none.
        if numbered && s.number.is_none() {
            out.word(indent + 2, "numbered", "false");
        }
        let body = prose(&s.body);
        if !body.trim().is_empty() {
            out.text(indent + 2, "body", body.trim());
        }
        count += 1;
        if !s.children.is_empty() {
            out.open(indent + 2, "sections");
            count += sections(out, indent + 4, &s.children, numbered, prose, ids);
        }
    }
    count
}

/// A title written as a short line of its own among the first lines of the
/// lead ("Privacy Policy", "Acme Privacy Notice"), taken out of the lead.
fn title_from_lead(lead: &mut String) -> Option<String> {
    let blocks: Vec<&str> = lead.split("\n\n").collect();
    let at = blocks.iter().take(6).position(|b| {
        let line = b.trim().trim_matches(|c: char| c == '*' || c == '_').trim();
        let lower = line.to_lowercase();
        !line.is_empty()
            && !line.contains('\n')
            && line.split_whitespace().count() <= 8
            && ["privacy", "policy", "notice", "statement"]
                .iter()
                .any(|w| lower.contains(w))
            && !line.ends_with(['.', ':', ';', ','])
            && !line.contains(['[', '(', '<'])
    })?;
    let title = blocks[at]
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_')
        .trim()
        .to_string();
    let rest: Vec<&str> = blocks
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != at)
        .map(|(_, b)| *b)
        .collect();
    *lead = rest.join("\n\n");
    Some(title)
}

/// Every text of the policy, for finding its e-mail addresses.
fn all_text(lead: &str, list: &[Section]) -> String {
    fn walk(list: &[Section], out: &mut String) {
        for s in list {
            out.push_str(&s.body);
            out.push('\n');
            walk(&s.children, out);
        }
    }
    let mut out = lead.to_string();
    walk(list, &mut out);
    out
}

/// Text that must print as written, not expand: `{{`, `{%` and `{#` are
/// written as template strings that print them.
fn escape_templates(text: &str) -> String {
    if !["{{", "{%", "{#"].iter().any(|o| text.contains(o)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(at) = ["{{", "{%", "{#"].iter().filter_map(|o| rest.find(o)).min() {
        out.push_str(&rest[..at]);
        out.push_str(&format!("{{{{ \"{}\" }}}}", &rest[at..at + 2]));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// `base`, or `base-2`, `base-3` … : the first that `taken` says is free.
fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| match n {
            1 => base.to_string(),
            _ => format!("{base}-{n}"),
        })
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// An id from a text: lowercase letters and digits joined by single dashes,
/// at most six words, or `fallback`.
pub fn slug(text: &str, fallback: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .take(6)
        .collect();
    if words.is_empty() {
        fallback.to_string()
    } else {
        words.join("-")
    }
}

/// HTML as Markdown, with what a page holds besides the policy (scripts,
/// styles, navigation) left out.
fn html_to_markdown(html: &str) -> String {
    let converter = htmd::HtmlToMarkdown::builder()
        .skip_tags(vec![
            "script", "style", "noscript", "template", "svg", "nav", "iframe", "form",
        ])
        .build();
    converter.convert(html).unwrap_or_else(|_| html.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> jiff::civil::Date {
        crate::date::parse("2026-11-29").expect("a date")
    }

    #[test]
    fn an_imported_policy_compiles() {
        let md = "# Acme Privacy Policy\n\nEffective date: March 1, 2025\n\nWe care. Write to privacy@acme.example.\n\n## 1. What we collect\n\nYour {{name}}.\n\n### 1.1 Details\n\n**Bold** first.\n\n## 2. Sharing\n\n* We do not sell.\n";
        let imported = import(md, Kind::Markdown, "privacy", today());
        let source = crate::source::Source::new("privacy.yaml", imported.yaml.clone());
        let compiled =
            crate::compile(&source).unwrap_or_else(|d| panic!("{d:?}\n{}", imported.yaml));
        let doc = compiled.doc;
        assert_eq!(doc.title, "Acme Privacy Policy");
        assert_eq!(doc.org.name, "Acme");
        assert_eq!(doc.sections[0].title, "What we collect");
        assert_eq!(doc.sections[0].number.as_deref(), Some("1"));
        assert_eq!(doc.sections[0].children[0].number.as_deref(), Some("1.1"));
        assert_eq!(crate::date::iso(doc.dates.effective), "2025-03-01");
        assert!(
            imported.yaml.contains("{{ contacts.privacy.email }}"),
            "{}",
            imported.yaml
        );
    }

    #[test]
    fn html_becomes_sections_too() {
        let html = "<html><head><script>x()</script></head><body><h1>Beta Privacy Notice</h1><p>Intro.</p><h2>Data</h2><p>We keep <b>little</b>.</p></body></html>";
        let imported = import(html, Kind::Html, "beta", today());
        let source = crate::source::Source::new("beta.yaml", imported.yaml.clone());
        let doc = crate::compile(&source).expect("compiles").doc;
        assert_eq!(doc.sections[0].title, "Data");
        assert!(!imported.yaml.contains("x()"));
    }

    #[test]
    fn a_date_line_in_its_own_words_prints_the_date_from_the_fact() {
        let md =
            "# Privacy Policy\n\nLast Modified: 2024-05-07\n\nWe care.\n\n## Data\n\nLittle.\n";
        let imported = import(md, Kind::Markdown, "p", today());
        assert!(
            imported
                .yaml
                .contains("Last Modified: {{ dates.last_updated }}"),
            "{}",
            imported.yaml
        );
        let source = crate::source::Source::new("p.yaml", imported.yaml.clone());
        let doc = crate::compile(&source).expect("compiles").doc;
        let Some(crate::doc::Block::Markdown(lead)) = doc.lead.first() else {
            panic!("a lead: {:?}", doc.lead)
        };
        assert!(lead.starts_with("Last Modified: 2024-05-07\n"), "{lead}");
    }

    #[test]
    fn template_syntax_in_prose_prints_as_written() {
        assert_eq!(
            escape_templates("a {{ b }} {% c"),
            "a {{ \"{{\" }} b }} {{ \"{%\" }} c"
        );
    }
}
