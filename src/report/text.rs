//! The terminal report: the verdict, the findings by class, the redline.

use std::fmt::Write as _;

use super::{CLASSES, of_class, summary};
use crate::diag::printable as sh;
use crate::diff::{Piece, Report};

struct Paint {
    color: bool,
}

impl Paint {
    /// Text in colour. Every text the report shows comes from the policy
    /// at least in part, so its control characters are shown as pictures
    /// (`sh`): only the report's own colours reach the terminal.
    fn wrap(&self, code: &str, text: &str) -> String {
        let text = sh(text);
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.into_owned()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.wrap("1", t)
    }
    fn red(&self, t: &str) -> String {
        self.wrap("31", t)
    }
    fn green(&self, t: &str) -> String {
        self.wrap("32", t)
    }
    fn yellow(&self, t: &str) -> String {
        self.wrap("33", t)
    }
    fn dim(&self, t: &str) -> String {
        self.wrap("2", t)
    }
}

pub fn render(report: &Report, color: bool) -> String {
    let p = Paint { color };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} ({}) -> {} ({})",
        p.bold("policyc diff:"),
        sh(&report.old.id),
        report.old.effective,
        sh(&report.new.id),
        report.new.effective
    );
    let verdict = summary(report);
    let _ = writeln!(
        out,
        "{}\n",
        if report.material {
            p.red(&verdict)
        } else {
            p.green(&verdict)
        }
    );
    for (class, title, gloss) in CLASSES {
        let changes = of_class(report, class);
        if changes.is_empty() {
            continue;
        }
        let heading = format!("{title} ({}): {gloss}", changes.len());
        let heading = match class {
            crate::rules::Class::Material => p.red(&heading),
            crate::rules::Class::Review => p.yellow(&heading),
            crate::rules::Class::Editorial => p.dim(&heading),
        };
        let _ = writeln!(out, "{}", p.bold(&heading));
        for c in changes {
            let _ = writeln!(out, "  {} [{}]", sh(&c.message), c.rule);
            let _ = writeln!(out, "    {}", p.dim(&c.path));
            if let Some(line) = super::consent_line(c) {
                let _ = writeln!(out, "    {}", sh(&line));
            }
            if let Some(d) = &c.decision {
                let _ = writeln!(
                    out,
                    "    decided {} (flagged {}): {}",
                    c.class.as_str(),
                    d.flagged.as_str(),
                    sh(&d.reason)
                );
            }
        }
        out.push('\n');
    }
    for u in &report.unused_decisions {
        let _ = writeln!(
            out,
            "{} the decision on `{}` (line {}) matches no change; remove it or fix its path",
            p.yellow("warning:"),
            sh(&u.path),
            u.line
        );
    }
    let changed = report.changed_sections();
    if !changed.is_empty() {
        let _ = writeln!(out, "{}", p.bold("Redline"));
        for s in changed {
            let heading = s.heading();
            let status = s.status_text();
            let _ = writeln!(
                out,
                "\n{} {}",
                p.bold(&format!("## {heading}")),
                p.dim(&format!("({status})"))
            );
            for c in report.findings_in(s) {
                let _ = writeln!(
                    out,
                    "{}",
                    p.yellow(&format!("  ! {}", super::inline_finding(c)))
                );
            }
            if s.text_unchanged() {
                continue;
            }
            let _ = writeln!(out, "{}", pieces(&p, &s.body));
        }
        out.push('\n');
    }
    if !report.rows.is_empty() {
        let _ = writeln!(out, "{}", p.bold("CCPA table"));
        for r in &report.rows {
            let _ = writeln!(out, "  {} ({})", sh(&r.label), sh(&r.id));
            for (heading, a, b) in &r.cells {
                let a = if a.is_empty() { "-" } else { a };
                let b = if b.is_empty() { "-" } else { b };
                let _ = writeln!(out, "    {}: {} -> {}", sh(heading), p.red(a), p.green(b));
            }
        }
    }
    out
}

/// A redline in git's word-diff notation, `[-removed-]{+added+}`, coloured on a terminal.
fn pieces(p: &Paint, pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Same(t) => sh(t).into_owned(),
            Piece::Removed(t) => p.red(&format!("[-{t}-]")),
            Piece::Added(t) => p.green(&format!("{{+{t}+}}")),
        })
        .collect()
}
