//! A kind of data named by its label: a table cell or list item that opens
//! with a name such as "Message Data" or "Geolocation data, such as ...",
//! which no vocabulary can list in advance.

use super::{Finding, has, normal, rule_of, vocabulary};
use crate::rules::Class;

/// The words a label of a kind of data ends with.
const KINDS: [&str; 4] = ["data", "information", "daten", "informationen"];

/// The label a sentence opens with, normal: one to three capitalised words
/// and a word of [`KINDS`], alone or before a comma, colon or dash.
fn label(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split_whitespace().take(5).collect();
    let kind = (1..words.len().min(4)).find(|&i| {
        let w = words[i].trim_end_matches([',', ':', '.', ';']);
        KINDS.contains(&w.to_lowercase().as_str())
    })?;
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let letters = |w: &str| w.chars().all(|c| c.is_alphabetic() || c == '-');
    if !words[..kind].iter().all(|w| capital(w) && letters(w)) {
        return None;
    }
    // The label ends the cell or item, or a punctuation mark ends it.
    let ends = kind + 1 == words.len()
        || words[kind].ends_with([',', ':'])
        || words
            .get(kind + 1)
            .is_some_and(|w| matches!(*w, "-" | "\u{2013}" | "\u{2014}"));
    ends.then(|| normal(&words[..=kind].join(" ")).trim().to_string())
}

/// A kind of data new to the policy, named by the label an added cell or
/// item opens with, where the sentence, its section's title or its column
/// says data is collected or used.
pub(super) fn new_label(n: &str, sentence: &str, title: &str, old_text: &str) -> Option<Finding> {
    let signal = vocabulary()
        .added
        .iter()
        .find(|s| s.rule == "prose-new-data")?;
    let label = label(sentence)?;
    let generic = [
        "personal",
        "your",
        "other",
        "additional",
        "certain",
        "sensitive",
    ];
    if generic.iter().any(|g| label.starts_with(g)) || has(old_text, &label) {
        return None;
    }
    if !signal.context.iter().any(|c| has(n, c) || has(title, c)) {
        return None;
    }
    Some(Finding {
        rule: rule_of(signal),
        class: Class::Material,
        what: "new kind of data named".into(),
        terms: vec![label],
        sentence: sentence.to_string(),
        old: false,
        first_mention: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_opens_a_cell_or_an_item() {
        assert_eq!(label("Message Data").as_deref(), Some("message data"));
        assert_eq!(
            label("Geolocation data, such as approximate location").as_deref(),
            Some("geolocation data")
        );
        assert_eq!(
            label("Voice Data: recordings of your voice").as_deref(),
            Some("voice data")
        );
        // A sentence that opens with a kind of data is not a label.
        assert_eq!(label("Usage data helps us improve the app."), None);
        assert_eq!(label("We collect data about you"), None);
    }
}
