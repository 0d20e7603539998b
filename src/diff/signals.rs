//! Prose signals: sentences added to a policy that name a new recipient,
//! purpose, kind of data, tracking technology, transfer or controller, and
//! sentences taken out that made a promise. Each is a named rule with the
//! words that triggered it (`vocabulary.yaml`, which a legal team can extend).
//! Sentences are compared across the whole policy, so a sentence moved to
//! another section is neither removed nor added.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::json;

use super::mentions::{age_threshold, longest_period};
use super::rewrites::{self, Rewrites};
use super::{Change, change};
use crate::doc::Document;
use crate::rules::{self, Class, RuleId};
use parties::{joins_us, named_recipient, new_party, shares_with};

mod denials;
mod labels;
mod parties;
mod sentences;

use denials::{Old, negated};
pub use sentences::Moved;
use sentences::{Unit, moved_only, units};

#[derive(Debug, Deserialize)]
struct Vocabulary {
    added: Vec<Signal>,
    removed: Vec<Signal>,
    promises: Promises,
    retention_words: Vec<String>,
    rights_words: Vec<String>,
    changelog_titles: Vec<String>,
    exceptions: Signal,
    limits: Signal,
    /// Terms that name the same thing ("birthday", "date of birth").
    same: Vec<Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct Promises {
    rule: String,
    what: String,
    negations: Vec<String>,
    practices: Vec<String>,
}

impl Promises {
    /// Whether a normal sentence promises not to do something.
    fn in_sentence(&self, n: &str) -> bool {
        self.negations.iter().any(|w| has(n, w)) && self.practices.iter().any(|w| has(n, w))
    }
}

#[derive(Debug, Deserialize)]
struct Signal {
    rule: String,
    what: String,
    #[serde(default)]
    context: Vec<String>,
    terms: Vec<String>,
}

fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        crate::load::data(include_str!("vocabulary.yaml"))
            .unwrap_or_else(|e| panic!("src/diff/vocabulary.yaml is not valid: {e}"))
    })
}

fn rule_of(signal: &Signal) -> RuleId {
    rules::get(&signal.rule)
        .unwrap_or_else(|| panic!("vocabulary.yaml names an unknown rule `{}`", signal.rule))
        .id
}

/// A sentence for comparing: lower case, words only, with a space at each end
/// so that whole words can be looked for as ` word `.
fn normal(s: &str) -> String {
    let words: Vec<String> = s
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    format!(" {} ", words.join(" "))
}

/// Whether a normal text holds a term as whole words (a plural `s` allowed).
fn has(normal: &str, term: &str) -> bool {
    normal.contains(&format!(" {term} ")) || normal.contains(&format!(" {term}s "))
}

/// Whether a normal text names a term, in its words or in words that name
/// the same thing (`same` in the vocabulary).
fn names(normal: &str, term: &str) -> bool {
    has(normal, term)
        || vocabulary()
            .same
            .iter()
            .filter(|group| group.iter().any(|t| t == term))
            .flatten()
            .any(|t| has(normal, t))
}

/// The terms of a list a sentence holds, longest first, without the ones
/// inside a longer one found.
fn found<'a>(normal: &str, terms: &'a [String]) -> Vec<&'a str> {
    let mut hits: Vec<&str> = terms
        .iter()
        .map(String::as_str)
        .filter(|t| has(normal, t))
        .collect();
    hits.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut kept: Vec<&str> = Vec::new();
    for t in hits {
        if !kept.iter().any(|k| has(&format!(" {k} "), t)) {
            kept.push(t);
        }
    }
    kept
}

/// The findings of each rule in each text (by path): the text's label and
/// section, and the findings.
type Findings = BTreeMap<(String, RuleId), (String, Option<String>, Vec<Finding>)>;

/// One finding before findings of one rule in one text are merged.
struct Finding {
    rule: RuleId,
    class: Class,
    what: String,
    terms: Vec<String>,
    sentence: String,
    old: bool,
    /// Material because its terms are new to the policy: only where they
    /// first appear (a flow stated in a sentence is material wherever it is).
    first_mention: bool,
}

impl Finding {
    /// A finding in a sentence of the old version.
    fn removed(
        rule: RuleId,
        class: Class,
        what: String,
        terms: Vec<String>,
        sentence: &str,
    ) -> Self {
        Finding {
            rule,
            class,
            what,
            terms,
            sentence: sentence.to_string(),
            old: true,
            first_mention: false,
        }
    }
}

/// The changes the prose signals give between two versions.
pub fn compare(
    old: &Document,
    new: &Document,
    renamed: &BTreeMap<String, String>,
) -> (Vec<Change>, Moved) {
    let (mut old_units, new_units) = (units(old), units(new));
    // A renamed section's old text is the text of the section it became.
    for unit in &mut old_units {
        if let Some(id) = unit.section.as_ref().and_then(|s| renamed.get(s)) {
            unit.path = format!("sections.{id}.body");
            unit.section = Some(id.clone());
        }
    }
    let moved = moved_only(&old_units, &new_units);
    let sides = Sides {
        old_all: old_units.iter().flat_map(normals).collect(),
        new_all: new_units.iter().flat_map(normals).collect(),
        old: old_units,
        new: new_units,
    };
    // Sentences new to the policy, to pair a removed one with its rewrite,
    // and the ones taken out, to find the sentence an added one rewrites.
    // Sorted, so that a tie between two rewrites is broken the same way on
    // every run.
    let mut added: Vec<String> = sides.new_all.difference(&sides.old_all).cloned().collect();
    let mut removed: Vec<String> = sides.old_all.difference(&sides.new_all).cloned().collect();
    added.sort_unstable();
    removed.sort_unstable();
    let ranks = rewrites::ranks(&[&added, &removed]);
    let mut findings: Findings = BTreeMap::new();
    sides.find_added(&Rewrites::new(&removed, &ranks), &mut findings);
    sides.find_removed(&Rewrites::new(&added, &ranks), &mut findings);
    let changes = findings
        .into_iter()
        .map(|((path, rule), (label, section, list))| merged(path, rule, &label, section, list))
        .collect();
    (changes, moved)
}

/// A text's sentences, normal.
fn normals<'u>(unit: &'u Unit<'_>) -> impl Iterator<Item = String> + 'u {
    unit.normals.iter().cloned()
}

/// The two versions' texts, and the set of each one's sentences.
struct Sides<'a> {
    old: Vec<Unit<'a>>,
    new: Vec<Unit<'a>>,
    old_all: HashSet<String>,
    new_all: HashSet<String>,
}

impl Sides<'_> {
    /// The findings in sentences new to the policy; `origins` pairs each
    /// with the removed sentence it rewrites.
    fn find_added(&self, origins: &Rewrites, findings: &mut Findings) {
        // The old policy's text, without the sentences that only deny: a
        // practice it named only to deny it ("We have no intention to
        // introduce ads") is new where a sentence now states it.
        let old_all: String = self.old_all.iter().map(String::as_str).collect();
        let (denials, plain): (Vec<&String>, Vec<&String>) = self
            .old_all
            .iter()
            .partition(|s| parties::NOT.iter().any(|w| has(s, w)));
        let old_text: String = plain.into_iter().map(String::as_str).collect();
        let old = Old {
            all: &old_all,
            text: &old_text,
            denials: &denials,
        };
        let old_by_section: BTreeMap<&str, String> = self
            .old
            .iter()
            .map(|u| (u.path.as_str(), normals(u).collect()))
            .collect();
        let old_parties = parties::we_parties(self.old.iter().flat_map(|u| &u.sentences));
        // A new term is material where it first appears; elsewhere, to review.
        let mut seen: HashSet<(RuleId, String)> = HashSet::new();
        // The lead last: an introduction sums up what a section then states,
        // so a term first in both is the section's finding.
        let ordered = self.new[1..].iter().chain(&self.new[..1]);
        for unit in ordered {
            let before = old_by_section
                .get(unit.path.as_str())
                .map_or("", String::as_str);
            let texts = unit.sentences.iter().zip(&unit.normals);
            for ((sentence, n), column) in texts.zip(&unit.columns) {
                let n = n.clone();
                if self.old_all.contains(&n) {
                    continue;
                }
                let origin = origins.best(&n);
                let title = format!("{}{column}", unit.title);
                let mut list = added_findings(&n, sentence, &old, (before, &title), origin);
                list.extend(new_party(sentence, &old_parties));
                for mut f in list {
                    if f.class == Class::Material && f.first_mention {
                        first_mention_only(&mut f, &mut seen);
                    }
                    file(findings, unit, f);
                }
            }
        }
    }

    /// The findings in sentences taken out of the policy; `rewrites` pairs
    /// each with the added sentence that rewrites it.
    fn find_removed(&self, rewrites: &Rewrites, findings: &mut Findings) {
        // Each new text's sentences, in order.
        let new_by_path: BTreeMap<&str, Vec<String>> = self
            .new
            .iter()
            .map(|u| (u.path.as_str(), normals(u).collect()))
            .collect();
        let empty = Vec::new();
        for unit in &self.old {
            let now = new_by_path.get(unit.path.as_str()).unwrap_or(&empty);
            for (at, (sentence, n)) in unit.sentences.iter().zip(&unit.normals).enumerate() {
                if self.new_all.contains(n) {
                    continue;
                }
                let rewrite = rewrites.best(n);
                let nearby = in_its_place(&unit.normals, at, now, &self.new_all, &self.old_all);
                for f in removed_findings(n, sentence, rewrite, &nearby) {
                    file(findings, unit, f);
                }
            }
        }
    }
}

/// Keeps in a material finding only the terms not already found material
/// elsewhere; with none left, it is to review.
fn first_mention_only(f: &mut Finding, seen: &mut HashSet<(RuleId, String)>) {
    let first: Vec<String> = f
        .terms
        .iter()
        .filter(|t| !seen.contains(&(f.rule, (*t).clone())))
        .cloned()
        .collect();
    seen.extend(f.terms.iter().map(|t| (f.rule, t.clone())));
    if first.is_empty() {
        f.class = Class::Review;
    } else {
        f.terms = first;
    }
}

/// Files a finding under its text and rule.
fn file(findings: &mut Findings, unit: &Unit, f: Finding) {
    findings
        .entry((unit.path.clone(), f.rule))
        .or_insert_with(|| (unit.label.clone(), unit.section.clone(), Vec::new()))
        .2
        .push(f);
}

/// The sentences added in place of the old text's sentence `at`: those the
/// new text has between the kept sentences around it (a rewrite split in two).
/// All sentences are normal.
fn in_its_place(
    old: &[String],
    at: usize,
    now: &[String],
    new_all: &HashSet<String>,
    old_all: &HashSet<String>,
) -> Vec<String> {
    let kept = |s: &&String| new_all.contains(*s);
    let before = old[..at].iter().rev().find(kept);
    let after = old[at + 1..].iter().find(kept);
    let from = before
        .and_then(|b| now.iter().position(|s| s == b))
        .map_or(0, |i| i + 1);
    let to = after
        .and_then(|a| now.iter().position(|s| s == a))
        .unwrap_or(now.len());
    now.get(from..to.max(from))
        .unwrap_or_default()
        .iter()
        .filter(|s| !old_all.contains(*s))
        .cloned()
        .collect()
}

/// Findings in a sentence added to the policy; `origin` is the sentence it
/// rewrites, if any: a term added to a sentence that was there before (a
/// recipient joined to a list) is as strong as a term new to the policy.
fn added_findings(
    n: &str,
    sentence: &str,
    old: &Old,
    (before, title): (&str, &str),
    origin: Option<&str>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    // A sentence about a right names practices as what users may refuse.
    let about_a_right = vocabulary().rights_words.iter().any(|w| has(n, w));
    // "If you choose to sync your contacts, we will collect ... phone
    // numbers": data the user chooses to give, which a reviewer weighs. What
    // is then done with it (a purpose, a recipient) is judged as ever.
    let user_gives = [
        "if you choose",
        "you can choose",
        "if you decide",
        "if you opt",
        "optionally",
        "if you provide",
        "if you connect",
        "if you link",
        "you may choose",
    ]
    .iter()
    .any(|w| has(n, w));
    let strong = !about_a_right;
    if let Some(f) = named_recipient(n, sentence, title, origin.unwrap_or(old.all)) {
        out.push(f);
    }
    if let Some(f) = labels::new_label(n, sentence, title, old.all) {
        out.push(f);
    }
    for signal in &vocabulary().added {
        // "You can delete any post, regardless of when you posted it" gives
        // users a right over old data; it puts none of it to a new use.
        let users_act = has(n, "you can") || has(n, "you may");
        if signal.rule == "prose-retroactive-use" && (about_a_right || users_act) {
            continue;
        }
        let mut terms: Vec<&str> = found(n, &signal.terms);
        if signal.rule == "prose-new-transfer" {
            // "Transfers out of Canada": the country data leaves is no destination.
            terms.retain(|t| {
                n.match_indices(&format!(" {t} ")).any(|(at, _)| {
                    let before: Vec<&str> = n[..at].split_whitespace().rev().take(6).collect();
                    !before
                        .iter()
                        .any(|w| matches!(*w, "outside" | "out" | "inside" | "within"))
                })
            });
        }
        let new_to_policy: Vec<&str> = terms.iter().copied().filter(|t| !old.names(t)).collect();
        let new_here: Vec<&str> = terms
            .iter()
            .copied()
            .filter(|t| !names(before, t))
            .collect();
        let added_to_sentence: Vec<&str> = match origin {
            Some(o) => terms.iter().copied().filter(|t| !names(o, t)).collect(),
            None => Vec::new(),
        };
        let context = signal.context.iter().any(|c| has(n, c) || has(title, c))
            || signal.rule == "prose-new-recipient" && joins_us(n, &terms);
        // A practice named only to be denied ("we never share your
        // information with advertisers") is a promise, not a flow.
        let denied = if signal.rule == "prose-new-recipient" {
            parties::NOT.iter().any(|w| has(n, w)) && !shares_with(n, &new_to_policy)
        } else {
            // "Our Services are not directed to children", "we do not
            // engage in profiling": each mention has a negation before it.
            !new_to_policy.is_empty() && new_to_policy.iter().all(|t| negated(n, t))
        };
        let user_starts = user_gives && signal.rule == "prose-new-data";
        let fresh = !new_to_policy.is_empty() && context && !denied && !user_starts;
        let (class, terms) = if fresh {
            (Class::Material, new_to_policy)
        } else if !added_to_sentence.is_empty() && context && strong && !user_starts {
            (Class::Material, added_to_sentence)
        } else if !new_to_policy.is_empty() {
            (Class::Review, new_to_policy)
        } else if signal.rule == "prose-new-recipient"
            && strong
            && origin.is_none()
            && shares_with(n, &terms)
        {
            // A new sentence that says outright that data goes to a kind of
            // recipient is a new flow, even where the kind was named before.
            (Class::Material, terms.clone())
        } else if !new_here.is_empty() && context {
            (Class::Review, new_here)
        } else {
            continue;
        };
        out.push(Finding {
            rule: rule_of(signal),
            class,
            what: signal.what.clone(),
            first_mention: class == Class::Material && fresh,
            terms: terms.iter().map(|t| t.to_string()).collect(),
            sentence: sentence.to_string(),
            old: false,
        });
    }
    out
}

/// Findings in a sentence the policy no longer has, given its closest rewrite
/// and the sentences added to its text.
fn removed_findings(
    n: &str,
    sentence: &str,
    rewrite: Option<&str>,
    nearby: &[String],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let promises = &vocabulary().promises;
    if promises.in_sentence(n) && rewrite.is_none_or(|r| !promises.in_sentence(r)) {
        let rule = rules::get(&promises.rule)
            .map_or(crate::rules::id::PROSE_COMMITMENT_WITHDRAWN, |r| r.id);
        out.push(Finding::removed(
            rule,
            Class::Material,
            promises.what.clone(),
            Vec::new(),
            sentence,
        ));
    }
    let about_keeping = |s: &str| vocabulary().retention_words.iter().any(|w| has(s, w));
    // Without a rewrite, the periods of the sentences about keeping data
    // that were added beside it ("deleted immediately" became "we keep your
    // data for 30 days. After 30 days, ...").
    let after = match rewrite {
        Some(r) => longest_period(r),
        None if about_keeping(n) => nearby
            .iter()
            .filter(|s| about_keeping(s))
            .filter_map(|s| longest_period(s))
            .reduce(f64::max),
        None => None,
    };
    if let (Some(before), Some(after)) = (longest_period(n), after)
        && after > before
        && (about_keeping(n) || rewrite.is_some_and(about_keeping))
    {
        out.push(Finding::removed(
            crate::rules::id::PROSE_RETENTION_LONGER,
            Class::Material,
            "period made longer".into(),
            Vec::new(),
            sentence,
        ));
    }
    if let (Some(before), Some(after)) = (age_threshold(n), rewrite.and_then(age_threshold))
        && after < before
    {
        out.push(Finding::removed(
            crate::rules::id::PROSE_RIGHTS_NARROWED,
            Class::Material,
            format!("age limit lowered from {before} to {after}"),
            Vec::new(),
            sentence,
        ));
    }
    for signal in &vocabulary().removed {
        // "Send you communications by email" promised no notice of changes.
        if !signal.context.is_empty() && !signal.context.iter().any(|c| has(n, c)) {
            continue;
        }
        let lost: Vec<&str> = found(n, &signal.terms)
            .into_iter()
            .filter(|t| rewrite.is_none_or(|r| !names(r, t)))
            .collect();
        if lost.is_empty() {
            continue;
        }
        let rule = rule_of(signal);
        out.push(Finding::removed(
            rule,
            rules::class_of(rule),
            signal.what.clone(),
            lost.iter().map(|t| t.to_string()).collect(),
            sentence,
        ));
    }
    out.extend(limit_taken_out(n, sentence, rewrite));
    // A promise kept in the rewrite, but with a way out added.
    let exceptions = &vocabulary().exceptions;
    let promised = vocabulary()
        .removed
        .first()
        .is_some_and(|s| !found(n, &s.terms).is_empty());
    if let Some(r) = rewrite.filter(|_| promised) {
        let added: Vec<&str> = found(r, &exceptions.terms)
            .into_iter()
            .filter(|t| !has(n, t))
            .collect();
        if !added.is_empty() {
            out.push(Finding::removed(
                rule_of(exceptions),
                Class::Material,
                exceptions.what.clone(),
                added.iter().map(|t| t.to_string()).collect(),
                sentence,
            ));
        }
    }
    out
}

/// A practice kept in the rewrite, but without the word that limited it
/// ("ads based on your general location" to "... your location"). A limit
/// said in other words ("anonymized" for "de-identified") stays a limit.
fn limit_taken_out(n: &str, sentence: &str, rewrite: Option<&str>) -> Option<Finding> {
    let limits = &vocabulary().limits;
    let r = rewrite.filter(|r| found(r, &limits.terms).is_empty())?;
    let lost: Vec<String> = found(n, &limits.terms)
        .into_iter()
        .filter(|t| !has(r, t))
        .map(str::to_string)
        .collect();
    let (rule, what) = (rule_of(limits), limits.what.clone());
    (!lost.is_empty()).then(|| Finding::removed(rule, Class::Material, what, lost, sentence))
}

/// The findings of one rule in one text as one change.
fn merged(
    path: String,
    rule: RuleId,
    label: &str,
    section: Option<String>,
    list: Vec<Finding>,
) -> Change {
    let class = if list.iter().any(|f| f.class == Class::Material) {
        Class::Material
    } else {
        Class::Review
    };
    let strongest: Vec<&Finding> = list.iter().filter(|f| f.class == class).collect();
    let mut terms: Vec<&str> = strongest
        .iter()
        .flat_map(|f| f.terms.iter().map(String::as_str))
        .collect();
    terms.sort_unstable();
    terms.dedup();
    let first = strongest[0];
    let quote: String = first.sentence.chars().take(240).collect();
    let ellipsis = if first.sentence.chars().count() > 240 {
        "…"
    } else {
        ""
    };
    let where_ = if first.old { "taken out of" } else { "in" };
    let listed = if terms.is_empty() {
        String::new()
    } else {
        format!(": {}", terms.join(", "))
    };
    let message = format!(
        "{}{listed} ({where_} {label}: \u{201c}{quote}{ellipsis}\u{201d})",
        capital(&first.what),
    );
    let (old, new) = if first.old {
        (json!(first.sentence), json!(null))
    } else {
        (json!(null), json!(first.sentence))
    };
    let mut c = change(rule, path, message, old, new);
    c.class = class;
    c.section = section;
    c.reason = Some(format!("{}{listed}", capital(&first.what)));
    // Users are told the practice in the policy's own words, not the rule.
    c.notice = Some(if first.old {
        format!("We took this out of {label}: \u{201c}{quote}{ellipsis}\u{201d}")
    } else {
        format!("We added to {label}: \u{201c}{quote}{ellipsis}\u{201d}")
    });
    c
}

fn capital(s: &str) -> String {
    super::text::capitalized(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_names_known_rules() {
        let v = vocabulary();
        for s in v
            .added
            .iter()
            .chain(&v.removed)
            .chain([&v.exceptions, &v.limits])
        {
            assert!(rules::get(&s.rule).is_some(), "{}", s.rule);
            assert!(
                s.terms.iter().all(|t| t == &t.to_lowercase()),
                "{}: terms are lower case",
                s.rule
            );
        }
    }

    #[test]
    fn whole_words_and_plurals_are_found() {
        let n = normal("We share data with our Advertising Partners.");
        assert!(has(&n, "advertising partner"));
        assert!(!has(&n, "advert"));
        assert_eq!(
            found(&n, &["partner".into(), "advertising partner".into()]),
            ["advertising partner"]
        );
    }
}
