//! Prose: a word diff of one unit of text with `similar`, and what the change
//! is: editorial, substantive, or carrying a risk signal a person must see.

use std::borrow::Cow;
use std::collections::HashSet;

use similar::{Algorithm, ChangeTag, TextDiff};

use super::read;

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
/// Numbers written as words, with their value: "thirty" and "30" are the
/// same number. ("one" is left out: it is as often a pronoun.)
const NUMBER_WORDS: [(&str, &str); 21] = [
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("fifteen", "15"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("forty-five", "45"),
    ("sixty", "60"),
    ("ninety", "90"),
    ("hundred", "100"),
    ("thousand", "1000"),
    ("twice", "2x"),
];
/// Units of time: "business" and "calendar" qualify a day, they are not one.
const DURATIONS: [&str; 10] = [
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
];
/// Marks that end a sentence or clause when words follow them: moving one
/// moves what a negation or a condition applies to.
const STOPS: [char; 5] = ['.', '?', '!', ';', ':'];
/// Prefixes that make a word its opposite ("unencrypted", "atypical").
const NEGATING_PREFIXES: [&str; 10] = ["un", "in", "im", "il", "ir", "non", "dis", "de", "an", "a"];
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
    push(&mut pieces, ChangeTag::Equal, &old[..start]);
    for change in diff.iter_all_changes() {
        push(&mut pieces, change.tag(), change.value());
    }
    push(&mut pieces, ChangeTag::Equal, &old[old.len() - end..]);
    let verdict = judge(old, new, &pieces);
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

/// The letters and digits of a text, lowercased: what is left when punctuation,
/// case and spacing are set aside. Lazy, because it runs on every changed unit.
fn letters(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// An edit is editorial only when it changes no word's meaning and ends no
/// sentence at another place.
fn judge(old: &str, new: &str, pieces: &[Piece]) -> Verdict {
    // These checks look only at where the texts differ: what they share at
    // either end cannot make their words, letters or stops differ.
    let (old_mid, new_mid) = differing(old, new, char::is_whitespace);
    if old_mid.split_whitespace().eq(new_mid.split_whitespace()) {
        return Verdict::Editorial("whitespace");
    }
    if read::visible(old) == read::visible(new) {
        return Verdict::Editorial("link targets, footnote numbers or formatting");
    }
    let (old_mid, new_mid) = differing(old, new, |_| true);
    let punctuation = letters(old_mid).eq(letters(new_mid)) && same_stops(old, new);
    classify(punctuation, pieces)
}

/// The verdict on a change that is more than whitespace, given whether it
/// keeps every letter and every sentence stop in place (see [`stops`]).
fn classify(punctuation_only: bool, pieces: &[Piece]) -> Verdict {
    if punctuation_only {
        return Verdict::Editorial("punctuation or case");
    }
    let hunks = hunks(pieces);
    let signals = signals(&hunks);
    if !signals.is_empty() {
        return Verdict::Risky(signals);
    }
    editorial(&hunks).map_or(Verdict::Substantive, Verdict::Editorial)
}

/// "spelling" when the words removed and added at each place pair up, in
/// order, as the same word or spelling variants, and the sentence stops pair
/// up too; "contraction" when each pair is the same word, spelled out or not;
/// "synonyms" when a place swaps words that say the same thing.
/// A word moved elsewhere leaves a place with words unpaired.
fn editorial(hunks: &[Hunk]) -> Option<&'static str> {
    let (mut spelling, mut synonym) = (false, false);
    for h in hunks {
        if super::synonyms::same(&h.removed, &h.added) {
            synonym = true;
            continue;
        }
        if h.removed.len() != h.added.len() {
            return None;
        }
        for (a, b) in h.removed.iter().zip(&h.added) {
            if a == b {
                continue;
            }
            if super::synonyms::same(std::slice::from_ref(a), std::slice::from_ref(b)) {
                synonym = true;
                continue;
            }
            // A link target a letter apart leads somewhere else.
            let link = |w: &str| w.contains("](") || w.contains("://");
            if a == "." || b == "." || link(a) || link(b) || !spelling_variant(a, b) {
                return None;
            }
            spelling = true;
        }
    }
    Some(match (spelling, synonym) {
        (true, true) => "spelling and synonyms",
        (false, true) => "synonyms",
        (true, false) => "spelling",
        (false, false) => "contraction",
    })
}

/// Whether two different words are one word spelled two ways: close, neither
/// short (words of three letters or fewer are too close to each other to
/// tell), and not each other's opposite.
pub(super) fn spelling_variant(a: &str, b: &str) -> bool {
    let (a_len, b_len) = (a.chars().count(), b.chars().count());
    let d = strsim::damerau_levenshtein(a, b);
    a_len.min(b_len) > 3
        && d <= 2
        && d * 3 <= a_len.max(b_len)
        && !bases(a).any(|(w, _)| w == b)
        && !bases(b).any(|(w, _)| w == a)
}

/// The words a word is the opposite of, and how: without a negating prefix
/// ("unencrypted", "non-essential"), or with "-ful" for its "-less".
fn bases(word: &str) -> impl Iterator<Item = (Cow<'_, str>, &'static str)> {
    let prefixed = NEGATING_PREFIXES
        .iter()
        .filter_map(move |p| word.strip_prefix(p))
        .map(|rest| rest.strip_prefix('-').unwrap_or(rest))
        .filter(|base| base.chars().count() >= 3)
        .map(|base| (Cow::Borrowed(base), "negating prefix"));
    let suffixed = word
        .strip_suffix("less")
        .filter(|stem| stem.chars().count() >= 3)
        .map(|stem| (Cow::Owned(format!("{stem}ful")), "opposite suffix"));
    prefixed.chain(suffixed)
}

/// Whether two texts with the same letters end their sentences at the same
/// places, comparing only where they differ.
fn same_stops(old: &str, new: &str) -> bool {
    // Cut next to a letter or digit, so that no stop is split between the
    // part compared and the part shared.
    let (start, end) = differing_at(old, new, char::is_alphanumeric);
    let more = end > 0;
    stops(&old[start..old.len() - end], more) == stops(&new[start..new.len() - end], more)
}

/// Where a text's sentences end: for each run of [`STOPS`] marks with a
/// letter or digit after it (or `more` text after the text), how many letters
/// and digits come before it. A mark inside a word counts ("3.5", "a.example"),
/// and one at the end of the text does not.
fn stops(text: &str, more: bool) -> Vec<usize> {
    let (mut out, mut letters, mut open) = (Vec::new(), 0, false);
    for c in text.chars() {
        if c.is_alphanumeric() {
            if open {
                out.push(letters);
                open = false;
            }
            letters += c.to_lowercase().count();
        } else if STOPS.contains(&c) {
            open = true;
        }
    }
    if open && more {
        out.push(letters);
    }
    out
}

/// One place where two texts differ: the [`tokens`] removed and added there.
struct Hunk {
    removed: Vec<String>,
    added: Vec<String>,
}

/// The places two texts differ, from the pieces of their diff.
fn hunks(pieces: &[Piece]) -> Vec<Hunk> {
    let mut hunks = Vec::new();
    // Whether each text has a letter or digit after the pieces at hand: a
    // stop with none after it ends the text, not a sentence.
    let (mut old_more, mut new_more) = (false, false);
    let mut end = pieces.len();
    while end > 0 {
        let start = pieces[..end]
            .iter()
            .rposition(|p| matches!(p, Piece::Same(_)))
            .map_or(0, |i| i + 1);
        if start == end {
            end -= 1;
            if !(old_more && new_more) && has_alphanumeric(piece_text(&pieces[end])) {
                (old_more, new_more) = (true, true);
            }
            continue;
        }
        let (mut removed, mut added) = (String::new(), String::new());
        for p in &pieces[start..end] {
            match p {
                Piece::Removed(t) => removed.push_str(t),
                Piece::Added(t) => added.push_str(t),
                Piece::Same(_) => {}
            }
        }
        hunks.push(Hunk {
            removed: tokens(&removed, old_more),
            added: tokens(&added, new_more),
        });
        old_more |= has_alphanumeric(&removed);
        new_more |= has_alphanumeric(&added);
        end = start;
    }
    hunks.reverse();
    hunks
}

fn piece_text(piece: &Piece) -> &str {
    match piece {
        Piece::Same(t) | Piece::Added(t) | Piece::Removed(t) => t,
    }
}

fn has_alphanumeric(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// The words of a text, lowercased, without surrounding punctuation, with
/// contractions spelled out (see [`expand`]), and "." between two words a
/// [`STOPS`] mark separates; after the last word only with `more` text after.
fn tokens(text: &str, more: bool) -> Vec<String> {
    fn stop(out: &mut Vec<String>) {
        if out.last().is_none_or(|t| t != ".") {
            out.push(".".to_string());
        }
    }
    let edge = |c: char| !c.is_alphanumeric() && c != '@' && c != '\'' && c != '’';
    let mut out = Vec::new();
    for chunk in text.split_whitespace() {
        // "&" is a word: "Acme & Co" to "Acme and Co" swaps it for "and".
        if chunk == "&" {
            out.push(chunk.to_string());
            continue;
        }
        let rest = chunk.trim_start_matches(edge);
        let word = rest.trim_end_matches(edge);
        if chunk[..chunk.len() - rest.len()].contains(STOPS) {
            stop(&mut out);
        }
        if !word.is_empty() {
            expand(&word.to_lowercase().replace('’', "'"), &mut out);
        }
        if rest[word.len()..].contains(STOPS) {
            stop(&mut out);
        }
    }
    if !more && out.last().is_some_and(|t| t == ".") {
        out.pop();
    }
    out
}

/// Pushes a lowercased word with its contraction spelled out: "we'll" and
/// "we will", "don't" and "do not", "cannot" and "can not" are the same words.
/// "'s" and "'d" are left alone: "Acme's", "we'd" could be either of two.
fn expand(word: &str, out: &mut Vec<String>) {
    let spelled = match word {
        "won't" => Some(("will", "not")),
        "shan't" => Some(("shall", "not")),
        "can't" | "cannot" => Some(("can", "not")),
        "let's" => Some(("let", "us")),
        "it's" | "that's" | "there's" | "here's" | "what's" | "who's" | "where's" | "he's"
        | "she's" => Some((&word[..word.len() - 2], "is")),
        _ => match word.rsplit_once('\'') {
            Some((head, "t")) => head.strip_suffix('n').map(|head| (head, "not")),
            Some((head, "ll")) => Some((head, "will")),
            Some((head, "re")) => Some((head, "are")),
            Some((head, "ve")) => Some((head, "have")),
            Some((head, "m")) => Some((head, "am")),
            _ => None,
        },
    };
    match spelled {
        Some((head, tail)) if !head.is_empty() => {
            out.push(head.to_string());
            out.push(tail.to_string());
        }
        _ => out.push(word.to_string()),
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
    let (start, end) = differing_at(old, new, boundary);
    (&old[start..old.len() - end], &new[start..new.len() - end])
}

/// Where the parts [`differing`] returns start, and how many bytes follow
/// them: the same in both texts.
fn differing_at(old: &str, new: &str, boundary: impl Fn(char) -> bool) -> (usize, usize) {
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
    (start, end)
}

fn is_negation(w: &str) -> bool {
    NEGATIONS.contains(&w) || w.ends_with("n't") || w.ends_with("n’t")
}

fn count<'a>(words: &[&'a str], pred: impl Fn(&str) -> bool) -> Vec<&'a str> {
    words.iter().copied().filter(|w| pred(w)).collect()
}

/// The words of one side of every hunk, without the stops.
fn words(hunks: &[Hunk], side: fn(&Hunk) -> &Vec<String>) -> Vec<&str> {
    hunks
        .iter()
        .flat_map(side)
        .map(String::as_str)
        .filter(|w| *w != ".")
        .collect()
}

/// The prose-risk signals of LEGAL.md §1 in the words a change removed and added.
fn signals(hunks: &[Hunk]) -> Vec<String> {
    let (removed, added) = (words(hunks, |h| &h.removed), words(hunks, |h| &h.added));
    let mut out = Vec::new();
    out.extend(negation(hunks, &removed, &added));
    for h in hunks {
        opposites(h, &mut out);
    }
    let is_modal = |w: &str| MODALS.contains(&w);
    let (m_old, m_new) = (count(&removed, is_modal), count(&added, is_modal));
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
    // A number is digits (a name like "37signals" is not), a number word
    // (compared by its value), or a unit of time.
    let is_number = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '/'))
            && w.chars().any(|c| c.is_ascii_digit())
            || NUMBER_WORDS.iter().any(|(word, _)| *word == w)
            || DURATIONS.contains(&w)
    };
    let value = |w: &str| {
        NUMBER_WORDS
            .iter()
            .find(|(word, _)| *word == w)
            .map_or(w.trim_end_matches('s').to_string(), |(_, v)| {
                (*v).to_string()
            })
    };
    let (n_old, n_new) = (count(&removed, is_number), count(&added, is_number));
    let values = |ws: &[&str]| {
        let mut v: Vec<String> = ws.iter().map(|w| value(w)).collect();
        v.sort();
        v
    };
    if values(&n_old) != values(&n_new) {
        out.push(format!(
            "number or duration changed (\u{201c}{}\u{201d} to \u{201c}{}\u{201d})",
            n_old.join(" "),
            n_new.join(" ")
        ));
    }
    for &w in &added {
        if w.contains('@') && w.contains('.') {
            out.push(format!("new email address ({w})"));
        } else if w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.") {
            out.push(format!("new URL ({w})"));
        } else if COMPANY_SUFFIXES.contains(&w.trim_end_matches('.')) && !removed.contains(&w) {
            out.push(format!("new company name (\u{201c}{w}\u{201d})"));
        }
    }
    out.dedup();
    out
}

/// A negation removed or added; or moved, when as many are added as removed
/// but not at the same places ("we do not sell, but share" to "we sell, but
/// do not share").
fn negation(hunks: &[Hunk], removed: &[&str], added: &[&str]) -> Option<String> {
    let (neg_old, neg_new) = (count(removed, is_negation), count(added, is_negation));
    let quoted = |words: &[&str]| format!("\u{201c}{}\u{201d}", words.join(" "));
    let negations = |words: &[String]| words.iter().filter(|w| is_negation(w)).count();
    if neg_old.len() > neg_new.len() {
        Some(format!("negation removed ({})", quoted(&neg_old)))
    } else if neg_new.len() > neg_old.len() {
        Some(format!("negation added ({})", quoted(&neg_new)))
    } else if hunks
        .iter()
        .any(|h| negations(&h.removed) != negations(&h.added))
    {
        Some(format!("negation moved ({})", quoted(&neg_old)))
    } else {
        None
    }
}

/// A word removed at one place and its opposite added there, in either
/// order: "encrypted" and "unencrypted", "harmful" and "harmless".
fn opposites(h: &Hunk, out: &mut Vec<String>) {
    let removed: HashSet<&str> = h.removed.iter().map(String::as_str).collect();
    let added: HashSet<&str> = h.added.iter().map(String::as_str).collect();
    let sides = [(&h.removed, &added, false), (&h.added, &removed, true)];
    for (words, other, is_new) in sides {
        for w in words {
            let Some((base, kind)) = bases(w).find(|(b, _)| other.contains(b.as_ref())) else {
                continue;
            };
            let (from, to) = if is_new {
                (base.as_ref(), w.as_str())
            } else {
                (w.as_str(), base.as_ref())
            };
            out.push(format!(
                "{kind} (\u{201c}{from}\u{201d} to \u{201c}{to}\u{201d})"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(old: &str, new: &str) -> Verdict {
        compare(old, new).verdict
    }

    /// The pieces of a word diff of the whole texts, as `compare` made before
    /// it cut them.
    fn whole_diff(old: &str, new: &str) -> Vec<Piece> {
        let diff = TextDiff::configure()
            .algorithm(Algorithm::Myers)
            .diff_words(old, new);
        let mut pieces = Vec::new();
        for change in diff.iter_all_changes() {
            push(&mut pieces, change.tag(), change.value());
        }
        pieces
    }

    #[test]
    fn a_link_or_emphasis_the_reader_does_not_read_is_editorial() {
        let formatting = Verdict::Editorial("link targets, footnote numbers or formatting");
        let old = "We use technologies such as differential privacy.";
        let linked = "We use [technologies such as differential privacy](https://example.com/dp).";
        let moved = "We use [technologies such as differential privacy](https://example.com/new).";
        assert_eq!(verdict(old, linked), formatting);
        assert_eq!(verdict(linked, moved), formatting);
        assert_eq!(
            verdict(old, "We use **technologies** such as differential privacy."),
            formatting
        );
        assert_eq!(
            verdict("our partners\\[70\\] and", "our partners\\[68\\] and"),
            formatting
        );
        assert_eq!(
            read::without_footnote_marks("partners[70] and [a] x[]"),
            "partners and [a] x[]"
        );
        // Struck-out words, cells and mail links are read.
        assert_ne!(
            verdict("We do not sell.", "We ~~do not~~ sell."),
            formatting
        );
        assert_ne!(
            verdict(
                "| A | B |\n|---|---|\n| x | |\n",
                "| A | B |\n|---|---|\n| | x |\n"
            ),
            formatting
        );
        assert_ne!(
            verdict(
                "[Write](mailto:a@acme.example)",
                "[Write](mailto:b@other.example)"
            ),
            formatting
        );
        // A word inside the link is read.
        assert_ne!(
            verdict(
                linked,
                "We use [technologies such as federated learning](https://example.com/dp)."
            ),
            formatting
        );
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
        let same_letters = [
            ("data.. We", "data. We"),
            ("not sell", "not. sell"),
            ("not sell", "not; sell"),
            ("end", "end."),
            ("end.", "end. "),
            ("a. b", "a b."),
            ("3.5 x", "35 x"),
            ("x. y. z", "x y. z"),
            ("a, b. c", "a b, c."),
            (". a", "a"),
            ("caf\u{e9}. ok", "CAF\u{c9} ok"),
        ];
        for (old, new) in same_letters {
            for (a, b) in [(old, new), (new, old)] {
                assert_eq!(
                    same_stops(a, b),
                    stops(a, false) == stops(b, false),
                    "stops of {a:?} and {b:?}"
                );
            }
        }
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
                assert_eq!(compare(a, b).pieces, whole_diff(a, b), "{a:?} to {b:?}");
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
            "not.",
            "sell;",
            "don't",
            "limited",
            "unlimited",
            "",
            " ",
            "  ",
            "\n",
            "\u{a0}",
        ];
        let whole_judge = |old: &str, new: &str, pieces: &[Piece]| {
            if old.split_whitespace().eq(new.split_whitespace()) {
                Verdict::Editorial("whitespace")
            } else {
                let same_stops = stops(old, false) == stops(new, false);
                classify(letters(old).eq(letters(new)) && same_stops, pieces)
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
            let pieces = whole_diff(&old, &new);
            assert_eq!(got.pieces, pieces, "{old:?} to {new:?}");
            assert_eq!(
                got.verdict,
                whole_judge(&old, &new, &pieces),
                "{old:?} to {new:?}"
            );
        }
    }

    /// The signals of a risky verdict, or a panic naming the verdict.
    fn risks(old: &str, new: &str) -> Vec<String> {
        match verdict(old, new) {
            Verdict::Risky(signals) => signals,
            v => panic!("{old:?} to {new:?}: {v:?}"),
        }
    }

    #[test]
    fn a_negating_prefix_is_a_risk_not_spelling() {
        let pairs = [
            ("encrypted", "unencrypted"),
            ("restricted", "unrestricted"),
            ("limited", "unlimited"),
            ("lawful", "unlawful"),
            ("anonymized", "deanonymized"),
            ("necessary", "unnecessary"),
            ("accurate", "inaccurate"),
            ("possible", "impossible"),
            ("legal", "illegal"),
            ("relevant", "irrelevant"),
            ("essential", "non-essential"),
            ("identifiable", "nonidentifiable"),
            ("agree", "disagree"),
            ("typical", "atypical"),
        ];
        for (word, negated) in pairs {
            let old = format!("Your data is {word} at rest.");
            let new = format!("Your data is {negated} at rest.");
            for (a, b) in [(&old, &new), (&new, &old)] {
                let signals = risks(a, b);
                assert!(
                    signals.iter().any(|s| s.starts_with("negating prefix")),
                    "{a:?} to {b:?}: {signals:?}"
                );
            }
        }
        let signals = risks("This is harmful.", "This is harmless.");
        assert!(
            signals.iter().any(|s| s.starts_with("opposite suffix")),
            "{signals:?}"
        );
    }

    #[test]
    fn a_moved_sentence_boundary_is_not_editorial() {
        let pairs = [
            ("We do not sell your data.", "We do not. Sell your data."),
            ("We do not sell your data.", "We do not? Sell your data."),
            ("We do not sell your data.", "We do not! Sell your data."),
            ("We do not sell your data.", "We do not; sell your data."),
            ("We do not sell your data.", "We do not: sell your data."),
            (
                "We keep it. We sell nothing.",
                "We keep it, we sell nothing.",
            ),
            // With a spelling fix elsewhere.
            ("We do not sell yuor data.", "We do not. Sell your data."),
            (
                "We recieve data. We keep it.",
                "We receive data, we keep it.",
            ),
            (
                "Our prices are 3.5 times lower.",
                "Our prices are 35 times lower.",
            ),
        ];
        for (old, new) in pairs {
            for (a, b) in [(old, new), (new, old)] {
                let v = verdict(a, b);
                assert!(!matches!(v, Verdict::Editorial(_)), "{a:?} to {b:?}: {v:?}");
            }
        }
    }

    #[test]
    fn punctuation_that_keeps_the_sentences_stays_editorial() {
        let pairs = [
            ("We sell nothing, ever.", "We sell nothing ever."),
            ("We  sell nothing.", "We sell nothing."),
            (
                "Write to our e-mail address.",
                "Write to our email address.",
            ),
            ("We call it \u{201c}data\u{201d}.", "We call it \"data\"."),
            ("We\u{2019}ll tell you.", "We'll tell you."),
            ("We sell nothing", "We sell nothing."),
            ("We sell nothing.", "We sell nothing!"),
            ("Do we sell it? No.", "Do we sell it. No."),
            ("We sell nothing.. Ever.", "We sell nothing. Ever."),
            ("WE SELL NOTHING.", "We sell nothing."),
        ];
        for (old, new) in pairs {
            for (a, b) in [(old, new), (new, old)] {
                let v = verdict(a, b);
                assert!(matches!(v, Verdict::Editorial(_)), "{a:?} to {b:?}: {v:?}");
            }
        }
        assert_eq!(
            verdict("We recieve data", "We receive data."),
            Verdict::Editorial("spelling")
        );
        assert_eq!(
            verdict(
                "We recieve data. We keep it.",
                "We receive data; we keep it."
            ),
            Verdict::Editorial("spelling")
        );
    }

    #[test]
    fn a_moved_word_is_not_spelling() {
        let signals = risks(
            "We do not sell your data, but we share it with our advertising partners.",
            "We sell your data, but we do not share it with our advertising partners.",
        );
        assert!(
            signals.iter().any(|s| s.starts_with("negation moved")),
            "{signals:?}"
        );
        let signals = risks(
            "We don't sell your data, but we share it.",
            "We sell your data, but we don't share it.",
        );
        assert!(
            signals.iter().any(|s| s.starts_with("negation moved")),
            "{signals:?}"
        );
        assert_eq!(
            verdict(
                "we'll always inform you when such requests are made",
                "we'll inform you when such requests are always made"
            ),
            Verdict::Substantive
        );
    }

    #[test]
    fn short_words_are_not_spelling_variants() {
        for (old, new) in [
            (
                "You may opt out at any time.",
                "You may out out at any time.",
            ),
            ("We share and sell it.", "We share any sell it."),
            ("We keep it for you.", "We keep it fro you."),
        ] {
            let v = verdict(old, new);
            assert!(
                !matches!(v, Verdict::Editorial(_)),
                "{old:?} to {new:?}: {v:?}"
            );
        }
    }

    #[test]
    fn synonyms_are_editorial_and_other_words_are_not() {
        assert_eq!(
            verdict(
                "Acme & Co shares data with partners, like banks, which help us.",
                "Acme and Co shares data with partners, such as banks, which help us."
            ),
            Verdict::Editorial("synonyms")
        );
        assert_eq!(
            verdict(
                "We share data with partners about you.",
                "We share data with partners regarding you."
            ),
            Verdict::Editorial("synonyms")
        );
        // "Which" to "that" can change what is promised.
        assert_eq!(
            verdict(
                "We will tell you which partners receive your data.",
                "We will tell you that partners receive your data."
            ),
            Verdict::Substantive
        );
        // A link target a letter apart leads somewhere else.
        assert_eq!(
            verdict(
                "[Contact our DPO](https://acme.com/dpo) today.",
                "[Contact our DPO](https://acme.co/dpo) today."
            ),
            Verdict::Substantive
        );
        // A word that is no synonym ("banks" to "brokers") is substantive.
        assert_eq!(
            verdict(
                "We share data with partners, like banks.",
                "We share data with partners, such as brokers."
            ),
            Verdict::Substantive
        );
    }

    #[test]
    fn contractions_are_editorial() {
        let pairs = [
            ("We'll tell you.", "We will tell you."),
            ("We don't sell data.", "We do not sell data."),
            ("We can't sell data.", "We cannot sell data."),
            ("We can\u{2019}t sell data.", "We can not sell data."),
            ("We won't sell data.", "We will not sell data."),
            ("It's yours. We're sure.", "It is yours. We are sure."),
        ];
        for (old, new) in pairs {
            for (a, b) in [(old, new), (new, old)] {
                assert_eq!(
                    verdict(a, b),
                    Verdict::Editorial("contraction"),
                    "{a:?} to {b:?}"
                );
            }
        }
        let signals = risks("We don't sell data.", "We do sell data.");
        assert!(
            signals.iter().any(|s| s.starts_with("negation removed")),
            "{signals:?}"
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

    #[test]
    fn names_and_qualifiers_are_not_numbers_and_numbers_keep_their_value() {
        for (old, new) in [
            (
                "Questions go to 37signals support.",
                "Questions go to 37signals staff.",
            ),
            ("We answer within 30 days.", "We answer within thirty days."),
            (
                "We answer within ten business days.",
                "We answer within ten calendar days.",
            ),
        ] {
            if let Verdict::Risky(signals) = verdict(old, new) {
                assert!(
                    !signals.iter().any(|s| s.starts_with("number")),
                    "{old} -> {new}: {signals:?}"
                );
            }
        }
        assert!(matches!(
            verdict("within 30 days", "within 90 days"),
            Verdict::Risky(_)
        ));
    }
}
