//! Hostile input and durability: limits that stop quickly, outputs that are
//! byte-identical whatever the time zone or the order files are found in, and
//! builds that leave every previous output whole when they fail or are killed.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{code, policyc_in, root, stderr, stdout};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// Runs policyc, killing it if it has not ended within a minute: a guard
/// against a hang, not a measure of speed (benches/README.md has the times).
fn policyc_guarded(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("policyc {args:?} did not end within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Runs `policyc render` on a file and checks it is refused with `what`.
fn refused_quickly(path: &str, what: &str) {
    let out = policyc_guarded(&["render", path, "--format", "txt"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains(what), "{}", stderr(&out));
}

const HEAD: &str = "id: x\ntitle: X\norganization: {name: X}\ndates: {effective: 2025-01-01}\n";

#[test]
fn deep_nesting_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(HEAD);
    text.push_str("sections:\n");
    for depth in 0..200 {
        let pad = "  ".repeat(depth * 2);
        text.push_str(&format!(
            "{pad}- id: s{depth}\n{pad}  title: T\n{pad}  sections:\n"
        ));
    }
    let path = write(dir.path(), "deep.yaml", &text);
    refused_quickly(&path, "nests too deeply");
    let flow = format!("{HEAD}vars: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    let path = write(dir.path(), "flow.yaml", &flow);
    let out = policyc_guarded(&["render", &path]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn huge_files_are_refused_once_the_limit_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let file = fs::File::create(&path).unwrap();
    file.set_len(17 * 1024 * 1024).unwrap();
    refused_quickly(
        path.to_str().unwrap(),
        "more than the limit of 16777216 bytes",
    );
}

#[test]
fn a_runaway_text_expansion_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    // 3,000 contact blocks of 1.5 KB each in one text: more than 4 MiB.
    let mut text = format!(
        "{HEAD}contacts:\n  c:\n    name: {}\n    email: a@b.example\n",
        "N".repeat(1500)
    );
    text.push_str(&format!(
        "lead: \"{}\"\n",
        "{{ contact(id='c') }}".repeat(3000)
    ));
    let path = write(dir.path(), "big.yaml", &text);
    refused_quickly(&path, "expands to more than 4194304 bytes");
}

#[test]
fn templates_that_would_grow_without_bound_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let doubling = "{% set x = x ~ x %}".repeat(40);
    let replaces = "| replace(from='a', to='aaaaaaaaaa') ".repeat(30);
    for (name, lead, what) in [
        (
            "set.yaml",
            format!("{{% set x = 'a' %}}{doubling}{{{{ x }}}}"),
            "`{% set %}`",
        ),
        (
            "replace.yaml",
            format!("{{{{ 'a' {replaces} }}}}"),
            "`replace` filter",
        ),
        ("join.yaml", "{{ x ~ x ~ x }}".to_string(), "`~`"),
    ] {
        let path = write(dir.path(), name, &format!("{HEAD}lead: {lead:?}\n"));
        refused_quickly(&path, what);
    }
}

#[test]
fn a_large_value_used_in_every_section_is_stopped_in_all() {
    let dir = tempfile::tempdir().unwrap();
    // 3.9 MB used in 200 sections: each text is under the 4 MiB limit, the
    // whole is 780 MB.
    let mut text = format!(
        "{HEAD}vars:\n  big: \"{}\"\nsections:\n",
        "x".repeat(3_900_000)
    );
    for i in 0..200 {
        text.push_str(&format!(
            "  - {{id: s{i}, title: S, body: \"{{{{ vars.big }}}}\"}}\n"
        ));
    }
    let path = write(dir.path(), "wide.yaml", &text);
    refused_quickly(&path, "expand to more than 16777216 bytes in all");
}

#[test]
fn outputs_do_not_depend_on_the_time_zone() {
    let render = |tz: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
            .args(["render", "policies/privacy.yaml", "--format", "html"])
            .current_dir(root())
            .env("TZ", tz)
            .output()
            .unwrap();
        stdout(&out)
    };
    assert_eq!(render("UTC"), render("Pacific/Kiritimati"));
    assert_eq!(render("UTC"), render("America/Los_Angeles"));
}

#[test]
fn outputs_do_not_depend_on_the_order_files_are_found() {
    let builds: Vec<Vec<(String, Vec<u8>)>> = [["a", "b", "c"], ["c", "b", "a"]]
        .iter()
        .map(|order| {
            let dir = tempfile::tempdir().unwrap();
            fs::create_dir(dir.path().join("policies")).unwrap();
            let base = fs::read_to_string(root().join("policies/privacy.yaml")).unwrap();
            for name in order {
                fs::write(
                    dir.path().join(format!("policies/{name}.yaml")),
                    base.replace("id: privacy", &format!("id: {name}")),
                )
                .unwrap();
            }
            let out = policyc_in(dir.path(), &["build"]);
            assert_eq!(code(&out), 0);
            let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir.path().join("dist"))
                .unwrap()
                .map(|e| {
                    let e = e.unwrap();
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        fs::read(e.path()).unwrap(),
                    )
                })
                .collect();
            files.sort();
            files
        })
        .collect();
    assert_eq!(builds[0], builds[1]);
    assert_eq!(builds[0].len(), 9);
}

#[test]
fn a_killed_build_leaves_every_output_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("policies")).unwrap();
    let base = fs::read_to_string(root().join("policies/privacy.yaml")).unwrap();
    let big: String = (0..400)
        .map(|i| {
            format!(
                "  - id: extra-{i}\n    title: Extra {i}\n    body: {}\n",
                "Words of a long section. ".repeat(40)
            )
        })
        .collect();
    let version = |n: u32| {
        base.replace(
            "title: Privacy Policy",
            &format!("title: Privacy Policy v{n}"),
        )
        .replacen("\nsections:\n", &format!("\nsections:\n{big}"), 1)
    };
    for i in 0..12 {
        fs::write(
            d.join(format!("policies/p{i:02}.yaml")),
            version(1).replace("id: privacy", &format!("id: p{i:02}")),
        )
        .unwrap();
    }
    assert_eq!(code(&policyc_in(d, &["build"])), 0);
    let old: Vec<Vec<u8>> = (0..12)
        .map(|i| fs::read(d.join(format!("dist/p{i:02}.html"))).unwrap())
        .collect();
    for i in 0..12 {
        fs::write(
            d.join(format!("policies/p{i:02}.yaml")),
            version(2).replace("id: privacy", &format!("id: p{i:02}")),
        )
        .unwrap();
    }
    for delay_ms in [5, 20, 60, 120] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
            .arg("build")
            .current_dir(d)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for (i, before) in old.iter().enumerate() {
            let now = fs::read(d.join(format!("dist/p{i:02}.html"))).unwrap();
            let text = String::from_utf8_lossy(&now);
            assert!(
                now == *before
                    || (text.contains("Privacy Policy v2") && text.trim_end().ends_with("</html>")),
                "p{i:02}.html is half written after a kill at {delay_ms} ms"
            );
        }
    }
}
