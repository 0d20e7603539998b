//! `policyc diff`: the golden corpus (one case per rule of LEGAL.md §1 and per
//! non-material kind), the report formats, git revisions and bad input.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::{code, policyc, policyc_in, repo_with_a_sale, root, stderr, stdout};
use policyc::rules::{Kind, RULES};

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("tests/corpus/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs
}

/// The old version of a case: its own `old.yaml`, or the shared base.
fn old_of(case: &Path) -> PathBuf {
    let own = case.join("old.yaml");
    if own.exists() {
        own
    } else {
        root().join("tests/corpus/base.yaml")
    }
}

/// `class rule path` for every change `diff --format json` reports.
fn triples(json: &serde_json::Value) -> BTreeSet<String> {
    json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c["class"].as_str().unwrap(),
                c["rule"].as_str().unwrap(),
                c["path"].as_str().unwrap()
            )
        })
        .collect()
}

fn diff_json(old: &Path, new: &Path) -> (i32, serde_json::Value) {
    let out = policyc(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", stderr(&out)));
    (code(&out), json)
}

#[test]
fn every_case_reports_exactly_its_expected_changes() {
    let mut failures = Vec::new();
    for case in cases() {
        let expected: BTreeSet<String> = fs::read_to_string(case.join("expect"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        let (exit, json) = diff_json(&old_of(&case), &case.join("new.yaml"));
        let got = triples(&json);
        let material = expected.iter().any(|t| t.starts_with("material "));
        if got != expected || exit != i32::from(material) || json["material"] != material {
            failures.push(format!(
                "{}: exit {exit}\n  expected {expected:?}\n  got      {got:?}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_change_rule_has_a_case_and_fires_only_there() {
    let mut fired_in: Vec<(String, String)> = Vec::new();
    for case in cases() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        for line in fs::read_to_string(case.join("expect")).unwrap().lines() {
            fired_in.push((line.split(' ').nth(1).unwrap().to_string(), name.clone()));
        }
    }
    for rule in RULES.iter().filter(|r| matches!(r.kind, Kind::Change(_))) {
        let cases: BTreeSet<&str> = fired_in
            .iter()
            .filter(|(r, _)| r == rule.id.as_str())
            .map(|(_, c)| c.as_str())
            .collect();
        assert!(
            cases.contains(&rule.id.as_str()),
            "rule {} has no case of its own (fires in {cases:?})",
            rule.id
        );
        // Besides its own case, a rule may only fire where the case is about
        // the same kind of change: a first table is placed in a body, whose
        // text changes with it; a promise taken back, a period lengthened or
        // a notice weakened changes a negation, a number or a modal too.
        let companions = [
            "whitespace",
            "decision",
            "table-added",
            "prose-commitment-withdrawn",
            "prose-retention-longer",
            "prose-weaker-notice",
        ];
        let others: Vec<&&str> = cases
            .iter()
            .filter(|c| **c != rule.id.as_str() && !companions.contains(*c))
            .collect();
        assert!(
            others.is_empty(),
            "rule {} also fires in {others:?}",
            rule.id
        );
    }
}

#[test]
fn json_matches_the_contract() {
    let case = root().join("tests/corpus/cases/category-collected");
    let (_, json) = diff_json(&old_of(&case), &case.join("new.yaml"));
    assert_eq!(
        json["old"],
        serde_json::json!({"id": "corpus", "effective": "2025-01-01"})
    );
    assert_eq!(json["material"], true);
    let c = &json["changes"][0];
    assert_eq!(c["class"], "material");
    assert_eq!(c["rule"], "category-collected");
    assert_eq!(c["path"], "ccpa.categories.geolocation.collected");
    assert_eq!(c["old"], false);
    assert_eq!(c["new"], true);
    assert!(
        c["message"]
            .as_str()
            .unwrap()
            .starts_with("Geolocation data is now collected")
    );
}

#[test]
fn a_decision_reclasses_the_change_and_keeps_its_reason() {
    let case = root().join("tests/corpus/cases/decision");
    let (exit, json) = diff_json(&old_of(&case), &case.join("new.yaml"));
    assert_eq!(exit, 0);
    let c = &json["changes"][0];
    assert_eq!(c["class"], "editorial");
    assert_eq!(c["decision"]["flagged"], "review");
    assert_eq!(
        c["decision"]["reason"],
        "\"will\" states what we already do; the period is unchanged."
    );
    let text = stdout(&policyc(&[
        "diff",
        old_of(&case).to_str().unwrap(),
        case.join("new.yaml").to_str().unwrap(),
    ]));
    assert!(
        text.contains("decided editorial (flagged review): \"will\" states what we already do"),
        "{text}"
    );
}

#[test]
fn a_decision_without_a_reason_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let new = fs::read_to_string(root().join("tests/corpus/cases/decision/new.yaml")).unwrap();
    let new = new.replace(
        "    reason: \"\\\"will\\\" states what we already do; the period is unchanged.\"\n",
        "",
    );
    let path = dir.path().join("new.yaml");
    fs::write(&path, new).unwrap();
    let out = policyc(&["diff", "tests/corpus/base.yaml", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(
        err.contains("the decision on `sections.keep.body` has no reason"),
        "{err}"
    );
    assert!(err.contains("new.yaml:"), "{err}");
}

#[test]
fn a_stale_decision_is_reported() {
    let case = root().join("tests/corpus/cases/decision");
    let out = policyc(&[
        "diff",
        case.join("new.yaml").to_str().unwrap(),
        case.join("new.yaml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["unused_decisions"][0]["path"], "sections.keep.body");
}

/// A version pair with several kinds of change, for the report formats.
fn mixed() -> (String, String) {
    let dir = root().join("tests/fixtures/diff");
    (
        dir.join("old.yaml").to_string_lossy().into_owned(),
        dir.join("new.yaml").to_string_lossy().into_owned(),
    )
}

#[test]
fn report_formats_show_the_same_findings() {
    let (old, new) = mixed();
    let (_, json) = diff_json(Path::new(&old), Path::new(&new));
    let rules: BTreeSet<&str> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap())
        .collect();
    assert!(rules.len() >= 6, "{rules:?}");
    for format in ["text", "md", "html"] {
        let out = policyc(&["diff", &old, &new, "--format", format]);
        assert_eq!(code(&out), 1);
        let report = stdout(&out);
        for rule in &rules {
            assert!(report.contains(rule), "{format} report lacks {rule}");
        }
        for change in json["changes"].as_array().unwrap() {
            let path = change["path"].as_str().unwrap();
            assert!(report.contains(path), "{format} report lacks {path}");
        }
    }
}

#[test]
fn report_snapshots() {
    let (old, new) = mixed();
    for format in ["text", "md", "html", "json", "notice"] {
        let out = policyc(&[
            "diff",
            &old,
            &new,
            "--format",
            format,
            "--today",
            "2026-11-22",
        ]);
        let report = stdout(&out).replace(&root().to_string_lossy().into_owned(), "<root>");
        insta::assert_snapshot!(format!("diff-mixed.{format}"), report);
    }
}

#[test]
fn md_report_puts_material_changes_first_with_a_notice_draft() {
    let (old, new) = mixed();
    let md = stdout(&policyc(&["diff", &old, &new, "--format", "md"]));
    let material = md.find("### Material changes").unwrap();
    let review = md.find("### Changes to review").unwrap();
    let redline = md.find("### Redline by section").unwrap();
    assert!(material < review && review < redline);
    assert!(md.contains("Draft notice to users"));
    assert!(md.contains("### CCPA table"));
    assert!(md.contains("<del>do not</del><ins>may</ins>"), "{md}");
}

#[test]
fn html_redline_links_findings_to_their_place() {
    let (old, new) = mixed();
    let html = stdout(&policyc(&["diff", &old, &new, "--format", "html"]));
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("Legend:"));
    for part in html.split("href=\"#").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "link to #{id} lands nowhere"
        );
    }
    assert!(html.contains("<del>do not</del><ins>may</ins>"));
}

#[test]
fn a_negating_prefix_is_not_editorial() {
    let dir = root().join("tests/fixtures/diff-negation");
    let (_, json) = diff_json(&dir.join("old.yaml"), &dir.join("new.yaml"));
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{json}");
    let c = &changes[0];
    assert_eq!(c["path"], "sections.security.body");
    assert_ne!(c["class"], "editorial", "{c}");
    assert_eq!(c["rule"], "prose-risk", "{c}");
    assert!(
        c["message"].as_str().unwrap().contains("negating prefix"),
        "{c}"
    );
}

#[test]
fn nothing_changed_exits_0() {
    let out = policyc(&["diff", "tests/corpus/base.yaml", "tests/corpus/base.yaml"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("No changes."));
}

#[test]
fn colour_only_on_a_terminal() {
    let (old, new) = mixed();
    let text = stdout(&policyc(&["diff", &old, &new]));
    assert!(!text.contains('\x1b'), "piped output has no escape codes");
}

#[test]
fn bad_input_on_either_side_says_which_and_where() {
    let bad = "tests/fixtures/errors/unknown-key.yaml";
    for (old, new) in [
        (bad, "tests/corpus/base.yaml"),
        ("tests/corpus/base.yaml", bad),
    ] {
        let out = policyc(&["diff", old, new]);
        let err = stderr(&out);
        assert_eq!(code(&out), 2, "{err}");
        assert!(
            err.contains("tests/fixtures/errors/unknown-key.yaml:2:1"),
            "{err}"
        );
        assert!(err.contains("cannot compare"), "{err}");
    }
    let out = policyc(&["diff", "no-such.yaml", "tests/corpus/base.yaml"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cannot read no-such.yaml"));
}

#[test]
fn old_version_from_a_git_revision() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    repo_with_a_sale(d);
    let out = policyc_in(
        d,
        &[
            "diff",
            "HEAD:policies/privacy.yaml",
            "policies/privacy.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        triples(&json),
        BTreeSet::from(["material sale-started ccpa.categories.identifiers.sold".to_string()])
    );

    let out = policyc_in(
        d,
        &[
            "diff",
            "nosuchrev:policies/privacy.yaml",
            "policies/privacy.yaml",
        ],
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("`nosuchrev` is not a revision in this git repository"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rev_path_is_read_as_typed_from_a_subfolder_and_as_an_absolute_path() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    repo_with_a_sale(d);
    let sale = "material sale-started ccpa.categories.identifiers.sold".to_string();
    // From policies/, as git reads `REV:./privacy.yaml`.
    let out = policyc_in(
        &d.join("policies"),
        &[
            "diff",
            "HEAD:privacy.yaml",
            "privacy.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(triples(&json), BTreeSet::from([sale.clone()]));
    // The path as typed from the top, from policies/: said so, with the fix.
    let out = policyc_in(
        &d.join("policies"),
        &["diff", "HEAD:policies/privacy.yaml", "privacy.yaml"],
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("policies/privacy.yaml is not in git at that revision"),
        "{err}"
    );
    assert!(err.contains("write `REV:privacy.yaml`"), "{err}");
    assert!(!err.contains("fatal:"), "no raw git message: {err}");
    // A branch that does not exist: the nearest that does.
    let branch = String::from_utf8_lossy(
        &std::process::Command::new("git")
            .args(["branch", "--show-current"])
            .current_dir(d)
            .output()
            .unwrap()
            .stdout,
    )
    .trim()
    .to_string();
    let typo = format!("{branch}x:policies/privacy.yaml");
    let err = stderr(&policyc_in(d, &["diff", &typo, "policies/privacy.yaml"]));
    assert!(err.contains(&format!("`{branch}`")), "{err}");
    // An absolute path inside the repository.
    let file = d.join("policies/privacy.yaml");
    let file = file.to_str().unwrap();
    let out = policyc_in(
        d,
        &["diff", &format!("HEAD:{file}"), file, "--format", "json"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(triples(&json), BTreeSet::from([sale]));
}

#[test]
fn a_change_to_the_lead_appears_in_every_redline() {
    let dir = tempfile::tempdir().unwrap();
    let base = fs::read_to_string(root().join("tests/corpus/base.yaml")).unwrap();
    let old = base.replace(
        "sections:\n",
        "lead: This policy protects everyone who uses Acme.\nsections:\n",
    );
    let new = base.replace(
        "sections:\n",
        "lead: This policy protects only adults who use Acme.\nsections:\n",
    );
    fs::write(dir.path().join("old.yaml"), old).unwrap();
    fs::write(dir.path().join("new.yaml"), new).unwrap();
    for format in ["text", "md", "html"] {
        let out = common::policyc_in(
            dir.path(),
            &["diff", "old.yaml", "new.yaml", "--format", format],
        );
        let report = stdout(&out);
        assert!(report.contains("Introduction"), "{format}: {report}");
        assert!(
            report.contains("adults"),
            "{format}: the new words of the lead are missing:\n{report}"
        );
    }
}

#[test]
fn a_diff_with_changes_to_decide_is_undecided_and_never_says_no_notice_is_needed() {
    let case = root().join("tests/corpus/cases/text-changed");
    let (exit, json) = diff_json(&old_of(&case), &case.join("new.yaml"));
    assert_eq!(exit, 0);
    assert_eq!(json["verdict"], "undecided", "{json}");
    let notice = policyc(&[
        "diff",
        &old_of(&case).display().to_string(),
        &case.join("new.yaml").display().to_string(),
        "--format",
        "notice",
    ]);
    let text = stdout(&notice);
    assert!(!text.contains("no notice to users is needed"), "{text}");
    assert!(text.contains("need a reviewer's decision"), "{text}");
}

#[test]
fn the_notice_tells_users_a_prose_change_in_the_policys_words_not_the_rules() {
    let case = root().join("tests/corpus/cases/prose-new-tracking");
    let (_, json) = diff_json(&old_of(&case), &case.join("new.yaml"));
    let message = json["changes"][0]["message"].as_str().unwrap().to_string();
    // "New tracking technology: … (in Section 2 (…): “sentence”)"
    let (finding, quote) = message.split_once(": \u{201c}").unwrap();
    let (rule_words, place) = finding.split_once(" (in ").unwrap();
    let notice = policyc(&[
        "diff",
        &old_of(&case).display().to_string(),
        &case.join("new.yaml").display().to_string(),
        "--format",
        "notice",
    ]);
    let text = stdout(&notice);
    let sentence = quote.trim_end_matches(')').trim_end_matches('\u{201d}');
    assert!(
        text.contains(&format!("- We added to {place}: \u{201c}{sentence}")),
        "{text}"
    );
    assert!(!text.contains(rule_words), "{text}");
}

#[test]
fn a_renamed_or_new_regional_controller_is_material() {
    let dir = tempfile::tempdir().unwrap();
    let old = fs::read_to_string(root().join("tests/fixtures/render/controllers.yaml")).unwrap();
    let new = old
        .replace(
            "legal_name: Acme Europe Limited",
            "legal_name: Acme Ireland Limited",
        )
        .replace(
            "    contacts: [dpo]\n",
            "    contacts: [dpo]\n  uk:\n    name: Acme UK\n",
        );
    fs::write(dir.path().join("old.yaml"), &old).unwrap();
    fs::write(dir.path().join("new.yaml"), &new).unwrap();
    let out = common::policyc_in(
        dir.path(),
        &["diff", "old.yaml", "new.yaml", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let got = triples(&json);
    assert!(
        got.contains("material controller-changed controllers.eu.name"),
        "{got:?}"
    );
    assert!(
        got.contains("material controller-changed controllers.uk"),
        "{got:?}"
    );
}

#[test]
fn the_md_report_stays_under_githubs_comment_limit() {
    let dir = tempfile::tempdir().unwrap();
    let base = fs::read_to_string(root().join("tests/corpus/base.yaml")).unwrap();
    let words = |w: &str| {
        (0..9000)
            .map(|i| format!("{w}{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let old = base.replace("We will post any change here.", &words("old"));
    let new = base.replace("We will post any change here.", &words("new"));
    fs::write(dir.path().join("old.yaml"), old).unwrap();
    fs::write(dir.path().join("new.yaml"), new).unwrap();
    let out = common::policyc_in(
        dir.path(),
        &["diff", "old.yaml", "new.yaml", "--format", "md"],
    );
    let md = stdout(&out);
    assert!(
        md.chars().count() < 65_536,
        "{} characters",
        md.chars().count()
    );
    assert!(
        md.contains("GitHub's limit of 65,536 characters"),
        "{}",
        &md[..500.min(md.len())]
    );
    assert!(md.contains("text-changed"), "the findings are kept");
}

/// `class rule path` of the changes between two policies written as `ext`
/// files (`md` is imported on the fly).
fn triples_of(ext: &str, old: &str, new: &str) -> BTreeSet<String> {
    triples(&json_of(ext, old, new))
}

/// The JSON report of two versions written as files of one extension.
fn json_of(ext: &str, old: &str, new: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let (old_path, new_path) = (
        dir.path().join(format!("old.{ext}")),
        dir.path().join(format!("new.{ext}")),
    );
    fs::write(&old_path, old).unwrap();
    fs::write(&new_path, new).unwrap();
    diff_json(&old_path, &new_path).1
}

fn md_triples(old: &str, new: &str) -> BTreeSet<String> {
    triples_of("md", old, new)
}

const MD_BASE: &str = "# Privacy Policy\n\nLast updated: March 1, 2025\n\n\
## What we collect\n\nWe collect your name and email address to run your account.\n\n\
## Children\n\nWe do not knowingly collect data from children under the age of 16.\n\n\
## Who we share your data with\n\n- Northwind Payments Inc. (located in Canada)\n";

#[test]
fn a_lowered_age_limit_narrows_a_right_and_a_raised_one_does_not() {
    let lowered = MD_BASE.replace("age of 16", "age of 13");
    let got = md_triples(MD_BASE, &lowered);
    assert!(
        got.contains("material prose-rights-narrowed sections.children.body"),
        "{got:?}"
    );
    let got = md_triples(&lowered, MD_BASE);
    assert!(
        !got.iter().any(|t| t.starts_with("material")),
        "raising the age protects more children: {got:?}"
    );
}

#[test]
fn a_summary_of_changes_is_not_a_new_practice_but_an_example_can_be() {
    let added = |text: &str| {
        MD_BASE.replace(
            "to run your account.",
            &format!("to run your account. {text}"),
        )
    };
    // An example can be where a new practice is first disclosed (YouTube
    // 2023: "For example, we may collect information … to help train
    // Google's AI models").
    let example = md_triples(
        MD_BASE,
        &added("For example, we show you ads based on what you read."),
    );
    assert!(
        example.contains("material prose-new-purpose sections.what-we-collect.body"),
        "{example:?}"
    );
    let summary = format!(
        "{MD_BASE}\n## Summary of changes\n\nWe now show you ads based on what you read.\n"
    );
    let got = md_triples(
        &format!("{MD_BASE}\n## Summary of changes\n\nNone.\n"),
        &summary,
    );
    assert!(
        !got.iter().any(|t| t.contains("prose-new-purpose")),
        "a changelog describes changes made elsewhere: {got:?}"
    );
}

#[test]
fn a_right_to_refuse_a_practice_the_policy_never_named_reveals_it() {
    // Quora 2023: "You can opt out of having your content used for Large
    // Language Model (LLM) training" was the first word of LLM training.
    let added = |text: &str| {
        MD_BASE.replace(
            "to run your account.",
            &format!("to run your account. {text}"),
        )
    };
    let new_practice = md_triples(
        MD_BASE,
        &added("You can opt out of having your posts used for machine learning."),
    );
    assert!(
        new_practice.contains("material prose-new-purpose sections.what-we-collect.body"),
        "{new_practice:?}"
    );
    // The same right over a practice the policy already names is no news.
    let base = added("We use your posts for machine learning.");
    let known = md_triples(
        &base,
        &base.replace(
            "for machine learning.",
            "for machine learning. You can opt out of machine learning in settings.",
        ),
    );
    assert!(
        !known.iter().any(|t| t.starts_with("material")),
        "{known:?}"
    );
}

#[test]
fn a_renamed_section_is_matched_by_its_text_and_its_findings_land_there() {
    let old = MD_BASE.replace(
        "## Children\n\nWe do not knowingly collect data from children under the age of 16.\n",
        "## Children\n\nWe do not knowingly collect data from children under the age of 16. \
         Parents can ask us to delete what a child gave us. We answer within 30 days.\n",
    );
    let new = old
        .replace("## Children", "## Young people")
        .replace("age of 16", "age of 13");
    let got = md_triples(&old, &new);
    assert!(
        got.contains("editorial section-moved sections.young-people"),
        "{got:?}"
    );
    assert!(
        got.contains("material prose-rights-narrowed sections.young-people.body"),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|t| t.contains("section-added") || t.contains("section-removed")),
        "{got:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("old.md"), &old).unwrap();
    fs::write(dir.path().join("new.md"), &new).unwrap();
    let text = stdout(&policyc_in(dir.path(), &["diff", "old.md", "new.md"]));
    assert!(
        text.contains("\u{201c}Young people\u{201d} was renamed from \u{201c}Children\u{201d}"),
        "{text}"
    );
}

#[test]
fn a_section_title_gives_its_sentences_their_context() {
    let new = MD_BASE.replace(
        "Northwind Payments Inc. (located in Canada)",
        "Harbour Computer Systems Company Limited (located in Singapore)",
    );
    let got = md_triples(MD_BASE, &new);
    assert!(
        got.contains("material prose-new-recipient sections.who-we-share-your-data-with.body"),
        "{got:?}"
    );
}

#[test]
fn text_moved_between_sections_is_editorial_and_new_text_beside_it_is_not() {
    // A section taken out, its sentence moved to another one; and a
    // subsection (a bold line, to import) made a section.
    let base = MD_BASE.replace(
        "## Children",
        "## Accounts\n\nYour account lasts until you close it.\n\n## Children",
    );
    let old = base.replace(
        "to run your account.",
        "to run your account.\n\n**Keeping it safe**\n\nWe encrypt your data at rest.",
    );
    let moved = base
        .replace(
            "## Accounts\n\nYour account lasts until you close it.\n\n",
            "",
        )
        .replace(
            "to run your account.",
            "to run your account. Your account lasts until you close it.\n\n\
             ## Keeping it safe\n\nWe encrypt your data at rest.",
        );
    let got = md_triples(&old, &moved);
    assert!(
        got.iter().all(|t| t.starts_with("editorial")),
        "nothing but moves: {got:?}"
    );
    assert!(
        got.contains("editorial text-moved sections.accounts")
            && got.contains("editorial text-moved sections.what-we-collect.body"),
        "{got:?}"
    );
    // A new heading over old text says something new about it.
    let two = base.replace(
        "until you close it.",
        "until you close it. We keep a log of sign-ins.",
    );
    let headed = base.replace(
        "## Children",
        "## How we sell your data\n\nWe keep a log of sign-ins.\n\n## Children",
    );
    let got = md_triples(&two, &headed);
    assert!(
        got.contains("review section-added sections.how-we-sell-your-data"),
        "{got:?}"
    );
    let with_new = moved.replace(
        "We encrypt your data at rest.",
        "We encrypt your data at rest. We keep backups for ten years.",
    );
    let got = md_triples(&old, &with_new);
    assert!(
        got.iter()
            .any(|t| !t.starts_with("editorial") && t.contains("keeping-it-safe")),
        "a new sentence in a moved text is still read: {got:?}"
    );
}

#[test]
fn a_text_changed_names_its_edits_as_read() {
    let old = MD_BASE.replace(
        "to run your account.",
        "to run your account. Change it in [Ad Settings](https://a.example/en-US).",
    );
    let new = MD_BASE.replace(
        "to run your account.",
        "to run your account. Change it in [My Ad Center](https://a.example/en-GB).",
    );
    let json = json_of("md", &old, &new);
    let messages: Vec<&str> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["rule"] == "text-changed")
        .map(|c| c["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "The text of \u{201c}What we collect\u{201d} changed: \u{201c}Ad\u{201d} to \u{201c}My Ad\u{201d}; \u{201c}Settings.\u{201d} to \u{201c}Center.\u{201d}"
        ],
    );
}

#[test]
fn a_limit_taken_out_of_a_practice_withdraws_a_commitment() {
    let with = |limit: &str| {
        MD_BASE.replace(
            "to run your account.",
            &format!("to run your account. We show you ads based on your {limit}location."),
        )
    };
    let got = md_triples(&with("general "), &with(""));
    assert!(
        got.contains("material prose-commitment-withdrawn sections.what-we-collect.body"),
        "{got:?}"
    );
    // The limit said in other words stays a limit.
    let got = md_triples(&with("general "), &with("approximate "));
    assert!(!got.iter().any(|t| t.starts_with("material")), "{got:?}");
}

#[test]
fn what_moves_within_a_text_or_beside_a_changed_word_is_not_editorial() {
    let reviewed = |old: &str, new: &str| {
        let got = md_triples(old, new);
        assert!(
            got.iter().any(|t| !t.starts_with("editorial")),
            "a reviewer must see this: {got:?}"
        );
    };
    // Cells swapped between rows, labels swapped between items.
    let table = |a: &str, b: &str| {
        MD_BASE.replace(
            "to run your account.",
            &format!("to run your account.\n\n| Data | Sold |\n|---|---|\n| Identifiers | {a} |\n| Geolocation | {b} |\n"),
        )
    };
    reviewed(&table("Not sold", "Sold"), &table("Sold", "Not sold"));
    let list = |a: &str, b: &str| {
        MD_BASE.replace(
            "to run your account.",
            &format!("to run your account.\n\n- **{a}** We sell your data.\n- **{b}** We do not sell your data.\n"),
        )
    };
    reviewed(
        &list("California.", "Europe."),
        &list("Europe.", "California."),
    );
    // A sentence moved in beside a word too short to be a sentence.
    let old = table("No", "Yes").replace(
        "## Children\n\nWe do not knowingly collect data from children under the age of 16.\n\n",
        "## Children\n\nWe do not knowingly collect data from children under the age of 16. We check ages.\n\n",
    );
    let new = table("Yes", "Yes").replace(
        "to run your account.",
        "to run your account. We check ages.",
    );
    reviewed(&old, &new);
    // A summary of changes is still read.
    reviewed(
        MD_BASE,
        &format!(
            "{MD_BASE}\n## What's new\n\nWe now share your precise location with advertisers.\n"
        ),
    );
}

fn yaml_triples(old: &str, new: &str) -> BTreeSet<String> {
    triples_of("yaml", old, new)
}

const FACTS: &str = r#"id: facts
title: Privacy Policy
organization:
  name: Fernhill
dates:
  effective: 2024-07-01
contacts:
  privacy:
    name: Privacy
    email: privacy@fernhill.example
sections:
  - id: delete
    title: Deleting your data
    body: We delete old backups by July 1, 2024.
  - id: apps
    title: Our apps
    body: For our Fernhill 2 app, this Privacy Notice applies as well.
  - id: about
    title: About us
    body: "{{ org.name }} runs the service. Write to {{ contacts.privacy.email }}. Last updated {{ dates.last_updated }}."
"#;

#[test]
fn a_deadline_typed_in_prose_is_compared_even_when_it_was_the_old_effective_date() {
    let new = FACTS
        .replace("effective: 2024-07-01", "effective: 2025-01-15")
        .replace("by July 1, 2024", "by January 15, 2025");
    let got = yaml_triples(FACTS, &new);
    assert!(
        got.contains("editorial dates-changed dates.effective"),
        "{got:?}"
    );
    assert!(
        got.iter().any(|t| t.contains("sections.delete.body")),
        "the changed deadline is a change of prose: {got:?}"
    );
    assert!(
        !got.iter().any(|t| t.contains("sections.about")),
        "the date printed through a template is the dates change alone: {got:?}"
    );
}

#[test]
fn renamed_facts_change_only_the_text_that_prints_them() {
    let new = FACTS
        .replace("name: Fernhill", "name: Fernhill Labs")
        .replace("name: Privacy\n", "name: Privacy Desk\n")
        .replace("privacy@fernhill.example", "privacy@fernhill-labs.example");
    let got = yaml_triples(FACTS, &new);
    assert!(
        !got.iter().any(|t| t.contains("sections.")),
        "no text changed: \"Fernhill 2\" and \"Privacy Notice\" are prose in both, \
         and the templates print the new facts: {got:?}"
    );
    assert!(got.iter().any(|t| t.contains("organization")), "{got:?}");
    assert!(
        got.iter().any(|t| t.contains("contacts.privacy")),
        "{got:?}"
    );
}

#[test]
fn moving_one_of_two_dates_that_print_alike_changes_no_text() {
    let old = FACTS.replace(
        "effective: 2024-07-01\n",
        "effective: 2024-07-01\n  last_updated: 2024-07-01\n",
    );
    let new = old.replace("effective: 2024-07-01", "effective: 2024-08-01");
    let got = yaml_triples(&old, &new);
    assert!(
        !got.iter().any(|t| t.contains("sections.")),
        "the last-updated sentence did not change: {got:?}"
    );
}

#[test]
fn the_notice_opens_with_the_authors_changelog_summary() {
    let dir = tempfile::tempdir().unwrap();
    let base = fs::read_to_string(root().join("tests/corpus/base.yaml")).unwrap();
    let new = base
        .replace("effective: 2025-01-01", "effective: 2025-03-01")
        .replace(
            "We keep your data for 30 days",
            "We keep your data for 90 days",
        )
        + "changelog:\n  - date: 2025-03-01\n    summary: We now keep your data for *90 days* after you close your account.\n    material: true\n";
    fs::write(dir.path().join("old.yaml"), &base).unwrap();
    fs::write(dir.path().join("new.yaml"), &new).unwrap();
    let out = policyc_in(
        dir.path(),
        &["diff", "old.yaml", "new.yaml", "--format", "notice"],
    );
    let text = stdout(&out);
    assert!(
        text.contains(
            "In short: We now keep your data for 90 days after you close your account.\n\nWhat is changing:"
        ),
        "{text}"
    );
}

#[test]
fn the_redline_shows_each_finding_with_its_rule_and_citation_beside_its_section() {
    let case = root().join("tests/corpus/cases/prose-new-tracking");
    let (base, new) = (root().join("tests/corpus/base.yaml"), case.join("new.yaml"));
    let line = "material \u{b7} prose-new-tracking: New tracking technology: tracking pixels (FTC, In re Gateway Learning (2004)";
    for format in ["text", "md", "html"] {
        let out = policyc(&[
            "diff",
            base.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            format,
        ]);
        let report = stdout(&out);
        let redline = report
            .split_once("Redline")
            .map(|(_, r)| r)
            .unwrap_or_else(|| panic!("{format}: no redline\n{report}"));
        let at = redline
            .find(line)
            .unwrap_or_else(|| panic!("{format}: no finding beside the section\n{redline}"));
        let text = redline
            .find("Our pages use tracking pixels.")
            .expect("the added sentence");
        assert!(
            at < text,
            "{format}: the finding comes before the text it is about"
        );
        assert!(
            !report.starts_with("````"),
            "{format}: not fenced as a fallback"
        );
    }
}

#[test]
fn the_terminal_report_passes_no_control_character_of_the_policy_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let base = fs::read_to_string(root().join("tests/corpus/base.yaml")).unwrap();
    // A title that would hide the rest of the line on a terminal.
    let new = base
        .replace("title: What we collect", "title: \"What we \\e[8mcollect\"")
        .replace(
            "when you sign up.",
            "when you sign up. We also use tracking pixels.",
        );
    fs::write(dir.path().join("old.yaml"), &base).unwrap();
    fs::write(dir.path().join("new.yaml"), &new).unwrap();
    for color in ["never", "always"] {
        let out = policyc_in(
            dir.path(),
            &["diff", "old.yaml", "new.yaml", "--color", color],
        );
        let text = stdout(&out);
        assert!(text.contains("What we \u{241b}[8mcollect"), "{text}");
        assert!(!text.contains("\u{1b}[8m"), "{color}: {text}");
    }
}

#[test]
fn bad_input_with_format_json_is_json_too() {
    let base = "tests/corpus/base.yaml";
    let out = policyc(&["diff", base, "no/such/policy.yaml", "--format", "json"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let finding = &report["findings"][0];
    assert_eq!(finding["file"], "no/such/policy.yaml", "{report}");
    assert_eq!(finding["severity"], "error", "{report}");
    assert!(
        stderr(&out).contains("cannot read no/such/policy.yaml"),
        "{}",
        stderr(&out)
    );

    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.yaml");
    let text = fs::read_to_string(root().join(base)).unwrap();
    fs::write(
        &broken,
        text.replace("title: Privacy Policy", "title: Privacy: Policy"),
    )
    .unwrap();
    let out = policyc(&["diff", base, broken.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code(&out), 2);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let finding = &report["findings"][0];
    assert_eq!(finding["line"], 4, "{report}");
    assert!(
        finding["message"].as_str().unwrap().contains("`: `"),
        "{report}"
    );
}

#[test]
fn a_new_purpose_for_data_already_collected_needs_consent_under_colorado() {
    let dir = tempfile::tempdir().unwrap();
    let with_laws = |path: &str, laws: &str| {
        let text = fs::read_to_string(root().join(path)).unwrap();
        let file = dir
            .path()
            .join(format!("{}-{}.yaml", path.replace('/', "-"), laws.len()));
        fs::write(
            &file,
            text.replace(
                "id: corpus\n",
                &format!("id: corpus\njurisdictions: {laws}\n"),
            ),
        )
        .unwrap();
        file.to_string_lossy().into_owned()
    };
    let laws = "[us-ca, us-co]";
    let old = with_laws("tests/corpus/base.yaml", laws);
    let new = with_laws("tests/corpus/cases/purpose-added/new.yaml", laws);
    let out = policyc(&["diff", &old, &new, "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let change = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "purpose-added")
        .unwrap_or_else(|| panic!("{json}"));
    let consent = &change["consent"];
    let by_law = |law: &str| {
        consent
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["jurisdiction"] == law)
            .map(|n| n["needs"].as_str().unwrap().to_string())
    };
    assert_eq!(by_law("us-co").as_deref(), Some("consent"), "{consent}");
    assert_eq!(by_law("us-ca").as_deref(), Some("notice"), "{consent}");
    // The reports and the notice draft say it too.
    let text = stdout(&policyc(&["diff", &old, &new]));
    assert!(
        text.contains("Consent needed before it applies to data already collected under Colorado (CPA) (4 CCR 904-3 Rule 6.04(B))"),
        "{text}"
    );
    let notice = stdout(&policyc(&["diff", &old, &new, "--format", "notice"]));
    assert!(notice.contains("notice alone is not enough"), "{notice}");
    // A policy that answers to California alone needs notice only.
    let old = with_laws("tests/corpus/base.yaml", "[us-ca]");
    let new = with_laws("tests/corpus/cases/purpose-added/new.yaml", "[us-ca]");
    let text = stdout(&policyc(&["diff", &old, &new]));
    assert!(!text.contains("Consent needed"), "{text}");
}

#[test]
fn the_notice_gate_warns_when_a_new_use_needs_consent_and_its_fixes_agree() {
    let dir = tempfile::tempdir().unwrap();
    let copy = |path: &str, name: &str| {
        let text = fs::read_to_string(root().join(path)).unwrap();
        let file = dir.path().join(name);
        fs::write(
            &file,
            text.replace("id: corpus\n", "id: corpus\njurisdictions: [us-co]\n"),
        )
        .unwrap();
        file.to_string_lossy().into_owned()
    };
    let old = copy("tests/corpus/base.yaml", "old.yaml");
    let new = copy("tests/corpus/cases/purpose-added/new.yaml", "new.yaml");
    let out = policyc(&[
        "check",
        &new,
        "--against",
        &old,
        "--today",
        "2025-06-01",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let of = |rule: &str| findings.iter().find(|f| f["rule"] == rule);
    let consent = of("consent-needed").unwrap_or_else(|| panic!("{json}"));
    assert_eq!(consent["severity"], "warning", "{consent}");
    assert!(
        consent["message"].as_str().unwrap().contains("us-co"),
        "{consent}"
    );
    // The changelog entry the gate asks for is dated the effective date
    // the notice period asks for, so doing both as told passes.
    let period = of("notice-period").unwrap_or_else(|| panic!("{json}"));
    let changelog = of("notice-changelog").unwrap_or_else(|| panic!("{json}"));
    let day = period["help"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .find(|w| w.len() == 10 && w.starts_with("20"))
        .unwrap()
        .to_string();
    assert!(
        changelog["help"]
            .as_str()
            .unwrap()
            .contains(&format!("date: {day}")),
        "{changelog}"
    );
}

#[test]
fn a_new_sentence_that_shares_with_a_kind_of_recipient_named_elsewhere_is_material() {
    // Pinterest 2025: "We may also provide partners with information about
    // you so that advertisers can show you ads", partners named before.
    let old =
        format!("{MD_BASE}\n## Advertising\n\nOur advertising partners show ads on our website.\n");
    let added = |text: &str| {
        old.replace(
            "to run your account.",
            &format!("to run your account. {text}"),
        )
    };
    let shared = md_triples(
        &old,
        &added("We may provide advertising partners with your email address."),
    );
    assert!(
        shared.contains("material prose-new-recipient sections.what-we-collect.body"),
        "{shared:?}"
    );
    let denied = md_triples(
        &old,
        &added("We do not provide advertising partners with your email address."),
    );
    assert!(
        !denied.iter().any(|t| t.starts_with("material")),
        "{denied:?}"
    );
}

#[test]
fn a_practice_in_the_introduction_and_a_section_is_the_sections_finding() {
    // WeChat 2025: the introduction sums up a transfer to the Chinese
    // Mainland that section 6 states; the section is where it is material.
    let new = MD_BASE
        .replace(
            "Last updated: March 1, 2025\n",
            "Last updated: March 1, 2025\n\nYour data may be transferred to Singapore.\n",
        )
        .replace(
            "to run your account.",
            "to run your account. We store your data in Singapore.",
        );
    let got = md_triples(MD_BASE, &new);
    assert!(
        got.contains("material prose-new-transfer sections.what-we-collect.body"),
        "{got:?}"
    );
    assert!(!got.contains("material prose-new-transfer lead"), "{got:?}");
}

/// MD_BASE with `text` after the first section's sentence.
fn md_with(text: &str) -> String {
    MD_BASE.replace(
        "to run your account.",
        &format!("to run your account. {text}"),
    )
}

fn material(got: &BTreeSet<String>, rule: &str) -> bool {
    got.iter()
        .any(|t| t.starts_with(&format!("material {rule} ")))
}

#[test]
fn a_new_company_called_we_is_a_new_controller() {
    // TikTok 2026: "TikTok Inc. (“TikTok”, “we” or “us”)" became "TikTok
    // USDS Joint Venture LLC (“TikTok USDS Joint Venture”, “we” or “us”)".
    let old = md_with(
        "Acme Inc. (\u{201c}Acme\u{201d}, \u{201c}we\u{201d} or \u{201c}us\u{201d}) runs the service.",
    );
    let new = md_with(
        "Acme Holdings Joint Venture LLC (\u{201c}Acme\u{201d}, \u{201c}we\u{201d} or \u{201c}us\u{201d}) runs the service.",
    );
    let got = md_triples(&old, &new);
    assert!(material(&got, "prose-new-controller"), "{got:?}");
    // The same company, the sentence reworded: no new controller.
    let reworded = md_with(
        "Acme, Inc. (\u{201c}Acme\u{201d}, \u{201c}we\u{201d} or \u{201c}us\u{201d}) provides the service.",
    );
    let got = md_triples(&old, &reworded);
    assert!(!material(&got, "prose-new-controller"), "{got:?}");
}

#[test]
fn immediate_deletion_becoming_a_hold_is_a_longer_retention() {
    // Tumblr 2026: one sentence became two, too unlike it to be its rewrite.
    let old = md_with(
        "The deletion of your account will be effective immediately, for the most part, but it might take a little while to scrub everything from our archives and backups.",
    );
    let new = md_with(
        "We will keep your data for 30 days in case you regret your decision. After 30 days, your account will be deleted.",
    );
    let got = md_triples(&old, &new);
    assert!(material(&got, "prose-retention-longer"), "{got:?}");
    // The other way round, the period gets shorter.
    let got = md_triples(&new, &old);
    assert!(!material(&got, "prose-retention-longer"), "{got:?}");
    // A period added elsewhere in the section is about something else.
    let old =
        md_with("Chat logs are deleted immediately after the chat ends. We answer every message.");
    let new =
        md_with("We answer every message. We are glad to help. Invoices are kept for 10 years.");
    let got = md_triples(&old, &new);
    assert!(!material(&got, "prose-retention-longer"), "{got:?}");
}

#[test]
fn a_country_added_where_data_is_transferred_is_a_new_transfer() {
    // LINE 2025: the United Kingdom and the EEA joined the list of countries.
    let old = md_with("Countries to which personal data is transferred: Canada and Japan.");
    let new = md_with(
        "Countries to which personal data is transferred: Canada, Japan and the United Kingdom.",
    );
    let got = md_triples(&old, &new);
    assert!(material(&got, "prose-new-transfer"), "{got:?}");
    // A country named for another reason is not a transfer.
    let got = md_triples(
        MD_BASE,
        &md_with("If you live in the United Kingdom, you can write to us."),
    );
    assert!(!material(&got, "prose-new-transfer"), "{got:?}");
}

#[test]
fn a_recipient_acting_with_us_is_a_new_recipient() {
    // LinkedIn 2024: "We use your data ... for security purposes" became
    // "We and our Affiliates, including Microsoft, may use your data ...".
    let old = md_with("We use your data for security purposes.");
    let new = md_with("We and our affiliates may use your data for security purposes.");
    let got = md_triples(&old, &new);
    assert!(material(&got, "prose-new-recipient"), "{got:?}");
}

#[test]
fn a_negation_elsewhere_in_the_sentence_does_not_deny_the_flow() {
    // LINE 2025: identifiers "not tied to information that can directly
    // identify you" are still provided to advertisers.
    // Advertisers are named before, so only a sentence that sends them data is material.
    let base = format!("{MD_BASE}\n## Ads\n\nWe show ads from advertisers.\n");
    let with = |text: &str| {
        base.replace(
            "to run your account.",
            &format!("to run your account. {text}"),
        )
    };
    let got = md_triples(
        &base,
        &with("We may provide identifiers that are not tied to your name to advertisers."),
    );
    assert!(material(&got, "prose-new-recipient"), "{got:?}");
    let got = md_triples(
        &base,
        &with("We do not provide identifiers to advertisers."),
    );
    assert!(!material(&got, "prose-new-recipient"), "{got:?}");
}

#[test]
fn a_promise_limited_to_their_own_purposes_is_narrowed() {
    // Snapchat 2026: "We do not share private communications with them."
    // became "... with our service providers to use for their own purposes."
    let old = md_with("We do not share private communications with them.");
    let new = md_with(
        "We do not share private content and communications with our service providers to use for their own purposes.",
    );
    let got = md_triples(&old, &new);
    assert!(material(&got, "prose-commitment-withdrawn"), "{got:?}");
}

#[test]
fn always_public_data_is_not_a_promise() {
    // Spotify 2026: "will always be publicly available" taken out protects users.
    let old = md_with("Your profile name will always be publicly available.");
    let got = md_triples(&old, MD_BASE);
    assert!(!material(&got, "prose-commitment-withdrawn"), "{got:?}");
    let old = md_with("We will always tell you before we share your data.");
    let got = md_triples(&old, MD_BASE);
    assert!(material(&got, "prose-commitment-withdrawn"), "{got:?}");
}

#[test]
fn a_purpose_added_to_data_already_collected_needs_consent_where_the_law_says() {
    let fixture = fs::read_to_string(root().join("tests/check/gdpr-rights/passes/policy.yaml"))
        .unwrap()
        .replace("[eu-gdpr]", "[us-co, eu-gdpr]");
    let old = fixture.replace(
        "purposes: [service, security, news]\n      recipients: [hosting, mail]",
        "purposes: [service, security]\n      recipients: [hosting]",
    );
    let dir = tempfile::tempdir().unwrap();
    let (o, n) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    fs::write(&o, &old).unwrap();
    fs::write(&n, &fixture).unwrap();
    let (exit, json) = diff_json(&o, &n);
    assert_eq!(exit, 1, "{json}");
    let got = triples(&json);
    for expected in [
        "material purpose-added processing.data.account.purposes.news",
        "material recipient-added processing.data.account.recipients.mail",
    ] {
        assert!(got.contains(expected), "{expected} not in {got:?}");
    }
    // The table the facts print is restated, not reported again as text.
    assert_eq!(got.len(), 2, "{got:?}");
    let added = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "purpose-added")
        .unwrap();
    assert!(
        added["message"]
            .as_str()
            .unwrap()
            .contains("Sending the newsletter (on the basis of your consent)"),
        "{added}"
    );
    let consent: Vec<(&str, &str)> = added["consent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["jurisdiction"].as_str().unwrap(),
                c["needs"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(consent.contains(&("us-co", "consent")), "{consent:?}");
    assert!(consent.contains(&("eu-gdpr", "consent")), "{consent:?}");
    // The other way round, the data is used for less: narrower, not material.
    let (exit, json) = diff_json(&n, &o);
    assert_eq!(exit, 0, "{json}");
}

/// Triples of a diff between the GDPR fixture edited two ways.
fn fixture_triples(
    old: impl Fn(String) -> String,
    new: impl Fn(String) -> String,
) -> BTreeSet<String> {
    let text =
        fs::read_to_string(root().join("tests/check/gdpr-rights/passes/policy.yaml")).unwrap();
    triples_of("yaml", &old(text.clone()), &new(text))
}

#[test]
fn a_country_spelt_another_way_or_inside_the_eea_is_no_transfer() {
    let same = |t: String| t;
    let got = fixture_triples(same, |t| {
        t.replace("country: the United States", "country: USA")
    });
    assert!(got.is_empty(), "{got:?}");
    let got = fixture_triples(same, |t| t.replace("country: Germany", "country: Ireland"));
    assert!(!got.iter().any(|t| t.starts_with("material")), "{got:?}");
    let got = fixture_triples(same, |t| t.replace("country: Germany", "country: India"));
    assert!(
        got.contains("material transfer-added processing.recipients.hosting.country"),
        "{got:?}"
    );
}

#[test]
fn training_language_models_and_a_purpose_becoming_a_sale_are_material() {
    let got = fixture_triples(
        |t| t + "  language_models: false\n",
        |t| t + "  language_models: true\n",
    );
    assert!(
        got.contains("material purpose-added processing.language_models"),
        "{got:?}"
    );
    let got = fixture_triples(
        |t| t,
        |t| {
            t.replace(
                "      name: Sending the newsletter\n",
                "      name: Sending the newsletter\n      kinds: [sale]\n",
            )
        },
    );
    assert!(
        got.contains("material sale-started processing.purposes.news.kinds.sale"),
        "{got:?}"
    );
}

#[test]
fn ordinary_sentences_the_prose_rules_once_misread_are_not_material() {
    for (old, new) in [
        // A verb of sharing further on is the one that counts, and it is negated.
        (
            "",
            "To provide the Service, we never share your information with advertisers.",
        ),
        ("", "We share no information with advertisers."),
        (
            "",
            "We do not, under any circumstances whatsoever, sell data to data brokers.",
        ),
        // A promise made together with affiliates is no flow of data.
        (
            "",
            "We and our affiliates are committed to protecting your privacy.",
        ),
        // A right over old posts puts none of them to a new use.
        (
            "",
            "You can delete any post, regardless of when you posted it, and we stop using it.",
        ),
        // The same company, named after a comma.
        (
            "This policy explains how Acme Inc. (\u{201c}we\u{201d}) handles data.",
            "In this Privacy Policy, Acme Inc. (\u{201c}we\u{201d}) explains how it handles data.",
        ),
    ] {
        let got = md_triples(&md_with(old), &md_with(new));
        assert!(
            !got.iter().any(|t| t.starts_with("material")),
            "{new:?}: {got:?}"
        );
    }
}

#[test]
fn a_name_data_is_shared_with_is_a_new_recipient() {
    // YouTube 2022: "Google shares data about requests for removal of
    // content from our services with Lumen, which collects and analyzes
    // these requests".
    let new = md_with("We share data about removal requests with Lumen, which studies them.");
    let got = md_triples(MD_BASE, &new);
    assert!(material(&got, "prose-new-recipient"), "{got:?}");
    // Not when the sentence denies it, nor for a country data goes to.
    let denied = md_with("We do not share data about removal requests with Lumen.");
    let got = md_triples(MD_BASE, &denied);
    assert!(!material(&got, "prose-new-recipient"), "{got:?}");
    let country = md_with("We transfer your data to Singapore for support.");
    let got = md_triples(MD_BASE, &country);
    assert!(!material(&got, "prose-new-recipient"), "{got:?}");
}

#[test]
fn a_new_label_in_a_table_of_data_is_new_data() {
    // Spotify 2025: a row "| Message Data | ... we collect and process
    // message data. |" in the table of data collected.
    let table = |rows: &str| {
        MD_BASE.replace(
            "## Children",
            &format!("## Data we collect\n\n| Categories | Description |\n| --- | --- |\n| Usage Data | How you use the app. |\n{rows}\n## Children"),
        )
    };
    let old = table("");
    let new = table("| Message Data | Text you send to another user. |\n");
    let got = md_triples(&old, &new);
    assert!(
        got.contains("material prose-new-data sections.data-we-collect.body"),
        "{got:?}"
    );
    // A label the policy already used is no new kind of data.
    let again = table("| Usage Data | Also crash reports. |\n");
    let got = md_triples(&old, &again);
    assert!(!material(&got, "prose-new-data"), "{got:?}");
}

#[test]
fn a_consent_promise_given_a_way_out_is_withdrawn() {
    // Pinterest 2022: "We'll also rely on your consent where we use cookies
    // to show you ads" became "Where required, we'll also rely on ...".
    let old = md_with("We rely on your consent where we use cookies to show you ads.");
    let new =
        md_with("Where required, we rely on your consent where we use cookies to show you ads.");
    let got = md_triples(&old, &new);
    assert!(material(&got, "prose-commitment-withdrawn"), "{got:?}");
}

#[test]
fn a_promise_in_the_passive_taken_out_is_withdrawn() {
    // Quora 2022: "In such event, your name is not displayed along with the
    // content, and Quora does not associate such content with your user ID"
    // was taken out.
    let old = md_with("When you post anonymously, your name is not displayed with the post.");
    let got = md_triples(&old, MD_BASE);
    assert!(material(&got, "prose-commitment-withdrawn"), "{got:?}");
}

#[test]
fn a_flow_the_user_starts_is_for_review() {
    // TikTok 2023: "If you choose to sync your contacts, we will collect
    // information from your device's phone book such as names, phone
    // numbers" (judged review: an optional flow the user starts).
    let chosen =
        md_with("If you choose to sync your contacts, we will collect their phone numbers.");
    let got = md_triples(MD_BASE, &chosen);
    assert!(!material(&got, "prose-new-data"), "{got:?}");
    assert!(
        got.iter().any(|t| t.starts_with("review prose-new-data")),
        "{got:?}"
    );
    let always = md_with("We will collect the phone numbers in your contacts.");
    let got = md_triples(MD_BASE, &always);
    assert!(material(&got, "prose-new-data"), "{got:?}");
}

#[test]
fn search_activity_joined_to_a_use_is_new_data() {
    // YouTube 2024: "we also use data about the ads you interact with,
    // including your related Google Search activity, to help advertisers
    // understand the performance of their ad campaigns".
    let old = md_with("We use data about the ads you click to measure them.");
    let new = md_with(
        "We use data about the ads you click, including your search activity, to measure them.",
    );
    let got = md_triples(&old, &new);
    assert!(material(&got, "prose-new-data"), "{got:?}");
}

#[test]
fn a_kind_of_data_disclosed_is_new_data() {
    // Spotify 2025: a table of recipients whose data column gained "Voice
    // Data" for law enforcement; disclosing a kind of data is processing it.
    let new = md_with("We disclose voice recordings to law enforcement on request.");
    let got = md_triples(MD_BASE, &new);
    assert!(material(&got, "prose-new-data"), "{got:?}");
}

#[test]
fn a_new_company_called_we_with_its_affiliates_is_a_new_controller() {
    // Parler 2025: "PDS Partners, LLC and its affiliates (“Company,”
    // “Parler” “we,” ...)" became "Parler Technologies, Inc., and its
    // affiliates (...)".
    let we = |name: &str| {
        md_with(&format!(
            "{name} and its affiliates (\u{201c}Company,\u{201d} \u{201c}we,\u{201d} \u{201c}our\u{201d}) value your privacy."
        ))
    };
    let got = md_triples(&we("Acme Partners, LLC"), &we("Zenith Technologies, Inc.,"));
    assert!(material(&got, "prose-new-controller"), "{got:?}");
}

#[test]
fn a_kind_of_data_in_other_words_is_not_new() {
    // Pinterest 2025, in British English: "birthday" became "date of birth"
    // and "email" "email address"; the transfer mechanism named in other
    // words is no new transfer.
    let old = md_with("We also collect your birthday and your email.");
    let new = md_with("We also collect your date of birth and your email address.");
    let got = md_triples(&old, &new);
    assert!(!material(&got, "prose-new-data"), "{got:?}");
    let old = md_with(
        "We rely on standard contractual clauses for transfers to the U.S. Department of Commerce list.",
    );
    let new = md_with(
        "We rely on the Data Privacy Framework for transfers to the U.S. Department of Commerce list.",
    );
    let got = md_triples(&old, &new);
    assert!(!material(&got, "prose-new-transfer"), "{got:?}");
}

#[test]
fn a_synonym_is_editorial_end_to_end() {
    // Pinterest 2025, in British English: "like" to "such as", "which" to
    // "that"; the issue names "&" to "and".
    let old = md_with("We work with Acme & Co on payments, like refunds, which we handle.");
    let new = md_with("We work with Acme and Co on payments, such as refunds, which we handle.");
    let got = md_triples(&old, &new);
    assert!(
        got.contains("editorial text-editorial sections.what-we-collect.body"),
        "{got:?}"
    );
}

#[test]
fn a_practice_named_only_to_be_denied_is_no_new_practice() {
    // TikTok 2024: "We do not engage in profiling which results in legal or
    // similarly significant effects"; Snapchat 2024: "Our Services are not
    // directed to children under the age of 13".
    let new = md_with("We do not engage in profiling which results in legal effects.");
    let got = md_triples(MD_BASE, &new);
    assert!(!material(&got, "prose-new-purpose"), "{got:?}");
    let stated = md_with("We use profiling to rank posts.");
    let got = md_triples(MD_BASE, &stated);
    assert!(material(&got, "prose-new-purpose"), "{got:?}");
}

#[test]
fn only_a_sentence_about_changes_promises_notice() {
    // Snapchat 2024: "send you communications, including by email, SMS, or
    // other messaging platforms" taken out is no weaker promise of notice.
    let old = md_with("We send you messages by email.");
    let got = md_triples(&old, MD_BASE);
    assert!(
        !got.iter().any(|t| t.contains("prose-weaker-notice")),
        "{got:?}"
    );
    let old = md_with("We will tell you of changes to this policy by email.");
    let got = md_triples(&old, MD_BASE);
    assert!(material(&got, "prose-weaker-notice"), "{got:?}");
}

#[test]
fn a_contact_link_that_leads_elsewhere_is_for_review() {
    // Threads 2025: "[contact online](https://help.instagram.com/contact/...)"
    // became "[contact online](https://help.meta.com/support/privacy)", the
    // words unchanged: a new channel, for a reviewer.
    let link = |to: &str| md_with(&format!("You can [contact us online]({to}) at any time."));
    let got = md_triples(
        &link("https://acme.example/contact/form"),
        &link("https://help.example/support"),
    );
    assert!(
        got.contains("review text-changed sections.what-we-collect.body"),
        "{got:?}"
    );
    // A link that names no channel, or one within the page, stays editorial.
    let other = |to: &str| md_with(&format!("Read about [our cookies]({to}) here."));
    let got = md_triples(
        &other("https://acme.example/cookies"),
        &other("https://acme.example/cookie-policy"),
    );
    assert!(
        got.contains("editorial text-editorial sections.what-we-collect.body"),
        "{got:?}"
    );
    let anchor = |to: &str| md_with(&format!("Use the [contact form]({to}) below."));
    let got = md_triples(&anchor("#annotation-12"), &anchor("#annotation-14"));
    assert!(
        got.contains("editorial text-editorial sections.what-we-collect.body"),
        "{got:?}"
    );
}

#[test]
fn a_practice_once_only_denied_and_now_stated_is_new() {
    // WhatsApp 2026: the policy named ads only to deny them ("We have no
    // intention to introduce them, but if we ever do, we will update this
    // Privacy Policy"); then "we also collect information using similar
    // technologies for ads", and the promise to update the policy went.
    let old = md_with("We do not show ads, and if we ever do, we will update this policy.");
    let new =
        md_with("We do not show banner ads. We also collect information with cookies for ads.");
    let got = md_triples(&old, &new);
    assert!(material(&got, "prose-new-purpose"), "{got:?}");
    assert!(material(&got, "prose-weaker-notice"), "{got:?}");
}

#[test]
fn the_reviews_cases_keep_their_findings() {
    // "Including, but not limited to" denies nothing.
    let new = md_with("We use your data for purposes including, but not limited to, profiling.");
    let got = md_triples(MD_BASE, &new);
    assert!(material(&got, "prose-new-purpose"), "{got:?}");
    // A company whose name holds a country is still a named recipient.
    let old = md_with("Your data is stored in China.");
    let new = md_with(
        "Your data is stored in China. We share your account data with China Mobile Co., Ltd. for billing.",
    );
    let got = md_triples(&old, &new);
    assert!(material(&got, "prose-new-recipient"), "{got:?}");
    // "No." ends a sentence.
    let new =
        md_with("Do we sell your data? No. We collect your precise location to improve the app.");
    let got = md_triples(MD_BASE, &new);
    assert!(material(&got, "prose-new-data"), "{got:?}");
    // A purpose stays material in a flow the user starts.
    let new = md_with(
        "If you provide your phone number for security, we also use it for targeted advertising.",
    );
    let got = md_triples(MD_BASE, &new);
    assert!(material(&got, "prose-new-purpose"), "{got:?}");
    // A promise of advance notice needs no word about changes.
    let old =
        md_with("You will receive advance notice before we transfer your data to a new owner.");
    let got = md_triples(&old, MD_BASE);
    assert!(material(&got, "prose-weaker-notice"), "{got:?}");
}
