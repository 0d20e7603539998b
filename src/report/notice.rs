//! A draft of the notice to users about the material changes: what changes, and from when.

use std::fmt::Write as _;

use super::of_class;
use crate::diff::Report;
use crate::rules::Class;

pub fn render(report: &Report, today: Option<jiff::civil::Date>) -> String {
    let material = of_class(report, Class::Material);
    let mut out = String::new();
    if material.is_empty() {
        let review = of_class(report, Class::Review).len();
        let line = if review > 0 {
            format!(
                "No material change found by the rules, but {review} change(s) need a reviewer's decision; until they are decided, notice may be needed."
            )
        } else {
            "Only editorial changes: no notice to users is needed.".to_string()
        };
        let _ = writeln!(out, "{line}");
        return out;
    }
    let title = &report.new.title;
    let _ = writeln!(out, "Subject: Changes to our {title}\n");
    let _ = writeln!(
        out,
        "We are updating our {title}. The updated version takes effect on {}.\n",
        report.new.effective_text
    );
    // A summary dated an unchanged effective date is the last version's.
    let summary = report
        .new
        .summary
        .as_ref()
        .filter(|_| report.new.effective != report.old.effective);
    if let Some(summary) = summary {
        let _ = writeln!(out, "In short: {summary}\n");
    }
    let _ = writeln!(out, "What is changing:\n");
    for c in &material {
        let line = c.notice.as_deref().unwrap_or(&c.message);
        // A line that ends with a quotation already ends its sentence.
        let stop = if line.ends_with('\u{201d}') { "" } else { "." };
        let _ = writeln!(out, "- {}{stop}", line.trim_end_matches('.'));
    }
    let _ = writeln!(
        out,
        "\nUntil {}, the current version applies. Please read the updated {title} in full.",
        report.new.effective_text
    );
    if report.new.effective == report.old.effective {
        let _ = writeln!(
            out,
            "\n[For reviewers: the effective date did not change; material changes need a new one, after the notice period, and a changelog entry dated it with a summary, which this draft then opens with.]"
        );
    } else if summary.is_none() {
        let _ = writeln!(
            out,
            "\n[For reviewers: no changelog entry is dated the new effective date ({}); add one with a summary of the changes, and this draft opens with it.]",
            report.new.effective
        );
    }
    let consent: Vec<String> = material
        .iter()
        .filter_map(|c| super::consent_line(c).map(|l| format!("{}: {l}", c.message)))
        .filter(|l| l.contains("Consent needed"))
        .collect();
    if !consent.is_empty() {
        let _ = writeln!(
            out,
            "\n[For reviewers: notice alone is not enough for data collected before {} under some of the laws the policy answers to:]",
            report.new.effective_text
        );
        for line in consent {
            let _ = writeln!(out, "[- {line}]");
        }
    }
    if let (Some(days), Ok(effective)) = (
        report.new.notice_days,
        crate::date::parse(&report.new.effective),
    ) {
        let publish_by = effective
            .checked_sub(jiff::Span::new().days(i64::from(days)))
            .ok();
        if let Some(by) = publish_by {
            let _ = writeln!(
                out,
                "\n[For reviewers: the policy asks for {days} days' notice, so publish this notice by {}.]",
                crate::date::iso(by)
            );
            if let Some(today) = today.filter(|t| *t > by) {
                let _ = writeln!(
                    out,
                    "[Warning: today ({}) is later than that; move the effective date.]",
                    crate::date::iso(today)
                );
            }
        }
    }
    out
}
