//! Bad input, one fixture per kind: each must exit 2 with a message that names
//! the file, line and column, says what is wrong and suggests a fix, and must
//! not panic. The full messages are snapshots, reviewed when they change.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{code, fixture, policyc, stderr};

/// Renders a fixture from tests/fixtures/errors and returns stderr, after
/// checking the exit code and that nothing panicked.
fn fails(name: &str) -> String {
    let path = format!("tests/fixtures/errors/{name}.yaml");
    let out = policyc(&["render", &path, "--format", "md"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{name}: expected exit 2, stderr:\n{err}");
    assert!(out.stdout.is_empty(), "{name}: nothing may reach stdout");
    assert!(!err.contains("panicked"), "{name} panicked:\n{err}");
    assert!(
        err.contains("help:"),
        "{name}: every error gives a hint:\n{err}"
    );
    insta::assert_snapshot!(format!("error-{name}"), err);
    err
}

/// Asserts that the message points at `line:col` of the fixture and says `what`.
fn points_at(name: &str, at: &str, what: &str) {
    let err = fails(name);
    let place = format!("tests/fixtures/errors/{name}.yaml:{at}");
    assert!(err.contains(&place), "{name}: expected {place} in\n{err}");
    assert!(err.contains(what), "{name}: expected {what:?} in\n{err}");
}

#[test]
fn yaml_syntax_error_points_at_the_open_quote() {
    points_at(
        "syntax",
        "14:37",
        "the quote opened on line 2 may not be closed",
    );
}

#[test]
fn tab_indentation_is_explained() {
    points_at(
        "tab-indent",
        "4:1",
        "a tab character where YAML expects spaces",
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    points_at("unknown-key", "2:1", "unknown key `titel`");
    assert!(fails("unknown-key").contains("did you mean `title`?"));
}

#[test]
fn misspelt_nested_key_suggests_the_nearest() {
    points_at("misspelt-nested-key", "9:5", "did you mean `email`?");
}

#[test]
fn wrong_type_names_what_was_expected() {
    points_at(
        "wrong-type",
        "22:18",
        "expected `true` or `false`, found `maybe`",
    );
}

#[test]
fn impossible_date_is_refused() {
    points_at("impossible-date", "6:14", "February 2024 has no day 30");
}

#[test]
fn unknown_reference_points_into_the_body() {
    points_at("unknown-ref", "17:18", "unknown section id `cookeis`");
    assert!(fails("unknown-ref").contains("did you mean `cookies`?"));
}

#[test]
fn unknown_contact_points_into_the_body() {
    points_at("unknown-contact", "14:25", "unknown contact `privcy`");
    assert!(fails("unknown-contact").contains("did you mean `privacy`?"));
}

#[test]
fn unknown_variable_suggests_the_field() {
    points_at("unknown-variable", "17:19", "unknown field `nmae`");
    assert!(fails("unknown-variable").contains("did you mean `name`?"));
}

#[test]
fn unknown_function_suggests_the_function() {
    points_at("unknown-function", "17:19", "unknown function `reff`");
    assert!(fails("unknown-function").contains("did you mean `ref`?"));
}

#[test]
fn duplicate_ids_name_the_first() {
    points_at("duplicate-id", "15:9", "the id `intro` is used twice");
    assert!(fails("duplicate-id").contains("the first is on line 11"));
}

#[test]
fn unknown_ccpa_category_suggests_the_key() {
    points_at("unknown-category", "20:17", "did you mean `identifiers`?");
}

#[test]
fn empty_file_says_what_a_policy_needs() {
    let err = fails("empty");
    assert!(err.contains("tests/fixtures/errors/empty.yaml:1:1"));
    assert!(err.contains("the file is empty"));
}

#[test]
fn list_instead_of_mapping() {
    points_at("list-not-mapping", "1:1", "expected a mapping");
}

#[test]
fn alias_bomb_stops_quickly() {
    points_at("alias-bomb", "13:", "YAML aliases here expand to more than");
}

#[test]
fn all_problems_of_a_file_in_one_run() {
    let err = fails("many-problems");
    for what in [
        "many-problems.yaml:6:14",
        "has no month 13",
        "many-problems.yaml:15:9",
        "the id `intro` is used twice",
        "many-problems.yaml:17:18",
        "unknown section id `cookeis`",
        "unknown contact `legal`",
    ] {
        assert!(err.contains(what), "expected {what:?} in\n{err}");
    }
}

#[test]
fn binary_garbage_is_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.yaml");
    let bytes: Vec<u8> = (0..512u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&path, bytes).unwrap();
    let out = policyc(&["render", path.to_str().unwrap(), "--format", "txt"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("garbage.yaml:1:"), "{err}");
    assert!(
        err.contains("not UTF-8") || err.contains("NUL byte"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn missing_file_is_an_error_not_a_panic() {
    let out = policyc(&["render", "no/such/policy.yaml"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("cannot read no/such/policy.yaml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = policyc(&[
        "render",
        &fixture("render/numbering.yaml").to_string_lossy(),
        "--format",
        "pdf",
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("invalid value 'pdf'"));
}

#[test]
fn all_yaml_problems_of_a_file_in_one_run() {
    let err = fails("many-yaml-problems");
    for what in [
        "many-yaml-problems.yaml:2:1",
        "unknown key `titel`",
        "many-yaml-problems.yaml:5:3",
        "many-yaml-problems.yaml:8:3",
        "unknown value `identifer`",
        "many-yaml-problems.yaml:12:18",
        "found `yes`",
        "many-yaml-problems.yaml:15:13",
    ] {
        assert!(err.contains(what), "expected {what:?} in\n{err}");
    }
    // `title` was suggested for `titel`; "missing key `title`" would say it twice.
    assert!(!err.contains("missing key `title`"), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error")).count(),
        7,
        "{err}"
    );
}

#[test]
fn an_unknown_value_of_several_words_is_one_error_not_two() {
    // Reading on past "very long" once left "long long", a value the file
    // does not have, reported as a second unknown value.
    let err = fails("unknown-value-words");
    assert!(err.contains("unknown value `very long`"), "{err}");
    assert!(
        err.contains("unknown value `personal identifiers`"),
        "{err}"
    );
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error")).count(),
        2,
        "{err}"
    );
}

#[test]
fn a_key_indented_less_than_its_siblings_is_named_at_its_own_line() {
    // Once reported as "missing key `title`" at the item's first line.
    points_at(
        "key-under-indented",
        "12:4",
        "line it up with `id`: 4 spaces",
    );
    let err = fails("key-under-indented");
    assert!(!err.contains("missing key"), "{err}");
}

#[test]
fn a_short_line_of_a_block_text_is_lined_up_with_the_text_not_the_key() {
    // Once told to line it up with `body`, which made it worse.
    points_at(
        "text-line-short",
        "12:6",
        "line it up with the text above: 6 spaces before it, where it has 5",
    );
}

#[test]
fn a_list_item_off_by_a_space_is_lined_up_with_the_item_before_it() {
    // Once told to line it up with `body`, the last key above it.
    points_at(
        "list-item-off",
        "11:4",
        "line up its `-` with the `-` on line 8: 2 spaces before it, where it has 3",
    );
}

#[test]
fn template_loops_and_range_are_refused() {
    let err = fails("template-loop");
    assert!(err.contains("template-loop.yaml:12:10"), "{err}");
    assert!(
        err.contains("`{% for %}` is not available in policy text"),
        "{err}"
    );
    assert!(err.contains("template-loop.yaml:15:15"), "{err}");
    assert!(
        err.contains("the function `range()` is not available in policy text"),
        "{err}"
    );
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error")).count(),
        2,
        "{err}"
    );
}

#[test]
fn an_undefined_alias_is_explained_as_a_value_starting_with_a_star() {
    let err = fails("undefined-alias");
    assert!(err.contains("undefined-alias.yaml:8:11"), "{err}");
    assert!(err.contains("a value starts with `*`"), "{err}");
    assert!(!err.contains("100000"), "{err}");
}

#[test]
fn yaml_tags_are_refused() {
    let err = fails("yaml-tag");
    assert!(err.contains("yaml-tag.yaml:5:7"), "{err}");
    assert!(
        err.contains("the YAML tag `!!binary` is not used in policies"),
        "{err}"
    );
}

#[test]
fn a_second_document_is_refused() {
    let err = fails("two-documents");
    assert!(err.contains("two-documents.yaml:5:1"), "{err}");
    assert!(err.contains("more than one YAML document"), "{err}");
    assert!(!err.contains("from_str"), "{err}");
}

#[test]
fn type_errors_speak_plain_words() {
    let err = fails("negative-number");
    assert!(err.contains("expected a whole number"), "{err}");
    for rust in ["u32", "Option<", "invalid type"] {
        assert!(!err.contains(rust), "{rust} reached the user: {err}");
    }
}

#[test]
fn a_problem_in_a_title_is_reported_once() {
    let err = fails("title-error");
    assert_eq!(err.matches("unknown section id `nope`").count(), 1, "{err}");
}

#[test]
fn a_flat_file_over_the_value_budget_is_not_said_to_nest_too_deeply() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("flat.yaml");
    let items = "a,".repeat(1_100_000);
    std::fs::write(&path, format!("id: x\ntitle: X\ninclude: [{items}]\n")).unwrap();
    let out = policyc(&["render", &path.display().to_string()]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(
        err.contains("more YAML values than a policy needs"),
        "{err}"
    );
    assert!(!err.contains("nests too deeply"), "{err}");
}

#[test]
fn a_body_starting_with_an_ampersand_is_not_silently_cut() {
    let err = fails("ampersand-start");
    assert!(err.contains("ampersand-start.yaml:8:11"), "{err}");
    assert!(err.contains("a value starts with `&`"), "{err}");
    assert!(err.contains("`body: |`"), "{err}");
}

#[test]
fn a_body_starting_with_a_pipe_says_to_quote_it_or_start_a_block() {
    let err = fails("pipe-start");
    assert!(err.contains("pipe-start.yaml:8:11"), "{err}");
    assert!(err.contains("a value starts with `|` or `>`"), "{err}");
}

#[test]
fn a_colon_in_a_value_says_to_quote_it_and_shows_how() {
    points_at(
        "colon-in-value",
        "13:19",
        "a value has `: ` in it, which YAML reads as the start of another key",
    );
    assert!(
        fails("colon-in-value")
            .contains(r#"help: put the value in quotes: title: "Cookies: what we use""#)
    );
}

#[test]
fn an_under_indented_line_names_the_key_to_line_up_with() {
    points_at(
        "under-indented",
        "15:4",
        "this line is indented less than `body` on line 14 above it",
    );
    assert!(
        fails("under-indented")
            .contains("line it up with `body`: 4 spaces before it, where it has 3")
    );
}

#[test]
fn a_tab_is_reported_on_its_own_line() {
    points_at(
        "tab-in-section",
        "14:1",
        "a tab character where YAML expects spaces",
    );
}

#[test]
fn curly_quotes_in_a_template_are_named_as_such_and_nothing_else_is_reported() {
    points_at(
        "curly-quotes",
        "17:21",
        "curly quotes (“ ”) inside `{{ }}`: a template needs straight quotes",
    );
    let err = fails("curly-quotes");
    assert!(
        err.contains(r#"write {{ contact(id="privacy") }}"#),
        "{err}"
    );
    assert!(
        !err.contains("contact-unused"),
        "one mistake, one finding:\n{err}"
    );
}

#[test]
fn a_reference_by_title_suggests_the_sections_id() {
    points_at(
        "ref-by-title",
        "14:31",
        "`ref` takes the id as `id=\"...\"`, not a text",
    );
    assert!(fails("ref-by-title").contains(
        r#"write {{ ref(id="contact") }}: `contact` is the id of the section titled "Contact""#
    ));
    // A text that is no section's title or id gets the ids, not a guess
    // that fails again.
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/errors/ref-by-title.yaml"))
            .unwrap()
            .replace(r#"{{ ref("Contact") }}"#, r#"{{ ref("Some Title") }}"#);
    std::fs::write(dir.path().join("p.yaml"), text).unwrap();
    let err = stderr(&common::policyc_in(dir.path(), &["render", "p.yaml"]));
    assert!(
        err.contains("with the id of a section; the ids are: "),
        "{err}"
    );
    assert!(!err.contains(r#"ref(id="Some Title")"#), "{err}");
}

#[test]
fn single_braces_that_read_as_a_template_are_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/errors/ref-by-title.yaml"))
            .unwrap()
            .replace(r#"{{ ref("Contact") }}"#, r#"{ ref(id="contact") }"#);
    std::fs::write(dir.path().join("p.yaml"), text).unwrap();
    let out = common::policyc_in(dir.path(), &["render", "p.yaml", "--format", "txt"]);
    assert_eq!(code(&out), 0);
    let err = stderr(&out);
    assert!(err.contains("warning[single-braces]"), "{err}");
    assert!(err.contains("p.yaml:14:31"), "{err}");
    assert!(
        err.contains(r#"a template takes double braces: {{ ref(id="contact") }}"#),
        "{err}"
    );
}

/// Renders `text` as a policy file and returns stderr.
fn stderr_of(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.yaml"), text).unwrap();
    let out = common::policyc_in(dir.path(), &["render", "p.yaml"]);
    assert_eq!(code(&out), 2);
    stderr(&out)
}

#[test]
fn the_layout_hints_stay_out_of_places_they_do_not_fit() {
    // A sibling key after a `|` text is not a short line of the text.
    let err = stderr_of(
        "id: demo\ntitle: Demo\norganization:\n  name: Acme\ndates:\n  effective: 2025-03-01\nsections:\n  - id: a\n    body: |\n      Text.\n    title: \"What\" we collect\n",
    );
    assert!(!err.contains("line of the text"), "{err}");
    // A title missing from the top, with sections in the compact list style:
    // a section's own title is not blamed.
    let err = stderr_of(
        "id: demo\norganization:\n  name: Acme\ndates:\n  effective: 2025-03-01\nsections:\n- id: collect\n  title: What we collect\n",
    );
    assert!(err.contains("missing key `title`"), "{err}");
    assert!(!err.contains("is indented"), "{err}");
}
