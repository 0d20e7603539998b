//! Who gets the data and who holds it, as prose says it: a sentence that
//! shares with a recipient, a recipient acting with "we", a company named as
//! a recipient, and a new company called "we".

use std::collections::HashSet;

use super::super::mentions::{companies, shared_with, we_party};
use super::{Finding, has, normal, rule_of, vocabulary};
use crate::rules::Class;

/// Words that deny what follows them.
pub(super) const NOT: [&str; 8] = [
    "not", "never", "no", "nor", "without", "don't", "won't", "doesn't",
];

/// Whether a sentence says outright that data goes to one of `recipients`:
/// a verb of sharing before the recipient, and no negation ("we may provide
/// partners with information about you"). The same test for purposes ("we
/// use ... to personalise ads") flagged more sentences wrongly than rightly
/// on the real corpus, so it is for recipients only.
pub(super) fn shares_with(n: &str, recipients: &[&str]) -> bool {
    const VERBS: [&str; 9] = [
        "share",
        "shares",
        "disclose",
        "discloses",
        "provide",
        "provides",
        "sell",
        "sells",
        "transfer",
    ];
    let words: Vec<&str> = n.split_whitespace().collect();
    let is_recipient = |i: usize| {
        recipients.iter().any(|r| {
            let len = r.split_whitespace().count();
            let phrase = words[i..(i + len).min(words.len())].join(" ");
            phrase == *r || phrase.strip_suffix('s') == Some(r)
        })
    };
    // Each recipient is judged by the verb of sharing nearest before it: a
    // negation among the six words before that verb ("we do not, under any
    // circumstances, share") or "no" after it ("we share no data") denies
    // the flow; one elsewhere ("identifiers not tied to you") does not.
    let mut verb: Option<usize> = None;
    for i in 0..words.len() {
        if VERBS.contains(&words[i]) {
            verb = Some(i);
        } else if let Some(v) = verb.filter(|_| is_recipient(i)) {
            let before = &words[v.saturating_sub(6)..v];
            let denied = before.iter().any(|w| NOT.contains(w))
                || words
                    .get(v + 1)
                    .is_some_and(|w| matches!(*w, "no" | "none"));
            if !denied {
                return true;
            }
        }
    }
    false
}

/// Whether a recipient joins "we" as the one who acts on data ("we and our
/// affiliates, including Microsoft, may use your data"), not as the one who
/// promises ("we and our affiliates are committed to your privacy").
pub(super) fn joins_us(n: &str, recipients: &[&str]) -> bool {
    const ACTS: [&str; 8] = [
        "use",
        "uses",
        "process",
        "processes",
        "collect",
        "collects",
        "share",
        "access",
    ];
    if !ACTS.iter().any(|v| has(n, v)) {
        return false;
    }
    n.match_indices(" we and ").any(|(at, _)| {
        let after = &n[at + " we and".len()..];
        let near: String = after
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        recipients.iter().any(|r| has(&format!(" {near} "), r))
    })
}

/// The companies sentences call "we", normal.
pub(super) fn we_parties<'a>(sentences: impl Iterator<Item = &'a String>) -> HashSet<String> {
    sentences
        .filter_map(|s| we_party(s))
        .map(|name| normal(&name))
        .collect()
}

/// An added sentence that defines as "we" a company the old version never
/// called "we": the one responsible for the data changed.
pub(super) fn new_party(sentence: &str, old_parties: &HashSet<String>) -> Option<Finding> {
    let name = we_party(sentence)?;
    (!old_parties.is_empty() && !old_parties.contains(&normal(&name))).then(|| Finding {
        rule: crate::rules::id::PROSE_NEW_CONTROLLER,
        class: Class::Material,
        what: "new company called \u{201c}we\u{201d}".into(),
        terms: vec![name],
        sentence: sentence.to_string(),
        old: false,
        first_mention: false,
    })
}

/// A company named as a recipient in an added sentence that shares data
/// ("with our affiliates, including Microsoft"), new to the policy.
pub(super) fn named_recipient(
    n: &str,
    sentence: &str,
    title: &str,
    old_text: &str,
) -> Option<Finding> {
    let signal = vocabulary()
        .added
        .iter()
        .find(|s| s.rule == "prose-new-recipient")?;
    if !signal.context.iter().any(|c| has(n, c) || has(title, c)) {
        return None;
    }
    let mut names = companies(sentence);
    for name in shared_with(sentence) {
        if !names.iter().any(|n| n.contains(name.as_str())) {
            names.push(name);
        }
    }
    // A country data goes to is a transfer, not a recipient.
    let transfers = vocabulary()
        .added
        .iter()
        .filter(|s| s.rule == "prose-new-transfer")
        .flat_map(|s| &s.terms);
    let places: Vec<&String> = transfers.collect();
    names.retain(|name| !places.iter().any(|p| normal(name).trim() == p.as_str()));
    let names: Vec<String> = names
        .into_iter()
        .filter(|name| !has(old_text, normal(name).trim()))
        .collect();
    (!names.is_empty()).then(|| Finding {
        rule: rule_of(signal),
        class: Class::Material,
        what: "new recipient named".into(),
        terms: names,
        sentence: sentence.to_string(),
        old: false,
        first_mention: true,
    })
}
