//! Prose: a word diff of one unit of text with `similar`, and what the change
//! is: editorial, substantive, or carrying a risk signal a person must see.

use similar::{Algorithm, ChangeTag, TextDiff};

use serde::Serialize;

/// A run of words in a redline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum Piece {
    Same(String),
    Added(String),
    Removed(String),
}

/// What a prose change amounts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Same,
    /// Only spelling, punctuation, case or whitespace; says which.
    Editorial(&'static str),
    Substantive,
    /// Substantive, with the signals found ("negation removed: not", ...).
    Risky(Vec<String>),
}

pub struct ProseDiff {
    pub pieces: Vec<Piece>,
    pub verdict: Verdict,
}

const NEGATIONS: [&str; 10] = [
    "not", "no", "never", "none", "neither", "nor", "cannot", "without", "nothing", "nobody",
];
const MODALS: [&str; 9] = [
    "may", "might", "will", "shall", "must", "can", "could", "should", "would",
];
const NUMBER_WORDS: [&str; 24] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "forty-five",
    "sixty",
    "ninety",
    "hundred",
    "thousand",
    "once",
    "twice",
    "half",
];
const DURATIONS: [&str; 12] = [
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
    "business", "calendar",
];
const COMPANY_SUFFIXES: [&str; 10] = [
    "inc",
    "llc",
    "ltd",
    "corp",
    "corporation",
    "gmbh",
    "plc",
    "llp",
    "co",
    "limited",
];

/// Diffs two texts word by word and judges the change.
pub fn compare(old: &str, new: &str) -> ProseDiff {
    if old == new {
        return ProseDiff {
            pieces: vec![Piece::Same(old.to_string())],
            verdict: Verdict::Same,
        };
    }
    let diff = TextDiff::configure()
        // Myers: on near-identical prose it is faster than Patience, and as readable.
        .algorithm(Algorithm::Myers)
        .diff_words(old, new);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    let mut added: Vec<String> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => push(&mut pieces, Piece::Same(text.to_string())),
            ChangeTag::Delete => {
                removed.extend(words(text));
                push(&mut pieces, Piece::Removed(text.to_string()));
            }
            ChangeTag::Insert => {
                added.extend(words(text));
                push(&mut pieces, Piece::Added(text.to_string()));
            }
        }
    }
    let verdict = judge(old, new, &removed, &added);
    ProseDiff { pieces, verdict }
}

/// Appends a piece, merging it with the last one of the same kind.
fn push(pieces: &mut Vec<Piece>, piece: Piece) {
    match (pieces.last_mut(), &piece) {
        (Some(Piece::Same(a)), Piece::Same(b))
        | (Some(Piece::Added(a)), Piece::Added(b))
        | (Some(Piece::Removed(a)), Piece::Removed(b)) => a.push_str(b),
        _ => pieces.push(piece),
    }
}

/// The words of a text, lowercased, without surrounding punctuation.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '\'' && c != '’')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The letters and digits of a text, lowercased: what is left when punctuation,
/// case and spacing are set aside. Lazy, because it runs on every changed unit.
fn letters(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

fn judge(old: &str, new: &str, removed: &[String], added: &[String]) -> Verdict {
    if old.split_whitespace().eq(new.split_whitespace()) {
        return Verdict::Editorial("whitespace");
    }
    if letters(old).eq(letters(new)) {
        return Verdict::Editorial("punctuation or case");
    }
    let signals = signals(removed, added);
    if !signals.is_empty() {
        return Verdict::Risky(signals);
    }
    let spelling = removed.len() == added.len()
        && removed.iter().zip(added).all(|(a, b)| {
            let d = strsim::damerau_levenshtein(a, b);
            d <= 2 && d * 3 <= a.chars().count().max(b.chars().count())
        });
    if spelling {
        Verdict::Editorial("spelling")
    } else {
        Verdict::Substantive
    }
}

fn is_negation(w: &str) -> bool {
    NEGATIONS.contains(&w) || w.ends_with("n't") || w.ends_with("n’t")
}

fn count(words: &[String], pred: impl Fn(&str) -> bool) -> Vec<&str> {
    words
        .iter()
        .map(String::as_str)
        .filter(|w| pred(w))
        .collect()
}

/// The prose-risk signals of LEGAL.md §1 in the words a change removed and added.
fn signals(removed: &[String], added: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let (neg_old, neg_new) = (count(removed, is_negation), count(added, is_negation));
    if neg_old.len() > neg_new.len() {
        out.push(format!(
            "negation removed (\u{201c}{}\u{201d})",
            neg_old.join(" ")
        ));
    } else if neg_new.len() > neg_old.len() {
        out.push(format!(
            "negation added (\u{201c}{}\u{201d})",
            neg_new.join(" ")
        ));
    }
    let is_modal = |w: &str| MODALS.contains(&w);
    let (m_old, m_new) = (count(removed, is_modal), count(added, is_modal));
    if m_old != m_new && !(m_old.is_empty() && m_new.is_empty()) {
        out.push(match (m_old.is_empty(), m_new.is_empty()) {
            (true, false) => format!("modal added (\u{201c}{}\u{201d})", m_new.join(" ")),
            (false, true) => format!("modal removed (\u{201c}{}\u{201d})", m_old.join(" ")),
            _ => format!(
                "modal changed (\u{201c}{}\u{201d} to \u{201c}{}\u{201d})",
                m_old.join(" "),
                m_new.join(" ")
            ),
        });
    }
    let is_number = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&w) || DURATIONS.contains(&w)
    };
    let (n_old, n_new) = (count(removed, is_number), count(added, is_number));
    if n_old != n_new {
        out.push(format!(
            "number or duration changed (\u{201c}{}\u{201d} to \u{201c}{}\u{201d})",
            n_old.join(" "),
            n_new.join(" ")
        ));
    }
    for w in added {
        if w.contains('@') && w.contains('.') {
            out.push(format!("new email address ({w})"));
        } else if w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.") {
            out.push(format!("new URL ({w})"));
        } else if COMPANY_SUFFIXES.contains(&w.trim_end_matches('.')) && !removed.contains(w) {
            out.push(format!("new company name (\u{201c}{w}\u{201d})"));
        }
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(old: &str, new: &str) -> Verdict {
        compare(old, new).verdict
    }

    #[test]
    fn negation_flip_is_a_risk() {
        let v = verdict("We do not sell your data.", "We may sell your data.");
        let Verdict::Risky(signals) = v else {
            panic!("{v:?}")
        };
        assert!(
            signals.iter().any(|s| s.starts_with("negation removed")),
            "{signals:?}"
        );
        assert!(
            signals.iter().any(|s| s.starts_with("modal added")),
            "{signals:?}"
        );
    }

    #[test]
    fn durations_and_contacts_are_risks() {
        assert!(matches!(
            verdict("kept for 30 days", "kept for 90 days"),
            Verdict::Risky(_)
        ));
        assert!(matches!(
            verdict("write to us", "write to legal@x.example"),
            Verdict::Risky(_)
        ));
        assert!(matches!(
            verdict("our partners", "our partners and Adco Inc."),
            Verdict::Risky(_)
        ));
    }

    #[test]
    fn typos_punctuation_and_whitespace_are_editorial() {
        assert_eq!(
            verdict("We recieve data.", "We receive data."),
            Verdict::Editorial("spelling")
        );
        assert_eq!(
            verdict("We receive data", "We receive data."),
            Verdict::Editorial("punctuation or case")
        );
        assert_eq!(
            verdict("We  receive\ndata.", "We receive data."),
            Verdict::Editorial("whitespace")
        );
    }

    #[test]
    fn other_rewording_is_substantive() {
        assert_eq!(
            verdict("We use cookies for login.", "We use cookies for analytics."),
            Verdict::Substantive
        );
    }

    #[test]
    fn pieces_rebuild_both_texts() {
        let d = compare("a b c d", "a x c d e");
        let old: String = d
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Same(t) | Piece::Removed(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        let new: String = d
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Same(t) | Piece::Added(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(old, "a b c d");
        assert_eq!(new, "a x c d e");
    }
}
