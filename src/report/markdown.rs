//! The Markdown report, for a pull-request comment: the verdict and material
//! changes first, then the other findings, the redline and the table diff.

use std::fmt::Write as _;

use super::{CLASSES, Options, esc, notice, of_class, redline_html, summary};
use crate::diff::Report;
use crate::render::cmark::{self, code_block, code_span};
use crate::rules::Class;

/// A table cell: plain text, on one line, every character Markdown could
/// read as markup escaped (pipes too).
fn cell(text: &str) -> String {
    cmark::escape_text(text, false)
}

/// The report, checked as GitHub and mdBook would read it. The texts in it
/// come from the policies, so a report that fails the check (which escaping
/// should make impossible) is shown as plain text in a code block instead.
pub fn render(report: &Report, options: Options) -> String {
    let markdown = render_unchecked(report, options);
    match cmark::check(&markdown, false) {
        Ok(()) => markdown,
        Err(_) => code_block("text", &markdown),
    }
}

pub(super) fn render_unchecked(report: &Report, options: Options) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Policy diff: {} ({} → {})\n",
        code_span(&report.new.id),
        report.old.effective,
        report.new.effective
    );
    let verdict = summary(report);
    let _ = writeln!(
        out,
        "{}\n",
        if report.material {
            format!("**⚠ {verdict}**")
        } else {
            verdict
        }
    );
    changes(&mut out, report);
    for u in &report.unused_decisions {
        let _ = writeln!(
            out,
            "> **Note:** the decision on {} (line {}) matches no change.\n",
            code_span(&u.path),
            u.line
        );
    }
    if report.material {
        let _ = writeln!(
            out,
            "<details><summary>Draft notice to users</summary>\n\n{}\n</details>\n",
            code_block("text", &notice::render(report, options.today))
        );
    }
    // A pull-request comment holds at most 65,536 characters: the findings
    // always fit first; the redline and the table only when they fit too.
    let findings = out.len();
    redline(&mut out, report);
    table(&mut out, report);
    if out.chars().count() > COMMENT_LIMIT {
        out.truncate(findings);
        out.push_str(
            "> **Note:** the redline and the CCPA table diff are left out: with them this comment would pass GitHub's limit of 65,536 characters. Run `policyc diff OLD NEW --format html` for the full report.\n",
        );
    }
    out.trim_end().to_string() + "\n"
}

/// Characters a report may have with room to spare for GitHub's limit on a
/// comment (65,536) and the text a workflow puts around it.
const COMMENT_LIMIT: usize = 60_000;

/// The changes of each class, as tables; editorial ones folded away.
fn changes(out: &mut String, report: &Report) {
    for (class, title, gloss) in CLASSES {
        let changes = of_class(report, class);
        if changes.is_empty() {
            continue;
        }
        let open = class != Class::Editorial;
        if !open {
            let _ = writeln!(
                out,
                "<details><summary>{title} ({}): {gloss}</summary>\n",
                changes.len()
            );
        } else {
            let _ = writeln!(out, "### {title} ({})\n\n_{gloss}_\n", changes.len());
        }
        let _ = writeln!(out, "| Rule | Change | Where |\n| --- | --- | --- |");
        for c in changes {
            let mut message = cell(&c.message);
            if let Some(line) = super::consent_line(c) {
                let _ = write!(message, "<br>{}", cell(&line));
            }
            if let Some(d) = &c.decision {
                let _ = write!(
                    message,
                    "<br>**Decided {}** (flagged {}): {}",
                    c.class.as_str(),
                    d.flagged.as_str(),
                    cell(&d.reason)
                );
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                code_span(c.rule.as_str()),
                message,
                code_span(&c.path)
            );
        }
        out.push('\n');
        if !open {
            out.push_str("</details>\n\n");
        }
    }
}

/// The redline of each changed section, folded.
fn redline(out: &mut String, report: &Report) {
    let changed = report.changed_sections();
    if !changed.is_empty() {
        let _ = writeln!(out, "### Redline by section\n");
        for s in changed {
            let heading = s.heading();
            let status = s.status_text();
            if s.text_unchanged() {
                let _ = writeln!(out, "- <b>{}</b> ({status})\n", esc(heading));
                continue;
            }
            let _ = writeln!(
                out,
                "<details><summary><b>{}</b> ({status})</summary>\n",
                esc(heading)
            );
            let findings = report.findings_in(s);
            if !findings.is_empty() {
                let items: String = findings
                    .iter()
                    .map(|c| format!("<li>{}</li>", esc(&super::inline_finding(c))))
                    .collect();
                let _ = writeln!(out, "<ul>{items}</ul>\n");
            }
            let _ = writeln!(out, "<p>{}</p>\n\n</details>\n", redline_html(&s.body));
        }
    }
}

/// The CCPA table's changed cells.
fn table(out: &mut String, report: &Report) {
    if !report.rows.is_empty() {
        let _ = writeln!(
            out,
            "### CCPA table\n\n| Row | Column | Before | After |\n| --- | --- | --- | --- |"
        );
        for r in &report.rows {
            for (heading, a, b) in &r.cells {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    cell(&r.label),
                    cell(heading),
                    cell(a),
                    cell(b)
                );
            }
        }
        out.push('\n');
    }
}
