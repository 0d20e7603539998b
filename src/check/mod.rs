//! Check: the lint rules of LEGAL.md §2 on one version, and the notice gate of
//! LEGAL.md §1 on two. Findings are diagnostics with a rule id; a policy may
//! waive a lint rule, for a stated reason.

mod agreement;
pub mod gate;
pub mod lint;
pub mod output;
mod processing;
mod statements;
mod states;

use jiff::civil::Date;

use crate::Compilation;
use crate::diag::Diagnostic;
use crate::render::Overrides;
use crate::source::Source;

/// One finding, and the reason it was waived, if the policy waived its rule.
#[derive(Debug, Clone)]
pub struct Finding {
    pub diag: Diagnostic,
    pub waived: Option<String>,
}

/// The findings of one file.
#[derive(Debug)]
pub struct FileFindings {
    pub source: Source,
    pub findings: Vec<Finding>,
}

impl FileFindings {
    pub fn counts(&self) -> (usize, usize) {
        let live = self.findings.iter().filter(|f| f.waived.is_none());
        let (errors, warnings): (Vec<_>, Vec<_>) = live.partition(|f| f.diag.is_error());
        (errors.len(), warnings.len())
    }
}

/// What the lint rules look at.
pub struct Ctx<'a> {
    pub compiled: &'a Compilation,
    pub today: Date,
    /// The HTML templates that replace the built-in ones for this policy.
    pub templates: &'a Overrides,
}

/// Marks the findings whose rule the policy waived.
pub fn apply_waivers(compiled: &Compilation, diags: Vec<Diagnostic>) -> Vec<Finding> {
    let mut findings: Vec<Finding> = diags
        .into_iter()
        .map(|diag| {
            let waived = diag.rule.and_then(|rule| {
                compiled
                    .doc
                    .waivers
                    .iter()
                    .find(|(r, _)| r == rule.as_str())
                    .map(|(_, reason)| reason.clone())
            });
            Finding { diag, waived }
        })
        .collect();
    findings.sort_by(|a, b| (a.diag.pos, &a.diag.message).cmp(&(b.diag.pos, &b.diag.message)));
    findings
}
