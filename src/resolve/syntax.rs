//! The template syntax policy text may use, and where it is in a text. Spans
//! are found as tera finds them (a `}}` inside a quoted string does not close
//! one); what could make a text grow without bound is refused before tera
//! runs: every statement but `if` and `raw`, joining with `~`, and the
//! functions and filters that repeat or multiply text.

use crate::suggest;

/// Statements policy text may use.
const TAGS: [&str; 6] = ["if", "elif", "else", "endif", "raw", "endraw"];

/// Filters that give at most what they are given plus their arguments, so
/// that no chain of them can multiply a text. (Not `replace`, `indent`,
/// `join`, `split`, `escape` or `newlines_to_br`: chained, each multiplies.)
const FILTERS: [&str; 24] = [
    "upper",
    "lower",
    "capitalize",
    "title",
    "trim",
    "trim_start",
    "trim_end",
    "default",
    "truncate",
    "length",
    "wordcount",
    "first",
    "last",
    "nth",
    "get",
    "str",
    "int",
    "float",
    "abs",
    "round",
    "safe",
    "pluralize",
    "reverse",
    "sort",
];

/// The functions of policy text.
pub const FUNCTIONS: [&str; 5] = ["ref", "num", "contact", "ccpa_table", "processing_table"];

/// The names text can start a template expression with.
const ROOTS: [&str; 6] = ["org", "contacts", "controllers", "dates", "vars", "notice"];

/// `{ ref(id="x") }` or `{ org.name }`: single braces around what reads as
/// a template, which print as written. The byte range of the first, and
/// the template it was likely meant to be.
pub fn single_braces(text: &str) -> Option<(std::ops::Range<usize>, String)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find('{').map(|i| from + i) {
        if bytes
            .get(i + 1)
            .is_some_and(|b| matches!(b, b'{' | b'%' | b'#'))
        {
            from = i + 2;
            continue;
        }
        from = i + 1;
        let Some(close) = text[i + 1..].find(['}', '{', '\n']).map(|n| i + 1 + n) else {
            break;
        };
        if bytes[close] != b'}' || bytes.get(close + 1) == Some(&b'}') {
            continue;
        }
        let inner = text[i + 1..close].trim();
        let head_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        let (head, rest) = inner.split_at(head_len);
        let looks = FUNCTIONS.contains(&head) && rest.starts_with('(')
            || ROOTS.contains(&head) && rest.starts_with('.');
        if looks {
            return Some((i..close + 1, format!("{{{{ {inner} }}}}")));
        }
    }
    None
}

/// What a span of template syntax is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{{ ... }}`
    Expression,
    /// `{% ... %}`
    Statement,
    /// `{# ... #}`
    Comment,
}

/// One span of template syntax: its kind and byte range, delimiters included.
/// A span left open runs to the end of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// The template syntax of a text, in order. The text between `{% raw %}` and
/// `{% endraw %}` is not syntax.
pub fn spans(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|t| t.find('{')).map(|i| from + i) {
        let (kind, close) = match bytes.get(at + 1) {
            Some(b'{') => (Kind::Expression, "}}"),
            Some(b'%') => (Kind::Statement, "%}"),
            Some(b'#') => (Kind::Comment, "#}"),
            _ => {
                from = at + 1;
                continue;
            }
        };
        let end = if kind == Kind::Comment {
            text[at + 2..]
                .find(close)
                .map_or(text.len(), |i| at + 4 + i)
        } else {
            close_of(text, at + 2, close)
        };
        out.push(Span {
            kind,
            start: at,
            end,
        });
        from = end;
        if kind == Kind::Statement && first_word(inner(text, out[out.len() - 1])) == "raw" {
            from = raw_end(text, end);
        }
    }
    out
}

/// Where the `{% endraw %}` after `from` starts, or the end of the text.
fn raw_end(text: &str, from: usize) -> usize {
    let mut at = from;
    while let Some(i) = text[at..].find("{%") {
        let start = at + i;
        let rest = text[start + 2..].trim_start_matches('-').trim_start();
        if rest.starts_with("endraw") {
            return start;
        }
        at = start + 2;
    }
    text.len()
}

/// The end of a span whose body starts at `from`: just after `close`, not
/// counting one inside a quoted string.
fn close_of(text: &str, from: usize, close: &str) -> usize {
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if bytes[i..].starts_with(close.as_bytes()) => return i + close.len(),
            None => {}
        }
        i += 1;
    }
    text.len()
}

/// A span without its delimiters and whitespace-control marks.
pub fn inner(text: &str, span: Span) -> &str {
    let body = &text[span.start + 2..span.end];
    let body = body
        .strip_suffix("}}")
        .or_else(|| body.strip_suffix("%}"))
        .or_else(|| body.strip_suffix("#}"))
        .unwrap_or(body);
    body.trim_start_matches('-').trim_end_matches('-').trim()
}

fn first_word(code: &str) -> &str {
    let end = code
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(code.len());
    &code[..end]
}

/// Something policy text may not use: where it starts (a byte offset in the
/// text), how long it is, and what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub at: usize,
    pub width: usize,
    pub message: String,
    pub help: String,
}

/// The first piece of syntax in a text that policy text may not use.
pub fn refused(text: &str, spans: &[Span]) -> Option<Refused> {
    spans
        .iter()
        .filter(|s| s.kind != Kind::Comment)
        .find_map(|&span| refused_in(text, span))
}

fn refused_in(text: &str, span: Span) -> Option<Refused> {
    let code = &text[span.start..span.end];
    let tokens = tokens(code);
    if span.kind == Kind::Statement
        && let Some(&(at, tag)) = tokens.iter().find(|(_, t)| !t.starts_with(['{', '%', '-']))
        && !TAGS.contains(&tag)
    {
        return Some(Refused {
            at: span.start + at,
            width: tag.len(),
            message: format!("`{{% {tag} %}}` is not available in policy text"),
            help: "policy text may use {{ ... }} and {% if %}; write lists and repeated text out in markdown".into(),
        });
    }
    for (i, &(at, token)) in tokens.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| tokens[p].1);
        let next = tokens.get(i + 1).map(|t| t.1);
        let word = token.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        let refusal = if token == "~" {
            Some((
                "joining texts with `~` is not available in policy text".to_string(),
                "write the texts side by side: {{ a }} {{ b }}".to_string(),
            ))
        } else if word && previous == Some("|") && !FILTERS.contains(&token) {
            Some((
                format!("the `{token}` filter is not available in policy text"),
                "policy text may use filters that do not repeat text, such as upper, lower, trim, default and truncate".to_string(),
            ))
        } else if word
            && previous != Some("|")
            && previous != Some(".")
            && next == Some("(")
            && !FUNCTIONS.contains(&token)
        {
            Some(match suggest::did_you_mean(token, FUNCTIONS, "functions") {
                Some(near) if near.starts_with("did you mean") => {
                    (format!("unknown function `{token}`"), near)
                }
                _ => (
                    format!("the function `{token}()` is not available in policy text"),
                    "policy text may call ref(), num(), contact(), ccpa_table() and processing_table()".to_string(),
                ),
            })
        } else {
            None
        };
        if let Some((message, help)) = refusal {
            return Some(Refused {
                at: span.start + at,
                width: token.len(),
                message,
                help,
            });
        }
    }
    None
}

/// The tokens of a span's code outside quoted strings, with their byte
/// offsets: words, and single punctuation characters (`{`, `|`, `~`, `(` ...).
fn tokens(code: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut chars = code.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if matches!(c, '"' | '\'' | '`') {
            for (_, d) in chars.by_ref() {
                if d == c {
                    break;
                }
            }
            out.push((at, "\"\""));
        } else if c.is_ascii_alphanumeric() || c == '_' {
            let mut end = at + 1;
            while let Some(&(i, d)) = chars.peek() {
                if !(d.is_ascii_alphanumeric() || d == '_') {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            out.push((at, &code[at..end]));
        } else if !c.is_whitespace() {
            out.push((at, &code[at..at + c.len_utf8()]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<&str> {
        spans(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn spans_close_where_tera_closes_them() {
        assert_eq!(
            shown("a {{ x }} b {% if y %} c {# d #} { e } {{ open"),
            ["{{ x }}", "{% if y %}", "{# d #}", "{{ open"]
        );
        assert_eq!(shown(r#"x {{ "}}" }} y"#), [r#"{{ "}}" }}"#]);
        // Found by the compile fuzz target: a character of several bytes inside a span.
        assert_eq!(
            shown("{{ ref(id\u{FFFC}=\"x\") }}"),
            ["{{ ref(id\u{FFFC}=\"x\") }}"]
        );
        assert_eq!(
            shown("{% raw %}{{ not }}{% endraw %} {{ y }}"),
            ["{% raw %}", "{% endraw %}", "{{ y }}"]
        );
    }

    #[test]
    fn what_could_grow_without_bound_is_refused() {
        for (text, what) in [
            ("{% set x = x ~ x %}", "`{% set %}`"),
            ("{% for i in range(end=9) %}x{% endfor %}", "`{% for %}`"),
            ("{{ x ~ x }}", "`~`"),
            ("{{ x | replace(from='a', to=x) }}", "`replace` filter"),
            ("{{ x|indent(prefix=x) }}", "`indent` filter"),
            ("{{ x | escape | escape }}", "`escape` filter"),
            ("{{ range(end=100000) }}", "`range()`"),
            ("{% if range(end=9) %}{% endif %}", "`range()`"),
        ] {
            let found = refused(text, &spans(text));
            let message = found.map(|r| r.message).unwrap_or_default();
            assert!(message.contains(what), "{text}: {message}");
        }
    }

    #[test]
    fn what_policy_text_uses_is_accepted() {
        for text in [
            "{{ org.name | upper }} {{ ref(id=\"x\") }} {# ~ | replace #}",
            "{% if org.legal_name %}{{ org.legal_name }}{% else %}x{% endif %}",
            "{{ \"a ~ b | replace\" }} {{ vars.x | default(value='y') | trim }}",
            "{% raw %}{% for %} ~{% endraw %}",
            "{{- contact(id='privacy') -}}",
        ] {
            assert_eq!(refused(text, &spans(text)), None, "{text}");
        }
    }
}
