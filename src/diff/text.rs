//! Texts compared as prose: the change a prose diff amounts to, if any.

use crate::rules::id;
use serde_json::json;

use super::prose::{self, ProseDiff, Verdict};
use super::{Change, change};

/// The change a prose diff amounts to, if any: editorial, substantive or risky.
pub(super) fn prose_change(
    path: &str,
    what: &str,
    diff: &ProseDiff,
    old: &str,
    new: &str,
) -> Option<Change> {
    let (rule, message) = match &diff.verdict {
        Verdict::Same => return None,
        Verdict::Editorial(kind) => (
            id::TEXT_EDITORIAL,
            format!("Editorial change to {what}: {kind} only"),
        ),
        Verdict::Substantive => (id::TEXT_CHANGED, format!("{what} changed")),
        Verdict::Risky(signals) => (
            id::PROSE_RISK,
            format!("{what} changed: {}", signals.join("; ")),
        ),
    };
    Some(change(
        rule,
        path.to_string(),
        capitalized(&message),
        json!(old),
        json!(new),
    ))
}

/// Compares two texts and gives the change they amount to, if any.
pub(super) fn text_change(path: &str, what: &str, old: &str, new: &str) -> Option<Change> {
    prose_change(path, what, &prose::compare(old, new), old, new)
}

pub(super) fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
