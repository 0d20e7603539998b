//! Rendering: snapshots of all three formats for the example policy and for
//! small fixtures that each exercise one feature, plus the facts each must hold.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{code, policyc, render, stderr};
use unicode_width::UnicodeWidthStr;

const FORMATS: [&str; 3] = ["html", "md", "txt"];

fn snapshot_all(name: &str, path: &str) {
    for format in FORMATS {
        insta::assert_snapshot!(format!("{name}.{format}"), render(path, format, &[]));
    }
}

macro_rules! fixture_snapshots {
    ($($name:ident => $file:literal),* $(,)?) => {$(
        #[test]
        fn $name() {
            snapshot_all($file, concat!("tests/fixtures/render/", $file, ".yaml"));
        }
    )*};
}

fixture_snapshots! {
    snapshot_numbering => "numbering",
    snapshot_supplements => "supplements",
    snapshot_references => "references",
    snapshot_contacts => "contacts",
    snapshot_date_long => "date-long",
    snapshot_date_month_year => "date-month-year",
    snapshot_date_numeric => "date-numeric",
    snapshot_date_iso => "date-iso",
    snapshot_table_columns => "table-columns",
    snapshot_table_default_columns => "table-default-columns",
    snapshot_wide_chars => "wide-chars",
    snapshot_html_safety => "html-safety",
    snapshot_trusted_html => "trusted-html",
}

#[test]
fn snapshot_example_policy() {
    snapshot_all("example", "policies/privacy.yaml");
}

#[test]
fn numbering_skips_unnumbered_headings_and_numbers_children() {
    let txt = render("tests/fixtures/render/numbering.yaml", "txt", &[]);
    for line in [
        "1. First",
        "1.1. Child",
        "1.2. Second child",
        "1.2.1. Grandchild",
        "2. Second",
    ] {
        assert!(txt.lines().any(|l| l == line), "missing {line:?} in\n{txt}");
    }
    for unnumbered in [
        "A heading without a number",
        "Below an unnumbered heading",
        "Interlude",
    ] {
        assert!(
            txt.lines().any(|l| l == unnumbered),
            "{unnumbered:?} should have no number"
        );
    }
}

#[test]
fn supplements_restart_numbering() {
    let md = render("tests/fixtures/render/supplements.yaml", "md", &[]);
    assert!(md.contains("## First Supplement"));
    assert!(md.contains("### 1. Supplement One A"));
    assert!(md.contains("### 1. Supplement Two A"));
    assert!(md.contains("### 2. Supplement Two B"));
    assert!(md.contains("[Section 2](#sup-two-b)"), "{md}");
}

#[test]
fn references_link_to_generated_numbers() {
    let md = render("tests/fixtures/render/references.yaml", "md", &[]);
    assert!(md.contains("Read [Section 2](#rights)"), "{md}");
    assert!(md.contains("[“Questions for Acme”](#faq)"), "{md}");
    assert!(md.contains("[“Extra Supplement”](#extra)"), "{md}");
    assert!(md.contains("Sections 1, 2 and 2.1 matter most"), "{md}");
    let html = render("tests/fixtures/render/references.yaml", "html", &[]);
    assert!(html.contains("<a href=\"#deep\">Section 2.1</a>"), "{html}");
    assert!(html.contains("id=\"deep\""));
}

#[test]
fn contact_blocks_show_every_field() {
    let txt = render("tests/fixtures/render/contacts.yaml", "txt", &[]);
    let block = "Privacy Office\nAttn: Jane Roe\n14 Harbor Street, 8th Floor\nSpringfield, NY 10005\nEmail: privacy@acme.example\nPhone: +1 800 555 0100 (toll-free)\nWeb: https://acme.example/privacy\n";
    assert!(txt.contains(block), "{txt}");
    assert!(txt.contains("Write to Privacy Office at privacy@acme.example, or:"));
    let html = render("tests/fixtures/render/contacts.yaml", "html", &[]);
    assert!(html.contains("<a href=\"mailto:privacy@acme.example\">privacy@acme.example</a>"));
}

#[test]
fn each_date_format_prints_as_documented() {
    for (format, effective, updated) in [
        ("long", "July 1, 2024", "December 25, 2024"),
        ("day-month-year", "1 July 2024", "25 December 2024"),
        ("month-year", "July 2024", "December 2024"),
        ("numeric", "7/1/2024", "12/25/2024"),
        ("iso", "2024-07-01", "2024-12-25"),
    ] {
        let path = format!("tests/fixtures/render/date-{format}.yaml");
        let txt = render(&path, "txt", &[]);
        assert!(
            txt.contains(&format!("Effective {effective}, last updated {updated}.")),
            "{txt}"
        );
        let html = render(&path, "html", &[]);
        assert!(
            html.contains(&format!("<time datetime=\"2024-07-01\">{effective}</time>")),
            "{html}"
        );
    }
}

#[test]
fn ccpa_table_uses_chosen_columns_and_headings() {
    let md = render("tests/fixtures/render/table-columns.yaml", "md", &[]);
    assert!(md.contains("|Type of Information|Examples|Collected by Us|Where From|Why|Who Receives It|Sold|Shared|How Long|"), "{md}");
    assert!(md.contains("|Contact information|Name \\| email address; see [Section 1](#table)|Yes, if you write to us|You; Partners|Support; Security|Service providers|No|No|2 years|"), "{md}");
    assert!(
        md.contains("|Geolocation data|Precise location|No, we never ask for it|"),
        "{md}"
    );
    let html = render("tests/fixtures/render/table-columns.yaml", "html", &[]);
    assert!(html.contains("<th scope=\"col\" role=\"columnheader\">Type of Information</th>"));
    assert!(html.contains("<th scope=\"row\" role=\"rowheader\">Login information</th>"));
    assert!(
        html.contains("<td role=\"cell\" data-label=\"Who Receives It\">Ad partners</td>"),
        "each cell carries its heading for narrow screens"
    );
    assert!(
        html.contains("data-label=\"Examples\">Name | email address; see <a href=\"#table\">Section 1</a></td>"),
        "a cell links to a section"
    );
    let txt = render("tests/fixtures/render/table-columns.yaml", "txt", &[]);
    assert!(
        !txt.contains("](#table)"),
        "plain text shows no markdown:\n{txt}"
    );
}

#[test]
fn default_columns_add_fields_that_rows_fill() {
    let md = render(
        "tests/fixtures/render/table-default-columns.yaml",
        "md",
        &[],
    );
    assert!(
        md.contains("|Category|Examples|Collected|Sources|Purposes|Disclosed to|Shared|Retention|"),
        "{md}"
    );
}

#[test]
fn plain_text_wraps_by_display_width() {
    let path = "tests/fixtures/render/wide-chars.yaml";
    for width in [80usize, 40] {
        let txt = render(path, "txt", &["--width", &width.to_string()]);
        for line in txt.lines() {
            assert!(line.width() <= width, "line wider than {width}: {line:?}");
        }
        assert!(txt.lines().count() > 10);
    }
    let unwrapped = render(path, "txt", &["--width", "0"]);
    assert!(
        unwrapped.lines().any(|l| l.width() > 80),
        "--width 0 must not wrap"
    );
}

#[test]
fn example_text_table_fits_80_columns() {
    let txt = render("policies/privacy.yaml", "txt", &[]);
    assert!(txt.lines().all(|l| l.width() <= 80), "{txt}");
}

#[test]
fn raw_html_and_script_links_never_reach_the_page() {
    let path = "tests/fixtures/render/html-safety.yaml";
    let html = render(path, "html", &[]).to_lowercase();
    let body = &html[html.find("<body>").unwrap()..];
    for bad in [
        "<script",
        "javascript:",
        "<img src=x",
        "<b onclick",
        "data:text",
    ] {
        assert!(!body.contains(bad), "{bad} reached the page");
    }
    assert!(body.contains("&lt;script&gt;"));
    let md = render(path, "md", &[]);
    assert_eq!(policyc::render::cmark::check(&md, false), Ok(()), "{md}");
    // Escaped (`\<script`) is text; only an unescaped tag would be markup.
    let md = md.to_lowercase().replace("\\<", "");
    for bad in ["<script", "javascript:", "<b onclick", "data:text"] {
        assert!(!md.contains(bad), "{bad} reached the markdown");
    }
}

#[test]
fn trusted_html_passes_but_script_links_do_not() {
    let html = render("tests/fixtures/render/trusted-html.yaml", "html", &[]);
    assert!(html.contains("<details><summary>More</summary>"));
    assert!(!html.to_lowercase().contains("javascript:"));
}

#[test]
fn html_page_is_complete_and_accessible() {
    let html = render("policies/privacy.yaml", "html", &[]);
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">"));
    assert!(html.contains("<meta name=\"viewport\""));
    assert!(html.contains("@media print"));
    assert!(html.contains("<nav class=\"toc\" aria-label=\"Contents\">"));
    assert!(html.contains("<time datetime=\"2026-10-01\">October 1, 2026</time>"));
    // Every table-of-contents link lands on an element with that id.
    let toc = &html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()];
    let mut links = 0;
    for part in toc.split("href=\"#").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        assert!(
            html.contains(&format!(" id=\"{id}\"")),
            "no anchor for #{id}"
        );
        links += 1;
    }
    assert!(links >= 10, "the table of contents has {links} links");
}

#[test]
fn outputs_are_deterministic() {
    for format in FORMATS {
        let a = render("policies/privacy.yaml", format, &[]);
        let b = render("policies/privacy.yaml", format, &[]);
        assert_eq!(a, b);
    }
}

#[test]
fn a_policy_without_numbering_and_with_one_date_prints_neither_number_nor_other_date() {
    let path = "tests/fixtures/render/unnumbered.yaml";
    for format in ["md", "txt", "html"] {
        let page = render(path, format, &[]);
        let out = page.rsplit("<body>").next().unwrap_or(&page);
        assert!(out.contains("Last updated"), "{format}: {out}");
        assert!(out.contains("April 1, 2025"), "{format}: {out}");
        assert!(!out.contains("Effective date"), "{format}: {out}");
        assert!(!out.contains("1. About"), "{format}: {out}");
        assert!(!out.contains("1.1"), "{format}: {out}");
    }
    // The note beside the dates, in every format.
    assert!(
        render(path, "md", &[]).contains(
            "[The previous version](https://acme.example/privacy/2024) applies until then."
        )
    );
    assert!(render(path, "html", &[]).contains("<p class=\"dates-note\"><a href=\"https://acme.example/privacy/2024\">The previous version</a> applies until then.</p>"));
    assert!(render(path, "txt", &[]).contains("The previous version applies until then."));
    let md = render(path, "md", &[]);
    // A reference to an unnumbered section names it by its title.
    assert!(md.contains("[“Data we collect”](#data)"), "{md}");
}

#[test]
fn a_flow_list_that_splits_a_phrase_gets_a_warning() {
    let out = policyc(&[
        "render",
        "tests/fixtures/render/list-split.yaml",
        "--format",
        "txt",
    ]);
    let err = stderr(&out);
    assert_eq!(code(&out), 0, "{err}");
    assert!(err.contains("warning[list-split]"), "{err}");
    assert!(err.contains("list-split.yaml:14:39"), "{err}");
    assert!(
        err.contains("\"or affiliates\" looks like the end of a phrase"),
        "{err}"
    );
}

#[test]
fn ccpa_rows_print_their_own_labels_words_and_line_breaks() {
    let path = "tests/fixtures/render/ccpa-own-words.yaml";
    let md = render(path, "md", &[]);
    assert!(
        md.contains("|Customer service interactions|Chats with support<br>Emails to us|We do not sell|We do not share|"),
        "{md}"
    );
    let html = render(path, "html", &[]);
    assert!(
        html.contains("Chats with support<br />\nEmails to us"),
        "{html}"
    );
    assert!(html.contains(">We do not sell</td>"), "{html}");
    let txt = render(path, "txt", &[]);
    assert!(!txt.contains("<br"), "{txt}");
    assert!(txt.contains("We do not sell"), "{txt}");
    // A row that also falls under identifiers covers that category.
    let out = policyc(&["check", path, "--format", "json", "--today", "2025-04-01"]);
    assert!(
        !stdout_of(&out).contains("collects identifiers"),
        "{}",
        stdout_of(&out)
    );
}

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn controllers_per_region_are_facts_text_uses() {
    let path = "tests/fixtures/render/controllers.yaml";
    let out = policyc(&["render", path, "--format", "txt"]);
    let (txt, err) = (stdout_of(&out), stderr(&out));
    assert_eq!(code(&out), 0, "{err}");
    assert!(txt.contains("where Acme Europe Limited is."), "{txt}");
    assert!(txt.contains("in the EEA and Switzerland"), "{txt}");
    // Its contact is used by the controller: no contact-unused warning.
    assert!(!err.contains("contact-unused"), "{err}");
    let bad = fs_with(path, "contacts: [dpo]", "contacts: [dop]");
    let out = policyc(&["render", &bad.1]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unknown contact `dop`"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("did you mean `dpo`?"),
        "{}",
        stderr(&out)
    );
}

/// A copy of a fixture with one text replaced, in a temporary folder.
fn fs_with(path: &str, from: &str, to: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join(path))
        .unwrap()
        .replace(from, to);
    let copy = dir.path().join("copy.yaml");
    std::fs::write(&copy, text).unwrap();
    let copy = copy.display().to_string();
    (dir, copy)
}
