//! Words that say the same thing in a policy, whichever of the two is used:
//! swapping one for the other is an editorial change.

/// Words that say the same thing wherever one replaces the other in a
/// policy: "&" and "and", "like" and "such as" before examples, British and
/// American forms. Modals and negations are not here: they are risks; nor
/// "which" and "that" ("tell you which partners" is no "tell you that
/// partners").
const SYNONYMS: [(&str, &str); 15] = [
    ("&", "and"),
    ("like", "such as"),
    ("about", "regarding"),
    ("about", "concerning"),
    ("regarding", "concerning"),
    ("while", "whilst"),
    ("among", "amongst"),
    ("toward", "towards"),
    ("upon", "on"),
    ("in order to", "to"),
    ("via", "through"),
    ("u.s", "us"),
    ("u.s", "usa"),
    ("us", "usa"),
    ("u.s.a", "usa"),
];

/// Whether two runs of words are synonyms of [`SYNONYMS`], either way round.
pub(super) fn same(a: &[String], b: &[String]) -> bool {
    let (a, b) = (a.join(" "), b.join(" "));
    SYNONYMS
        .iter()
        .any(|&(x, y)| (a == x && b == y) || (a == y && b == x))
}
