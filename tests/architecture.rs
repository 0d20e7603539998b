//! The shape of `src/`: every file says what it holds, no file grows past
//! what one can hold in one's head, and no top-level module imports one that
//! imports it back (the pipeline only ever looks upstream).
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src_files() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
            (rel, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The top-level module a file belongs to (`load/read.rs` is `load`).
fn module_of(rel: &str) -> String {
    let first = rel.split('/').next().unwrap();
    first.trim_end_matches(".rs").to_string()
}

/// The code of a file without its unit tests, which may use anything.
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

#[test]
fn every_file_says_what_it_holds_and_stays_short() {
    for (rel, text) in src_files() {
        assert!(
            text.starts_with("//!"),
            "{rel} does not start with a `//!` line"
        );
        let lines = without_tests(&text).lines().count();
        assert!(
            lines <= 650,
            "{rel} has {lines} lines of code (tests aside)"
        );
    }
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, text) in src_files() {
        let module = module_of(&rel);
        if module == "lib" || module == "main" {
            continue;
        }
        let code = without_tests(&text);
        let mut used = BTreeSet::new();
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group[..group.find('}').unwrap_or(group.len())]
                    .split(',')
                    .map(|n| n.trim().split("::").next().unwrap_or(""))
                    .collect(),
                None => vec![
                    rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                        .next()
                        .unwrap(),
                ],
            };
            for name in names {
                // `crate::compile(...)` and `crate::Compilation` are the lib's re-exports of `compile`.
                let name = if name == "Compilation" {
                    "compile"
                } else {
                    name
                };
                if !name.is_empty() && name != module && name != "self" {
                    used.insert(name.to_string());
                }
            }
        }
        deps.entry(module).or_default().extend(used);
    }
    // Depth-first search for a path back to where it started.
    fn back(
        deps: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        let here = path.last().unwrap().clone();
        for next in deps.get(&here).into_iter().flatten() {
            if *next == path[0] {
                let mut circle = path.clone();
                circle.push(next.clone());
                found.push(circle);
            } else if !path.contains(next) {
                path.push(next.clone());
                back(deps, path, found);
                path.pop();
            }
        }
    }
    let mut circles = Vec::new();
    for module in deps.keys() {
        back(&deps, &mut vec![module.clone()], &mut circles);
    }
    assert!(
        circles.is_empty(),
        "modules import each other: {}",
        circles
            .iter()
            .map(|c| c.join(" -> "))
            .collect::<Vec<_>>()
            .join("; ")
    );
}
