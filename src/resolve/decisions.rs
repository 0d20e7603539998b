//! Reviewer decisions and lint waivers: each needs a reason, and the rule it
//! names must exist.

use super::Resolver;
use crate::diag::{Diagnostic, Pos};
use crate::doc;
use crate::model::{Policy, Text};
use crate::rules::{self, Kind};
use crate::source::Source;
use crate::suggest;

impl Resolver<'_> {
    /// Reviewer decisions: each needs a reason, and a rule it names must exist.
    pub(super) fn decisions(&mut self, policy: &Policy) -> Vec<doc::Decision> {
        let mut out = Vec::new();
        for d in &policy.decisions {
            let pos = Source::pos_of(d);
            let Some(reason) = self.reason(
                d.value.reason.as_ref(),
                format!("the decision on `{}` has no reason", d.value.path.value),
                pos,
                "add `reason:` saying why the change is judged so; reviewers and auditors read it",
            ) else {
                continue;
            };
            if let Some(rule) = &d.value.rule {
                let message = format!("unknown change rule `{}`", rule.value);
                if !self.known_rule(
                    rule,
                    |r| matches!(r.kind, Kind::Change(_)),
                    message,
                    "change rules",
                ) {
                    continue;
                }
            }
            out.push(doc::Decision {
                path: d.value.path.value.clone(),
                rule: d.value.rule.as_ref().map(|r| r.value.clone()),
                class: d
                    .value
                    .class
                    .as_ref()
                    .map_or(crate::rules::Class::Editorial, |c| c.value),
                reason: reason.to_string(),
                line: pos.line,
            });
        }
        out
    }

    /// A stated reason, trimmed; a missing or blank one is reported.
    fn reason<'t>(
        &mut self,
        reason: Option<&'t Text>,
        message: String,
        pos: Pos,
        help: &str,
    ) -> Option<&'t str> {
        let text = reason.map_or("", |r| r.value.trim());
        if text.is_empty() {
            self.diags.push(Diagnostic::error(message, pos).help(help));
            return None;
        }
        Some(text)
    }

    /// Whether `rule` names a rule of a kind `accept` takes; if not, reports
    /// `message` with the nearest such rule.
    fn known_rule(
        &mut self,
        rule: &Text,
        accept: impl Fn(&rules::Rule) -> bool,
        message: String,
        what: &str,
    ) -> bool {
        if rules::get(&rule.value).is_some_and(&accept) {
            return true;
        }
        let ids = rules::RULES
            .iter()
            .filter(|r| accept(r))
            .map(|r| r.id.as_str());
        self.diags.push(
            Diagnostic::error(message, Source::pos_of(rule))
                .width(rule.value.chars().count())
                .help_opt(suggest::did_you_mean(&rule.value, ids, what)),
        );
        false
    }

    /// Waivers: each needs a reason and must name a rule that can be switched off.
    pub(super) fn waivers(&mut self, policy: &Policy) -> Vec<(String, String)> {
        // The gate's consent warning too: consent asked is a fact policyc cannot see.
        let waivable = |r: &rules::Rule| {
            matches!(
                r.kind,
                Kind::Lint(_) | Kind::Structure(crate::diag::Severity::Warning)
            ) || r.id == rules::id::CONSENT_NEEDED
        };
        let mut out = Vec::new();
        for w in &policy.waivers {
            let rule = &w.value.rule;
            let message = format!("`{}` is not a rule that can be switched off", rule.value);
            if !self.known_rule(rule, waivable, message, "lint rules") {
                continue;
            }
            let Some(reason) = self.reason(
                w.value.reason.as_ref(),
                format!("the waiver of `{}` has no reason", rule.value),
                Source::pos_of(w),
                "add `reason:` saying why the rule does not apply; the report shows it",
            ) else {
                continue;
            };
            out.push((rule.value.clone(), reason.to_string()));
        }
        out
    }
}
