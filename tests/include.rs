//! Fragments: facts several policies share, written once in a `_*.yaml` file.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{code, policyc, render, stderr};

#[test]
fn a_policy_uses_the_organization_contacts_and_vars_of_its_fragment() {
    let txt = render("tests/fixtures/include/policy.yaml", "txt", &[]);
    assert!(
        txt.contains("Acme Widgets, LLC runs https://acme.example."),
        "{txt}"
    );
    assert!(
        txt.contains("Acme Privacy Desk\nEmail: privacy@acme.example"),
        "{txt}"
    );
}

#[test]
fn unused_contacts_of_a_fragment_are_not_warned_about() {
    let out = policyc(&["render", "tests/fixtures/include/policy.yaml"]);
    assert_eq!(code(&out), 0);
    assert!(!stderr(&out).contains("press"), "{}", stderr(&out));
}

#[test]
fn a_fact_defined_twice_is_an_error_at_the_policy() {
    let out = policyc(&["render", "tests/fixtures/include/conflict.yaml"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("conflict.yaml:5:9"), "{err}");
    assert!(
        err.contains("`organization` is defined here and in tests/fixtures/include/_company.yaml")
    );
    assert!(
        err.contains("contact `privacy` is defined here and in"),
        "{err}"
    );
}

#[test]
fn a_missing_fragment_is_reported_at_the_include_entry() {
    let out = policyc(&["render", "tests/fixtures/include/missing.yaml"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2);
    assert!(err.contains("missing.yaml:3:11"), "{err}");
    assert!(err.contains("cannot include `_nowhere.yaml`"), "{err}");
}

#[test]
fn a_problem_in_a_fragment_is_reported_in_the_fragment() {
    let out = policyc(&["render", "tests/fixtures/include/broken-fragment.yaml"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2);
    assert!(
        err.contains("tests/fixtures/include/_broken.yaml:3:5"),
        "{err}"
    );
    assert!(err.contains("did you mean `email`?"), "{err}");
}

#[test]
fn build_skips_fragments_but_policies_include_them() {
    let dir = tempfile::tempdir().unwrap();
    let policies = dir.path().join("policies");
    std::fs::create_dir(&policies).unwrap();
    for f in ["_company.yaml", "policy.yaml"] {
        std::fs::copy(common::fixture(&format!("include/{f}")), policies.join(f)).unwrap();
    }
    let out = common::policyc_in(dir.path(), &["build"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mut built: Vec<_> = std::fs::read_dir(dir.path().join("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    built.sort();
    assert_eq!(built, ["cookies.html", "cookies.md", "cookies.txt"]);
}

#[test]
fn a_var_defined_in_two_fragments_is_reported_at_the_second_include() {
    let out = policyc(&["render", "tests/fixtures/include/vars-twice.yaml"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("vars-twice.yaml:6:5"), "{err}");
    assert!(
        err.contains("var `site` of tests/fixtures/include/_vars-a.yaml is defined here and in tests/fixtures/include/_vars-b.yaml"),
        "{err}"
    );
}
