//! The notice gate (LEGAL.md §1): a material change must not ship without its
//! notice. It compares the new version with the old one, as `diff` does.

use crate::rules::id;
use jiff::ToSpan as _;
use jiff::civil::Date;

use crate::Compilation;
use crate::diag::Diagnostic;
use crate::diff::Report;
use crate::rules::Class;
use crate::source::Source;

/// The notice period when a policy does not set `notice.days`.
pub const DEFAULT_NOTICE_DAYS: u32 = crate::model::Notice::DEFAULT_DAYS;

/// The gate's findings for `new`, given the diff from the old version.
pub fn run(
    new: &Compilation,
    old_effective: Date,
    report: &Report,
    today: Date,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let policy = &new.policy;
    let doc = &new.doc;
    let effective_at = Source::pos_of(&policy.dates.effective);
    let width = policy.dates.effective.value.chars().count();
    let material: Vec<&str> = report
        .changes
        .iter()
        .filter(|c| c.class == Class::Material)
        .map(|c| c.path.as_str())
        .collect();
    if !material.is_empty() {
        let what = format!(
            "{} material change{} ({})",
            material.len(),
            if material.len() == 1 { "" } else { "s" },
            material.join(", ")
        );
        let days = doc.notice_days.unwrap_or(DEFAULT_NOTICE_DAYS);
        let earliest = today.checked_add(i64::from(days).days()).unwrap_or(today);
        // The day every fix agrees on: the changelog entry is dated the
        // effective date the other rules ask for, not the one written now.
        let after_old = old_effective.checked_add(1.day()).unwrap_or(old_effective);
        let target = doc.dates.effective.max(earliest).max(after_old);
        if doc.dates.effective <= old_effective {
            out.push(
                Diagnostic::error(
                    format!("{what}, but the effective date {} is not after the old one ({})", crate::date::iso(doc.dates.effective), crate::date::iso(old_effective)),
                    effective_at,
                )
                .rule(id::NOTICE_EFFECTIVE)
                .width(width)
                .help(format!(
                    "set dates.effective to the day the changes take effect, after the notice period: {} or later",
                    crate::date::iso(target)
                )),
            );
        }
        if doc.dates.effective < earliest {
            out.push(
                Diagnostic::error(
                    format!(
                        "{what} {} effect on {}, less than {days} days after {}",
                        if material.len() == 1 { "takes" } else { "take" },
                        crate::date::iso(doc.dates.effective),
                        crate::date::iso(today)
                    ),
                    effective_at,
                )
                .rule(id::NOTICE_PERIOD)
                .width(width)
                .help(format!(
                    "set dates.effective to {} or later, and publish the notice now",
                    crate::date::iso(earliest)
                )),
            );
        }
        let logged = doc
            .changelog
            .iter()
            .any(|c| (c.date == doc.dates.effective || c.date == target) && c.material);
        if !logged {
            let at = policy
                .changelog
                .first()
                .map_or(effective_at, |c| Source::pos_of(&c.date));
            out.push(
                Diagnostic::error(
                    format!(
                        "{what}, but no changelog entry dated {} says `material: true`",
                        crate::date::iso(doc.dates.effective)
                    ),
                    at,
                )
                .rule(id::NOTICE_CHANGELOG)
                .help(if target == doc.dates.effective {
                    format!(
                        "add to `changelog:` an entry with `date: {}`, a summary, and `material: true`",
                        crate::date::iso(target)
                    )
                } else {
                    format!(
                        "add to `changelog:` an entry with `date: {}` (the new effective date), a summary, and `material: true`",
                        crate::date::iso(target)
                    )
                }),
            );
        }
    }
    // Notice alone does not let a new use reach data already collected
    // under some laws; policyc cannot see whether consent was asked.
    for c in report.changes.iter().filter(|c| c.class == Class::Material) {
        let laws: Vec<String> = c
            .consent
            .iter()
            .filter(|n| n.needs == crate::jurisdiction::Need::Consent)
            .map(|n| format!("{} ({})", n.jurisdiction.id(), n.citation))
            .collect();
        if laws.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::warning(
                format!(
                    "`{}` puts data already collected to a new use: consent is needed first under {}",
                    c.path,
                    laws.join("; ")
                ),
                effective_at,
            )
            .rule(id::CONSENT_NEEDED)
            .width(width)
            .help(format!(
                "ask users' consent before using data collected before {} this way, or apply the change to new data only; then waive `consent-needed` under `waivers:` with the reason",
                crate::date::iso(doc.dates.effective)
            )),
        );
    }
    let content_changed = report.changes.iter().any(|c| c.rule != id::DATES_CHANGED);
    let last_updated_moved = report
        .changes
        .iter()
        .any(|c| c.path == "dates.last_updated");
    // A second change on the day already recorded as the last update needs
    // no new date.
    if content_changed && !last_updated_moved && doc.dates.last_updated < today {
        let at = policy
            .dates
            .last_updated
            .as_ref()
            .map_or(effective_at, Source::pos_of);
        out.push(
            Diagnostic::error("the content changed, but dates.last_updated did not", at)
                .rule(id::LAST_UPDATED_STALE)
                .help("set dates.last_updated to the day of this change"),
        );
    }
    out
}
