//! "Did you mean": the nearest valid name for a misspelt key, id or rule.

/// The candidate closest to `wrong`, if it is close enough to be a likely typo.
pub fn nearest<'a, I>(wrong: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&wrong_lower, &c.to_lowercase()),
                c,
            )
        })
        // A third of the length, as cargo does: "titel" finds "title", "x" finds nothing.
        .filter(|(d, c)| *d <= (wrong.len().max(c.len()) / 3).max(1))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// A help line: "did you mean `x`?" when one is near, else the list of valid names.
pub fn did_you_mean<'a, I>(wrong: &str, candidates: I, what: &str) -> Option<String>
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    if let Some(near) = nearest(wrong, candidates.clone()) {
        return Some(format!("did you mean `{near}`?"));
    }
    let all: Vec<&str> = candidates.into_iter().collect();
    match all.len() {
        0 => None,
        1..=12 => Some(format!("valid {what}: {}", list(&all))),
        n => Some(format!("there are {n} valid {what}; check the spelling")),
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_transposition() {
        assert_eq!(nearest("titel", ["id", "title", "lead"]), Some("title"));
    }

    #[test]
    fn ignores_names_too_far_away() {
        assert_eq!(nearest("colour", ["id", "title"]), None);
    }

    #[test]
    fn lists_valid_names_when_none_is_near() {
        assert_eq!(
            did_you_mean("zzz", ["a", "b"], "keys").as_deref(),
            Some("valid keys: `a`, `b`")
        );
    }
}
