//! Diff: two resolved versions of a policy, matched by id, every change
//! classified by the rules of LEGAL.md §1. The result is a [`Report`] that the
//! report formats only display.

mod ccpa;
mod contacts;
mod facts;
mod mentions;
mod normalize;
mod processing;
pub mod prose;
mod read;
mod redline;
mod rewrites;
mod sections;
mod signals;
mod synonyms;
mod text;

use serde::Serialize;
use serde_json::Value;

use crate::doc::Document;
use crate::rules::{self, Class, id};
pub use prose::Piece;

/// Everything a diff found: the contract of `diff --format json`, plus the
/// redline and table diff the other formats show.
#[derive(Debug, Serialize)]
pub struct Report {
    pub old: Version,
    pub new: Version,
    /// True when any change is material (after reviewer decisions).
    pub material: bool,
    /// `material` (notice needed), `undecided` (changes a reviewer must
    /// decide, with no material one) or `editorial` (no notice needed).
    pub verdict: Verdict,
    pub changes: Vec<Change>,
    /// Decisions in the new version that match no change: stale, or mistyped.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unused_decisions: Vec<UnusedDecision>,
    #[serde(skip)]
    pub sections: Vec<SectionDiff>,
    #[serde(skip)]
    pub rows: Vec<RowDiff>,
}

#[derive(Debug, Serialize)]
pub struct Version {
    pub id: String,
    pub effective: String,
    #[serde(skip)]
    pub title: String,
    /// The effective date as the policy prints it.
    #[serde(skip)]
    pub effective_text: String,
    #[serde(skip)]
    pub notice_days: Option<u32>,
    /// The author's summary of this version: its changelog entry, dated the
    /// day it takes effect, as plain text.
    #[serde(skip)]
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub class: Class,
    pub rule: crate::rules::RuleId,
    /// A stable address built from ids: `sections.cookies.body`,
    /// `ccpa.categories.geolocation.collected`.
    pub path: String,
    pub message: String,
    pub old: Value,
    pub new: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionNote>,
    /// For a material change that puts data already collected to a new use:
    /// per law the new version answers to, whether notice is enough or
    /// consent is needed first (PACKS.md §3).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consent: Vec<ConsentNote>,
    /// The section of the redline this change is in, for links.
    #[serde(skip)]
    pub section: Option<String>,
    /// The change in words for the notice to users, where the message is
    /// written for reviewers in the rules' terms.
    #[serde(skip)]
    pub notice: Option<String>,
    /// The finding without the sentence it quotes, for the redline, which
    /// shows the sentence itself.
    #[serde(skip)]
    pub reason: Option<String>,
}

/// What one law asks before a change applies to data already collected.
#[derive(Debug, Clone, Serialize)]
pub struct ConsentNote {
    /// Serialized as the law's id: `us-co`, `eu-gdpr` ...
    pub jurisdiction: crate::jurisdiction::Jurisdiction,
    /// `consent` or `notice`.
    pub needs: crate::jurisdiction::Need,
    pub citation: &'static str,
}

/// A reviewer's decision on a change: the class it was flagged with, and why
/// it was judged otherwise.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionNote {
    pub flagged: Class,
    pub reason: String,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct UnusedDecision {
    pub path: String,
    pub rule: Option<String>,
    pub line: usize,
}

/// How a section differs between the versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Added,
    Removed,
    Changed,
    Moved,
    Unchanged,
}

/// What a diff amounts to, in three states: a report with changes still to
/// decide is never "no notice needed".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Material,
    Undecided,
    Editorial,
}

/// One section in the redline: its headings and its text, word by word.
#[derive(Debug)]
pub struct SectionDiff {
    pub id: String,
    pub old_heading: Option<String>,
    pub new_heading: Option<String>,
    pub status: Status,
    /// Nesting in the new version (old for removed sections), 0 at the top.
    pub depth: usize,
    pub title: Vec<Piece>,
    pub body: Vec<Piece>,
}

impl Report {
    /// The sections of the redline: those that were added, removed, moved or changed.
    pub fn changed_sections(&self) -> Vec<&SectionDiff> {
        self.sections
            .iter()
            .filter(|s| s.status != Status::Unchanged)
            .collect()
    }

    /// The material and review findings about a section of the redline (or
    /// the lead), material first: what the redline shows beside its text.
    pub fn findings_in(&self, section: &SectionDiff) -> Vec<&Change> {
        let mut found: Vec<&Change> = self
            .changes
            .iter()
            .filter(|c| c.class != Class::Editorial)
            .filter(|c| match section.id.as_str() {
                "lead" => c.path == "lead" || c.path.starts_with("lead."),
                id => c.section.as_deref() == Some(id),
            })
            .collect();
        found.sort_by_key(|c| c.class);
        found
    }
}

impl SectionDiff {
    /// The heading in the new version, or in the old one for a removed section.
    pub fn heading(&self) -> &str {
        self.new_heading
            .as_deref()
            .or(self.old_heading.as_deref())
            .unwrap_or("")
    }

    /// "added", "removed", "moved, text unchanged" or "changed".
    pub fn status_text(&self) -> &'static str {
        match self.status {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Moved => "moved, text unchanged",
            Status::Changed | Status::Unchanged => "changed",
        }
    }

    /// True for a section that only moved: its text is not worth showing again.
    pub fn text_unchanged(&self) -> bool {
        self.status == Status::Moved
    }
}

/// One row of the CCPA table that differs, cell by cell.
#[derive(Debug)]
pub struct RowDiff {
    pub id: String,
    pub label: String,
    pub status: Status,
    /// (column heading, old text, new text) for every cell that differs.
    pub cells: Vec<(String, String, String)>,
}

/// Text that only moved within the policy is no change of substance: a
/// section added over sentences the policy had, a text that gained or lost
/// only sentences found elsewhere.
fn moved_text(moved: &signals::Moved, changes: &mut [Change]) {
    for c in changes.iter_mut() {
        let section = c
            .section
            .as_ref()
            .is_some_and(|s| moved.sections.contains(s));
        let message = match c.rule {
            id::SECTION_ADDED if section => format!(
                "{}, over text the policy had elsewhere",
                c.message.trim_end_matches('.')
            ),
            id::SECTION_REMOVED if section => format!(
                "{}; its text is still in the policy",
                c.message.trim_end_matches('.')
            ),
            // A risk signal is a reviewer's to read, whatever moved.
            id::TEXT_CHANGED if moved.texts.contains(&c.path) => {
                let what = c.message.split(" changed:").next().unwrap_or(&c.message);
                format!(
                    "{what} changed: sentences moved to or from other parts of the policy, none new to it"
                )
            }
            _ => continue,
        };
        c.rule = id::TEXT_MOVED;
        c.class = Class::Editorial;
        c.message = message;
    }
}

/// Compares two versions, each text as it is. Reviewer decisions come from
/// the new one.
pub fn diff(old: &Document, new: &Document) -> Report {
    diff_restated(old, old, new)
}

/// Compares two versions, the old one's text as `old_text`: the old policy
/// resolved with the new facts ([`crate::Compilation::restate`]), so that a
/// changed fact is reported once, under its own rule, and not again in every
/// text that prints it, while the same words typed as prose are compared.
pub fn diff_restated(old: &Document, old_text: &Document, new: &Document) -> Report {
    let mut changes = Vec::new();
    let renamed = sections::renames(old_text, new);
    let mut sections = sections::compare(old_text, new, &renamed, &mut changes);
    if let Some(lead) = facts::lead_redline(old_text, new) {
        sections.insert(0, lead);
    }
    let rows = ccpa::compare(old_text, new, &mut changes);
    processing::compare(old, new, &mut changes);
    facts::compare(old, old_text, new, &mut changes);
    let (found, moved) = signals::compare(old_text, new, &renamed);
    moved_text(&moved, &mut changes);
    // A text with a named finding needs no generic "text changed" beside it.
    changes.retain(|c| c.rule != id::TEXT_CHANGED || !found.iter().any(|f| f.path == c.path));
    changes.extend(found);
    changes.sort_by(|a, b| (a.class, &a.path, a.rule).cmp(&(b.class, &b.path, b.rule)));
    let unused_decisions = apply_decisions(new, &mut changes);
    for c in changes.iter_mut().filter(|c| c.class == Class::Material) {
        if rules::NEW_USE.contains(&c.rule) {
            c.consent = new
                .jurisdictions
                .iter()
                .map(|j| {
                    let (needs, citation) = j.new_use();
                    ConsentNote {
                        jurisdiction: *j,
                        needs,
                        citation,
                    }
                })
                .collect();
        }
    }
    let material = changes.iter().any(|c| c.class == Class::Material);
    let verdict = if material {
        Verdict::Material
    } else if changes.iter().any(|c| c.class == Class::Review) {
        Verdict::Undecided
    } else {
        Verdict::Editorial
    };
    Report {
        old: version(old),
        new: version(new),
        material,
        verdict,
        changes,
        unused_decisions,
        sections,
        rows,
    }
}

fn version(doc: &Document) -> Version {
    Version {
        id: doc.id.clone(),
        effective: crate::date::iso(doc.dates.effective),
        title: doc.title.clone(),
        effective_text: doc.dates.effective_text(),
        notice_days: doc.notice_days,
        summary: doc
            .changelog
            .iter()
            .find(|c| c.date == doc.dates.effective)
            .map(|c| crate::render::markup::plain(&c.summary)),
    }
}

/// Gives each decided change the reviewer's class, keeping the flag and reason.
fn apply_decisions(new: &Document, changes: &mut [Change]) -> Vec<UnusedDecision> {
    let mut unused = Vec::new();
    for d in &new.decisions {
        let mut used = false;
        for c in changes.iter_mut() {
            if c.path == d.path && d.rule.as_deref().is_none_or(|r| r == c.rule.as_str()) {
                c.decision = Some(DecisionNote {
                    flagged: c.decision.as_ref().map_or(c.class, |n| n.flagged),
                    reason: d.reason.clone(),
                    line: d.line,
                });
                c.class = d.class;
                used = true;
            }
        }
        if !used {
            unused.push(UnusedDecision {
                path: d.path.clone(),
                rule: d.rule.clone(),
                line: d.line,
            });
        }
    }
    unused
}

/// A new change under a rule, with the rule's class.
fn change(
    rule: crate::rules::RuleId,
    path: String,
    message: String,
    old: Value,
    new: Value,
) -> Change {
    Change {
        class: rules::class_of(rule),
        rule,
        path,
        message,
        old,
        new,
        decision: None,
        consent: Vec::new(),
        section: None,
        notice: None,
        reason: None,
    }
}
