//! What the old policy stated and what it only denied: a practice named
//! only in a denial ("we do not show ads") is new where a sentence states it.

use super::{has, names, parties};

/// The old policy's text as the prose rules compare an added sentence with
/// it: the sentences without a negation, and those with one.
pub(super) struct Old<'a> {
    /// Every sentence, normal, one after another.
    pub all: &'a str,
    /// The sentences without a negation.
    pub text: &'a str,
    /// The sentences with one.
    pub denials: &'a [&'a String],
}

impl Old<'_> {
    /// Whether the old policy named a term other than to deny it.
    pub fn names(&self, term: &str) -> bool {
        names(self.text, term)
            || self
                .denials
                .iter()
                .any(|s| has(s, term) && !negated(s, term))
    }
}

/// Whether every mention of a term in a normal sentence has a negation among
/// the five words before it ("we do not engage in profiling").
pub(super) fn negated(n: &str, term: &str) -> bool {
    // "Including, but not limited to", "without limitation", "whether you
    // allow it or not" deny nothing.
    let n = [" not limited to ", " without limitation ", " or not "]
        .iter()
        .fold(n.to_string(), |n, phrase| n.replace(phrase, " "));
    let needle = format!(" {term}");
    let mut mentions = n.match_indices(&needle).peekable();
    mentions.peek().is_some()
        && mentions.all(|(at, _)| {
            let before: Vec<&str> = n[..at].split_whitespace().rev().take(5).collect();
            before.iter().any(|w| parties::NOT.contains(w))
        })
}
