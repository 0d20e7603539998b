//! Facts an imported policy states in its prose: its dates ("Effective date:",
//! "Last updated:"), its e-mail addresses (made contacts, written once) and a
//! guess at the organization's name from its title.

use jiff::civil::Date;

use crate::model::DateFormat;

/// A date line found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLine {
    pub date: Date,
    pub format: DateFormat,
    /// Whether the line says what policyc prints ("Effective date: July 1,
    /// 2024" or "Last updated: ..."), so it can be printed from the fact
    /// instead; otherwise it stays in the prose.
    pub standard: bool,
    /// The line as written, to take it out of the prose when it is standard.
    pub line: String,
    /// The date as the line writes it, when policyc prints it the same way:
    /// the line then prints it from the fact ("Last modified: {{ … }}").
    pub printed: Option<String>,
}

/// The effective and last-updated dates a text states, from its first lines.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Dates {
    pub effective: Option<DateLine>,
    pub last_updated: Option<DateLine>,
}

const EFFECTIVE: [&str; 4] = [
    "effective date",
    "effective as of",
    "effective on",
    "effective",
];
const UPDATED: [&str; 5] = [
    "last updated",
    "last modified",
    "last revised",
    "updated",
    "date of last revision",
];

/// The dates stated in the first lines of a text (where policies state them).
pub fn dates(text: &str) -> Dates {
    let mut found = Dates::default();
    for line in text.lines().take(40) {
        let plain: String = line
            .chars()
            .filter(|c| !matches!(c, '*' | '_' | '#' | '\\'))
            .collect();
        let plain = plain.trim();
        let lower = plain.to_lowercase();
        for (labels, slot, standard_label) in [
            (&EFFECTIVE[..], &mut found.effective, "effective date"),
            (&UPDATED[..], &mut found.last_updated, "last updated"),
        ] {
            if slot.is_some() {
                continue;
            }
            let Some(label) = labels.iter().find(|l| lower.starts_with(*l)) else {
                continue;
            };
            let rest = plain[label.len()..]
                .trim_start_matches([':', ' '])
                .trim_end_matches('.');
            let Some((date, format, written)) = leading_date(rest) else {
                continue;
            };
            let written_as_printed = crate::date::format(date, format) == written;
            let separator_ok = plain[label.len()..].starts_with(": ");
            *slot = Some(DateLine {
                date,
                format,
                standard: *label == standard_label
                    && separator_ok
                    && written_as_printed
                    && written == rest,
                line: line.to_string(),
                printed: written_as_printed.then(|| written.to_string()),
            });
        }
    }
    found
}

/// The date a text starts with, its format, and the words that write it:
/// the whole text, or its first words when more follows ("October 4, 2022 |
/// Archived versions").
fn leading_date(text: &str) -> Option<(Date, DateFormat, &str)> {
    // Where each of the first three words ends, the longest first.
    let mut ends: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&end| text[end..].starts_with(char::is_whitespace))
        .take(3)
        .collect();
    ends.reverse();
    std::iter::once(text.len()).chain(ends).find_map(|end| {
        let written = text[..end].trim_end_matches(['.', ',']);
        parse_date(written).map(|(date, format)| (date, format, written))
    })
}

/// A date as policies write it, and which of policyc's formats that is.
fn parse_date(text: &str) -> Option<(Date, DateFormat)> {
    let text = text.trim();
    let tries: [(&str, DateFormat); 5] = [
        ("%B %d, %Y", DateFormat::Long),
        ("%d %B %Y", DateFormat::DayMonthYear),
        ("%Y-%m-%d", DateFormat::Iso),
        ("%m/%d/%Y", DateFormat::Numeric),
        ("%b %d, %Y", DateFormat::Long),
    ];
    for (pattern, format) in tries {
        if let Ok(date) = Date::strptime(pattern, text) {
            return Some((date, format));
        }
    }
    // "July 2024" (no day): the first of the month.
    Date::strptime("%d %B %Y", format!("1 {text}"))
        .ok()
        .map(|d| (d, DateFormat::MonthYear))
}

/// The e-mail addresses of a text, in order of first appearance, each with
/// the contact id it gets: its local part when that names a role
/// ("privacy@"), otherwise `contact_N` (underscores, so that
/// `{{ contacts.eu_rep.email }}` reads as a path).
pub fn emails(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for word in text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | ')' | '[' | ']' | '<' | '>' | ',' | ';' | '"' | '\'' | '*'
            )
    }) {
        let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let word = word.strip_prefix("mailto:").unwrap_or(word);
        if !is_email(word) || out.iter().any(|(e, _)| e.eq_ignore_ascii_case(word)) {
            continue;
        }
        let local = word.split('@').next().unwrap_or("").to_ascii_lowercase();
        let role: String = local
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let taken = |id: &str| out.iter().any(|(_, i)| i == id);
        let id = if !role.is_empty()
            && role.len() <= 20
            && !taken(&role)
            && role.starts_with(|c: char| c.is_ascii_lowercase())
        {
            role
        } else {
            (1..)
                .map(|n| format!("contact_{n}"))
                .find(|id| !taken(id))
                .unwrap_or_default()
        };
        out.push((word.to_string(), id));
    }
    out
}

/// The phone numbers of a text (10 to 15 digits, written with `+`, spaces,
/// dashes, dots and parentheses), in order of first appearance, each with
/// the contact id it gets: `phone`, `phone_2` ...
pub fn phones(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let boundary = i == 0
            || !chars[i - 1].1.is_alphanumeric() && chars[i - 1].1 != '-' && chars[i - 1].1 != '.';
        if !(boundary && (c == '+' || c == '(' || c.is_ascii_digit())) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && (chars[j].1.is_ascii_digit() || " -.()+".contains(chars[j].1)) {
            j += 1;
        }
        let candidate = text[start..chars.get(j).map_or(text.len(), |c| c.0)]
            .trim_end_matches([' ', '-', '.', '(']);
        let digits = candidate.chars().filter(char::is_ascii_digit).count();
        let after_ok = text[start + candidate.len()..]
            .chars()
            .next()
            .is_none_or(|n| !n.is_alphanumeric());
        let balanced = candidate.matches('(').count() == candidate.matches(')').count();
        // A run of digits alone is an id, and an IP address is not dialled.
        let written_as_phone = (candidate.starts_with('+') || candidate.contains([' ', '-', '(']))
            && candidate.matches('.').count() < 2;
        if (10..=15).contains(&digits)
            && written_as_phone
            && after_ok
            && balanced
            && !out.iter().any(|(p, _)| p == candidate)
        {
            let id = if out.is_empty() {
                "phone".to_string()
            } else {
                format!("phone_{}", out.len() + 1)
            };
            out.push((candidate.to_string(), id));
        }
        i = j.max(i + 1);
    }
    out
}

/// Each phone number of a text written through its contact.
pub fn use_phones(text: &str, phones: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (phone, id) in phones {
        out = out.replace(phone.as_str(), &format!("{{{{ contacts.{id}.phone }}}}"));
    }
    out
}

fn is_email(word: &str) -> bool {
    let Some((local, domain)) = word.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// Each e-mail address of a text written through its contact, so that the
/// address is a fact written once: `{{ contacts.privacy.email }}`.
pub fn use_contacts(text: &str, emails: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (email, id) in emails {
        out = out.replace(email.as_str(), &format!("{{{{ contacts.{id}.email }}}}"));
    }
    out
}

/// The organization's name as the title gives it ("Acme Privacy Policy"):
/// `None` when the title names only the document.
pub fn organization(title: &str) -> Option<String> {
    let lower = title.to_lowercase();
    let cut = [
        "privacy policy",
        "privacy notice",
        "privacy statement",
        "privacy",
    ]
    .iter()
    .find_map(|w| lower.find(w))?;
    let name = title[..cut].trim().trim_end_matches([':', '-', '–', ' ']);
    let name = name
        .strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .unwrap_or(name)
        .trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_found_with_their_format() {
        let d = dates("**Effective date:** July 1, 2024\n\nLast updated: 2024-06-15\n");
        let e = d.effective.expect("effective");
        assert_eq!(crate::date::iso(e.date), "2024-07-01");
        assert_eq!(e.format, DateFormat::Long);
        assert!(e.standard);
        let u = d.last_updated.expect("updated");
        assert_eq!(u.format, DateFormat::Iso);
        let other = dates("Effective as of July 1, 2026")
            .effective
            .expect("found");
        assert!(
            !other.standard,
            "a label policyc does not print stays in the prose"
        );
    }

    #[test]
    fn a_date_line_with_more_after_the_date_prints_the_date_from_the_fact() {
        let line = "Effective October 4, 2022 | [Archived versions](https://a.example)";
        let e = dates(line).effective.expect("found");
        assert_eq!(crate::date::iso(e.date), "2022-10-04");
        assert_eq!(e.printed.as_deref(), Some("October 4, 2022"));
        assert!(!e.standard, "the rest of the line stays in the prose");
        assert!(
            dates("Effective immediately, for all users")
                .effective
                .is_none()
        );
    }

    #[test]
    fn emails_become_contacts_by_role() {
        let e = emails(
            "Write to privacy@acme.example or [dpo@acme.example](mailto:dpo@acme.example), or j.doe@acme.example.",
        );
        assert_eq!(
            e,
            [
                ("privacy@acme.example".to_string(), "privacy".to_string()),
                ("dpo@acme.example".to_string(), "dpo".to_string()),
                ("j.doe@acme.example".to_string(), "j_doe".to_string()),
            ]
        );
        assert_eq!(
            use_contacts("a privacy@acme.example b", &e[..1]),
            "a {{ contacts.privacy.email }} b"
        );
    }

    #[test]
    fn phone_numbers_are_found_and_counts_are_not() {
        let p = phones(
            "Call +1 (888) 555-0142 or 1-800-555-0100; we had 2,375,576 requests in 2024-2025.",
        );
        assert_eq!(
            p,
            [
                ("+1 (888) 555-0142".to_string(), "phone".to_string()),
                ("1-800-555-0100".to_string(), "phone_2".to_string()),
            ]
        );
    }

    #[test]
    fn the_organization_is_what_the_title_names_before_privacy() {
        assert_eq!(
            organization("Spotify Privacy Policy").as_deref(),
            Some("Spotify")
        );
        assert_eq!(
            organization("LinkedIn's Privacy Policy").as_deref(),
            Some("LinkedIn")
        );
        assert_eq!(organization("Privacy Policy"), None);
        assert_eq!(
            organization("Atlas Privacy Notice").as_deref(),
            Some("Atlas")
        );
    }
}
