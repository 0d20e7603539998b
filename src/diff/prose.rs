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
    // Only the words between the shared start and end are diffed: Myers
    // would find the same shared tokens, after tokenizing all of them.
    let (start, end) = shared_words(old, new);
    let diff = TextDiff::configure()
        // Myers: on near-identical prose it is faster than Patience, and as readable.
        .algorithm(Algorithm::Myers)
        .diff_words(&old[start..old.len() - end], &new[start..new.len() - end]);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    let mut added: Vec<String> = Vec::new();
    push(&mut pieces, ChangeTag::Equal, &old[..start]);
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => {}
            ChangeTag::Delete => removed.extend(words(text)),
            ChangeTag::Insert => added.extend(words(text)),
        }
        push(&mut pieces, change.tag(), text);
    }
    push(&mut pieces, ChangeTag::Equal, &old[old.len() - end..]);
    let verdict = judge(old, new, &removed, &added);
    ProseDiff { pieces, verdict }
}

/// How many tokens of shared text stay on each side of the part diffed.
/// similar slides an insertion or deletion along equal tokens so that it
/// starts at a word ("Data [do ]we", not "Data[ do] we"); the margin gives it
/// the room. In prose a slide is a token or two. Along a run of repeated words
/// longer than the margin it can be longer: there the redline marks the same
/// words as a whole-text diff would, at another place in the run.
const MARGIN_TOKENS: usize = 16;

/// The byte lengths of the start and the end two texts share, in whole
/// tokens of a word diff (words and runs of whitespace), less a margin of
/// [`MARGIN_TOKENS`]. The start is the tokens the texts share, as Myers takes
/// them before anything else, so diffing what lies between gives the pieces
/// of a diff of the whole texts (but see [`MARGIN_TOKENS`]), without
/// tokenizing all of them.
fn shared_words(old: &str, new: &str) -> (usize, usize) {
    let same = shared_start(old, new);
    let start = (0..=same)
        .rev()
        .find(|&i| old.is_char_boundary(i) && token_edge(old, i) && token_edge(new, i))
        .unwrap_or(0);
    let (old_rest, new_rest) = (&old[start..], &new[start..]);
    let from = old_rest.len() - shared_end(old_rest, new_rest);
    // The same place counted from the end of the other text.
    let in_new = |i: usize| new_rest.len() - (old_rest.len() - i);
    let end = (from..=old_rest.len())
        .find(|&i| {
            old_rest.is_char_boundary(i)
                && token_edge(old_rest, i)
                && token_edge(new_rest, in_new(i))
        })
        .map_or(0, |i| old_rest.len() - i);
    let start = (0..MARGIN_TOKENS).fold(start, |at, _| previous_edge(old, at));
    let end_at = (0..MARGIN_TOKENS).fold(old.len() - end, |at, _| next_edge(old, at));
    (start, old.len() - end_at)
}

/// The token edge before byte `at` (see [`token_edge`]), or 0.
fn previous_edge(text: &str, at: usize) -> usize {
    let mut chars = text[..at].char_indices().rev();
    let Some((mut edge, first)) = chars.next() else {
        return 0;
    };
    for (i, c) in chars {
        if c.is_whitespace() != first.is_whitespace() {
            break;
        }
        edge = i;
    }
    edge
}

/// The token edge after byte `at`, or the end of the text.
fn next_edge(text: &str, at: usize) -> usize {
    let mut chars = text[at..].char_indices();
    let Some((_, first)) = chars.next() else {
        return text.len();
    };
    chars
        .find(|(_, c)| c.is_whitespace() != first.is_whitespace())
        .map_or(text.len(), |(i, _)| at + i)
}

/// Whether a word diff's tokens of `text` start or end at byte `i`: at either
/// end of the text, or between whitespace and not.
fn token_edge(text: &str, i: usize) -> bool {
    match (text[..i].chars().next_back(), text[i..].chars().next()) {
        (Some(before), Some(after)) => before.is_whitespace() != after.is_whitespace(),
        _ => true,
    }
}

/// How many bytes two texts share at their start, in whole characters.
fn shared_start(a: &str, b: &str) -> usize {
    let mut same = shared_bytes(a.bytes(), b.bytes());
    while !a.is_char_boundary(same) {
        same -= 1;
    }
    same
}

/// How many bytes two texts share at their end, in whole characters.
fn shared_end(a: &str, b: &str) -> usize {
    let mut same = shared_bytes(a.bytes().rev(), b.bytes().rev());
    while !a.is_char_boundary(a.len() - same) {
        same -= 1;
    }
    same
}

/// How many bytes two sequences share from their start.
fn shared_bytes(a: impl Iterator<Item = u8>, b: impl Iterator<Item = u8>) -> usize {
    a.zip(b).take_while(|(x, y)| x == y).count()
}

/// Appends a token, to the last piece when it is of the same kind: a piece
/// is allocated once per run of tokens, not once per word.
fn push(pieces: &mut Vec<Piece>, tag: ChangeTag, text: &str) {
    if text.is_empty() {
        return;
    }
    match (pieces.last_mut(), tag) {
        (Some(Piece::Same(a)), ChangeTag::Equal)
        | (Some(Piece::Added(a)), ChangeTag::Insert)
        | (Some(Piece::Removed(a)), ChangeTag::Delete) => a.push_str(text),
        _ => pieces.push(match tag {
            ChangeTag::Equal => Piece::Same(text.to_string()),
            ChangeTag::Insert => Piece::Added(text.to_string()),
            ChangeTag::Delete => Piece::Removed(text.to_string()),
        }),
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
    // Both checks look only at where the texts differ: what they share at
    // either end cannot make their words or their letters differ.
    let (old_mid, new_mid) = differing(old, new, char::is_whitespace);
    if old_mid.split_whitespace().eq(new_mid.split_whitespace()) {
        return Verdict::Editorial("whitespace");
    }
    let (old_mid, new_mid) = differing(old, new, |_| true);
    if letters(old_mid).eq(letters(new_mid)) {
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

/// The parts of two texts between what they share at the start and at the
/// end. The shared start ends, and the shared end starts, at a character
/// `boundary` accepts (whitespace, for comparing words: a word cut in two
/// would compare as two words), or at either end of the text.
fn differing<'a>(
    old: &'a str,
    new: &'a str,
    boundary: impl Fn(char) -> bool,
) -> (&'a str, &'a str) {
    let same = shared_start(old, new);
    // Just after the last `boundary` character of the shared start.
    let start = old[..same]
        .char_indices()
        .rev()
        .find(|&(_, c)| boundary(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (old_rest, new_rest) = (&old[start..], &new[start..]);
    let from = old_rest.len() - shared_end(old_rest, new_rest);
    // At the first `boundary` character of the shared end.
    let end = old_rest[from..]
        .char_indices()
        .find(|&(_, c)| boundary(c))
        .map_or(0, |(i, _)| old_rest.len() - from - i);
    (
        &old_rest[..old_rest.len() - end],
        &new_rest[..new_rest.len() - end],
    )
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

    /// A word diff of the whole texts, as `compare` did before it cut them:
    /// its pieces, and the words it removed and added.
    fn whole_diff(old: &str, new: &str) -> (Vec<Piece>, Vec<String>, Vec<String>) {
        let diff = TextDiff::configure()
            .algorithm(Algorithm::Myers)
            .diff_words(old, new);
        let (mut pieces, mut removed, mut added) = (Vec::new(), Vec::new(), Vec::new());
        for change in diff.iter_all_changes() {
            match change.tag() {
                ChangeTag::Equal => {}
                ChangeTag::Delete => removed.extend(words(change.value())),
                ChangeTag::Insert => added.extend(words(change.value())),
            }
            push(&mut pieces, change.tag(), change.value());
        }
        (pieces, removed, added)
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
    fn only_where_texts_differ_is_compared_with_the_same_verdicts_as_whole_texts() {
        let pairs = [
            ("a b c", "ab c"),
            ("a b c", "a  b c"),
            ("the data we keep", "the data we  keep"),
            ("We keep it.", "we keep it"),
            ("x y", "x y z"),
            ("x y z", "x y"),
            ("", "a"),
            ("caf\u{e9} ok", "CAF\u{c9} ok"),
            ("one two three four", "one two; three four"),
            ("a b a", "a ba"),
        ];
        for (old, new) in pairs {
            for (a, b) in [(old, new), (new, old)] {
                let (x, y) = differing(a, b, char::is_whitespace);
                assert_eq!(
                    x.split_whitespace().eq(y.split_whitespace()),
                    a.split_whitespace().eq(b.split_whitespace()),
                    "words of {a:?} and {b:?}"
                );
                let (x, y) = differing(a, b, |_| true);
                assert_eq!(
                    letters(x).eq(letters(y)),
                    letters(a).eq(letters(b)),
                    "letters of {a:?} and {b:?}"
                );
            }
        }
        assert_eq!(
            differing("keep it", "keep  it", char::is_whitespace),
            ("it", " it")
        );
    }

    #[test]
    fn diffing_between_the_shared_ends_gives_the_pieces_of_a_whole_diff() {
        let pairs = [
            (
                "We keep your data for 30 days.",
                "We keep your data for 90 days.",
            ),
            ("start a b c", "begin a b c"),
            ("a b c end", "a b c stop"),
            ("a  b c", "a b c"),
            ("a b c", "a b  c"),
            ("one\u{a0}two three", "one\u{a0}two four"),
            ("caf\u{e9} au lait", "caf\u{e8} au lait"),
            (
                "\u{4e2d}\u{6587} \u{6587}\u{5b57}",
                "\u{4e2d}\u{6587} \u{5b57}",
            ),
            ("x", "x y"),
            ("y x", "x"),
            (" lead", "lead"),
            ("trail ", "trail"),
            ("same same same", "same same"),
        ];
        for (old, new) in pairs {
            for (a, b) in [(old, new), (new, old)] {
                assert_eq!(compare(a, b).pieces, whole_diff(a, b).0, "{a:?} to {b:?}");
            }
        }
    }

    #[test]
    fn random_edits_give_the_pieces_and_verdict_of_whole_text_comparisons() {
        // A small deterministic generator: the cases are the same on every run.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % n as u64).unwrap_or(0)
        };
        let vocabulary = [
            "we",
            "do",
            "not",
            "sell",
            "data",
            "Data",
            "data.",
            "30",
            "days",
            "caf\u{e9}",
            "\u{6587}\u{5b57}",
            "may",
            "",
            " ",
            "  ",
            "\n",
            "\u{a0}",
        ];
        let whole_judge = |old: &str, new: &str, removed: &[String], added: &[String]| {
            if old.split_whitespace().eq(new.split_whitespace()) {
                Verdict::Editorial("whitespace")
            } else if letters(old).eq(letters(new)) {
                Verdict::Editorial("punctuation or case")
            } else {
                judge(old, new, removed, added)
            }
        };
        for _ in 0..2000 {
            let len = 1 + next(40);
            let old: Vec<&str> = (0..len)
                .map(|_| vocabulary[next(vocabulary.len())])
                .collect();
            let mut new = old.clone();
            for _ in 0..1 + next(3) {
                let at = next(new.len() + 1);
                match next(3) {
                    0 => new.insert(at, vocabulary[next(vocabulary.len())]),
                    1 if at < new.len() => {
                        new.remove(at);
                    }
                    _ if at < new.len() => new[at] = vocabulary[next(vocabulary.len())],
                    _ => {}
                }
            }
            let (old, new) = (old.join(" "), new.join(" "));
            if old == new {
                continue;
            }
            let got = compare(&old, &new);
            let (pieces, removed, added) = whole_diff(&old, &new);
            assert_eq!(got.pieces, pieces, "{old:?} to {new:?}");
            assert_eq!(
                got.verdict,
                whole_judge(&old, &new, &removed, &added),
                "{old:?} to {new:?}"
            );
        }
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
