//! The editor schema: generated from the source types, kept current in
//! policy.schema.json, and checking what policyc accepts.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{code, policyc, python_with_jsonschema, require, root, stdout};

#[test]
fn policy_schema_json_is_current() {
    let generated = stdout(&policyc(&["schema"]));
    let committed = std::fs::read_to_string(root().join("policy.schema.json")).unwrap();
    assert!(
        generated == committed,
        "policy.schema.json is stale: run `cargo run -- schema > policy.schema.json`"
    );
}

#[test]
fn schema_is_strict_and_typed() {
    let schema: serde_json::Value = serde_json::from_str(&stdout(&policyc(&["schema"]))).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    let defs = &schema["definitions"];
    assert_eq!(defs["CcpaRow"]["additionalProperties"], false);
    assert_eq!(
        defs["CcpaRow"]["properties"]["collected"]["type"],
        "boolean"
    );
    let categories = defs["Category"]["oneOf"].as_array().unwrap();
    assert_eq!(categories.len(), 12);
    assert!(categories.iter().all(|c| c["description"].is_string()));
    assert!(defs["Right"].to_string().contains("non-discrimination"));
    assert!(defs["DateFormat"].to_string().contains("month-year"));
    // Every property of every definition has a description.
    for (name, def) in defs.as_object().unwrap() {
        for (key, prop) in def["properties"].as_object().into_iter().flatten() {
            assert!(
                prop["description"].is_string(),
                "{name}.{key} has no description"
            );
        }
    }
    for (key, prop) in schema["properties"].as_object().unwrap() {
        assert!(prop["description"].is_string(), "{key} has no description");
    }
}

#[test]
fn every_policy_file_names_the_schema() {
    let text = std::fs::read_to_string(root().join("policies/privacy.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../policy.schema.json\n"));
}

#[test]
fn schema_accepts_the_example_and_rejects_a_misspelt_key() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    let text = std::fs::read_to_string(root().join("policies/privacy.yaml")).unwrap();
    std::fs::write(&bad, text.replace("  legal_name:", "  legal_nmae:")).unwrap();
    let Some(python) = require(
        "python3 with jsonschema and PyYAML",
        python_with_jsonschema(),
    ) else {
        return;
    };
    let out = std::process::Command::new(python)
        .arg(root().join("tests/support/validate_schema.py"))
        .arg(root().join("policy.schema.json"))
        .arg(root().join("policies/privacy.yaml"))
        .arg(&bad)
        .arg(root().join("tests/corpus/base.yaml"))
        .output()
        .unwrap();
    assert_ne!(code(&out), 3, "{}", common::stderr(&out));
    let report = stdout(&out);
    let lines: Vec<&str> = report.lines().collect();
    assert!(lines[0].starts_with("ok "), "{report}");
    assert!(
        lines[1].starts_with("invalid ") && lines[1].contains("legal_nmae"),
        "{report}"
    );
    assert!(lines[2].starts_with("ok "), "{report}");
}
