//! Diff reports: one module per format, each only displaying a computed
//! [`Report`](crate::diff::Report).

mod html;
mod json;
mod markdown;
mod notice;
mod text;

use crate::diff::{Change, Report};
use crate::rules::Class;

/// The formats of `policyc diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For a terminal: findings, then the redline (colour on a terminal).
    Text,
    /// A pull-request comment: material changes first, then the redline.
    Md,
    /// A standalone redline page.
    Html,
    /// For programs: the fields listed in the book (Commands, `policyc diff`).
    Json,
    /// A draft of the notice to users about the material changes.
    Notice,
}

/// Options of the report formats.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub color: bool,
    /// The day the notice would be published (`--today`), for the notice draft.
    pub today: Option<jiff::civil::Date>,
}

pub fn render(report: &Report, format: Format, options: Options) -> String {
    match format {
        Format::Text => text::render(report, options.color),
        Format::Md => markdown::render(report, options),
        Format::Html => html::render(report),
        Format::Json => json::render(report),
        Format::Notice => notice::render(report, options.today),
    }
}

/// The Markdown report before its whole-document check, for the fuzz target
/// that looks for text the escaping lets through.
#[doc(hidden)]
pub fn markdown_unchecked(report: &Report, options: Options) -> String {
    markdown::render_unchecked(report, options)
}

/// The changes of one class, in report order.
fn of_class(report: &Report, class: Class) -> Vec<&Change> {
    report.changes.iter().filter(|c| c.class == class).collect()
}

/// Class headings in the order reviewers read them.
const CLASSES: [(Class, &str, &str); 3] = [
    (
        Class::Material,
        "Material changes",
        "notice to users is needed before they take effect",
    ),
    (
        Class::Review,
        "Changes to review",
        "a person must judge whether they are material",
    ),
    (Class::Editorial, "Editorial changes", "no notice needed"),
];

/// The one-line verdict at the top of every report.
fn summary(report: &Report) -> String {
    let n = of_class(report, Class::Material).len();
    let r = of_class(report, Class::Review).len();
    if report.changes.is_empty() {
        "No changes.".to_string()
    } else if n > 0 {
        format!(
            "{n} material change{} need{} notice to users before taking effect; {r} more to review.",
            if n == 1 { "" } else { "s" },
            if n == 1 { "s" } else { "" }
        )
    } else if r > 0 {
        format!(
            "No material change found by the rules; {r} change{} to review.",
            if r == 1 { "" } else { "s" }
        )
    } else {
        "Only editorial changes: no notice needed.".to_string()
    }
}

/// A finding as the redline shows it beside a section: its class, rule, what
/// it found and the law it rests on.
fn inline_finding(c: &Change) -> String {
    let citation = crate::rules::rule(c.rule).citation;
    let what = c.reason.as_deref().unwrap_or(&c.message);
    format!(
        "{} \u{b7} {}: {what} ({citation})",
        c.class.as_str(),
        c.rule
    )
}

/// What each law the policy answers to asks before a change applies to data
/// already collected: "Consent needed first under Colorado (CPA) (4 CCR …);
/// notice is enough under California (CCPA) (…)". `None` when it says nothing.
fn consent_line(c: &Change) -> Option<String> {
    use crate::jurisdiction::Need;
    let named = |needs: Need| -> Vec<String> {
        c.consent
            .iter()
            .filter(|n| n.needs == needs)
            .map(|n| format!("{} ({})", n.jurisdiction.name(), n.citation))
            .collect()
    };
    let (consent, notice) = (named(Need::Consent), named(Need::Notice));
    let mut parts = Vec::new();
    if !consent.is_empty() {
        parts.push(format!(
            "Consent needed before it applies to data already collected under {}",
            consent.join("; ")
        ));
    }
    if !notice.is_empty() {
        parts.push(format!("notice is enough under {}", notice.join("; ")));
    }
    let line = parts.join("; ");
    let mut chars = line.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
}

/// Text made safe inside HTML (the redline page, HTML in the Markdown
/// report, the pages of `policyc serve`).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(pulldown_cmark_escape::FmtWriter(&mut out), text);
    out
}

/// A redline as HTML: `<del>` and `<ins>` around the changed words, line
/// breaks kept, everything else escaped.
fn redline_html(pieces: &[crate::diff::Piece]) -> String {
    use crate::diff::Piece;
    // A lone carriage return breaks a line on GitHub as a line feed does.
    let br = |t: &str| esc(&t.replace("\r\n", "\n").replace('\r', "\n")).replace('\n', "<br>");
    pieces
        .iter()
        .map(|p| match p {
            Piece::Same(t) => br(t),
            Piece::Removed(t) => format!("<del>{}</del>", br(t)),
            Piece::Added(t) => format!("<ins>{}</ins>", br(t)),
        })
        .collect()
}
