//! `policyc import` on real policies: every import compiles, and policyc's
//! Markdown of it gives back the source's words in order (recall at least
//! 0.99), adding none but a title moved to the top or tags a browser hides.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::fs;

use common::{code, policyc, root, stderr, stdout};
use policyc::import::{Kind, fidelity, import};
use policyc::render::{Format, Overrides, RenderOptions, renderer};
use policyc::source::Source;

fn today() -> jiff::civil::Date {
    policyc::date::parse("2026-11-29").unwrap()
}

/// policyc's Markdown of an imported policy, failing the test if it does not compile.
fn markdown_of(yaml: &str, name: &str) -> String {
    let source = Source::new(format!("{name}.yaml"), yaml);
    let compiled = policyc::compile(&source).unwrap_or_else(|d| {
        panic!(
            "{name} does not compile: {:?}",
            d.first().map(|d| &d.message)
        )
    });
    let templates = Overrides::new();
    let options = RenderOptions {
        width: 80,
        templates: &templates,
    };
    let bytes = renderer(Format::Md, &options)
        .unwrap()
        .render(&compiled.doc)
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

fn corpus() -> Vec<(String, String)> {
    let mut files: Vec<_> = fs::read_dir(root().join("tests/corpus/import"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn every_real_policy_imports_compiles_and_keeps_its_words() {
    let mut table = String::new();
    let mut failures = Vec::new();
    let files = corpus();
    assert!(files.len() >= 20, "the corpus has {} policies", files.len());
    for (name, md) in &files {
        let imported = import(md, Kind::Markdown, name, today());
        let back = markdown_of(&imported.yaml, name);
        let f = fidelity::compare(md, &back);
        table.push_str(&format!(
            "{name}: {:.4} of {} words kept, {} added\n",
            f.recall(),
            f.source_words,
            f.added
        ));
        if f.recall() < 0.99 || f.added > 10 {
            failures.push(name.clone());
        }
    }
    eprintln!("{table}");
    assert!(failures.is_empty(), "{failures:?}\n{table}");
}

#[test]
fn html_policies_import_too() {
    for (name, md) in corpus()
        .into_iter()
        .filter(|(n, _)| ["spotify", "tiktok", "x"].contains(&n.as_str()))
    {
        let mut html = String::from(
            "<html><head><title>t</title><script>track()</script></head><body><nav>Home | About</nav>",
        );
        pulldown_cmark::html::push_html(
            &mut html,
            pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES),
        );
        html.push_str("</body></html>");
        let imported = import(&html, Kind::Html, &name, today());
        let back = markdown_of(&imported.yaml, &name);
        let f = fidelity::compare(&md, &back);
        assert!(f.recall() >= 0.99, "{name}: {f:?}");
        assert!(
            !back.contains("track()"),
            "{name}: a script's text reached the policy"
        );
    }
}

#[test]
fn import_on_the_command_line_writes_a_policy_that_builds_and_says_what_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("policies/quora.yaml");
    fs::create_dir_all(out.parent().unwrap()).unwrap();
    let run = policyc(&[
        "import",
        "tests/corpus/import/quora.md",
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let report = stderr(&run);
    for what in [
        "round trip:",
        "what import did:",
        "left for a person to check:",
        "organization.name",
    ] {
        assert!(report.contains(what), "{what} missing from:\n{report}");
    }
    let build = common::policyc_in(dir.path(), &["build"]);
    assert_eq!(code(&build), 0, "{}", stderr(&build));
    // Nothing is overwritten without --force.
    let again = policyc(&[
        "import",
        "tests/corpus/import/quora.md",
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(code(&again), 2);
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    // Without --out the source goes to standard output.
    let printed = policyc(&["import", "tests/corpus/import/quora.md"]);
    assert!(stdout(&printed).starts_with("# yaml-language-server"));
}

#[test]
fn diff_compares_two_markdown_versions_by_importing_both() {
    let dir = "tests/corpus/real/spotify-2025-02-04-2025-05-13";
    let out = policyc(&[
        "diff",
        &format!("{dir}/old.md"),
        &format!("{dir}/new.md"),
        "--format",
        "json",
    ]);
    assert!([0, 1].contains(&code(&out)), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["old"]["effective"], "2024-12-31");
    assert_eq!(json["new"]["effective"], "2025-05-12");
    assert!(
        json["changes"].as_array().is_some_and(|c| !c.is_empty()),
        "{json}"
    );
}

#[test]
fn a_real_ccpa_table_becomes_the_ccpa_block() {
    let md = fs::read_to_string(root().join("tests/corpus/import/bereal.md")).unwrap();
    let imported = import(&md, Kind::Markdown, "bereal", today());
    assert!(
        imported
            .yaml
            .contains("\nccpa:\n  categories:\n    - category: identifiers\n"),
        "{}",
        imported.yaml
    );
    assert!(imported.yaml.contains("{{ ccpa_table() }}"));
    let back = markdown_of(&imported.yaml, "bereal");
    assert!(
        back.contains("|Category of personal information|Examples|"),
        "{back}"
    );
}

#[test]
fn a_postal_address_block_becomes_a_contact_that_prints_the_same_words() {
    let dir = tempfile::tempdir().unwrap();
    let md = "# Privacy Policy\n\nLast updated: March 1, 2025\n\n## Contact\n\nWrite to us:\n\n**Fernhill Software, Inc.**  \nAttn: Privacy  \n220 Alder Street, Suite 400  \nPortland, OR 97204  \nUnited States\n\nWe answer within 45 days.\n";
    std::fs::write(dir.path().join("p.md"), md).unwrap();
    let out = common::policyc_in(dir.path(), &["import", "p.md", "--out", "p.yaml"]);
    assert_eq!(common::code(&out), 0, "{}", common::stderr(&out));
    let said = common::stderr(&out);
    assert!(
        said.contains("1 postal address block(s) became contacts"),
        "{said}"
    );
    assert!(
        said.contains("0 word(s) the source does not have"),
        "{said}"
    );
    let yaml = std::fs::read_to_string(dir.path().join("p.yaml")).unwrap();
    assert!(yaml.contains("  postal:\n    name: \"Fernhill Software, Inc.\"\n    address:\n      - \"Attn: Privacy\"\n      - \"220 Alder Street, Suite 400\""), "{yaml}");
    assert!(yaml.contains("{{ contact(id=\"postal\") }}"), "{yaml}");
}
