//! What a sentence names that a rule weighs: companies, periods of time and
//! age limits.

/// Company names in a sentence: capitalised words before a company suffix
/// ("Adyen N.V.", "Shenzhen Tencent Computer Systems Company Limited"), or
/// a capitalised name after "including" or "such as".
pub fn companies(sentence: &str) -> Vec<String> {
    const SUFFIXES: [&str; 16] = [
        "Inc",
        "LLC",
        "Ltd",
        "Limited",
        "Corporation",
        "Corp",
        "Co",
        "B.V",
        "N.V",
        "GmbH",
        "Pte",
        "S.A",
        "AG",
        "plc",
        "SE",
        "Company",
    ];
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let clean = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
            .trim_end_matches('.')
            .to_string()
    };
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut out: Vec<String> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let word = clean(w);
        if SUFFIXES.contains(&word.as_str()) && i > 0 {
            let start = (0..i)
                .rev()
                .take_while(|&j| capital(words[j]) && j > 0)
                .last()
                .unwrap_or(i);
            if start < i {
                out.push(
                    words[start..=i]
                        .iter()
                        .map(|w| clean(w))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
        }
        let lead_in = matches!(word.to_lowercase().as_str(), "including" | "as")
            && (word.to_lowercase() == "including"
                || i > 0 && clean(words[i - 1]).eq_ignore_ascii_case("such"));
        if lead_in
            && let Some(next) = words.get(i + 1)
            && capital(next)
        {
            let name = clean(next);
            const NOT_NAMES: [&str; 14] = [
                "Executive",
                "Section",
                "Article",
                "Order",
                "Regulation",
                "Act",
                "Law",
                "The",
                "Our",
                "Your",
                "We",
                "Applicable",
                "California",
                "European",
            ];
            if name.len() > 2
                && !NOT_NAMES.contains(&name.as_str())
                && !out.iter().any(|o| o.contains(&name))
            {
                out.push(name);
            }
        }
    }
    out
}

/// Names a sentence gives data to: the capitalised words after "with" or
/// "to" that follow a verb of sharing in the same clause ("Google shares
/// data about requests for removal with Lumen"), unless a negation comes
/// just before the verb.
pub fn shared_with(sentence: &str) -> Vec<String> {
    const VERBS: [&str; 18] = [
        "share",
        "shares",
        "shared",
        "sharing",
        "disclose",
        "discloses",
        "disclosed",
        "sell",
        "sells",
        "sold",
        "transfer",
        "transfers",
        "transferred",
        "provide",
        "provides",
        "provided",
        "send",
        "sends",
    ];
    const NOT: [&str; 6] = ["not", "never", "no", "don't", "won't", "doesn't"];
    const NOT_NAMES: [&str; 12] = [
        "The", "Our", "Your", "You", "Us", "We", "Section", "Article", "This", "These", "Those",
        "Any",
    ];
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let lower = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
            .replace('\u{2019}', "'")
            .to_lowercase()
    };
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let ends_clause = |w: &str| w.ends_with(['.', ';', ':']);
    let mut out: Vec<String> = Vec::new();
    for (v, word) in words.iter().enumerate() {
        if !VERBS.contains(&lower(word).as_str())
            || words[v.saturating_sub(6)..v]
                .iter()
                .any(|w| NOT.contains(&lower(w).as_str()))
        {
            continue;
        }
        for i in v + 1..words.len().min(v + 24) {
            if ends_clause(words[i - 1]) {
                break;
            }
            if !matches!(lower(words[i]).as_str(), "with" | "to") || ends_clause(words[i]) {
                continue;
            }
            let mut name = Vec::new();
            for w in &words[i + 1..] {
                let clean = w.trim_matches(|c: char| !c.is_alphanumeric());
                if !capital(clean) || NOT_NAMES.contains(&clean) {
                    break;
                }
                name.push(clean);
                if w.ends_with([',', '.', ';', ':', ')']) {
                    break;
                }
            }
            let name = name.join(" ");
            if name.len() > 2 && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// The company a sentence defines as "we": `TikTok Inc. (“TikTok”, “we” or
/// “us”)` gives `TikTok Inc.`, the capitalised words before the parenthesis.
pub fn we_party(sentence: &str) -> Option<String> {
    const JOINS: [&str; 4] = ["&", "of", "and", "und"];
    for (open, _) in sentence.match_indices('(') {
        let rest = &sentence[open + 1..];
        let inside = rest[..rest.find(')').unwrap_or(rest.len())].to_lowercase();
        // American style puts the comma inside the quotes: “we,”.
        let inside = inside.replace([',', '.'], "");
        if !["\u{201c}we\u{201d}", "\"we\"", "'we'", "\u{2018}we\u{2019}"]
            .iter()
            .any(|q| inside.contains(q))
        {
            continue;
        }
        let mut words: Vec<&str> = sentence[..open].split_whitespace().collect();
        // "Parler Technologies, Inc., and its affiliates (“we”)": the company
        // is the name before its group.
        if let [.., and, its, group] = words[..]
            && and == "and"
            && its == "its"
            && matches!(group, "affiliates" | "subsidiaries")
        {
            words.truncate(words.len() - 3);
        }
        let mut start = words.len();
        while start > 0 {
            let w = words[start - 1];
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            // A comma ends the name ("In this Policy, Acme Inc."), except
            // before a company suffix ("Meta Platforms, Inc.").
            let suffix_next = words.get(start).is_some_and(|next| {
                let next = next.trim_matches(|c: char| !c.is_alphanumeric());
                matches!(
                    next,
                    "Inc"
                        | "LLC"
                        | "Ltd"
                        | "Limited"
                        | "GmbH"
                        | "AG"
                        | "SE"
                        | "plc"
                        | "Corp"
                        | "Co"
                )
            });
            if w.ends_with(',') && start < words.len() && !suffix_next {
                break;
            }
            if !(capital || JOINS.contains(&w) && start < words.len()) {
                break;
            }
            start -= 1;
        }
        while start < words.len() && JOINS.contains(&words[start]) {
            start += 1;
        }
        if start < words.len() {
            return Some(words[start..].join(" ").trim_end_matches(',').to_string());
        }
    }
    None
}

/// The longest period a sentence names, in days ("immediately" is 0).
pub fn longest_period(n: &str) -> Option<f64> {
    let words: Vec<&str> = n.split_whitespace().collect();
    let mut longest: Option<f64> = n.contains(" immediately ").then_some(0.0);
    for pair in words.windows(2) {
        let number = match pair[0] {
            "one" | "a" | "an" => Some(1.0),
            "two" => Some(2.0),
            "three" => Some(3.0),
            "six" => Some(6.0),
            "twelve" => Some(12.0),
            "thirty" => Some(30.0),
            digits => digits.parse::<f64>().ok(),
        };
        let unit = match pair[1].trim_end_matches('s') {
            "day" | "tag" | "tage" => Some(1.0),
            "week" | "woche" | "wochen" => Some(7.0),
            "month" | "monat" | "monate" | "monaten" => Some(30.0),
            "year" | "jahr" | "jahre" | "jahren" => Some(365.0),
            _ => None,
        };
        if let (Some(n), Some(u)) = (number, unit) {
            longest = Some(longest.map_or(n * u, |l: f64| l.max(n * u)));
        }
    }
    longest
}

/// The age a sentence about children draws a line at ("under the age of
/// 16", "aged 13", "16 years old"): lowered, the children between the two
/// ages lose the protection the line gave them.
pub fn age_threshold(n: &str) -> Option<u32> {
    let words: Vec<&str> = n.split_whitespace().collect();
    let about_age = words.iter().any(|w| {
        matches!(
            *w,
            "age" | "aged" | "child" | "children" | "minor" | "minors" | "alter" | "kinder"
        )
    });
    if !about_age {
        return None;
    }
    let ages = words.iter().enumerate().filter_map(|(i, w)| {
        let age: u32 = w.parse().ok().filter(|a| (8..=21).contains(a))?;
        let before = i.checked_sub(1).map(|j| words[j]);
        let after = words.get(i + 1..(i + 3).min(words.len())).unwrap_or(&[]);
        let marked = matches!(before, Some("of" | "aged" | "under" | "below" | "unter"))
            || matches!(after, ["years", "old" | "of"] | ["year-old" | "jahren", ..]);
        marked.then_some(age)
    });
    ages.max()
}
