//! `policyc check`: every lint rule fires on its fixture and not on a
//! near-identical one, the notice gate's four rules, waivers, the three output
//! formats, bad input, and the rule list in README.md.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::{code, policyc, root, stderr, stdout};
use policyc::rules::{Kind, RULES};

const TODAY: &str = "2025-06-01";

/// The rules of the findings `check --format json` reports for `args`.
fn rules_found(args: &[&str]) -> (i32, Vec<String>, serde_json::Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = policyc(&all);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    let rules = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    (code(&out), rules, json)
}

#[test]
fn every_lint_rule_fires_on_its_fixture_and_not_on_the_near_identical_one() {
    let mut failures = Vec::new();
    for rule in RULES.iter().filter(|r| matches!(r.kind, Kind::Lint(_))) {
        let dir = format!("tests/check/{}", rule.id);
        let fires = format!("{dir}/fires/policy.yaml");
        let passes = format!("{dir}/passes/policy.yaml");
        assert!(root().join(&fires).exists(), "no fixture for {}", rule.id);
        // A law that applies after TODAY is checked on the day its `today` file gives.
        let today = fs::read_to_string(root().join(&dir).join("today"))
            .map_or(TODAY.to_string(), |t| t.trim().to_string());
        let (code_f, found, _) = rules_found(&[&fires, "--today", &today]);
        let (code_p, clean, _) = rules_found(&[&passes, "--today", &today]);
        if !found.iter().any(|r| r == rule.id.as_str()) {
            failures.push(format!("{} did not fire: {found:?}", rule.id));
        }
        if !clean.is_empty() || code_p != 0 {
            failures.push(format!(
                "{}: the passing fixture has findings {clean:?}",
                rule.id
            ));
        }
        // A rule on an unconfirmed source only warns (PACKS.md).
        let is_error = matches!(rule.kind, Kind::Lint(policyc::diag::Severity::Error))
            && rule.pack.is_none_or(|p| p.confirmed);
        if code_f != i32::from(is_error) {
            failures.push(format!("{}: exit {code_f}", rule.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_base_fixture_and_the_example_policy_are_clean() {
    assert_eq!(
        rules_found(&["tests/check/base.yaml", "--today", TODAY]).1,
        Vec::<String>::new()
    );
    let (exit, found, _) = rules_found(&["policies", "--today", "2026-11-22", "--deny-warnings"]);
    assert_eq!((exit, found), (0, vec![]));
}

#[test]
fn notice_gate_rules_fire_each_on_its_own_case() {
    for (case, today, expected) in [
        ("passes", TODAY, vec![]),
        ("notice-effective", "2024-11-01", vec!["notice-effective"]),
        ("notice-period", TODAY, vec!["notice-period"]),
        ("notice-changelog", TODAY, vec!["notice-changelog"]),
        ("last-updated-stale", TODAY, vec!["last-updated-stale"]),
    ] {
        let new = format!("tests/check/gate/{case}.yaml");
        let (exit, found, _) = rules_found(&[
            &new,
            "--against",
            "tests/check/gate/old.yaml",
            "--today",
            today,
        ]);
        assert_eq!(found, expected, "{case}");
        assert_eq!(exit, i32::from(!expected.is_empty()), "{case}");
    }
}

#[test]
fn the_gate_reports_an_unreadable_git_revision() {
    let out = policyc(&[
        "check",
        "tests/check/gate/passes.yaml",
        "--against",
        "nosuchrev:tests/check/gate/old.yaml",
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("`nosuchrev` is not a revision in this git repository"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn findings_point_at_the_key() {
    let (_, _, json) = rules_found(&[
        "tests/check/annual-review/fires/policy.yaml",
        "--today",
        TODAY,
    ]);
    let f = &json["findings"][0];
    assert_eq!(f["rule"], "annual-review");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["file"], "tests/check/annual-review/fires/policy.yaml");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(8), Some(14))
    );
    assert_eq!(
        f["message"],
        "last updated 2024-05-31, more than 12 months before 2025-06-01"
    );
    assert_eq!(f["help"], "review the policy and set dates.last_updated");
}

#[test]
fn output_formats() {
    let fixture = "tests/check/sold-recipients/fires/policy.yaml";
    for format in ["human", "json", "github"] {
        let out = policyc(&["check", fixture, "--today", TODAY, "--format", format]);
        assert_eq!(code(&out), 1);
        insta::assert_snapshot!(format!("check-{format}"), stdout(&out));
    }
    let github = stdout(&policyc(&[
        "check", fixture, "--today", TODAY, "--format", "github",
    ]));
    assert!(
        github.starts_with(&format!("::error file={fixture},line=")),
        "{github}"
    );
    let human = stdout(&policyc(&["check", fixture, "--today", TODAY]));
    assert!(
        human
            .contains("error[sold-recipients]: `identifiers` is sold, but no recipients are named"),
        "{human}"
    );
    assert!(
        human.contains("checked 1 file: 1 error, 0 warnings"),
        "{human}"
    );
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let fixture = "tests/check/categories-complete/fires/policy.yaml";
    assert_eq!(code(&policyc(&["check", fixture, "--today", TODAY])), 0);
    assert_eq!(
        code(&policyc(&[
            "check",
            fixture,
            "--today",
            TODAY,
            "--deny-warnings"
        ])),
        1
    );
}

#[test]
fn a_waived_rule_is_shown_with_its_reason_and_does_not_fail() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(root().join("tests/check/sold-recipients/fires/policy.yaml"))
        .unwrap()
        + "waivers:\n  - rule: sold-recipients\n    reason: Recipients are listed in Section 3 of the supplement.\n";
    let path = dir.path().join("policy.yaml");
    fs::write(&path, &text).unwrap();
    let (exit, found, json) = rules_found(&[path.to_str().unwrap(), "--today", TODAY]);
    assert_eq!((exit, found), (0, vec!["sold-recipients".to_string()]));
    assert_eq!(
        json["findings"][0]["waived"],
        "Recipients are listed in Section 3 of the supplement."
    );
    let human = stdout(&policyc(&[
        "check",
        path.to_str().unwrap(),
        "--today",
        TODAY,
    ]));
    assert!(human.contains("waived[sold-recipients]"), "{human}");
    assert!(human.contains("1 waived"), "{human}");

    fs::write(
        &path,
        text.replace(
            "    reason: Recipients are listed in Section 3 of the supplement.\n",
            "",
        ),
    )
    .unwrap();
    let out = policyc(&["check", path.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(code(&out), 2);
    assert!(
        stdout(&out).contains("the waiver of `sold-recipients` has no reason"),
        "{}",
        stdout(&out)
    );

    fs::write(
        &path,
        text.replace("rule: sold-recipients", "rule: sold-recipient"),
    )
    .unwrap();
    let out = policyc(&["check", path.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(code(&out), 2);
    assert!(
        stdout(&out).contains("did you mean `sold-recipients`?"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn all_files_are_checked_and_bad_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("tests/check/base.yaml"),
        dir.path().join("a.yaml"),
    )
    .unwrap();
    fs::copy(
        root().join("tests/fixtures/errors/unknown-key.yaml"),
        dir.path().join("b.yaml"),
    )
    .unwrap();
    fs::copy(
        root().join("tests/check/rights-listed/fires/policy.yaml"),
        dir.path().join("c.yaml"),
    )
    .unwrap();
    let (exit, found, _) = rules_found(&[dir.path().to_str().unwrap(), "--today", TODAY]);
    assert_eq!(exit, 2);
    assert!(found.contains(&"rights-listed".to_string()), "{found:?}");
    assert!(found.contains(&"syntax".to_string()), "{found:?}");
}

#[test]
fn explain_prints_reason_and_citation_or_suggests() {
    let out = policyc(&["check", "--explain", "rights-listed"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("Citation: Cal. Civ. Code 1798.130(a)(5)(A)"));
    let out = policyc(&["check", "--explain", "right-listed"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("did you mean `rights-listed`?"));
}

#[test]
fn readme_lists_every_rule_as_the_registry_does() {
    let table = stdout(&policyc(&["check", "--list-rules"]));
    let ids: BTreeSet<&str> = RULES.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(table.lines().count(), ids.len() + 2);
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("<!-- rules:start -->\n")
        .expect("README has a rules:start marker")
        + "<!-- rules:start -->\n".len();
    let end = readme
        .find("<!-- rules:end -->")
        .expect("README has a rules:end marker");
    assert!(
        readme[start..end] == table,
        "the rule table in README.md is stale: replace it with the output of `policyc check --list-rules`"
    );
}

#[test]
fn a_second_change_on_the_day_of_the_last_update_passes_the_gate() {
    let dir = tempfile::tempdir().unwrap();
    let old = fs::read_to_string(root().join("tests/check/base.yaml"))
        .unwrap()
        .replace(
            "  effective: 2025-01-01\n",
            "  effective: 2025-01-01\n  last_updated: 2025-06-01\n",
        );
    let new = old.replace(
        "and to opt out of sale and sharing.",
        "and to opt out of sale and of sharing.",
    );
    fs::write(dir.path().join("old.yaml"), &old).unwrap();
    fs::write(dir.path().join("new.yaml"), &new).unwrap();
    let found = |today: &str| {
        let out = common::policyc_in(
            dir.path(),
            &[
                "check",
                "new.yaml",
                "--against",
                "old.yaml",
                "--today",
                today,
                "--format",
                "json",
            ],
        );
        stdout(&out)
    };
    assert!(
        !found("2025-06-01").contains("last-updated-stale"),
        "{}",
        found("2025-06-01")
    );
    assert!(
        found("2025-06-02").contains("last-updated-stale"),
        "{}",
        found("2025-06-02")
    );
}

#[test]
fn notice_days_print_in_text_as_the_gate_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    let policy = fs::read_to_string(root().join("tests/check/base.yaml"))
        .unwrap()
        .replace(
            "and to opt out of sale and sharing.",
            "and to opt out of sale and sharing. We give {{ notice.days }} days of notice.",
        );
    fs::write(dir.path().join("a.yaml"), &policy).unwrap();
    fs::write(
        dir.path().join("b.yaml"),
        format!("notice:\n  days: 45\n{policy}"),
    )
    .unwrap();
    for (file, days) in [("a.yaml", 30), ("b.yaml", 45)] {
        let out = common::policyc_in(dir.path(), &["render", file, "--format", "txt"]);
        assert!(
            stdout(&out).contains(&format!("We give {days} days of notice.")),
            "{}",
            stdout(&out)
        );
    }
}

#[test]
fn a_missing_file_is_reported_in_the_reports_own_format() {
    let out = policyc(&["check", "no/such/policy.yaml", "--format", "json"]);
    assert_eq!(code(&out), 2);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let finding = &json["findings"][0];
    assert_eq!(finding["rule"], "syntax", "{json}");
    assert_eq!(finding["file"], "no/such/policy.yaml", "{json}");
    assert!(
        finding["message"].as_str().unwrap().contains("cannot read"),
        "{json}"
    );
    let explained = policyc(&["check", "--explain", "syntax"]);
    assert_eq!(code(&explained), 0, "the rule id is one --explain knows");
}

/// tests/check/base.yaml with its text changed by `edit`, in a temporary file.
fn base_with(edit: impl Fn(String) -> String) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.yaml");
    let text = fs::read_to_string(root().join("tests/check/base.yaml")).unwrap();
    fs::write(&file, edit(text)).unwrap();
    (dir, file.to_string_lossy().into_owned())
}

#[test]
fn the_right_to_correct_is_required_from_the_day_the_cpra_applies() {
    let (_dir, file) = base_with(|t| {
        t.replace("effective: 2025-01-01", "effective: 2022-05-01")
            .replace(
                "rights: [know, delete, correct, opt-out, limit, non-discrimination]",
                "rights: [know, delete, opt-out, non-discrimination]",
            )
    });
    let (exit, found, _) = rules_found(&[&file, "--today", "2022-06-01"]);
    assert_eq!(
        (exit, found),
        (0, vec![]),
        "before 2023 the CCPA has no right to correct"
    );
    let (exit, found, json) = rules_found(&[&file, "--today", "2023-06-01"]);
    assert_eq!(exit, 1);
    assert!(found.contains(&"rights-listed".to_string()), "{json}");
    let message = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "rights-listed")
        .unwrap()["message"]
        .to_string();
    assert!(message.contains("`correct`"), "{message}");
}

#[test]
fn a_law_s_rules_apply_from_the_day_the_law_does() {
    // Texas's pack applies from 2024-07-01: the typed statement is no finding before.
    let fixture = "tests/check/tx-sale-notice/fires/policy.yaml";
    let (_, before, _) = rules_found(&[fixture, "--today", "2024-06-30"]);
    assert!(
        !before.contains(&"tx-sale-notice".to_string()),
        "{before:?}"
    );
    let (_, after, _) = rules_found(&[fixture, "--today", "2024-07-01"]);
    assert!(after.contains(&"tx-sale-notice".to_string()), "{after:?}");
}

#[test]
fn a_texas_policy_that_sells_sensitive_data_prints_the_statutory_notices() {
    let sells = |t: String| {
        t.replace("id: check\n", "id: check\njurisdictions: [us-ca, us-tx]\n")
            .replace(
                "    - category: sensitive\n      collected: false",
                "    - category: sensitive\n      examples: Precise location\n      collected: true\n      sources: [You]\n      purposes: [Ads]\n      recipients: [Ad networks]\n      retention: 1 year\n      sold: true",
            )
            .replace(
                "    - category: biometric\n      collected: false",
                "    - category: biometric\n      examples: Face scans\n      collected: true\n      sources: [You]\n      purposes: [Ads]\n      recipients: [Ad networks]\n      retention: 1 year\n      sold: true",
            )
    };
    let (_dir, file) = base_with(sells);
    for format in ["html", "md", "txt"] {
        let out = policyc(&["render", &file, "--format", format]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let page = stdout(&out);
        for notice in [
            "NOTICE: We may sell your sensitive personal data.",
            "NOTICE: We may sell your biometric personal data.",
        ] {
            assert!(page.contains(notice), "{format} lacks {notice}:\n{page}");
        }
    }
    // Without Texas, or without the sale, nothing is printed.
    let (_dir, california) = base_with(|t| sells(t).replace(", us-tx]", "]"));
    let page = stdout(&policyc(&["render", &california, "--format", "md"]));
    assert!(!page.contains("NOTICE: We may sell"), "{page}");
    // A page template of one's own must print them.
    let (dir, file) = base_with(sells);
    let templates = dir.path().join("templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("page.html"),
        "<h1>{{ title }}</h1><p>{{ last_updated.text }}</p>{{ lead | safe }}",
    )
    .unwrap();
    let (_, found, _) = rules_found(&[&file, "--today", TODAY]);
    assert!(found.contains(&"tx-sale-notice".to_string()), "{found:?}");
}

#[test]
fn no_law_s_rule_fires_the_day_before_its_law_applies() {
    let mut failures = Vec::new();
    for rule in RULES.iter().filter(|r| matches!(r.kind, Kind::Lint(_))) {
        let Some(pack) = rule.pack else { continue };
        let from: jiff::civil::Date = pack.as_of.parse().unwrap();
        let before = from.yesterday().unwrap().to_string();
        let fires = format!("tests/check/{}/fires/policy.yaml", rule.id);
        let (_, found, _) = rules_found(&[&fires, "--today", &before]);
        if found.iter().any(|r| r == rule.id.as_str()) {
            failures.push(format!("{} fired on {before}", rule.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
