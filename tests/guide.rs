//! The book's examples: every `console` example that runs policyc on this
//! repository's own files shows what policyc prints today.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::fs;

use common::{policyc, root, stderr, stdout};

/// A command the test can run as written: no shell (quotes, pipes,
/// redirections), and every file it names is one of this repository's.
fn runnable(args: &[&str]) -> bool {
    if args
        .iter()
        .any(|a| a.contains(['"', '\'', '|', '>', '<', '~', '$']))
    {
        return false;
    }
    let files: Vec<&&str> = args
        .iter()
        .filter(|a| a.contains('/') || a.ends_with(".yaml"))
        .collect();
    args.contains(&"--explain")
        || !files.is_empty()
            && files
                .iter()
                .all(|f| f.starts_with("tests/") && root().join(f).exists())
}

#[test]
fn every_runnable_console_example_in_the_guide_prints_what_it_shows() {
    let mut checked = 0;
    let mut stale = Vec::new();
    let mut pages: Vec<_> = fs::read_dir(root().join("guide"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    for page in pages {
        let text = fs::read_to_string(&page).unwrap();
        for block in text.split("```console\n").skip(1) {
            let Some((command, rest)) = block.split_once('\n') else {
                continue;
            };
            let Some(command) = command.strip_prefix("$ policyc ") else {
                continue;
            };
            let shown = rest.split("```").next().unwrap();
            let args: Vec<&str> = command.split_whitespace().collect();
            if !runnable(&args) {
                continue;
            }
            let out = policyc(&args);
            let printed = stdout(&out) + &stderr(&out);
            checked += 1;
            if printed != shown {
                stale.push(format!(
                    "{}: policyc {command}\n--- shown\n{shown}--- printed\n{printed}",
                    page.display()
                ));
            }
        }
    }
    assert!(checked >= 10, "only {checked} examples found to run");
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}
