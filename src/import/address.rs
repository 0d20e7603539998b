//! Postal address blocks in an imported text ("Fernhill Software, Inc." /
//! "220 Alder Street" / "Portland, OR 97204"): each becomes a contact with a
//! name and address lines, printed where it stood with `contact()`.

/// A paragraph that is a postal address: the paragraph as written, and the
/// contact it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub block: String,
    pub id: String,
    pub name: String,
    pub lines: Vec<String>,
}

const STREET_WORDS: [&str; 24] = [
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "suite",
    "floor",
    "box",
    "boulevard",
    "blvd",
    "lane",
    "drive",
    "way",
    "place",
    "square",
    "building",
    "house",
    "straße",
    "strasse",
    "platz",
    "weg",
    "rue",
    "via",
];

/// The address blocks of a text, in order, each once, with contact ids
/// `postal`, `postal_2` ...
pub fn blocks(text: &str) -> Vec<Address> {
    let mut out: Vec<Address> = Vec::new();
    for block in text.split("\n\n") {
        let block = block.trim_matches('\n');
        if out.iter().any(|a| a.block == block) {
            continue;
        }
        let Some((name, lines)) = address(block) else {
            continue;
        };
        let id = match out.len() {
            0 => "postal".to_string(),
            n => format!("postal_{}", n + 1),
        };
        out.push(Address {
            block: block.to_string(),
            id,
            name,
            lines,
        });
    }
    out
}

/// The name and address lines of a paragraph that is an address and
/// nothing else: two to seven short lines, no e-mail, web or phone, one
/// line with a street or a house number and a later one with a postal code.
fn address(block: &str) -> Option<(String, Vec<String>)> {
    let lines: Vec<String> = block
        .split('\n')
        .flat_map(|l| l.split("<br>").flat_map(|l| l.split("<br/>")))
        .flat_map(|l| l.split("<br />"))
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect();
    if !(3..=7).contains(&lines.len()) {
        return None;
    }
    let plain = |l: &String| {
        l.chars().count() <= 80
            && l.split_whitespace().count() <= 8
            && !l.contains(['@', '[', ']', '(', ')', '|', '#', '`', '{', '}'])
            && !l.contains("://")
            && !l.starts_with(['-', '*', '+', '>'])
            && !l
                .split_once(". ")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
            && l.chars().filter(char::is_ascii_digit).count() < 9
    };
    if !lines.iter().all(plain) {
        return None;
    }
    let street = lines.iter().position(|l| is_street(l))?;
    let postal = lines.iter().rposition(|l| has_postal_code(l))?;
    if street == 0 || postal < street || has_postal_code(&lines[0]) {
        return None;
    }
    let mut lines = lines;
    let name = lines.remove(0);
    Some((name, lines))
}

/// A line without the Markdown that only shapes it: hard-break marks at its
/// end, emphasis around it, spaces.
fn clean(line: &str) -> String {
    let line = line.trim().trim_end_matches('\\').trim();
    let line = line
        .strip_prefix("**")
        .and_then(|l| l.strip_suffix("**"))
        .unwrap_or(line);
    line.trim_end_matches(',').trim().to_string()
}

fn is_street(line: &str) -> bool {
    let words: Vec<String> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    line.starts_with(|c: char| c.is_ascii_digit())
        || words.iter().any(|w| STREET_WORDS.contains(&w.as_str()))
}

/// A postal code as most countries write it: four or five digits ("97204",
/// "10115"), or ZIP+4 ("97204-1234").
fn has_postal_code(line: &str) -> bool {
    line.split(|c: char| c.is_whitespace() || c == ',')
        .any(|t| {
            let (a, b) = t.split_once('-').unwrap_or((t, ""));
            let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
                n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
            };
            digits(a, 4..=5) && (b.is_empty() || digits(b, 4..=4))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_block_becomes_a_contact_and_prose_does_not() {
        let text = "Write to us:\n\n**Fernhill Software, Inc.**  \nAttn: Privacy  \n220 Alder Street, Suite 400  \nPortland, OR 97204  \nUnited States\n\nWe answer within 45 days, at most 90 days in 2025.\n\nFernhill GmbH<br>Alte Straße 5<br>10115 Berlin";
        let found = blocks(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].id, "postal");
        assert_eq!(found[0].name, "Fernhill Software, Inc.");
        assert_eq!(
            found[0].lines,
            [
                "Attn: Privacy",
                "220 Alder Street, Suite 400",
                "Portland, OR 97204",
                "United States"
            ]
        );
        assert_eq!(found[1].id, "postal_2");
        assert_eq!(found[1].lines, ["Alte Straße 5", "10115 Berlin"]);
    }

    #[test]
    fn lists_tables_and_sentences_are_not_addresses() {
        for text in [
            "- 220 Alder Street\n- Portland, OR 97204\n- United States",
            "| a | b |\n| --- | --- |\n| 220 Alder Street | 97204 |",
            "We moved to 220 Alder Street in 2024. Our office in Portland opened in 2019 and\nanswers letters within 30 days, which is what the law in 1798 asked.\nSee more at https://fernhill.example/about.",
            "Fernhill\nprivacy@fernhill.example\n220 Alder Street\nPortland, OR 97204",
        ] {
            assert_eq!(blocks(text), Vec::new(), "{text}");
        }
    }
}
