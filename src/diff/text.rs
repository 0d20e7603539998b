//! Texts compared as prose: the change a prose diff amounts to, if any.

use crate::rules::id;
use serde_json::json;

use super::prose::{self, Piece, ProseDiff, Verdict};
use super::read;
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
        Verdict::Substantive => (
            id::TEXT_CHANGED,
            format!("{what} changed: {}", edits(&diff.pieces)),
        ),
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

/// The first edits of a change as a reader reads them (“Go” to “Please
/// go”), so that a reviewer knows what to judge; link targets left out.
fn edits(pieces: &[Piece]) -> String {
    const SHOWN: usize = 3;
    let mut hunks: Vec<(String, String)> = Vec::new();
    let mut open = false;
    for piece in pieces {
        match piece {
            Piece::Same(_) => open = false,
            Piece::Removed(t) | Piece::Added(t) => {
                if !open {
                    hunks.push(Default::default());
                    open = true;
                }
                let hunk = hunks.last_mut().expect("pushed above");
                let side = if matches!(piece, Piece::Removed(_)) {
                    &mut hunk.0
                } else {
                    &mut hunk.1
                };
                side.push_str(t);
            }
        }
    }
    let read: Vec<String> = hunks
        .iter()
        .map(|(old, new)| (read::as_read(old), read::as_read(new)))
        .filter(|(old, new)| !same_words(old, new))
        .map(|(old, new)| match (old.is_empty(), new.is_empty()) {
            (true, _) => format!("added \u{201c}{}\u{201d}", short(&new)),
            (_, true) => format!("removed \u{201c}{}\u{201d}", short(&old)),
            _ => format!(
                "\u{201c}{}\u{201d} to \u{201c}{}\u{201d}",
                short(&old),
                short(&new)
            ),
        })
        .collect();
    if read.is_empty() {
        // The words are the same: a link that names a way to reach the
        // company leads elsewhere, or only stops moved.
        let targets = |s: &str| -> Vec<String> {
            s.split("](")
                .skip(1)
                .filter_map(|rest| rest.split(')').next())
                .map(str::to_string)
                .collect()
        };
        let moved: Vec<String> = hunks
            .iter()
            .flat_map(|(old, new)| targets(old).into_iter().zip(targets(new)))
            .filter(|(old, new)| old != new)
            .map(|(old, new)| format!("a link now leads to {new} (was {old})"))
            .collect();
        return match moved.first() {
            Some(first) => first.clone(),
            None => "a sentence split or joined".to_string(),
        };
    }
    let mut out = read
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if read.len() > SHOWN {
        out.push_str(&format!("; and {} more", read.len() - SHOWN));
    }
    out
}

/// Whether two runs of words read the same but for punctuation, case or
/// spelling ("honor" and "honour"): edits not worth naming.
fn same_words(old: &str, new: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(old), words(new));
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(x, y)| x == y || prose::spelling_variant(x, y))
}

/// At most about 60 characters of a text.
fn short(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}\u{2026}", &text[..at]),
        None => text.to_string(),
    }
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
