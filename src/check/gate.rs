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
    let at = Effective {
        new,
        pos: Source::pos_of(&new.policy.dates.effective),
        width: new.policy.dates.effective.value.chars().count(),
    };
    let mut out = Vec::new();
    let material: Vec<&str> = report
        .changes
        .iter()
        .filter(|c| c.class == Class::Material)
        .map(|c| c.path.as_str())
        .collect();
    if !material.is_empty() {
        notice(&at, &material, old_effective, today, &mut out);
    }
    consent(&at, report, &mut out);
    out.extend(last_updated(&at, report, today));
    out
}

/// Where the gate's findings about dates point: the new effective date.
struct Effective<'a> {
    new: &'a Compilation,
    pos: crate::source::Pos,
    width: usize,
}

/// Material changes need a later effective date, the notice period, and a
/// changelog entry that says so.
fn notice(
    at: &Effective,
    material: &[&str],
    old_effective: Date,
    today: Date,
    out: &mut Vec<Diagnostic>,
) {
    let (policy, doc) = (&at.new.policy, &at.new.doc);
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
    let iso = crate::date::iso;
    if doc.dates.effective <= old_effective {
        out.push(
            Diagnostic::error(
                format!(
                    "{what}, but the effective date {} is not after the old one ({})",
                    iso(doc.dates.effective),
                    iso(old_effective)
                ),
                at.pos,
            )
            .rule(id::NOTICE_EFFECTIVE)
            .width(at.width)
            .help(format!(
                "set dates.effective to the day the changes take effect, after the notice period: {} or later",
                iso(target)
            )),
        );
    }
    if doc.dates.effective < earliest {
        out.push(
            Diagnostic::error(
                format!(
                    "{what} {} effect on {}, less than {days} days after {}",
                    if material.len() == 1 { "takes" } else { "take" },
                    iso(doc.dates.effective),
                    iso(today)
                ),
                at.pos,
            )
            .rule(id::NOTICE_PERIOD)
            .width(at.width)
            .help(format!(
                "set dates.effective to {} or later, and publish the notice now",
                iso(earliest)
            )),
        );
    }
    let logged = doc
        .changelog
        .iter()
        .any(|c| (c.date == doc.dates.effective || c.date == target) && c.material);
    if !logged {
        let pos = policy
            .changelog
            .first()
            .map_or(at.pos, |c| Source::pos_of(&c.date));
        let date = if target == doc.dates.effective {
            format!("`date: {}`", iso(target))
        } else {
            format!("`date: {}` (the new effective date)", iso(target))
        };
        out.push(
            Diagnostic::error(
                format!(
                    "{what}, but no changelog entry dated {} says `material: true`",
                    iso(doc.dates.effective)
                ),
                pos,
            )
            .rule(id::NOTICE_CHANGELOG)
            .help(format!(
                "add to `changelog:` an entry with {date}, a summary, and `material: true`"
            )),
        );
    }
}

/// Notice alone does not let a new use reach data already collected under
/// some laws; policyc cannot see whether consent was asked.
fn consent(at: &Effective, report: &Report, out: &mut Vec<Diagnostic>) {
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
                at.pos,
            )
            .rule(id::CONSENT_NEEDED)
            .width(at.width)
            .help(format!(
                "ask users' consent before using data collected before {} this way, or apply the change to new data only; then waive `consent-needed` under `waivers:` with the reason",
                crate::date::iso(at.new.doc.dates.effective)
            )),
        );
    }
}

/// A content change needs a new `last_updated`, unless that day is today:
/// a second change on the day already recorded needs no new date.
fn last_updated(at: &Effective, report: &Report, today: Date) -> Option<Diagnostic> {
    let content_changed = report.changes.iter().any(|c| c.rule != id::DATES_CHANGED);
    let moved = report
        .changes
        .iter()
        .any(|c| c.path == "dates.last_updated");
    let dates = &at.new.doc.dates;
    if !content_changed || moved || dates.last_updated >= today {
        return None;
    }
    let pos = at
        .new
        .policy
        .dates
        .last_updated
        .as_ref()
        .map_or(at.pos, Source::pos_of);
    Some(
        Diagnostic::error("the content changed, but dates.last_updated did not", pos)
            .rule(id::LAST_UPDATED_STALE)
            .help("set dates.last_updated to the day of this change"),
    )
}
