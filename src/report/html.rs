//! The redline page: a standalone HTML page with the verdict, a legend, the
//! findings linked to their place, the redline by section and the table diff.

use std::fmt::Write as _;

use super::{CLASSES, esc, of_class, redline_html, summary};
use crate::diff::{Report, Status};

const STYLE: &str = "body{margin:0 auto;max-width:60rem;padding:1.5rem 1rem 4rem;font:1rem/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2430}\
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.05rem}\
.verdict{padding:.75rem 1rem;border-radius:6px;background:#eef6ee;border:1px solid #9c9}.verdict.material{background:#fdeeee;border-color:#d99}\
.legend{font-size:.9rem;color:#555}.findings{font-size:.9rem}.findings .material{color:#8a1c1c}ins{background:#d7f5d9;text-decoration:underline}del{background:#fbd9d9;color:#8a1c1c;text-decoration:line-through}\
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border:1px solid #d6dbe1;padding:.35rem .5rem;text-align:left;vertical-align:top}\
.tag{display:inline-block;font-size:.8rem;padding:0 .4rem;border-radius:4px;background:#eef}.material .tag{background:#fbd9d9}\
section.redline{border-top:1px solid #d6dbe1;margin-top:1rem;scroll-margin-top:1rem}.status{color:#666;font-weight:normal;font-size:.9rem}\
.decision{font-size:.9rem;color:#444}.table-wrap{overflow-x:auto}\
@media print{body{max-width:none}a{color:inherit;text-decoration:none}section.redline{break-inside:avoid-page}}";

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let title = format!(
        "Changes to {}: {} to {}",
        report.new.title, report.old.effective, report.new.effective
    );
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    let _ = writeln!(
        out,
        "<p class=\"verdict{}\">{}</p>",
        if report.material { " material" } else { "" },
        esc(&summary(report))
    );
    let _ = writeln!(
        out,
        "<p class=\"legend\">Legend: <del>removed text</del> <ins>added text</ins>. <b>Material</b>: notice to users is needed; <b>review</b>: a person must judge; <b>editorial</b>: no notice.</p>"
    );
    changes(&mut out, report);
    for u in &report.unused_decisions {
        let _ = writeln!(
            out,
            "<p class=\"decision\">Note: the decision on <code>{}</code> (line {}) matches no change.</p>",
            esc(&u.path),
            u.line
        );
    }
    redline(&mut out, report);
    table(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out
}

/// `name` in a message (already escaped) as `<code>name</code>`.
fn code_spans(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The changes of each class, each linked to its place in the redline.
fn changes(out: &mut String, report: &Report) {
    for (class, heading, gloss) in CLASSES {
        let changes = of_class(report, class);
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<h2>{} ({})</h2>\n<p class=\"legend\">{}</p>\n<ul class=\"{}\">",
            esc(heading),
            changes.len(),
            esc(gloss),
            class.as_str()
        );
        for c in changes {
            let link = c.section.as_ref().filter(|id| {
                report
                    .sections
                    .iter()
                    .any(|s| &s.id == *id && s.status != Status::Unchanged)
            });
            let place = match link {
                Some(id) => format!(
                    "<a href=\"#redline-{id}\"><code>{}</code></a>",
                    esc(&c.path)
                ),
                None if c.path.starts_with("ccpa.categories.") => {
                    format!("<a href=\"#ccpa-table\"><code>{}</code></a>", esc(&c.path))
                }
                None => format!("<code>{}</code>", esc(&c.path)),
            };
            let _ = write!(
                out,
                "<li><span class=\"tag\">{}</span> {} ({place})",
                esc(c.rule.as_str()),
                code_spans(&esc(&c.message))
            );
            if let Some(line) = super::consent_line(c) {
                let _ = write!(out, "<br><span class=\"consent\">{}</span>", esc(&line));
            }
            if let Some(d) = &c.decision {
                let _ = write!(
                    out,
                    "<br><span class=\"decision\">Decided {} (flagged {}): {}</span>",
                    c.class.as_str(),
                    d.flagged.as_str(),
                    esc(&d.reason)
                );
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
}

/// The redline of each changed section.
fn redline(out: &mut String, report: &Report) {
    let changed = report.changed_sections();
    if !changed.is_empty() {
        out.push_str("<h2>Redline by section</h2>\n");
        for s in changed {
            let heading = s.heading();
            let status = s.status_text();
            let findings: String = report
                .findings_in(s)
                .iter()
                .map(|c| {
                    format!(
                        "<li class=\"{}\">{}</li>",
                        c.class.as_str(),
                        esc(&super::inline_finding(c))
                    )
                })
                .collect();
            let findings = if findings.is_empty() {
                String::new()
            } else {
                format!("<ul class=\"findings\">{findings}</ul>\n")
            };
            let _ = writeln!(
                out,
                "<section class=\"redline\" id=\"redline-{}\">\n<h3>{} <span class=\"status\">({status})</span></h3>\n{findings}{}</section>",
                s.id,
                esc(heading),
                if s.text_unchanged() {
                    String::new()
                } else {
                    format!("<p>{}</p>\n", redline_html(&s.body))
                }
            );
        }
    }
}

/// The CCPA table's changed cells.
fn table(out: &mut String, report: &Report) {
    if !report.rows.is_empty() {
        out.push_str("<h2 id=\"ccpa-table\">CCPA table</h2>\n<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Row</th><th scope=\"col\">Column</th><th scope=\"col\">Before</th><th scope=\"col\">After</th></tr></thead>\n<tbody>\n");
        for r in &report.rows {
            for (heading, a, b) in &r.cells {
                let _ = writeln!(
                    out,
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td><del>{}</del></td><td><ins>{}</ins></td></tr>",
                    esc(&r.label),
                    esc(heading),
                    esc(a),
                    esc(b)
                );
            }
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
}
