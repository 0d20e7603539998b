//! Hostile markup in every text field never reaches the HTML page or the
//! redline page as markup: checked in the HTML itself, and by loading both
//! pages in headless Chromium, where a payload that ran would mark the page.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{chromium, code, dump_dom, policyc, require, stdout};

const PAYLOADS: &str = "tests/fixtures/xss/payloads.yaml";

/// The tags of a page, as written (`<name attributes>`).
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .filter_map(|t| t.split('>').next())
        .collect()
}

fn assert_inert(html: &str, what: &str) {
    for tag in tags(html) {
        let lower = tag.to_ascii_lowercase();
        let name = lower.split_whitespace().next().unwrap_or("");
        assert!(
            ![
                "script", "iframe", "object", "embed", "svg", "math", "input", "form", "base"
            ]
            .contains(&name),
            "{what}: a <{name}> tag got through: <{tag}>"
        );
        let attrs = &lower[name.len()..];
        assert!(
            !attrs.split_whitespace().any(|a| a.starts_with("on")),
            "{what}: an event handler got through: <{tag}>"
        );
        assert!(
            !attrs.contains("javascript:") && !attrs.contains("data:text"),
            "{what}: a script URL got through: <{tag}>"
        );
    }
}

fn pages() -> Vec<(&'static str, String)> {
    let page = policyc(&["render", PAYLOADS, "--format", "html"]);
    assert_eq!(code(&page), 0);
    let redline = policyc(&[
        "diff",
        "tests/corpus/base.yaml",
        PAYLOADS,
        "--format",
        "html",
    ]);
    vec![
        ("policy page", stdout(&page)),
        ("redline page", stdout(&redline)),
    ]
}

#[test]
fn payloads_are_escaped_in_the_html() {
    for (what, html) in pages() {
        assert_inert(&html, what);
        assert!(
            html.contains("&lt;script&gt;"),
            "{what}: the payload should show as text"
        );
    }
    // The Markdown output as GitHub or mdBook would turn it into HTML.
    let md = stdout(&policyc(&["render", PAYLOADS, "--format", "md"]));
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::all()),
    );
    assert_inert(&html, "markdown output");
    // The pull-request comment, as GitHub would show it.
    let md = stdout(&policyc(&[
        "diff",
        "tests/corpus/base.yaml",
        PAYLOADS,
        "--format",
        "md",
    ]));
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::all()),
    );
    assert_inert(&html, "markdown diff report");
}

#[test]
fn no_payload_runs_in_a_browser() {
    let Some(chromium) = require("Chromium", chromium()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for (what, html) in pages() {
        let page = dir.path().join("page.html");
        std::fs::write(&page, &html).unwrap();
        let dom = dump_dom(&chromium, &page, 1280);
        // A payload that ran marks <body>; the payloads' own text, escaped, may mention it.
        let body = dom
            .find("<body")
            .map(|at| &dom[at..at + dom[at..].find('>').unwrap()]);
        let body = body.unwrap_or_else(|| panic!("{what}: the page did not load:\n{dom}"));
        assert!(!body.contains("data-xss"), "{what}: a payload ran: {body}");
    }
}
