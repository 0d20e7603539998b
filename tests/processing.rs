//! The `processing` facts end to end: references checked at their line,
//! the table `processing_table()` prints, and the GDPR and appeal rules.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::fs;

use common::*;

const FIXTURE: &str = "tests/check/gdpr-rights/passes/policy.yaml";

/// The passing GDPR fixture with `edit` applied, in a temporary folder.
fn edited(edit: impl Fn(String) -> String) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(root().join(FIXTURE)).unwrap();
    let path = dir.path().join("policy.yaml");
    fs::write(&path, edit(text)).unwrap();
    (dir, path.to_str().unwrap().to_string())
}

fn check(path: &str) -> (i32, String) {
    let out = policyc(&["check", path, "--today", "2025-06-01"]);
    (code(&out), format!("{}{}", stdout(&out), stderr(&out)))
}

/// The rule of each finding `check` makes of a fixture with its
/// jurisdictions replaced by `laws`, on `today`.
fn rules_with(fixture: &str, laws: &str, today: &str) -> Vec<String> {
    let text = fs::read_to_string(root().join(fixture)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.yaml");
    fs::write(&path, text.replace("[us-co]", laws)).unwrap();
    let out = policyc(&[
        "check",
        path.to_str().unwrap(),
        "--today",
        today,
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn an_undefined_purpose_is_named_at_its_line_with_the_nearest_id() {
    let (_dir, path) = edited(|t| {
        t.replace(
            "purposes: [service, security, news]",
            "purposes: [servce, security, news]",
        )
    });
    let (exit, out) = check(&path);
    assert_eq!(exit, 2, "{out}");
    assert!(out.contains("unknown purpose `servce`"), "{out}");
    assert!(out.contains("policy.yaml:54:18"), "{out}");
    assert!(out.contains("did you mean `service`"), "{out}");
    let (_dir, path) = edited(|t| t.replace("  dpo: dpo\n", "  dpo: dop\n"));
    let (exit, out) = check(&path);
    assert_eq!(exit, 2, "{out}");
    assert!(out.contains("unknown contact `dop`"), "{out}");
}

#[test]
fn the_processing_table_prints_each_kind_of_data_with_basis_and_safeguard() {
    let html = render(FIXTURE, "html", &[]);
    for words in [
        "What we use it for",
        "Running the service (on the basis of our contract with you)",
        "Sending the newsletter (on the basis of your consent)",
        "Our email provider (in the United States, under standard contractual clauses)",
        "While your account is open",
        "you must provide it to use the service",
    ] {
        assert!(html.contains(words), "{words:?} not in:\n{html}");
    }
    let (_dir, path) = edited(|t| t.replace("Name and email address", "Name | email"));
    let html = stdout(&policyc(&["render", &path, "--format", "html"]));
    assert!(
        html.contains("<td>Name | email"),
        "a pipe stays in its cell: {html}"
    );
}

#[test]
fn a_transfer_needs_a_safeguard_and_adequacy_only_where_there_is_a_decision() {
    let (_dir, path) = edited(|t| {
        t.replace(
            "country: the United States\n      safeguard: scc",
            "country: India\n      safeguard: adequacy",
        )
    });
    let (exit, out) = check(&path);
    assert_eq!(exit, 1, "{out}");
    assert!(
        out.contains("there is no adequacy decision for India"),
        "{out}"
    );
    let (_dir, path) = edited(|t| {
        t.replace(
            "country: the United States\n      safeguard: scc",
            "country: Japan\n      safeguard: adequacy",
        )
    });
    assert_eq!(check(&path).0, 0);
    // Under the UK GDPR alone, a recipient in the EEA is no transfer to justify.
    let (_dir, path) = edited(|t| {
        t.replace("[eu-gdpr]", "[uk-gdpr]").replace(
            "country: the United States\n      safeguard: scc\n      copy: privacy\n",
            "country: France\n",
        )
    });
    let (exit, out) = check(&path);
    assert!(!out.contains("gdpr-transfer"), "{out}");
    assert_eq!(exit, 0, "{out}");
}

#[test]
fn several_states_without_an_appeal_process_give_one_finding() {
    let rules = rules_with(
        "tests/check/co-appeal/fires/policy.yaml",
        "[us-co, us-ct, us-tx, us-mn]",
        "2025-08-01",
    );
    assert_eq!(rules, ["co-appeal"]);
}

#[test]
fn a_ccpa_row_names_a_purpose_or_recipient_by_its_processing_id() {
    let base = fs::read_to_string(root().join("tests/corpus/base.yaml")).unwrap();
    let text = base
        .replacen(
            "purposes: [Running the service, Security]",
            "purposes: [service, Security]",
            1,
        )
        .replacen(
            "recipients: [Hosting providers]",
            "recipients: [hosting]",
            1,
        )
        + "processing:\n  purposes:\n    - id: service\n      name: Running the Acme service\n  recipients:\n    - id: hosting\n      name: Our hosting provider\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.yaml");
    fs::write(&path, text).unwrap();
    let html = stdout(&policyc(&[
        "render",
        path.to_str().unwrap(),
        "--format",
        "html",
    ]));
    assert!(html.contains("Running the Acme service"), "{html}");
    assert!(html.contains("Our hosting provider"), "{html}");
    assert!(
        html.contains("Security"),
        "text that is no id prints as written"
    );
}

#[test]
fn a_confirmed_states_appeal_rule_is_reported_before_an_unconfirmed_ones_warning() {
    let text = fs::read_to_string(root().join("tests/check/co-appeal/fires/policy.yaml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.yaml");
    fs::write(&path, text.replace("[us-co]", "[us-va, us-ct]")).unwrap();
    let out = policyc(&["check", path.to_str().unwrap(), "--today", "2025-06-01"]);
    let err = stderr(&out) + &stdout(&out);
    assert_eq!(code(&out), 1, "{err}");
    assert!(err.contains("error[ct-appeal]"), "{err}");
    assert!(
        !err.contains("va-appeal"),
        "one mistake, one finding: {err}"
    );
}

#[test]
fn the_data_privacy_framework_is_for_the_united_states_and_uk_is_the_united_kingdom() {
    let (_dir, path) = edited(|t| {
        t.replace(
            "country: the United States\n      safeguard: scc",
            "country: India\n      safeguard: dpf",
        )
    });
    let (exit, out) = check(&path);
    assert_eq!(exit, 1, "{out}");
    assert!(
        out.contains("covers only the United States, not India"),
        "{out}"
    );
    let (_dir, path) = edited(|t| {
        t.replace(
            "country: the United States\n      safeguard: scc",
            "country: UK\n      safeguard: adequacy",
        )
    });
    assert_eq!(
        check(&path),
        (0, "checked 1 file: 0 errors, 0 warnings\n".into())
    );
}

#[test]
fn facts_no_output_shows_are_a_warning() {
    let (_dir, path) = edited(|t| {
        t.replace(
            "body: \"{{ processing_table() }}\"",
            "body: We collect what the table says.",
        )
    });
    let (exit, out) = check(&path);
    assert!(out.contains("warning[processing-table-unplaced]"), "{out}");
    assert_eq!(exit, 0, "{out}");
}

#[test]
fn targeted_advertising_in_several_states_needs_the_opt_out_once() {
    let rules = rules_with(
        "tests/check/co-opt-out/fires/policy.yaml",
        "[us-co, us-ct, us-tx]",
        "2025-06-01",
    );
    let opt_outs: Vec<&String> = rules.iter().filter(|r| r.ends_with("-opt-out")).collect();
    assert_eq!(opt_outs, ["co-opt-out"]);
}
