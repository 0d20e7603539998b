//! Hostile text in a policy never becomes live markup in the Markdown policyc
//! publishes, which mdBook (or GitHub) turns into HTML without asking:
//! `render --format md`, `build`, the mdBook preprocessor, `history [--git]`
//! and the md report of `diff`, which `history --git` embeds.
//!
//! Checked three ways: the Markdown parsed as mdBook 0.5 parses it (no raw
//! HTML but policyc's own few tags, no link to another scheme than http,
//! https, mailto and tel, no heading attributes); a real `mdbook build` of a
//! book made of the payload policies, whose pages are checked and loaded in
//! headless Chromium; and the reports turned into HTML by pulldown-cmark, as
//! the worst case of what a Markdown viewer does, loaded there too.
//!
//! The payloads are in tests/fixtures/xss/markdown.yaml, ids.yaml and
//! lines.yaml (with the versions before them, for the diff and the git
//! history). A payload
//! that runs sets a `data-xss-*` attribute on <body> naming it, and each
//! problem found is reported with the name of the payload it came from.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use pulldown_cmark::{Event, Options, Parser, Tag};

use common::{chromium, code, dump_dom, git, mdbook, policyc, policyc_in, require, root, stderr};

/// A policy and, optionally, the version before it.
struct Case {
    /// The file's stem in the test repository's `policies/`.
    name: &'static str,
    /// The policy's `id`, the stem of what `build` writes.
    id: &'static str,
    old: Option<&'static str>,
    new: &'static str,
    /// Whether policyc may refuse the policy (exit 2) instead of making it
    /// safe: its payloads are in ids, or put line breaks in one-line fields
    /// such as titles, which a fix may reject as invalid.
    may_be_refused: bool,
}

impl Case {
    fn file(&self) -> String {
        format!("policies/{}.yaml", self.name)
    }
}

const PAYLOADS: [Case; 3] = [
    Case {
        name: "markdown",
        id: "xss-md",
        old: Some("tests/fixtures/xss/markdown-old.yaml"),
        new: "tests/fixtures/xss/markdown.yaml",
        may_be_refused: false,
    },
    Case {
        name: "ids",
        id: "xss-ids",
        old: Some("tests/fixtures/xss/ids-old.yaml"),
        new: "tests/fixtures/xss/ids.yaml",
        may_be_refused: true,
    },
    Case {
        name: "lines",
        id: "xss-lines",
        old: Some("tests/fixtures/xss/lines-old.yaml"),
        new: "tests/fixtures/xss/lines.yaml",
        may_be_refused: true,
    },
];

/// Benign policies, on which every check must pass: a failure on the
/// payloads is then the payloads' doing, not the checks'.
const CONTROLS: [Case; 2] = [
    Case {
        name: "example",
        id: "privacy",
        old: None,
        new: "policies/privacy.yaml",
        may_be_refused: false,
    },
    Case {
        name: "report",
        id: "corpus",
        old: Some("tests/fixtures/diff/old.yaml"),
        new: "tests/fixtures/diff/new.yaml",
        may_be_refused: false,
    },
];

/// Whether policyc compiles the case (`check` does not exit 2); a refusal
/// is allowed only where the case says so, and is noted. A policy that
/// compiles but whose output policyc then refuses to publish is kept: the
/// refusal is reported, output by output, as a problem.
fn accepted(case: &Case) -> bool {
    let out = policyc(&["check", case.new]);
    match code(&out) {
        0 | 1 => true,
        2 if case.may_be_refused => {
            eprintln!("note: policyc refuses {}:\n{}", case.new, stderr(&out));
            false
        }
        n => panic!("check {} exited {n}:\n{}", case.new, stderr(&out)),
    }
}

/// The cases of `cases` that policyc compiles.
fn compiling(cases: &'static [Case]) -> Vec<&'static Case> {
    cases.iter().filter(|c| accepted(c)).collect()
}

/// A git repository with every case in `policies/`: one commit with the old
/// versions (or the only one), one with the new. It is also the root of the
/// mdBook books, since policyc reads nothing outside a book's root.
fn repository(cases: &[&Case]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    fs::create_dir(d.join("policies")).unwrap();
    for case in cases {
        fs::copy(
            root().join(case.old.unwrap_or(case.new)),
            d.join(case.file()),
        )
        .unwrap();
    }
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "old"]);
    for case in cases.iter().filter(|c| c.old.is_some()) {
        fs::copy(root().join(case.new), d.join(case.file())).unwrap();
    }
    git(d, &["commit", "-q", "-am", "new"]);
    dir
}

/// One published text, or why policyc would not publish it, and what
/// produced it.
struct Published {
    what: String,
    text: Result<String, String>,
}

/// Runs policyc in `dir`: its stdout when it exits with one of `codes`, its
/// stderr when it refuses (exit 2); any other exit fails the test.
fn run(dir: &Path, args: &[&str], codes: &[i32]) -> Result<String, String> {
    let out = policyc_in(dir, args);
    match code(&out) {
        n if codes.contains(&n) => Ok(String::from_utf8(out.stdout).unwrap()),
        2 => Err(stderr(&out)),
        n => panic!("policyc {args:?} exited {n}:\n{}", stderr(&out)),
    }
}

/// `render --format md` and what `build` writes to dist/<id>.md.
fn rendered(repo: &Path, cases: &[&Case]) -> Vec<Published> {
    // One policy that fails does not stop the others (exit 2 then).
    let build = run(
        repo,
        &["build", "policies", "--out", "dist", "--format", "md"],
        &[0],
    );
    let mut out = Vec::new();
    for case in cases {
        out.push(Published {
            what: format!("render {} --format md", case.new),
            text: run(repo, &["render", &case.file(), "--format", "md"], &[0]),
        });
        let built = repo.join(format!("dist/{}.md", case.id));
        out.push(Published {
            what: format!("build {} (dist/{}.md)", case.new, case.id),
            text: fs::read_to_string(&built).map_err(|e| {
                format!(
                    "{}: {e}; build said:\n{}",
                    built.display(),
                    build.as_ref().err().map_or("", String::as_str)
                )
            }),
        });
    }
    out
}

/// `history` and `history --git`.
fn histories(repo: &Path, cases: &[&Case]) -> Vec<Published> {
    let mut out = Vec::new();
    for case in cases {
        out.push(Published {
            what: format!("history {}", case.new),
            text: run(repo, &["history", &case.file()], &[0]),
        });
        out.push(Published {
            what: format!("history {} --git", case.new),
            text: run(repo, &["history", &case.file(), "--git"], &[0]),
        });
    }
    out
}

/// `diff OLD NEW --format md`, the pull-request comment.
fn reports(cases: &[&Case]) -> Vec<Published> {
    let mut out = Vec::new();
    for case in cases {
        let Some(old) = case.old else { continue };
        let args = [
            "diff",
            old,
            case.new,
            "--format",
            "md",
            "--today",
            "2025-01-02",
        ];
        out.push(Published {
            what: format!("diff {old} {} --format md", case.new),
            text: run(&root(), &args, &[0, 1]),
        });
    }
    out
}

/// The three directives of a case, each a chapter (name, content).
fn directives(case: &Case) -> Vec<(String, String)> {
    let file = case.file();
    vec![
        (
            format!("{}-policy", case.name),
            format!("{{{{#policy {file}}}}}"),
        ),
        (
            format!("{}-history", case.name),
            format!("{{{{#policy-history {file}}}}}"),
        ),
        (
            format!("{}-git-history", case.name),
            format!("{{{{#policy-history {file} git}}}}"),
        ),
    ]
}

/// Runs `policyc mdbook` as mdBook runs it, in `dir`, on a book of one
/// chapter (`content`) whose root is `root`; the chapter it returns, or
/// policyc's stderr when it fails.
fn preprocess(dir: &Path, root: &Path, content: &str) -> Result<String, String> {
    let chapter = serde_json::json!({"Chapter": {"name": "c", "content": content,
        "number": null, "sub_items": [], "path": "c.md", "source_path": "c.md",
        "parent_names": []}});
    let context = serde_json::json!({"root": root, "config": {"book": {"title": "t"}},
        "renderer": "html", "mdbook_version": "0.5.4"});
    let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .arg("mdbook")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("NO_COLOR", "1")
        .spawn()
        .unwrap();
    let input = serde_json::json!([context, {"items": [chapter]}]).to_string();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    if code(&out) != 0 {
        return Err(stderr(&out));
    }
    let book: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    Ok(book["items"][0]["Chapter"]["content"]
        .as_str()
        .unwrap()
        .to_string())
}

/// Every directive on every case, expanded by `policyc mdbook`, a chapter
/// at a time, with the absolute root mdBook gives.
fn preprocessed(repo: &Path, cases: &[&Case]) -> Vec<Published> {
    cases
        .iter()
        .flat_map(|c| directives(c))
        .map(|(name, content)| Published {
            what: format!("policyc mdbook: {content} (chapter {name})"),
            text: preprocess(repo, repo, &content),
        })
        .collect()
}

/// The payload policy cut into policies of one top-level section each
/// (id, YAML): the lines before `sections:`, the section with the comment
/// above it, and the lines after the sections when the section shows the
/// CCPA table. A payload that policyc refuses to publish then hides no other.
fn one_section_policies(yaml: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
    let start = lines.iter().position(|l| *l == "sections:\n").unwrap();
    let end = (start + 1..lines.len())
        .find(|&i| !lines[i].starts_with(' ') && !lines[i].trim().is_empty())
        .unwrap_or(lines.len());
    let header = lines[..=start].concat();
    let footer = lines[end..].concat();
    let mut entries: Vec<String> = Vec::new();
    let mut comment = String::new();
    for line in &lines[start + 1..end] {
        if line.starts_with("  #") {
            comment.push_str(line);
        } else if line.starts_with("  - ") {
            entries.push(std::mem::take(&mut comment) + line);
        } else {
            entries.last_mut().unwrap().push_str(line);
        }
    }
    entries
        .into_iter()
        .map(|entry| {
            let id = entry
                .lines()
                .find_map(|l| l.strip_prefix("  - id: "))
                .unwrap()
                .to_string();
            let footer = if entry.contains("ccpa_table") {
                footer.as_str()
            } else {
                ""
            };
            (id, format!("{header}{entry}{footer}"))
        })
        .collect()
}

/// The one-section policies of markdown.yaml, written to `dir/variants/`:
/// their ids and paths relative to `dir`.
fn write_one_section_policies(dir: &Path) -> Vec<(String, String)> {
    let yaml = fs::read_to_string(root().join(PAYLOADS[0].new)).unwrap();
    fs::create_dir_all(dir.join("variants")).unwrap();
    one_section_policies(&yaml)
        .into_iter()
        .map(|(id, policy)| {
            let file = format!("variants/{id}.yaml");
            fs::write(dir.join(&file), policy).unwrap();
            (id, file)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The Markdown, parsed as mdBook parses it.

/// The options mdBook 0.5 parses a chapter with (mdbook-markdown's
/// `new_cmark_parser` with its defaults, which `book.toml` does not change here).
fn mdbook_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// The payload a piece of output came from: the name in its marker
/// (`dataset.xssTitleRepeat` is `xssTitleRepeat`), or `?`.
fn payload(text: &str) -> String {
    let marker = text.match_indices("xss").find_map(|(at, _)| {
        let name: String = text[at..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        name[3..]
            .starts_with(|c: char| c.is_ascii_uppercase())
            .then_some(name)
    });
    match marker {
        Some(name) => name,
        None if text.contains("#include") => "include".to_string(),
        None => "?".to_string(),
    }
}

/// Text cut to a length that reads in a report.
fn excerpt(text: &str) -> String {
    let one_line = text.replace('\n', "\\n").replace('\r', "\\r");
    match one_line.char_indices().nth(240) {
        Some((at, _)) => format!("{}...", &one_line[..at]),
        None => one_line,
    }
}

/// Links may go to the web, to mail and phone, or within the site; this is
/// written apart from policyc's own rule, so that the test checks it.
fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &cleaned[..colon];
            scheme.contains(['/', '?', '#'])
                || matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
    }
}

/// The tags, comments and other markup in raw HTML, as written.
fn raw_tags(html: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        let next = html[start + 1..].chars().next();
        if next.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
            let end = html[start..]
                .find('>')
                .map_or(html.len(), |e| start + e + 1);
            tags.push(&html[start..end]);
            at = end;
        } else {
            at = start + 1;
        }
    }
    tags
}

/// The markup policyc itself writes into Markdown: anchors on sections and
/// redlines, and the diff report's folding and redline tags and the list of
/// findings beside a redline, exactly these.
fn is_policyc_markup(tag: &str) -> bool {
    const TAGS: [&str; 20] = [
        "<ul>",
        "</ul>",
        "<li>",
        "</li>",
        "<details>",
        "</details>",
        "<summary>",
        "</summary>",
        "<b>",
        "</b>",
        "<br>",
        "<p>",
        "</p>",
        "<del>",
        "</del>",
        "<ins>",
        "</ins>",
        "<u>",
        "</u>",
        "</a>",
    ];
    TAGS.contains(&tag)
        || tag
            .strip_prefix("<a id=\"")
            .and_then(|t| t.strip_suffix("\">"))
            .is_some_and(|id| {
                !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
}

/// What in one Markdown text would be live markup once mdBook renders it,
/// or GitHub: pulldown-cmark does not end an HTML block at a blank line made
/// of carriage returns, which GitHub (and CommonMark) read as line breaks,
/// so text with them is also checked with them made into line feeds.
fn markdown_problems(markdown: &str) -> Vec<String> {
    let mut problems = parsed_problems(markdown);
    if markdown.contains('\r') {
        let unix = markdown.replace("\r\n", "\n").replace('\r', "\n");
        for problem in parsed_problems(&unix) {
            if !problems.contains(&problem) {
                problems.push(problem);
            }
        }
    }
    problems
}

/// What in one Markdown text would be live markup, as pulldown-cmark reads it.
fn parsed_problems(markdown: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for (event, range) in Parser::new_ext(markdown, mdbook_options()).into_offset_iter() {
        let source = &markdown[range];
        match &event {
            Event::Html(html) | Event::InlineHtml(html) => {
                for tag in raw_tags(html).into_iter().filter(|t| !is_policyc_markup(t)) {
                    problems.push(format!("[{}] raw HTML {}", payload(tag), excerpt(tag)));
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_safe_url(dest_url) =>
            {
                problems.push(format!(
                    "[{}] a link or image to {}, from {}",
                    payload(dest_url),
                    excerpt(dest_url),
                    excerpt(source)
                ));
            }
            Event::Start(Tag::Heading {
                id, classes, attrs, ..
            }) if id.is_some() || !classes.is_empty() || !attrs.is_empty() => {
                problems.push(format!(
                    "[{}] a heading with attributes (id {id:?}, classes {classes:?}, {attrs:?}), from {}",
                    payload(source),
                    excerpt(source)
                ));
            }
            _ => {}
        }
    }
    problems
}

/// What a failed command said, for a report: its error lines (or its first
/// lines), on one line.
fn first_lines(message: &str) -> String {
    let lines: Vec<&str> = message.lines().filter(|l| !l.trim().is_empty()).collect();
    let errors: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.trim_start().to_ascii_lowercase().starts_with("error"))
        .collect();
    let lines = if errors.is_empty() { lines } else { errors };
    let shown = lines.len().min(3);
    let more = if lines.len() > shown { " ..." } else { "" };
    format!("{}{more}", lines[..shown].join(" / "))
}

/// Every problem of every text, one line each, under what produced it; a
/// text policyc would not publish is a problem too (it names what it found).
fn report(published: &[Published], check: impl Fn(&str) -> Vec<String>) -> String {
    let mut out = String::new();
    for p in published {
        let problems = match &p.text {
            Ok(text) => check(text),
            Err(why) => vec![format!(
                "[{}] policyc would not publish it: {}",
                payload(why),
                excerpt(&first_lines(why))
            )],
        };
        if !problems.is_empty() {
            out.push_str(&format!("\n{}:\n", p.what));
            for problem in problems {
                out.push_str(&format!("  {problem}\n"));
            }
        }
    }
    out
}

fn assert_inert_markdown(published: &[Published]) {
    assert!(!published.is_empty());
    let problems = report(published, markdown_problems);
    assert!(
        problems.is_empty(),
        "live markup in the published Markdown:\n{problems}"
    );
}

// ---------------------------------------------------------------------------
// HTML pages.

/// Decodes the character references a browser decodes in an attribute value.
fn decode(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
            u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
        } else if let Some(num) = name.strip_prefix('#') {
            num.parse().ok().and_then(char::from_u32)
        } else {
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                "lpar" => Some('('),
                "rpar" => Some(')'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A start tag: its name and attributes (lowercase names, decoded values).
struct HtmlTag<'a> {
    name: String,
    attrs: Vec<(String, String)>,
    text: &'a str,
}

/// The start tags of an HTML text, as a browser would read their
/// attributes; comments and the contents of script and style are skipped.
fn html_tags(html: &str) -> Vec<HtmlTag<'_>> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        let start = i + found;
        if html[start..].starts_with("<!--") {
            i = html[start..].find("-->").map_or(b.len(), |e| start + e + 3);
            continue;
        }
        if !b.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let mut j = start + 1;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let name = html[start + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let n = j;
            j += 1; // a name may start with `=`
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'/' | b'>' | b'=')
            {
                j += 1;
            }
            let attr = html[n..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if let Some(&q) = b.get(j).filter(|q| matches!(q, b'"' | b'\'')) {
                    let v = j + 1;
                    j = html[v..].find(q as char).map_or(b.len(), |e| v + e);
                    value = decode(&html[v..j]);
                    j = (j + 1).min(b.len());
                } else {
                    let v = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = decode(&html[v..j]);
                }
            }
            attrs.push((attr, value));
        }
        let end = (j + 1).min(b.len());
        i = end;
        if matches!(name.as_str(), "script" | "style") {
            let close = format!("</{name}");
            i = html[end..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(b.len(), |e| end + e);
        }
        tags.push(HtmlTag {
            name,
            attrs,
            text: &html[start..end],
        });
    }
    tags
}

/// Whether a URL would run script (or show a page of its own) when followed.
fn is_script_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

/// What in a piece of HTML made from policy text could run script.
fn html_problems(html: &str) -> Vec<String> {
    const ELEMENTS: [&str; 14] = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
        "form", "meta", "link", "portal", "template",
    ];
    const URLS: [&str; 13] = [
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "poster",
        "background",
        "srcset",
        "ping",
        "codebase",
        "lowsrc",
        "dynsrc",
    ];
    let mut problems = Vec::new();
    for tag in html_tags(html) {
        let mut why = Vec::new();
        if ELEMENTS.contains(&tag.name.as_str()) {
            why.push(format!("a <{}> element", tag.name));
        }
        for (attr, value) in &tag.attrs {
            if attr.starts_with("on") {
                why.push(format!("an event handler ({attr})"));
            } else if attr == "srcdoc" || (URLS.contains(&attr.as_str()) && is_script_url(value)) {
                why.push(format!("{attr}={}", excerpt(value)));
            }
        }
        if !why.is_empty() {
            problems.push(format!(
                "[{}] {}: {}",
                payload(tag.text),
                why.join(", "),
                excerpt(tag.text)
            ));
        }
    }
    if html.contains("root:x:0:") {
        problems.push("[include] the contents of /etc/passwd".to_string());
    }
    problems
}

/// The content of a page's <main>, where mdBook puts the chapter.
fn main_of(page: &str) -> &str {
    let start = page.find("<main>").expect("the page has a <main>");
    let end = page.rfind("</main>").expect("the page has a </main>");
    &page[start..end]
}

/// Acts as a reader would on everything inside <main>: every inline event
/// handler there fires (focus, mouse over ...), every javascript: link is
/// followed. Then it marks <body>, so that a page that did not load, or was
/// replaced, is not taken for a safe one.
const PROBE: &str = r#"<script>
window.addEventListener('load', () => {
  const scope = document.querySelector('main') || document.body;
  for (const el of Array.from(scope.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.startsWith('on')) {
        try { el.dispatchEvent(new Event(attr.name.slice(2))); } catch (e) {}
      }
    }
  }
  for (const a of Array.from(scope.querySelectorAll('a[href]'))) {
    if (a.protocol === 'javascript:') {
      try { a.click(); } catch (e) {}
    }
  }
  document.body.setAttribute('data-probe', 'done');
});
</script>
"#;

/// Loads a page in Chromium, with the probe, and returns the names of the
/// payloads that ran (the `data-xss-*` attributes <body> then has).
fn payloads_that_ran(chromium: &Path, page: &Path) -> Vec<String> {
    let html = fs::read_to_string(page).unwrap();
    let at = html.rfind("</body>").unwrap_or(html.len());
    fs::write(page, format!("{}{PROBE}{}", &html[..at], &html[at..])).unwrap();
    let dom = dump_dom(chromium, page, 1280);
    let body = dom
        .find("<body")
        .map(|at| &dom[at..at + dom[at..].find('>').unwrap_or(dom.len() - at)])
        .unwrap_or("");
    assert!(
        body.contains("data-probe=\"done\""),
        "{}: the page did not load, or was replaced: {body}",
        page.display()
    );
    body.split_whitespace()
        .filter(|a| a.starts_with("data-xss"))
        .map(|a| a.split('=').next().unwrap().to_string())
        .collect()
}

/// An HTML page around a fragment, with a <main> as mdBook's pages have.
fn page(fragment: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head>\n<body><main>\n{fragment}\n</main></body></html>\n"
    )
}

/// Markdown as pulldown-cmark turns it into HTML, raw HTML and all, with
/// carriage returns read as line breaks, as CommonMark and GitHub read them.
fn to_html(markdown: &str) -> String {
    let markdown = markdown.replace("\r\n", "\n").replace('\r', "\n");
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(&markdown, mdbook_options()));
    html
}

// ---------------------------------------------------------------------------
// mdBook.

/// Builds, with mdBook, a book at `root` (the repository, which holds the
/// policies) named `name`, whose chapters are `chapters` (name, content):
/// the folder of the built site, or mdBook's output when the build failed.
/// Books share the root, one after the other, each with its own folders.
fn build_book(
    mdbook: &Path,
    root: &Path,
    name: &str,
    chapters: &[(String, String)],
    before_links: bool,
) -> Result<PathBuf, String> {
    let src = format!("src-{name}");
    fs::create_dir_all(root.join(&src)).unwrap();
    let policyc = env!("CARGO_BIN_EXE_policyc");
    assert!(!policyc.contains('\''), "{policyc}");
    // mdBook splits the command as a shell would; TOML reads a JSON string.
    let command = serde_json::to_string(&format!("'{policyc}' mdbook")).unwrap();
    // By default mdBook runs `links` first: its name sorts before `policy`.
    let order = if before_links {
        "before = [\"links\"]\n"
    } else {
        ""
    };
    fs::write(
        root.join("book.toml"),
        format!(
            "[book]\ntitle = \"Payloads\"\nsrc = \"{src}\"\n\n[build]\nbuild-dir = \"site-{name}\"\n\n[preprocessor.policy]\ncommand = {command}\n{order}"
        ),
    )
    .unwrap();
    let mut summary = String::from("# Summary\n\n");
    for (chapter, content) in chapters {
        summary.push_str(&format!("- [{chapter}]({chapter}.md)\n"));
        fs::write(root.join(format!("{src}/{chapter}.md")), content).unwrap();
    }
    fs::write(root.join(format!("{src}/SUMMARY.md")), summary).unwrap();
    let out = Command::new(mdbook)
        .arg("build")
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    if out.status.success() {
        Ok(root.join(format!("site-{name}")))
    } else {
        Err(stderr(&out))
    }
}

/// A report's section: a heading and its lines, or nothing.
fn section(heading: &str, lines: &str) -> String {
    if lines.is_empty() {
        String::new()
    } else {
        format!("\n{heading}:\n{lines}")
    }
}

// ---------------------------------------------------------------------------
// The tests.

#[test]
fn the_checks_find_what_they_look_for() {
    for bad in [
        "<img src=x onerror=\"alert(1)\">",
        "a <b onclick=\"x\">b</b>",
        "<a id=\"x\" onclick=\"y\"></a>",
        "<!-- hidden -->",
        "[x](javascript:alert(1))",
        "[x](<JaVa\tScRiPt:alert(1)>)",
        "[x](java&#x73;cript:alert(1))",
        "![x](data:image/svg+xml,x)",
        "<vbscript:x>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "## Title {onfocus=alert(1)}",
        "## Title {#id}",
        "## Title {.class}",
        "Term\n\n:   x\n\n    <img src=x onerror=alert(1)>",
        "<p>a\r\r[x](javascript:alert(1))</p>",
    ] {
        assert!(!markdown_problems(bad).is_empty(), "not caught: {bad}");
    }
    for good in [
        "<a id=\"s-1\"></a>\n\n## 1. Title",
        "<details><summary><b>1. A</b> (changed)</summary>\n\n<p>a<br><del>b</del><ins>c</ins></p>\n\n</details>",
        "[a](https://x.example) [b](mailto:a@b.example) [c](tel:+1) [d](#s) [e](a/b:c) <https://x.example>",
        "\\<img src=x onerror=alert(1)\\> &lt;script> `<b onclick=x>` \\[x\\](javascript:alert(1))",
        "```\n<img src=x onerror=alert(1)>\n```",
        "    <img src=x onerror=alert(1)>",
        "| a | b |\n| --- | --- |\n| <u>x</u> | \\<script> |",
        "{{#include /etc/passwd}}",
    ] {
        assert_eq!(markdown_problems(good), Vec::<String>::new(), "{good}");
    }
    for bad in [
        "<img src=x onerror=\"a()\">",
        "<IMG SRC=x ONERROR=a()>",
        "<svg/onload=a()>",
        "<a href=\"javascript:a()\">",
        "<a href=\"&#106;avascript&colon;a()\">",
        "<a href=' java\tscript:a()'>",
        "<iframe srcdoc=\"x\">",
        "<object data=\"data:text/html,x\">",
        "<script>a()</script>",
        "<p>root:x:0:0:root:/root:/bin/bash</p>",
    ] {
        assert!(!html_problems(bad).is_empty(), "not caught: {bad}");
    }
    for good in [
        "<p>&lt;img src=x onerror=a()&gt; javascript:a() onclick=x</p>",
        "<a class=\"header\" href=\"#x\">x</a><img src=\"a.png\" alt=\"on\">",
        "<!-- <img src=x onerror=a()> --><p title=\"javascript:x\">x</p>",
        "<svg viewbox=\"0 0 16 16\"><path d=\"M6\"></path></svg><input type=\"checkbox\">",
    ] {
        assert_eq!(html_problems(good), Vec::<String>::new(), "{good}");
    }
    assert_eq!(payload("x dataset.xssTitleRepeat=1)"), "xssTitleRepeat");
}

#[test]
fn the_checks_pass_on_benign_policies() {
    let cases: Vec<&Case> = CONTROLS.iter().collect();
    let repo = repository(&cases);
    let mut published = rendered(repo.path(), &cases);
    published.extend(histories(repo.path(), &cases));
    published.extend(reports(&cases));
    published.extend(preprocessed(repo.path(), &cases));
    assert_inert_markdown(&published);
    let problems = report(&published, |md| html_problems(&to_html(md)));
    assert!(problems.is_empty(), "{problems}");
    // The report has the markup the checks allow, so that is tested too.
    let diff = published
        .iter()
        .find(|p| p.what.starts_with("diff"))
        .unwrap();
    let diff = diff.text.as_ref().unwrap();
    assert!(diff.contains("<details>"), "{diff}");
}

#[test]
fn rendered_markdown_is_inert() {
    let cases = compiling(&PAYLOADS);
    let repo = repository(&cases);
    let mut published = rendered(repo.path(), &cases);
    for (id, file) in write_one_section_policies(repo.path()) {
        published.push(Published {
            what: format!(
                "render --format md of {}'s section {id} alone",
                PAYLOADS[0].new
            ),
            text: run(repo.path(), &["render", &file, "--format", "md"], &[0]),
        });
    }
    assert_inert_markdown(&published);
}

#[test]
fn the_payload_policy_cuts_into_valid_policies() {
    let dir = tempfile::tempdir().unwrap();
    let variants = write_one_section_policies(dir.path());
    assert!(variants.len() >= 20, "{variants:?}");
    for (_, file) in &variants {
        let out = policyc_in(dir.path(), &["check", file]);
        assert_ne!(code(&out), 2, "{file}:\n{}", stderr(&out));
        let yaml = fs::read_to_string(dir.path().join(file)).unwrap();
        let sections = yaml.lines().filter(|l| l.starts_with("  - id: ")).count();
        assert_eq!(sections, 1, "{file}:\n{yaml}");
    }
    let yaml = fs::read_to_string(dir.path().join("variants/fence-open.yaml")).unwrap();
    assert!(yaml.contains("xssSplitFence"), "{yaml}");
    let yaml = fs::read_to_string(dir.path().join("variants/california.yaml")).unwrap();
    assert!(yaml.contains("xssCellIndent") && yaml.contains("xssSummaryIndent"));
}

#[test]
fn history_pages_are_inert() {
    let cases = compiling(&PAYLOADS);
    let repo = repository(&cases);
    assert_inert_markdown(&histories(repo.path(), &cases));
}

#[test]
fn diff_reports_are_inert() {
    let cases = compiling(&PAYLOADS);
    assert_inert_markdown(&reports(&cases));
}

#[test]
fn mdbook_preprocessor_output_is_inert() {
    let cases = compiling(&PAYLOADS);
    let repo = repository(&cases);
    assert_inert_markdown(&preprocessed(repo.path(), &cases));
}

/// The reports and history pages as a Markdown viewer that lets raw HTML
/// through would show them, loaded in a browser.
#[test]
fn reports_and_histories_run_no_payload_in_a_browser() {
    let cases = compiling(&PAYLOADS);
    let repo = repository(&cases);
    let mut published = reports(&cases);
    published.extend(histories(repo.path(), &cases));
    let mut problems = report(&published, |md| html_problems(&to_html(md)));
    if let Some(chromium) = require("Chromium", chromium()) {
        let dir = tempfile::tempdir().unwrap();
        for (n, p) in published.iter().enumerate() {
            let Ok(text) = &p.text else { continue };
            let file = dir.path().join(format!("{n}.html"));
            fs::write(&file, page(&to_html(text))).unwrap();
            let ran = payloads_that_ran(&chromium, &file);
            if !ran.is_empty() {
                problems.push_str(&format!(
                    "\n{}:\n  payloads ran in Chromium: {ran:?}\n",
                    p.what
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the reports and history pages, as HTML, are not inert:\n{problems}"
    );
}

/// A real `mdbook build` of every directive on every payload policy, and of
/// each section of markdown.yaml alone, one book per chapter (a chapter
/// policyc fails on fails its book, not the others), then of all the
/// chapters that built, for its print page. Each page's <main> is checked,
/// and the directives' pages and the print page are loaded in Chromium.
#[test]
fn mdbook_site_runs_no_payload() {
    let Some(mdbook) = require("mdBook 0.5", mdbook()) else {
        return;
    };
    let chromium = require("Chromium", chromium());
    let mut cases = compiling(&PAYLOADS);
    cases.extend(CONTROLS.iter());
    let repo = repository(&cases);
    let is_control = |chapter: &str| {
        CONTROLS
            .iter()
            .any(|c| chapter.starts_with(&format!("{}-", c.name)))
    };
    let mut problems = String::new();
    let mut controls = String::new();
    let mut pages = Vec::new();
    let mut built = Vec::new();
    let started = Instant::now();
    // The directives, then each section of markdown.yaml alone, so that one
    // that policyc refuses to publish leaves the others to be checked: on
    // their own pages, and in Chromium on the print page of the book of all
    // that built. The flag says which chapters are directives.
    let sections = write_one_section_policies(repo.path())
        .into_iter()
        .map(|(id, file)| (format!("section-{id}"), format!("{{{{#policy {file}}}}}")));
    let chapters = cases
        .iter()
        .flat_map(|c| directives(c))
        .map(|c| (c, true))
        .chain(sections.map(|c| (c, false)));
    for (chapter, directive) in chapters {
        let found = if directive && is_control(&chapter.0) {
            &mut controls
        } else {
            &mut problems
        };
        match build_book(
            &mdbook,
            repo.path(),
            &chapter.0,
            std::slice::from_ref(&chapter),
            false,
        ) {
            Ok(site) => {
                let page = site.join(format!("{}.html", chapter.0));
                pages.push((chapter.0.clone(), page, directive));
                built.push(chapter);
            }
            Err(e) => found.push_str(&format!(
                "  {}: mdbook build failed: {}\n",
                chapter.0,
                excerpt(&first_lines(&e))
            )),
        }
    }
    let site = build_book(&mdbook, repo.path(), "all", &built, false).unwrap();
    eprintln!(
        "{} mdbook builds took {:.2?}",
        pages.len() + 1,
        started.elapsed()
    );
    let started = Instant::now();
    let mut loaded = 0;
    for (name, file, load) in &pages {
        let html = fs::read_to_string(file).unwrap();
        let found = if is_control(name) {
            &mut controls
        } else {
            &mut problems
        };
        for problem in html_problems(main_of(&html)) {
            found.push_str(&format!("  {name}.html: {problem}\n"));
        }
        if let Some(chromium) = chromium.as_ref().filter(|_| *load) {
            loaded += 1;
            let ran = payloads_that_ran(chromium, file);
            if !ran.is_empty() {
                found.push_str(&format!(
                    "  {name}.html: payloads ran in Chromium: {ran:?}\n"
                ));
            }
        }
    }
    // The print page holds every chapter that built, each one-section
    // policy's among them, which have not been loaded on their own.
    if let Some(chromium) = &chromium {
        loaded += 1;
        let ran = payloads_that_ran(chromium, &site.join("print.html"));
        if !ran.is_empty() {
            problems.push_str(&format!(
                "  print.html: payloads ran in Chromium: {ran:?}\n"
            ));
        }
        eprintln!(
            "{loaded} pages loaded in Chromium in {:.2?}",
            started.elapsed()
        );
    }
    assert!(
        controls.is_empty() && problems.is_empty(),
        "the mdBook site is not inert or not built:{}{}",
        section(
            "benign policies (a problem here is policyc's or the harness's, not a payload's)",
            &controls
        ),
        section("payload policies", &problems)
    );
}

/// mdBook's own `links` preprocessor expands `{{#include FILE}}`; text that
/// a policy wrote must not reach it as a directive, whichever preprocessor
/// runs first: by default `links` does (its name sorts before `policy`);
/// `before = ["links"]`, or a table named to sort first, reverses that.
#[test]
fn policy_text_cannot_use_mdbook_directives() {
    let Some(mdbook) = require("mdBook 0.5", mdbook()) else {
        return;
    };
    // The section that writes the directive, alone: another payload that
    // policyc refuses to publish would fail the whole policy's book.
    let dir = tempfile::tempdir().unwrap();
    let variants = write_one_section_policies(dir.path());
    let (_, file) = variants.iter().find(|(id, _)| id == "include").unwrap();
    let chapters = [("policy".to_string(), format!("{{{{#policy {file}}}}}"))];
    let mut problems = String::new();
    for (name, before_links) in [("links-first", false), ("policyc-first", true)] {
        match build_book(&mdbook, dir.path(), name, &chapters, before_links) {
            Ok(site) => {
                let html = fs::read_to_string(site.join("policy.html")).unwrap();
                let main = main_of(&html);
                if main.contains("root:x:0:") {
                    problems.push_str(&format!("  {name}: /etc/passwd was included\n"));
                }
                if !main.contains("{{#include /etc/passwd}}") {
                    problems.push_str(&format!(
                        "  {name}: the directive the policy wrote is not shown as text\n"
                    ));
                }
            }
            Err(e) => problems.push_str(&format!(
                "  {name}: mdbook build failed: {}\n",
                excerpt(&first_lines(&e))
            )),
        }
    }
    assert!(problems.is_empty(), "{problems}");
}
